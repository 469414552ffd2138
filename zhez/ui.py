"""The one module of the package that touches Streamlit: cached loaders, shared widgets, formatting.

Pages stay thin: they read widgets, call ``zhez`` and render through the helpers here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from zhez import charts, i18n
from zhez.audit import audit
from zhez.plan import Plan, load_plan

LANG_KEY = "lang"


# ── cached data ────────────────────────────────────────────────────────────


@st.cache_resource(show_spinner=False)
def plan() -> Plan:
    """The published plan, loaded once per server process (it is never written to)."""
    return load_plan()


@st.cache_resource(show_spinner=False)
def audit_findings() -> pd.DataFrame:
    return audit(plan())


# ── language ───────────────────────────────────────────────────────────────


def lang() -> str:
    """The reader's language: from the session, else the link's ``?lang=``, else Kazakh."""
    if LANG_KEY not in st.session_state:
        asked = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
        st.session_state[LANG_KEY] = asked if asked in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    return str(st.session_state[LANG_KEY])


def language_switch() -> str:
    """The sidebar's language choice; kept in the link so a shared URL opens in the same language."""
    current = lang()
    st.sidebar.radio(
        "Тіл · Язык · Language",
        i18n.LANGUAGES,
        index=i18n.LANGUAGES.index(current),
        format_func=i18n.LANGUAGE_NAMES.get,
        horizontal=True,
        key="lang_choice",
        on_change=_language_changed,
    )
    st.query_params["lang"] = lang()
    return lang()


def _language_changed() -> None:
    st.session_state[LANG_KEY] = st.session_state["lang_choice"]


def t(key: str, **params: object) -> str:
    """A string in the reader's language."""
    return i18n.t(key, lang(), **params)


def money(value: float | None) -> str:
    return i18n.money(value, lang())


def number(value: float | None, decimals: int | None = None) -> str:
    return i18n.number(value, lang(), decimals)


def name(row: pd.Series | dict[str, Any], field: str = "name") -> str:
    return i18n.localized(row, field, lang())


# ── links and widgets that live in the URL ─────────────────────────────────


def query_value(param: str, options: Sequence[str], default: str) -> str:
    """The link's value for ``param`` if it is one of ``options``, else ``default``."""
    value = st.query_params.get(param)
    return value if value in options else default


def query_list(param: str, options: Sequence[str]) -> list[str]:
    """A comma-separated list in the link, keeping only known options."""
    raw = st.query_params.get(param, "")
    return [v for v in raw.split(",") if v in options] if raw else []


def set_query(**params: str | Sequence[str] | None) -> None:
    """Write the view's state into the link (empty values are removed)."""
    for key, value in params.items():
        text = value if isinstance(value, str) or value is None else ",".join(value)
        if text:
            if st.query_params.get(key) != text:
                st.query_params[key] = text
        elif key in st.query_params:
            del st.query_params[key]


def select(
    label: str,
    options: Sequence[str],
    param: str,
    default: str,
    format_func: Callable[[str], str],
    key: str,
    container: Any = st,
) -> str:
    """A selectbox whose choice is kept in the link under ``param``."""
    initial = query_value(param, options, default)
    value = container.selectbox(label, options, index=list(options).index(initial), format_func=format_func, key=key)
    set_query(**{param: value})
    return str(value)


# ── rendering helpers ──────────────────────────────────────────────────────


def chart(spec: alt.TopLevelMixin, key: str | None = None, size: float = 1.0) -> None:
    """An Altair chart with the page language's number format and our own (colour-blind-safe) theme."""
    st.altair_chart(charts.finish(spec, lang(), size=size), theme=None, key=key, width="stretch")


def status_badge(status: str) -> str:
    """Icon, word and colour of a status, as a small HTML badge (colour is never alone)."""
    from zhez.progress import STATUS_COLORS, status_label

    return (
        f"<span style='display:inline-block;padding:1px 8px;border-radius:10px;border:2px solid {STATUS_COLORS[status]};"
        f"color:{STATUS_COLORS[status]};font-weight:600;white-space:nowrap'>{status_label(status, lang())}</span>"
    )


def kpis(items: Sequence[tuple[str, str, str]]) -> None:
    """Key figures as cards: (label, value, note). Values are never cut off, unlike ``st.metric``."""
    cards = "".join(
        f"<div class='zhez-kpi'><div class='zhez-kpi-label'>{label}</div><div class='zhez-kpi-value'>{value}</div>"
        f"<div class='zhez-kpi-note'>{note}</div></div>"
        for label, value, note in items
    )
    st.html(
        "<style>.zhez-kpis{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0 12px}"
        ".zhez-kpi{flex:1 1 200px;background:#F2F5F8;border-radius:8px;padding:10px 14px}"
        ".zhez-kpi-label{font-size:0.9rem;color:#444}.zhez-kpi-value{font-size:1.9rem;font-weight:700;line-height:1.25;color:#1A1A1A}"
        ".zhez-kpi-note{font-size:0.85rem;color:#555}</style>"
        f"<div class='zhez-kpis'>{cards}</div>"
    )


def table(frame: pd.DataFrame, height: int | str = "auto") -> None:
    """A table with its numbers written the reader's way; sorting still uses the numbers."""
    numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    styled = frame.style.format(lambda v: i18n.number(v, lang()), subset=numeric, na_rep="–") if numeric else frame
    st.dataframe(styled, hide_index=True, width="stretch", height=height)


def findings_list(frame: pd.DataFrame) -> None:
    """Audit findings grouped by kind, one expander each, most severe kinds first; text wraps in full."""
    kind_col, where_col, text_col = t("col.kind"), t("col.where"), t("col.finding")
    severity_col = t("col.severity")
    if frame.empty:
        st.info(t("audit.none"))
        return
    for kind, group in frame.groupby(kind_col, sort=False):
        with st.expander(f"{group[severity_col].iloc[0]} · {kind} ({len(group)})", expanded=len(group) <= 3):
            st.markdown("\n".join(f"- **{w}**: {m}" for w, m in zip(group[where_col], group[text_col], strict=True)))


def downloads(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """CSV and XLSX downloads of a table, side by side."""
    from zhez.excel import workbook_bytes

    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"),
        frame.to_csv(index=False).encode("utf-8-sig"),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}-csv",
        width="stretch",
    )
    right.download_button(
        t("common.download_xlsx"),
        workbook_bytes({file_stem[:31]: frame}),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        width="stretch",
    )


def translation_note() -> None:
    """Ru/en readers see that indicator names are translations of the Kazakh original."""
    if lang() != "kk":
        st.caption("ℹ " + t("common.translation_note"))
