"""Overview: the plan in numbers, financing by year and direction, and the audit summary."""

import streamlit as st

from zhez import charts, ui
from zhez.markdown import escape
from zhez.summary import directions_overview, finding_counts, worst_findings

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
findings = ui.audit_findings()

st.title(ui.t("overview.title"))
st.caption(ui.t("overview.caption"))

counts = finding_counts(findings)
ui.kpis(
    [
        (
            ui.t("overview.indicators"),
            ui.number(len(plan.indicators)),
            ui.t("overview.in_directions", n=len(plan.directions)),
        ),
        (ui.t("overview.financing_total"), ui.money(plan.period_total()), ui.t("overview.printed_total_note")),
        (ui.t("overview.projects"), ui.number(len(plan.projects)), ui.t("overview.projects_note")),
        (
            ui.t("overview.audit_findings"),
            ui.number(len(findings)),
            ui.t(
                "overview.audit_split",
                errors=ui.t("count.errors", n=counts["error"]),
                warnings=ui.t("count.warnings", n=counts["warning"]),
            ),
        ),
    ]
)

ui.execution_cards()  # late projects and the year's money, from approved reports

st.subheader(ui.t("overview.directions"))
table = directions_overview(plan)
directions = plan.directions.set_index("id")
table["name"] = [ui.name(directions.loc[d]) for d in table["direction_id"]]
table["part"] = [ui.t(f"part.{p}") for p in table["part"]]
table["financing"] = [
    ui.money(v) if v is not None else ui.t("overview.no_financing") for v in table["financing_2026_2030"]
]
st.dataframe(
    table[["name", "part", "indicators", "goals", "financing"]],
    column_config={
        "name": ui.t("overview.col_direction"),
        "part": ui.t("overview.col_part"),
        "indicators": ui.t("overview.col_indicators"),
        "goals": ui.t("overview.col_goals"),
        "financing": ui.t("overview.col_financing"),
    },
    hide_index=True,
    width="stretch",
)

ui.chart(charts.financing_by_year(plan.financing, lang), key="financing")

st.subheader(ui.t("overview.audit_title"))
st.write(ui.t("overview.audit_intro"))
for message in worst_findings(findings, lang, limit=5):
    st.markdown(f"- ✖ {escape(message)}")
st.page_link(
    "pages/audit.py",
    label=ui.t("overview.audit_link", n=len(findings)),
    icon=":material/fact_check:",
    query_params={"lang": lang},
)
