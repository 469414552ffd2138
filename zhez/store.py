"""What people add beside the published plan: submissions and their review, reporting rounds, manual
statuses, saved scenarios, corrected map points — and the append-only log of every change.

SQLAlchemy 2 over SQLite by default (``data/local/zhez.sqlite``, created on first use) or PostgreSQL for a
shared deployment (``ZHEZ_DATABASE_URL``). The plan in ``data/plan/`` is never written. Every write is one
transaction, checks who is writing and what they answer for (``zhez.auth.Person``), and appends to the log
what changed (before → after), who, when and why. A refused write raises ``StoreError`` with typed
problems (``problem.text(lang)``) and leaves the store as it was.

The workflow of submissions is generic (``zhez.cycle``): a subject kind + id + period, with the kind's own
checks; indicators are the first kind. Viewers read approved versions only (``actuals()``); a signed-in
person may preview the latest submitted ones beside them (``include_submitted``).

The schema is versioned by Alembic steps in ``zhez/migrations``; ``migrate()`` upgrades under a lock, so
servers starting at once on a new store do not collide, and refuses a store newer than this app.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    true,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from zhez import budget, cycle, execution, progress
from zhez import editions as plan_editions
from zhez.actuals import MAX_NOTE
from zhez.auth import AuthError, Person, require_coordinator, require_person
from zhez.cycle import OPEN_STATES, Entry, Outcome, Period
from zhez.ingest import Section4
from zhez.plan import DESIRED, MEASURES, PLAN_YEARS, PRECISIONS, ROOT, YEARS, Plan, load_plan
from zhez.problems import Problem, term
from zhez.problems import lines as problem_lines

SCHEMA_VERSION = 3  # raised by every migration step; an older app refuses a store with a higher one
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'local' / 'zhez.sqlite'}"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UPGRADE_BATCH = "schema1-upgrade"  # the batch of the values carried over from schema 1
_PG_LOCK = 7_304_202_611  # pg_advisory_xact_lock key of migrate()
_PG_EDITIONS_LOCK = 7_304_202_612  # ... of loading an edition (its matching reads the editions before it)


class StoreError(ValueError):
    """A write refused before anything was stored; ``problems`` say why (``Problem.text(lang)``)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.where}: {p.key}" if p.where else p.key for p in self.problems))

    def lines(self, lang: str) -> list[str]:
        return problem_lines(self.problems, lang)

    def text(self, lang: str) -> str:
        return "; ".join(self.lines(lang))

    @property
    def keys(self) -> set[str]:
        return {p.key for p in self.problems}


class StoreTooNew(RuntimeError):
    """The store was upgraded by a newer release than this app."""

    def __init__(self, found: str, known: str) -> None:
        self.found, self.known = found, known
        super().__init__(
            f"the store has schema {found}, written by a newer release; this app knows schema {known} at most. "
            "Upgrade the app (or restore a backup made for this release); the store was not changed."
        )


class Base(DeclarativeBase):
    pass


class Submission(Base):
    """One version of what a body reports for a subject and period; its state moves through ``zhez.cycle``."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "period", "version", name="uq_submission_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    half: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12))
    payload_json: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    submitted_by: Mapped[str] = mapped_column(String(100), default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    batch: Mapped[str] = mapped_column(String(40), default="")
    source_file: Mapped[str] = mapped_column(String(255), default="")


class Round(Base):
    """A reporting period opened by the coordinator, with a due date; closing it freezes what it holds."""

    __tablename__ = "rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(10), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    half: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ManualStatus(Base):
    """A coordinator's status of an indicator for a year, with the reason; shown beside the computed one."""

    __tablename__ = "manual_statuses"
    __table_args__ = (UniqueConstraint("indicator_id", "year", name="uq_manual_status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Scenario(Base):
    """A saved what-if: its moves as JSON, never applied to the plan."""

    __tablename__ = "scenarios"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    moves_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ProjectPoint(Base):
    """A correction of where a project is, kept beside the plan's point."""

    __tablename__ = "project_points"
    project_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


PLAN_ENTITIES = ("edition", "indicator_review")  # the changes that make another plan in force


class AuditEntry(Base):
    """Append-only: every change, with what it was before and after, who, when and (for reviews) why."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity_id", "entity", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    who: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(30))
    entity_key: Mapped[str] = mapped_column(String(200), index=True)
    before_json: Mapped[str] = mapped_column(Text, default="null")
    after_json: Mapped[str] = mapped_column(Text, default="null")
    batch: Mapped[str] = mapped_column(String(40), index=True)
    source_file: Mapped[str] = mapped_column(String(255), default="")
    comment: Mapped[str] = mapped_column(Text, default="")


_WRITTEN_HERE = [0]  # changes written by this process (any store); a lost += under threads still changes it


@event.listens_for(AuditEntry, "after_insert")
def _count_change(mapper: Any, connection: Any, target: AuditEntry) -> None:
    _WRITTEN_HERE[0] += 1


def written_here() -> int:
    """How many changes this process has written so far (every change writes its audit entry): what a screen
    read of the store's revision this run is out of date once it differs."""
    return _WRITTEN_HERE[0]


class PlanEdition(Base):
    """An amended edition of the plan, loaded beside the published one: its tables as printed (ids matched)."""

    __tablename__ = "plan_editions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the edition's number (the published plan is 0)
    plan_id: Mapped[str] = mapped_column(String(80), index=True)
    name: Mapped[str] = mapped_column(String(200))
    basis: Mapped[str] = mapped_column(Text, default="")
    effective_year: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12))  # in_force | withdrawn
    source_file: Mapped[str] = mapped_column(String(255), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    tables_json: Mapped[str] = mapped_column(Text)
    matching_json: Mapped[str] = mapped_column(Text)
    loaded_by: Mapped[str] = mapped_column(String(100))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str] = mapped_column(String(100), default="")
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")


class IndicatorReview(Base):
    """A coordinator's review of an indicator an edition brought in: its desired direction, its translations."""

    __tablename__ = "indicator_reviews"
    plan_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    desired: Mapped[str] = mapped_column(String(12), default="")
    measure: Mapped[str] = mapped_column(String(12), default="")
    name_ru: Mapped[str] = mapped_column(Text, default="")
    name_en: Mapped[str] = mapped_column(Text, default="")
    unit_ru: Mapped[str] = mapped_column(String(200), default="")
    unit_en: Mapped[str] = mapped_column(String(200), default="")
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)


def database_url(explicit: str | None = None) -> str:
    """``explicit``, else ``ZHEZ_DATABASE_URL``, else the SQLite file under ``data/local/``."""
    return explicit or os.environ.get("ZHEZ_DATABASE_URL") or DEFAULT_URL


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive datetimes back; everything stored is UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Correction:
    """A corrected project location."""

    project_id: str
    lat: float
    lon: float
    precision: str
    note: str = ""


@dataclass
class UndoResult:
    """What ``undo_last`` took back (log entries restored) and what it left, with why (``Problem``)."""

    batch: str = ""
    restored: int = 0
    skipped: list[Problem] = field(default_factory=list)


REPORT_COLUMNS = [
    "id",
    "kind",
    "subject_id",
    "period",
    "year",
    "half",
    "version",
    "state",
    *cycle.IndicatorReport.FIELDS,
    "payload",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
    "batch",
    "source_file",
]
ACTUAL_COLUMNS = [
    "indicator_id",
    "year",
    "kind",
    "value",
    "raw",
    "note",
    "recorded_by",
    "recorded_at",
    "source_file",
    "approval",
    "approved_by",
    "approved_at",
    "submission_id",
]


class Store:
    """The store behind the app. ``Store(url)`` connects; ``migrate()`` creates or upgrades the schema."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": 30})
            _serialise_sqlite_writes(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._writer = self.engine.execution_options(write=True)
        # Hooks for tests that need to stop a write half-way (atomicity); never set in the app.
        self.before_each_row: Callable[[int], None] | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    # ── schema ─────────────────────────────────────────────────────────────

    def migrate(self) -> None:
        """Create the schema on first use or upgrade it, one transaction under a lock (a second process
        starting at the same moment waits, then finds it done). ``StoreTooNew`` for a newer store."""
        self.in_locked_transaction(self.upgrade_locked)

    def in_locked_transaction(self, work: Callable[[Connection], Any]) -> Any:
        """Run ``work`` in one writing transaction that holds the store's migration lock (SQLite: the write
        lock of ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), retried when a concurrent start won a race."""

        def locked(connection: Connection) -> Any:
            if not self.is_sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            return work(connection)

        return self._retrying_connection(locked)

    def upgrade_locked(self, connection: Connection, to: str = "head") -> None:
        """Upgrade to revision ``to`` on ``connection`` (inside ``in_locked_transaction``)."""
        tables = set(inspect(connection).get_table_names())
        known = known_revisions()
        if "alembic_version" in tables:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if found is not None and found not in known:
                raise StoreTooNew(str(found), known[-1])
        if "schema_version" in tables:
            number = connection.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
            if number is not None and int(number) > SCHEMA_VERSION:
                raise StoreTooNew(str(number), str(SCHEMA_VERSION))
        config = alembic_config(connection)
        if "schema_version" in tables and "alembic_version" not in tables:
            command.stamp(config, "0001")  # written by the release before migrations: schema 1
        command.upgrade(config, to)

    def revision_of_schema(self) -> str:
        """The Alembic revision the store is at ("" before ``migrate``)."""
        with self.engine.connect() as connection:
            if "alembic_version" not in inspect(connection).get_table_names():
                return ""
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")

    def dispose(self) -> None:
        self.engine.dispose()

    # ── reading ────────────────────────────────────────────────────────────

    def revision(self) -> int:
        """Grows with every change: a cheap cache key for what the store holds."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.max(AuditEntry.id))) or 0)

    def revisions(self) -> tuple[int, int]:
        """(``revision``, ``plan_revision``) in one query: what a screen reads once a run."""
        plan_change = AuditEntry.entity.in_(PLAN_ENTITIES)
        with Session(self.engine) as session:
            every, plan = session.execute(
                select(func.max(AuditEntry.id), func.max(case((plan_change, AuditEntry.id))))
            ).one()
            return int(every or 0), int(plan or 0)

    def reports(
        self,
        kind: str = "indicator",
        *,
        period: Period | str | None = None,
        subject_id: str | None = None,
        batch: str | None = None,
        states: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Every version of every submission of ``kind`` (optionally one period, subject, batch or states),
        oldest first, with the report's fields as columns (``value``, ``deviation_reason``, … for indicators)."""
        query = select(Submission).where(Submission.kind == kind).order_by(Submission.id)
        if period is not None:
            query = query.where(Submission.period == (period.key if isinstance(period, Period) else str(period)))
        if subject_id is not None:
            query = query.where(Submission.subject_id == subject_id)
        if batch is not None:
            query = query.where(Submission.batch == batch)
        if states is not None:
            query = query.where(Submission.state.in_(list(states)))
        with Session(self.engine) as session:
            records = [_report_record(r) for r in session.scalars(query).all()]
        frame = pd.DataFrame(records, columns=REPORT_COLUMNS)
        frame["year"] = frame["year"].astype("int64")
        frame["half"] = frame["half"].astype("Int64")
        frame["value"] = frame["value"].astype("float64")
        return frame

    def in_view(
        self, kind: str = "indicator", *, person: Person | None = None, include_submitted: bool = False
    ) -> pd.DataFrame:
        """One row per subject and period: the approved version in force, or — for a signed-in ``person`` who
        asks ``include_submitted`` — the latest submitted version where there is one. ``approval`` says which
        (``approved`` / ``submitted``). Viewers (no person) get approved versions only."""
        if include_submitted:
            require_person(person)
        shown = ("approved", "submitted") if include_submitted else ("approved",)
        rows = self.reports(kind, states=shown)
        if rows.empty:
            return rows.assign(approval=pd.Series(dtype="object"))
        rows = rows.assign(approval=rows["state"], _rank=rows["state"].map({"approved": 0, "submitted": 1}))
        latest = rows.sort_values(["_rank", "version"], kind="stable").groupby(["subject_id", "period"]).tail(1)
        return latest.drop(columns="_rank").sort_values(["subject_id", "year", "period"]).reset_index(drop=True)

    def actuals(self, person: Person | None = None, include_submitted: bool = False) -> pd.DataFrame:
        """Indicator values in the layout ``progress.assess`` takes (``kind == "actual"``), one per indicator and
        year: approved only, or with the latest submitted ones (``approval`` column) for a signed-in person.
        Half-year values and "no data yet" reports are not actuals (see ``in_view``)."""
        return actuals_of(self.in_view("indicator", person=person, include_submitted=include_submitted))

    def report_view(
        self, kind: str = "indicator", *, person: Person | None = None, draft: bool = False
    ) -> pd.DataFrame:
        """What an implementation report prints (``in_view``): the approved versions in force, or — for a
        coordinator's draft only — the latest submitted ones beside them. Anyone else asking for a draft is
        refused (``AuthError``), whatever a page or a command line offers."""
        if draft:
            require_coordinator(person)
        return self.in_view(kind, person=person, include_submitted=draft)

    def execution(self, person: Person | None = None, include_submitted: bool = False) -> pd.DataFrame:
        """Project and financing-line reports in force (``in_view`` of both kinds, one frame with a ``kind``
        column): what ``zhez.rollups`` and the execution screens read. Viewers get approved versions only."""
        frames = [self.in_view(k, person=person, include_submitted=include_submitted) for k in execution.KINDS]
        return pd.concat(frames, ignore_index=True) if any(not f.empty for f in frames) else frames[0]

    def indicator_history(self, indicator_id: str) -> pd.DataFrame:
        """Every version of an indicator's values and explanations, every period, oldest first (with who
        entered, submitted, reviewed it and the reviewer's comment)."""
        return self.reports("indicator", subject_id=indicator_id)

    def history(self, entity: str | None = None, key_prefix: str | None = None, limit: int = 500) -> pd.DataFrame:
        """The log, newest first, optionally for one entity kind and key prefix (``indicator:i10:``)."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if key_prefix:
            query = query.where(AuditEntry.entity_key.startswith(key_prefix))
        with Session(self.engine) as session:
            records = [
                {
                    "id": r.id,
                    "at": _utc(r.at),
                    "who": r.who,
                    "action": r.action,
                    "entity": r.entity,
                    "entity_key": r.entity_key,
                    "before": json.loads(r.before_json),
                    "after": json.loads(r.after_json),
                    "batch": r.batch,
                    "source_file": r.source_file,
                    "comment": r.comment,
                }
                for r in session.scalars(query).all()
            ]
        return pd.DataFrame(
            records,
            columns=[
                "id", "at", "who", "action", "entity", "entity_key", "before", "after", "batch", "source_file",
                "comment",
            ],
        )  # fmt: skip

    def rounds(self) -> pd.DataFrame:
        """Every reporting round, newest period first: period, year, half, due, state (open/closed), who and when."""
        with Session(self.engine) as session:
            records = [
                {
                    "period": r.period,
                    "year": r.year,
                    "half": r.half,
                    "due": r.due,
                    "state": r.state,
                    "note": r.note,
                    "opened_by": r.opened_by,
                    "opened_at": _utc(r.opened_at),
                    "closed_by": r.closed_by,
                    "closed_at": _utc(r.closed_at),
                }
                for r in session.scalars(select(Round).order_by(Round.year.desc(), Round.period.desc())).all()
            ]
        columns = ["period", "year", "half", "due", "state", "note", "opened_by", "opened_at", "closed_by", "closed_at"]
        frame = pd.DataFrame(records, columns=columns)
        frame["half"] = frame["half"].astype("Int64")
        return frame

    def manual_statuses(self) -> pd.DataFrame:
        """The coordinator's statuses: indicator_id, year, status, reason, set_by, set_at."""
        with Session(self.engine) as session:
            records = [
                {
                    "indicator_id": r.indicator_id,
                    "year": r.year,
                    "status": r.status,
                    "reason": r.reason,
                    "set_by": r.set_by,
                    "set_at": _utc(r.set_at),
                }
                for r in session.scalars(
                    select(ManualStatus).order_by(ManualStatus.indicator_id, ManualStatus.year)
                ).all()
            ]
        frame = pd.DataFrame(records, columns=["indicator_id", "year", "status", "reason", "set_by", "set_at"])
        frame["year"] = frame["year"].astype("int64")
        return frame

    # ── submissions ────────────────────────────────────────────────────────

    def save(
        self,
        plan: Plan,
        person: Person,
        entries: Iterable[Entry],
        *,
        submit: bool = False,
        source_file: str = "",
    ) -> Outcome:
        """Save reports as drafts (``submit``: and submit them), in one transaction, all or nothing.

        For each entry: the person must answer for the subject's body, its period's round must be open, and
        the kind's checks pass (on ``submit`` also what review needs). A draft or returned version is updated
        (amended); a submitted one must be withdrawn first; otherwise a new version is started, while the
        approved one stays in force. A report equal to what it would replace changes nothing (``unchanged``).
        Any problem refuses the whole batch with ``StoreError`` naming each entry.
        """
        person = require_person(person)
        batch = list(entries)
        batch_id = uuid.uuid4().hex
        keys = [(e.kind, e.subject_id, e.period.key) for e in batch]
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise StoreError([Problem.of("duplicate", where=f"{k[1]} · {k[2]}") for k in sorted(duplicates)])

        def write(session: Session) -> Outcome:
            outcome = Outcome(batch_id)
            problems: list[Problem] = []
            approved = _PerKind(lambda kind: self._check_context(session, kind))
            rounds = _rounds_by_period(session)
            now = _now()
            for index, entry in enumerate(batch):
                if self.before_each_row is not None:
                    self.before_each_row(index)
                where = entry.where or f"{entry.subject_id} · {entry.period.key}"
                found = self._entry_problems(plan, person, entry, rounds, approved, submit)
                if found:
                    problems += [p.at(where) for p in found]
                    continue
                result = self._save_one(session, person, entry, submit, batch_id, source_file, now)
                if isinstance(result, Problem):
                    problems.append(result.at(where))
                elif result[1]:
                    outcome.saved.append(result[0])
                else:
                    outcome.unchanged.append(result[0])
            if problems:
                raise StoreError(problems)
            return outcome

        return self._retrying(write)

    def _entry_problems(
        self,
        plan: Plan,
        person: Person,
        entry: Entry,
        rounds: dict[str, Round],
        approved: _PerKind,
        submit: bool,
    ) -> list[Problem]:
        kind = cycle.kind_of(entry.kind)
        body = kind.body_of(plan, entry.subject_id)
        if body is None:
            return [Problem.of("unknown_subject", subject=entry.subject_id)]
        problems = _scope_problems(person, body)
        problems += _round_problems(rounds, entry.period)
        if problems:
            return problems
        if submit:
            return kind.check_submit(plan, entry.subject_id, entry.period, entry.report, approved[entry.kind])
        return kind.check_draft(plan, entry.subject_id, entry.period, entry.report)

    def _save_one(
        self,
        session: Session,
        person: Person,
        entry: Entry,
        submit: bool,
        batch_id: str,
        source_file: str,
        now: dt.datetime,
    ) -> tuple[int, bool] | Problem:
        """(version id, changed?) or the problem that stops it."""
        payload = entry.report.stripped().payload() if hasattr(entry.report, "stripped") else entry.report.payload()
        versions = session.scalars(
            select(Submission)
            .where(
                Submission.kind == entry.kind,
                Submission.subject_id == entry.subject_id,
                Submission.period == entry.period.key,
            )
            .order_by(Submission.version)
            .with_for_update()
        ).all()
        working = next((v for v in reversed(versions) if v.state in OPEN_STATES), None)
        in_force = next((v for v in reversed(versions) if v.state == "approved"), None)
        if working is not None and working.state == "submitted":
            if json.loads(working.payload_json) == payload:
                return working.id, False
            return Problem.of("awaiting_review")
        if working is None:
            if in_force is not None and json.loads(in_force.payload_json) == payload:
                return in_force.id, False  # the value in force again: nothing to review
            working = Submission(
                kind=entry.kind,
                subject_id=entry.subject_id,
                period=entry.period.key,
                year=entry.period.year,
                half=entry.period.half,
                version=(versions[-1].version + 1) if versions else 1,
                state="draft",
                payload_json=json.dumps(payload, ensure_ascii=False),
                created_by=person.name,
                created_at=now,
                updated_by=person.name,
                updated_at=now,
                batch=batch_id,
                source_file=source_file,
            )
            session.add(working)
            session.flush()
            self._log(session, person, "draft", working, None, batch_id, source_file, now)
        elif json.loads(working.payload_json) != payload:
            before = _snapshot(working)
            working.payload_json = json.dumps(payload, ensure_ascii=False)
            working.updated_by, working.updated_at = person.name, now
            working.batch, working.source_file = batch_id, source_file
            self._log(session, person, "amend" if working.state == "returned" else "edit", working, before, batch_id, source_file, now)  # fmt: skip
        elif not submit:
            return working.id, False
        if submit:
            before = _snapshot(working)
            working.state = "submitted"
            working.submitted_by, working.submitted_at = person.name, now
            working.batch = batch_id
            self._log(session, person, "submit", working, before, batch_id, source_file, now)
        session.flush()
        return working.id, True

    def submit(self, plan: Plan, person: Person, ids: Iterable[int]) -> Outcome:
        """Submit drafts or amended returned versions for review (the kind's checks for review apply)."""
        return self._transition(plan, person, ids, "submit")

    def withdraw(self, plan: Plan, person: Person, ids: Iterable[int]) -> Outcome:
        """Take a submitted version back to draft before review, or discard a draft or returned version."""
        return self._transition(plan, person, ids, "withdraw")

    def approve(self, plan: Plan, coordinator: Person, ids: Iterable[int], comment: str = "") -> Outcome:
        """Approve submitted versions (a coordinator, never their own): each replaces the version in force."""
        return self._transition(plan, coordinator, ids, "approve", comment)

    def send_back(self, plan: Plan, coordinator: Person, ids: Iterable[int], comment: str) -> Outcome:
        """Return submitted versions to their body with the coordinator's comment (required)."""
        return self._transition(plan, coordinator, ids, "send_back", comment)

    def approve_batch(self, plan: Plan, coordinator: Person, batch: str, comment: str = "") -> Outcome:
        """Approve every submitted version of one import (after reading its preview), all or nothing."""
        with Session(self.engine) as session:  # any kind: an import is one batch, whatever it reports
            ids = session.scalars(
                select(Submission.id).where(Submission.batch == batch, Submission.state == "submitted")
            ).all()
        if not ids:
            raise StoreError([Problem.of("nothing_to_approve")])
        return self.approve(plan, coordinator, [int(i) for i in ids], comment)

    def _transition(self, plan: Plan, person: Person, ids: Iterable[int], action: str, comment: str = "") -> Outcome:
        person = require_person(person)
        if action in ("approve", "send_back"):
            require_coordinator(person)
        wanted = [int(i) for i in ids]
        comment = comment.strip()
        if action == "send_back" and not comment:
            raise StoreError([Problem.of("comment_needed")])
        if len(comment) > cycle.MAX_TEXT:
            raise StoreError([cycle.too_long("comment", cycle.MAX_TEXT)])
        batch_id = uuid.uuid4().hex

        def write(session: Session) -> Outcome:
            outcome = Outcome(batch_id)
            problems: list[Problem] = []
            rounds = _rounds_by_period(session)
            approved = _PerKind(lambda kind: self._check_context(session, kind))
            now = _now()
            for submission_id in wanted:
                row = session.get(Submission, submission_id, with_for_update=True)
                if row is None:
                    problems.append(Problem.of("unknown_submission", id=str(submission_id)))
                    continue
                where = f"{row.subject_id} · {row.period}"
                found = self._transition_problems(plan, person, row, action, rounds, approved)
                if found:
                    problems += [p.at(where) for p in found]
                    continue
                self._apply(session, person, row, action, comment, batch_id, now)
                outcome.saved.append(row.id)
            if problems:
                raise StoreError(problems)
            return outcome

        return self._retrying(write)

    def _transition_problems(
        self,
        plan: Plan,
        person: Person,
        row: Submission,
        action: str,
        rounds: dict[str, Round],
        approved: _PerKind,
    ) -> list[Problem]:
        kind = cycle.kind_of(row.kind)
        body = kind.body_of(plan, row.subject_id) or ""
        problems = _scope_problems(person, body)
        problems += _round_problems(rounds, Period.parse(row.period))
        allowed = {
            "submit": ("draft", "returned"),
            "withdraw": ("draft", "submitted", "returned"),
            "approve": ("submitted",),
            "send_back": ("submitted",),
        }[action]
        if row.state not in allowed:
            problems.append(
                Problem.of(
                    "illegal_transition", action=term(f"cycle.action.{action}"), state=term(f"cycle.state.{row.state}")
                )
            )
        if problems:
            return problems
        if action == "approve" and person.name in {row.submitted_by, row.updated_by, row.created_by}:
            return [Problem.of("own_submission")]
        if action == "submit":
            report = kind.parse(json.loads(row.payload_json))
            return kind.check_submit(plan, row.subject_id, Period.parse(row.period), report, approved[row.kind])
        return []

    def _apply(
        self,
        session: Session,
        person: Person,
        row: Submission,
        action: str,
        comment: str,
        batch_id: str,
        now: dt.datetime,
    ) -> None:
        before = _snapshot(row)
        if action == "submit":
            row.state, row.submitted_by, row.submitted_at = "submitted", person.name, now
        elif action == "withdraw":
            row.state = "draft" if row.state == "submitted" else "withdrawn"
        elif action == "approve":
            for older in session.scalars(
                select(Submission)
                .where(
                    Submission.kind == row.kind,
                    Submission.subject_id == row.subject_id,
                    Submission.period == row.period,
                    Submission.state == "approved",
                )
                .with_for_update()
            ).all():
                older_before = _snapshot(older)
                older.state = "superseded"
                self._log(session, person, "supersede", older, older_before, batch_id, "", now)
            row.state, row.reviewed_by, row.reviewed_at, row.review_comment = "approved", person.name, now, comment
        elif action == "send_back":
            row.state, row.reviewed_by, row.reviewed_at, row.review_comment = "returned", person.name, now, comment
        name = {"withdraw": "withdraw" if before["state"] == "submitted" else "discard"}.get(action, action)
        self._log(session, person, name, row, before, batch_id, "", now, comment)
        session.flush()

    def _log(
        self,
        session: Session,
        person: Person,
        action: str,
        row: Submission,
        before: dict[str, Any] | None,
        batch_id: str,
        source_file: str,
        now: dt.datetime,
        comment: str = "",
    ) -> None:
        session.add(
            AuditEntry(
                at=now,
                who=person.name,
                action=action,
                entity="submission",
                entity_key=f"{row.kind}:{row.subject_id}:{row.period}",
                before_json=json.dumps(before, ensure_ascii=False),
                after_json=json.dumps(_snapshot(row), ensure_ascii=False),
                batch=batch_id,
                source_file=source_file,
                comment=comment,
            )
        )

    def _check_context(self, session: Session, kind: str) -> pd.DataFrame:
        """What the kind's review checks compare a report with, read inside the write's transaction: for
        indicators the approved full-year values (the on-track check); for another kind its approved versions
        (``subject_id``, ``period``, ``payload``: a project's money spent in other years)."""
        if kind == "indicator":
            return self._approved_actuals(session)
        rows = session.scalars(
            select(Submission).where(Submission.kind == kind, Submission.state == "approved").order_by(Submission.id)
        ).all()
        records = [
            {
                "id": r.id,
                "kind": r.kind,
                "subject_id": r.subject_id,
                "period": r.period,
                "payload": json.loads(r.payload_json),
            }
            for r in rows
        ]
        return pd.DataFrame(records, columns=CONTEXT_COLUMNS)

    def check_context(self, kind: str) -> pd.DataFrame:
        """``_check_context`` outside a write: what a workbook import of ``kind`` is checked against."""
        with Session(self.engine) as session:
            return self._check_context(session, kind)

    def _approved_actuals(self, session: Session) -> pd.DataFrame:
        """Approved full-year indicator values, read inside the write's transaction (for the on-track check)."""
        rows = session.execute(
            select(Submission.subject_id, Submission.year, Submission.payload_json).where(
                Submission.kind == "indicator", Submission.state == "approved", Submission.half.is_(None)
            )
        ).all()
        records = [
            {"indicator_id": s, "year": y, "kind": "actual", "value": json.loads(p).get("value"), "raw": ""}
            for s, y, p in rows
        ]
        frame = pd.DataFrame(records, columns=progress.ACTUAL_COLUMNS)
        frame["value"] = frame["value"].astype("float64")
        return frame[frame["value"].notna()]

    # ── rounds ─────────────────────────────────────────────────────────────

    def open_round(self, coordinator: Person, period: Period, due: dt.date, note: str = "") -> None:
        """Open a reporting round for ``period`` (a year, or a half-year) due on ``due``."""
        coordinator = require_coordinator(coordinator)
        problems = period.problems() + _text_problems({"note": note}, MAX_NOTE)
        if not isinstance(due, dt.date):
            problems.append(Problem.of("due_date"))
        if problems:
            raise StoreError(problems)

        def write(session: Session) -> None:
            current = session.scalars(select(Round).where(Round.period == period.key).with_for_update()).one_or_none()
            if current is not None:
                key = "round_open_already" if current.state == "open" else "round_closed_reopen"
                raise StoreError([Problem.of(key, period=period.key)])
            now = _now()
            row = Round(
                period=period.key,
                year=period.year,
                half=period.half,
                due=due,
                state="open",
                note=note.strip(),
                opened_by=coordinator.name,
                opened_at=now,
                closed_by="",
            )
            session.add(row)
            self._log_round(session, coordinator, "open", None, row, now)

        self._retrying(write)

    def close_round(self, coordinator: Person, period: Period) -> None:
        """Close a round: what it holds is frozen (a later change needs ``reopen_round``, which leaves a trace)."""
        self._round_state(coordinator, period, "close", "")

    def reopen_round(self, coordinator: Person, period: Period, reason: str) -> None:
        """Open a closed round again, with the reason (kept in the log)."""
        self._round_state(coordinator, period, "reopen", reason)

    def change_due(self, coordinator: Person, period: Period, due: dt.date) -> None:
        """Move an open round's due date."""
        coordinator = require_coordinator(coordinator)

        def write(session: Session) -> None:
            row = session.scalars(select(Round).where(Round.period == period.key).with_for_update()).one_or_none()
            if row is None or row.state != "open":
                raise StoreError([Problem.of("no_open_round", period=period.key)])
            before = _round_json(row)
            row.due = due
            self._log_round(session, coordinator, "due", before, row, _now())

        self._retrying(write)

    def _round_state(self, coordinator: Person, period: Period, action: str, reason: str) -> None:
        coordinator = require_coordinator(coordinator)
        reason = reason.strip()
        if action == "reopen" and not reason:
            raise StoreError([Problem.of("reason_needed")])
        if len(reason) > cycle.MAX_TEXT:
            raise StoreError([cycle.too_long("reason", cycle.MAX_TEXT)])

        def write(session: Session) -> None:
            row = session.scalars(select(Round).where(Round.period == period.key).with_for_update()).one_or_none()
            wanted = "open" if action == "close" else "closed"
            if row is None:
                raise StoreError([Problem.of("no_round", period=period.key)])
            if row.state != wanted:
                raise StoreError([Problem.of(f"round_{row.state}_already", period=period.key)])
            before = _round_json(row)
            now = _now()
            if action == "close":
                row.state, row.closed_by, row.closed_at = "closed", coordinator.name, now
            else:
                row.state = "open"
            self._log_round(session, coordinator, action, before, row, now, reason)

        self._retrying(write)

    def _log_round(
        self,
        session: Session,
        person: Person,
        action: str,
        before: dict[str, Any] | None,
        row: Round,
        now: dt.datetime,
        comment: str = "",
    ) -> None:
        session.add(
            AuditEntry(
                at=now,
                who=person.name,
                action=action,
                entity="round",
                entity_key=row.period,
                before_json=json.dumps(before, ensure_ascii=False),
                after_json=json.dumps(_round_json(row), ensure_ascii=False),
                batch=uuid.uuid4().hex,
                comment=comment,
            )
        )

    # ── manual status ──────────────────────────────────────────────────────

    def set_manual_status(
        self, plan: Plan, coordinator: Person, indicator_id: str, year: int, status: str, reason: str
    ) -> None:
        """The coordinator's status of an indicator for a year, with the reason (required); shown beside
        the computed status, never instead of it. ``status=""`` clears it (the reason is still required)."""
        coordinator = require_coordinator(coordinator)
        reason = reason.strip()
        problems = []
        if indicator_id not in set(plan.indicators["id"]):
            problems.append(Problem.of("unknown_indicator", indicator=indicator_id))
        if year not in YEARS:
            problems.append(Problem.of("year_range", year=str(year)))
        if status and status not in progress.STATUSES:
            problems.append(Problem.of("unknown_status", status=status))
        if not reason:
            problems.append(Problem.of("reason_needed"))
        problems += _text_problems({"reason": reason}, cycle.MAX_TEXT)
        if problems:
            raise StoreError(problems)

        def write(session: Session) -> None:
            frozen = _round_problems(_rounds_by_period(session), Period(year), need_round=False)
            if frozen:
                raise StoreError(frozen)
            row = session.scalars(
                select(ManualStatus)
                .where(ManualStatus.indicator_id == indicator_id, ManualStatus.year == year)
                .with_for_update()
            ).one_or_none()
            before = _manual_json(row)
            now = _now()
            if not status:
                if row is None:
                    return
                session.delete(row)
                after = None
            else:
                if row is None:
                    row = ManualStatus(indicator_id=indicator_id, year=year)
                    session.add(row)
                row.status, row.reason, row.set_by, row.set_at = status, reason, coordinator.name, now
                after = _manual_json(row)
            session.add(
                AuditEntry(
                    at=now,
                    who=coordinator.name,
                    action="set" if status else "clear",
                    entity="manual_status",
                    entity_key=f"{indicator_id}:{year}",
                    before_json=json.dumps(before, ensure_ascii=False),
                    after_json=json.dumps(after, ensure_ascii=False),
                    batch=uuid.uuid4().hex,
                    comment=reason,
                )
            )

        self._retrying(write)

    # ── undo ───────────────────────────────────────────────────────────────

    def undo_last(self, plan: Plan, person: Person) -> UndoResult:
        """Take back the person's latest batch of their own writes (a whole import counts as one) as new log
        entries: a submission they drafted or submitted and nobody reviewed since goes back to what it was
        (a new one is withdrawn: rows are never deleted); a scenario or a point they saved gets its earlier
        state. Only what still holds what that batch wrote is restored; the rest is skipped and said so.
        Reviews (approve, send back) and rounds are not undone: a coordinator reverses them by a new review."""
        person = require_person(person)
        undoable = ("draft", "edit", "amend", "submit", "save", "delete", "correct")
        batch_id = uuid.uuid4().hex

        def write(session: Session) -> UndoResult:
            undone = {
                json.loads(b)["undoes"]
                for b in session.scalars(
                    select(AuditEntry.after_json).where(
                        AuditEntry.action == "undo_marker", AuditEntry.who == person.name
                    )
                )
            }
            latest = session.scalars(
                select(AuditEntry.batch)
                .where(
                    AuditEntry.who == person.name,
                    AuditEntry.action.in_(undoable),
                    AuditEntry.entity.in_(["submission", "scenario", "project_point"]),
                    AuditEntry.batch.not_in(undone) if undone else true(),
                )
                .order_by(AuditEntry.id.desc())
                .limit(1)
            ).first()
            if latest is None:
                return UndoResult()
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.batch == latest).order_by(AuditEntry.id.desc())
            ).all()
            result = UndoResult(latest)
            now = _now()
            for entry in entries:
                skipped = self._undo_entry(session, person, entry, batch_id, now)
                if skipped is None:
                    result.restored += 1
                else:
                    result.skipped.append(skipped)
            session.add(
                AuditEntry(
                    at=now,
                    who=person.name,
                    action="undo_marker",
                    entity="batch",
                    entity_key=latest,
                    after_json=json.dumps({"undoes": latest}),
                    batch=batch_id,
                )
            )
            return result

        return self._retrying(write)

    def _undo_entry(
        self, session: Session, person: Person, entry: AuditEntry, batch_id: str, now: dt.datetime
    ) -> Problem | None:
        before, after = json.loads(entry.before_json), json.loads(entry.after_json)
        where = entry.entity_key
        if entry.entity == "submission":
            row = session.get(Submission, after["id"], with_for_update=True)
            if row is None or _snapshot(row) != after:
                return Problem.of("undo_changed_since", where=where)
            snapshot = _snapshot(row)
            if before is None:
                row.state = "withdrawn"
            else:
                row.state = before["state"]
                row.payload_json = json.dumps(before["payload"], ensure_ascii=False)
                if before["state"] != "submitted":
                    row.submitted_by, row.submitted_at = "", None
            row.updated_by, row.updated_at = person.name, now
            self._log(session, person, "undo", row, snapshot, batch_id, "", now)
            return None
        if entry.entity == "scenario":
            current = session.scalars(
                select(Scenario).where(Scenario.name == entry.entity_key).with_for_update()
            ).one_or_none()
            holds = (
                (current is None)
                if entry.action == "delete"
                else (current is not None and json.loads(current.moves_json) == after)
            )
            if not holds:
                return Problem.of("undo_changed_since", where=where)
            self._put_scenario(session, person, entry.entity_key, before, "", now, "undo", batch_id)
            return None
        if entry.entity == "project_point":
            point = session.get(ProjectPoint, entry.entity_key, with_for_update=True)
            if _point_json(point) != after:
                return Problem.of("undo_changed_since", where=where)
            self._put_point(session, person, entry.entity_key, before, now, "undo", batch_id)
            return None
        return Problem.of("undo_not_possible", where=where)

    # ── scenarios ──────────────────────────────────────────────────────────

    def save_scenario(self, plan: Plan, person: Person, name: str, moves: list[dict[str, Any]], note: str = "") -> None:
        """Create or replace the scenario ``name``; every move is checked as the What-if page would apply it."""
        person = require_person(person)
        name = name.strip()
        problems = []
        if not name or len(name) > 120:
            problems.append(Problem.of("scenario_name"))
        problems += _text_problems({"note": note}, MAX_NOTE)
        problems += _moves_problems(plan, moves, execution.executed_amounts(self.check_context("financing")))
        if problems:
            raise StoreError(problems)
        batch_id = uuid.uuid4().hex
        self._retrying(lambda session: self._put_scenario(session, person, name, moves, note, _now(), "save", batch_id))

    def _put_scenario(
        self,
        session: Session,
        person: Person,
        name: str,
        moves: list[dict[str, Any]] | None,
        note: str,
        now: dt.datetime,
        action: str,
        batch_id: str,
    ) -> None:
        current = session.scalars(select(Scenario).where(Scenario.name == name).with_for_update()).one_or_none()
        before = json.loads(current.moves_json) if current else None
        if moves is None:
            if current is not None:
                session.delete(current)
        else:
            if current is None:
                current = Scenario(name=name, created_by=person.name, created_at=now)
                session.add(current)
            current.moves_json = json.dumps(moves, ensure_ascii=False)
            current.note = note
            current.updated_by, current.updated_at = person.name, now
        session.add(
            AuditEntry(
                at=now,
                who=person.name,
                action=action,
                entity="scenario",
                entity_key=name,
                before_json=json.dumps(before, ensure_ascii=False),
                after_json=json.dumps(moves, ensure_ascii=False),
                batch=batch_id,
            )
        )

    def delete_scenario(self, person: Person, name: str) -> bool:
        person = require_person(person)

        def write(session: Session) -> bool:
            current = session.scalars(select(Scenario).where(Scenario.name == name).with_for_update()).one_or_none()
            if current is None:
                return False
            self._put_scenario(session, person, name, None, "", _now(), "delete", uuid.uuid4().hex)
            return True

        return bool(self._retrying(write))

    def scenarios(self) -> pd.DataFrame:
        with Session(self.engine) as session:
            records = [
                {
                    "name": r.name,
                    "moves": json.loads(r.moves_json),
                    "note": r.note,
                    "created_by": r.created_by,
                    "created_at": _utc(r.created_at),
                    "updated_by": r.updated_by,
                    "updated_at": _utc(r.updated_at),
                }
                for r in session.scalars(select(Scenario).order_by(Scenario.name)).all()
            ]
        return pd.DataFrame(
            records, columns=["name", "moves", "note", "created_by", "created_at", "updated_by", "updated_at"]
        )

    # ── project points ─────────────────────────────────────────────────────

    def correct_point(self, plan: Plan, person: Person, correction: Correction) -> None:
        """Store where a project really is (the plan's own point is kept as published)."""
        person = require_person(person)
        problems = []
        if correction.project_id not in set(plan.projects["id"]):
            problems.append(Problem.of("unknown_project", project=correction.project_id))
        if not all(math.isfinite(v) for v in (correction.lat, correction.lon)) or not (
            -90 <= correction.lat <= 90 and -180 <= correction.lon <= 180
        ):
            problems.append(Problem.of("coordinates"))
        if correction.precision not in PRECISIONS:
            problems.append(Problem.of("precision"))
        problems += _text_problems({"note": correction.note}, MAX_NOTE)
        if problems:
            raise StoreError(problems)
        state = {
            "project_id": correction.project_id,
            "lat": correction.lat,
            "lon": correction.lon,
            "precision": correction.precision,
            "note": correction.note,
            "corrected_by": person.name,
        }
        batch_id = uuid.uuid4().hex
        self._retrying(
            lambda session: self._put_point(session, person, correction.project_id, state, _now(), "correct", batch_id)
        )

    def _put_point(
        self,
        session: Session,
        person: Person,
        project_id: str,
        state: dict[str, Any] | None,
        now: dt.datetime,
        action: str,
        batch_id: str,
    ) -> None:
        current = session.get(ProjectPoint, project_id, with_for_update=True)
        before = _point_json(current)
        if state is None:
            if current is not None:
                session.delete(current)
        else:
            if current is None:
                current = ProjectPoint(project_id=project_id)
                session.add(current)
            current.lat, current.lon = float(state["lat"]), float(state["lon"])
            current.precision, current.note = str(state["precision"]), str(state["note"])
            current.corrected_by, current.corrected_at = str(state["corrected_by"]), now
        session.flush()
        session.add(
            AuditEntry(
                at=now,
                who=person.name,
                action=action,
                entity="project_point",
                entity_key=project_id,
                before_json=json.dumps(before, ensure_ascii=False),
                after_json=json.dumps(_point_json(current) if state is not None else None, ensure_ascii=False),
                batch=batch_id,
            )
        )

    def project_points(self) -> pd.DataFrame:
        with Session(self.engine) as session:
            rows = session.scalars(select(ProjectPoint).order_by(ProjectPoint.project_id)).all()
            records = [{**(_point_json(r) or {}), "corrected_at": _utc(r.corrected_at)} for r in rows]
        return pd.DataFrame(
            records, columns=["project_id", "lat", "lon", "precision", "note", "corrected_by", "corrected_at"]
        )

    # ── plan editions ──────────────────────────────────────────────────────

    def plan_revision(self) -> int:
        """Grows with every change to the editions or the indicator reviews: the cache key of the plan in force."""
        with Session(self.engine) as session:
            found = session.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.entity.in_(PLAN_ENTITIES)))
            return int(found or 0)

    def plan_in_force(self, published: Plan | None = None) -> Plan:
        """The plan every screen, export and report judges by (``zhez.editions.plan_in_force``): the published
        plan (``load_plan()`` when not given) with the editions in force and the coordinators' reviews."""
        published = published if published is not None else load_plan()
        with Session(self.engine) as session:
            stored = self._editions(session, published.document_id)
            reviews = self._reviews(session, published.document_id)
        return plan_editions.plan_in_force(published, stored, reviews)

    def editions(self, plan_id: str, *, include_withdrawn: bool = False) -> list[plan_editions.Edition]:
        """The editions loaded for the plan ``plan_id`` (``Plan.document_id``), in the order they were loaded."""
        with Session(self.engine) as session:
            return self._editions(session, plan_id, include_withdrawn=include_withdrawn)

    def indicator_reviews(self, plan_id: str) -> pd.DataFrame:
        """The coordinators' reviews of indicators of the plan ``plan_id`` (``plan_editions.REVIEW_COLUMNS``)."""
        with Session(self.engine) as session:
            return self._reviews(session, plan_id)

    def _editions(self, session: Session, plan_id: str, include_withdrawn: bool = False) -> list[plan_editions.Edition]:
        query = select(PlanEdition).where(PlanEdition.plan_id == plan_id).order_by(PlanEdition.id)
        if not include_withdrawn:
            query = query.where(PlanEdition.state == "in_force")
        return [_edition(row) for row in session.scalars(query).all()]

    def _reviews(self, session: Session, plan_id: str) -> pd.DataFrame:
        rows = session.scalars(
            select(IndicatorReview).where(IndicatorReview.plan_id == plan_id).order_by(IndicatorReview.indicator_id)
        ).all()
        records = [{**(_review_json(r) or {}), "set_at": _utc(r.set_at)} for r in rows]
        return pd.DataFrame(records, columns=plan_editions.REVIEW_COLUMNS)

    def edition_states(self, plan_id: str) -> pd.DataFrame:
        """Every edition loaded for the plan, withdrawn ones too: number, name, basis, effective_year, state,
        source_file, loaded_by, loaded_at, withdrawn_by, withdrawn_at, withdraw_reason."""
        columns = [
            "number", "name", "basis", "effective_year", "state", "source_file", "loaded_by", "loaded_at",
            "withdrawn_by", "withdrawn_at", "withdraw_reason",
        ]  # fmt: skip
        with Session(self.engine) as session:
            rows = session.scalars(
                select(PlanEdition).where(PlanEdition.plan_id == plan_id).order_by(PlanEdition.id)
            ).all()
            records = [
                {
                    "number": r.id,
                    "name": r.name,
                    "basis": r.basis,
                    "effective_year": r.effective_year,
                    "state": r.state,
                    "source_file": r.source_file,
                    "loaded_by": r.loaded_by,
                    "loaded_at": _utc(r.loaded_at),
                    "withdrawn_by": r.withdrawn_by,
                    "withdrawn_at": _utc(r.withdrawn_at),
                    "withdraw_reason": r.withdraw_reason,
                }
                for r in rows
            ]
        return pd.DataFrame(records, columns=columns)

    def import_edition(
        self,
        coordinator: Person,
        published: Plan,
        section: Section4,
        *,
        name: str,
        basis: str = "",
        effective_year: int,
        source_file: str = "",
        source_sha256: str = "",
    ) -> plan_editions.Edition:
        """Store an amended edition of ``published`` (a coordinator only), its indicators matched against the
        plan in force (``zhez.editions``), in one transaction: all of it, or — when anything is refused
        (``StoreError``, or ``SourceError`` for a financing line the plan does not have) — nothing."""
        coordinator = require_coordinator(coordinator)
        name, basis = name.strip(), basis.strip()
        problems = []
        if not name or len(name) > 200:
            problems.append(Problem.of("edition_name"))
        if len(basis) > cycle.MAX_TEXT:
            problems.append(cycle.too_long("basis", cycle.MAX_TEXT))
        if effective_year not in PLAN_YEARS:
            problems.append(
                Problem.of(
                    "effective_year", year=str(effective_year), first=str(PLAN_YEARS[0]), last=str(PLAN_YEARS[-1])
                )
            )
        if problems:
            raise StoreError(problems)
        plan_id = published.document_id

        def write(session: Session) -> plan_editions.Edition:
            if not self.is_sqlite:  # matching reads the editions before this one: one import at a time
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_EDITIONS_LOCK})
            current = self._editions(session, plan_id)
            if any(e.name == name for e in current):
                raise StoreError([Problem.of("edition_name_taken", name=name)])
            same_file = session.scalars(
                select(PlanEdition).where(
                    PlanEdition.plan_id == plan_id,
                    PlanEdition.state == "in_force",
                    PlanEdition.source_sha256 == source_sha256,
                    PlanEdition.source_sha256 != "",
                )
            ).first()
            if same_file is not None:
                raise StoreError([Problem.of("edition_file_loaded", name=same_file.name)])
            now = _now()
            row = PlanEdition(
                plan_id=plan_id,
                name=name,
                basis=basis,
                effective_year=effective_year,
                state="in_force",
                source_file=source_file[:255],
                source_sha256=source_sha256,
                tables_json="{}",
                matching_json="[]",
                loaded_by=coordinator.name,
                loaded_at=now,
            )
            session.add(row)
            session.flush()  # the number, which new indicators' ids carry
            known = plan_editions.plan_in_force(published, current, self._reviews(session, plan_id))
            tables, matching = plan_editions.match(section, known, row.id)
            row.tables_json = json.dumps(plan_editions.tables_json(tables), ensure_ascii=False)
            row.matching_json = json.dumps(matching.to_dict("records"), ensure_ascii=False)
            counts = {how: int((matching["match"] == how).sum()) for how in plan_editions.MATCHES}
            dropped = sorted(set(known.indicators["id"]) - set(tables["indicators"]["id"]))
            session.add(
                AuditEntry(
                    at=now,
                    who=coordinator.name,
                    action="import",
                    entity="edition",
                    entity_key=f"{plan_id}:{row.id}",
                    after_json=json.dumps(
                        {
                            "number": row.id,
                            "name": name,
                            "basis": basis,
                            "effective_year": effective_year,
                            "source_sha256": source_sha256,
                            "matched": counts,
                            "not_in_edition": dropped,
                        },
                        ensure_ascii=False,
                    ),
                    batch=uuid.uuid4().hex,
                    source_file=source_file[:255],
                )
            )
            session.flush()
            return _edition(row)

        return self._retrying(write)

    def withdraw_edition(self, coordinator: Person, published: Plan, number: int, reason: str) -> None:
        """Take an edition out of force (kept, with who, when and why). Refused while an indicator only it
        brought in has reports: they would no longer be shown."""
        coordinator = require_coordinator(coordinator)
        reason = reason.strip()
        if not reason:
            raise StoreError([Problem.of("reason_needed")])
        if len(reason) > cycle.MAX_TEXT:
            raise StoreError([cycle.too_long("reason", cycle.MAX_TEXT)])
        plan_id = published.document_id

        def write(session: Session) -> None:
            row = session.get(PlanEdition, number, with_for_update=True)
            if row is None or row.plan_id != plan_id or row.state != "in_force":
                raise StoreError([Problem.of("unknown_edition", edition=str(number))])
            others = [e for e in self._editions(session, plan_id) if e.number != number]
            remaining = plan_editions.plan_in_force(published, others, self._reviews(session, plan_id)).indicators
            own = set(_edition(row).tables["indicators"]["id"]) - set(remaining["id"])
            reported = session.scalars(
                select(Submission.subject_id).where(Submission.kind == "indicator", Submission.subject_id.in_(own))
            ).first()
            if reported is not None:
                raise StoreError([Problem.of("edition_has_reports", indicator=str(reported))])
            before = {"state": row.state}
            now = _now()
            row.state, row.withdrawn_by, row.withdrawn_at, row.withdraw_reason = (
                "withdrawn",
                coordinator.name,
                now,
                reason,
            )
            session.add(
                AuditEntry(
                    at=now,
                    who=coordinator.name,
                    action="withdraw",
                    entity="edition",
                    entity_key=f"{plan_id}:{number}",
                    before_json=json.dumps(before),
                    after_json=json.dumps({"state": "withdrawn"}),
                    batch=uuid.uuid4().hex,
                    comment=reason,
                )
            )

        self._retrying(write)

    def review_indicator(
        self,
        coordinator: Person,
        plan: Plan,
        indicator_id: str,
        *,
        desired: str = "",
        measure: str = "",
        name_ru: str = "",
        name_en: str = "",
        unit_ru: str = "",
        unit_en: str = "",
    ) -> None:
        """A coordinator's review of an indicator an edition brought in (``plan``: the plan in force): the
        desired direction it is rated by (required while it needs review), what it measures and its names in
        Russian and English. Only indicators without a reviewed direction or translation; logged."""
        coordinator = require_coordinator(coordinator)
        given = {
            "desired": desired.strip(),
            "measure": measure.strip(),
            "name_ru": name_ru.strip(),
            "name_en": name_en.strip(),
            "unit_ru": unit_ru.strip(),
            "unit_en": unit_en.strip(),
        }
        try:
            row = plan.indicator(indicator_id)
        except KeyError:
            raise StoreError([Problem.of("unknown_indicator", indicator=indicator_id)]) from None
        problems = []
        if not (bool(row["needs_review"]) or bool(row["untranslated"])):
            problems.append(Problem.of("indicator_reviewed_already", indicator=str(row["code"] or indicator_id)))
        if given["desired"] and given["desired"] not in [d for d in DESIRED if d != "unknown"]:
            problems.append(Problem.of("unknown_desired", desired=given["desired"]))
        if bool(row["needs_review"]) and not given["desired"]:
            problems.append(Problem.of("desired_needed"))
        if given["measure"] and given["measure"] not in MEASURES:
            problems.append(Problem.of("unknown_measure", measure=given["measure"]))
        if not any(given.values()):
            problems.append(Problem.of("nothing_to_review"))
        problems += _text_problems({k: v for k, v in given.items() if k.startswith(("name_", "unit_"))}, cycle.MAX_TEXT)
        if problems:
            raise StoreError(problems)
        plan_id = plan.document_id

        def write(session: Session) -> None:
            current = session.get(IndicatorReview, (plan_id, indicator_id), with_for_update=True)
            before = _review_json(current)
            if current is None:
                current = IndicatorReview(plan_id=plan_id, indicator_id=indicator_id)
                session.add(current)
            for name, value in given.items():  # what is left empty keeps what an earlier review set
                if value or getattr(current, name, None) is None:
                    setattr(current, name, value)
            current.set_by, current.set_at = coordinator.name, _now()
            session.flush()
            session.add(
                AuditEntry(
                    at=current.set_at,
                    who=coordinator.name,
                    action="review",
                    entity="indicator_review",
                    entity_key=f"{plan_id}:{indicator_id}",
                    before_json=json.dumps(before, ensure_ascii=False),
                    after_json=json.dumps(_review_json(current), ensure_ascii=False),
                    batch=uuid.uuid4().hex,
                )
            )

        self._retrying(write)

    # ── transactions ───────────────────────────────────────────────────────

    def _retrying(self, work: Callable[[Session], Any], attempts: int = 5) -> Any:
        """Run ``work`` in one transaction; retry when a concurrent writer won a race."""
        for attempt in range(attempts):
            try:
                with Session(self._writer) as session, session.begin():
                    return work(session)
            except (IntegrityError, OperationalError):
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def _retrying_connection(self, work: Callable[[Connection], Any], attempts: int = 5) -> Any:
        for attempt in range(attempts):
            try:
                with self._writer.connect() as connection, connection.begin():
                    return work(connection)
            except (IntegrityError, OperationalError):
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")


# ── helpers ────────────────────────────────────────────────────────────────


def actuals_of(view: pd.DataFrame) -> pd.DataFrame:
    """Full-year indicator values of ``in_view`` rows, in the layout ``progress.assess`` takes."""
    view = view[view["half"].isna() & view["value"].notna()] if not view.empty else view
    frame = pd.DataFrame(
        {
            "indicator_id": view["subject_id"],
            "year": view["year"],
            "kind": "actual",
            "value": view["value"],
            "raw": [repr(float(v)) for v in view["value"]],
            "note": view["note"],
            "recorded_by": [s or c for s, c in zip(view["submitted_by"], view["created_by"], strict=True)],
            "recorded_at": [
                s if s is not None else c for s, c in zip(view["submitted_at"], view["created_at"], strict=True)
            ],
            "source_file": view["source_file"],
            "approval": view["approval"],
            "approved_by": view["reviewed_by"].where(view["approval"] == "approved", ""),
            "approved_at": view["reviewed_at"].where(view["approval"] == "approved", None),
            "submission_id": view["id"],
        },
        columns=ACTUAL_COLUMNS,
    ).reset_index(drop=True)
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def alembic_config(connection: Connection) -> Any:
    """Alembic's configuration, in code: our steps, run on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every revision this app knows, oldest first."""
    script = ScriptDirectory(str(MIGRATIONS))
    return [s.revision for s in reversed(list(script.walk_revisions()))]


CONTEXT_COLUMNS = ["id", "kind", "subject_id", "period", "payload"]


def empty_context(kind: str) -> pd.DataFrame:
    """``Store.check_context(kind)`` of an empty store (nothing approved yet)."""
    if kind == "indicator":
        return pd.DataFrame(columns=progress.ACTUAL_COLUMNS).astype({"value": "float64"})
    return pd.DataFrame(columns=CONTEXT_COLUMNS)


class _PerKind(dict[str, pd.DataFrame]):
    """A write's check contexts, each read once, when a kind in the batch first needs it."""

    def __init__(self, read: Callable[[str], pd.DataFrame]) -> None:
        super().__init__()
        self._read = read

    def __missing__(self, kind: str) -> pd.DataFrame:
        self[kind] = self._read(kind)
        return self[kind]


def _scope_problems(person: Person, body: str) -> list[Problem]:
    if person.answers_for(body):
        return []
    if not body:
        return [Problem.of("no_body_coordinator")]
    return [Problem.of("out_of_scope", body=body, bodies=", ".join(sorted(person.bodies)) or "—")]


def _round_problems(rounds: dict[str, Round], period: Period, need_round: bool = True) -> list[Problem]:
    row = rounds.get(period.key)
    if row is None:
        return [Problem.of("no_open_round", period=period.key)] if need_round else []
    if row.state != "open":
        return [Problem.of("round_closed", period=period.key)]
    return []


def _rounds_by_period(session: Session) -> dict[str, Round]:
    return {r.period: r for r in session.scalars(select(Round)).all()}


def _text_problems(texts: dict[str, str], limit: int) -> list[Problem]:
    return [cycle.too_long(k, limit) for k, v in texts.items() if len(v) > limit]


def _moves_problems(plan: Plan, moves: object, executed: dict[tuple[str, int], float] | None = None) -> list[Problem]:
    if not isinstance(moves, list) or len(moves) > 200:
        return [Problem.of("scenario_moves")]
    try:
        parsed = [budget.Move.from_dict(m) for m in moves]
    except (KeyError, TypeError, ValueError, AttributeError):
        return [Problem.of("scenario_moves")]
    try:
        budget.deltas(budget.Financing(plan, executed), parsed)
    except budget.BudgetError as error:
        return [Problem(f"budget.{error.key}", tuple(error.params.items()), f"#{error.index + 1}")]
    return []


def _snapshot(row: Submission) -> dict[str, Any]:
    """What the log keeps of a version, before and after a change."""
    return {
        "id": row.id,
        "kind": row.kind,
        "subject_id": row.subject_id,
        "period": row.period,
        "version": row.version,
        "state": row.state,
        "payload": json.loads(row.payload_json),
        "review_comment": row.review_comment,
    }


def _report_record(row: Submission) -> dict[str, Any]:
    payload = json.loads(row.payload_json)
    return {
        "id": row.id,
        "kind": row.kind,
        "subject_id": row.subject_id,
        "period": row.period,
        "year": row.year,
        "half": row.half,
        "version": row.version,
        "state": row.state,
        **{name: payload.get(name, None if name == "value" else "") for name in cycle.IndicatorReport.FIELDS},
        "payload": payload,
        "created_by": row.created_by,
        "created_at": _utc(row.created_at),
        "updated_by": row.updated_by,
        "updated_at": _utc(row.updated_at),
        "submitted_by": row.submitted_by,
        "submitted_at": _utc(row.submitted_at),
        "reviewed_by": row.reviewed_by,
        "reviewed_at": _utc(row.reviewed_at),
        "review_comment": row.review_comment,
        "batch": row.batch,
        "source_file": row.source_file,
    }


def _round_json(row: Round) -> dict[str, Any]:
    return {"period": row.period, "due": row.due.isoformat(), "state": row.state, "note": row.note}


def _manual_json(row: ManualStatus | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"status": row.status, "reason": row.reason, "set_by": row.set_by}


def _point_json(row: ProjectPoint | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "project_id": row.project_id,
        "lat": row.lat,
        "lon": row.lon,
        "precision": row.precision,
        "note": row.note,
        "corrected_by": row.corrected_by,
    }


def _edition(row: PlanEdition) -> plan_editions.Edition:
    return plan_editions.Edition(
        number=row.id,
        name=row.name,
        basis=row.basis,
        effective_year=row.effective_year,
        source_file=row.source_file,
        loaded_by=row.loaded_by,
        loaded_at=_utc(row.loaded_at),
        tables=plan_editions.tables_from_json(json.loads(row.tables_json)),
        matching=pd.DataFrame(json.loads(row.matching_json), columns=plan_editions.MATCH_COLUMNS),
        state=row.state,
    )


def _review_json(row: IndicatorReview | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "indicator_id": row.indicator_id,
        **{name: getattr(row, name) or "" for name in plan_editions.REVIEW_FIELDS},
        "set_by": row.set_by,
    }


def _serialise_sqlite_writes(engine: Engine) -> None:
    """SQLite: WAL for readers beside a writer, and ``BEGIN IMMEDIATE`` so writers queue, never interleave."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin() below decide
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


__all__ = [
    "SCHEMA_VERSION",
    "UPGRADE_BATCH",
    "AuthError",
    "Correction",
    "Entry",
    "Outcome",
    "Period",
    "Store",
    "StoreError",
    "StoreTooNew",
    "UndoResult",
]
