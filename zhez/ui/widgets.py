"""Inputs whose value lives in the link, one helper per kind: each starts from the link's value and
writes its own back (``zhez.ui.link`` holds the encoding), so a shared URL reopens the same view.
Also the links that open an indicator's page in the reader's language.

A choice (``select``) is always written, since it names what the page shows; the other kinds are
left out of the link at their default (nothing chosen, off, page 1, no search).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from zhez import i18n, tables
from zhez.editions import edition_in_force
from zhez.markdown import escape
from zhez.numbers import Reading, parse_number
from zhez.plan import YEARS
from zhez.ui import link
from zhez.ui.language import lang, t
from zhez.ui.loaders import plan

INDICATOR_PAGE = "pages/indicator.py"


def select(
    label: str,
    options: Sequence[str],
    param: str,
    default: str,
    format_func: Callable[[str], str | None],
    key: str,
    container: Any = st,
) -> str:
    """A selectbox whose choice is kept in the link under ``param``."""
    initial = link.choice(param, options, default)
    value = container.selectbox(label, options, index=list(options).index(initial), format_func=format_func, key=key)
    link.put(**{param: value})
    return str(value)


def multiselect(
    label: str,
    options: Sequence[str],
    param: str,
    format_func: Callable[[str], str | None],
    key: str,
    container: Any = st,
) -> list[str]:
    """A multiselect (nothing chosen means everything) kept in the link as a comma-separated list."""
    chosen = container.multiselect(
        label,
        options,
        default=link.items(param, options),
        format_func=format_func,
        placeholder=t("common.all"),
        select_all=False,  # Streamlit's "Select all" is English, and choosing nothing already means everything
        key=key,
    )
    link.put(**{param: chosen})
    return list(chosen)


def pills(
    label: str,
    options: Sequence[str],
    param: str,
    format_func: Callable[[str], str],
    key: str,
    container: Any = st,
) -> list[str]:
    """A row of buttons choosing any of ``options`` (none chosen means all), kept in the link like ``multiselect``.
    The buttons' words may change from run to run (a count in them): the choice stays, tied to ``key``."""
    chosen = container.pills(
        label, options, selection_mode="multi", default=link.items(param, options), format_func=format_func, key=key
    )
    link.put(**{param: list(chosen or [])})
    return list(chosen or [])


def toggle(label: str, param: str, default: bool, key: str, container: Any = st) -> bool:
    """A switch kept in the link as ``1``/``0`` when it differs from ``default``."""
    on = bool(container.toggle(label, value=link.switch(param, default), key=key))
    link.put(**{param: link.switch_text(on, default)})
    return on


def search(label: str, param: str, key: str, container: Any = st) -> str:
    """A text search kept in the link (removed when empty)."""
    text = str(container.text_input(label, value=link.value(param) or "", key=key))
    link.put(**{param: text})
    return text


def segmented(
    label: str,
    options: Sequence[str],
    param: str,
    default: str,
    format_func: Callable[[str], str | None],
    key: str,
    container: Any = st,
) -> str:
    """A row of buttons choosing one option, kept in the link when it is not ``default``."""
    chosen = container.segmented_control(
        label, options, default=link.choice(param, options, default), format_func=format_func, key=key
    )
    value = str(chosen or default)  # pressing the chosen button again clears it: keep the default then
    link.put(**{param: None if value == default else value})
    return value


def number_field(
    label: str,
    key: str,
    value: float | None = None,
    help: str | None = None,
    container: Any = st,
    max_decimals: int = 3,
) -> Reading:
    """A number typed the way the reader's language writes it (``17,5``, ``1 700``), never ``st.number_input``
    (which reads ``17,5`` as 175). Under the field it says how it was read (``Read as 17,5``) or why it
    cannot be read; the page saves ``reading.value`` only when ``reading.ok``. Keep it outside an
    ``st.form``: then the read-back shows as soon as the field is left, before anything is saved.
    ``value`` is written with up to ``max_decimals`` decimals (a coordinate needs more than three)."""
    start = "" if value is None else i18n.number(value, lang(), max_decimals=max_decimals)
    text = container.text_input(label, value=start, key=key, help=help)
    reading = parse_number(str(text), lang())
    if reading.problem is not None:
        container.error(escape(reading.problem.text(lang())), icon=":material/error:")
    elif reading.value is not None:
        container.caption(t("number.read_as", shown=reading.shown))
    return reading


def filters(label: str, params: Sequence[str]) -> Any:
    """A panel of filters (``with ui.filters(…):``), open when the link sets any of ``params``."""
    return st.expander(label, expanded=link.mentions(params))


def paginate(rows: pd.DataFrame, per_page: int, param: str, key: str) -> tuple[pd.DataFrame, int, int]:
    """One page of ``rows``; the page number lives in the link. Returns (rows, page, pages)."""
    pages = max(1, -(-len(rows) // per_page))
    options = [str(n) for n in range(1, pages + 1)]
    page = int(link.choice(param, options, "1"))
    if pages > 1:
        page = int(st.segmented_control(t("common.page"), options, default=str(page), key=f"{key}-{pages}") or page)
    link.put(**{param: str(page) if page > 1 else None})
    return rows.iloc[(page - 1) * per_page : page * per_page], page, pages


def pick_row(frame: pd.DataFrame, key: str) -> int | None:
    """A table where clicking a row picks it; returns the row's position, or None."""
    event = st.dataframe(
        frame, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key=key
    )
    selected = event.selection.rows if event is not None else []
    return int(selected[0]) if selected else None


def indicator_link(indicator_id: str, label: str) -> None:
    """A link to an indicator's page, in the reader's language."""
    st.page_link(
        INDICATOR_PAGE,
        label=label,
        icon=":material/show_chart:",
        query_params={"ind": indicator_id, "lang": lang()},
    )


def indicator_href(indicator_id: str) -> str:
    """The address of an indicator's page in the reader's language, relative to the page it is on (every page
    sits at the app's top level, whatever path the app is served under)."""
    return "indicator?" + urllib.parse.urlencode({"ind": indicator_id, "lang": lang()})


def open_indicator(indicator_id: str) -> None:
    """Go to an indicator's page now, in the reader's language."""
    st.switch_page(INDICATOR_PAGE, query_params={"ind": indicator_id, "lang": lang()})


def edition_choice(param: str, key: str) -> int | None:
    """Which edition of the plan to show, kept in the link, when there are several (by default the one in
    force in the plan's last year); None when the published plan is the only one."""
    current = plan()
    if len(current.editions) < 2:
        return None
    options = [str(n) for n in current.editions["number"]]
    latest = str(edition_in_force(current, YEARS[-1]))
    labels = {n: tables.edition_label(current, int(n), lang()) for n in options}
    chosen = select(t("editions.col_edition"), options, param, latest, labels.get, key)
    return int(chosen)
