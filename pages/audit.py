"""Audit: where the published plan contradicts itself or leaves gaps, with the source value kept."""

import streamlit as st

from zhez import tables, ui
from zhez.audit import SEVERITIES

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
st.title(ui.t("audit.title"))
st.write(ui.t("audit.intro"))
findings = ui.audit_findings(ui.edition_choice("ed", key="audit-ed"))  # by default the plan as amended so far

kinds = list(dict.fromkeys(findings["kind"]))
names = tables.direction_names(plan, lang)
c1, c2, c3 = st.columns(3)
severity = ui.multiselect(
    ui.t("audit.filter_severity"), SEVERITIES, "sev", lambda s: ui.t(f"severity.{s}"), key="audit-sev", container=c1
)
kind = ui.multiselect(
    ui.t("audit.filter_kind"), kinds, "kind", lambda k: ui.t(f"finding.{k}"), key="audit-kind", container=c2
)
chosen = ui.multiselect(ui.t("filter.direction"), list(names), "dir", names.get, key="audit-dir", container=c3)

frame = tables.findings_table(plan, findings, lang, severity, kind, chosen)
counts = frame["severity_key"].value_counts()
st.markdown(
    " · ".join(f"{tables.SEVERITY_ICONS[s]} **{ui.t(f'severity.{s}')}**: {int(counts.get(s, 0))}" for s in SEVERITIES)
)
# only the open tab is made and sent (a tab switch reruns)
by_list, by_table = st.tabs([ui.t("audit.tab_list"), ui.t("audit.tab_table")], key="audit-tab", on_change="rerun")
if by_list.open:
    with by_list:
        ui.findings_list(frame)
if by_table.open:
    with by_table:
        shown = frame.drop(columns=["severity_key"])
        ui.table(shown, height=560, key="audit")
        ui.table_downloads(shown, "audit", key="audit", sheet=ui.t("page.audit"))
