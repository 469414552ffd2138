"""Report values (signed-in editors and coordinators): one value at a time, or the body's Excel report; history and undo.

Minimal until the cycle's own pages (My tasks, Submit, Review) replace it: everything goes through the store,
which checks the person's bodies and the open round, and submits for the coordinator's review.
"""

import streamlit as st

from zhez import body_workbook, tables, ui
from zhez.auth import AuthError
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.excel import export_bytes
from zhez.store import StoreError

ui.page_start()

plan = ui.plan()
lang = ui.lang()
store = ui.store()

st.title(ui.t("record.title"))
editor = ui.editor()
if editor is None:
    ui.sign_in_form()
    st.stop()
ui.signed_in_bar(editor)

rounds = store.rounds()
open_periods = list(rounds[rounds["state"] == "open"]["period"])
if not open_periods:
    st.info(ui.t("problem.no_open_round", period="—"))
    st.stop()
period = Period.parse(st.selectbox(ui.t("cycle.col.period"), open_periods, key="rec-period"))
mine = plan.indicators[[editor.answers_for(str(b or "")) for b in plan.indicators["responsible_body"]]]

one, workbook, history = st.tabs([ui.t("record.tab_one"), ui.t("record.tab_workbook"), ui.t("record.tab_history")])

with one:
    ids = list(mine["id"])
    labels = {row["id"]: f"{row['code'] or '—'} · {ui.name(row)}" for _, row in mine.iterrows()}
    indicator_id = st.selectbox(
        ui.t("indicator.pick"),
        ids,
        format_func=labels.get,
        key="rec-ind",
        index=ids.index(ui.query_value("ind", ids, ids[0])),
    )
    ui.set_query(ind=indicator_id)
    with st.form("record-one", clear_on_submit=False):
        value = st.number_input(ui.t("record.value"), value=None, min_value=0.0, format="%.3f", key="rec-value")
        source = st.text_input(ui.t("cycle.field.source"), max_chars=2000, key="rec-source")
        deviation = st.text_area(ui.t("cycle.field.deviation_reason"), max_chars=2000, key="rec-deviation")
        measures = st.text_area(ui.t("cycle.field.measures"), max_chars=2000, key="rec-measures")
        note = st.text_input(ui.t("record.note"), max_chars=500, key="rec-note")
        save = st.form_submit_button(ui.t("cycle.action.submit").capitalize(), type="primary")
    if save:
        report = IndicatorReport(value, "", deviation, measures, source, note)
        try:
            outcome = store.save(plan, editor, [Entry(indicator_id, period, report)], submit=True)
        except (AuthError, StoreError) as error:
            st.error(error.text(lang))
        else:
            st.success(
                ui.t(
                    "cli.submitted", saved=len(outcome.saved), unchanged=len(outcome.unchanged), batch=outcome.batch[:8]
                )
            )

with workbook:
    bodies = body_workbook.bodies_of(plan, editor)
    st.download_button(
        ui.t("record.template"),
        lambda: body_workbook.template_bytes(plan, "indicator", bodies, period, store.reports(), lang),
        f"zhezkazgan-report-{period.key}.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )
    upload = st.file_uploader(ui.t("record.upload"), type=["xlsx"], key="rec-upload")
    if upload is not None:
        result = body_workbook.read_workbook(
            upload.getvalue(), plan, editor, "indicator", period, store.reports(period=period), ui.recorded_actuals()
        )
        counts = result.preview["status"].value_counts() if not result.preview.empty else {}
        st.markdown(
            "**"
            + ui.t("record.preview", **{k: int(counts.get(k, 0)) for k in ("new", "changed", "unchanged", "rejected")})
            + "**"
        )
        if not result.preview.empty:
            ui.table(tables.import_preview(result.preview, plan, lang), height=320)
        if not result.ok:
            st.error(ui.t("record.refused") + "\n\n" + "\n".join(f"- {line}" for line in result.problem_lines(lang)))
        elif not result.entries:
            st.info(ui.t("record.nothing_to_apply"))
        elif st.button(ui.t("record.apply", n=len(result.entries)), type="primary", key="rec-apply"):
            try:
                outcome = store.save(plan, editor, result.entries, submit=True, source_file=upload.name)
            except (AuthError, StoreError) as error:
                st.error(error.text(lang))
            else:
                st.success(ui.t("record.applied", n=len(outcome.saved)))
    st.download_button(
        ui.t("record.export"),
        lambda: export_bytes(plan, ui.recorded_actuals(), store.history(limit=100_000), lang),
        "zhezkazgan-actuals-approved.xlsx",
        icon=":material/table_view:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )

with history:
    if st.button(ui.t("record.undo"), icon=":material/undo:", key="rec-undo"):
        undone = store.undo_last(plan, editor)
        st.toast(ui.t("record.undone", n=undone.restored) if undone.batch else ui.t("record.nothing_to_undo"))
        for skipped in undone.skipped:
            st.warning(skipped.text(lang))
    log = store.history(entity="submission")
    if log.empty:
        st.write(ui.t("record.history_empty"))
    else:
        ui.table(tables.cycle_log(plan, log, lang), height=420, key="history")
