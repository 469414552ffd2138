"""What ``make run`` starts: the app (``app.py``) and the route that keeps a sign-in across page reloads.

``streamlit run serve.py`` finds the ``st.App`` below and serves ``app.py`` with the cookie route of
``zhez.ui.cookie`` beside Streamlit's own. (``streamlit run app.py`` serves the same app without it: a
sign-in then lasts until the page is reloaded.)
"""

import streamlit as st

from zhez.ui import cookie, startup

startup.skip_the_old_way()  # the first visitor of a fresh server gets app.py's navigation at once
app = st.App("app.py", routes=cookie.routes())
