"""Audit: where the published plan contradicts itself or leaves gaps, with the source value kept."""

import streamlit as st

from zhez import tables, ui
from zhez.audit import SEVERITIES

ui.page_start()

plan = ui.plan()
lang = ui.lang()
findings = ui.audit_findings()

st.title(ui.t("audit.title"))
st.write(ui.t("audit.intro"))

kinds = list(dict.fromkeys(findings["kind"]))
directions = list(plan.directions["id"])
names = tables.direction_names(plan, lang)
c1, c2, c3 = st.columns(3)
severity = c1.multiselect(
    ui.t("audit.filter_severity"),
    SEVERITIES,
    default=ui.query_list("sev", SEVERITIES),
    format_func=lambda s: ui.t(f"severity.{s}"),
    placeholder=ui.t("common.all"),
    key="audit-sev",
)
kind = c2.multiselect(
    ui.t("audit.filter_kind"),
    kinds,
    default=ui.query_list("kind", kinds),
    format_func=lambda k: ui.t(f"finding.{k}"),
    placeholder=ui.t("common.all"),
    key="audit-kind",
)
chosen = c3.multiselect(
    ui.t("filter.direction"),
    directions,
    default=ui.query_list("dir", directions),
    format_func=names.get,
    placeholder=ui.t("common.all"),
    key="audit-dir",
)
ui.set_query(sev=severity, kind=kind, dir=chosen)

frame = tables.findings_table(plan, findings, lang, severity, kind, chosen)
counts = frame["severity_key"].value_counts()
st.markdown(
    " · ".join(f"{tables.SEVERITY_ICONS[s]} **{ui.t(f'severity.{s}')}**: {int(counts.get(s, 0))}" for s in SEVERITIES)
)
by_list, by_table = st.tabs([ui.t("audit.tab_list"), ui.t("audit.tab_table")])
with by_list:
    ui.findings_list(frame)
with by_table:
    shown = frame.drop(columns=["severity_key"])
    ui.table(shown, height=560, key="audit")
    ui.downloads(shown, "audit", key="audit")
