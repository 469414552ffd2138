"""The plan, the store and what pages compute from them, cached so a rerun does not recompute them.

The published plan is loaded once per server process (it is never written to); the plan in force, with
the editions a coordinator loaded, once per plan revision. Whatever depends on what
editors recorded is kept per store revision (``Store.revision()``): the ``revision`` argument of
the ``_…_at`` functions is the cache key, so they are recomputed only after a change.

What is drawn is what the coordinator approved; a signed-in person who switched on "include submitted"
(``session.include_submitted``) gets the latest submitted values beside them (``preview`` in the keys;
the same for every signed-in person, so ``_who``, which only proves someone is signed in, is not hashed).
The coordinator's manual statuses stand beside the computed ones in ``assessment()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import altair as alt
import pandas as pd
import streamlit as st

from zhez import charts, cycle, execution_tables, export, progress, rollups, summary, tables
from zhez.auth import Person
from zhez.charts import Chart
from zhez.editions import audit_edition, edition_in_force
from zhez.export import direction_panels
from zhez.plan import YEARS, Plan, load_plan
from zhez.store import Store, StoreTooNew, written_here
from zhez.ui import session
from zhez.ui.language import lang, t


@st.cache_resource(show_spinner=False)
def published_plan() -> Plan:
    """The published plan (edition 0), loaded once per server process (it is never written to)."""
    return load_plan()


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan_at(plan_revision: int) -> Plan:
    return store().plan_in_force(published_plan())


def plan() -> Plan:
    """The plan in force (``Store.plan_in_force``: each year's targets from the edition in force then, every
    indicator of every edition, coordinators' reviews), composed again only when an edition or a review
    changes (``Store.plan_revision``), for every server of a shared store alike."""
    return _plan_at(plan_revision())


@st.cache_resource(show_spinner=False, max_entries=8)
def _findings_at(plan_revision: int, edition: int | None) -> pd.DataFrame:
    published = published_plan()
    if edition is None or edition == 0:
        return audit_edition(published, None)
    stored = {e.number: e for e in store().editions(published.document_id)}
    return audit_edition(published, stored[edition], store().indicator_reviews(published.document_id))


def audit_findings(edition: int | None = None) -> pd.DataFrame:
    """Where an edition of the plan contradicts itself (``zhez.audit``; ``edition`` column): by default the
    edition in force in the plan's last year, the plan as amended so far."""
    current = plan()
    chosen = edition_in_force(current, YEARS[-1]) if edition is None else edition
    return _findings_at(plan_revision(), chosen)


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store, created or upgraded on first use (URL: secrets ``database_url``, env, or SQLite default)."""
    try:
        url = st.secrets.get("database_url")
    except FileNotFoundError:  # no secrets file: the embedded defaults
        url = None
    opened = Store(url)
    try:
        opened.migrate()
    except StoreTooNew as error:  # the store was upgraded by a newer release: say so, change nothing
        st.error(t("problem.store_too_new", found=error.found, known=error.known))
        st.stop()
    return opened


REVISIONS_KEY = "zhez-revisions"  # the store's revisions as read this run: (written_here, revision, plan revision)


def new_run() -> None:
    """At the start of every run (app.py): the store's revisions are read again, once, on first use."""
    st.session_state.pop(REVISIONS_KEY, None)


def _revisions() -> tuple[int, int]:
    """(``Store.revision``, ``Store.plan_revision``), read once a run (a page asks for them a dozen times) and
    again after a change written here (another server's change shows on the next run)."""
    held = st.session_state.get(REVISIONS_KEY)
    if held is None or held[0] != written_here():
        held = (written_here(), *store().revisions())
        st.session_state[REVISIONS_KEY] = held
    return held[1], held[2]


def revision() -> int:
    """The store's revision as this run knows it: the cache key of what the store holds."""
    return _revisions()[0]


def plan_revision() -> int:
    """The store's plan revision as this run knows it: the cache key of the plan in force."""
    return _revisions()[1]


def _viewing() -> tuple[bool, Person | None]:
    """(whether submitted values are drawn too, the person who asked)."""
    return session.include_submitted(), session.person()


@st.cache_data(show_spinner=False, max_entries=4)
def _execution_at(revision: int) -> pd.DataFrame:
    return store().execution()


def execution_reports() -> pd.DataFrame:
    """The approved project and financing-line reports (``Store.execution()``), re-read only after a change."""
    return _execution_at(revision())


@st.cache_resource(show_spinner=False, max_entries=16)
def _execution_rollups_at(
    revision: int, plan_revision: int, direction_id: str | None
) -> tuple[int, rollups.ProjectRollup, rollups.MoneyRollup]:
    approved = _execution_at(revision)
    year = rollups.latest_year(approved)
    return (
        year,
        rollups.project_rollup(plan(), approved, year, direction_id),
        rollups.money_rollup(plan(), approved, year, direction_id),
    )


def execution_rollups(direction_id: str | None = None) -> tuple[int, rollups.ProjectRollup, rollups.MoneyRollup]:
    """(the latest year an approved report is for, the projects' and the money's roll-ups for it), for the plan or
    one direction, from approved reports: worked out once per change of the store (shared, never changed)."""
    return _execution_rollups_at(revision(), plan_revision(), direction_id)


@dataclass(frozen=True)
class ExecutionYear:
    """What the Execution screen shows for one year, from one set of reports (shared, never changed)."""

    projects: rollups.ProjectRollup
    cash: rollups.MoneyRollup
    late: pd.DataFrame  # the tables as shown, in the reader's language
    money: pd.DataFrame
    by_direction: pd.DataFrame
    every_project: pd.DataFrame


def execution_year(approved: pd.DataFrame, year: int) -> ExecutionYear:
    """The roll-ups of ``year`` and the screen's tables, from ``approved`` reports."""
    projects = rollups.project_rollup(plan(), approved, year)
    cash = rollups.money_rollup(plan(), approved, year)
    return ExecutionYear(
        projects,
        cash,
        execution_tables.late_table(plan(), projects.table, lang()),
        execution_tables.money_display(plan(), cash.table, lang()),
        execution_tables.by_direction(plan(), approved, year, lang()),
        execution_tables.projects_table(plan(), projects.table, lang()),
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _approved_execution_year_at(revision: int, plan_revision: int, year: int, language: str) -> ExecutionYear:
    return execution_year(_execution_at(revision), year)


def approved_execution_year(year: int) -> ExecutionYear:
    """``execution_year`` of the approved reports, worked out once per change of the store, year and language
    (it was most of the Execution page's run)."""
    return _approved_execution_year_at(revision(), plan_revision(), year, lang())


@st.cache_data(show_spinner=False, max_entries=8)
def _actuals_at(revision: int, preview: bool, _who: Person | None) -> pd.DataFrame:
    return store().actuals(_who, include_submitted=preview)


def recorded_actuals() -> pd.DataFrame:
    """What the coordinator approved (with "include submitted": and what awaits review, ``approval`` says
    which), re-read only when the store has changed."""
    return _actuals_at(revision(), *_viewing())


def approved_actuals() -> pd.DataFrame:
    """What the coordinator approved, whoever asks (the rules of the cycle compare with it)."""
    return _actuals_at(revision(), False, None)


@st.cache_data(show_spinner=False, max_entries=4)
def _manual_at(revision: int) -> pd.DataFrame:
    return store().manual_statuses()


def manual_statuses() -> pd.DataFrame:
    """The coordinator's statuses with their reasons (``Store.manual_statuses``)."""
    return _manual_at(revision())


@st.cache_data(show_spinner=False, max_entries=16)
def _assessment_at(revision: int, preview: bool, _who: Person | None) -> pd.DataFrame:
    computed = progress.assess(plan(), _actuals_at(revision, preview, _who))
    return cycle.with_manual_status(computed, _manual_at(revision))


def assessment() -> pd.DataFrame:
    """Every indicator's computed status (recorded actuals in place of what they replace), with the
    coordinator's manual status beside it (``manual_status``, ``manual_reason``, ``manual_by``, …)."""
    return _assessment_at(revision(), *_viewing())


@st.cache_data(show_spinner=False, max_entries=16)
def _status_overview_at(
    revision: int, plan_revision: int, preview: bool, _who: Person | None, lang: str
) -> pd.DataFrame:
    frame = summary.directions_overview(plan(), _assessment_at(revision, preview, _who))
    frame["direction"] = frame["direction_id"].map(tables.direction_names(plan(), lang))
    return frame


def status_overview() -> pd.DataFrame:
    """``summary.directions_overview`` with the assessment in view and each direction's name (``direction``),
    kept per change of the store and language."""
    return _status_overview_at(revision(), plan_revision(), *_viewing(), lang())


@st.cache_resource(show_spinner=False, max_entries=16)
def _observed_at(revision: int, preview: bool, _who: Person | None) -> dict[str, list[progress.Point]]:
    return progress.observed_by_indicator(plan(), _actuals_at(revision, preview, _who))


def observed() -> dict[str, list[progress.Point]]:
    """Each indicator's observed points (published and recorded)."""
    return _observed_at(revision(), *_viewing())


@st.cache_data(show_spinner=False, max_entries=4)
def _corrections_at(revision: int) -> pd.DataFrame:
    return store().project_points()


def project_corrections() -> pd.DataFrame:
    """Project points corrected by editors, re-read only when the store has changed."""
    return _corrections_at(revision())


@st.cache_data(show_spinner=False, max_entries=4)
def _reports_at(revision: int) -> pd.DataFrame:
    return store().reports()


def reports() -> pd.DataFrame:
    """Every version of every indicator report, any state (for the cycle's screens, never for viewers' figures)."""
    return _reports_at(revision())


@st.cache_data(show_spinner=False, max_entries=4)
def _rounds_at(revision: int) -> pd.DataFrame:
    return store().rounds()


def rounds() -> pd.DataFrame:
    """Every reporting round, newest period first."""
    return _rounds_at(revision())


@st.cache_data(show_spinner=False, max_entries=64)
def _progress_rows_at(
    revision: int, preview: bool, _who: Person | None, lang: str, direction: str | None, goals: tuple[str, ...],
    statuses: tuple[str, ...], bodies: tuple[str, ...], search: str, themes: tuple[str, ...],
) -> pd.DataFrame:  # fmt: skip
    assessed = _assessment_at(revision, preview, _who)
    return tables.progress_rows(plan(), assessed, lang, direction, goals, statuses, bodies, search, themes)


def progress_rows(
    lang: str,
    direction: str | None = None,
    goals: Sequence[str] = (),
    statuses: Sequence[str] = (),
    bodies: Sequence[str] = (),
    search: str = "",
    themes: Sequence[str] = (),
) -> pd.DataFrame:
    """``tables.progress_rows`` for the current data, kept per filter: its sentences cost ~0.2 ms an indicator."""
    return _progress_rows_at(
        revision(),
        *_viewing(),
        lang,
        direction,
        tuple(goals),
        tuple(statuses),
        tuple(bodies),
        search,
        tuple(themes),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _trajectory_grid_at(
    revision: int, preview: bool, _who: Person | None, lang: str, rows: pd.DataFrame, title: str,
    layout: tuple[int, int, int, float],
) -> alt.FacetChart:  # fmt: skip
    actuals = _actuals_at(revision, preview, _who)
    panels = direction_panels(plan(), rows, _observed_at(revision, preview, _who), actuals, lang)
    columns, panel_width, panel_height, size = layout
    return charts.small_multiples(panels, lang, title, columns, panel_width, panel_height, size)


def trajectory_grid(
    rows: pd.DataFrame,
    title: str,
    columns: int = 3,
    panel_width: int = 250,
    panel_height: int = 120,
    size: float = 1.0,
) -> alt.FacetChart:
    """``charts.small_multiples`` of ``progress_rows``, kept while the data stands: building
    an 18-panel grid in Altair takes ~150 ms, most of the Directions page's rerun.
    (The chart is shared, never changed: Altair's methods return copies.)"""
    layout = (columns, panel_width, panel_height, size)
    key_columns = ["indicator_id", "status", "code", "name", "manual_status"]
    return _trajectory_grid_at(revision(), *_viewing(), lang(), rows[key_columns], title, layout)


@st.cache_resource(show_spinner=False, max_entries=16)
def _financing_chart_at(plan_revision: int, lang: str, legend: Literal["bottom", "right"], height: int | None) -> Chart:
    chart = charts.financing_by_year(plan().financing, lang, legend=legend)
    return chart if height is None else chart.properties(height=height)


def financing_chart(legend: Literal["bottom", "right"] = "bottom", height: int | None = None) -> Chart:
    """``charts.financing_by_year`` of the plan in force, kept per plan revision and words, so ``render.chart``
    keeps its finished spec too (building and finishing it was a third of the Overview's and Meeting's run)."""
    return _financing_chart_at(plan_revision(), lang(), legend, height)


@st.cache_resource(show_spinner=False, max_entries=32)
def _direction_financing_chart_at(plan_revision: int, lang: str, direction_id: str, height: int) -> Chart:
    return export.direction_financing_chart(plan(), direction_id, lang).properties(title="", height=height)


def direction_financing_chart(direction_id: str, height: int) -> Chart:
    """A direction's financing by year without its title (a slide names it), kept as ``financing_chart``."""
    return _direction_financing_chart_at(plan_revision(), lang(), direction_id, height)


@st.cache_resource(show_spinner=False, max_entries=64)
def scenario_chart(rows: pd.DataFrame, lang: str, title: str) -> alt.LayerChart:
    """``charts.scenario_bars``, kept for the same rows and words, as ``trajectory_chart`` (the What-if page's
    chart was most of its run; a scenario shared by link is the same rows for every reader who opens it)."""
    return charts.scenario_bars(rows, lang, title)


@st.cache_resource(show_spinner=False, max_entries=64)
def trajectory_chart(data: pd.DataFrame, title: str, subtitle: str, lang: str) -> alt.LayerChart:
    """``charts.trajectory``, kept for the same data and words: building its layers in Altair was most of the
    Indicator page's run, and the same chart object lets ``render.chart`` keep its finished spec too.
    (Shared, never changed: Altair's methods return copies.)"""
    return charts.trajectory(data, title, subtitle, lang)
