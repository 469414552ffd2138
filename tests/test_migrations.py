"""Upgrades keep every row: a store written by the release before the cycle (schema 1) opens with its recorded
actuals as approved values of their recorder; a newer store is refused; two processes may start at once;
backups restore into an empty store of either backend with every table equal."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from zhez.backup import backup, dump_store, restore
from zhez.store import SCHEMA_VERSION, UPGRADE_BATCH, Store, StoreError, StoreTooNew, known_revisions

STORES = Path(__file__).resolve().parent / "data" / "stores"
SCHEMA1 = STORES / "schema1.sqlite"
SCHEMA1_TABLES = ("actual_values", "scenarios", "project_points", "audit_log", "schema_version")


def schema1_rows() -> dict[str, list[tuple]]:
    with sqlite3.connect(SCHEMA1) as connection:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in SCHEMA1_TABLES}


def load_schema1(url: str) -> None:
    """The schema-1 fixture's tables and rows, written into an empty database at ``url`` the way that release
    did (SQLAlchemy ``create_all`` of the same tables, so ids are serial), sequences past the rows."""
    import datetime as dt

    from sqlalchemy import DateTime, MetaData, Table, select

    source = create_engine(f"sqlite:///{SCHEMA1}")
    metadata = MetaData()
    tables = [Table(name, metadata, autoload_with=source) for name in SCHEMA1_TABLES]
    for table in tables:
        for column in table.columns:
            if isinstance(column.type, DateTime):
                column.type = DateTime(timezone=True)  # what the release declared (SQLite shows it as DATETIME)
    target = create_engine(url)
    metadata.create_all(target)
    with source.connect() as reading, target.begin() as writing:
        for table in tables:
            rows = [
                {k: v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) else v for k, v in r._mapping.items()}
                for r in reading.execute(select(table))
            ]
            if rows:
                writing.execute(table.insert(), rows)
            if "id" in table.columns:
                writing.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT MAX(id) FROM {table.name}))"
                    )
                )
    source.dispose()
    target.dispose()


@pytest.fixture
def schema1_url(request, tmp_path):
    """A schema-1 store on each backend: the committed SQLite file, and its tables loaded into PostgreSQL."""
    if request.param == "sqlite":
        copy = tmp_path / "schema1.sqlite"
        shutil.copyfile(SCHEMA1, copy)
        return f"sqlite:///{copy}"
    from pg_server import empty as empty_postgres

    url = request.getfixturevalue("postgres_url")
    empty_postgres(url)
    load_schema1(url)
    return url


@pytest.mark.parametrize("schema1_url", ["sqlite", "postgresql"], indirect=True)
def test_a_schema1_store_opens_with_every_row_kept(schema1_url):
    before = schema1_rows()
    store = Store(schema1_url)
    store.migrate()
    assert store.revision_of_schema() == known_revisions()[-1] == "0003"
    actuals = store.actuals()
    recorded = sorted((r[1], r[2], r[3], r[4], r[5], r[7]) for r in before["actual_values"])
    assert sorted(
        zip(actuals["indicator_id"], actuals["year"], actuals["value"], actuals["note"], actuals["recorded_by"], actuals["source_file"], strict=True)
    ) == recorded  # fmt: skip
    assert (actuals["approval"] == "approved").all()
    assert (actuals["approved_by"] == actuals["recorded_by"]).all()  # approved values of their recorder
    assert set(store.reports()["batch"]) == {UPGRADE_BATCH}
    log = store.history(limit=1000).sort_values("id")
    old_log = log[log["id"] <= len(before["audit_log"])]
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in before["audit_log"]] == list(
        zip(old_log["id"], old_log["who"], old_log["action"], old_log["entity"], old_log["entity_key"], strict=True)
    )
    migrated = log[log["action"] == "migrate"]
    assert len(migrated) == len(before["actual_values"])
    assert sorted(store.scenarios()["name"]) == sorted(r[1] for r in before["scenarios"])
    assert store.scenarios().set_index("name").loc["Мектеп 2028", "moves"][0]["amount_mln_kzt"] == 1000.0
    points = store.project_points()
    assert points[["project_id", "lat", "lon", "precision", "note", "corrected_by"]].values.tolist() == [
        list(before["project_points"][0][:6])
    ]
    store.migrate()  # again: nothing to do
    assert store.revision_of_schema() == "0003" and len(store.actuals()) == len(recorded)
    store.dispose()


def test_a_newer_store_is_refused_with_a_clear_message_and_left_as_it_was(store):
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    before = dump_store(store)["tables"]
    with pytest.raises(StoreTooNew, match="newer release"):
        store.migrate()
    assert dump_store(store)["tables"] == before


def test_a_store_with_a_higher_schema_number_is_refused(store):
    with store.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION + 1})"))
    with pytest.raises(StoreTooNew, match=f"schema {SCHEMA_VERSION + 1}"):
        store.migrate()


def test_the_release_before_refuses_this_store_by_its_schema_number(store):
    """What the schema-1 app checks: ``MAX(schema_version) > 1`` means refuse."""
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT MAX(version) FROM schema_version")).scalar() == SCHEMA_VERSION > 1


FIRST_START = """
import sys, time
from zhez.store import Store
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
store = Store(sys.argv[1])
store.migrate()
print(store.revision_of_schema(), flush=True)
"""


def test_two_processes_opening_a_new_store_at_once_both_succeed(store_url, root):
    import time

    start = time.time() + 3.0  # both past their imports, then racing for the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_START, store_url, str(start)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _out, err in results]
    assert [out.strip() for out, _err in results] == ["0003", "0003"]
    opened = Store(store_url)
    with opened.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM alembic_version")).scalar() == 1
        assert connection.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == 1
    opened.dispose()


# ── backups ────────────────────────────────────────────────────────────────


def filled(store, plan, editor, coordinator):
    from cycle_helpers import approve_values, open_round

    from zhez.cycle import Entry, IndicatorReport, Period
    from zhez.store import Correction

    approve_values(store, plan, [("i29", 2026, 98.5, "формула =1+1"), ("i10", 2026, 6.7)], editor=editor)
    open_round(store, Period(2027))
    store.save(plan, editor, [Entry("i29", Period(2027), IndicatorReport(None, no_data_reason="май"))])
    store.set_manual_status(plan, coordinator, "i10", 2026, "at_risk", "method changed")
    store.save_scenario(
        plan, editor, "Мектеп", [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 10.0}]
    )
    store.correct_point(plan, editor, Correction("p06", 47.8, 67.7, "site", "surveyed"))


def test_a_backup_restores_into_an_empty_store_with_every_table_equal(store, plan, editor, coordinator, tmp_path):
    filled(store, plan, editor, coordinator)
    kinds = ["backup.json.gz", "backup.sqlite"] if store.is_sqlite else ["backup.json.gz"]  # SQLite's own copy
    for name in kinds:
        rows = backup(store, tmp_path / name)
        assert rows > 10
        target = Store(f"sqlite:///{tmp_path / f'restored-from-{name}.sqlite'}")
        assert restore(target, tmp_path / name) == rows
        assert dump_store(target)["tables"] == dump_store(store)["tables"]
        target.dispose()


def test_a_backup_crosses_backends_both_ways(plan, editor, coordinator, tmp_path, postgres_url):
    from pg_server import empty as empty_postgres

    sqlite_store = Store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    sqlite_store.migrate()
    filled(sqlite_store, plan, editor, coordinator)
    backup(sqlite_store, tmp_path / "a.json.gz")
    empty_postgres(postgres_url)
    pg = Store(postgres_url)
    restore(pg, tmp_path / "a.json.gz")
    assert dump_store(pg)["tables"] == dump_store(sqlite_store)["tables"]
    pg.save_scenario(plan, editor, "after restore", [])  # the id sequences continue after the restored rows
    backup(pg, tmp_path / "b.json.gz")
    back = Store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    restore(back, tmp_path / "b.json.gz")
    assert dump_store(back)["tables"] == dump_store(pg)["tables"]
    for opened in (sqlite_store, pg, back):
        opened.dispose()


def test_restore_refuses_a_store_holding_data_and_a_file_that_is_no_backup(store, plan, editor, coordinator, tmp_path):
    filled(store, plan, editor, coordinator)
    backup(store, tmp_path / "b.json.gz")
    before = dump_store(store)["tables"]
    with pytest.raises(StoreError) as refused:
        restore(store, tmp_path / "b.json.gz")
    assert refused.value.keys == {"restore_not_empty"}
    (tmp_path / "junk").write_bytes(b"not a backup")
    with pytest.raises(StoreError) as refused:
        restore(store, tmp_path / "junk")
    assert refused.value.keys == {"backup_unreadable"}
    assert dump_store(store)["tables"] == before


def test_a_schema1_file_restores_as_an_upgraded_store(tmp_path):
    target = Store(f"sqlite:///{tmp_path / 'new.sqlite'}")
    restore(target, SCHEMA1)
    assert len(target.actuals()) == len(schema1_rows()["actual_values"])
    assert target.revision_of_schema() == "0003"
    target.dispose()


def test_the_cli_backs_up_and_restores(tmp_path, root, plan, editor, coordinator):
    source = tmp_path / "live.sqlite"
    live = Store(f"sqlite:///{source}")
    live.migrate()
    filled(live, plan, editor, coordinator)
    run = [sys.executable, "-m", "zhez", "--lang", "en"]
    done = subprocess.run([*run, "--database", f"sqlite:///{source}", "store", "backup", str(tmp_path / "b.json.gz")], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "Backup written" in done.stdout, done.stderr
    target = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    done = subprocess.run([*run, "--database", target, "store", "restore", str(tmp_path / "b.json.gz")], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "Restored" in done.stdout, done.stderr
    again = subprocess.run([*run, "--database", target, "store", "restore", str(tmp_path / "b.json.gz")], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 1 and "empty store" in again.stderr
    restored = Store(target)
    assert dump_store(restored)["tables"] == dump_store(live)["tables"]
    live.dispose()
    restored.dispose()
