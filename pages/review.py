"""Review (the coordinator): the queue of submitted values by body — approve, or return with a comment —,
a whole uploaded workbook approved after reading its preview, manual statuses with their reasons, and the
reporting rounds. The store refuses anyone else, and a coordinator's own submission (four eyes)."""

import streamlit as st

from zhez import ui
from zhez.ui import review as screen

ui.run_inside_app()

st.title(ui.t("review.title"))
who = ui.person()
if who is None:
    screen.coordinators_only()
    ui.sign_in_form()
    st.stop()
if not who.is_coordinator:
    screen.coordinators_only()
    st.stop()

screen.flash()
waiting = screen.queue()
queue, batches, manual, rounds = st.tabs(
    [
        ui.t("review.tab_queue", n=len(waiting)),
        ui.t("review.tab_imports"),
        ui.t("review.tab_manual"),
        ui.t("review.tab_rounds"),
    ]
)
with queue:
    screen.review_queue(who, waiting)
with batches:
    screen.imports(who, waiting)
with manual:
    screen.manual_status(who)
with rounds:
    screen.round_management(who)
