"""Zhezkazgan development plan 2026–2030: page config and look, navigation, language. Nothing else.

Each page's URL path is its file name (``/whatif`` is ``pages/whatif.py``; the default page is ``/``):
``zhez/ui/startup.py`` says why.
"""

import streamlit as st

from zhez import ui

st.set_page_config(page_title="Жезқазған 2026–2030", page_icon=":material/monitoring:", layout="wide")
ui.stylesheet("render")  # the look of the badges, cards and chips every page shows

lang = ui.language_switch()
pages = [
    st.Page("pages/overview.py", title=ui.t("page.overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/directions.py", title=ui.t("page.directions"), icon=":material/insights:"),
    st.Page("pages/indicator.py", title=ui.t("page.indicator"), icon=":material/show_chart:"),
    st.Page("pages/map.py", title=ui.t("page.map"), icon=":material/map:"),
    st.Page("pages/whatif.py", title=ui.t("page.whatif"), icon=":material/science:"),
    st.Page("pages/meeting.py", title=ui.t("page.meeting"), icon=":material/co_present:"),
    st.Page("pages/record.py", title=ui.t("page.record"), icon=":material/edit_note:"),
    st.Page("pages/method.py", title=ui.t("page.method"), icon=":material/rule:"),
    st.Page("pages/data.py", title=ui.t("page.data"), icon=":material/table_view:"),
    st.Page("pages/audit.py", title=ui.t("page.audit"), icon=":material/fact_check:"),
    st.Page("pages/editions.py", title=ui.t("page.editions"), icon=":material/history_edu:"),
    ui.link.moved("what-if", "pages/whatif.py", ui.t("page.whatif")),  # its path before it was the file name
]
st.navigation(pages).run()
