"""Editions: the plan as published and as amended by the maslikhat, what one edition changed against another,
each edition's audit; a coordinator loads an amended edition and reviews the indicators it brings in."""

import streamlit as st

from zhez import ui
from zhez.ui import editions as screen

ui.run_inside_app()

st.title(ui.t("editions.title"))
st.write(ui.t("editions.intro"))
screen.last_write()
screen.overview()

st.subheader(ui.t("editions.compare"))
if len(screen.numbers()) < 2:
    st.info(ui.t("editions.only_published"))
    old, new = "0", "0"
else:
    old, new = screen.pick_pair()
    screen.changes(old, new)

st.subheader(ui.t("editions.review_title"))
st.caption(ui.t("editions.review_intro"))
queue = screen.review_queue()

st.subheader(ui.t("editions.load_title"))
st.caption(ui.t("editions.load_intro"))
person = ui.editor()
if person is None:
    ui.sign_in_form()
else:
    screen.import_form(person)
    if not queue.empty:
        st.subheader(ui.t("editions.review_form"))
        screen.review_form(person, queue)
    screen.withdraw_form(person)

# last: an edition's audit is long, and a coordinator should not scroll past it to load or review
st.subheader(ui.t("editions.audit_title"))
screen.audit_of(new)
