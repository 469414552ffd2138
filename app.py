"""Zhezkazgan development plan 2026–2030: page config, navigation, language. Nothing else."""

import streamlit as st

from zhez import ui

st.set_page_config(page_title="Жезқазған 2026–2030", page_icon=":material/monitoring:", layout="wide")

lang = ui.language_switch()
pages = [
    st.Page(
        "pages/overview.py", title=ui.t("page.overview"), icon=":material/dashboard:", url_path="home", default=True
    ),
    st.Page("pages/directions.py", title=ui.t("page.directions"), icon=":material/insights:", url_path="directions"),
    st.Page("pages/indicator.py", title=ui.t("page.indicator"), icon=":material/show_chart:", url_path="indicator"),
    st.Page("pages/map.py", title=ui.t("page.map"), icon=":material/map:", url_path="map"),
    st.Page("pages/whatif.py", title=ui.t("page.whatif"), icon=":material/science:", url_path="what-if"),
    st.Page("pages/meeting.py", title=ui.t("page.meeting"), icon=":material/co_present:", url_path="meeting"),
    st.Page("pages/record.py", title=ui.t("page.record"), icon=":material/edit_note:", url_path="record"),
    st.Page("pages/method.py", title=ui.t("page.method"), icon=":material/rule:", url_path="method"),
    st.Page("pages/data.py", title=ui.t("page.data"), icon=":material/table_view:", url_path="data"),
    st.Page("pages/audit.py", title=ui.t("page.audit"), icon=":material/fact_check:", url_path="audit"),
]
st.navigation(pages).run()
