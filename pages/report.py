"""Report: the report on the plan's implementation for a period, in the reader's choice of language, as an
editable Word file or a PDF; the summary first. Viewers get approved values; a coordinator may make a draft."""

import streamlit as st

from zhez import ui
from zhez.auth import AuthError
from zhez.ui import report as screen

ui.run_inside_app()

st.title(ui.t("report.page_title"))
intro = st.empty()  # what the report is made of: said once the draft switch is read

who = ui.editor()
left, right = st.columns(2)
with left:
    period = screen.period_choice()
with right:
    report_lang = screen.language_choice()
draft = screen.draft_choice(who)
intro.write(ui.t("report.page_intro_draft" if draft else "report.page_intro"))

try:
    made = screen.content(period, report_lang, who, draft)
except AuthError as error:
    screen.refused(error)
    st.stop()

screen.downloads(made)
screen.summary(made)
