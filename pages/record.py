"""Record actuals (editors only): one value at a time, or a filled Excel workbook; history and undo."""

import streamlit as st

from zhez import tables, ui
from zhez.actuals import ActualChange, check, check_note
from zhez.auth import AuthError
from zhez.excel import export_bytes, read_actuals_workbook, template_bytes
from zhez.plan import YEARS
from zhez.progress import status_label
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

one, workbook, history = st.tabs([ui.t("record.tab_one"), ui.t("record.tab_workbook"), ui.t("record.tab_history")])

with one:
    ids = list(plan.indicators["id"])
    labels = {row["id"]: f"{row['code'] or '—'} · {ui.name(row)}" for _, row in plan.indicators.iterrows()}
    c1, c2 = st.columns([4, 1])
    indicator_id = c1.selectbox(
        ui.t("indicator.pick"),
        ids,
        format_func=labels.get,
        key="rec-ind",
        index=ids.index(ui.query_value("ind", ids, ids[0])),
    )
    year = c2.selectbox(ui.t("record.year"), YEARS, index=len(YEARS) - 5, key="rec-year")
    ui.set_query(ind=indicator_id)
    published = plan.series(indicator_id).set_index("year").loc[year]
    recorded = ui.recorded_actuals()
    mine = recorded[(recorded["indicator_id"] == indicator_id) & (recorded["year"] == year)]
    st.caption(
        ui.t(
            "record.context",
            year=str(year),
            plan=ui.number(published["value"]),
            kind=ui.t(f"kind.{published['kind']}"),
            cell=published["raw"].strip(),
            recorded=ui.number(mine["value"].iloc[0]) + f" ({mine['recorded_by'].iloc[0]})"
            if not mine.empty
            else ui.t("record.nothing_recorded"),
        )
    )
    with st.form("record-one", clear_on_submit=False):
        value = st.number_input(ui.t("record.value"), value=None, min_value=0.0, format="%.3f", key="rec-value")
        note = st.text_input(ui.t("record.note"), max_chars=500, key="rec-note")
        save = st.form_submit_button(ui.t("record.save"), type="primary")
        clear = st.form_submit_button(ui.t("record.clear"), disabled=mine.empty)
    if save or clear:
        change = ActualChange(indicator_id, int(year), None if clear else value, note.strip())
        problems = [] if clear else check(plan, indicator_id, int(year), value) + check_note(note)
        if save and value is None:
            st.error(ui.t("record.enter_value"))
        elif problems:
            st.error("; ".join(p.text(lang) for p in problems))
        else:
            try:
                changed = store.record(plan, editor, [change])
            except (AuthError, StoreError) as error:
                st.error(str(error))
            else:
                if changed:
                    row = ui.assessment().set_index("indicator_id").loc[indicator_id]
                    st.success(
                        ui.t("record.saved", indicator=labels[indicator_id], status=status_label(row["status"], lang))
                    )
                else:
                    st.info(ui.t("record.no_change"))

with workbook:
    st.download_button(
        ui.t("record.template"),
        template_bytes(plan, lang, ui.recorded_actuals()),
        "zhezkazgan-actuals-template.xlsx",
        help=ui.t("record.template_help"),
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    upload = st.file_uploader(ui.t("record.upload"), type=["xlsx"], key="rec-upload")
    if upload is not None:
        result = read_actuals_workbook(upload.getvalue(), plan, ui.recorded_actuals(), upload.name)
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
        elif not result.changes:
            st.info(ui.t("record.nothing_to_apply"))
        elif st.button(ui.t("record.apply", n=len(result.changes)), type="primary", key="rec-apply"):
            try:
                applied = store.record(plan, editor, result.changes, source_file=upload.name, action="import")
            except (AuthError, StoreError) as error:
                st.error(str(error))
            else:
                st.success(ui.t("record.applied", n=applied))
    st.download_button(
        ui.t("record.export"),
        export_bytes(plan, ui.recorded_actuals(), store.history(entity="actual", limit=100_000), lang),
        "zhezkazgan-actuals-recorded.xlsx",
        icon=":material/table_view:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

with history:
    if st.button(ui.t("record.undo"), icon=":material/undo:", key="rec-undo"):
        restored = store.undo_last(plan, editor)
        st.toast(ui.t("record.undone", n=restored) if restored else ui.t("record.nothing_to_undo"))
    log = store.history(entity="actual")
    if log.empty:
        st.write(ui.t("record.history_empty"))
    else:
        ui.table(tables.actuals_history(plan, log, lang), height=420, key="history")
