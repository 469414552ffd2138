"""The reader's language (from the session, else the link's ``?lang=``, else Kazakh) and words, numbers
and times written in it: ``t``, ``money``, ``number``, ``name``, a status's icon and word, and ``when`` (a
moment on Zhezkazgan's clock: ``time_zone`` in the secrets, ``Asia/Almaty`` by default)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import zoneinfo
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from zhez import clock, i18n, progress
from zhez.ui import link

LANG_KEY = "lang"
SWITCH_KEY = "lang_choice"


def lang() -> str:
    """The reader's language: from the session, else the link's ``?lang=``, else Kazakh."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = link.choice("lang", i18n.LANGUAGES, i18n.DEFAULT_LANGUAGE)
    return str(st.session_state[LANG_KEY])


def language_switch() -> str:
    """The sidebar's language choice; kept in the link so a shared URL opens in the same language."""
    current = lang()
    st.sidebar.radio(
        "Тіл · Язык · Language",
        i18n.LANGUAGES,
        index=i18n.LANGUAGES.index(current),
        format_func=lambda code: i18n.LANGUAGE_NAMES[code],
        horizontal=True,
        key=SWITCH_KEY,
        on_change=_language_changed,
    )
    link.put(lang=lang())
    # Streamlit's page says lang="en" whatever the content; screen readers and the browser's
    # hyphenation and translation offers need the reader's language. (The value is one of ours.)
    st.sidebar.html(
        f"<script>document.documentElement.lang = {json.dumps(lang())};</script>", unsafe_allow_javascript=True
    )
    return lang()


def _language_changed() -> None:
    st.session_state[LANG_KEY] = st.session_state[SWITCH_KEY]


def language_buttons(key: str, container: Any = st) -> None:
    """The language choice as a row of buttons, for a screen without the sidebar (meeting mode)."""
    if key not in st.session_state:
        st.session_state[key] = lang()
    container.segmented_control(
        "Тіл · Язык · Language",
        i18n.LANGUAGES,
        format_func=i18n.LANGUAGE_NAMES.__getitem__,
        key=key,
        on_change=_buttons_changed,
        args=(key,),
        label_visibility="collapsed",
    )


def _buttons_changed(key: str) -> None:
    chosen = st.session_state[key]
    if chosen is None:  # the chosen button pressed again: keep the language
        st.session_state[key] = lang()
        return
    st.session_state[LANG_KEY] = chosen
    st.session_state[SWITCH_KEY] = chosen  # the sidebar's switch says the same when it shows again


def t(key: str, **params: object) -> str:
    """A string in the reader's language."""
    return i18n.t(key, lang(), **params)


def money(value: float | None) -> str:
    return i18n.money(value, lang())


def number(value: float | None, decimals: int | None = None) -> str:
    return i18n.number(value, lang(), decimals)


def name(row: pd.Series | Mapping[str, Any], field: str = "name") -> str:
    """A data row's ``name_<lang>`` (or another ``field``) in the reader's language."""
    return i18n.localized(row, field, lang())


def status_text(status: str) -> str:
    """Icon and word of a status in the reader's language (``▼ Moving away``)."""
    return progress.status_label(status, lang())


def time_zone() -> zoneinfo.ZoneInfo:
    """The zone times are shown in: ``time_zone`` of the secrets, else Zhezkazgan's (``clock.DEFAULT_ZONE``)."""
    try:
        configured = st.secrets.get("time_zone")
    except FileNotFoundError:
        configured = None
    return _zone(str(configured or ""))


@functools.cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return clock.zone(name)
    except ValueError:
        logging.getLogger(__name__).warning("time_zone %r is unknown; showing %s", name, clock.DEFAULT_ZONE)
        return clock.zone()


def when(moment: object, seconds: bool = False) -> str:
    """A stored moment on the local clock: ``2026-12-02 05:39``."""
    return clock.when(moment, time_zone(), seconds)


def today() -> dt.date:
    """Today's date in Zhezkazgan (the due dates of rounds count in it)."""
    return clock.today(time_zone())
