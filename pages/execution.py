"""Execution: which projects are late and how much of a year's money was spent, every figure from an approved
report; signed-in people report projects and money here, the coordinator reviews them."""

import streamlit as st

from zhez import ui
from zhez.ui import execution as screen

ui.run_inside_app()

who = ui.editor()

st.title(ui.t("exec.title"))
st.caption(ui.t("exec.intro"))
reports = screen.reports_in_view(who)  # None: the approved ones
year = screen.year_choice(reports)
view = screen.year_view(reports, year)
projects, cash = view.projects, view.cash

# ── the akim's question: which projects are late, how much of the year's money was spent ──
screen.answer(projects, cash)

st.subheader(ui.t("exec.late_title", year=str(year)))
screen.late_projects(view.late)

st.subheader(ui.t("exec.money_title", year=str(year)))
screen.money_table(view.money, cash)

st.subheader(ui.t("exec.directions_title"))
ui.short_table(view.by_direction)

with st.expander(ui.t("exec.all_projects", n=projects.projects), icon=":material/list:"):
    screen.all_projects(view.every_project, projects)

# ── reporting and review, for signed-in people ──
if who is None:
    with st.expander(ui.t("exec.sign_in_to_report"), icon=":material/login:"):
        ui.sign_in_form()
    st.stop()
period = screen.open_period()
if period is None:
    st.stop()
kinds = screen.kinds_of(who)
tabs = st.tabs(
    [ui.t("exec.tab_report"), ui.t("exec.tab_workbook"), *([ui.t("exec.tab_review")] if who.is_coordinator else [])]
)
with tabs[0]:
    kind = screen.kind_choice(who)
    screen.report_form(who, kind, period)
with tabs[1]:
    for kind in kinds:
        st.markdown(f"**{ui.t(f'exec.kind.{kind}')}**")
        screen.workbook(who, kind, period)
if who.is_coordinator:
    with tabs[2]:
        screen.review(who)
