"""What-if: move the plan's funding between years and lines, see the consequence and what it exposes."""

import streamlit as st

from zhez import budget, charts, tables, ui
from zhez.ui import whatif as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
labels = tables.line_labels(plan, lang)

st.title(ui.t("whatif.title"))
moves = screen.scenario_moves()
screen.hypothetical_banner(bool(moves))

movable = screen.financing().movable()
line = ui.select(ui.t("whatif.line"), movable, "line", screen.first_line(movable), labels.get, key="wi-line")
scenario = budget.apply(screen.financing(), moves)

# ── ways to change the scenario ──
move_tab, years_tab, table_tab, saved_tab = st.tabs(
    [ui.t("whatif.tab_move"), ui.t("whatif.tab_years"), ui.t("whatif.tab_table"), ui.t("whatif.tab_saved")]
)
with move_tab:
    screen.move_form(line, moves, labels)
    screen.movable_note(line, moves)
    screen.spread_and_even_out(line, moves)
with years_tab:
    screen.years_form(scenario, line, moves)
with table_tab:
    screen.moves_editor(moves)
with saved_tab:
    screen.saved_scenarios(moves)
screen.undo_and_reset(moves)

# ── the consequence ──
ui.chart(
    charts.scenario_bars(tables.scenario_rows(scenario, line), lang, ui.t("whatif.chart_title", line=labels[line])),
    key="wi-chart",
    scenario=screen.scenario_name(),  # its images say "hypothetical"
)
screen.scenario_summary(scenario, line)
if moves:
    st.subheader(ui.t("whatif.moves"))
    ui.table(tables.moves_table(moves, plan, lang))

st.subheader(ui.t("whatif.exposure"))
st.caption(ui.t("whatif.exposure_note"))
exposed = budget.exposure(plan, scenario)
if exposed.empty:
    st.write(ui.t("whatif.no_exposure"))
else:
    ui.table(tables.exposure_table(plan, exposed, ui.assessment(), lang))

st.caption(ui.t("whatif.share_link"))
screen.scenario_download(scenario, moves, exposed)
