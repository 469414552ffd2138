"""Indicator: the trajectory against the target path, the values as printed, and everything known about it."""

import streamlit as st

from zhez import charts, tables, ui
from zhez.actuals import is_percent
from zhez.ui import explanations

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
assessment = ui.assessment().set_index("indicator_id")
actuals = ui.recorded_actuals()
findings = ui.audit_findings()

ids = list(plan.indicators["id"])
labels = tables.indicator_labels(plan, lang)
indicator_id = ui.select(ui.t("indicator.pick"), ids, "ind", ids[0], labels.get, key="ind-select")
row = plan.indicator(indicator_id)
status = assessment.loc[indicator_id]
unit = tables.unit_text(plan, row, lang)

st.title(f"{row['code']} {ui.name(row)}".strip())
if lang != "kk":
    st.caption(ui.t("indicator.original", name=row["name_kk"]))
ui.status_line(status, tables.unit_in_sentence(plan, row, lang))
if note := tables.edition_note(plan, status, row, lang):  # which edition's target it is judged against
    st.caption(note)

with st.expander(ui.t("calc.heading"), icon=":material/calculate:"):  # ours and Open SDG's, to redo by hand
    ui.calculation(indicator_id, status)

own_findings = findings[findings["indicator_id"] == indicator_id]
if not own_findings.empty:
    st.warning(ui.t("indicator.has_findings", n=len(own_findings)), icon=":material/warning:")

data = charts.trajectory_data(
    plan.series(indicator_id),
    ui.observed().get(indicator_id, []),
    lang,
    tables.recorded_at_by_year(actuals, indicator_id),
    superseded=tables.superseded_paths(plan, indicator_id, lang),
    percent=is_percent(row["unit"]),
)
subtitle = f"{unit} · {ui.t('desired.' + row['desired'])} · {ui.t('chart.estimate_note')}"
ui.chart(ui.trajectory_chart(data, ui.name(row), subtitle, lang), key="ind-chart")
if data.attrs["superseded"]:
    st.caption(ui.t("chart.superseded_note"))
ui.sheet_downloads(indicator_id)

left, right = st.columns([2, 3])
with left:
    st.subheader(ui.t("indicator.facts"))
    st.markdown(tables.facts_markdown(plan, row, lang))
with right:
    st.subheader(ui.t("indicator.values"))
    ui.short_table(tables.indicator_values(plan, actuals, indicator_id, lang))

explanations.section(indicator_id)

st.subheader(ui.t("indicator.findings"))
if own_findings.empty:
    st.write(ui.t("indicator.no_findings"))
else:
    ui.findings_list(tables.findings_table(plan, own_findings, lang))

st.subheader(ui.t("indicator.projects"))
projects = tables.linked_projects(plan, indicator_id, lang)
if projects.empty:
    st.write(ui.t("indicator.no_projects"))
else:
    ui.short_table(projects)
