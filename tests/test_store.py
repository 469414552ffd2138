"""The store on SQLite and on a real PostgreSQL: the review cycle's states and scopes, whole writes only,
a log of every change, rounds, manual statuses, undo, and every write validated."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from dataclasses import replace

import pytest
from cycle_helpers import approve_values, open_round

from zhez.auth import AuthError, Person, trusted_person
from zhez.backup import dump_store
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.store import Correction, Store, StoreError

Y2026 = Period(2026)
# i29 (ББ, %): 2024 actual 96, target 2026 98; i31 (ББ); i36 (ТКШБ)
ON_TRACK = IndicatorReport(98.5, source="stat. form 1-T")
OFF_TRACK = IndicatorReport(96.5, source="stat. form 1-T")


def rows(store: Store) -> dict:
    """Every row of every table: what "the store is as it was" compares."""
    return dump_store(store)["tables"]


def entry(indicator_id: str = "i29", report: IndicatorReport = ON_TRACK, period: Period = Y2026) -> Entry:
    return Entry(indicator_id, period, report)


@pytest.fixture
def opened(store, coordinator):
    open_round(store, Y2026, coordinator)
    return store


def test_submit_then_approve_and_only_then_viewers_see_it(opened, plan, editor, coordinator):
    store = opened
    outcome = store.save(plan, editor, [entry()], submit=True)
    (version,) = outcome.saved
    assert store.actuals().empty  # submitted is not approved
    preview = store.actuals(person=editor, include_submitted=True)
    assert preview[["indicator_id", "value", "approval"]].values.tolist() == [["i29", 98.5, "submitted"]]
    store.approve(plan, coordinator, [version], "checked against form 1-T")
    shown = store.actuals()
    assert shown[["indicator_id", "year", "value", "recorded_by", "approved_by", "approval"]].values.tolist() == [
        ["i29", 2026, 98.5, "Aigul Test", "Dana Coordinator", "approved"]
    ]
    log = store.history(entity="submission")
    assert log["action"].tolist() == ["approve", "submit", "draft"]
    assert log.iloc[0]["before"]["state"] == "submitted" and log.iloc[0]["after"]["state"] == "approved"
    assert log.iloc[0]["comment"] == "checked against form 1-T"


def test_viewers_cannot_ask_for_submitted_values(opened):
    with pytest.raises(AuthError):
        opened.actuals(include_submitted=True)


def test_the_approved_version_stays_in_force_while_a_newer_one_is_reviewed(opened, plan, editor, coordinator):
    store = opened
    first = store.save(plan, editor, [entry()], submit=True).saved
    store.approve(plan, coordinator, first)
    second = store.save(plan, editor, [entry(report=IndicatorReport(99.0, source="revised form"))], submit=True).saved
    assert store.actuals()["value"].tolist() == [98.5]
    assert store.actuals(person=coordinator, include_submitted=True)["value"].tolist() == [99.0]
    store.approve(plan, coordinator, second)
    assert store.actuals()["value"].tolist() == [99.0]
    history = store.indicator_history("i29")
    assert history[["version", "state", "value"]].values.tolist() == [[1, "superseded", 98.5], [2, "approved", 99.0]]


def test_returned_then_amended_and_resubmitted(opened, plan, editor, coordinator):
    store = opened
    (version,) = store.save(
        plan, editor, [entry(report=replace(OFF_TRACK, deviation_reason="late data"))], submit=True
    ).saved
    store.send_back(plan, coordinator, [version], "Give the measures taken")
    returned = store.reports().iloc[0]
    assert (returned["state"], returned["review_comment"]) == ("returned", "Give the measures taken")
    amended = IndicatorReport(96.5, deviation_reason="late data", measures="extra classes", source="stat. form 1-T")
    store.save(plan, editor, [entry(report=amended)], submit=True)
    again = store.reports()
    assert again[["version", "state", "measures"]].values.tolist() == [[1, "submitted", "extra classes"]]
    assert store.history(entity="submission")["action"].tolist()[:3] == ["submit", "amend", "send_back"]


def test_an_off_track_value_needs_the_reason_for_its_deviation(opened, plan, editor):
    with pytest.raises(StoreError) as refused:
        opened.save(plan, editor, [entry(report=OFF_TRACK)], submit=True)
    assert refused.value.keys == {"deviation_reason_needed"}
    assert "2026" in refused.value.text("ru") and "причину отклонения" in refused.value.text("ru")
    opened.save(plan, editor, [entry(report=OFF_TRACK)])  # as a draft it may wait for its explanation
    assert opened.reports()["state"].tolist() == ["draft"]


def test_no_data_yet_needs_a_reason_and_a_value_needs_its_source(opened, plan, editor):
    for report, key in (
        (IndicatorReport(None), "value_or_reason"),
        (IndicatorReport(98.5), "source_needed"),
        (IndicatorReport(98.5, no_data_reason="x", source="y"), "value_and_no_data"),
    ):
        with pytest.raises(StoreError) as refused:
            opened.save(plan, editor, [entry(report=report)], submit=True)
        assert key in refused.value.keys
    opened.save(plan, editor, [entry(report=IndicatorReport(None, no_data_reason="published in May"))], submit=True)
    assert opened.actuals().empty and opened.reports()["no_data_reason"].tolist() == ["published in May"]


# ── scopes: an editor of body A writing for body B ─────────────────────────


def test_an_editor_of_one_body_cannot_write_for_another(opened, plan, editor):
    approve_values(opened, plan, [("i36", 2026, 95.0)])
    before = rows(opened)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, editor, [entry("i36")], submit=True)  # i36 belongs to ТКШБ; Aigul answers for ББ, ДСБ
    assert refused.value.keys == {"out_of_scope"}
    texts = {lang: refused.value.text(lang) for lang in ("kk", "ru", "en")}
    assert "ТКШБ" in texts["en"] and "ББ, ДСБ" in texts["en"] and "belongs to" in texts["en"]
    assert "относится к ТКШБ" in texts["ru"] and "ТКШБ құзырында" in texts["kk"]
    assert rows(opened) == before


def test_one_row_outside_the_scope_refuses_the_whole_batch(opened, plan, editor):
    before = rows(opened)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, editor, [entry("i29"), entry("i31", IndicatorReport(1.0, source="s")), entry("i36")])
    assert [p.where for p in refused.value.problems if p.key == "out_of_scope"] == ["i36 · 2026"]
    assert rows(opened) == before


def test_an_editor_cannot_review_approve_own_or_act_on_another_bodys_version(opened, plan, editor, coordinator):
    (version,) = opened.save(plan, editor, [entry()], submit=True).saved
    with pytest.raises(AuthError):
        opened.approve(plan, editor, [version])
    other = trusted_person("Other Body", "editor", ["ТКШБ"])
    before = rows(opened)
    with pytest.raises(StoreError) as refused:
        opened.withdraw(plan, other, [version])
    assert refused.value.keys == {"out_of_scope"}
    assert rows(opened) == before


def test_indicators_with_no_responsible_body_are_the_coordinators(opened, plan, editor, coordinator):
    nobody = plan.indicators[plan.indicators["responsible_body"] == ""]["id"].iloc[0]
    every_body = trusted_person("Legacy Editor", every_body=True)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, editor, [entry(nobody, IndicatorReport(1.0))])
    assert refused.value.keys == {"no_body_coordinator"}
    opened.save(plan, every_body, [entry(nobody, IndicatorReport(1.0))])
    opened.save(plan, coordinator, [entry(nobody, IndicatorReport(2.0))])


# ── illegal transitions ────────────────────────────────────────────────────


def test_every_illegal_transition_is_refused_and_changes_nothing(opened, plan, editor, coordinator, second_coordinator):
    store = opened
    (draft,) = store.save(plan, editor, [entry()]).saved
    cases = [
        (lambda: store.approve(plan, coordinator, [draft]), "illegal_transition"),  # approve a draft
        (lambda: store.send_back(plan, coordinator, [draft], "why"), "illegal_transition"),
        (lambda: store.send_back(plan, coordinator, [draft], "  "), "comment_needed"),
        (lambda: store.approve(plan, coordinator, [999]), "unknown_submission"),
    ]
    for attempt, key in cases:
        before = rows(store)
        with pytest.raises(StoreError) as refused:
            attempt()
        assert key in refused.value.keys
        assert rows(store) == before
    (own,) = store.save(
        plan, coordinator, [entry("i31", IndicatorReport(90.0, source="s", deviation_reason="d"))], submit=True
    ).saved
    with pytest.raises(StoreError) as refused:
        store.approve(plan, coordinator, [own])  # four eyes
    assert refused.value.keys == {"own_submission"}
    assert "four eyes" in refused.value.text("en")
    store.approve(plan, second_coordinator, [own])
    with pytest.raises(StoreError) as refused:
        store.approve(plan, second_coordinator, [own])  # approved is final: a change is a new version
    assert refused.value.keys == {"illegal_transition"}
    store.submit(plan, editor, [draft])
    with pytest.raises(StoreError) as refused:
        store.save(plan, editor, [entry(report=IndicatorReport(75.0, source="s"))])  # submitted: withdraw first
    assert refused.value.keys == {"awaiting_review"}


def test_a_closed_round_is_frozen_and_reopening_leaves_a_trace(opened, plan, editor, coordinator, second_coordinator):
    store = opened
    (version,) = store.save(plan, editor, [entry()], submit=True).saved
    store.close_round(coordinator, Y2026)
    before = rows(store)
    for attempt in (
        lambda: store.save(plan, editor, [entry("i31", IndicatorReport(90.0, source="s"))], submit=True),
        lambda: store.approve(plan, second_coordinator, [version]),
        lambda: store.withdraw(plan, editor, [version]),
        lambda: store.set_manual_status(plan, coordinator, "i29", 2026, "on_track", "method changed"),
    ):
        with pytest.raises(StoreError) as refused:
            attempt()
        assert refused.value.keys == {"round_closed"}
        assert "closed" in refused.value.text("en")
    assert rows(store) == before
    with pytest.raises(StoreError):
        store.reopen_round(coordinator, Y2026, "")
    store.reopen_round(coordinator, Y2026, "the statistics office revised the figure")
    store.approve(plan, second_coordinator, [version])
    log = store.history(entity="round")
    assert log["action"].tolist() == ["reopen", "close", "open"]
    assert log.iloc[0]["comment"] == "the statistics office revised the figure"


def test_no_round_no_submission_and_only_coordinators_run_rounds(store, plan, editor, coordinator):
    with pytest.raises(StoreError) as refused:
        store.save(plan, editor, [entry()])
    assert refused.value.keys == {"no_open_round"}
    with pytest.raises(AuthError):
        store.open_round(editor, Y2026, dt.date(2027, 2, 1))
    store.open_round(coordinator, Period(2026, 1), dt.date(2026, 7, 20))
    with pytest.raises(StoreError) as refused:
        store.open_round(coordinator, Period(2026, 1), dt.date(2026, 7, 20))
    assert refused.value.keys == {"round_open_already"}
    store.save(plan, editor, [entry(period=Period(2026, 1))], submit=True)
    assert store.actuals(person=editor, include_submitted=True).empty  # a half-year is not the year's actual
    assert store.in_view(person=editor, include_submitted=True)["period"].tolist() == ["2026-H1"]


def test_a_failure_on_the_last_row_leaves_the_store_unchanged(opened, plan, coordinator):
    every = trusted_person("Everyone", every_body=True)
    batch = [Entry(i, Y2026, IndicatorReport(1.0)) for i in plan.indicators["id"][:20]]
    before = rows(opened)

    def fail_on_last(index: int) -> None:
        if index == 19:
            raise RuntimeError("disk full")

    opened.before_each_row = fail_on_last
    with pytest.raises(RuntimeError, match="disk full"):
        opened.save(plan, every, batch)
    opened.before_each_row = None
    assert rows(opened) == before


def test_the_same_report_again_changes_nothing(opened, plan, editor, coordinator):
    approve_values(opened, plan, [("i29", 2026, 98.5)], editor=editor)
    revision = opened.revision()
    held = opened.reports().iloc[0]
    same = IndicatorReport.from_payload(held["payload"])
    outcome = opened.save(plan, editor, [entry(report=same)], submit=True)
    assert outcome.saved == [] and outcome.unchanged == [int(held["id"])]
    assert opened.revision() == revision


# ── manual status ──────────────────────────────────────────────────────────


def test_a_manual_status_needs_a_coordinator_and_a_reason(store, plan, editor, coordinator):
    with pytest.raises(AuthError):
        store.set_manual_status(plan, editor, "i29", 2026, "on_track", "x")
    with pytest.raises(StoreError) as refused:
        store.set_manual_status(plan, coordinator, "i99", 2031, "great", " ")
    assert refused.value.keys == {"unknown_indicator", "year_range", "unknown_status", "reason_needed"}
    store.set_manual_status(plan, coordinator, "i29", 2026, "on_track", "the statistics office changed the method")
    manual = store.manual_statuses()
    assert manual[["indicator_id", "year", "status", "set_by"]].values.tolist() == [
        ["i29", 2026, "on_track", "Dana Coordinator"]
    ]
    store.set_manual_status(plan, coordinator, "i29", 2026, "", "back to the computed status")
    assert store.manual_statuses().empty
    assert store.history(entity="manual_status")["action"].tolist() == ["clear", "set"]


# ── undo ───────────────────────────────────────────────────────────────────


def test_undo_withdraws_ones_own_unreviewed_batch(opened, plan, editor):
    opened.save(
        plan, editor, [entry("i29"), entry("i31", IndicatorReport(90.0, source="s", deviation_reason="d"))], submit=True
    )
    result = opened.undo_last(plan, editor)
    assert (result.restored, result.skipped) == (4, [])  # two drafts and two submissions taken back
    assert opened.reports()["state"].tolist() == ["withdrawn", "withdrawn"]
    assert opened.undo_last(plan, editor).batch == ""  # nothing left of theirs
    assert "undo" in opened.history()["action"].tolist()  # nothing erased from the log


def test_undo_skips_what_someone_changed_since(opened, plan, editor, coordinator):
    every = trusted_person("Berik Other", every_body=True)
    opened.save(
        plan, editor, [entry("i29"), entry("i31", IndicatorReport(90.0, source="s", deviation_reason="d"))], submit=True
    )
    i31 = int(opened.reports(subject_id="i31").iloc[0]["id"])
    opened.approve(plan, coordinator, [i31])  # reviewed since: not Aigul's to take back
    result = opened.undo_last(plan, editor)
    assert result.restored == 2 and {p.where for p in result.skipped} == {"indicator:i31:2026"}
    assert "changed since" in result.skipped[0].text("en")
    assert opened.reports().set_index("subject_id")["state"].to_dict() == {"i29": "withdrawn", "i31": "approved"}
    assert opened.undo_last(plan, every).batch == ""


def test_undo_of_a_point_restores_only_what_still_holds(store, plan, editor):
    other = trusted_person("Berik Other", every_body=True)
    store.correct_point(plan, editor, Correction("p06", 47.80, 67.70, "site", "surveyed"))
    store.correct_point(plan, other, Correction("p06", 47.81, 67.71, "exact", "GPS"))
    result = store.undo_last(plan, editor)
    assert result.restored == 0 and len(result.skipped) == 1
    assert store.project_points()["corrected_by"].tolist() == ["Berik Other"]
    assert store.undo_last(plan, other).restored == 1
    assert store.project_points()["corrected_by"].tolist() == ["Aigul Test"]


# ── every write validated ──────────────────────────────────────────────────


def test_points_scenarios_and_notes_are_validated_in_the_store(store, plan, editor):
    cases = [
        (lambda: store.correct_point(plan, editor, Correction("p999", 47.8, 67.7, "site")), "unknown_project"),
        (lambda: store.correct_point(plan, editor, Correction("p06", 147.0, 67.7, "site")), "coordinates"),
        (lambda: store.correct_point(plan, editor, Correction("p06", 47.8, 67.7, "site", "x" * 20_000_000)), "text_too_long"),
        (lambda: store.save_scenario(plan, editor, "big", [], "x" * 20_000_000), "text_too_long"),
        (lambda: store.save_scenario(plan, editor, "", []), "scenario_name"),
        (lambda: store.save_scenario(plan, editor, "bad", [{"line_id": "nope", "from_year": 2026, "to_year": 2027, "amount_mln_kzt": 1.0}]), "budget.unknown_line"),
        (lambda: store.save_scenario(plan, editor, "bad", [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 1e12}]), "budget.not_enough"),
        (lambda: store.save_scenario(plan, editor, "bad", [{"what": 1}]), "scenario_moves"),
        (lambda: store.save_scenario(plan, editor, "bad", "not a list"), "scenario_moves"),  # type: ignore[arg-type]
    ]  # fmt: skip
    for attempt, key in cases:
        with pytest.raises(StoreError) as refused:
            attempt()
        assert key in refused.value.keys, refused.value.keys
        for lang in ("kk", "ru", "en"):
            assert len(refused.value.text(lang)) > 10
    assert store.revision() == 0 and store.project_points().empty and store.scenarios().empty


def test_a_refused_move_names_the_move_in_the_readers_language(store, plan, editor):
    bad = [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 1e12}]
    with pytest.raises(StoreError) as refused:
        store.save_scenario(plan, editor, "bad", bad)
    assert refused.value.problems[0].where == "#1"
    assert refused.value.text("en").startswith("#1: ")


def test_only_a_signed_in_person_can_write(store, plan):
    for who in (None, "Aigul Test", object()):
        with pytest.raises(AuthError):
            store.save(plan, who, [entry()])  # type: ignore[arg-type]
        with pytest.raises(AuthError):
            store.save_scenario(plan, who, "x", [])  # type: ignore[arg-type]
        with pytest.raises(AuthError):
            store.correct_point(plan, who, Correction("p01", 47.8, 67.7, "site"))  # type: ignore[arg-type]
    with pytest.raises(AuthError):
        Person("forged", "coordinator")
    assert store.revision() == 0


def test_scenarios_and_project_points_are_kept_with_history(store, plan, editor):
    moves = [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 100.0}]
    store.save_scenario(plan, editor, "Shift to 2028", moves, "asked at the meeting")
    store.save_scenario(plan, editor, "Shift to 2028", [*moves, moves[0]])
    saved = store.scenarios()
    assert saved["name"].tolist() == ["Shift to 2028"] and len(saved["moves"].iloc[0]) == 2
    assert store.delete_scenario(editor, "Shift to 2028") and store.scenarios().empty
    store.correct_point(plan, editor, Correction("p06", 47.80, 67.70, "site", "surveyed"))
    points = store.project_points()
    assert points[["project_id", "precision", "corrected_by"]].values.tolist() == [["p06", "site", "Aigul Test"]]
    assert set(store.history()["entity"]) == {"scenario", "project_point"}


def test_concurrent_writers_neither_lose_nor_double_a_write(opened, plan, coordinator):
    from concurrent.futures import ThreadPoolExecutor

    editors = [trusted_person(f"Editor {n}", every_body=True) for n in range(8)]
    ids = list(plan.indicators["id"])

    def write(n: int) -> int:
        report = IndicatorReport(None, no_data_reason=f"n{n}")
        return len(opened.save(plan, editors[n % 8], [Entry(ids[n % len(ids)], Y2026, report)]).saved)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(write, range(40))) == 40
    reports = opened.reports()
    assert len(reports) == 40 and reports.groupby(["subject_id"]).size().max() == 1  # one working version each


SLOW_SAVE = """
import sys, time, datetime as dt
from zhez import load_plan
from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.store import Store
store = Store(sys.argv[1]); store.migrate()
plan = load_plan()
def slow(index):
    if index == 1:
        print("writing", flush=True)
    time.sleep(0.05)
store.before_each_row = slow
every = trusted_person("Killed", every_body=True)
store.save(plan, every, [Entry(i, Period(2026), IndicatorReport(None, no_data_reason="x")) for i in plan.indicators["id"]])
print("done", flush=True)
"""


def test_a_process_killed_mid_write_leaves_the_store_before_or_after(opened, root):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, opened.url], cwd=root, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.5)  # well inside the 59 × 50 ms of the transaction
    proc.kill()
    proc.wait(10)
    reopened = Store(opened.url)
    assert len(reopened.reports()) == 0  # killed before commit: nothing, not half
    reopened.dispose()


def test_the_default_store_is_a_sqlite_file_under_data_local(monkeypatch):
    monkeypatch.delenv("ZHEZ_DATABASE_URL", raising=False)
    from zhez.store import database_url

    assert database_url().endswith("/data/local/zhez.sqlite") and database_url().startswith("sqlite:///")
    monkeypatch.setenv("ZHEZ_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
