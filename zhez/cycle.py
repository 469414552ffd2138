"""The monitoring cycle as plain data and rules: periods, what a body reports, states, completeness, tasks.

One workflow serves every kind of subject. A **submission** is a version of what a responsible
body reports for a *subject* (``kind`` + ``subject_id``: an indicator today; a project or a
financing line once execution lands) and a *period* (a year, or a half-year when the coordinator
opens one). Its states::

    draft ──submit──► submitted ──approve──► approved ──(a newer version approved)──► superseded
      ▲  ◄──withdraw──┘    │
      │                   └──send back (comment)──► returned ──amend / resubmit──► submitted
      └── withdraw (discard) ──► withdrawn

The approved version stays in force while a newer one is drafted or reviewed. A kind brings its
own payload and checks (``SubjectKind``); the store runs the states, scopes and the log for all.
Everything here is pure; ``zhez.store`` persists it and checks who may do what.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Protocol

import pandas as pd

from zhez import progress
from zhez.actuals import MAX_NOTE, check, is_percent
from zhez.auth import Person
from zhez.i18n import t
from zhez.plan import YEARS, Plan
from zhez.problems import Problem, term

STATES = ("draft", "submitted", "returned", "approved", "superseded", "withdrawn")
OPEN_STATES = ("draft", "submitted", "returned")  # a working version: at most one per subject and period
MAX_TEXT = 2000  # characters of an explanation field
# Where a subject stands in a round, for the completeness board and My tasks.
STANDINGS = ("missing", "draft", "returned", "submitted", "approved")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, or one of its halves (``half`` 1 or 2)."""

    year: int
    half: int | None = None

    @property
    def key(self) -> str:
        """``2026`` or ``2026-H1``: how a period is stored and written in links and files."""
        return str(self.year) if self.half is None else f"{self.year}-H{self.half}"

    @classmethod
    def parse(cls, text: str | int) -> Period:
        """``2026``, ``2026-H1``; ``ValueError`` for anything else."""
        match = re.fullmatch(r"(\d{4})(?:-H([12]))?", str(text).strip())
        if not match:
            raise ValueError(f"not a period: {text!r} (2026 or 2026-H1)")
        return cls(int(match.group(1)), int(match.group(2)) if match.group(2) else None)

    def problems(self) -> list[Problem]:
        found = []
        if self.year not in YEARS:
            found.append(Problem.of("year_range", year=str(self.year)))
        if self.half not in (None, 1, 2):
            found.append(Problem.of("half_year", period=self.key))
        return found

    @property
    def end(self) -> dt.date:
        """The last day the period covers: what a report for it is "as of"."""
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def position(self) -> tuple[int, int]:
        """Orders the periods of a year: H1, H2, then the whole year (the whole year's report is the last word)."""
        return (self.year, 3 if self.half is None else self.half)

    def label(self, lang: str) -> str:
        return self.key if self.half is None else t("cycle.half_year", lang, year=str(self.year), half=str(self.half))


def too_long(field_name: str, limit: int) -> Problem:
    """``field_name`` (``note``, ``deviation_reason``, …: ``cycle.field.<name>``) is longer than ``limit``."""
    return Problem.of("text_too_long", field=term(f"cycle.field.{field_name}"), limit=limit)


# ── what a body reports ────────────────────────────────────────────────────


@dataclass(frozen=True)
class IndicatorReport:
    """An indicator's value for a period, or "no data yet" with a reason, and its explanation.

    ``deviation_reason`` is required on submission when the value is not on track for that year's target
    (``needs_explanation``); ``source`` is required with a value (the statistical form, the department's record).
    """

    value: float | None = None
    no_data_reason: str = ""
    deviation_reason: str = ""
    measures: str = ""
    source: str = ""
    note: str = ""

    FIELDS: ClassVar[tuple[str, ...]] = ("value", "no_data_reason", "deviation_reason", "measures", "source", "note")
    TEXTS: ClassVar[tuple[str, ...]] = ("no_data_reason", "deviation_reason", "measures", "source", "note")

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> IndicatorReport:
        value = payload.get("value")
        return cls(
            None if value is None else float(value),
            *(str(payload.get(name, "") or "") for name in cls.TEXTS),
        )

    def stripped(self) -> IndicatorReport:
        return IndicatorReport(self.value, *(getattr(self, name).strip() for name in self.TEXTS))


class SubjectKind(Protocol):
    """What the workflow needs to know about one kind of subject (indicator; later project, financing line)."""

    name: str

    def body_of(self, plan: Plan, subject_id: str) -> str | None:
        """The responsible body's code ("" when the plan names none), or None for an unknown subject."""

    def expected(self, plan: Plan) -> pd.DataFrame:
        """Every subject reported in a round: ``subject_id``, ``body``."""

    def parse(self, payload: Mapping[str, Any]) -> Any:
        """The kind's report from its stored payload."""

    def check_draft(self, plan: Plan, subject_id: str, period: Period, report: Any) -> list[Problem]:
        """What makes a report impossible to keep even as a draft (a value out of range, a text too long)."""

    def check_submit(
        self, plan: Plan, subject_id: str, period: Period, report: Any, approved: pd.DataFrame
    ) -> list[Problem]:
        """What a report needs before review (a value or a reason, the explanation when off track)."""

    def label(self, plan: Plan, subject_id: str, lang: str) -> str:
        """How a subject is named in messages and files."""


class IndicatorKind:
    """The plan's indicators, reported by the body in their ``responsible_body`` column."""

    name = "indicator"
    report_type = IndicatorReport

    def body_of(self, plan: Plan, subject_id: str) -> str | None:
        try:
            return str(plan.indicator(subject_id)["responsible_body"] or "").strip()
        except KeyError:
            return None

    def expected(self, plan: Plan) -> pd.DataFrame:
        return pd.DataFrame(
            {"subject_id": plan.indicators["id"], "body": plan.indicators["responsible_body"].fillna("").str.strip()}
        )

    def parse(self, payload: Mapping[str, Any]) -> IndicatorReport:
        return IndicatorReport.from_payload(payload)

    def check_draft(self, plan: Plan, subject_id: str, period: Period, report: IndicatorReport) -> list[Problem]:
        found = [*period.problems()]
        found += [p for p in check(plan, subject_id, period.year, report.value) if p.key != "year_range"]
        if report.value is not None and report.no_data_reason.strip():
            found.append(Problem.of("value_and_no_data"))
        for name in IndicatorReport.TEXTS:
            limit = MAX_NOTE if name == "note" else MAX_TEXT
            if len(getattr(report, name)) > limit:
                found.append(too_long(name, limit))
        return found

    def check_submit(
        self, plan: Plan, subject_id: str, period: Period, report: IndicatorReport, approved: pd.DataFrame
    ) -> list[Problem]:
        found = self.check_draft(plan, subject_id, period, report)
        if found:
            return found
        if report.value is None:
            if not report.no_data_reason.strip():
                found.append(Problem.of("value_or_reason"))
            return found
        if not report.source.strip():
            found.append(Problem.of("source_needed"))
        if (
            period.half is None
            and not report.deviation_reason.strip()
            and needs_explanation(plan, subject_id, period.year, report.value, approved)
        ):
            found.append(Problem.of("deviation_reason_needed", year=str(period.year)))
        return found

    def label(self, plan: Plan, subject_id: str, lang: str) -> str:
        try:
            row = plan.indicator(subject_id)
        except KeyError:
            return subject_id
        return str(row["code"] or subject_id)


KINDS: dict[str, SubjectKind] = {"indicator": IndicatorKind()}


def kind_of(name: str) -> SubjectKind:
    """The registered kind ``name``; ``KeyError`` for an unknown one (a bug, not a user's mistake)."""
    return KINDS[name]


def register_kind(kind: SubjectKind) -> None:
    """Add a kind of subject to the workflow (execution: projects, financing lines)."""
    KINDS[kind.name] = kind


# ── the status a value gives ───────────────────────────────────────────────

NOT_ON_TRACK = ("at_risk", "off_track", "moving_away")


def status_with(plan: Plan, indicator_id: str, year: int, value: float, approved: pd.DataFrame) -> str:
    """The status the indicator would have in ``year`` with ``value`` as its actual, beside the approved ones."""
    row = plan.indicator(indicator_id)
    others = approved[~((approved["indicator_id"] == indicator_id) & (approved["year"] == year))]
    points = [p for p in progress.observed_points(plan, indicator_id, others, as_of=year) if p.year != year]
    points.append(progress.Point(year, float(value), "actual"))
    series = plan.series(indicator_id)
    targets = {
        int(y): float(v)
        for y, v, k in zip(series["year"], series["value"], series["kind"], strict=True)
        if k == "target" and not math.isnan(v)
    }
    return progress.rate(str(row["desired"]), is_percent(str(row["unit"])), points, targets).status


def needs_explanation(plan: Plan, indicator_id: str, year: int, value: float, approved: pd.DataFrame) -> bool:
    """Whether a value for ``year`` is not on track (at risk, off track, moving away): then a reason is required."""
    return status_with(plan, indicator_id, year, value, approved) in NOT_ON_TRACK


# ── where each subject stands ──────────────────────────────────────────────


def standings(
    plan: Plan, reports: pd.DataFrame, period: Period | str, kind: str = "indicator", person: Person | None = None
) -> pd.DataFrame:
    """Every subject expected in ``period``: its body, where it stands and its latest versions.

    ``standing``: the working version's state (draft, submitted, returned) if there is one, else ``approved``
    when a version is in force, else ``missing``. With ``person``, only the subjects they answer for.
    Columns: subject_id, body, standing, has_approved, working_id, approved_id, comment.
    """
    key = period.key if isinstance(period, Period) else str(period)
    expected = kind_of(kind).expected(plan)
    if kind == "indicator":  # an indicator an edition adds, or dropped, is reported only for years it is in force
        in_force = plan.in_force_in(Period.parse(key).year)
        expected = expected[expected["subject_id"].isin(in_force)]
    if person is not None:
        expected = expected[[person.answers_for(b) for b in expected["body"]]]
    rows = reports[(reports["kind"] == kind) & (reports["period"] == key)] if not reports.empty else reports
    working = rows[rows["state"].isin(OPEN_STATES)].sort_values("version").groupby("subject_id").tail(1)
    approved = rows[rows["state"] == "approved"].sort_values("version").groupby("subject_id").tail(1)
    working_by = working.set_index("subject_id") if not working.empty else None
    approved_ids = dict(zip(approved["subject_id"], approved["id"], strict=True)) if not approved.empty else {}
    records = []
    for subject_id, body in zip(expected["subject_id"], expected["body"], strict=True):
        work = working_by.loc[subject_id] if working_by is not None and subject_id in working_by.index else None
        has_approved = subject_id in approved_ids
        standing = str(work["state"]) if work is not None else "approved" if has_approved else "missing"
        records.append(
            {
                "subject_id": subject_id,
                "body": body,
                "standing": standing,
                "has_approved": has_approved,
                "working_id": int(work["id"]) if work is not None else None,
                "approved_id": approved_ids.get(subject_id),
                "comment": str(work["review_comment"]) if work is not None and standing == "returned" else "",
            }
        )
    frame = pd.DataFrame(
        records, columns=["subject_id", "body", "standing", "has_approved", "working_id", "approved_id", "comment"]
    )
    for column in ("working_id", "approved_id"):
        frame[column] = frame[column].astype("Int64")
    return frame


def owes(row: Mapping[Hashable, Any]) -> bool:
    """A subject still owed in the round: nothing, a draft never submitted with nothing in force, or returned."""
    return row["standing"] in ("missing", "returned") or (row["standing"] == "draft" and not row["has_approved"])


COMPLETENESS_COLUMNS = [
    "body",
    "expected",
    *STANDINGS,
    "owed",
    "due",
    "days_to_due",
    "overdue",
]


def completeness(
    plan: Plan, round_: Mapping[str, Any], reports: pd.DataFrame, today: dt.date, kind: str = "indicator"
) -> pd.DataFrame:
    """Per responsible body, for one round (a row of ``Store.rounds()``): subjects expected, how many are
    missing, drafted, returned, submitted, approved; how many still owed; days to the due date (negative:
    overdue). Bodies that are overdue and still owe come first, then those owing most."""
    stand = standings(plan, reports, str(round_["period"]), kind)
    due = _as_date(round_["due"])
    days = (due - today).days
    rows = []
    for body, group in stand.groupby("body", sort=True):
        counts = group["standing"].value_counts()
        owed = int(sum(owes(r) for r in group.to_dict("records")))
        rows.append(
            {
                "body": body,
                "expected": len(group),
                **{s: int(counts.get(s, 0)) for s in STANDINGS},
                "owed": owed,
                "due": due,
                "days_to_due": days,
                "overdue": days < 0 and owed > 0,
            }
        )
    frame = pd.DataFrame(rows, columns=COMPLETENESS_COLUMNS)
    return frame.sort_values(["overdue", "owed", "body"], ascending=[False, False, True], kind="stable").reset_index(
        drop=True
    )


TASK_ORDER = ("returned", "missing_value", "missing_explanation", "draft")
TASK_COLUMNS = ["subject_id", "body", "period", "task", "comment", "due", "days_to_due", "submission_id", "state"]


def my_tasks(
    plan: Plan,
    person: Person,
    rounds: pd.DataFrame,
    reports: pd.DataFrame,
    approved: pd.DataFrame,
    today: dt.date,
    kind: str = "indicator",
) -> pd.DataFrame:
    """What ``person`` still has to do in the open rounds: returned versions first (with the coordinator's
    comment), then indicators with no value, values lacking the explanation their status requires, drafts
    never submitted. ``approved``: ``Store.actuals()`` (what the on-track check compares with)."""
    tasks = []
    open_rounds = rounds[rounds["state"] == "open"] if not rounds.empty else rounds
    by_id = reports.set_index("id") if not reports.empty else None
    for round_ in open_rounds.to_dict("records"):
        period = Period.parse(round_["period"])
        due = _as_date(round_["due"])
        for row in standings(plan, reports, period, kind, person).to_dict("records"):
            submission_id = row["working_id"] if row["standing"] in OPEN_STATES else row["approved_id"]
            task = {
                "returned": "returned",
                "missing": "missing_value",
                "draft": "draft" if not row["has_approved"] else None,
            }.get(row["standing"])
            if task is None and kind == "indicator" and by_id is not None and not pd.isna(submission_id):
                version = by_id.loc[int(submission_id)]
                task = _explanation_task(plan, row["subject_id"], period, version, approved)  # type: ignore[arg-type]  # one row: submission ids are unique
            if task is None:
                continue
            state = (
                str(by_id.loc[int(submission_id), "state"]) if by_id is not None and not pd.isna(submission_id) else ""
            )
            tasks.append(
                {
                    "subject_id": row["subject_id"],
                    "body": row["body"],
                    "period": period.key,
                    "task": task,
                    "comment": row["comment"],
                    "due": due,
                    "days_to_due": (due - today).days,
                    "submission_id": None if pd.isna(submission_id) else int(submission_id),
                    "state": state,
                }
            )
    frame = pd.DataFrame(tasks, columns=TASK_COLUMNS)
    frame["submission_id"] = frame["submission_id"].astype("Int64")
    order = frame["task"].map({t: i for i, t in enumerate(TASK_ORDER)})
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "days_to_due", "subject_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _explanation_task(
    plan: Plan, indicator_id: str, period: Period, version: pd.Series, approved: pd.DataFrame
) -> str | None:
    value = version.get("value")
    if period.half is not None or value is None or pd.isna(value) or str(version.get("deviation_reason", "")).strip():
        return None
    return "missing_explanation" if needs_explanation(plan, indicator_id, period.year, float(value), approved) else None


def owed(plan: Plan, round_: Mapping[Hashable, Any], reports: pd.DataFrame, kind: str = "indicator") -> pd.DataFrame:
    """What each body still owes in a round (for reminders): kind, body, subject_id, standing, comment."""
    stand = standings(plan, reports, str(round_["period"]), kind)
    mask = [owes(r) for r in stand.to_dict("records")]
    return stand[mask][["body", "subject_id", "standing", "comment"]].assign(kind=kind).reset_index(drop=True)


# ── manual status beside the computed one ──────────────────────────────────


def with_manual_status(assessment: pd.DataFrame, manual: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """``progress.assess`` with the coordinator's status beside the computed one: ``manual_status``,
    ``manual_reason``, ``manual_by``, ``manual_at``, ``manual_year`` (empty where none is set). With ``year``,
    that year's; otherwise each indicator's latest year that has one."""
    chosen = manual if year is None else manual[manual["year"] == year]
    latest = chosen.sort_values("year").groupby("indicator_id").tail(1).set_index("indicator_id")
    out = assessment.copy()
    for column, source in (
        ("manual_status", "status"),
        ("manual_reason", "reason"),
        ("manual_by", "set_by"),
        ("manual_at", "set_at"),
        ("manual_year", "year"),
    ):
        out[column] = out["indicator_id"].map(latest[source]) if not latest.empty else None
    out["manual_status"] = out["manual_status"].fillna("")
    out["manual_reason"] = out["manual_reason"].fillna("")
    out["manual_by"] = out["manual_by"].fillna("")
    out["manual_year"] = out["manual_year"].astype("Int64")
    return out


# ── helpers ────────────────────────────────────────────────────────────────


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()  # type: ignore[arg-type]  # text or a numpy date: pandas reads it or raises


@dataclass
class Entry:
    """One report to save: ``kind``, ``subject_id``, ``period`` and the kind's report (``IndicatorReport``)."""

    subject_id: str
    period: Period
    report: Any
    kind: str = "indicator"
    where: str = ""  # for messages: the workbook row it came from, say


def entries_of(items: Iterable[Entry | tuple[str, Period, Any]]) -> list[Entry]:
    return [i if isinstance(i, Entry) else Entry(i[0], i[1], i[2]) for i in items]


@dataclass
class Outcome:
    """What a write did: the versions it touched, those it left as they were, and its batch."""

    batch: str
    saved: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


Clock = Callable[[], dt.datetime]
