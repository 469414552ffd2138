"""The store on SQLite and on a real PostgreSQL: whole writes only, a history of every change, editors only."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from zhez.actuals import ActualChange
from zhez.auth import AuthError, Editor, cli_editor
from zhez.store import Correction, Store, StoreError


def sixty(value: float = 20.0) -> list[ActualChange]:  # plausible for every indicator (i05: at most 23)
    return [ActualChange(f"i{n:02d}", 2026, value) for n in range(1, 60)] + [ActualChange("i59", 2027, value)]


def test_record_and_read_back_with_who_and_when(store, plan, editor):
    assert store.record(plan, editor, [ActualChange("i10", 2026, 6.9, "stat. committee")]) == 1
    rows = store.actuals()
    assert rows[["indicator_id", "year", "value", "note", "recorded_by"]].values.tolist() == [
        ["i10", 2026, 6.9, "stat. committee", "Aigul Test"]
    ]
    assert rows["recorded_at"].iloc[0].tzinfo is not None
    entry = store.history().iloc[0]
    assert (entry["who"], entry["action"], entry["entity_key"], entry["before"]) == (
        "Aigul Test",
        "record",
        "i10:2026",
        None,
    )
    assert entry["after"]["value"] == 6.9


def test_an_import_of_sixty_values_lands_whole(store, plan, editor):
    assert store.record(plan, editor, sixty(), source_file="june.xlsx", action="import") == 60
    assert len(store.actuals()) == 60
    assert set(store.history()["batch"]) == {store.history()["batch"].iloc[0]}


def test_an_invalid_batch_is_refused_before_anything_is_written(store, plan, editor):
    bad = [*sixty()[:-1], ActualChange("i59", 2031, 1.0)]
    with pytest.raises(StoreError):
        store.record(plan, editor, bad)
    assert store.actuals().empty and store.history().empty and store.revision() == 0


def test_a_failure_on_the_last_row_leaves_the_store_unchanged(store, plan, editor):
    store.record(plan, editor, [ActualChange("i01", 2026, 70.0)])
    before = (store.actuals().to_dict("records"), store.revision())

    def fail_on_last(index: int) -> None:
        if index == 59:
            raise RuntimeError("disk full")

    store.before_each_row = fail_on_last
    with pytest.raises(RuntimeError, match="disk full"):
        store.record(plan, editor, sixty(15.0))
    store.before_each_row = None
    assert (store.actuals().to_dict("records"), store.revision()) == before


def test_the_same_value_again_changes_nothing(store, plan, editor):
    store.record(plan, editor, [ActualChange("i10", 2026, 6.9)])
    revision = store.revision()
    assert store.record(plan, editor, [ActualChange("i10", 2026, 6.9)]) == 0
    assert store.revision() == revision


def test_undo_restores_the_previous_value_as_a_new_entry(store, plan, editor):
    store.record(plan, editor, [ActualChange("i10", 2026, 6.9)])
    store.record(plan, editor, [ActualChange("i10", 2026, 7.2)])
    assert store.undo_last(plan, editor) == 1
    assert store.actuals()["value"].tolist() == [6.9]
    assert store.undo_last(plan, editor) == 1
    assert store.actuals().empty
    assert store.undo_last(plan, editor) == 0
    actions = store.history(entity="actual")["action"].tolist()
    assert actions.count("undo") == 2 and actions.count("record") == 2  # nothing erased from the log


def test_undo_takes_back_only_ones_own_change(store, plan, editor):
    other = cli_editor("Berik Other")
    store.record(plan, editor, [ActualChange("i10", 2026, 6.9)])
    store.record(plan, other, [ActualChange("i11", 2026, 5.9)])
    assert store.undo_last(plan, editor) == 1
    assert store.actuals()["indicator_id"].tolist() == ["i11"]


def test_a_whole_import_is_undone_as_one(store, plan, editor):
    store.record(plan, editor, sixty(), action="import")
    assert store.undo_last(plan, editor) == 60
    assert store.actuals().empty


def test_only_an_editor_can_write(store, plan):
    for who in (None, "Aigul Test", object()):
        with pytest.raises(AuthError):
            store.record(plan, who, [ActualChange("i10", 2026, 6.9)])  # type: ignore[arg-type]
        with pytest.raises(AuthError):
            store.save_scenario(who, "x", [])  # type: ignore[arg-type]
        with pytest.raises(AuthError):
            store.correct_point(who, Correction("p01", 47.8, 67.7, "site"))  # type: ignore[arg-type]
    with pytest.raises(AuthError):
        Editor("forged", "password")
    assert store.actuals().empty and store.revision() == 0


def test_scenarios_and_project_points_are_kept_with_history(store, editor):
    moves = [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 10000.0}]
    store.save_scenario(editor, "Shift to 2028", moves, "asked at the meeting")
    store.save_scenario(editor, "Shift to 2028", [*moves, moves[0]])
    saved = store.scenarios()
    assert saved["name"].tolist() == ["Shift to 2028"] and len(saved["moves"].iloc[0]) == 2
    assert store.delete_scenario(editor, "Shift to 2028") and store.scenarios().empty
    store.correct_point(editor, Correction("p06", 47.80, 67.70, "site", "surveyed"))
    points = store.project_points()
    assert points[["project_id", "precision", "corrected_by"]].values.tolist() == [["p06", "site", "Aigul Test"]]
    with pytest.raises(StoreError):
        store.correct_point(editor, Correction("p06", 147.0, 67.7, "site"))
    assert set(store.history()["entity"]) == {"scenario", "project_point"}


def test_migrate_is_repeatable_and_refuses_a_newer_schema(store):
    store.migrate()
    from sqlalchemy import text

    with store.engine.begin() as connection:
        connection.execute(text("INSERT INTO schema_version (version) VALUES (99)"))
    with pytest.raises(RuntimeError, match="schema 99"):
        store.migrate()


def test_concurrent_writers_neither_lose_nor_double_a_write(store, plan):
    from concurrent.futures import ThreadPoolExecutor

    editors = [cli_editor(f"Editor {n}") for n in range(8)]

    def write(n: int) -> int:
        return store.record(plan, editors[n % 8], [ActualChange(f"i{(n % 59) + 1:02d}", 2026 + n % 5, float(n % 20))])

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(write, range(80))) == 80
    assert len(store.actuals()) == len({((n % 59) + 1, 2026 + n % 5) for n in range(80)})
    assert len(store.history(limit=1000)) == 80


SLOW_IMPORT = """
import sys, time
from zhez import load_plan
from zhez.actuals import ActualChange
from zhez.auth import cli_editor
from zhez.store import Store
store = Store(sys.argv[1]); store.migrate()
def slow(index):
    if index == 1:
        print("writing", flush=True)
    time.sleep(0.05)
store.before_each_row = slow
store.record(load_plan(), cli_editor("Killed"), [ActualChange(f"i{n:02d}", 2026, 1.0) for n in range(1, 60)] + [ActualChange("i59", 2027, 1.0)])
print("done", flush=True)
"""


def test_a_process_killed_mid_import_leaves_the_store_before_or_after(store, root):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_IMPORT, store.url], cwd=root, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.5)  # well inside the 60 × 50 ms of the transaction
    proc.kill()
    proc.wait(10)
    reopened = Store(store.url)
    assert len(reopened.actuals()) in (0, 60)
    assert len(reopened.actuals()) == 0  # killed before commit: nothing, not half
    reopened.dispose()


def test_the_default_store_is_a_sqlite_file_under_data_local(monkeypatch):
    monkeypatch.delenv("ZHEZ_DATABASE_URL", raising=False)
    from zhez.store import database_url

    assert database_url().endswith("/data/local/zhez.sqlite") and database_url().startswith("sqlite:///")
    monkeypatch.setenv("ZHEZ_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
