"""Execution rolled up: where each project stands, which are late, how much money was spent. Pure functions.

Every function here takes the plan and the execution reports in force (``Store.execution()``: approved
versions for viewers; a frame with ``kind``, ``subject_id``, ``period``, ``payload``, ``id``,
``submitted_by``, ``reviewed_by``, ``reviewed_at``) and, optionally, a year: figures up to that year. Each
figure keeps the submission it comes from (``submission_id``), so a screen can say who entered and who
approved it. Each roll-up says how it is made (``how(lang)``) in a sentence for the screen.

* A **project's state** is its latest approved report (the year's report counts over its half-years).
  Money spent is summed over the years, each year's figure being that year's latest report ("so far").
* **Late**: the planned end year has ended (the report is as of its last day or later) and the project is
  not commissioned; or the planned start year has ended and construction has not begun (still planned,
  in design or at tender); or it is suspended. How far: the years since that planned year, as of the report.
* **Completion**: the simple mean of the reported projects' physical completion, and the mean weighted by
  their stated cost over those whose cost the plan states. Cancelled projects are left out and listed.
* **Money**: per financing line and year, executed against the plan's figure as published, and against the
  approved budget's amount where the coordinator entered one; directions and the plan sum their lines under
  one reading of the financing table (``zhez.financing``), named in the sentence.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from zhez import financing, i18n
from zhez.cycle import Period
from zhez.execution import PROJECT_STATUSES, FinancingReport, ProjectReport, movable_lines, year_figures
from zhez.i18n import money, number, t
from zhez.plan import PLAN_YEARS, Plan, year_or_none

NOT_REPORTED = "not_reported"
STATUS_ORDER = (*PROJECT_STATUSES, NOT_REPORTED)
DELAYS = ("past_end", "not_started", "suspended")

PROJECT_COLUMNS = [
    "project_id", "direction_id", "body", "body_basis", "cost_mln_kzt", "start_year", "end_year", "plan_stage",
    "reported", "period", "as_of", "status", "completion_pct", "started_on", "commissioned_on", "note",
    "spent_year_mln_kzt", "spent_total_mln_kzt", "over_cost", "over_cost_reason",
    "delayed", "delay", "delay_since", "delay_years",
    "submission_id", "entered_by", "approved_by", "approved_at", "approval",
]  # fmt: skip


def pct_text(value: float | None, lang: str) -> str:
    """A percentage of 0–100 (completion, execution) as officials write it: ``41,5 %``; “—” for none."""
    return "—" if value is None or math.isnan(value) else f"{number(value, lang, 1)}\u00a0%"


TEXT_COLUMNS = ("period", "note", "over_cost_reason", "entered_by", "approved_by", "approval")


def _of_kind(approved: pd.DataFrame, kind: str, year: int | None) -> pd.DataFrame:
    if approved.empty:
        return approved
    rows = approved[approved["kind"] == kind]
    if year is not None:
        rows = rows[[Period.parse(p).year <= year for p in rows["period"]]]
    return rows


def _latest(rows: pd.DataFrame) -> dict[str, dict[Any, Any]]:
    """Per subject, its report of the latest period (the year's report over its halves)."""
    out: dict[str, dict[Any, Any]] = {}
    best: dict[str, tuple[int, int]] = {}
    for row in rows.to_dict("records"):
        position = Period.parse(str(row["period"])).position
        subject = str(row["subject_id"])
        if subject not in best or position >= best[subject]:
            best[subject], out[subject] = position, row
    return out


def delay_of(
    start_year: int | None, end_year: int | None, status: str, as_of: dt.date, started_on: dt.date | None = None
) -> tuple[str, int | None, int]:
    """(why a project is late or "", the planned year it missed, how many years since) as of ``as_of``. A
    project whose report gives the day works started (on or before ``as_of``) is never "not started"."""
    if status in ("commissioned", "cancelled"):
        return "", None, 0
    if end_year is not None and as_of >= dt.date(end_year, 12, 31):
        return "past_end", end_year, as_of.year - end_year
    started = started_on is not None and started_on <= as_of
    if (
        start_year is not None
        and not started
        and status in ("planned", "design", "tender")
        and as_of >= dt.date(start_year, 12, 31)
    ):
        return "not_started", start_year, as_of.year - start_year
    if status == "suspended":
        return "suspended", None, 0
    return "", None, 0


def project_table(plan: Plan, approved: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """One row per project of the plan: its latest approved report up to ``year``, money spent, whether it is
    late and how far (``PROJECT_COLUMNS``). A project with no report has ``status`` ``not_reported``."""
    rows = _of_kind(approved, "project", year)
    latest = _latest(rows) if not rows.empty else {}
    spent = year_figures(rows, "project", "spent_mln_kzt") if not rows.empty else None
    records = []
    for project in plan.projects.to_dict("records"):
        project_id = str(project["id"])
        start, end = year_or_none(project["start_year"]), year_or_none(project["end_year"])
        cost = None if pd.isna(project["cost_mln_kzt"]) else float(project["cost_mln_kzt"])
        record: dict[str, object] = {
            "project_id": project_id,
            "direction_id": project["direction_id"],
            "body": project["responsible_body"],
            "body_basis": project["body_basis"],
            "cost_mln_kzt": cost,
            "start_year": start,
            "end_year": end,
            "plan_stage": project["stage"],
        }
        held = latest.get(project_id)
        if held is None:
            records.append({**record, "reported": False, "status": NOT_REPORTED, "over_cost": False, "delayed": False,
                            "delay": "", "delay_years": 0, **dict.fromkeys(TEXT_COLUMNS, "")})  # fmt: skip
            continue
        report = ProjectReport.from_payload(held["payload"])
        period = Period.parse(str(held["period"]))
        mine = spent[spent["subject_id"] == project_id] if spent is not None else pd.DataFrame()
        figures = mine["value"].dropna()
        total = math.fsum(figures) if not figures.empty else None
        this_year = mine[mine["year"] == (year if year is not None else period.year)]["value"].dropna()
        delay, since, years = delay_of(start, end, report.status, period.end, report.started_on)
        records.append(
            {
                **record,
                "reported": True,
                "period": period.key,
                "as_of": period.end,
                "status": report.status,
                "completion_pct": report.completion_pct,
                "started_on": report.started_on,
                "commissioned_on": report.commissioned_on,
                "note": report.note,
                "spent_year_mln_kzt": float(this_year.iloc[0]) if not this_year.empty else None,
                "spent_total_mln_kzt": total,
                "over_cost": cost is not None and total is not None and total > cost + 1e-9,
                "over_cost_reason": report.over_cost_reason,
                "delayed": bool(delay),
                "delay": delay,
                "delay_since": since,
                "delay_years": years,
                "submission_id": held.get("id"),
                "entered_by": held.get("submitted_by") or held.get("created_by") or "",
                "approved_by": held.get("reviewed_by") if held.get("approval", "approved") == "approved" else "",
                "approved_at": held.get("reviewed_at") if held.get("approval", "approved") == "approved" else None,
                "approval": held.get("approval", "approved"),
            }
        )
    frame = pd.DataFrame(records, columns=PROJECT_COLUMNS)
    for column in ("cost_mln_kzt", "completion_pct", "spent_year_mln_kzt", "spent_total_mln_kzt"):
        frame[column] = frame[column].astype("float64")
    for column in ("start_year", "end_year", "delay_since", "submission_id"):
        frame[column] = frame[column].astype("Int64")
    frame["delay"] = frame["delay"].fillna("")
    frame["delay_years"] = frame["delay_years"].fillna(0).astype("int64")
    frame["reported"] = frame["reported"].astype(bool)
    frame["delayed"] = frame["delayed"].astype(bool)
    frame["over_cost"] = frame["over_cost"].astype(bool)
    return frame


@dataclass(frozen=True)
class ProjectRollup:
    """Projects of a direction (or of the plan) by status, their completion, the late ones, the money spent."""

    direction_id: str | None
    year: int | None
    projects: int
    by_status: dict[str, int]
    simple_completion: float | None  # %, mean over the counted projects
    weighted_completion: float | None  # %, weighted by stated cost over the counted projects with one
    counted: tuple[str, ...]  # reported and not cancelled
    weighted: tuple[str, ...]  # counted, with a stated cost
    not_weighted: tuple[str, ...]  # counted, no cost stated
    cancelled: tuple[str, ...]
    not_reported: tuple[str, ...]
    delayed: tuple[str, ...]
    over_cost: tuple[str, ...]
    spent_mln_kzt: float | None  # every approved report's spend, cancelled projects included
    cost_mln_kzt: float | None  # stated cost of the weighted projects
    table: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)

    @property
    def reported(self) -> int:
        """How many of its projects have an approved report."""
        return self.projects - len(self.not_reported)

    @property
    def late(self) -> int | None:
        """How many are late; ``None`` while none of its projects has an approved report: lateness is read from
        approved reports only, so a 0 then would say "none late" when nothing is known. None of none is 0."""
        return len(self.delayed) if self.reported or not self.projects else None

    def how(self, lang: str) -> str:
        """How the figures are made, as one paragraph for the screen."""
        parts = [
            t(
                "rollup.projects_how",
                lang,
                n=len(self.counted),
                weighted=len(self.weighted),
                not_weighted=len(self.not_weighted),
            ),
            t("rollup.cancelled_none", lang)
            if not self.cancelled
            else t("rollup.cancelled_listed", lang, n=len(self.cancelled), projects=_numbers(self.cancelled)),
        ]
        if self.not_reported:
            parts.append(t("rollup.not_reported", lang, n=len(self.not_reported)))
        parts.append(t("rollup.late_how", lang))
        parts.append(t("rollup.spent_how", lang))
        return " ".join(parts)


def _numbers(ids: Iterable[str]) -> str:
    return ", ".join(f"№{i.lstrip('p').lstrip('0') or '0'}" for i in ids)


def project_rollup(
    plan: Plan,
    approved: pd.DataFrame,
    year: int | None = None,
    direction_id: str | None = None,
    projects: pd.DataFrame | None = None,
) -> ProjectRollup:
    """The projects of ``direction_id`` (``None``: the whole plan; ``""``: the projects the plan gives no
    direction) as of ``year``: counts by status (and not reported), completion simple and cost-weighted,
    late, over their cost, money spent. See the module's docstring for the rules. ``projects``: the
    ``project_table`` of the same ``approved`` and ``year``, when the caller rolls up several directions."""
    table = project_table(plan, approved, year) if projects is None else projects
    if direction_id is not None:
        table = table[table["direction_id"] == direction_id]
    counts = table["status"].value_counts()
    counted = table[table["reported"] & (table["status"] != "cancelled") & table["completion_pct"].notna()]
    weighted = counted[counted["cost_mln_kzt"].notna() & (counted["cost_mln_kzt"] > 0)]
    simple = float(counted["completion_pct"].mean()) if not counted.empty else None
    cost = math.fsum(weighted["cost_mln_kzt"]) if not weighted.empty else None
    weighted_mean = (
        math.fsum(c * p for c, p in zip(weighted["cost_mln_kzt"], weighted["completion_pct"], strict=True)) / cost
        if cost
        else None
    )
    spent = table["spent_total_mln_kzt"].dropna()
    return ProjectRollup(
        direction_id=direction_id,
        year=year,
        projects=len(table),
        by_status={s: int(counts.get(s, 0)) for s in STATUS_ORDER},
        simple_completion=simple,
        weighted_completion=weighted_mean,
        counted=tuple(counted["project_id"]),
        weighted=tuple(weighted["project_id"]),
        not_weighted=tuple(counted[~counted["project_id"].isin(weighted["project_id"])]["project_id"]),
        cancelled=tuple(table[table["status"] == "cancelled"]["project_id"]),
        not_reported=tuple(table[~table["reported"]]["project_id"]),
        delayed=tuple(table[table["delayed"]]["project_id"]),
        over_cost=tuple(table[table["over_cost"]]["project_id"]),
        spent_mln_kzt=math.fsum(spent) if not spent.empty else None,
        cost_mln_kzt=cost,
        table=table.reset_index(drop=True),
    )


def delay_text(row: Mapping[Any, Any] | pd.Series, lang: str) -> str:
    """Why a project is late and how far, in words: “planned to be finished in 2025; not commissioned as of
    2026-12-31 (1 year since)”; "" for a project that is not late."""
    delay = str(row["delay"])
    if not delay:
        return ""
    text = t(f"rollup.delay.{delay}", lang, year=str(row["delay_since"]), as_of=i18n.day(row["as_of"], lang))
    years = int(row["delay_years"])
    return text + (" " + t("rollup.delay_years", lang, n=years) if years > 0 else "")


# ── money ──────────────────────────────────────────────────────────────────

MONEY_COLUMNS = [
    "line_id", "direction_id", "year", "plan_mln_kzt", "budget_mln_kzt", "executed_mln_kzt",
    "pct_of_plan", "pct_of_budget", "period", "submission_id", "entered_by", "approved_by", "approved_at",
    "approval", "deviation_reason",
]  # fmt: skip


def money_table(plan: Plan, approved: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Per reported-on financing line and year (``year``, or every year 2024–2030): the plan's figure as
    published, the approved budget's amount and the money executed (each year's latest approved report),
    execution against each and the reason given for a deviation (``MONEY_COLUMNS``; percentages 0–100+, NaN where a part is missing)."""
    rows = _of_kind(approved, "financing", year)
    by_year: dict[tuple[str, int], dict[Any, Any]] = {}
    if not rows.empty:
        for row in rows.to_dict("records"):
            period = Period.parse(str(row["period"]))
            key = (str(row["subject_id"]), period.year)
            held = by_year.get(key)
            if held is None or period.position >= Period.parse(str(held["period"])).position:
                by_year[key] = row
    directions = financing.lines(plan)["direction_id"]
    years = [year] if year is not None else sorted(set(plan.financing["year"]))
    records = []
    for line in movable_lines(plan):
        for each in years:
            published = plan.financing[(plan.financing["line_id"] == line) & (plan.financing["year"] == each)]
            if published.empty:
                continue
            planned = float(published["amount_mln_kzt"].iloc[0])
            held = by_year.get((line, each))
            report = FinancingReport.from_payload(held["payload"]) if held else FinancingReport()
            executed, budget = report.executed_mln_kzt, report.budget_mln_kzt
            records.append(
                {
                    "line_id": line,
                    "direction_id": directions[line],
                    "year": each,
                    "plan_mln_kzt": planned,
                    "budget_mln_kzt": budget,
                    "executed_mln_kzt": executed,
                    "pct_of_plan": _pct(executed, planned),
                    "pct_of_budget": _pct(executed, budget),
                    "period": held["period"] if held else None,
                    "submission_id": held.get("id") if held else None,
                    "entered_by": (held.get("submitted_by") or held.get("created_by") or "") if held else "",
                    "approved_by": held.get("reviewed_by", "") if held else "",
                    "approved_at": held.get("reviewed_at") if held else None,
                    "approval": held.get("approval", "approved") if held else "",
                    "deviation_reason": report.deviation_reason.strip(),
                }
            )
    frame = pd.DataFrame(records, columns=MONEY_COLUMNS)
    for column in ("plan_mln_kzt", "budget_mln_kzt", "executed_mln_kzt", "pct_of_plan", "pct_of_budget"):
        frame[column] = frame[column].astype("float64")
    frame["submission_id"] = frame["submission_id"].astype("Int64")
    return frame


def _pct(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or math.isnan(whole) or whole <= 0:
        return None
    return 100.0 * part / whole


@dataclass(frozen=True)
class MoneyRollup:
    """A direction's (or the plan's) money in a year: planned as published, executed, the approved budget."""

    direction_id: str | None
    year: int
    reading: str
    lines: tuple[str, ...]  # the lines summed, under ``reading``
    reported: tuple[str, ...]  # of those, the lines with an approved executed amount
    planned_mln_kzt: float | None  # the lines' plan figures for the year (None: all “-”)
    executed_mln_kzt: float | None  # the reported lines' executed amounts (None: none reported)
    budget_lines: tuple[str, ...]  # lines with the approved budget's amount entered
    budget_mln_kzt: float | None
    executed_in_budget_mln_kzt: float | None  # executed on the lines that have a budget amount
    table: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)

    @property
    def pct_of_plan(self) -> float | None:
        return _pct(self.executed_mln_kzt, self.planned_mln_kzt)

    @property
    def pct_of_budget(self) -> float | None:
        return _pct(self.executed_in_budget_mln_kzt, self.budget_mln_kzt)

    def how(self, lang: str) -> str:
        sentence = t(
            "rollup.money_how",
            lang,
            year=str(self.year),
            m=len(self.lines),
            n=len(self.reported),
            reading=t(f"rollup.reading.{self.reading}", lang),
        )
        if self.budget_lines:
            sentence += " " + t("rollup.budget_how", lang, n=len(self.budget_lines))
        return sentence


def scope_lines(plan: Plan, direction_id: str | None, reading: str = financing.SUMMED) -> list[str]:
    """The financing lines a direction's (``None``: the plan's) money is the sum of, under ``reading``."""
    directions = [direction_id] if direction_id is not None else list(plan.directions["id"])
    return [line for d in directions for line in financing.direction_lines(plan, d, reading)]


def money_rollup(
    plan: Plan,
    approved: pd.DataFrame,
    year: int,
    direction_id: str | None = None,
    reading: str = financing.SUMMED,
    money: pd.DataFrame | None = None,
) -> MoneyRollup:
    """How much of ``year``'s money was spent in ``direction_id`` (``None``: the whole plan): the executed
    amounts of its lines read under ``reading`` against their plan figures (and the approved budget).
    ``money``: the ``money_table`` of the same ``approved`` and ``year``, when the caller rolls up several."""
    lines = scope_lines(plan, direction_id, reading)
    table = money_table(plan, approved, year) if money is None else money
    table = table[table["line_id"].isin(lines)].reset_index(drop=True)
    planned = table["plan_mln_kzt"].dropna()
    executed = table[table["executed_mln_kzt"].notna()]
    with_budget = table[table["budget_mln_kzt"].notna()]
    return MoneyRollup(
        direction_id=direction_id,
        year=year,
        reading=reading,
        lines=tuple(lines),
        reported=tuple(executed["line_id"]),
        planned_mln_kzt=math.fsum(planned) if not planned.empty else None,
        executed_mln_kzt=math.fsum(executed["executed_mln_kzt"]) if not executed.empty else None,
        budget_lines=tuple(with_budget["line_id"]),
        budget_mln_kzt=math.fsum(with_budget["budget_mln_kzt"]) if not with_budget.empty else None,
        executed_in_budget_mln_kzt=math.fsum(with_budget["executed_mln_kzt"].fillna(0.0))
        if not with_budget.empty
        else None,
        table=table,
    )


def money_by_year(
    plan: Plan,
    approved: pd.DataFrame,
    direction_id: str | None = None,
    years: Iterable[int] = PLAN_YEARS,
    reading: str = financing.SUMMED,
) -> pd.DataFrame:
    """``money_rollup`` year by year: year, planned, executed, pct_of_plan, lines, reported."""
    rows = []
    for year in years:
        rollup = money_rollup(plan, approved, year, direction_id, reading)
        rows.append(
            {
                "year": year,
                "planned_mln_kzt": rollup.planned_mln_kzt,
                "executed_mln_kzt": rollup.executed_mln_kzt,
                "pct_of_plan": rollup.pct_of_plan,
                "lines": len(rollup.lines),
                "reported": len(rollup.reported),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["year", "planned_mln_kzt", "executed_mln_kzt", "pct_of_plan", "lines", "reported"]
    )
    for column in ("planned_mln_kzt", "executed_mln_kzt", "pct_of_plan"):
        frame[column] = frame[column].astype("float64")
    return frame


# ── a project's history ────────────────────────────────────────────────────

HISTORY_COLUMNS = [
    "period", "version", "state", "status", "completion_pct", "spent_mln_kzt", "status_changed",
    "entered_by", "submitted_at", "approved_by", "approved_at",
]  # fmt: skip


def status_history(reports: pd.DataFrame, include_submitted: bool = False) -> pd.DataFrame:
    """Every approved version of a project's reports (``Store.reports("project", subject_id=…)``), in the order
    they were approved: period, status, completion, spend, whether the status changed from the version before,
    who entered and who approved it and when. ``include_submitted`` adds the versions awaiting review (for
    signed-in people)."""
    states = ("approved", "superseded", "submitted") if include_submitted else ("approved", "superseded")
    rows = reports[reports["state"].isin(states)] if not reports.empty else reports
    records = []
    previous = None
    ordered = (
        rows.assign(_at=rows["reviewed_at"].where(rows["state"] != "submitted", rows["submitted_at"]))
        .sort_values(["_at", "id"], kind="stable")
        .to_dict("records")
        if not rows.empty
        else []
    )
    for row in ordered:
        report = ProjectReport.from_payload(row["payload"])
        records.append(
            {
                "period": row["period"],
                "version": row["version"],
                "state": row["state"],
                "status": report.status,
                "completion_pct": report.completion_pct,
                "spent_mln_kzt": report.spent_mln_kzt,
                "status_changed": previous is None or report.status != previous,
                "entered_by": row["submitted_by"] or row["created_by"],
                "submitted_at": row["submitted_at"],
                "approved_by": row["reviewed_by"] if row["state"] != "submitted" else "",
                "approved_at": row["reviewed_at"] if row["state"] != "submitted" else None,
            }
        )
        previous = report.status
    frame = pd.DataFrame(records, columns=HISTORY_COLUMNS)
    frame["completion_pct"] = frame["completion_pct"].astype("float64")
    frame["spent_mln_kzt"] = frame["spent_mln_kzt"].astype("float64")
    return frame


def latest_year(approved: pd.DataFrame, default: int = PLAN_YEARS[0]) -> int:
    """The latest year an execution report is for (what screens show first), else ``default``."""
    years = [Period.parse(str(p)).year for p in approved["period"]] if not approved.empty else []
    return max(years) if years else default


def late_count(rollup: ProjectRollup) -> str:
    """How many projects are late, as a card or a slide writes it: "—" while that is not known (``late``)."""
    return i18n.NO_VALUE if rollup.late is None else str(rollup.late)


def summary_line(rollup: ProjectRollup, lang: str) -> str:
    """One line for a slide or a card: “12 of 43 projects reported; 3 late; completion 41 % (cost-weighted 37 %)”."""
    text = t("rollup.summary", lang, n=rollup.projects, reported=rollup.reported, late=late_count(rollup))
    if rollup.simple_completion is not None:
        text += "; " + t("rollup.summary_completion", lang, simple=pct_text(rollup.simple_completion, lang))
    if rollup.weighted_completion is not None:
        text += " " + t("rollup.summary_weighted", lang, weighted=pct_text(rollup.weighted_completion, lang))
    return text


def money_note(rollup: MoneyRollup, lang: str) -> str:
    """Under the year's money executed: “of 78 905,0 mln ₸ planned (15,7 %); 3 of 4 lines reported”; without
    the share while there is none (not “(—)”)."""
    share = rollup.pct_of_plan is not None and not math.isnan(rollup.pct_of_plan)
    return t(
        "exec.kpi.money_note" if share else "exec.kpi.money_note_no_share",
        lang,
        planned=money(rollup.planned_mln_kzt, lang),
        pct=pct_text(rollup.pct_of_plan, lang),
        n=len(rollup.reported),
        m=len(rollup.lines),
    )


def money_line(rollup: MoneyRollup, lang: str) -> str:
    """“2026: 12 400,0 of 78 905,0 mln ₸ executed (15,7 %); 3 of 4 lines reported”."""
    if rollup.executed_mln_kzt is None:
        return t("rollup.money_none", lang, year=str(rollup.year), planned=money(rollup.planned_mln_kzt, lang))
    return t(
        "rollup.money_line",
        lang,
        year=str(rollup.year),
        executed=money(rollup.executed_mln_kzt, lang),
        planned=money(rollup.planned_mln_kzt, lang),
        pct=pct_text(rollup.pct_of_plan, lang),
        n=len(rollup.reported),
        m=len(rollup.lines),
    )


__all__ = [
    "DELAYS",
    "NOT_REPORTED",
    "MoneyRollup",
    "ProjectRollup",
    "delay_of",
    "late_count",
    "money_by_year",
    "money_rollup",
    "money_table",
    "pct_text",
    "project_rollup",
    "project_table",
    "status_history",
]
