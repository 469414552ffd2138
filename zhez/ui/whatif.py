"""The What-if screen: the scenario of this session (in the link as one ``m=`` per move), the ways to
change it (a move, a spread, the year amounts, the table of moves, a saved scenario), and what it
changes. Its widget and session keys start with ``wi-``; its look is in ``whatif.css``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Hashable, Mapping, Sequence

import pandas as pd
import streamlit as st

from zhez import budget, clock, execution, i18n, tables
from zhez.auth import AuthError
from zhez.excel import scenario_bytes
from zhez.export import XLSX_MIME
from zhez.markdown import escape
from zhez.plan import PLAN_YEARS, YEARS
from zhez.store import StoreError
from zhez.ui import link
from zhez.ui.language import lang, money, t, time_zone, when
from zhez.ui.loaders import assessment, plan, store
from zhez.ui.render import cell_number, number_text, stylesheet, table
from zhez.ui.signin import editor

MOVES_KEY = "wi-moves"
NAME_KEY = "wi-name"
LOSS, GAIN = "color:#B00020;font-weight:600", "color:#00693E;font-weight:600"  # cell styles of the change column


@st.cache_resource(show_spinner=False, max_entries=4)
def _financing_at(revision: int) -> budget.Financing:
    return budget.Financing(plan(), execution.executed_amounts(store().check_context("financing")))


def financing() -> budget.Financing:
    """The financing of the plan in force (each year's from the edition then in force) prepared for scenario
    arithmetic, with the money approved reports say was executed (which no move can take), kept while the
    store stands (its revision grows with every edition and every approval)."""
    return _financing_at(store().revision())


def movable_note(line: str, moves: Sequence[budget.Move]) -> None:
    """What a scenario may still take from the line, year by year, where money was already executed."""
    remaining = budget.movable(financing(), moves)
    mine = remaining[(remaining["line_id"] == line) & remaining["executed_mln_kzt"].notna()]
    if mine.empty:
        return
    st.caption(t("whatif.spent_note"))
    table(
        pd.DataFrame(
            {
                t("common.year"): mine["year"],
                t("whatif.col_held"): mine["held_mln_kzt"],
                t("exec.field.executed_mln_kzt"): mine["executed_mln_kzt"],
                t("whatif.col_movable"): mine["movable_mln_kzt"],
            }
        )
    )


def first_line(movable: Sequence[str]) -> str:
    """The line the screen opens on: the plan's own choice (``choices.csv``), else the first that can move."""
    chosen = [line for line in plan().choices_for("whatif", "line") if line in movable]
    return chosen[0] if chosen else movable[0]


def scenario_moves() -> list[budget.Move]:
    """The scenario of this session: from the link (``m=…`` once per move) on arrival, then from the session."""
    if MOVES_KEY not in st.session_state:
        moves: list[budget.Move] = []
        try:
            moves = budget.decode(link.repeated("m"))
            budget.apply(financing(), moves)
        except budget.BudgetError as error:
            st.warning(t("whatif.bad_link", reason=error.text(lang())))
            moves = []
        except ValueError as error:
            st.warning(t("whatif.bad_link", reason=str(error)))
            moves = []
        st.session_state[MOVES_KEY] = moves
    moves = list(st.session_state[MOVES_KEY])
    link.put_repeated("m", budget.encode(moves))
    return moves


def change_scenario(moves: list[budget.Move]) -> None:
    """Replace the scenario if every move is valid; else say why and keep the previous one."""
    try:
        budget.apply(financing(), moves)
    except budget.BudgetError as error:
        st.error(error.text(lang()))
        return
    st.session_state[MOVES_KEY] = moves
    link.put_repeated("m", budget.encode(moves))
    st.rerun()


def scenario_name() -> str:
    """The name typed for this scenario (its exports say it is hypothetical, under this name)."""
    return str(st.session_state.get(NAME_KEY, ""))


def hypothetical_banner(active: bool) -> None:
    """Always on the what-if page: this is not the approved plan."""
    text = f"**{t('whatif.hypothetical_word')}** — {t('whatif.banner')}"
    if active:
        st.warning(text, icon=":material/science:")
    else:
        st.info(text + " " + t("whatif.no_moves"), icon=":material/science:")


def move_form(line: str, moves: list[budget.Move], labels: Mapping[str, str]) -> None:
    """Move an amount (or a percentage of a year) of ``line`` to another year, and maybe another line."""
    movable = financing().movable()
    by_percent = st.toggle(t("whatif.by_percent"), key="wi-pct")  # outside the form: it changes the amount's label
    with st.form("wi-move"):
        c1, c2, c3 = st.columns(3)
        amount = c1.number_input(
            t("whatif.percent") if by_percent else t("whatif.amount"),
            min_value=0.0,
            value=10.0 if by_percent else 1000.0,
            step=10.0 if by_percent else 100.0,
            key="wi-amount",
        )
        from_year = c2.selectbox(t("whatif.from_year"), YEARS, index=YEARS.index(2026), key="wi-from")
        to_year = c2.selectbox(t("whatif.to_year"), YEARS, index=YEARS.index(2028), key="wi-to")
        to_line = c3.selectbox(
            t("whatif.to_line"), movable, index=movable.index(line), format_func=labels.__getitem__, key="wi-to-line"
        )
        if st.form_submit_button(t("whatif.add_move"), type="primary", icon=":material/move_down:"):
            move = (
                budget.shift_percent(financing(), line, from_year, to_year, amount, moves)
                if by_percent
                else budget.Move(line, from_year, to_year, amount)
            )
            if to_line != line:
                move = dataclasses.replace(move, to_line_id=to_line)
            change_scenario([*moves, move])


def spread_and_even_out(line: str, moves: list[budget.Move]) -> None:
    """Spread one year of ``line`` evenly over chosen years, or even out its plan years."""
    c1, c2 = st.columns(2)
    with c1.popover(t("whatif.spread"), icon=":material/call_split:"):
        spread_from = st.selectbox(t("whatif.from_year"), PLAN_YEARS, key="wi-spread-from")
        spread_years = st.multiselect(t("whatif.spread_years"), YEARS, default=list(PLAN_YEARS), key="wi-spread-years")
        if st.button(t("whatif.spread"), key="wi-spread-go") and spread_years:
            change_scenario([*moves, *budget.spread_evenly(financing(), line, spread_from, spread_years, moves)])
    if c2.button(t("whatif.even_out"), icon=":material/align_vertical_bottom:", key="wi-even"):
        change_scenario([*moves, *budget.even_out(financing(), line, PLAN_YEARS, moves)])


def _forget_widgets_when_changed(prefix: str, token: object) -> None:
    """Drop the remembered values of widgets whose keys start with ``prefix`` when ``token`` changes.

    A keyed widget keeps its value across reruns even when its default changes; inputs that mirror
    the current scenario must start again from it after each change.
    """
    marker = f"{prefix}__token"
    if st.session_state.get(marker) != token:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
            del st.session_state[key]
        st.session_state[marker] = token


def years_form(scenario: pd.DataFrame, line: str, moves: list[budget.Move]) -> None:
    """Type the amount each plan year should have; the difference is taken from (or given to) a balance year."""
    st.caption(t("whatif.years_help"))
    rows = tables.scenario_rows(scenario, line)
    current = dict(zip(rows["year"], rows["amount_mln_kzt"].fillna(0.0), strict=True))
    _forget_widgets_when_changed("wi-year-", (line, tuple(moves)))  # the inputs show the scenario now in force
    with st.form("wi-years"):
        columns = st.columns(len(PLAN_YEARS))
        wanted = {
            y: col.number_input(
                str(y), min_value=0.0, value=float(round(current[y], 1)), step=100.0, key=f"wi-year-{y}"
            )
            for y, col in zip(PLAN_YEARS, columns, strict=True)
        }
        balance = st.selectbox(t("whatif.balance_year"), YEARS, index=YEARS.index(2025), key="wi-balance")
        if st.form_submit_button(t("whatif.apply_years")):
            change_scenario([*moves, *budget.moves_to_amounts(line, current, wanted, balance)])


def moves_editor(moves: list[budget.Move]) -> None:
    """The scenario's moves as a table to edit; applied as a whole (incomplete rows are left out)."""
    movable = financing().movable()
    st.caption(t("whatif.table_help"))
    edited = st.data_editor(
        budget.moves_frame(moves),
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
    if st.button(t("whatif.apply_table"), key="wi-apply-table"):
        change_scenario(budget.moves_from_frame(edited))


def saved_scenarios(moves: list[budget.Move]) -> None:
    """Save the current scenario (editors), open or delete a saved one, compare one with the current."""
    saved = store().scenarios()
    who = editor()
    with st.form("wi-save"):
        name = st.text_input(t("whatif.scenario_name"), key=NAME_KEY, max_chars=120)
        if st.form_submit_button(t("whatif.save"), disabled=not moves):
            try:
                store().save_scenario(plan(), who, name, [m.as_dict() for m in moves])  # type: ignore[arg-type]  # a viewer (None) is refused there, with AuthError
            except AuthError:
                st.error(t("auth.editors_only"))
            except StoreError as error:
                st.error(error.text(lang()))
            else:
                st.success(t("whatif.saved", name=name.strip()))
    if saved.empty:
        st.caption(t("whatif.none_saved"))
        return
    names = list(saved["name"])
    chosen = st.selectbox(t("whatif.tab_saved"), names, key="wi-saved-pick")
    row = saved[saved["name"] == chosen].iloc[0]
    st.caption(
        f"{escape(row['updated_by'])}, {when(row['updated_at'])}" + (f" — {escape(row['note'])}" if row["note"] else "")
    )
    c1, c2, c3 = st.columns(3)
    if c1.button(t("whatif.open"), key="wi-open"):
        change_scenario([budget.Move.from_dict(m) for m in row["moves"]])
    if c2.button(t("whatif.delete"), key="wi-delete"):
        try:
            store().delete_scenario(who, chosen)  # type: ignore[arg-type]  # a viewer (None) is refused there, with AuthError
        except AuthError:
            st.error(t("auth.editors_only"))
        else:
            st.rerun()
    if c3.toggle(t("whatif.compare_with") + f" «{chosen}»", key="wi-compare"):
        other = budget.apply(financing(), [budget.Move.from_dict(m) for m in row["moves"]])
        current = budget.apply(financing(), moves)
        compared = tables.compare_scenarios(current, other, chosen, lang())
        numbers = pd.IndexSlice[:, t("whatif.col_plan") :]  # the plan, this scenario, the other one
        st.dataframe(
            compared.style.format(number_text(1), na_rep="–", subset=numbers), hide_index=True, width="stretch"
        )


def undo_and_reset(moves: list[budget.Move]) -> None:
    """Take back the last move, or every move."""
    c1, c2 = st.columns(2)
    if c1.button(t("whatif.undo"), disabled=not moves, icon=":material/undo:", key="wi-undo"):
        change_scenario(moves[:-1])
    if c2.button(t("whatif.reset"), disabled=not moves, icon=":material/restart_alt:", key="wi-reset"):
        change_scenario([])


def _change_style(value: object) -> str:
    change = cell_number(value)
    if change is None or math.isnan(change) or abs(change) < 1e-6:
        return ""
    return LOSS if change < 0 else GAIN


def _signed_text(value: object) -> str:
    change = cell_number(value)
    return "–" if change is None or math.isnan(change) else i18n.signed(change, lang(), 1)


def scenario_summary(scenario: pd.DataFrame, line: str) -> None:
    """The year-by-year table, changes in red (losses) or green, and whether the 2026–2030 total is kept."""
    frame = tables.scenario_table(scenario, line, lang())
    delta_column = t("whatif.col_delta")
    pct_column = t("whatif.col_delta_pct")
    numeric: list[Hashable] = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    styled = (
        frame.style.format(number_text(1), subset=numeric, na_rep="–")
        .format(_signed_text, subset=[delta_column])
        .map(_change_style, subset=[delta_column])
        .map(
            lambda text: _change_style(
                -1.0 if str(text).startswith("−") else 1.0 if str(text).startswith("+") else 0.0
            ),
            subset=[pct_column],
        )
    )
    st.dataframe(styled, hide_index=True, width="stretch")
    before, after = budget.period_totals(scenario, line)
    change = after - before
    if abs(change) < 0.05:
        st.success(t("whatif.total_kept", total=money(before)))
    else:
        text = t("whatif.total_changed", delta=i18n.signed(change, lang(), 1), before=money(before), after=money(after))
        stylesheet("whatif")
        st.markdown(f"<span class='zhez-loss'>{text}</span>", unsafe_allow_html=True)


def scenario_download(scenario: pd.DataFrame, moves: Sequence[budget.Move], exposed: pd.DataFrame) -> None:
    """The scenario as a workbook: every line and year, the moves, the exposure — marked hypothetical."""
    who = editor()
    st.download_button(
        t("whatif.export"),
        scenario_bytes(
            plan(),
            scenario,
            list(moves),
            exposed,
            assessment(),
            scenario_name(),
            who.name if who else "",
            f"{when(dt.datetime.now(dt.UTC))} ({clock.zone_label(time_zone())})",
            lang(),
        ),
        "zhezkazgan-scenario.xlsx",
        icon=":material/download:",
        key="wi-export",
        mime=XLSX_MIME,
    )
