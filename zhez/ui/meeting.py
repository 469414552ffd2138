"""The Meeting screen: the slide in the link (``?slide=3``, 1-based), moving between slides, type for a
projector (``meeting.css``, and ``meeting-contrast.css`` when asked), the agenda table, a map without
selection, and the files to hand out. Its widget keys start with ``mt-``."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from zhez import execution_tables, export, geo, progress, rollups
from zhez.export import PPTX_MIME, XLSX_MIME
from zhez.ui import link
from zhez.ui.downloads import provenance
from zhez.ui.language import lang, t
from zhez.ui.loaders import (
    assessment,
    audit_findings,
    execution_reports,
    observed,
    plan,
    project_corrections,
    recorded_actuals,
)
from zhez.ui.render import kpis, stylesheet


def slide_number(total: int) -> int:
    """The slide in the link (``?slide=3``, 1-based), kept within the deck and written back."""
    number = link.whole_number("slide", 1, total, 1)
    link.put(slide=str(number))
    return number


def _go_to(number: int) -> None:
    link.put(slide=str(number))
    st.rerun()


def meeting_style(contrast: bool) -> None:
    """Type readable from the back of the room; pure black on white if asked."""
    stylesheet("meeting")
    if contrast:
        stylesheet("meeting-contrast")


def slide_navigation(titles: Sequence[str], number: int) -> None:
    """Previous, where we are, next, and a jump to any slide by its title."""
    c1, c2, c3, c4 = st.columns([1, 2, 1, 2], vertical_alignment="center")
    if c1.button(t("meeting.previous"), icon=":material/arrow_back:", disabled=number == 1, key="mt-prev"):
        _go_to(number - 1)
    c2.markdown(f"**{t('meeting.slide', n=number, total=len(titles))}**")
    if c3.button(t("meeting.next"), icon=":material/arrow_forward:", disabled=number == len(titles), key="mt-next"):
        _go_to(number + 1)
    jump = c4.selectbox(
        t("meeting.jump"),
        list(range(1, len(titles) + 1)),
        index=number - 1,
        format_func={i: f"{i}. {title}" for i, title in enumerate(titles, start=1)}.__getitem__,
        key=f"mt-jump-{number}",  # a new widget per slide: it always starts at the slide shown
    )
    if jump is not None and jump != number:
        _go_to(jump)


def agenda_table(rows: pd.DataFrame) -> None:
    """All directions with their status counts, as one large, plain table (``direction`` + a column per status)."""
    head = "".join(
        f"<th style='color:{progress.STATUS_COLORS[s]}'>{progress.STATUS_ICONS[s]} {t(f'status.{s}')}</th>"
        for s in progress.WORST_FIRST
    )
    body = "".join(
        f"<tr><td>{html.escape(str(row['direction']))}</td>"
        + "".join(f"<td class='n'>{int(row[s])}</td>" for s in progress.WORST_FIRST)
        + "</tr>"
        for _, row in rows.iterrows()
    )
    st.html(f"<table class='zhez-agenda'><tr><th>{t('col.direction')}</th>{head}</tr>{body}</table>")


def static_map(shown: pd.DataFrame, key: str, height: int = 460, colour_by: str = "sector") -> None:
    """The projects on the city map, without selection (for slides); late ones ringed."""
    deck = geo.deck(plan(), shown, lang(), colour_by=colour_by)
    st.pydeck_chart(deck, height=height, key=key, alt=t("map.alt", n=len(shown)))


def projects_with_execution() -> pd.DataFrame:
    """The projects at their points in force, with where each stands by its approved reports."""
    located = geo.located_projects(plan(), project_corrections())
    return geo.with_execution(located, rollups.project_table(plan(), execution_reports()))


def execution_slide() -> None:
    """The akim's question on one slide: the late projects, why and how far, and the year's money executed."""
    approved = execution_reports()
    year = rollups.latest_year(approved)
    projects = rollups.project_rollup(plan(), approved, year)
    cash = rollups.money_rollup(plan(), approved, year)
    st.title(t("exec.meeting.title"))
    kpis(
        [
            (t("exec.kpi.late"), str(len(projects.delayed)), rollups.summary_line(projects, lang())),
            (
                t("exec.kpi.money", year=str(year)),
                rollups.pct_text(cash.pct_of_plan, lang()),
                rollups.money_line(cash, lang()),
            ),
        ]
    )
    late = projects.table[projects.table["delayed"]]
    left, right = st.columns([3, 2], gap="large")
    with left:
        if late.empty:
            st.write(t("exec.none_late"))
        else:
            frame = execution_tables.late_table(plan(), late, lang())
            shown = frame.iloc[:, :4]
            rows = "".join(
                "<tr>" + "".join(f"<td>{'' if pd.isna(v) else v}</td>" for v in row) + "</tr>"
                for row in shown.itertuples(index=False)
            )
            head = "".join(f"<th>{c}</th>" for c in shown.columns)
            st.html(f"<table class='zhez-agenda'><tr>{head}</tr>{rows}</table>")
        st.caption(t("rollup.late_how"))
    with right:
        static_map(projects_with_execution(), key="mt-exec-map", colour_by="status")
    st.caption(cash.how(lang()))


def export_downloads(direction_id: str | None) -> None:
    """The brief (PPTX) and the workbooks (XLSX) of the whole plan or a direction, made when clicked."""
    stamp = provenance()
    # Read now: the files are made after a click, outside this run, where nobody is signed in.
    assessed, seen, shown, executed = assessment(), observed(), recorded_actuals(), execution_reports()
    columns = st.columns(3 if direction_id else 2)
    columns[0].download_button(
        t("export.brief"),
        lambda: export.brief_pptx(plan(), assessed, seen, shown, audit_findings(), stamp, execution=executed),
        "zhezkazgan-brief.pptx",
        PPTX_MIME,
        key="dl-brief",
        on_click="ignore",
        icon=":material/slideshow:",
    )
    columns[1].download_button(
        t("export.plan_workbook"),
        lambda: export.plan_workbook(plan(), assessed, stamp),
        "zhezkazgan-plan.xlsx",
        XLSX_MIME,
        key="dl-plan-xlsx",
        on_click="ignore",
        icon=":material/table_view:",
    )
    if direction_id:
        columns[2].download_button(
            t("export.workbook"),
            lambda: export.plan_workbook(plan(), assessed, stamp, direction_id),
            f"zhezkazgan-{direction_id}.xlsx",
            XLSX_MIME,
            key="dl-direction-xlsx",
            on_click="ignore",
            icon=":material/table_view:",
        )
