"""The view's state in the link: the one module that reads or writes ``st.query_params``.

One encoding on every page, so that a shared URL reopens the same view and a person can read it:

- a choice is its value (``dir=od-2``); a list is comma-separated (``sector=sewer,water``);
- a switch is ``1`` (on) or ``0`` (off), written only when it differs from the screen's default;
- a page or slide number is its digits (``slide=3``); a range is ``low-high`` (``cost=1000-3000``);
- a scenario's moves repeat their key, one ``m=`` per move (a move holds commas itself);
- a parameter given ``None`` or an empty value is removed, so links stay short;
- a value the page cannot use is ignored and the default applies, so an old or mistyped link still opens.

Filter objects that pages build from the link (``geo.ProjectFilter``) encode and decode themselves
with the same rules; ``query()`` and ``put()`` carry them. A page whose URL path changed keeps its
old links working through ``moved``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import streamlit as st

ON, OFF = "1", "0"


def value(param: str) -> str | None:
    """The link's text for ``param``, if it has one."""
    return st.query_params.get(param)


def query() -> dict[str, str]:
    """Every parameter of the link (the last value of a repeated one)."""
    return st.query_params.to_dict()


def mentions(params: Iterable[str]) -> bool:
    """Whether the link sets any of ``params`` (e.g. to open a panel of filters it set)."""
    return any(p in st.query_params for p in params)


def choice(param: str, options: Sequence[str], default: str) -> str:
    """The link's value for ``param`` if it is one of ``options``, else ``default``."""
    given = value(param)
    return given if given is not None and given in options else default


def items(param: str, options: Sequence[str]) -> list[str]:
    """A comma-separated list in the link, keeping only known options, in the link's order."""
    given = value(param) or ""
    return [v for v in given.split(",") if v in options] if given else []


def switch(param: str, default: bool) -> bool:
    """``1`` is on, ``0`` is off, anything else (or nothing) is ``default``."""
    given = value(param)
    return True if given == ON else False if given == OFF else default


def switch_text(on: bool, default: bool) -> str | None:
    """How a switch is written: nothing at its default, else ``1`` or ``0``."""
    return None if on == default else ON if on else OFF


def whole_number(param: str, low: int, high: int, default: int) -> int:
    """A number in the link, kept within ``low``…``high``; ``default`` if absent or not a number."""
    try:
        number = int(value(param) or "")
    except ValueError:
        number = default
    return max(low, min(high, number))


def repeated(param: str) -> list[str]:
    """Every value of a repeated parameter (``m=…&m=…``)."""
    return st.query_params.get_all(param)


def put_repeated(param: str, values: Sequence[str]) -> None:
    """Write ``values`` as one ``param=`` each (none removes the parameter)."""
    if st.query_params.get_all(param) != list(values):
        if values:
            st.query_params[param] = list(values)
        elif param in st.query_params:
            del st.query_params[param]


def put(**params: str | Sequence[str] | None) -> None:
    """Write the view's state into the link: a text, a list (comma-separated) or ``None`` (removed)."""
    for key, given in params.items():
        text = given if isinstance(given, str) or given is None else ",".join(given)
        if text:
            if st.query_params.get(key) != text:
                st.query_params[key] = text
        elif key in st.query_params:
            del st.query_params[key]


def moved(old_path: str, page: str, title: str) -> st.Page:
    """A hidden page at a URL path no longer used, which opens ``page`` with the link's parameters, so that
    links shared before the path changed (``/what-if?m=…``) still open the view they name."""

    def forward() -> None:
        st.switch_page(page, query_params={key: st.query_params.get_all(key) for key in st.query_params})

    return st.Page(forward, title=title, url_path=old_path, visibility="hidden")
