"""Submit: an indicator's value (or "no data yet" and why) with its explanation, as a draft or for review;
the body's Excel report; the history with undo. Signed-in editors and coordinators only.

Everything goes through the store, which checks the person's bodies and the open round; the page says
beforehand what review will need (a reason for a deviation, "is this value right?").
"""

import streamlit as st

from zhez import ui
from zhez.ui import record as screen

ui.run_inside_app()

st.title(ui.t("record.title"))
who = ui.person()
if who is None:
    st.write(ui.t("record.sign_in"))
    ui.sign_in_form()
    st.stop()

screen.flash()
period = screen.open_period()
if period is None:
    st.stop()

one, workbook, history = st.tabs([ui.t("record.tab_one"), ui.t("record.tab_workbook"), ui.t("record.tab_history")])

with one:
    indicator_id = screen.chosen_indicator(who, screen.indicators_of(who))
    if indicator_id is not None:
        screen.context_line(indicator_id, period)
        screen.report_form(who, indicator_id, period)

with workbook:
    screen.template_download(who, period)
    screen.workbook_import(who, period)
    screen.approved_download()

with history:
    screen.history_with_undo(who)
