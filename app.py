"""Zhezkazgan development plan 2026–2030: page config and look, navigation, language, who is signed in.

Each page's URL path is its file name (``/whatif`` is ``pages/whatif.py``; the default page is ``/``):
``zhez/ui/startup.py`` says why. The monitoring cycle's pages are in the navigation of those who use them
(``ui.cycle_pages``); the others stay reachable by their link and say who may use them.
"""

import streamlit as st

from zhez import ui

st.set_page_config(page_title="Жезқазған 2026–2030", page_icon=str(ui.FAVICON), layout="wide")
ui.new_run()  # the store's revisions are read once this run (another server's change shows on the next)
ui.stylesheet("render")  # the look of the badges, cards and chips every page shows
ui.streamlit_words()  # none of Streamlit's own English: its hints hidden, the uploader's words in ours

lang = ui.language_switch()
uses = ui.cycle_pages(ui.person())


def shown(name: str) -> str:
    return "visible" if name in uses else "hidden"


plan_pages = [
    st.Page("pages/overview.py", title=ui.t("page.overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/directions.py", title=ui.t("page.directions"), icon=":material/insights:"),
    st.Page("pages/indicator.py", title=ui.t("page.indicator"), icon=":material/show_chart:"),
    st.Page("pages/map.py", title=ui.t("page.map"), icon=":material/map:"),
    st.Page("pages/execution.py", title=ui.t("page.execution"), icon=":material/construction:"),
    st.Page("pages/whatif.py", title=ui.t("page.whatif"), icon=":material/science:"),
    st.Page("pages/meeting.py", title=ui.t("page.meeting"), icon=":material/co_present:"),
    st.Page("pages/report.py", title=ui.t("page.report"), icon=":material/summarize:"),
    st.Page("pages/method.py", title=ui.t("page.method"), icon=":material/rule:"),
    st.Page("pages/data.py", title=ui.t("page.data"), icon=":material/table_view:"),
    st.Page("pages/audit.py", title=ui.t("page.audit"), icon=":material/fact_check:"),
    st.Page("pages/editions.py", title=ui.t("page.editions"), icon=":material/history_edu:"),
    ui.link.moved("what-if", "pages/whatif.py", ui.t("page.whatif")),  # its path before it was the file name
]
cycle_pages = [
    st.Page("pages/tasks.py", title=ui.t("page.tasks"), icon=":material/checklist:", visibility=shown("tasks")),
    st.Page("pages/record.py", title=ui.t("page.record"), icon=":material/edit_note:", visibility=shown("record")),
    st.Page("pages/review.py", title=ui.t("page.review"), icon=":material/approval:", visibility=shown("review")),
    st.Page("pages/board.py", title=ui.t("page.board"), icon=":material/grading:", visibility=shown("board")),
]
ui.unknown_path_to_default(plan_pages + cycle_pages)  # /home: the Overview, with no English dialog
page = st.navigation(
    {ui.t("nav.plan"): plan_pages, ui.t("nav.cycle"): cycle_pages}, expanded=True
)  # the cycle's pages in view
ui.account_panel(sign_in_here=page.url_path not in ui.SIGN_IN_PAGES)  # those pages show the form themselves
ui.preview_banner()
page.run()
ui.settle()  # once per server: what it holds now is left out of the collection after every run
