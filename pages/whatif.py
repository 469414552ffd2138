"""What-if: move the plan's funding between years and lines, see the consequence and what it exposes."""

import streamlit as st

from zhez import budget, tables, ui
from zhez.ui import whatif as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
labels = tables.line_labels(plan, lang)

st.title(ui.t("whatif.title"))
moves = screen.scenario_moves()
screen.hypothetical_banner(bool(moves))

line = screen.line_and_locks(labels)
scenario = budget.apply(screen.financing(), moves)

# ── the consequence, in one sentence and the running balance: stays in view while the page scrolls ──
screen.consequence(scenario, line, labels)

# ── ways to change the scenario, beside the chart of what they do ──
controls, result = st.columns([3, 2], gap="medium")
with controls:
    # only the open tab's form is made and sent (a tab switch reruns): four forms were most of the page
    move_tab, years_tab, table_tab, saved_tab = st.tabs(
        [ui.t("whatif.tab_move"), ui.t("whatif.tab_years"), ui.t("whatif.tab_table"), ui.t("whatif.tab_saved")],
        key=screen.TAB_KEY,
        on_change="rerun",
    )
    if move_tab.open:
        with move_tab:
            screen.move_form(line, moves, labels)
            screen.movable_note(line, moves)
            screen.spread_and_even_out(line, moves)
    if years_tab.open:
        with years_tab:
            screen.years_form(scenario, line, moves)
    if table_tab.open:
        with table_tab:
            screen.moves_editor(moves)
    if saved_tab.open:
        with saved_tab:
            screen.saved_scenarios(moves)
    screen.undo_and_reset(moves)
with result:
    ui.chart(
        ui.scenario_chart(tables.scenario_rows(scenario, line), lang, ui.t("whatif.chart_title", line=labels[line])),
        key="wi-chart",
        scenario=screen.scenario_name(),  # its images say "hypothetical"
    )

# ── year by year, the moves, what the scenario exposes ──
screen.scenario_summary(scenario, line)
if moves:
    st.subheader(ui.t("whatif.moves"))
    ui.short_table(tables.moves_table(moves, plan, lang))

st.subheader(ui.t("whatif.exposure"))
exposed = budget.exposure(plan, scenario)
screen.exposure(exposed)

st.caption(ui.t("whatif.share_link"))
screen.scenario_download(scenario, moves, exposed)
