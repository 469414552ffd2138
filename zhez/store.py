"""What people add beside the published plan: recorded actuals, saved scenarios, corrected map points.

SQLAlchemy 2 over SQLite by default (``data/local/zhez.sqlite``, created on first use)
or PostgreSQL for a shared deployment (``ZHEZ_DATABASE_URL``). The plan in
``data/plan/`` is never written. Every write is one transaction, checks that it comes
from an editor, and appends to the audit log what changed (before → after), who and when.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from zhez.actuals import ActualChange, Problem, check, check_note
from zhez.auth import Editor, require_editor
from zhez.plan import PRECISIONS, ROOT, Plan

SCHEMA_VERSION = 1
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'local' / 'zhez.sqlite'}"


class StoreError(ValueError):
    """A write refused before anything was stored (the message lists each problem)."""

    def __init__(self, problems: Sequence[Any]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class Base(DeclarativeBase):
    pass


class ActualValue(Base):
    """The current recorded actual of an indicator for a year (history lives in the audit log)."""

    __tablename__ = "actual_values"
    __table_args__ = (UniqueConstraint("indicator_id", "year", name="uq_actual_indicator_year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(20), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    source_file: Mapped[str] = mapped_column(String(255), default="")


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
    """An editor's correction of where a project is, kept beside the plan's point."""

    __tablename__ = "project_points"
    project_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Append-only: every change, with what it was before and after, who and when."""

    __tablename__ = "audit_log"
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


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)


def database_url(explicit: str | None = None) -> str:
    """``explicit``, else ``ZHEZ_DATABASE_URL``, else the SQLite file under ``data/local/``."""
    return explicit or os.environ.get("ZHEZ_DATABASE_URL") or DEFAULT_URL


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Correction:
    """A corrected project location."""

    project_id: str
    lat: float
    lon: float
    precision: str
    note: str = ""


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

    def migrate(self) -> None:
        """Create the tables on first use; record the schema version (refusing a newer database)."""
        Base.metadata.create_all(self.engine)
        with Session(self.engine) as session, session.begin():
            current = session.scalar(select(func.max(SchemaVersion.version)))
            if current is None:
                session.add(SchemaVersion(version=SCHEMA_VERSION))
            elif current > SCHEMA_VERSION:
                raise RuntimeError(f"the database has schema {current}, this app knows {SCHEMA_VERSION}")

    def dispose(self) -> None:
        self.engine.dispose()

    # ── reading ────────────────────────────────────────────────────────────

    def revision(self) -> int:
        """Grows with every change: a cheap cache key for what the store holds."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.max(AuditEntry.id))) or 0)

    def actuals(self) -> pd.DataFrame:
        """Recorded actuals in the layout of ``plan.values`` (``kind == "actual"``), with who and when."""
        with Session(self.engine) as session:
            rows = session.scalars(select(ActualValue).order_by(ActualValue.indicator_id, ActualValue.year)).all()
            records = [
                {
                    "indicator_id": r.indicator_id,
                    "year": r.year,
                    "kind": "actual",
                    "value": r.value,
                    "raw": repr(r.value),
                    "note": r.note,
                    "recorded_by": r.recorded_by,
                    "recorded_at": _utc(r.recorded_at),
                    "source_file": r.source_file,
                }
                for r in rows
            ]
        columns = ["indicator_id", "year", "kind", "value", "raw", "note", "recorded_by", "recorded_at", "source_file"]
        frame = pd.DataFrame(records, columns=columns)
        frame["year"] = frame["year"].astype("int64")
        frame["value"] = frame["value"].astype("float64")
        return frame

    def history(self, entity: str | None = None, key_prefix: str | None = None, limit: int = 500) -> pd.DataFrame:
        """The audit log, newest first, optionally for one entity kind and key prefix (``i10:``)."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if key_prefix:
            query = query.where(AuditEntry.entity_key.startswith(key_prefix))
        with Session(self.engine) as session:
            rows = session.scalars(query).all()
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
                }
                for r in rows
            ]
        return pd.DataFrame(
            records,
            columns=["id", "at", "who", "action", "entity", "entity_key", "before", "after", "batch", "source_file"],
        )

    # ── writing actuals ────────────────────────────────────────────────────

    def record(
        self,
        plan: Plan,
        editor: Editor,
        changes: Iterable[ActualChange],
        *,
        source_file: str = "",
        action: str = "record",
    ) -> int:
        """Apply ``changes`` in one transaction (all or nothing); return how many changed a value.

        Every change is checked first; any problem refuses the whole batch with ``StoreError``
        and nothing is written. A change equal to what is stored is skipped.
        """
        editor = require_editor(editor)
        batch = list(changes)
        problems: list[tuple[str, int, Problem | str]] = []
        for change in batch:
            problems += [
                (change.indicator_id, change.year, p)
                for p in check(plan, change.indicator_id, change.year, change.value)
            ]
            problems += [(change.indicator_id, change.year, p) for p in check_note(change.note)]
        keys = [(c.indicator_id, c.year) for c in batch]
        if len(set(keys)) != len(keys):
            problems.append(("", 0, "duplicate"))
        if problems:
            raise StoreError(problems)
        return self._retrying(lambda session: self._write_actuals(session, editor, batch, source_file, action))

    def _write_actuals(
        self, session: Session, editor: Editor, batch: list[ActualChange], source_file: str, action: str
    ) -> int:
        batch_id = uuid.uuid4().hex
        now = _now()
        changed = 0
        for index, change in enumerate(batch):
            if self.before_each_row is not None:
                self.before_each_row(index)
            current = session.scalars(
                select(ActualValue)
                .where(ActualValue.indicator_id == change.indicator_id, ActualValue.year == change.year)
                .with_for_update()
            ).one_or_none()
            before = _actual_json(current)
            if change.value is None:
                if current is None:
                    continue
                session.delete(current)
                after = None
            else:
                if current is not None and current.value == change.value and current.note == change.note:
                    continue
                if current is None:
                    current = ActualValue(indicator_id=change.indicator_id, year=change.year)
                    session.add(current)
                current.value = float(change.value)
                current.note = change.note
                current.recorded_by = editor.name
                current.recorded_at = now
                current.source_file = source_file
                after = _actual_json(current)
            session.add(
                AuditEntry(
                    at=now,
                    who=editor.name,
                    action=action,
                    entity="actual",
                    entity_key=f"{change.indicator_id}:{change.year}",
                    before_json=json.dumps(before, ensure_ascii=False),
                    after_json=json.dumps(after, ensure_ascii=False),
                    batch=batch_id,
                    source_file=source_file,
                )
            )
            session.flush()
            changed += 1
        return changed

    def undo_last(self, plan: Plan, editor: Editor) -> int:
        """Undo the editor's latest change of actuals (a whole import counts as one), as a new entry.

        Returns how many values were restored; 0 when there is nothing of theirs to undo.
        """
        editor = require_editor(editor)
        with Session(self.engine) as session:
            undone = {
                json.loads(b)["undoes"]
                for b in session.scalars(
                    select(AuditEntry.after_json).where(
                        AuditEntry.action == "undo_marker", AuditEntry.who == editor.name
                    )
                )
            }
            entries = session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.who == editor.name,
                    AuditEntry.entity == "actual",
                    AuditEntry.action.in_(["record", "import"]),
                )
                .order_by(AuditEntry.id.desc())
            ).all()
            last_batch = next((e.batch for e in entries if e.batch not in undone), None)
            if last_batch is None:
                return 0
            restore = [
                ActualChange(
                    e.entity_key.split(":")[0],
                    int(e.entity_key.split(":")[1]),
                    (json.loads(e.before_json) or {}).get("value"),
                    (json.loads(e.before_json) or {}).get("note", ""),
                )
                for e in entries
                if e.batch == last_batch
            ]

        def write(session: Session) -> int:
            count = self._write_actuals(session, editor, restore, "", "undo")
            session.add(
                AuditEntry(
                    at=_now(),
                    who=editor.name,
                    action="undo_marker",
                    entity="actual",
                    entity_key="",
                    after_json=json.dumps({"undoes": last_batch}),
                    batch=uuid.uuid4().hex,
                )
            )
            return count

        return self._retrying(write)

    # ── scenarios ──────────────────────────────────────────────────────────

    def save_scenario(self, editor: Editor, name: str, moves: list[dict[str, Any]], note: str = "") -> None:
        """Create or replace the scenario ``name``."""
        editor = require_editor(editor)
        name = name.strip()
        if not name or len(name) > 120:
            raise StoreError(["scenario_name"])

        def write(session: Session) -> None:
            now = _now()
            current = session.scalars(select(Scenario).where(Scenario.name == name).with_for_update()).one_or_none()
            before = json.loads(current.moves_json) if current else None
            if current is None:
                current = Scenario(name=name, created_by=editor.name, created_at=now)
                session.add(current)
            current.moves_json = json.dumps(moves, ensure_ascii=False)
            current.note = note
            current.updated_by = editor.name
            current.updated_at = now
            session.add(
                AuditEntry(
                    at=now,
                    who=editor.name,
                    action="save",
                    entity="scenario",
                    entity_key=name,
                    before_json=json.dumps(before, ensure_ascii=False),
                    after_json=current.moves_json,
                    batch=uuid.uuid4().hex,
                )
            )

        self._retrying(write)

    def delete_scenario(self, editor: Editor, name: str) -> bool:
        editor = require_editor(editor)

        def write(session: Session) -> bool:
            current = session.scalars(select(Scenario).where(Scenario.name == name).with_for_update()).one_or_none()
            if current is None:
                return False
            session.add(
                AuditEntry(
                    at=_now(),
                    who=editor.name,
                    action="delete",
                    entity="scenario",
                    entity_key=name,
                    before_json=current.moves_json,
                    batch=uuid.uuid4().hex,
                )
            )
            session.delete(current)
            return True

        return bool(self._retrying(write))

    def scenarios(self) -> pd.DataFrame:
        with Session(self.engine) as session:
            rows = session.scalars(select(Scenario).order_by(Scenario.name)).all()
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
                for r in rows
            ]
        return pd.DataFrame(
            records, columns=["name", "moves", "note", "created_by", "created_at", "updated_by", "updated_at"]
        )

    # ── project points ─────────────────────────────────────────────────────

    def correct_point(self, editor: Editor, correction: Correction) -> None:
        """Store where a project really is (the plan's own point is kept as published)."""
        editor = require_editor(editor)
        problems = []
        if not (-90 <= correction.lat <= 90 and -180 <= correction.lon <= 180) or not all(
            math.isfinite(v) for v in (correction.lat, correction.lon)
        ):
            problems.append("coordinates")
        if correction.precision not in PRECISIONS:
            problems.append("precision")
        if problems:
            raise StoreError(problems)

        def write(session: Session) -> None:
            now = _now()
            current = session.get(ProjectPoint, correction.project_id, with_for_update=True)
            before = _point_json(current)
            if current is None:
                current = ProjectPoint(project_id=correction.project_id)
                session.add(current)
            current.lat, current.lon = correction.lat, correction.lon
            current.precision, current.note = correction.precision, correction.note
            current.corrected_by, current.corrected_at = editor.name, now
            session.add(
                AuditEntry(
                    at=now,
                    who=editor.name,
                    action="correct",
                    entity="project_point",
                    entity_key=correction.project_id,
                    before_json=json.dumps(before, ensure_ascii=False),
                    after_json=json.dumps(_point_json(current), ensure_ascii=False),
                    batch=uuid.uuid4().hex,
                )
            )

        self._retrying(write)

    def project_points(self) -> pd.DataFrame:
        with Session(self.engine) as session:
            rows = session.scalars(select(ProjectPoint).order_by(ProjectPoint.project_id)).all()
            records = [{**(_point_json(r) or {}), "corrected_at": _utc(r.corrected_at)} for r in rows]
        return pd.DataFrame(
            records, columns=["project_id", "lat", "lon", "precision", "note", "corrected_by", "corrected_at"]
        )

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


def _actual_json(row: ActualValue | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "value": row.value,
        "note": row.note,
        "recorded_by": row.recorded_by,
        "recorded_at": row.recorded_at.isoformat() if row.recorded_at else None,
        "source_file": row.source_file,
    }


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


def _serialise_sqlite_writes(engine: Engine) -> None:
    """SQLite: WAL for readers beside a writer, and ``BEGIN IMMEDIATE`` so writers queue, never interleave."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin() below decide
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
