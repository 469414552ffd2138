"""Record actuals (editors only): one value at a time, or a filled Excel workbook; history and undo."""

import streamlit as st

from zhez import tables, ui
from zhez.plan import PLAN_YEARS, YEARS
from zhez.ui import record as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()

st.title(ui.t("record.title"))
editor = ui.editor()
if editor is None:
    ui.sign_in_form()
    st.stop()
ui.signed_in_bar(editor)

one, workbook, history = st.tabs([ui.t("record.tab_one"), ui.t("record.tab_workbook"), ui.t("record.tab_history")])

with one:
    labels = tables.indicator_labels(plan, lang)
    ids = list(labels)
    c1, c2 = st.columns([4, 1])
    indicator_id = ui.select(ui.t("indicator.pick"), ids, "ind", ids[0], labels.get, key="rec-ind", container=c1)
    year = c2.selectbox(ui.t("record.year"), YEARS, index=YEARS.index(PLAN_YEARS[0]), key="rec-year")
    has_value = screen.recorded_context(indicator_id, year)
    screen.one_value_form(editor, indicator_id, year, labels[indicator_id], has_value)

with workbook:
    screen.template_download()
    screen.workbook_import(editor)
    screen.recorded_download()

with history:
    screen.history_with_undo(editor)
