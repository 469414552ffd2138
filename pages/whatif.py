"""What-if: move the plan's funding between years and lines, see the consequence and what it exposes."""

import datetime as dt

import pandas as pd
import streamlit as st

from zhez import budget, charts, tables, ui
from zhez.excel import scenario_bytes
from zhez.plan import PLAN_YEARS, YEARS

ui.page_start()

plan = ui.plan()
lang = ui.lang()
financing = ui.financing()
labels = plan.financing.drop_duplicates("line_id").set_index("line_id")[f"label_{lang}"].to_dict()
movable = financing.movable()

st.title(ui.t("whatif.title"))
moves = ui.scenario_moves()
ui.hypothetical_banner(bool(moves))

line = ui.select(ui.t("whatif.line"), movable, "line", "rp-1", labels.get, key="wi-line")
scenario = budget.apply(financing, moves)

move_tab, years_tab, table_tab, saved_tab = st.tabs(
    [ui.t("whatif.tab_move"), ui.t("whatif.tab_years"), ui.t("whatif.tab_table"), ui.t("whatif.tab_saved")]
)
with move_tab:
    by_percent = st.toggle(ui.t("whatif.by_percent"), key="wi-pct")  # outside the form: it changes the amount's label
    with st.form("wi-move"):
        c1, c2, c3 = st.columns(3)
        amount = c1.number_input(
            ui.t("whatif.percent") if by_percent else ui.t("whatif.amount"),
            min_value=0.0,
            value=10.0 if by_percent else 1000.0,
            step=10.0 if by_percent else 100.0,
            key="wi-amount",
        )
        from_year = c2.selectbox(ui.t("whatif.from_year"), YEARS, index=YEARS.index(2026), key="wi-from")
        to_year = c2.selectbox(ui.t("whatif.to_year"), YEARS, index=YEARS.index(2028), key="wi-to")
        to_line = c3.selectbox(
            ui.t("whatif.to_line"), movable, index=movable.index(line), format_func=labels.get, key="wi-to-line"
        )
        if st.form_submit_button(ui.t("whatif.add_move"), type="primary", icon=":material/move_down:"):
            move = (
                budget.shift_percent(financing, line, from_year, to_year, amount, moves)
                if by_percent
                else budget.Move(line, from_year, to_year, amount)
            )
            if to_line != line:
                move = budget.Move(move.line_id, move.from_year, move.to_year, move.amount_mln_kzt, to_line)
            ui.change_scenario([*moves, move])
    c1, c2 = st.columns(2)
    with c1.popover(ui.t("whatif.spread"), icon=":material/call_split:"):
        spread_from = st.selectbox(ui.t("whatif.from_year"), PLAN_YEARS, key="wi-spread-from")
        spread_years = st.multiselect(
            ui.t("whatif.spread_years"), YEARS, default=list(PLAN_YEARS), key="wi-spread-years"
        )
        if st.button(ui.t("whatif.spread"), key="wi-spread-go") and spread_years:
            ui.change_scenario([*moves, *budget.spread_evenly(financing, line, spread_from, spread_years, moves)])
    if c2.button(ui.t("whatif.even_out"), icon=":material/align_vertical_bottom:", key="wi-even"):
        ui.change_scenario([*moves, *budget.even_out(financing, line, PLAN_YEARS, moves)])

with years_tab:
    st.caption(ui.t("whatif.years_help"))
    rows = tables.scenario_rows(scenario, line)
    current = dict(zip(rows["year"], rows["amount_mln_kzt"].fillna(0.0), strict=True))
    ui.forget_widgets_when_changed("wi-year-", (line, tuple(moves)))  # the inputs show the scenario now in force
    with st.form("wi-years"):
        columns = st.columns(len(PLAN_YEARS))
        wanted = {
            y: col.number_input(
                str(y), min_value=0.0, value=float(round(current[y], 1)), step=100.0, key=f"wi-year-{y}"
            )
            for y, col in zip(PLAN_YEARS, columns, strict=True)
        }
        balance = st.selectbox(ui.t("whatif.balance_year"), YEARS, index=YEARS.index(2025), key="wi-balance")
        if st.form_submit_button(ui.t("whatif.apply_years")):
            ui.change_scenario([*moves, *budget.moves_to_amounts(line, current, wanted, balance)])

with table_tab:
    st.caption(ui.t("whatif.table_help"))
    edited = st.data_editor(
        pd.DataFrame(
            [m.as_dict() for m in moves], columns=["line_id", "from_year", "to_year", "amount_mln_kzt", "to_line_id"]
        ),
        num_rows="dynamic",
        key="wi-editor",
        width="stretch",
        column_config={
            "line_id": st.column_config.SelectboxColumn(options=movable, required=True),
            "to_line_id": st.column_config.SelectboxColumn(options=movable),
            "from_year": st.column_config.SelectboxColumn(options=list(YEARS), required=True),
            "to_year": st.column_config.SelectboxColumn(options=list(YEARS), required=True),
            "amount_mln_kzt": st.column_config.NumberColumn(min_value=0.0, required=True),
        },
    )
    if st.button(ui.t("whatif.apply_table"), key="wi-apply-table"):
        ui.change_scenario(ui.moves_from_editor(edited))

with saved_tab:
    ui.saved_scenarios(moves)

c1, c2 = st.columns(2)
if c1.button(ui.t("whatif.undo"), disabled=not moves, icon=":material/undo:", key="wi-undo"):
    ui.change_scenario(moves[:-1])
if c2.button(ui.t("whatif.reset"), disabled=not moves, icon=":material/restart_alt:", key="wi-reset"):
    ui.change_scenario([])

# ── the consequence ──
ui.chart(
    charts.scenario_bars(tables.scenario_rows(scenario, line), lang, ui.t("whatif.chart_title", line=labels[line])),
    key="wi-chart",
    scenario=st.session_state.get("wi-name", ""),  # its images say "hypothetical"
)
ui.scenario_summary(tables.scenario_table(scenario, line, lang), scenario, line)
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
who = ui.editor()
st.download_button(
    ui.t("whatif.export"),
    scenario_bytes(
        plan,
        scenario,
        moves,
        exposed,
        ui.assessment(),
        st.session_state.get("wi-name", ""),
        who.name if who else "",
        dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        lang,
    ),
    "zhezkazgan-scenario.xlsx",
    icon=":material/download:",
    key="wi-export",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
