"""My tasks: what an editor's bodies still owe in the open reporting rounds, returned ones first, one click
from the entry form. An editor's first screen after signing in."""

import streamlit as st

from zhez import ui
from zhez.ui import tasks as screen

ui.run_inside_app()

st.title(ui.t("tasks.title"))
who = ui.person()
if who is None:
    st.write(ui.t("tasks.sign_in"))
    ui.sign_in_form()
    st.stop()
if who.is_coordinator:
    screen.coordinator_note()
    st.stop()

screen.intro(who)
if screen.open_rounds_line():
    screen.task_list(who)
