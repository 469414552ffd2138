"""The Review screen (the coordinator): the queue of submitted values by body, each with its explanation,
the status it would give and the value in force before it — approve, or return with a comment; a whole
uploaded workbook approved after reading its preview; manual statuses with their reasons; the reporting
rounds. Its widget keys start with ``rev-``.

The store decides: it refuses a coordinator's own submission (four eyes), a return without a comment, a
write into a closed round. The page says so beforehand, so nobody presses a button to learn it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from zhez import cycle_tables, i18n, tables
from zhez.auth import AuthError, Person
from zhez.cycle import Period
from zhez.i18n import unit_for
from zhez.markdown import escape
from zhez.plan import PLAN_YEARS, YEARS
from zhez.progress import WORST_FIRST
from zhez.store import StoreError
from zhez.ui.language import lang, number, status_text, t, time_zone, today, when
from zhez.ui.loaders import approved_actuals, manual_statuses, plan, reports, rounds, store
from zhez.ui.render import status_badge, table

FLASH_KEY = "rev-flash"


def flash() -> None:
    """What the last action did (shown after the rerun that redraws the queue)."""
    done = st.session_state.pop(FLASH_KEY, None)
    if done:
        st.success(done, icon=":material/check_circle:")


def _write(action: Callable[[], Any], done: str) -> None:
    """Run a write; refused in words (nothing stored), or said done after the page redraws."""
    try:
        action()
    except (AuthError, StoreError) as error:
        st.error(escape(error.text(lang())), icon=":material/block:")
        return
    st.session_state[FLASH_KEY] = done
    st.rerun()


def queue() -> pd.DataFrame:
    """Every submitted version awaiting review (``cycle_tables.review_queue``)."""
    return cycle_tables.review_queue(plan(), reports(), approved_actuals(), lang())


def _own(person: Person, row: Mapping[Hashable, Any]) -> bool:
    return person.name in {row["created_by"], row["updated_by"], row["submitted_by"]}


def _value(row: Mapping[Hashable, Any], value: float | None) -> str:
    if value is None or math.isnan(value):  # a float or None from the queue
        return "—"
    return f"{number(float(value))} {unit_for(float(value), str(row['unit']), lang())}".strip()


def review_queue(person: Person, waiting: pd.DataFrame) -> None:
    """The queue by body; each submission with its figures, explanation and the two answers."""
    if waiting.empty:
        st.success(t("review.queue_empty"), icon=":material/task_alt:")
        return
    counts = waiting["body"].value_counts()
    bodies = ["", *sorted(counts.index)]
    chosen = st.selectbox(
        t("review.body"),
        bodies,
        format_func={
            "": t("review.all_bodies", n=len(waiting)),
            **{b: f"{b} ({int(counts[b])})" for b in bodies[1:]},
        }.__getitem__,
        key="rev-body",
    )
    names = tables.body_names(plan(), lang())
    for body, group in waiting.groupby("body", sort=True):
        if chosen and body != chosen:
            continue
        name = i18n.marked_ours(names[str(body)], lang()) if str(body) in names else t("cycle.no_body")
        st.subheader(f"{str(body) or '—'} · {name}")
        for row in group.to_dict("records"):
            _submission(person, row)


def _submission(person: Person, row: Mapping[Hashable, Any]) -> None:
    key = f"rev-{row['id']}"
    with st.container(border=True):
        st.markdown(f"**{escape(row['code'])} {escape(row['name'])}** · {Period.parse(row['period']).label(lang())}")
        figures, before, status = st.columns(3)
        shown = _value(row, row["value"]) if not row["no_data_reason"] else t("record.no_data")
        figures.markdown(f"{t('review.value')}: **{shown}**")
        previous = _value(row, row["previous_value"])
        before.markdown(
            f"{t('review.previous')}: **{previous}**"
            + (f" ({row['previous_period']})" if row["previous_period"] else "")
        )
        if row["would_be"]:
            status.html(f"{t('review.would_be')}: {status_badge(row['would_be'])}")
        for heading, text in cycle_tables.explanation_lines(row, lang()):
            st.markdown(f"**{heading}:** {escape(text)}")
        source = f" · {t('export.source_file')}: {escape(row['source_file'])}" if row["source_file"] else ""
        st.caption(t("review.submitted_by", who=escape(row["submitted_by"]), when=when(row["submitted_at"])) + source)
        own = _own(person, row)
        if own:
            st.info(t("review.own"), icon=":material/group:")
        approve, comment, send_back = st.columns([1, 3, 1], vertical_alignment="bottom")
        named = escape(f"{row['code']} {row['name']}")  # a body has two 1.1s: the code alone names neither
        if approve.button(
            t("review.approve"), key=f"{key}-approve", type="primary", disabled=own, icon=":material/check:"
        ):
            _write(
                lambda: store().approve(plan(), person, [int(row["id"])]),
                t("review.approved", code=named),
            )
        text = comment.text_input(
            t("review.comment"), key=f"{key}-comment", max_chars=2000, placeholder=t("review.comment_hint")
        )
        if send_back.button(t("review.send_back"), key=f"{key}-return", icon=":material/undo:"):
            if not text.strip():
                st.error(t("review.comment_needed"), icon=":material/edit:")
            else:
                _write(lambda: store().send_back(plan(), person, [int(row["id"])], text), t("review.returned", code=named))  # fmt: skip


def imports(person: Person, waiting: pd.DataFrame) -> None:
    """Each uploaded workbook with versions awaiting review: its preview, then approval of all of it."""
    found = cycle_tables.batches(waiting)
    if found.empty:
        st.info(t("review.no_imports"))
        return
    for batch in found.to_dict("records"):
        rows = waiting[waiting["batch"] == batch["batch"]]
        title = t("review.import_title", file=escape(batch["source_file"]), n=int(batch["n"]), who=escape(batch["submitted_by"]), when=when(batch["submitted_at"]))  # fmt: skip
        with st.expander(title, icon=":material/upload_file:"):
            table(cycle_tables.queue_table(rows, lang()), height=min(420, 60 + 36 * len(rows)))
            own = any(_own(person, r) for r in rows.to_dict("records"))
            if own:
                st.info(t("review.own_import"), icon=":material/group:")
            read = st.checkbox(t("review.read_preview"), key=f"rev-read-{batch['batch']}", disabled=own)
            if st.button(t("review.approve_all", n=int(batch["n"])), key=f"rev-batch-{batch['batch']}", type="primary", disabled=own or not read):  # fmt: skip
                approve_all = functools.partial(store().approve_batch, plan(), person, str(batch["batch"]))
                _write(approve_all, t("review.approved_all", n=int(batch["n"])))


def manual_status(person: Person) -> None:
    """Set (or clear) the coordinator's status of an indicator for a year, with the reason; the list of them."""
    st.caption(t("review.manual_intro"))
    ids = list(plan().indicators["id"])
    labels = tables.indicator_labels(plan(), lang())
    left, middle, right = st.columns([3, 1, 2])
    indicator_id = left.selectbox(
        t("indicator.pick"), ids, format_func=lambda i: labels.get(i, i), key="rev-manual-ind"
    )
    year = middle.selectbox(t("common.year"), list(PLAN_YEARS), key="rev-manual-year")
    choices = [*WORST_FIRST, ""]
    status = right.selectbox(
        t("col.manual_status"), choices, format_func={s: status_text(s) if s else t("review.manual_clear") for s in choices}.__getitem__, key="rev-manual-status"
    )  # fmt: skip
    reason = st.text_area(t("review.manual_reason"), max_chars=2000, key="rev-manual-reason")
    if st.button(t("review.manual_save"), key="rev-manual-save", type="primary", disabled=not reason.strip()):
        _write(lambda: store().set_manual_status(plan(), person, indicator_id, int(year), status, reason), t("review.manual_saved"))  # fmt: skip
    if not reason.strip():
        st.caption(t("review.reason_first"))
    held = manual_statuses()
    if held.empty:
        st.write(t("review.no_manual"))
    else:
        table(cycle_tables.manual_table(plan(), held, lang(), time_zone()))


def round_management(person: Person) -> None:
    """The rounds (open, close, reopen with a reason, move the due date)."""
    held = rounds()
    if not held.empty:
        table(cycle_tables.rounds_table(held, today(), lang(), time_zone()))
    with st.container(border=True):
        st.markdown(f"**{t('review.open_round')}**")
        kind, year, half, due = st.columns(4)
        halves = kind.radio(t("review.round_kind"), ["year", "half"], format_func={k: t(f"review.round_{k}") for k in ("year", "half")}.__getitem__, key="rev-round-kind")  # fmt: skip
        chosen_year = year.selectbox(t("common.year"), list(PLAN_YEARS), key="rev-round-year")
        chosen_half = half.selectbox(t("review.half"), [1, 2], key="rev-round-half", disabled=halves == "year")
        due_date = due.date_input(t("cycle.col.due"), value=_default_due(int(chosen_year)), format="DD.MM.YYYY", key="rev-round-due")  # fmt: skip
        note = st.text_input(t("cycle.field.note"), max_chars=500, key="rev-round-note")
        period = Period(int(chosen_year), int(chosen_half) if halves == "half" else None)
        if st.button(t("review.open", period=period.label(lang())), key="rev-round-open", type="primary"):
            _write(lambda: store().open_round(person, period, due_date, note), t("review.opened", period=period.label(lang())))  # fmt: skip
    for round_ in held.to_dict("records"):
        _round_actions(person, round_)


def _round_actions(person: Person, round_: Mapping[Hashable, Any]) -> None:
    period = Period.parse(round_["period"])
    label = period.label(lang())
    key = f"rev-round-{period.key}"
    with st.container(border=True):
        state = t(f"cycle.round.{round_['state']}")
        st.markdown(f"**{t('review.round_title', period=label)}** · {state}")
        if round_["state"] == "open":
            due_column, move, close = st.columns([2, 1, 1], vertical_alignment="bottom")
            due = due_column.date_input(t("cycle.col.due"), value=cycle_tables.cycle_date(round_["due"]), format="DD.MM.YYYY", key=f"{key}-due")  # fmt: skip
            if move.button(t("review.move_due"), key=f"{key}-move"):
                _write(lambda: store().change_due(person, period, due), t("review.due_moved", period=label))
            sure = st.checkbox(t("review.close_sure", period=label), key=f"{key}-sure")
            if close.button(t("review.close"), key=f"{key}-close", disabled=not sure):
                _write(lambda: store().close_round(person, period), t("review.closed", period=label))
        else:
            reason_column, reopen = st.columns([3, 1], vertical_alignment="bottom")
            reason = reason_column.text_input(t("review.reopen_reason"), max_chars=2000, key=f"{key}-reason")
            if reopen.button(t("review.reopen"), key=f"{key}-reopen", disabled=not reason.strip()):
                _write(lambda: store().reopen_round(person, period, reason), t("review.reopened", period=label))


def _default_due(year: int) -> dt.date:
    """A year's report is due on 1 March of the next (a suggestion; the coordinator picks the date)."""
    return dt.date(min(year + 1, YEARS[-1] + 1), 3, 1)


def coordinators_only() -> None:
    """An editor or a viewer on this page: what it is and who uses it."""
    st.info(t("review.coordinators_only"), icon=":material/lock:")
