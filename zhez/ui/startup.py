"""A page opened by its link on a freshly started server runs inside app.py's navigation.

The Streamlit behaviour this answers (Streamlit 1.67, ``streamlit/runtime/pages_manager.py`` and
``runtime/scriptrunner/script_runner.py``): a server process keeps one flag,
``PagesManager.uses_pages_directory``, true while a ``pages/`` folder sits beside the main script
and no session has called ``st.navigation`` yet. Until then every run goes the old multipage way
(``_mpa_v1``): the page whose *file name* matches the URL path runs on its own, without app.py (no
page config, no language switch, no navigation titles), and a path that is no file name gets the
"Page not found" dialog. The first ``st.navigation`` call, app.py's, turns the flag off for the rest
of the process. The design keeps ``pages/`` beside ``app.py``, and Streamlit has no setting for this.

So every page starts with ``run_inside_app()``, and every page's URL path is its file name (app.py),
so the old way finds the file and shows no dialog. In that first run it runs app.py here, in the same
script run (a click or a typed value is not lost); app.py's ``st.navigation`` turns the flag off and
runs the page again, now inside the navigation; this outer copy then stops. Any later run returns at once.

``tests/browser/test_links.py`` opens every page's link on a fresh server. When a Streamlit upgrade
drops the old way, those tests pass with this function emptied, and it can go.

``settle()``, at the end of app.py, is the other thing a fresh server does once: after every script run
Streamlit runs a full garbage collection (``runner.postScriptGC``), which walks every object the process
holds — Streamlit, pandas, Altair, the plan, ~265,000 of them — and took ~150–300 ms of every run, the
first run of each new page session included, before the browser got the run's last message. The first run
that completes moves what is alive then out of the collector's way (``gc.freeze``); later collections walk
only what came after (a few thousand objects: ~3 ms), and still free what each run leaves behind.
"""

from __future__ import annotations

import gc
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from zhez.plan import ROOT

APP = ROOT / "app.py"


def skip_the_old_way() -> None:
    """For a server that runs our code before its first session (``serve.py``): the old ``pages/`` way is
    never taken, so a link opened first on a fresh server runs in app.py's navigation from the start (and an
    unknown path gets no English "Page not found" from the old way: ``native.unknown_path_to_default``).
    ``streamlit run app.py`` runs nothing of ours before the first session; ``run_inside_app`` answers there."""
    PagesManager.uses_pages_directory = False


def run_inside_app() -> None:
    """Run this page inside app.py's navigation if Streamlit is still in its old ``pages/`` mode (see above)."""
    if not PagesManager.uses_pages_directory:
        return
    exec(compile(APP.read_text(encoding="utf-8"), str(APP), "exec"), {"__name__": "__main__", "__file__": str(APP)})
    st.stop()


_settled = threading.Event()
_settle_lock = threading.Lock()


def settle() -> None:
    """Once per server process, at the end of its first complete run (app.py): collect the garbage, then leave
    every object alive now — the libraries, the plan, the caches' first entries — out of later collections (see
    above). What is frozen is never collected as a cycle: at most what that one run held, once per process."""
    if _settled.is_set():
        return
    with _settle_lock:
        if _settled.is_set():
            return
        gc.collect()
        gc.freeze()
        _settled.set()
