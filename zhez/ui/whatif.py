"""The What-if screen: the scenario of this session (in the link as one ``m=`` per move), the ways to
change it (a move, a spread, the year amounts with their step buttons, the table of moves, a saved
scenario), the years locked against them, and what it changes — said in one sentence beside the
running balance, which stay in view while the page scrolls. Its widget and session keys start with
``wi-``; its look is in ``whatif.css``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from zhez import budget, clock, execution, i18n, tables
from zhez.auth import AuthError
from zhez.excel import scenario_bytes
from zhez.export import XLSX_MIME
from zhez.markdown import escape, excerpt
from zhez.numbers import parse_number
from zhez.plan import PLAN_YEARS, YEARS
from zhez.store import StoreError
from zhez.ui import link
from zhez.ui.language import lang, money, name, t, time_zone, when
from zhez.ui.loaders import assessment, plan, revision, store
from zhez.ui.render import cell_number, number_text, short_table, status_badge, stylesheet, table
from zhez.ui.signin import editor
from zhez.ui.widgets import number_field, select

MOVES_KEY = "wi-moves"
NAME_KEY = "wi-name"
TAB_KEY = "wi-tab"  # the open tab of the ways to change the scenario
LOCKS_KEY = "wi-locks"
FLASH_KEY = "wi-flash"  # a message to show after the rerun that follows a change (saved, deleted)
LOSS, GAIN = "color:#B00020;font-weight:600", "color:#00693E;font-weight:600"  # cell styles of the change column
STEPS = (("-pct", -1.0, True), ("+pct", 1.0, True), ("-mln", -100.0, False), ("+mln", 100.0, False))


@st.cache_resource(show_spinner=False, max_entries=4)
def _financing_at(revision: int) -> budget.Financing:
    return budget.Financing(plan(), execution.executed_amounts(store().check_context("financing")))


def financing() -> budget.Financing:
    """The financing of the plan in force (each year's from the edition then in force) prepared for scenario
    arithmetic, with the money approved reports say was executed (which no move can take), kept while the
    store stands (its revision grows with every edition and every approval)."""
    return _financing_at(revision())


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
            st.warning(t("whatif.bad_link", reason=excerpt(error.text(lang()), 160)))
            moves = []
        except ValueError as error:
            st.warning(t("whatif.bad_link", reason=excerpt(error)))
            moves = []
        st.session_state[MOVES_KEY] = moves
    moves = list(st.session_state[MOVES_KEY])
    link.put_repeated("m", budget.encode(moves))
    return moves


def locked_years() -> list[int]:
    """The years locked against spreading, evening out, steps and new moves (this session's)."""
    return [int(y) for y in st.session_state.get(LOCKS_KEY) or []]


def change_scenario(moves: list[budget.Move], first_new: int | None = None) -> None:
    """Replace the scenario if every move is valid and no new one (from ``first_new`` on; by default those
    beyond the current scenario) touches a locked year; else say why and keep the previous one."""
    first = len(st.session_state.get(MOVES_KEY, [])) if first_new is None else first_new
    try:
        budget.apply(financing(), moves)
        budget.check_unlocked(moves, locked_years(), first=first)
    except budget.BudgetError as error:
        st.error(escape(error.text(lang())))
        return
    st.session_state[MOVES_KEY] = moves
    link.put_repeated("m", budget.encode(moves))
    st.rerun()


def _try(helper: Callable[..., budget.Move | list[budget.Move]], *args: object) -> list[budget.Move] | None:
    """The moves ``helper(*args)`` makes (one of budget's), or None after saying why it could not."""
    try:
        made = helper(*args)
    except budget.BudgetError as error:
        st.error(escape(error.text(lang())))
        return None
    return made if isinstance(made, list) else [made]


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


def line_and_locks(labels: Mapping[str, str]) -> str:
    """The financing line to work on, its name whole (rp-1's two lines differ only in their last words: in half
    the page at 1366 px both were cut before them), and the years locked for it."""
    movable = financing().movable()
    line = select(t("whatif.line"), movable, "line", first_line(movable), labels.get, key="wi-line")
    st.pills(
        t("whatif.locked_years"),
        list(YEARS),
        selection_mode="multi",
        format_func=str,
        key=LOCKS_KEY,
        help=t("whatif.locked_help"),
    )
    return line


def _change_text(change: budget.YearChange) -> str:
    amount = f"{i18n.signed(change.delta_mln_kzt, lang(), 1)}\u00a0{t('unit.mln_kzt')}"
    if change.share is None:
        return t("whatif.change_new", year=str(change.year), amount=amount)
    share = f"{i18n.signed(change.share * 100, lang(), 1)}\u00a0%"
    return t("whatif.change_item", year=str(change.year), amount=amount, share=share)


def consequence(scenario: pd.DataFrame, line: str, labels: Mapping[str, str]) -> None:
    """What the scenario does, where the change is made: one sentence, and the running balance of 2026–2030,
    in a band that stays at the top while the page scrolls."""
    stylesheet("whatif")
    before, after = budget.period_totals(scenario, line)
    balance = after - before
    changes = budget.year_changes(scenario, line)
    if not changes:
        sentence = t("whatif.sentence_none", line=labels[line])
    else:
        listed = ", ".join(_change_text(c) for c in changes)
        if abs(balance) < 0.05:
            sentence = t("whatif.sentence_kept", changes=listed)
        else:
            sentence = t("whatif.sentence_changed", changes=listed, delta=i18n.signed(balance, lang(), 1))
    others = [
        f"{labels[other]}: " + ", ".join(_change_text(c) for c in budget.year_changes(scenario, other))
        for other in financing().movable()
        if other != line and budget.year_changes(scenario, other)
    ]
    kept = abs(balance) < 0.05
    with st.container(key="wi-consequence"):
        st.html(
            "<div class='zhez-balance'>"
            f"<span>{t('whatif.balance_plan')}: <b>{money(before)}</b></span>"
            f"<span>{t('whatif.balance_scenario')}: <b>{money(after)}</b></span>"
            f"<span class='{'zhez-kept' if kept else 'zhez-loss'}'>{t('whatif.balance')}: "
            f"<b>{i18n.signed(balance, lang(), 1)}\u00a0{t('unit.mln_kzt')}</b>"
            f" {'✓ ' + t('whatif.balance_kept') if kept else '⚠ ' + t('whatif.balance_off')}</span>"
            "</div>"
            f"<div class='zhez-sentence'>{_html(sentence)}</div>"
            + (
                f"<div class='zhez-others'>{_html(t('whatif.also_changed', lines='; '.join(others)))}</div>"
                if others
                else ""
            )
        )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def move_form(line: str, moves: list[budget.Move], labels: Mapping[str, str]) -> None:
    """Move an amount (or a percentage of a year) of ``line`` to another year, and maybe another line."""
    movable = financing().movable()
    by_percent = st.toggle(t("whatif.by_percent"), key="wi-pct")
    c1, c2, c3 = st.columns(3)
    with c1:
        reading = number_field(
            t("whatif.percent") if by_percent else t("whatif.amount"),
            key="wi-amount-pct" if by_percent else "wi-amount",
            value=10.0 if by_percent else 1000.0,
        )
    from_year = c2.selectbox(t("whatif.from_year"), YEARS, index=YEARS.index(2026), key="wi-from")
    to_year = c3.selectbox(t("whatif.to_year"), YEARS, index=YEARS.index(2028), key="wi-to")
    to_line = st.selectbox(  # a row of its own: a line's name is read whole
        t("whatif.to_line"), movable, index=movable.index(line), format_func=labels.__getitem__, key="wi-to-line"
    )
    pressed = st.button(
        t("whatif.add_move"), type="primary", icon=":material/move_down:", key="wi-add", disabled=not reading.ok
    )
    if pressed and reading.ok and reading.value is not None:
        if by_percent:
            made = _try(budget.shift_percent, financing(), line, from_year, to_year, reading.value, moves)
        else:
            made = [budget.Move(line, from_year, to_year, float(reading.value))]
        if made:
            move = made[0] if to_line == line else dataclasses.replace(made[0], to_line_id=to_line)
            change_scenario([*moves, move])


def spread_and_even_out(line: str, moves: list[budget.Move]) -> None:
    """Spread one year of ``line`` evenly over chosen years, or even out its plan years (locked years left alone)."""
    locked = locked_years()
    c1, c2 = st.columns(2)
    spread = c1.popover(t("whatif.spread"), icon=":material/call_split:", key="wi-spread-menu", on_change="rerun")
    if spread.open:  # its form is made when the menu is opened (the click reruns the page)
        with spread:
            spread_evenly_form(line, moves, locked)
    if c2.button(t("whatif.even_out"), icon=":material/align_vertical_bottom:", key="wi-even"):
        change_scenario([*moves, *budget.even_out(financing(), line, PLAN_YEARS, moves, locked)])


def spread_evenly_form(line: str, moves: list[budget.Move], locked: list[int]) -> None:
    spread_from = st.selectbox(t("whatif.from_year"), PLAN_YEARS, key="wi-spread-from")
    spread_years = st.multiselect(
        t("whatif.spread_years"),
        YEARS,
        default=list(PLAN_YEARS),
        key="wi-spread-years",
        placeholder=t("whatif.spread_years"),
        select_all=False,
    )
    if locked:
        st.caption(t("whatif.locked_left_alone", years=", ".join(str(y) for y in locked)))
    if st.button(t("whatif.spread"), key="wi-spread-go") and spread_years:
        made = _try(budget.spread_evenly, financing(), line, spread_from, spread_years, moves, locked)
        if made is not None:
            change_scenario([*moves, *made])


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
    """Each plan year's amount, with the plan's value beside it and step buttons (± 1 %, ± 100 mln); a typed
    amount or a step takes the difference from (or gives it to) the balancing year. Locked years cannot change."""
    st.caption(t("whatif.years_help"))
    locked = locked_years()
    rows = tables.scenario_rows(scenario, line)
    current = dict(zip(rows["year"], rows["amount_mln_kzt"].fillna(0.0), strict=True))
    published = dict(zip(rows["year"], rows["baseline_mln_kzt"], strict=True))
    _forget_widgets_when_changed("wi-year-", (line, tuple(moves)))  # the inputs show the scenario now in force
    balance_options = [y for y in YEARS if y not in locked] or list(YEARS)
    balance = st.selectbox(
        t("whatif.balance_year"),
        balance_options,
        index=balance_options.index(2025) if 2025 in balance_options else 0,
        key="wi-balance",
    )
    wanted: dict[int, float] = {}
    readable = True
    for year in PLAN_YEARS:
        c_input, c_plan, *c_steps = st.columns([3, 3, 1, 1, 1, 1], vertical_alignment="bottom")
        fixed = year in locked or year == balance  # shown, not typed: a locked year, or the one that balances
        if fixed:
            why = t("whatif.locked_word") if year in locked else t("whatif.balancing_word")
            c_input.html(
                f"<div class='zhez-fixed-year'><small>{year}</small><br><b>{i18n.number(current[year], lang(), 1)}</b>"
                f" · {why}</div>"
            )
        else:
            with c_input:
                reading = number_field(str(year), key=f"wi-year-{year}", value=round(current[year], 1))
            readable &= reading.ok
            if reading.ok and reading.value is not None:
                wanted[year] = float(reading.value)
        plan_value = published[year]
        delta = current[year] - (0.0 if pd.isna(plan_value) else plan_value)
        style = "zhez-loss" if delta < 0 else "zhez-gain"
        c_plan.html(
            f"<div class='zhez-plan-marker'>▸ {t('whatif.plan_marker')}: <b>{i18n.number(plan_value, lang(), 1)}</b>"
            + (f"<br><span class='{style}'>Δ {i18n.signed(delta, lang(), 1)}</span>" if abs(delta) >= 0.05 else "")
            + "</div>"
        )
        for column, (suffix, size, is_percent) in zip(c_steps, STEPS, strict=True):
            label = f"{'−' if size < 0 else '+'}{i18n.number(abs(size), lang())}{' %' if is_percent else ''}"
            helper = budget.step_percent if is_percent else budget.step
            if column.button(
                label,
                key=f"wi-step-{year}{suffix}",
                disabled=fixed,
                help=t("whatif.step_percent_help" if is_percent else "whatif.step_help", year=str(balance)),
                width="stretch",
            ):
                made = _try(helper, financing(), line, year, size, balance, moves, locked)
                if made:
                    change_scenario([*moves, *made])
    if st.button(t("whatif.apply_years"), key="wi-apply-years", disabled=not readable):
        changed = {y: v for y, v in wanted.items() if abs(v - current[y]) >= 0.05}
        made = _try(budget.moves_to_amounts, line, current, changed, balance, locked)
        if made is not None:
            change_scenario([*moves, *made])


def moves_editor(moves: list[budget.Move]) -> None:
    """The scenario's moves as a table to edit; applied as a whole (incomplete rows are left out).
    Amounts are text written and read the reader's way (``1 000,5``), never a browser's number cell."""
    movable = financing().movable()
    st.caption(t("whatif.table_help"))
    frame = budget.moves_frame(moves)
    frame["amount_mln_kzt"] = [i18n.number(a, lang()) for a in frame["amount_mln_kzt"]]
    frame["amount_mln_kzt"] = frame["amount_mln_kzt"].astype("string")
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        key="wi-editor",
        width="stretch",
        column_config={
            "line_id": st.column_config.SelectboxColumn(t("whatif.col_from_line"), options=movable, required=True),
            "to_line_id": st.column_config.SelectboxColumn(t("whatif.col_to_line"), options=movable),
            "from_year": st.column_config.SelectboxColumn(t("whatif.from_year"), options=list(YEARS), required=True),
            "to_year": st.column_config.SelectboxColumn(t("whatif.to_year"), options=list(YEARS), required=True),
            "amount_mln_kzt": st.column_config.TextColumn(t("whatif.col_amount"), required=True),
        },
    )
    if st.button(t("whatif.apply_table"), key="wi-apply-table"):
        amounts: list[float] = []
        for row, text in enumerate(edited["amount_mln_kzt"], start=1):
            reading = parse_number("" if pd.isna(text) else str(text), lang())
            if reading.problem is not None:
                st.error(escape(t("whatif.table_bad_amount", row=str(row), reason=reading.problem.text(lang()))))
                return
            amounts.append(float("nan") if reading.value is None else float(reading.value))
        change_scenario(
            budget.moves_from_frame(edited.assign(amount_mln_kzt=pd.Series(amounts, index=edited.index))), first_new=0
        )


def saved_scenarios(moves: list[budget.Move]) -> None:
    """Save the current scenario (editors), open or delete a saved one, compare one with the current.
    A viewer sees Save and Delete disabled, with the reason beside them (the store refuses them anyway)."""
    who = editor()
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(escape(flash))
    with st.form("wi-save", enter_to_submit=False, border=False):
        name = st.text_input(t("whatif.scenario_name"), key=NAME_KEY, max_chars=120)
        c1, c2 = st.columns([1, 3], vertical_alignment="center")
        save = c1.form_submit_button(t("whatif.save"), disabled=not moves or who is None, type="primary")
        if who is None:
            c2.caption(t("whatif.sign_in_to_save"))
        elif not moves:
            c2.caption(t("whatif.nothing_to_save"))
    if save:
        try:
            store().save_scenario(plan(), who, name, [m.as_dict() for m in moves])  # type: ignore[arg-type]  # a viewer (None) is refused there, with AuthError
        except AuthError:
            st.error(t("auth.editors_only"))
        except StoreError as error:
            st.error(escape(error.text(lang())))
        else:
            st.session_state[FLASH_KEY] = t("whatif.saved", name=name.strip())
            st.rerun()  # the list below is read again, with the new one in it
    saved = store().scenarios()
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
        change_scenario([budget.Move.from_dict(m) for m in row["moves"]], first_new=0)
    if c2.button(t("whatif.delete"), key="wi-delete", disabled=who is None):
        try:
            store().delete_scenario(who, chosen)  # type: ignore[arg-type]  # a viewer (None) is refused there, with AuthError
        except AuthError:
            st.error(t("auth.editors_only"))
        else:
            st.session_state[FLASH_KEY] = t("whatif.deleted", name=chosen)
            st.rerun()
    if who is None:
        c2.caption(t("whatif.sign_in_to_save"))
    if c3.toggle(t("whatif.compare_with") + f" «{escape(chosen)}»", key="wi-compare"):
        other = budget.apply(financing(), [budget.Move.from_dict(m) for m in row["moves"]])
        current = budget.apply(financing(), moves)
        compared = tables.compare_scenarios(current, other, chosen, lang())
        numbers = pd.IndexSlice[:, t("whatif.col_plan") :]  # the plan, this scenario, the other one
        st.dataframe(
            compared.style.format(number_text(1), na_rep=i18n.NO_VALUE, subset=numbers),
            hide_index=True,
            width="stretch",
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
    return i18n.NO_VALUE if change is None or math.isnan(change) else i18n.signed(change, lang(), 1)


def scenario_summary(scenario: pd.DataFrame, line: str) -> None:
    """The year-by-year table, changes in red (losses) or green (the sentence above says whether the total is kept)."""
    frame = tables.scenario_table(scenario, line, lang())
    delta_column = t("whatif.col_delta")
    pct_column = t("whatif.col_delta_pct")
    numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    text = {c: _number_or_dash for c in numeric} | {delta_column: _signed_text, pct_column: _signed_text}
    short_table(frame, text=text, style={delta_column: _change_style, pct_column: _change_style})


def _number_or_dash(value: object) -> str:
    number = cell_number(value)
    return i18n.NO_VALUE if number is None or math.isnan(number) else i18n.number(number, lang(), 1)


def exposure(exposed: pd.DataFrame) -> None:
    """What the scenario puts at risk, one cut at a time: the year's loss stated once, then the projects under way
    that share it, with their linked indicators and status."""
    st.caption(t("whatif.exposure_note"))
    cuts = budget.year_exposure(plan(), exposed)
    if not cuts:
        st.write(t("whatif.no_exposure"))
        return
    directions = tables.direction_names(plan(), lang())
    for cut in cuts:
        n = len(cut["project_ids"])
        st.markdown(
            "**"
            + escape(
                t(
                    "whatif.exposure_cut",
                    year=str(cut["year"]),
                    direction=directions.get(cut["direction_id"], cut["direction_id"]),
                    amount=money(cut["removed_mln_kzt"]),
                    share=i18n.percent(cut["share_removed"], lang(), 1),
                )
            )
            + "** "
            + escape(t("whatif.exposure_shared", n=n))
        )
        frame = tables.exposure_projects(plan(), cut["project_ids"], lang())
        number, project, years, codes = frame.columns
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(frame), 320),
            column_config={
                number: st.column_config.NumberColumn(width=40),
                project: st.column_config.TextColumn(width="large"),
                years: st.column_config.TextColumn(width="medium"),
                codes: st.column_config.TextColumn(width="small"),
            },
        )
        linked_indicators(cut["indicator_ids"])


def linked_indicators(indicator_ids: Sequence[str]) -> None:
    """The indicators linked to a cut's projects, each once, with its status badge."""
    if not indicator_ids:
        st.caption(t("whatif.no_indicators"))
        return
    statuses = assessment().set_index("indicator_id")["status"]
    items = "".join(
        f"<li>{status_badge(str(statuses[i]))} {_html(str(plan().indicator(i)['code'] or '—'))} "
        f"{_html(name(plan().indicator(i)))}</li>"
        for i in indicator_ids
    )
    st.html(f"<div class='zhez-linked'><b>{t('whatif.col_indicators')}:</b><ul>{items}</ul></div>")


def scenario_download(scenario: pd.DataFrame, moves: Sequence[budget.Move], exposed: pd.DataFrame) -> None:
    """The scenario as a workbook: every line and year, the moves, the exposure — marked hypothetical. Made
    when the button is clicked (writing it cost more than the rest of the page's run)."""
    who = editor()
    made_at = f"{when(dt.datetime.now(dt.UTC))} ({clock.zone_label(time_zone())})"
    args = (
        plan(),
        scenario,
        list(moves),
        exposed,
        assessment(),
        scenario_name(),
        who.name if who else "",
        made_at,
        lang(),
    )
    st.download_button(
        t("whatif.export"),
        functools.partial(scenario_bytes, *args),
        "zhezkazgan-scenario.xlsx",
        icon=":material/download:",
        key="wi-export",
        mime=XLSX_MIME,
        on_click="ignore",
    )
