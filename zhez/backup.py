"""Backups of the store, made while the app runs, restored into an empty store of either backend.

``backup(store, path)``: a consistent snapshot. To ``*.sqlite`` from a SQLite store it is SQLite's own
online backup (a file the app opens as it is); otherwise a portable dump — gzip'd JSON of every table
read in one snapshot transaction (PostgreSQL: ``REPEATABLE READ``), with the schema revision it was
made at. ``restore(store, path)`` takes either kind into an *empty* store: the schema is built to the
backup's revision, every row is loaded, then the schema is upgraded to this app's — so a backup made
by an older release restores too. A refused restore leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import Connection

from zhez.problems import Problem
from zhez.store import Store, StoreError, known_revisions

FORMAT = "zhez-store-backup"
SKIPPED = ("alembic_version", "schema_version")  # rebuilt by the migrations


def backup(store: Store, path: Path) -> int:
    """Write a snapshot of ``store`` to ``path``; returns how many rows it holds."""
    path = Path(path)
    if path.suffix == ".sqlite" and store.is_sqlite:
        raw = store.engine.raw_connection()
        try:
            target = sqlite3.connect(path)
            with target:
                raw.driver_connection.backup(target)  # type: ignore[union-attr]  # sqlite3's own connection: SQLite only here
            target.close()
        finally:
            raw.close()
        return sum(len(t["rows"]) for t in _sqlite_dump(path)["tables"].values())
    dump = dump_store(store)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(dump, handle, ensure_ascii=False)
    return sum(len(t["rows"]) for t in dump["tables"].values())


def dump_store(store: Store) -> dict[str, Any]:
    """Every table of ``store`` as plain JSON values, read in one snapshot."""
    engine = store.engine if store.is_sqlite else store.engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as connection, connection.begin():
        return _dump(connection)


def _dump(connection: Connection) -> dict[str, Any]:
    names = inspect(connection).get_table_names()
    revision = ""
    if "alembic_version" in names:
        revision = str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
    elif "schema_version" in names:
        revision = "0001"  # written before migrations
    metadata = MetaData()
    tables: dict[str, Any] = {}
    for name in sorted(n for n in names if n not in SKIPPED):
        table = Table(name, metadata, autoload_with=connection)
        columns = [c.name for c in table.columns]
        key = [c for c in table.primary_key.columns] or list(table.columns)
        rows = connection.execute(select(table).order_by(*key)).all()
        tables[name] = {"columns": columns, "rows": [[_plain(v) for v in row] for row in rows]}
    return {"format": FORMAT, "revision": revision, "made_at": dt.datetime.now(dt.UTC).isoformat(), "tables": tables}


def _sqlite_dump(path: Path) -> dict[str, Any]:
    source = Store(f"sqlite:///{path}")
    try:
        with source.engine.connect() as connection, connection.begin():
            return _dump(connection)
    finally:
        source.dispose()


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_backup(path: Path) -> dict[str, Any]:
    """The dump in ``path`` (a portable dump or a SQLite file); ``StoreError`` if it is neither."""
    path = Path(path)
    try:
        head = path.read_bytes()[:16]
    except OSError:
        raise StoreError([Problem.of("backup_unreadable")]) from None
    if head.startswith(b"SQLite format 3"):
        with tempfile.TemporaryDirectory() as folder:  # never touch the backup itself (WAL files, locks)
            copy = Path(folder) / "backup.sqlite"
            shutil.copyfile(path, copy)
            return _sqlite_dump(copy)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            dump = json.load(handle)
    except (OSError, ValueError, EOFError):
        raise StoreError([Problem.of("backup_unreadable")]) from None
    if not isinstance(dump, dict) or dump.get("format") != FORMAT:
        raise StoreError([Problem.of("backup_unreadable")])
    return dump


def restore(store: Store, path: Path) -> int:
    """Load the backup at ``path`` into ``store``, which must hold no data; returns how many rows were loaded."""
    dump = read_backup(path)
    revision = str(dump.get("revision") or "")
    if revision not in known_revisions():
        raise StoreError([Problem.of("backup_too_new", found=revision or "—")])

    def load(connection: Connection) -> int:
        inspector = inspect(connection)
        metadata = MetaData()
        existing = [Table(n, metadata, autoload_with=connection) for n in inspector.get_table_names()]
        if any(
            connection.execute(select(func.count()).select_from(t)).scalar() for t in existing if t.name not in SKIPPED
        ):
            raise StoreError([Problem.of("restore_not_empty")])
        metadata.drop_all(connection)
        store.upgrade_locked(connection, revision)
        loaded = _load_rows(connection, dump["tables"])
        store.upgrade_locked(connection, "head")
        return loaded

    return int(store.in_locked_transaction(load))


def _load_rows(connection: Connection, tables: dict[str, Any]) -> int:
    metadata = MetaData()
    present = set(inspect(connection).get_table_names())
    loaded = 0
    for name, content in tables.items():
        if name not in present:
            raise StoreError([Problem.of("backup_unreadable", where=name)])
        table = Table(name, metadata, autoload_with=connection)
        kinds = {c.name: c.type for c in table.columns}
        rows = [
            {column: _typed(value, kinds[column]) for column, value in zip(content["columns"], row, strict=True)}
            for row in content["rows"]
        ]
        if rows:
            connection.execute(table.insert(), rows)
            loaded += len(rows)
        if connection.dialect.name == "postgresql" and "id" in kinds and rows:
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))")
            )
    return loaded


def _typed(value: object, kind: object) -> object:
    if value is None:
        return None
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(value)[:10])
    return value
