"""The Meeting screen: the slide in the link (``?slide=3``, 1-based), the presenter's toolbar (buttons and
keys to move, high contrast, language, files to hand out, exit), type for a projector (``meeting.css``, and
``meeting-contrast.css`` when asked), a map without selection. Every slide fits a 1920×1080 screen with chart
text of at least 20 px (``SIZE``). Its widget keys start with ``mt-``."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from zhez import execution_tables, export, geo, rollups
from zhez.export import PPTX_MIME, XLSX_MIME
from zhez.summary import direction_financing
from zhez.ui import link
from zhez.ui.downloads import provenance
from zhez.ui.language import lang, language_buttons, t
from zhez.ui.loaders import (
    assessment,
    audit_findings,
    direction_financing_chart,
    execution_reports,
    execution_rollups,
    observed,
    plan,
    project_corrections,
    recorded_actuals,
)
from zhez.ui.render import chart, kpis, reading_note, short_table, stylesheet
from zhez.ui.widgets import toggle

SIZE = 1.7  # chart text scale on slides: 12 px × 1.7 ≈ 20 px, readable from the back of the room
LATE_ROWS = 6  # the late projects the execution slide lists, furthest behind first (more would not fit)


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


# The presenter's keys press the toolbar's buttons (found by their keys' classes), so a key does exactly what
# a click does. Registered once per browser tab; on another page the buttons are absent and keys do nothing.
# A key typed into a field (the slide list, a search) is left to the field.
KEYBOARD = """<script>
(() => {
  if (window.zhezMeetingKeys) return;
  window.zhezMeetingKeys = true;
  const keys = {ArrowRight: "mt-next", PageDown: "mt-next", " ": "mt-next", ArrowLeft: "mt-prev",
                PageUp: "mt-prev", Home: "mt-first", End: "mt-last"};
  document.addEventListener("keydown", (event) => {
    const key = keys[event.key];
    if (!key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const button = document.querySelector(`.st-key-${key} button`);
    if (!button) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable=true]")) return;
    event.preventDefault();
    if (!button.disabled) button.click();
  }, true);
})();
</script>"""


def toolbar(titles: Sequence[str], number: int, exit_page: str, direction_id: str | None) -> bool:
    """The presenter's controls in one row above the slide: first, previous, where we are, next, last, a jump to
    any slide, high contrast, the language, the files to hand out (``direction_id``'s workbook too, on its
    slide), and the way out. The keyboard drives the same buttons (→ / PageDown / Space, ← / PageUp, Home / End).
    Returns whether high contrast is on."""
    total = len(titles)
    with st.container(key="mt-toolbar", horizontal=True, vertical_alignment="center", gap="small"):
        moves = [
            ("mt-first", ":material/first_page:", t("ux.meeting.first"), 1, number == 1),
            ("mt-prev", ":material/arrow_back:", t("meeting.previous"), number - 1, number == 1),
            ("mt-next", ":material/arrow_forward:", t("meeting.next"), number + 1, number == total),
            ("mt-last", ":material/last_page:", t("ux.meeting.last"), total, number == total),
        ]
        keys = t("ux.meeting.keys")
        for key, icon, label, target, disabled in moves:
            shown = label if key in ("mt-prev", "mt-next") else ""
            if st.button(shown, icon=icon, help=f"{label}. {keys}", disabled=disabled, key=key):
                _go_to(target)
        st.markdown(f"**{t('meeting.slide', n=number, total=total)}**", help=keys, width="content")
        jump = st.selectbox(
            t("meeting.jump"),
            list(range(1, total + 1)),
            index=number - 1,
            format_func={i: f"{i}. {title}" for i, title in enumerate(titles, start=1)}.__getitem__,
            key=f"mt-jump-{number}",  # a new widget per slide: it always starts at the slide shown
            label_visibility="collapsed",
            width=260,
        )
        if jump is not None and jump != number:
            _go_to(jump)
        contrast = toggle(t("meeting.contrast"), "hc", False, key="mt-contrast")
        language_buttons("mt-lang")
        files = st.popover(t("meeting.downloads"), icon=":material/download:", key="mt-files", on_change="rerun")
        if files.open:  # the buttons are made when the menu is opened (its click reruns the slide)
            with files:
                export_downloads(direction_id)
        st.page_link(exit_page, label=t("ux.meeting.exit"), icon=":material/close:", query_params={"lang": lang()})
        st.html(KEYBOARD, unsafe_allow_javascript=True, width="content")
    return contrast


def financing_or_sentence(direction_id: str, size: float, contrast: bool, height: int) -> None:
    """The direction's financing by year, or, where the plan prints “-” in every year, a sentence saying so
    (never an empty chart); then which reading of the table the sums follow."""
    if direction_financing(plan(), direction_id) is None:
        st.write(t("meeting.no_financing") if direction_id not in set(plan().financing["direction_id"])
                 else t("ux.meeting.no_financing_printed"))  # fmt: skip
        return
    # drawn as wide as the slide's half at 1920 (smaller to fit on a narrower screen): fitted to a 1366 screen's
    # half, the names of rp-1's two lines ran past its edge, cut mid-word
    spec = direction_financing_chart(direction_id, height).properties(width=SLIDE_CHART_WIDTH)
    chart(spec, key="mt-dir-financing", size=size, contrast=contrast, downloads=False)
    reading_note(direction_id)


# A slide's map fills its column; its names are laid out for the column at a 1366-pixel screen (the narrowest a
# presenter's laptop shows it), so on a wider screen they are all inside too, with more map around them.
SLIDE_MAP_WIDTH = 600  # px: a direction slide's right half (603 px at 1366, 880 at 1920)
SLIDE_CHART_WIDTH = 860  # px: a chart in that half, axes and legend included, drawn as at 1920
EXECUTION_MAP_WIDTH = 470  # px: the execution slide's right two fifths (476 px at 1366, 698 at 1920)


def static_map(
    shown: pd.DataFrame,
    key: str,
    height: int = 460,
    colour_by: str = "sector",
    fitted: bool = True,
    names_width: int = SLIDE_MAP_WIDTH,
) -> None:
    """The projects on a map its column wide and ``height`` tall, its names laid out inside ``names_width`` (the
    column's width on the narrowest screen), without selection or numbers (for slides); late ones ringed.
    ``fitted``: the view shows every project (a direction's); otherwise the city's view (every project of the
    plan: the regional roads would shrink the city to a speck)."""
    frame = (names_width, height)
    deck = geo.deck(plan(), shown, lang(), colour_by=colour_by, numbered=False, frame=frame, fitted=fitted)
    st.pydeck_chart(deck, height=height, key=key, alt=t("map.alt", n=len(shown)))


def projects_with_execution() -> pd.DataFrame:
    """The projects at their points in force, with where each stands by its approved reports."""
    located = geo.located_projects(plan(), project_corrections())
    return geo.with_execution(located, rollups.project_table(plan(), execution_reports()))


def execution_slide() -> None:
    """The akim's question on one slide: the late projects, why and how far, and the year's money executed."""
    year, projects, cash = execution_rollups()
    st.title(t("exec.meeting.title"))
    kpis(
        [
            (t("exec.kpi.late"), rollups.late_count(projects), rollups.summary_line(projects, lang())),
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
            short_table(frame.iloc[:LATE_ROWS, :4], look="zhez-status-table")
            if len(frame) > LATE_ROWS:
                st.caption(t("problem.more", n=len(frame) - LATE_ROWS))
        st.caption(t("rollup.late_how"))
    with right:
        static_map(
            projects_with_execution(),
            key="mt-exec-map",
            height=320,
            colour_by="status",
            fitted=False,
            names_width=EXECUTION_MAP_WIDTH,
        )
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
