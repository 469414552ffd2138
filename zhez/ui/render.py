"""Showing things the same way on every page: charts with their downloads, tables with numbers written
the reader's way, audit findings, status badges and lines, key-figure cards, a direction's scorecard.

Their look is in ``render.css`` beside this file, put on every page by app.py (``stylesheet``); a
colour that carries data (a status's) stays on the element itself.
"""

from __future__ import annotations

import functools
import html
import numbers
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from zhez import calculation as calc
from zhez import charts, financing, i18n, progress, rollups, summary
from zhez.kept import KeptPerObject
from zhez.markdown import escape
from zhez.progress import STATUS_COLORS, STATUS_ICONS, WORST_FIRST
from zhez.summary import direction_financing, financing_by_year
from zhez.ui import session
from zhez.ui.downloads import chart_downloads
from zhez.ui.language import lang, money, t
from zhez.ui.loaders import assessment, execution_rollups, observed, plan
from zhez.ui.widgets import paginate

STYLES = Path(__file__).resolve().parent
# The browser tab's icon, a file of ours: a ":material/…:" page icon is fetched from Google's font servers, which an
# akimat network without internet cannot reach (and should not be asked to).
FAVICON = STYLES / "favicon.png"
TABLE_PAGE_ROWS = 500  # more than this is shown a page at a time (the downloads keep every row)


@functools.cache
def _css(name: str) -> str:
    return (STYLES / f"{name}.css").read_text(encoding="utf-8")


def stylesheet(name: str) -> None:
    """The CSS file ``zhez/ui/<name>.css`` on this run's page (read from disk once per process;
    a style-only ``st.html`` takes no room on the page)."""
    st.html(f"<style>{_css(name)}</style>")


def chart(
    spec: charts.Chart,
    key: str,
    size: float = 1.0,
    scenario: str | None = None,
    contrast: bool = False,
    downloads: bool = True,
) -> None:
    """An Altair chart in the page's language and our theme, with PNG/SVG/PDF downloads drawn on the server.

    ``scenario`` (a name, or "") marks the downloaded images hypothetical. The images are made only
    when asked for, so the page does not pay for them on every rerun. A slide shows none (``downloads``):
    its files are handed out from the meeting's toolbar. A chart of a given width (a slide's) is drawn that wide
    and, on a narrower screen, smaller to fit (``render.css``): nothing of it is cut off.
    """
    finished = _finished(spec, lang(), size, contrast)
    fixed = isinstance(finished.get("width"), int | float)
    st.vega_lite_chart(finished, theme=None, key=key, width="content" if fixed else "stretch")
    if downloads:
        chart_downloads(spec, key, scenario)


# A chart kept by a loader's cache (the trajectory grid) is the same object on every run, and turning its 18 panels
# into a spec cost ~100 ms a run: the finished spec is kept while that chart is (``zhez.kept``).
_FINISHED: KeptPerObject[dict[str, Any]] = KeptPerObject(32)


def _finished(spec: charts.Chart, language: str, size: float, contrast: bool) -> dict[str, Any]:
    """``charts.finished`` of ``spec``, made once while the same chart object is shown (its datasets as Arrow,
    as Streamlit sends them: converting the rows is the other half of the cost)."""

    def make() -> dict[str, Any]:
        finished = charts.finished(spec, language, size=size, contrast=contrast)
        datasets = finished.get("datasets", {})
        finished["datasets"] = {
            name: convert_anything_to_arrow_bytes(pd.DataFrame(rows)) for name, rows in datasets.items()
        }
        return finished

    return _FINISHED.get(spec, (language, size, contrast), make)


def cell_number(value: object) -> float | None:
    """A table cell as a number, for a Styler's formatter (None if it is not one)."""
    return float(value) if isinstance(value, numbers.Real) else None


def number_text(decimals: int | None = None) -> Callable[[object], str]:
    """A Styler formatter writing a number the reader's way (``decimals``: as many as it has, by default)."""
    return lambda value: i18n.number(cell_number(value), lang(), decimals)


def table(frame: pd.DataFrame, height: int | Literal["auto"] = "auto", key: str | None = None) -> None:
    """A table with its numbers written the reader's way (a column of ``frame.attrs["decimals"]`` with that many
    decimals); sorting still uses the numbers.

    Numbers are written by a pandas Styler, cell by cell; with ``key``, a long table is shown
    ``TABLE_PAGE_ROWS`` at a time (page in the link) so a much bigger plan stays quick.
    """
    if key is not None and len(frame) > TABLE_PAGE_ROWS:
        total = len(frame)
        frame, page, _ = paginate(frame, TABLE_PAGE_ROWS, param=f"{key}-page", key=f"{key}-page")
        first = (page - 1) * TABLE_PAGE_ROWS + 1
        st.caption(t("common.rows_shown", first=first, last=first + len(frame) - 1, total=total))
    st.dataframe(written(frame), hide_index=True, width="stretch", height=height, placeholder=i18n.NO_VALUE)


def written(frame: pd.DataFrame) -> pd.DataFrame | Styler:
    """``frame`` as ``table`` shows it: its decimals written the reader's way, and "—" for no value in every
    column (pandas' NA in a column of whole numbers or of text was shown as "<NA>")."""
    numeric: list[Hashable] = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    missing: list[Hashable] = [c for c in frame.columns if c not in numeric and bool(frame[c].isna().any())]
    if not numeric and not missing:
        return frame
    decimals = frame.attrs.get("decimals", {})
    writers: dict[Any, str | Callable[[object], str] | None] = {c: number_text(decimals.get(c)) for c in numeric}
    styled = frame.style.format(writers, na_rep=i18n.NO_VALUE)
    return styled.format(None, na_rep=i18n.NO_VALUE, subset=missing) if missing else styled


def short_table(
    frame: pd.DataFrame,
    text: Mapping[Any, Callable[[object], str]] | None = None,
    style: Mapping[Any, Callable[[object], str]] | None = None,
    links: Mapping[Any, Sequence[str]] | None = None,
    look: TableLook = "zhez-printed",
) -> None:
    """A short read-only table (nothing to sort or scroll) as one HTML block: numbers right-aligned and written
    the reader's way (whole numbers, years, as they are; a column of ``frame.attrs["decimals"]`` with that many
    decimals), "—" for no value, long text wrapped in full. Lighter
    for the browser than the data grid of ``table``, whose code a page's first load would otherwise fetch and
    run. ``text`` writes a column's cells its own way, ``style`` gives a cell a CSS style (a change in red or
    green), ``links`` makes a column's cells links (one address a row); ``look`` is the table's CSS class."""
    text, style, links = text or {}, style or {}, links or {}
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in frame]
    decimals = frame.attrs.get("decimals", {})
    writers: dict[Hashable, Callable[[object], str]] = {c: number_text(decimals.get(c)) for c in frame.columns}

    def cell(column: Hashable, value: object) -> str:
        if column in text:
            return text[column](value)
        if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
            return i18n.NO_VALUE
        return writers[column](value) if isinstance(value, float) else str(value)

    rows, styles, hrefs = [], [], []
    for index, values in enumerate(frame.itertuples(index=False, name=None)):
        rows.append([cell(c, v) for c, v in zip(frame.columns, values, strict=True)])
        styles.append([style[c](v) if c in style else "" for c, v in zip(frame.columns, values, strict=True)])
        hrefs.append([links[c][index] if c in links else "" for c in frame.columns])
    st.html(html_table([str(c) for c in frame.columns], rows, numeric, styles=styles, hrefs=hrefs, look=look))


# A printed table's look: ruled cells (``zhez-printed``), or a summary's open rows (``zhez-status-table``, the
# status tables and the meeting's, larger on a projector).
TableLook = Literal["zhez-printed", "zhez-status-table"]


def html_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    total_row: bool = False,
    styles: Sequence[Sequence[str]] | None = None,
    hrefs: Sequence[Sequence[str]] | None = None,
    look: TableLook = "zhez-printed",
) -> str:
    """A table as HTML (its CSS class ``look``): a cell's lines split by "\\n", figures to the right, the last row
    bold when it is a total; a cell's own CSS (``styles``) and address (``hrefs``, a link) where given."""

    def cell(tag: str, value: str, is_number: bool, css: str = "", href: str = "") -> str:
        lines = html_lines(value)
        if href:
            lines = f"<a href='{html.escape(href)}'>{lines}</a>"
        attributes = (" class='n'" if is_number else "") + (f" style='{html.escape(css)}'" if css else "")
        return f"<{tag}{attributes}>{lines}</{tag}>"

    head = "".join(cell("th", i18n.kept_together(c), n) for c, n in zip(columns, numeric, strict=True))
    body = []
    for index, row in enumerate(rows):
        css = styles[index] if styles else [""] * len(row)
        links = hrefs[index] if hrefs else [""] * len(row)
        cells = "".join(cell("td", *parts) for parts in zip(row, numeric, css, links, strict=True))
        total = total_row and index == len(rows) - 1
        body.append(f"<tr class='total'>{cells}</tr>" if total else f"<tr>{cells}</tr>")
    table = f"<table class='{look}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f"<div class='zhez-scroll'>{table}</div>"  # a table wider than its column scrolls, never spills


def findings_list(frame: pd.DataFrame) -> None:
    """Audit findings grouped by kind, one collapsible block each, most severe kinds first; text wraps in full.

    One HTML block (``<details>``), not an expander and a Markdown list per kind: a page of twenty kinds drew
    forty elements, most of the Audit page's time in the browser."""
    kind_col, where_col, text_col = t("col.kind"), t("col.where"), t("col.finding")
    severity_col = t("col.severity")
    if frame.empty:
        st.info(t("audit.none"))
        return
    blocks = []
    for kind, group in frame.groupby(kind_col, sort=False):
        items = "".join(
            f"<li><b>{html_text(w)}</b>: {html_text(m)}</li>"
            for w, m in zip(group[where_col], group[text_col], strict=True)
        )
        opened = " open" if len(group) <= 3 else ""
        heading = f"{group[severity_col].iloc[0]} · {kind} ({len(group)})"
        blocks.append(
            f'<details class="zhez-findings"{opened}><summary>{html_text(heading)}</summary><ul>{items}</ul></details>'
        )
    st.html("".join(blocks))


def html_text(value: object) -> str:
    """Text as it reads inside HTML (quotes left as they are: they are safe between tags)."""
    return html.escape(str(value), quote=False)


def html_lines(text: str) -> str:
    """Text of several lines (split by "\\n") as HTML: each line escaped, a line break between."""
    return "<br>".join(html_text(line) for line in text.split("\n"))


def status_badge(status: str) -> str:
    """Icon, word and colour of a status, as a small HTML badge (colour is never alone)."""
    colour = STATUS_COLORS[status]
    label = progress.status_label(status, lang())
    return f"<span class='zhez-badge' style='border-color:{colour};color:{colour}'>{label}</span>"


def status_line(row: pd.Series, unit: str) -> None:
    """Status badge, what it rests on and the sentence that explains it; the coordinator's status beside
    the computed one when set (marked as theirs, with who, the year and why)."""
    basis = progress.basis_label(row, lang())
    lens = progress.lens_label(row, lang())
    manual = str(row.get("manual_status") or "")
    beside = (
        f"<div class='zhez-status-manual'>⚑ {t('status.manual_by_coordinator')}: {status_badge(manual)}"
        f" <span class='zhez-status-basis'>{html.escape(str(row.get('manual_by') or ''))},"
        f" {html.escape(str(row.get('manual_year') or ''))}: {html.escape(str(row.get('manual_reason') or ''))}"
        "</span></div>"
        if manual
        else ""
    )
    st.html(
        f"<div class='zhez-status-line'>{t('status.computed') + ': ' if manual else ''}{status_badge(str(row['status']))}"
        f" &nbsp;<span class='zhez-status-basis'>{t('indicator.based_on')}: <b>{basis}</b>{' · ' + lens if lens else ''}</span></div>"
        + beside
    )
    st.write(progress.explain(row, unit, lang()))


def preview_banner() -> None:
    """On every page while "include submitted" is on: the figures include values not yet approved."""
    if session.include_submitted():
        st.warning(t("cycle.preview_banner"), icon=":material/visibility:")


def status_thresholds(describe: Sequence[str]) -> None:
    """Each status's badge beside its rule, worst first (``describe``: one text a status)."""
    rows = "".join(
        f"<tr><td>{status_badge(s)}</td><td>{text}</td></tr>" for s, text in zip(WORST_FIRST, describe, strict=True)
    )
    st.html(f"<table class='zhez-thresholds'>{rows}</table>")


def kpis(items: Sequence[tuple[str, str, str]]) -> None:
    """Key figures as cards: (label, value, note). Values are never cut off, unlike ``st.metric``. A label starts
    with a capital, whatever words it borrows ("утверждено", a round's state, beside "Ожидается")."""
    cards = "".join(
        f"<div class='zhez-kpi'><div class='zhez-kpi-label'>{label[:1].upper() + label[1:]}</div><div class='zhez-kpi-value'>{value}</div>"
        f"<div class='zhez-kpi-note'>{note}</div></div>"
        for label, value, note in items
    )
    st.html(f"<div class='zhez-kpis'>{cards}</div>")


def scorecard(rows: pd.DataFrame, direction_id: str) -> None:
    """A direction's status counts (icon, word, colour, number) from its ``progress_rows``, and its financing."""
    counts = rows["status"].value_counts()
    chips = "".join(
        f"<div class='zhez-chip' style='border-color:{STATUS_COLORS[s]}'>"
        f"<span class='zhez-chip-status' style='color:{STATUS_COLORS[s]}'>{STATUS_ICONS[s]} {t(f'status.{s}')}</span>"
        f"<span class='zhez-chip-n'>{int(counts.get(s, 0))}</span></div>"
        for s in WORST_FIRST
    )
    st.html(f"<div class='zhez-scorecard'><div class='zhez-chips'>{chips}</div>{_financing_html(direction_id)}</div>")


def _financing_html(direction_id: str) -> str:
    total = direction_financing(plan(), direction_id)
    by_year = financing_by_year(plan(), direction_id)
    years = " · ".join(f"{y}: {money(v)}" for y, v in by_year.items())
    money_text = money(total) if total is not None else t("overview.no_financing")
    return f"<div class='zhez-fin'><b>{t('directions.financing')}: {money_text}</b><br><small>{years}</small></div>"


def direction_financing_line(direction_id: str) -> None:
    """A direction's financing 2026–2030 and year by year, and which reading of the table it sums."""
    st.html(_financing_html(direction_id))
    reading_note(direction_id)


def reading_note(direction_id: str | None = None) -> None:
    """Which reading of the financing table the sums on screen follow, where the table leaves it open."""
    note = financing.reading_note(plan(), lang(), direction_id)
    if note is not None:
        with st.expander(t("reading.heading"), icon=":material/info:"):
            st.caption(escape(note))


def estimate_banner(rows: pd.DataFrame | None = None) -> None:
    """The warning that statuses rest on the plan's own 2025 estimate, while any does: of ``rows`` (lines of
    the assessment or of ``progress_rows``, e.g. one direction's), or of the whole plan."""
    text = summary.estimate_banner(assessment() if rows is None else rows, lang())
    if text is not None:
        st.warning(text, icon=":material/warning:")


def status_table(rows: pd.DataFrame, links: bool = True, money_column: bool = False) -> None:
    """Directions × statuses (``summary.directions_overview`` with an assessment, names in ``direction``).

    With ``links``, each count other than 0 opens that direction on the Directions page with that status chosen.
    Colour marks the column and a count's cell; the icon and word in the heading say the status."""
    head = "".join(
        f"<th class='n' style='border-bottom-color:{STATUS_COLORS[s]}'>"
        f"{i18n.kept_together(STATUS_ICONS[s] + ' ' + t(f'status.{s}'))}</th>"
        for s in WORST_FIRST
    )
    money_head = f"<th class='n'>{i18n.kept_together(t('overview.col_financing'))}</th>" if money_column else ""
    body = []
    for row in rows.to_dict("records"):
        cells = []
        for s in WORST_FIRST:
            n = int(row[s])
            text = str(n)
            if links and n:
                href = html.escape(f"directions?dir={row['direction_id']}&status={s}&lang={lang()}")
                text = f"<a href='{href}' target='_self'>{n}</a>"
            style = f" style='background:{STATUS_COLORS[s]}26'" if n else ""
            cells.append(f"<td class='n'{style}>{text}</td>")
        total = sum(int(row[s]) for s in WORST_FIRST)
        money_cell = ""
        if money_column:
            amount = row["financing_2026_2030"]
            money_cell = f"<td class='n'>{t('overview.no_financing') if pd.isna(amount) else money(amount)}</td>"
        body.append(
            f"<tr><td>{html.escape(str(row['direction']))}</td>{''.join(cells)}<td class='n'><b>{total}</b></td>"
            f"{money_cell}</tr>"
        )
    st.html(
        f"<table class='zhez-status-table'><tr><th>{t('col.direction')}</th>{head}"
        f"<th class='n'>{t('ux.overview.col_total')}</th>{money_head}</tr>{''.join(body)}</table>"
    )


def calculation(indicator_id: str, row: pd.Series) -> None:
    """The calculation behind an indicator's status, step by step, and the Open SDG lens beside it."""
    lenses = calc.lenses(
        plan(), indicator_id, {str(k): v for k, v in row.items()}, observed().get(indicator_id, []), lang()
    )
    ours, national = st.columns(2, gap="large")
    with ours:
        st.markdown(f"**{t('calc.heading')}**")
        _steps(lenses.ours)
    with national:
        st.markdown(f"**{t('opensdg.lens')}**")
        st.write(lenses.opensdg_sentence)
        _steps(lenses.opensdg_steps)


def _steps(frame: pd.DataFrame) -> None:
    """A calculation's steps as a plain table that wraps its text (what, formula with numbers, result)."""
    head = "| " + " | ".join(escape(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(escape(v) for v in values) + " |" for values in frame.itertuples(index=False)]
    st.markdown("\n".join([head, rule, *body]))


EXECUTION_PAGE = "pages/execution.py"


def execution_kpis(projects: rollups.ProjectRollup, cash: rollups.MoneyRollup) -> list[tuple[str, str, str]]:
    """The late projects and the year's money executed, as cards (``kpis``): the Overview's and Execution's."""
    return [
        (t("exec.kpi.late"), rollups.late_count(projects), t("exec.kpi.late_note", n=projects.reported)),
        (t("exec.kpi.money", year=str(cash.year)), money(cash.executed_mln_kzt), rollups.money_note(cash, lang())),
    ]


def execution_cards() -> None:
    """Execution in two cards — late projects, the year's money executed — for the latest year reported, every
    figure from approved reports, and the link to the Execution screen."""
    year, projects, cash = execution_rollups()
    st.subheader(t("exec.overview.title", year=str(year)))
    kpis(execution_kpis(projects, cash))
    st.page_link(EXECUTION_PAGE, label=t("exec.overview.open"), icon=":material/construction:",
                 query_params={"lang": lang(), "year": str(year)})  # fmt: skip


def execution_line(direction_id: str, link: bool = True) -> None:
    """A direction's execution in one line (projects reported, late, completion; the year's money), linked to
    the Execution screen unless ``link`` is off (a meeting slide has no room for it, and stays in the meeting)."""
    year, projects, cash = execution_rollups(direction_id)
    text = rollups.summary_line(projects, lang())
    if direction_id in set(plan().financing["direction_id"]):
        text += ". " + rollups.money_line(cash, lang())
    st.markdown(f"**{t('exec.overview.title', year=str(year))}:** {text}")
    if link:
        st.page_link(EXECUTION_PAGE, label=t("exec.overview.open"), icon=":material/construction:",
                     query_params={"lang": lang(), "year": str(year)})  # fmt: skip


def translation_note() -> None:
    """Ru/en readers see that indicator names are translations of the Kazakh original."""
    if lang() != "kk":
        st.caption("ℹ " + t("common.translation_note"))
