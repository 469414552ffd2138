"""Overview: are we on track? The plan's status by direction, the indicators furthest behind, the execution of
projects and money, finding any indicator by sector or name, the financing, and the plan's own inconsistencies
in plain words."""

import streamlit as st

from zhez import tables, ui
from zhez.i18n import kept_together
from zhez.markdown import escape
from zhez.plan import THEMES
from zhez.summary import finding_counts, furthest_behind, worst_findings

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
findings = ui.audit_findings()

st.title(kept_together(ui.t("overview.title")))  # "2026–" / "2030 годы" broke at 1366
st.caption(f"{ui.provenance().as_of()} · {ui.t('overview.caption')}")
ui.estimate_banner()

# ── are we on track: directions × statuses, each count opening that direction with that status ──
st.subheader(ui.t("ux.overview.status_title"))
st.caption(ui.t("ux.overview.status_intro"))
ui.status_table(ui.status_overview(), money_column=True)

# ── the indicators furthest behind, with the reason of each ──
worst = furthest_behind(ui.progress_rows(lang), limit=5)
st.subheader(ui.t("ux.overview.worst_title", n=len(worst)) if len(worst) else ui.t("ux.overview.worst_none"))
for row in worst.to_dict("records"):
    ui.indicator_link(row["indicator_id"], f"{row['status_label']} · {row['code']} {row['name']}")
    st.caption(row["explanation"])

# ── execution: late projects and the year's money, from approved reports ──
ui.execution_cards()

# ── any indicator, by sector or by name, across directions ──
st.subheader(ui.t("ux.overview.find_title"))
st.caption(ui.t("ux.overview.find_hint"))
in_plan = [s for s in THEMES if s in set(plan.indicators["theme"])]  # "unassigned" only once an edition brings one
themes = ui.pills(ui.t("ux.overview.theme"), in_plan, "theme", lambda s: ui.t(f"theme.{s}"), key="ov-theme")
search = ui.search(ui.t("ux.overview.search"), "q", key="ov-q")
if themes or search.strip():
    found = ui.progress_rows(lang, search=search, themes=themes)
    st.write(ui.t("ux.overview.found", n=len(found)) if len(found) else ui.t("ux.overview.nothing_found"))
    picked = ui.pick_row(tables.found_display(plan, found, lang), key="ov-found") if len(found) else None
    if picked is not None:
        ui.open_indicator(found.iloc[picked]["indicator_id"])

# ── the money ──
st.subheader(ui.t("ux.overview.financing_title"))
ui.kpis(
    [
        (ui.t("overview.financing_total"), ui.money(plan.period_total()), ui.t("overview.printed_total_note")),
        (ui.t("overview.projects"), ui.number(len(plan.projects)), ui.t("overview.projects_note")),
    ]
)
ui.chart(ui.financing_chart(), key="financing")
ui.reading_note()

# ── the plan's own inconsistencies, in plain words ──
st.subheader(ui.t("overview.audit_title"))
counts = finding_counts(findings)
errors, warnings = ui.t("count.errors", n=counts["error"]), ui.t("count.warnings", n=counts["warning"])
st.write(ui.t("ux.overview.audit_plain", errors=errors, warnings=warnings))
for message in worst_findings(findings, lang, limit=3):
    st.markdown(f"- {escape(message)}")
st.page_link(
    "pages/audit.py",
    label=ui.t("overview.audit_link", n=len(findings)),
    icon=":material/fact_check:",
    query_params={"lang": lang},
)
