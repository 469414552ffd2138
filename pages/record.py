"""Report values (signed-in editors and coordinators): one value at a time, or the body's Excel report; history and undo.

Minimal until the cycle's own pages (My tasks, Submit, Review) replace it: everything goes through the store,
which checks the person's bodies and the open round, and submits for the coordinator's review.
"""

import streamlit as st

from zhez import tables, ui
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

period = screen.open_period()
if period is None:
    st.stop()
mine = screen.indicators_of(editor)

one, workbook, history = st.tabs([ui.t("record.tab_one"), ui.t("record.tab_workbook"), ui.t("record.tab_history")])

with one:
    labels = tables.indicator_labels(plan, lang)
    ids = list(mine["id"])
    indicator_id = ui.select(ui.t("indicator.pick"), ids, "ind", ids[0], labels.get, key="rec-ind")
    screen.one_value_form(editor, indicator_id, period)

with workbook:
    screen.template_download(mine, period)
    screen.workbook_import(editor, period)
    screen.approved_download()

with history:
    screen.history_with_undo(editor)
