"""The Report values screen (signed-in editors and coordinators): one value at a time, the body's Excel
report out and in, the history with undo. Its widget keys start with ``rec-``.

Minimal until the cycle's own screens (My tasks, Submit, Review) replace it: everything goes through the
store, which checks the person's bodies and the open round, and submits for the coordinator's review.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from zhez import tables
from zhez.auth import AuthError, Person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.excel import export_bytes, read_report_workbook, report_template_bytes
from zhez.export import XLSX_MIME
from zhez.markdown import escape
from zhez.store import StoreError
from zhez.ui.language import lang, t
from zhez.ui.loaders import plan, recorded_actuals, store
from zhez.ui.render import table


def open_period() -> Period | None:
    """The round to report for (a choice when several are open); None, and says so, when none is open."""
    rounds = store().rounds()
    open_periods = list(rounds[rounds["state"] == "open"]["period"])
    if not open_periods:
        st.info(t("problem.no_open_round", period="—"))
        return None
    return Period.parse(st.selectbox(t("cycle.col.period"), open_periods, key="rec-period"))


def indicators_of(person: Person) -> pd.DataFrame:
    """The indicators of the bodies ``person`` answers for."""
    indicators = plan().indicators
    return indicators[[person.answers_for(str(b or "")) for b in indicators["responsible_body"]]]


def one_value_form(person: Person, indicator_id: str, period: Period) -> None:
    """Report one value with its source, the reason for a deviation and the measures taken; submits it for review."""
    with st.form("record-one", clear_on_submit=False):
        value = st.number_input(t("record.value"), value=None, min_value=0.0, format="%.3f", key="rec-value")
        source = st.text_input(t("cycle.field.source"), max_chars=2000, key="rec-source")
        deviation = st.text_area(t("cycle.field.deviation_reason"), max_chars=2000, key="rec-deviation")
        measures = st.text_area(t("cycle.field.measures"), max_chars=2000, key="rec-measures")
        note = st.text_input(t("record.note"), max_chars=500, key="rec-note")
        save = st.form_submit_button(t("cycle.action.submit").capitalize(), type="primary")
    if save:
        report = IndicatorReport(value, "", deviation, measures, source, note)
        try:
            outcome = store().save(plan(), person, [Entry(indicator_id, period, report)], submit=True)
        except (AuthError, StoreError) as error:
            st.error(escape(error.text(lang())))
        else:
            saved, unchanged = len(outcome.saved), len(outcome.unchanged)
            st.success(t("cli.submitted", saved=saved, unchanged=unchanged, batch=outcome.batch[:8]))


def template_download(indicators: pd.DataFrame, period: Period) -> None:
    """The report workbook of the bodies of ``indicators`` for the round, with what is reported so far."""
    bodies = sorted({str(b) for b in indicators["responsible_body"] if b})
    st.download_button(
        t("record.template"),
        lambda: report_template_bytes(plan(), bodies, period, store().reports(period=period), lang()),
        f"zhezkazgan-report-{period.key}.xlsx",
        icon=":material/download:",
        mime=XLSX_MIME,
        on_click="ignore",
    )


def workbook_import(person: Person, period: Period) -> None:
    """Upload a filled report, see row by row what it would change or why it is refused, then submit it."""
    upload = st.file_uploader(t("record.upload"), type=["xlsx"], key="rec-upload")
    if upload is None:
        return
    result = read_report_workbook(
        upload.getvalue(), plan(), person, period, store().reports(period=period), recorded_actuals()
    )
    counts = result.preview["status"].value_counts()
    st.markdown(
        "**"
        + t("record.preview", **{k: int(counts.get(k, 0)) for k in ("new", "changed", "unchanged", "rejected")})
        + "**"
    )
    if not result.preview.empty:
        table(tables.import_preview(result.preview, plan(), lang()), height=320)
    if not result.ok:
        st.error(t("record.refused") + "\n\n" + "\n".join(f"- {escape(line)}" for line in result.problem_lines(lang())))
    elif not result.entries:
        st.info(t("record.nothing_to_apply"))
    elif st.button(t("record.apply", n=len(result.entries)), type="primary", key="rec-apply"):
        try:
            outcome = store().save(plan(), person, result.entries, submit=True, source_file=upload.name)
        except (AuthError, StoreError) as error:
            st.error(escape(error.text(lang())))
        else:
            st.success(t("record.applied", n=len(outcome.saved)))


def approved_download() -> None:
    """Every approved value, with who and when, and the change history, as a workbook."""
    st.download_button(
        t("record.export"),
        lambda: export_bytes(plan(), recorded_actuals(), store().history(limit=100_000), lang()),
        "zhezkazgan-actuals-approved.xlsx",
        icon=":material/table_view:",
        mime=XLSX_MIME,
        on_click="ignore",
    )


def history_with_undo(person: Person) -> None:
    """Undo the person's last change (saying what could not be undone), and the history of submissions."""
    if st.button(t("record.undo"), icon=":material/undo:", key="rec-undo"):
        undone = store().undo_last(plan(), person)
        st.toast(t("record.undone", n=undone.restored) if undone.batch else t("record.nothing_to_undo"))
        for skipped in undone.skipped:
            st.warning(escape(skipped.text(lang())))
    log = store().history(entity="submission")
    if log.empty:
        st.write(t("record.history_empty"))
    else:
        table(tables.cycle_log(plan(), log, lang()), height=420, key="history")
