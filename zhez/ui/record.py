"""The Submit screen (signed-in editors and coordinators): an indicator's value for the open round, or "no
data yet" with a reason, and its explanation — saved as a draft or submitted for review; the body's Excel
report out and in with a preview; the history with undo. Its widget keys start with ``rec-``.

Everything goes through the store, which checks the person's bodies, the open round and what review needs;
the page says before saving what the store would ask (a reason for a deviation, "is this right?").
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from zhez import actuals, body_workbook, cycle, excel, tables
from zhez.auth import AuthError, Person
from zhez.cycle import OPEN_STATES, Entry, IndicatorReport, Period
from zhez.export import XLSX_MIME
from zhez.i18n import unit_for
from zhez.markdown import escape
from zhez.problems import Problem
from zhez.store import StoreError
from zhez.ui import link
from zhez.ui.language import lang, number, status_text, t, time_zone, when
from zhez.ui.loaders import approved_actuals, plan, recorded_actuals, reports, revision, rounds, store
from zhez.ui.render import table
from zhez.ui.widgets import number_field, select

FLASH_KEY = "rec-flash"  # what the last save did, shown after the rerun that redraws the page
PARSE_KEY = "rec-parsed"  # the last upload's parse: (upload key, store revision, person, period) → result


def flash() -> None:
    """What the last action did (saved on the run that did it, shown on the next)."""
    done = st.session_state.pop(FLASH_KEY, None)
    if done:
        st.success(done, icon=":material/check_circle:")


def _done(message: str) -> None:
    st.session_state[FLASH_KEY] = message
    st.rerun()


def open_period() -> Period | None:
    """The round to report for (the link's ``period=``, a choice when several are open); None, and says so,
    when none is open."""
    held = rounds()
    open_periods = list(held[held["state"] == "open"]["period"])
    if not open_periods:
        st.info(t("problem.no_open_round", period="—"), icon=":material/event_busy:")
        return None
    if len(open_periods) == 1:
        return Period.parse(open_periods[0])
    labels = {p: Period.parse(p).label(lang()) for p in open_periods}
    return Period.parse(
        select(t("cycle.col.period"), open_periods, "period", open_periods[0], labels.get, "rec-period")
    )


def indicators_of(person: Person) -> pd.DataFrame:
    """The indicators of the bodies ``person`` answers for."""
    indicators = plan().indicators
    return indicators[[person.answers_for(str(b or "")) for b in indicators["responsible_body"]]]


def chosen_indicator(person: Person, mine: pd.DataFrame) -> str | None:
    """The indicator to report (the link's ``ind=``, among the person's own); an indicator of another body
    in the link is refused in words, and the person's first one is offered instead."""
    ids = list(mine["id"])
    asked = link.value("ind")
    if asked is not None and asked in set(plan().indicators["id"]) and asked not in ids:
        body = str(plan().indicator(asked)["responsible_body"] or "")
        problem = Problem.of("out_of_scope", body=body or "—", bodies=", ".join(sorted(person.bodies)) or "—")
        st.error(escape(problem.text(lang())), icon=":material/block:")
    if not ids:
        st.info(t("record.no_indicators"))
        return None
    labels = tables.indicator_labels(plan(), lang())
    return select(t("indicator.pick"), ids, "ind", ids[0], labels.get, key="rec-ind")


def _versions(indicator_id: str, period: Period) -> tuple[dict[Hashable, Any] | None, dict[Hashable, Any] | None]:
    """(the working version, the approved one in force) of an indicator and period."""
    held = reports()
    rows = held[(held["subject_id"] == indicator_id) & (held["period"] == period.key)] if len(held) else held
    rows = rows.sort_values("version") if len(rows) else rows
    working = rows[rows["state"].isin(OPEN_STATES)] if len(rows) else rows
    approved = rows[rows["state"] == "approved"] if len(rows) else rows
    return (
        working.iloc[-1].to_dict() if len(working) else None,
        approved.iloc[-1].to_dict() if len(approved) else None,
    )


def _value_text(version: Mapping[Hashable, Any], unit: str) -> str:
    value = version.get("value")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("record.no_data")
    return f"{number(float(value))} {unit_for(float(value), unit, lang())}".strip()


def context_line(indicator_id: str, period: Period) -> None:
    """What the plan asks for the year, what is approved and what is in the works, with who and when —
    read from the store on every run, so it shows a save at once."""
    row = plan().indicator(indicator_id)
    unit = tables.unit_in_sentence(plan(), row, lang())
    planned = {int(r["year"]): r for r in plan().series(indicator_id).to_dict("records")}
    parts = []
    target = planned.get(period.year)
    if target is not None and pd.notna(target["value"]):
        parts.append(
            t(
                "record.plan_for",
                year=str(period.year),
                value=f"{number(float(target['value']))} {unit_for(float(target['value']), unit, lang())}",
                kind=t(f"kind.{target['kind']}"),
            )
        )
    working, approved = _versions(indicator_id, period)
    if approved is not None:
        parts.append(
            t(
                "record.approved_now",
                value=_value_text(approved, unit),
                who=escape(approved["reviewed_by"]),
                when=when(approved["reviewed_at"]),
            )
        )
    if working is not None:
        state = t(f"cycle.state.{working['state']}")
        # a returned value was last acted on by the coordinator who returned it, not by its editor
        returned = working["state"] == "returned"
        parts.append(
            t(
                "record.working_now",
                value=_value_text(working, unit),
                state=state,
                who=escape(working["reviewed_by"] if returned else working["updated_by"]),
                when=when(working["reviewed_at"] if returned else working["updated_at"]),
            )
        )
    if approved is None and working is None:
        parts.append(t("record.nothing_yet"))
    st.markdown(" · ".join(parts))  # fmt: skip


def report_form(person: Person, indicator_id: str, period: Period) -> None:
    """The value (or "no data yet" and why) and the explanation; a draft, or submitted for review."""
    working, approved = _versions(indicator_id, period)
    if working is not None and working["state"] == "submitted":
        st.info(t("record.awaiting_review"), icon=":material/hourglass_top:")
        if st.button(t("record.withdraw"), key="rec-withdraw", icon=":material/undo:"):
            _write(lambda: store().withdraw(plan(), person, [int(working["id"])]), t("record.withdrawn"))
        return
    if working is not None and working["state"] == "returned":
        comment = escape(working["review_comment"])
        st.warning(t("record.returned", who=escape(working["reviewed_by"]), comment=comment), icon=":material/undo:")
    start = working or approved or {}
    key = f"rec-{indicator_id}-{period.key}"
    unit = tables.unit_text(plan(), plan().indicator(indicator_id), lang())
    had_no_data = bool(start.get("no_data_reason"))
    mode = st.radio(t("record.what"), ["value", "no_data"], index=1 if had_no_data else 0, horizontal=True,
                    format_func={m: t(f"record.mode_{m}") for m in ("value", "no_data")}.__getitem__, key=f"{key}-mode")  # fmt: skip
    value: float | None = None
    no_data_reason = ""
    readable = True
    if mode == "value":
        stored = start.get("value")
        given = None if stored is None or (isinstance(stored, float) and math.isnan(stored)) else float(stored)
        reading = number_field(f"{t('cycle.field.value')} ({unit})", key=f"{key}-value", value=given)
        value, readable = reading.value, reading.ok
    else:
        no_data_reason = st.text_area(t("cycle.field.no_data_reason"), value=start.get("no_data_reason", ""),
                                      max_chars=cycle.MAX_TEXT, key=f"{key}-no-data")  # fmt: skip
    needs_reason = _status_hint(indicator_id, period, value)
    reason_label = t("cycle.field.deviation_reason") + (f" — {t('record.required')}" if needs_reason else "")
    texts = {
        "deviation_reason": st.text_area(reason_label, value=start.get("deviation_reason", ""), max_chars=cycle.MAX_TEXT, key=f"{key}-deviation"),
        "measures": st.text_area(t("cycle.field.measures"), value=start.get("measures", ""), max_chars=cycle.MAX_TEXT, key=f"{key}-measures"),
        "source": st.text_input(t("cycle.field.source") + (f" — {t('record.required')}" if mode == "value" else ""), value=start.get("source", ""), max_chars=cycle.MAX_TEXT, key=f"{key}-source"),
        "note": st.text_input(t("cycle.field.note"), value=start.get("note", ""), max_chars=actuals.MAX_NOTE, key=f"{key}-note"),
    }  # fmt: skip
    # a value the store would refuse (a share over 100) is said at once, not asked about and refused on Submit
    refused = [] if value is None else actuals.check(plan(), indicator_id, period.year, value)
    if refused:
        st.error(escape(" ".join(problem.message(lang()) for problem in refused)), icon=":material/block:")
    confirmed = not refused and _far_question(indicator_id, period, value, key)
    report = IndicatorReport(
        value, no_data_reason, texts["deviation_reason"], texts["measures"], texts["source"], texts["note"]
    )
    # messages name the indicator as the screen does, not by its id ("i29 · 2026")
    where = f"{tables.indicator_labels(plan(), lang())[indicator_id]} · {period.label(lang())}"
    entry = Entry(indicator_id, period, report, where=where)
    left, right = st.columns(2)
    ready = readable and confirmed
    if left.button(
        t("record.save_draft"), key="rec-draft", icon=":material/save:", disabled=not ready, width="stretch"
    ):
        _write(lambda: store().save(plan(), person, [entry]), t("record.saved_draft"))
    if right.button(
        t("record.submit"),
        key="rec-submit",
        type="primary",
        icon=":material/send:",
        disabled=not ready,
        width="stretch",
    ):
        _write(lambda: store().save(plan(), person, [entry], submit=True), t("record.submitted"))  # fmt: skip


def _status_hint(indicator_id: str, period: Period, value: float | None) -> bool:
    """The status the value would give, said before saving; True when it needs a reason for the deviation."""
    if value is None or period.half is not None or actuals.check(plan(), indicator_id, period.year, value):
        return False
    status = cycle.status_with(plan(), indicator_id, period.year, value, approved_actuals())
    needed = status in cycle.NOT_ON_TRACK
    st.caption(
        t("record.would_be", status=status_text(status), year=str(period.year))
        + (" " + t("record.reason_needed") if needed else "")
    )
    return needed  # fmt: skip


def _far_question(indicator_id: str, period: Period, value: float | None, key: str) -> bool:
    """Issue 20 §1: a value far from the plan's and the last one is asked about; True once confirmed."""
    if value is None:
        return True
    question = actuals.far_from_path(plan(), indicator_id, period.year, value, approved_actuals())
    if question is None:
        return True
    st.warning(escape(question.text(lang())), icon=":material/help:")
    return bool(st.checkbox(t("record.far_confirm"), key=f"{key}-far-{value!r}"))


def _write(action: Any, done: str) -> None:
    """Run a write; refused in words (nothing stored), or said done after the page redraws."""
    try:
        action()
    except (AuthError, StoreError) as error:
        st.error(escape(error.text(lang())), icon=":material/block:")
        return
    _done(done)


# ── the body's workbook ───────────────────────────────────────────────────


def template_download(person: Person, period: Period) -> None:
    """The report workbook of the bodies ``person`` answers for, for the round, with what is reported so far."""
    bodies = body_workbook.bodies_of(plan(), person)
    held, language = reports(), lang()  # read now: the file is made after the click, outside this run
    st.download_button(
        t("record.template"),
        lambda: body_workbook.template_bytes(plan(), "indicator", bodies, period, held, language),
        f"zhezkazgan-report-{period.key}.xlsx",
        icon=":material/download:",
        mime=XLSX_MIME,
        on_click="ignore",
        key="rec-template",
    )
    st.caption(t("record.template_help"))


def _parsed(data: bytes, person: Person, period: Period) -> body_workbook.BodyImport:
    """The upload read once per file and store revision (a rerun does not read it again)."""
    key = (body_workbook.upload_key(data), revision(), person.name, period.key)
    cached = st.session_state.get(PARSE_KEY)
    if cached is None or cached[0] != key:
        held = store().reports(period=period)
        read = body_workbook.read_workbook(data, plan(), person, "indicator", period, held, approved_actuals())
        cached = (key, read)
        st.session_state[PARSE_KEY] = cached
    result: body_workbook.BodyImport = cached[1]
    return result


def workbook_import(person: Person, period: Period) -> None:
    """Upload a filled report, see row by row what it would change or why it is refused, then submit it."""
    upload = st.file_uploader(t("record.upload"), type=["xlsx"], key="rec-upload")
    if upload is None:
        return
    result = _parsed(upload.getvalue(), person, period)
    counts = result.preview["status"].value_counts()
    kinds = ("new", "changed", "unchanged", "rejected")
    st.markdown("**" + t("record.preview", **{k: int(counts.get(k, 0)) for k in kinds}) + "**")
    if not result.preview.empty:
        table(tables.import_preview(result.preview, plan(), lang()), height=320)
    if not result.ok:
        lines = "\n".join(f"- {escape(line)}" for line in result.problem_lines(lang()))
        st.error(t("record.refused") + "\n\n" + lines)
    elif not result.entries:
        st.info(t("record.nothing_to_apply"))
    elif st.button(t("record.apply", n=len(result.entries)), type="primary", key="rec-apply"):
        name = upload.name
        _write(lambda: store().save(plan(), person, result.entries, submit=True, source_file=name),
               t("record.applied", n=len(result.entries)))  # fmt: skip


def approved_download() -> None:
    """Every approved value, with who and when, and the change history, as a workbook (times local)."""
    shown, log, language, zone = recorded_actuals(), store().history(limit=100_000), lang(), time_zone()
    st.download_button(
        t("record.export"),
        lambda: excel.export_bytes(plan(), shown, log, language, zone),
        "zhezkazgan-actuals.xlsx",
        icon=":material/table_view:",
        mime=XLSX_MIME,
        on_click="ignore",
        key="rec-export",
    )


def history_with_undo(person: Person) -> None:
    """Undo the person's last change (saying what could not be undone), and the history of submissions."""
    if st.button(t("record.undo"), icon=":material/undo:", key="rec-undo"):
        undone = store().undo_last(plan(), person)
        st.toast(t("record.undone", n=undone.restored) if undone.batch else t("record.nothing_to_undo"))
        for skipped in undone.skipped:
            st.warning(escape(skipped.text(lang())))
    log = store().history(entity="submission", key_prefix="indicator:")
    if log.empty:
        st.write(t("record.history_empty"))
    else:
        table(tables.cycle_log(plan(), log, lang(), time_zone()), height=420, key="history")
