"""The Execution screen: which projects are late and how much of a year's money was spent, every figure from an
approved report; and, for signed-in people, reporting a project or a financing line (in the app or by the
body workbook) and, for the coordinator, reviewing what was submitted. Its widget keys start with ``ex-``."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from zhez import body_workbook, execution_tables, financing, rollups, tables
from zhez.auth import AuthError, Person
from zhez.cycle import Entry, Period
from zhez.execution import PROJECT_STATUSES, FinancingReport, ProjectReport, planned_amount, subject_names
from zhez.export import XLSX_MIME
from zhez.markdown import escape
from zhez.plan import YEARS
from zhez.store import StoreError
from zhez.ui.downloads import table_downloads
from zhez.ui.language import lang, money, t
from zhez.ui.loaders import (
    ExecutionYear,
    approved_execution_year,
    execution_reports,
    execution_year,
    plan,
    store,
)
from zhez.ui.render import execution_kpis, kpis, short_table, table
from zhez.ui.widgets import number_field, select, toggle

KINDS = ("project", "financing")


def year_choice(reports: pd.DataFrame | None) -> int:
    """The year the figures are for (in the link): by default the latest year a report in view is for."""
    default = str(rollups.latest_year(execution_reports() if reports is None else reports))
    return int(select(t("common.year"), [str(y) for y in YEARS], "year", default, str, key="ex-year"))


def reports_in_view(person: Person | None) -> pd.DataFrame | None:
    """Approved reports (None: the approved ones, whose figures are kept between runs); a signed-in person may
    add those awaiting review (said so on the screen)."""
    if person is None or not toggle(t("exec.show_submitted"), "sub", False, key="ex-submitted"):
        return None
    st.warning(t("exec.showing_submitted"))
    return store().execution(person=person, include_submitted=True)


def year_view(reports: pd.DataFrame | None, year: int) -> ExecutionYear:
    """The year's roll-ups and table by direction, of the approved reports unless ``reports`` are given."""
    return approved_execution_year(year) if reports is None else execution_year(reports, year)


def answer(projects: rollups.ProjectRollup, cash: rollups.MoneyRollup) -> None:
    """The akim's question in four figures: late projects, the year's money executed, completion, reports."""
    kpis(
        [
            *execution_kpis(projects, cash),
            (
                t("exec.kpi.completion"),
                rollups.pct_text(projects.simple_completion, lang()),
                t("exec.kpi.weighted", weighted=rollups.pct_text(projects.weighted_completion, lang())),
            ),
            (t("exec.kpi.reported"), f"{projects.reported} / {projects.projects}", t("exec.kpi.reported_note")),
        ]
    )


def late_projects(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(t("exec.none_late"))
    else:
        table(frame, key="ex-late")
        table_downloads(frame, "zhezkazgan-late-projects", key="ex-late", sheet=t("xlsx.sheet_late"))
    st.caption(t("rollup.late_how"))


def money_table(frame: pd.DataFrame, cash: rollups.MoneyRollup) -> None:
    short_table(frame)  # a line a row of the plan's financing: printed, with its downloads below
    table_downloads(frame, "zhezkazgan-money-executed", key="ex-money", sheet=t("xlsx.sheet_money"))
    st.caption(cash.how(lang()))
    note = financing.reading_note(plan(), lang())
    if note:
        st.caption("ℹ " + note)


def all_projects(frame: pd.DataFrame, projects: rollups.ProjectRollup) -> None:
    table(frame, key="ex-projects")
    table_downloads(frame, "zhezkazgan-projects-execution", key="ex-projects", sheet=t("xlsx.sheet_projects_execution"))
    st.caption(projects.how(lang()))


# ── reporting (signed-in) ──────────────────────────────────────────────────


def open_period() -> Period | None:
    rounds = store().rounds()
    periods = list(rounds[rounds["state"] == "open"]["period"])
    if not periods:
        st.info(t("problem.no_open_round", period="—"))
        return None
    return Period.parse(st.selectbox(t("cycle.col.period"), periods, key="ex-period"))


def kind_choice(person: Person) -> str:
    """Which kind of report to enter (a body's editors: projects; the coordinator also financing lines)."""
    kinds = kinds_of(person)
    labels = {k: t(f"exec.kind.{k}") for k in kinds}
    return str(st.radio(t("exec.col.kind"), kinds, format_func=labels.__getitem__, horizontal=True, key="ex-kind"))


def kinds_of(person: Person) -> list[str]:
    """A body's editors report their projects; the coordinator also the financing lines."""
    return list(KINDS) if person.is_coordinator else ["project"]


def subjects_of(person: Person, kind: str) -> list[str]:
    layout = body_workbook.LAYOUTS[kind]
    return layout.subjects(plan(), body_workbook.bodies_of(plan(), person))


def report_form(person: Person, kind: str, period: Period) -> None:
    """One project's or line's report, starting from what it holds now; submitted for review."""
    names = subject_names(plan(), lang())
    ids = subjects_of(person, kind)
    if not ids:
        st.info(t("exec.nothing_to_report"))
        return
    subject = str(
        st.selectbox(
            t("exec.pick", kind=t(f"exec.kind.{kind}")),
            ids,
            format_func=lambda i: f"{names[i][0]} · {names[i][1]}",
            key=f"ex-{kind}-pick",
        )
    )
    versions = store().reports(kind, subject_id=subject)
    current = body_workbook.current_reports(versions, kind, period).get(subject)
    key = f"ex-{kind}-{subject}-{period.key}"  # the inputs start again from what the chosen one holds
    # No st.form: each number is read back as soon as its field is left, before anything is submitted.
    report: ProjectReport | FinancingReport
    if kind == "project":
        report, readable = _project_inputs(_project_start(versions, current), key)
    else:
        held = FinancingReport.from_payload(current["payload"]) if current is not None else FinancingReport()
        report, readable = _money_inputs(held, key, subject, period)
    if st.button(t("cycle.action.submit").capitalize(), type="primary", disabled=not readable, key=f"{key}-send"):
        try:
            outcome = store().save(plan(), person, [Entry(subject, period, report, kind=kind)], submit=True)
        except (AuthError, StoreError) as error:
            st.error(escape(error.text(lang())))
        else:
            saved, unchanged = len(outcome.saved), len(outcome.unchanged)
            st.success(t("cli.submitted", saved=saved, unchanged=unchanged, batch=outcome.batch[:8]))


def _project_start(versions: pd.DataFrame, current: pd.Series | None) -> ProjectReport:
    """What the form starts from: the period's working or approved version, else where the latest approved
    report left the project (its status, completion and dates; the money is the new year's)."""
    if current is not None:
        return ProjectReport.from_payload(current["payload"])
    approved = versions[versions["state"] == "approved"] if not versions.empty else versions
    if approved.empty:
        return ProjectReport()
    last = max(approved.to_dict("records"), key=lambda r: Period.parse(str(r["period"])).position)
    carried = ProjectReport.from_payload(last["payload"])
    return ProjectReport(carried.status, carried.completion_pct, carried.started_on, carried.commissioned_on)


def _project_inputs(held: ProjectReport, key: str) -> tuple[ProjectReport, bool]:
    """The project's report as typed, and whether every number in it could be read."""
    statuses = ["", *PROJECT_STATUSES]
    c1, c2 = st.columns(2)
    status = c1.selectbox(
        t("exec.field.status"),
        statuses,
        index=statuses.index(held.status),
        format_func={s: t(f"exec.status.{s}") if s else "—" for s in statuses}.__getitem__,
        key=f"{key}-status",
    )
    completion = number_field(t("exec.field.completion_pct"), f"{key}-pct", held.completion_pct, container=c2)
    c3, c4 = st.columns(2)
    span = (dt.date(2020, 1, 1), dt.date(2035, 12, 31))
    started = c3.date_input(
        t("exec.field.started_on"), value=held.started_on, min_value=span[0], max_value=span[1], key=f"{key}-start"
    )
    commissioned = c4.date_input(
        t("exec.field.commissioned_on"),
        value=held.commissioned_on,
        min_value=span[0],
        max_value=span[1],
        key=f"{key}-end",
    )
    spent = number_field(t("exec.field.spent_mln_kzt"), f"{key}-spent", held.spent_mln_kzt)
    reason = st.text_area(
        t("exec.field.over_cost_reason"), value=held.over_cost_reason, max_chars=2000, key=f"{key}-reason"
    )
    note = st.text_input(t("exec.field.note"), value=held.note, max_chars=500, key=f"{key}-note")
    report = ProjectReport(status, completion.value, started or None, commissioned or None, spent.value, reason, note)
    return report, completion.ok and spent.ok


def _money_inputs(held: FinancingReport, key: str, line: str, period: Period) -> tuple[FinancingReport, bool]:
    """The line's report as typed, and whether every number in it could be read."""
    st.caption(t("exec.plan_figure", year=str(period.year), amount=money(planned_amount(plan(), line, period.year))))
    c1, c2 = st.columns(2)
    executed = number_field(t("exec.field.executed_mln_kzt"), f"{key}-exec", held.executed_mln_kzt, container=c1)
    budget = number_field(t("exec.field.budget_mln_kzt"), f"{key}-budget", held.budget_mln_kzt, container=c2)
    reason = st.text_area(
        t("exec.field.deviation_reason"), value=held.deviation_reason, max_chars=2000, key=f"{key}-reason"
    )
    source = st.text_input(t("exec.field.source"), value=held.source, max_chars=2000, key=f"{key}-source")
    note = st.text_input(t("exec.field.note"), value=held.note, max_chars=500, key=f"{key}-note")
    return FinancingReport(executed.value, budget.value, reason, source, note), executed.ok and budget.ok


def workbook(person: Person, kind: str, period: Period) -> None:
    """The kind's body workbook out, and a filled one in: previewed row by row, then submitted."""
    bodies = body_workbook.bodies_of(plan(), person)
    st.download_button(
        t("exec.template", kind=t(f"exec.kind.{kind}")),
        lambda: body_workbook.template_bytes(plan(), kind, bodies, period, store().reports(kind), lang()),
        f"zhezkazgan-{kind}-{period.key}.xlsx",
        icon=":material/download:",
        mime=XLSX_MIME,
        on_click="ignore",
        key=f"ex-{kind}-template",
    )
    upload = st.file_uploader(t("record.upload"), type=["xlsx"], key=f"ex-{kind}-upload")
    if upload is None:
        return
    result = body_workbook.read_workbook(
        upload.getvalue(),
        plan(),
        person,
        kind,
        period,
        store().reports(kind, period=period),
        store().check_context(kind),
    )
    counts = result.preview["status"].value_counts()
    st.markdown(
        "**"
        + t("record.preview", **{k: int(counts.get(k, 0)) for k in ("new", "changed", "unchanged", "rejected")})
        + "**"
    )
    if not result.preview.empty:
        table(tables.import_preview(result.preview, plan(), lang()), height=320)
    if not result.ok:
        st.error(t("record.refused") + "\n\n" + "\n".join(f"- {line}" for line in result.problem_lines(lang())))
    elif not result.entries:
        st.info(t("record.nothing_to_apply"))
    elif st.button(t("record.apply", n=len(result.entries)), type="primary", key=f"ex-{kind}-apply"):
        try:
            outcome = store().save(plan(), person, result.entries, submit=True, source_file=upload.name)
        except (AuthError, StoreError) as error:
            st.error(error.text(lang()))
        else:
            st.success(t("record.applied", n=len(outcome.saved)))


def review(coordinator: Person) -> None:
    """What awaits approval: approve, or return with a comment (never one's own: the store says so)."""
    waiting = pd.concat([store().reports(k, states=["submitted"]) for k in KINDS], ignore_index=True)
    if waiting.empty:
        st.info(t("exec.nothing_to_review"))
        return
    table(execution_tables.review_table(plan(), waiting, lang()), key="ex-review")
    ids = [int(i) for i in waiting["id"]]
    chosen = st.multiselect(t("exec.review_pick"), ids, default=ids, key="ex-review-ids", select_all=False)
    comment = st.text_input(t("cycle.field.comment"), key="ex-review-comment")
    c1, c2 = st.columns(2)
    try:
        if c1.button(t("cycle.action.approve").capitalize(), type="primary", key="ex-approve", disabled=not chosen):
            store().approve(plan(), coordinator, chosen, comment)
            st.rerun()
        if c2.button(t("cycle.action.send_back").capitalize(), key="ex-return", disabled=not chosen):
            store().send_back(plan(), coordinator, chosen, comment)
            st.rerun()
    except (AuthError, StoreError) as error:
        st.error(error.text(lang()))
