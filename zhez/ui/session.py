"""Who is signed in in this browser session, and whether they asked to see submitted values beside the
approved ones. Kept in ``st.session_state``; read by the loaders (what figures are drawn) and by ``signin``
(who may write). Outside a script run (a download made after a click) there is nobody: approved only."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from zhez.auth import Person

PERSON_KEY = "editor"
PREVIEW_KEY = "include-submitted"


def person() -> Person | None:
    """The person signed in in this session (None for a viewer, and outside a script run)."""
    if get_script_run_ctx() is None:
        return None
    who = st.session_state.get(PERSON_KEY)
    return who if isinstance(who, Person) else None


def set_person(who: Person | None) -> None:
    if who is None:
        st.session_state.pop(PERSON_KEY, None)
        st.session_state.pop(PREVIEW_KEY, None)
    else:
        st.session_state[PERSON_KEY] = who


def include_submitted() -> bool:
    """Whether this session draws submitted, not yet approved values too (a signed-in person who asked)."""
    return person() is not None and bool(st.session_state.get(PREVIEW_KEY, False))
