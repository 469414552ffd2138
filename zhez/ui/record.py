"""The Record actuals screen (editors only): one value at a time, the Excel template out and a filled
one in, the history with undo. Its widget keys start with ``rec-``.

The form checks a value before the store does (``zhez.actuals.check``) so that its refusal reads in
the editor's language; ``Store.record`` checks it again, server-side, whoever calls it.
"""

from __future__ import annotations

import streamlit as st

from zhez import i18n, tables
from zhez.actuals import ActualChange, check, check_note
from zhez.auth import AuthError, Editor
from zhez.excel import export_bytes, read_actuals_workbook, template_bytes
from zhez.export import XLSX_MIME
from zhez.progress import status_label
from zhez.store import StoreError
from zhez.ui.language import lang, number, t
from zhez.ui.loaders import assessment, plan, recorded_actuals, store
from zhez.ui.render import table


def recorded_context(indicator_id: str, year: int) -> bool:
    """What the plan prints for that year (value, kind, the cell as printed) and what is recorded.
    Returns whether a value is recorded."""
    published: i18n.Row = plan().series(indicator_id).set_index("year").loc[year]
    recorded = recorded_actuals()
    mine = recorded[(recorded["indicator_id"] == indicator_id) & (recorded["year"] == year)]
    st.caption(
        t(
            "record.context",
            year=str(year),
            plan=number(published["value"]),
            kind=t(f"kind.{published['kind']}"),
            cell=published["raw"].strip(),
            recorded=number(mine["value"].iloc[0]) + f" ({mine['recorded_by'].iloc[0]})"
            if not mine.empty
            else t("record.nothing_recorded"),
        )
    )
    return not mine.empty


def one_value_form(editor: Editor, indicator_id: str, year: int, label: str, has_value: bool) -> None:
    """Record (or clear) one actual value with a note; says the indicator's status after the change."""
    with st.form("record-one", clear_on_submit=False):
        value = st.number_input(t("record.value"), value=None, min_value=0.0, format="%.3f", key="rec-value")
        note = st.text_input(t("record.note"), max_chars=500, key="rec-note")
        save = st.form_submit_button(t("record.save"), type="primary")
        clear = st.form_submit_button(t("record.clear"), disabled=not has_value)
    if not (save or clear):
        return
    change = ActualChange(indicator_id, int(year), None if clear else value, note.strip())
    problems = [] if clear else check(plan(), indicator_id, int(year), value) + check_note(note)
    if save and value is None:
        st.error(t("record.enter_value"))
    elif problems:
        st.error("; ".join(p.text(lang()) for p in problems))
    else:
        try:
            changed = store().record(plan(), editor, [change])
        except (AuthError, StoreError) as error:
            st.error(str(error))
        else:
            if changed:
                row = assessment().set_index("indicator_id").loc[indicator_id]
                st.success(t("record.saved", indicator=label, status=status_label(str(row["status"]), lang())))
            else:
                st.info(t("record.no_change"))


def template_download() -> None:
    """The workbook to fill: every indicator, what is recorded so far pre-filled."""
    st.download_button(
        t("record.template"),
        template_bytes(plan(), lang(), recorded_actuals()),
        "zhezkazgan-actuals-template.xlsx",
        help=t("record.template_help"),
        icon=":material/download:",
        mime=XLSX_MIME,
    )


def workbook_import(editor: Editor) -> None:
    """Upload a filled workbook, see row by row what it would change or why it is refused, then apply it."""
    upload = st.file_uploader(t("record.upload"), type=["xlsx"], key="rec-upload")
    if upload is None:
        return
    result = read_actuals_workbook(upload.getvalue(), plan(), recorded_actuals(), upload.name)
    counts = result.preview["status"].value_counts()
    st.markdown(
        "**"
        + t("record.preview", **{k: int(counts.get(k, 0)) for k in ("new", "changed", "unchanged", "rejected")})
        + "**"
    )
    if not result.preview.empty:
        table(tables.import_preview(result.preview, plan(), lang()), height=320)
    if not result.ok:
        st.error(t("record.refused") + "\n\n" + "\n".join(f"- {line}" for line in result.problem_lines(lang())))
    elif not result.changes:
        st.info(t("record.nothing_to_apply"))
    elif st.button(t("record.apply", n=len(result.changes)), type="primary", key="rec-apply"):
        try:
            applied = store().record(plan(), editor, result.changes, source_file=upload.name, action="import")
        except (AuthError, StoreError) as error:
            st.error(str(error))
        else:
            st.success(t("record.applied", n=applied))


def recorded_download() -> None:
    """Everything recorded, with who and when, and the change history, as a workbook."""
    st.download_button(
        t("record.export"),
        export_bytes(plan(), recorded_actuals(), store().history(entity="actual", limit=100_000), lang()),
        "zhezkazgan-actuals-recorded.xlsx",
        icon=":material/table_view:",
        mime=XLSX_MIME,
    )


def history_with_undo(editor: Editor) -> None:
    """Undo the last change, and every change of recorded actuals, newest first."""
    if st.button(t("record.undo"), icon=":material/undo:", key="rec-undo"):
        restored = store().undo_last(plan(), editor)
        st.toast(t("record.undone", n=restored) if restored else t("record.nothing_to_undo"))
    log = store().history(entity="actual")
    if log.empty:
        st.write(t("record.history_empty"))
    else:
        table(tables.actuals_history(plan(), log, lang()), height=420, key="history")
