"""Execution: what a body reports on a project, and what the coordinator reports on a financing line.

Two more kinds of subject for the monitoring cycle (``zhez.cycle``): the same states, scopes, log and
body workbook as indicator values, with their own payload and checks.

* **project** — one of the plan's projects, reported by the body that answers for it
  (``projects.csv``'s ``responsible_body``: our reviewed assignment, the plan names none; the
  coordinator for a project none of the plan's bodies builds). A report for a period holds the
  status, the physical completion, the actual start and commissioning dates, the money spent in the
  period's year up to its end (a half-year report: January to June; the year's report: the whole year),
  and, when the money spent so far goes beyond the project's stated cost, why.
* **financing** — one of the plan's financing lines (not its totals): the money executed (освоено) in
  the period's year up to its end and, where known, the amount in the approved budget. The plan names
  no body for its financing lines: the coordinator's department reports them.

The plan's own figures are never changed: a report stands beside them. Everything here is pure.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from zhez import cycle
from zhez.actuals import MAX_NOTE
from zhez.budget import MOVABLE_ROLES
from zhez.cycle import Period, register_kind
from zhez.plan import Plan
from zhez.problems import Problem, term

PROJECT_STATUSES = ("planned", "design", "tender", "construction", "commissioned", "suspended", "cancelled")
BEFORE_WORKS = ("planned", "design", "tender")  # no physical work yet: completion 0 %, no start date
DATE_RANGE = (dt.date(2020, 1, 1), dt.date(2035, 12, 31))
# A year's spend or execution above this many times the largest amount the plan prints for the line (or, for a
# project, the whole plan's financing) is a slip of the unit, not money: refused.
PLAUSIBLE_FACTOR = 100


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)  # type: ignore[arg-type]


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _number_problems(value: object, field: str) -> list[Problem]:
    """A finite, non-negative number (or nothing)."""
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        return [Problem.of("exec.not_a_number", field=term(f"exec.field.{field}"), value=str(value)[:40])]
    if float(value) < 0:
        return [Problem.of("exec.negative", field=term(f"exec.field.{field}"), value=float(value))]
    return []


def _texts_problems(report: Any, texts: tuple[str, ...]) -> list[Problem]:
    found = []
    for name in texts:
        limit = MAX_NOTE if name == "note" else cycle.MAX_TEXT
        if len(getattr(report, name)) > limit:
            found.append(Problem.of("text_too_long", field=term(f"exec.field.{name}"), limit=limit))
    return found


def plan_money_limit(plan: Plan, line_id: str | None = None) -> float:
    """The largest amount a year's report may give: ``PLAUSIBLE_FACTOR`` times the line's largest printed amount,
    else (a project, or a line printing only “-”) the plan's whole financing 2024–2030."""
    fin = plan.financing
    if line_id is not None:
        printed = fin[fin["line_id"] == line_id]["amount_mln_kzt"].dropna().abs()
        if not printed.empty and float(printed.max()) > 0:
            return PLAUSIBLE_FACTOR * float(printed.max())
    grand = fin[(fin["role"] == "total") & (fin["parent_line_id"] == "")]["amount_mln_kzt"].dropna()
    return float(grand.sum()) if not grand.empty else 1e9


# ── projects ───────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ProjectReport:
    """Where a project stands at the end of a period, and the money spent in that period's year so far."""

    status: str = ""
    completion_pct: float | None = None
    started_on: dt.date | None = None
    commissioned_on: dt.date | None = None
    spent_mln_kzt: float | None = None
    over_cost_reason: str = ""
    note: str = ""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "status", "completion_pct", "started_on", "commissioned_on", "spent_mln_kzt", "over_cost_reason", "note",
    )  # fmt: skip
    TEXTS: ClassVar[tuple[str, ...]] = ("over_cost_reason", "note")

    def payload(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "completion_pct": self.completion_pct,
            "started_on": self.started_on.isoformat() if self.started_on else "",
            "commissioned_on": self.commissioned_on.isoformat() if self.commissioned_on else "",
            "spent_mln_kzt": self.spent_mln_kzt,
            "over_cost_reason": self.over_cost_reason,
            "note": self.note,
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> ProjectReport:
        return cls(
            str(payload.get("status", "") or ""),
            _number(payload.get("completion_pct")),
            _date(payload.get("started_on")),
            _date(payload.get("commissioned_on")),
            _number(payload.get("spent_mln_kzt")),
            str(payload.get("over_cost_reason", "") or ""),
            str(payload.get("note", "") or ""),
        )

    def stripped(self) -> ProjectReport:
        return ProjectReport(
            self.status.strip(),
            self.completion_pct,
            self.started_on,
            self.commissioned_on,
            self.spent_mln_kzt,
            self.over_cost_reason.strip(),
            self.note.strip(),
        )


def project_row(plan: Plan, project_id: str) -> pd.Series | None:
    rows = plan.projects[plan.projects["id"] == project_id]
    return None if rows.empty else rows.iloc[0]


def year_figures(approved: pd.DataFrame, kind: str, field: str) -> pd.DataFrame:
    """Per subject and year, the figure ``field`` of the latest approved period of that year (the year's report
    over H2 over H1: each says "so far this year"). ``approved``: versions with ``subject_id``, ``period``,
    ``payload`` (``Store.in_view(kind)``, or the store's own read inside a write). Columns: subject_id, year,
    period, value, submission_id (``id`` where given)."""
    columns = ["subject_id", "year", "period", "value", "submission_id"]
    if approved.empty:
        return pd.DataFrame(columns=columns)
    rows = approved[approved["kind"] == kind] if "kind" in approved.columns else approved
    records = []
    for row in rows.to_dict("records"):
        period = Period.parse(row["period"])
        value = row["payload"].get(field)
        records.append(
            {
                "subject_id": row["subject_id"],
                "year": period.year,
                "period": period.key,
                "_position": period.position,
                "value": None if value is None else float(value),
                "submission_id": row.get("id"),
            }
        )
    frame = pd.DataFrame(records, columns=[*columns, "_position"])
    if frame.empty:
        return frame.drop(columns="_position")
    latest = frame.sort_values("_position", kind="stable").groupby(["subject_id", "year"]).tail(1)
    return latest.drop(columns="_position").sort_values(["subject_id", "year"]).reset_index(drop=True)


def spent_before(approved: pd.DataFrame, project_id: str, year: int) -> float:
    """The money the approved reports of a project's *other* years say was spent (mln ₸)."""
    figures = year_figures(approved, "project", "spent_mln_kzt")
    mine = figures[(figures["subject_id"] == project_id) & (figures["year"] != year)]["value"].dropna()
    return math.fsum(mine)


class ProjectKind:
    """The plan's projects, reported by the body that answers for each (``responsible_body``)."""

    name = "project"
    report_type = ProjectReport

    def body_of(self, plan: Plan, subject_id: str) -> str | None:
        row = project_row(plan, subject_id)
        return None if row is None else str(row["responsible_body"] or "")

    def expected(self, plan: Plan) -> pd.DataFrame:
        return pd.DataFrame({"subject_id": plan.projects["id"], "body": plan.projects["responsible_body"]})

    def parse(self, payload: Mapping[str, Any]) -> ProjectReport:
        return ProjectReport.from_payload(payload)

    def check_draft(self, plan: Plan, subject_id: str, period: Period, report: ProjectReport) -> list[Problem]:
        found = [*period.problems()]
        status = report.status.strip()
        if status and status not in PROJECT_STATUSES:
            found.append(Problem.of("exec.unknown_status", status=status[:40]))
        completion = report.completion_pct
        found += _number_problems(completion, "completion_pct")
        if not found and completion is not None and completion > 100:
            found.append(Problem.of("exec.completion_range", value=float(completion)))
        found += _number_problems(report.spent_mln_kzt, "spent_mln_kzt")
        limit = plan_money_limit(plan)
        if report.spent_mln_kzt is not None and not found and report.spent_mln_kzt > limit:
            found.append(Problem.of("exec.implausible_spend", value=float(report.spent_mln_kzt), limit=limit))
        for name in ("started_on", "commissioned_on"):
            day = getattr(report, name)
            if day is not None and not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
                found.append(Problem.of("exec.date_range", field=term(f"exec.field.{name}"), date=day.isoformat()))
        if report.started_on and report.commissioned_on and report.commissioned_on < report.started_on:
            found.append(
                Problem.of(
                    "exec.commissioned_before_start",
                    commissioned=report.commissioned_on.isoformat(),
                    started=report.started_on.isoformat(),
                )
            )
        if status in PROJECT_STATUSES:
            found += _contradictions(status, report)
        found += _texts_problems(report, ProjectReport.TEXTS)
        return found

    def check_submit(
        self, plan: Plan, subject_id: str, period: Period, report: ProjectReport, approved: pd.DataFrame
    ) -> list[Problem]:
        """``approved``: the approved project versions (``Store.check_context("project")``), for the money
        spent in other years against the stated cost."""
        found = self.check_draft(plan, subject_id, period, report)
        if found:
            return found
        status = report.status.strip()
        if not status:
            return [Problem.of("exec.status_needed")]
        if report.completion_pct is None and status != "cancelled":
            found.append(Problem.of("exec.completion_needed"))
        if report.spent_mln_kzt is None:
            found.append(Problem.of("exec.spent_needed", year=str(period.year)))
        if status == "commissioned" and report.commissioned_on is None:
            found.append(Problem.of("exec.commissioned_on_needed"))
        if status in ("construction", "commissioned") and report.started_on is None:
            found.append(Problem.of("exec.started_on_needed", status=term(f"exec.status.{status}")))
        row = project_row(plan, subject_id)
        cost = None if row is None else _number(row["cost_mln_kzt"])
        if cost is not None and report.spent_mln_kzt is not None and not report.over_cost_reason.strip():
            spent = spent_before(approved, subject_id, period.year) + report.spent_mln_kzt
            if spent > cost + 1e-9:
                found.append(Problem.of("exec.over_cost_reason_needed", spent=spent, cost=cost))
        return found

    def label(self, plan: Plan, subject_id: str, lang: str) -> str:
        return subject_id


def _contradictions(status: str, report: ProjectReport) -> list[Problem]:
    """A status and a completion or date that cannot both be true (commissioned at 40 %)."""
    word = term(f"exec.status.{status}")
    found = []
    completion = report.completion_pct
    if completion is not None and math.isfinite(completion):
        if status == "commissioned" and completion != 100:
            found.append(Problem.of("exec.commissioned_not_complete", value=float(completion)))
        if status in BEFORE_WORKS and completion > 0:
            found.append(Problem.of("exec.works_before_construction", status=word, value=float(completion)))
    if report.commissioned_on is not None and status != "commissioned":
        found.append(Problem.of("exec.commissioned_on_with_status", status=word))
    if report.started_on is not None and status in BEFORE_WORKS:
        found.append(Problem.of("exec.started_on_with_status", status=word))
    return found


# ── financing lines ────────────────────────────────────────────────────────


@dataclass(frozen=True)
class FinancingReport:
    """A financing line's money in a period's year so far: executed (освоено) and the approved budget's amount."""

    executed_mln_kzt: float | None = None
    budget_mln_kzt: float | None = None
    deviation_reason: str = ""
    source: str = ""
    note: str = ""

    FIELDS: ClassVar[tuple[str, ...]] = ("executed_mln_kzt", "budget_mln_kzt", "deviation_reason", "source", "note")
    TEXTS: ClassVar[tuple[str, ...]] = ("deviation_reason", "source", "note")

    def payload(self) -> dict[str, Any]:
        return {
            "executed_mln_kzt": self.executed_mln_kzt,
            "budget_mln_kzt": self.budget_mln_kzt,
            "deviation_reason": self.deviation_reason,
            "source": self.source,
            "note": self.note,
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> FinancingReport:
        return cls(
            _number(payload.get("executed_mln_kzt")),
            _number(payload.get("budget_mln_kzt")),
            *(str(payload.get(name, "") or "") for name in cls.TEXTS),
        )

    def stripped(self) -> FinancingReport:
        return FinancingReport(
            self.executed_mln_kzt, self.budget_mln_kzt, *(getattr(self, n).strip() for n in self.TEXTS)
        )


def movable_lines(plan: Plan) -> list[str]:
    """The financing lines reported on: the lines, not their totals (printed order)."""
    lines = plan.financing.drop_duplicates("line_id")
    return [str(i) for i, role in zip(lines["line_id"], lines["role"], strict=True) if role in MOVABLE_ROLES]


def planned_amount(plan: Plan, line_id: str, year: int) -> float | None:
    """The plan's figure for a line and year, as published (``None`` for “-”)."""
    rows = plan.financing[(plan.financing["line_id"] == line_id) & (plan.financing["year"] == year)]
    if rows.empty or math.isnan(float(rows["amount_mln_kzt"].iloc[0])):
        return None
    return float(rows["amount_mln_kzt"].iloc[0])


class FinancingKind:
    """The plan's financing lines; no body is named for them, so the coordinator's department reports them."""

    name = "financing"
    report_type = FinancingReport

    def body_of(self, plan: Plan, subject_id: str) -> str | None:
        return "" if subject_id in movable_lines(plan) else None

    def expected(self, plan: Plan) -> pd.DataFrame:
        lines = movable_lines(plan)
        return pd.DataFrame({"subject_id": lines, "body": [""] * len(lines)})

    def parse(self, payload: Mapping[str, Any]) -> FinancingReport:
        return FinancingReport.from_payload(payload)

    def check_draft(self, plan: Plan, subject_id: str, period: Period, report: FinancingReport) -> list[Problem]:
        found = [*period.problems()]
        limit = plan_money_limit(plan, subject_id)
        for name in ("executed_mln_kzt", "budget_mln_kzt"):
            value = getattr(report, name)
            problems = _number_problems(value, name)
            if not problems and value is not None and value > limit:
                problems.append(Problem.of("exec.implausible_amount", value=float(value), limit=limit))
            found += problems
        found += _texts_problems(report, FinancingReport.TEXTS)
        return found

    def check_submit(
        self, plan: Plan, subject_id: str, period: Period, report: FinancingReport, approved: pd.DataFrame
    ) -> list[Problem]:
        found = self.check_draft(plan, subject_id, period, report)
        if found:
            return found
        if report.executed_mln_kzt is None:
            return [Problem.of("exec.executed_needed", year=str(period.year))]
        if not report.source.strip():
            found.append(Problem.of("source_needed"))
        planned = report.budget_mln_kzt if report.budget_mln_kzt is not None else planned_amount(
            plan, subject_id, period.year
        )  # fmt: skip
        if planned is not None and report.executed_mln_kzt > planned + 1e-9 and not report.deviation_reason.strip():
            key = (
                "exec.over_budget_reason_needed"
                if report.budget_mln_kzt is not None
                else "exec.over_plan_reason_needed"
            )
            found.append(Problem.of(key, executed=report.executed_mln_kzt, planned=planned, year=str(period.year)))
        return found

    def label(self, plan: Plan, subject_id: str, lang: str) -> str:
        rows = plan.financing[plan.financing["line_id"] == subject_id]
        return subject_id if rows.empty else str(rows.iloc[0][f"label_{lang}"])


def subject_names(plan: Plan, lang: str) -> dict[str, tuple[str, str]]:
    """Every subject of every kind by id (the ids do not repeat across kinds): (its code or number, its name)."""
    names = {
        str(i): (str(code or i), str(name))
        for i, code, name in zip(
            plan.indicators["id"], plan.indicators["code"], plan.indicators[f"name_{lang}"], strict=True
        )
    }
    names.update(
        {
            str(i): ("№" + (str(i).lstrip("p").lstrip("0") or "0"), str(n))
            for i, n in zip(plan.projects["id"], plan.projects[f"name_{lang}"], strict=True)
        }
    )
    lines = plan.financing.drop_duplicates("line_id")
    names.update({str(i): (str(i), str(n)) for i, n in zip(lines["line_id"], lines[f"label_{lang}"], strict=True)})
    return names


def executed_amounts(approved: pd.DataFrame) -> dict[tuple[str, int], float]:
    """Per (financing line, year): the money an approved report says was executed so far that year — what a
    what-if scenario cannot move (``budget.Financing(plan, executed)``)."""
    figures = year_figures(approved, "financing", "executed_mln_kzt")
    figures = figures[figures["value"].notna()]
    return {
        (str(s), int(y)): float(v)
        for s, y, v in zip(figures["subject_id"], figures["year"], figures["value"], strict=True)
    }


register_kind(ProjectKind())
register_kind(FinancingKind())

KINDS = ("project", "financing")
BODY_KINDS = ("indicator", "project")  # what the plan's bodies report (financing lines are the coordinator's)
__all__ = [
    "KINDS",
    "PROJECT_STATUSES",
    "FinancingKind",
    "FinancingReport",
    "ProjectKind",
    "ProjectReport",
]
