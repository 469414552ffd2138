"""Completeness: per responsible body, what a reporting round expects and how many indicators are missing,
drafted, submitted, returned or approved, overdue bodies first. Read-only for everyone; the coordinator
sends the reminders from here."""

import streamlit as st

from zhez import ui
from zhez.ui import board as screen

ui.run_inside_app()

st.title(ui.t("board.title"))
st.caption(ui.t("board.intro"))
round_ = screen.chosen_round()
if round_ is None:
    st.stop()

screen.board(round_)

who = ui.person()
if who is not None and who.is_coordinator:
    screen.reminders(who, round_)
