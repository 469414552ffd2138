"""Execution on SQLite and PostgreSQL: projects and financing lines reported, checked and approved through the
same cycle as indicator values (states, scopes, the log, the body workbook), and a what-if that cannot move
money already spent."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from cycle_helpers import open_round
from workbook_helpers import fill

from zhez import budget
from zhez.auth import AuthError, trusted_person
from zhez.backup import dump_store
from zhez.body_workbook import bodies_of, read_workbook, template_bytes
from zhez.cycle import Entry, Period
from zhez.execution import FinancingReport, ProjectReport, executed_amounts
from zhez.rollups import project_table
from zhez.store import StoreError

Y2026, Y2027 = Period(2026), Period(2027)
UTILITIES = trusted_person("Tolegen Utilities", "editor", ["ТКШБ"])  # p34: sewage treatment plant, cost 16 100
BUILDING = ProjectReport(
    "construction", 40.0, dt.date(2026, 4, 1), None, 6000.0, note="the contractor's act of 30 December"
)


def rows(store) -> dict:  # type: ignore[no-untyped-def]
    return dump_store(store)["tables"]


def project(report: ProjectReport = BUILDING, project_id: str = "p34", period: Period = Y2026) -> Entry:
    return Entry(project_id, period, report, kind="project")


def money(report: FinancingReport, line_id: str = "rp-1", period: Period = Y2026) -> Entry:
    return Entry(line_id, period, report, kind="financing")


@pytest.fixture
def opened(store, coordinator):
    open_round(store, Y2026, coordinator)
    return store


# ── the cycle: states, scopes, the log ─────────────────────────────────────


def test_a_project_report_goes_through_the_cycle_and_only_its_approval_shows(opened, plan, coordinator):
    store = opened
    (version,) = store.save(plan, UTILITIES, [project()], submit=True).saved
    assert store.execution().empty  # submitted is not approved: viewers see nothing
    assert store.execution(person=UTILITIES, include_submitted=True)["approval"].tolist() == ["submitted"]
    with pytest.raises(AuthError):
        store.execution(include_submitted=True)
    store.approve(plan, coordinator, [version], "checked against the act")
    shown = project_table(plan, store.execution()).set_index("project_id").loc["p34"]
    assert (shown["status"], shown["completion_pct"], shown["spent_total_mln_kzt"]) == ("construction", 40.0, 6000.0)
    assert (shown["entered_by"], shown["approved_by"]) == ("Tolegen Utilities", "Dana Coordinator")
    log = store.history(entity="submission", key_prefix="project:p34:")
    assert log["action"].tolist() == ["approve", "submit", "draft"]
    assert log.iloc[0]["after"]["payload"]["status"] == "construction"
    assert log.iloc[0]["after"]["payload"]["started_on"] == "2026-04-01"


def test_a_body_reports_only_its_projects_and_the_coordinator_those_of_no_body(opened, plan, coordinator, editor):
    store = opened
    before = rows(store)
    with pytest.raises(StoreError) as refused:
        store.save(plan, editor, [project()], submit=True)  # ББ and ДСБ do not answer for the sewage plant
    assert refused.value.keys == {"out_of_scope"}
    assert "ТКШБ" in refused.value.text("ru")
    road = ProjectReport("construction", 10.0, dt.date(2026, 5, 1), None, 0.0)
    with pytest.raises(StoreError) as nobody:
        store.save(plan, UTILITIES, [project(road, "p22")], submit=True)  # a national road: no body of the plan
    assert nobody.value.keys == {"no_body_coordinator"}
    assert rows(store) == before
    assert store.save(plan, coordinator, [project(road, "p22")], submit=True).saved


def test_returned_amended_resubmitted_and_superseded(opened, plan, coordinator):
    store = opened
    (first,) = store.save(plan, UTILITIES, [project()], submit=True).saved
    store.send_back(plan, coordinator, [first], "the act says 45 %")
    with pytest.raises(StoreError) as review:
        store.approve(plan, coordinator, [first])
    assert review.value.keys == {"illegal_transition"}
    store.save(plan, UTILITIES, [project(replace(BUILDING, completion_pct=45.0))], submit=True)
    store.approve(plan, coordinator, [first])
    store.save(plan, UTILITIES, [project(replace(BUILDING, completion_pct=60.0, spent_mln_kzt=9000.0))], submit=True)
    assert project_table(plan, store.execution()).set_index("project_id").loc["p34", "completion_pct"] == 45.0
    (newer,) = store.reports("project", states=["submitted"])["id"]
    store.approve(plan, coordinator, [int(newer)])
    versions = store.reports("project", subject_id="p34")
    assert versions[["version", "state"]].values.tolist() == [[1, "superseded"], [2, "approved"]]
    actions = store.history(entity="submission", key_prefix="project:p34:")["action"].tolist()
    assert actions[::-1] == ["draft", "submit", "send_back", "amend", "submit", "approve", "draft", "submit",
                             "supersede", "approve"]  # fmt: skip


BAD_PROJECT_REPORTS = {
    "exec.completion_range": replace(BUILDING, completion_pct=140.0),
    "exec.negative": replace(BUILDING, spent_mln_kzt=-5.0),
    "exec.commissioned_before_start": replace(
        BUILDING, status="commissioned", completion_pct=100.0, commissioned_on=dt.date(2026, 3, 1)
    ),
    "exec.commissioned_not_complete": replace(
        BUILDING, status="commissioned", commissioned_on=dt.date(2026, 12, 1)
    ),  # commissioned at 40 %
    "exec.works_before_construction": replace(BUILDING, status="design", started_on=None),
    "exec.started_on_with_status": replace(BUILDING, status="tender", completion_pct=0.0),
    "exec.commissioned_on_with_status": replace(BUILDING, commissioned_on=dt.date(2026, 12, 1)),
    "exec.date_range": replace(BUILDING, started_on=dt.date(2019, 12, 31)),
    "exec.unknown_status": replace(BUILDING, status="almost done"),
    "exec.status_needed": replace(BUILDING, status=""),
    "exec.completion_needed": replace(BUILDING, completion_pct=None),
    "exec.spent_needed": replace(BUILDING, spent_mln_kzt=None),
    "exec.started_on_needed": replace(BUILDING, started_on=None),
    "exec.commissioned_on_needed": replace(BUILDING, status="commissioned", completion_pct=100.0),
    "exec.implausible_spend": replace(BUILDING, spent_mln_kzt=9e9),
    "exec.over_cost_reason_needed": replace(BUILDING, spent_mln_kzt=16_100.5),  # the plan's cost: 16 100
    "text_too_long": replace(BUILDING, note="x" * 501),
}


@pytest.mark.parametrize("key", sorted(BAD_PROJECT_REPORTS))
def test_every_project_check_refuses_in_words_and_stores_nothing(key, opened, plan):
    before = rows(opened)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, UTILITIES, [project(BAD_PROJECT_REPORTS[key])], submit=True)
    assert key in refused.value.keys
    for lang in ("kk", "ru", "en"):
        text = refused.value.text(lang)
        assert text.startswith("p34 · 2026: ") and "{" not in text and len(text) > 25
    assert rows(opened) == before


def test_the_contradiction_reads_as_the_official_would_say_it(opened, plan):
    with pytest.raises(StoreError) as refused:
        opened.save(plan, UTILITIES, [project(BAD_PROJECT_REPORTS["exec.commissioned_not_complete"])])
    assert "100 %" in refused.value.text("ru") and "40 %" in refused.value.text("ru")
    assert "пайдалануға берілген" in refused.value.text("kk").lower()


def test_a_draft_may_be_incomplete_but_never_contradictory(opened, plan):
    saved = opened.save(plan, UTILITIES, [project(ProjectReport("construction"))]).saved  # a draft: no figures yet
    assert opened.reports("project").set_index("id").loc[saved[0], "state"] == "draft"
    with pytest.raises(StoreError):
        opened.save(plan, UTILITIES, [project(ProjectReport("planned", 30.0))])


def test_spend_beyond_the_stated_cost_needs_the_reason_and_is_flagged(opened, plan, coordinator):
    store = opened
    open_round(store, Y2027, coordinator)
    store.approve(plan, coordinator, store.save(plan, UTILITIES, [project(replace(BUILDING, spent_mln_kzt=15_000.0))], submit=True).saved)  # fmt: skip
    later = ProjectReport("construction", 95.0, dt.date(2026, 4, 1), None, 2_000.0)
    with pytest.raises(StoreError) as refused:
        store.save(plan, UTILITIES, [project(later, period=Y2027)], submit=True)
    assert refused.value.keys == {"exec.over_cost_reason_needed"}
    assert "17\u00a0000" in refused.value.text("ru") and "16\u00a0100" in refused.value.text("ru")
    explained = replace(later, over_cost_reason="the 2027 estimate was revised by the state expertise")
    store.approve(plan, coordinator, store.save(plan, UTILITIES, [project(explained, period=Y2027)], submit=True).saved)
    row = project_table(plan, store.execution()).set_index("project_id").loc["p34"]
    assert (row["spent_total_mln_kzt"], bool(row["over_cost"])) == (17_000.0, True)
    assert row["over_cost_reason"].startswith("the 2027 estimate")


def test_a_financing_line_is_the_coordinators_and_needs_four_eyes(opened, plan, coordinator, second_coordinator):
    store = opened
    report = FinancingReport(40_000.0, 80_000.0, source="treasury report, form 4-20")
    with pytest.raises(StoreError) as refused:
        store.save(plan, UTILITIES, [money(report)], submit=True)
    assert refused.value.keys == {"no_body_coordinator"}
    (version,) = store.save(plan, coordinator, [money(report)], submit=True).saved
    with pytest.raises(StoreError) as own:
        store.approve(plan, coordinator, [version])
    assert own.value.keys == {"own_submission"}
    store.approve(plan, second_coordinator, [version])
    assert executed_amounts(store.check_context("financing")) == {("rp-1", 2026): 40_000.0}
    with pytest.raises(StoreError) as total:
        store.save(plan, coordinator, [money(report, "total")])
    assert total.value.keys == {"unknown_subject"}  # a total is the sum of its lines, never reported


@pytest.mark.parametrize(
    ("report", "key"),
    [
        (FinancingReport(None, source="x"), "exec.executed_needed"),
        (FinancingReport(100.0), "source_needed"),
        (FinancingReport(-1.0, source="x"), "exec.negative"),
        (FinancingReport(90_000.0, source="x"), "exec.over_plan_reason_needed"),  # plan 2026: 78 779,7
        (FinancingReport(50_000.0, 45_000.0, source="x"), "exec.over_budget_reason_needed"),
        (FinancingReport(1e8, source="x"), "exec.implausible_amount"),
    ],
)
def test_every_financing_check(report, key, opened, plan, coordinator):
    before = rows(opened)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, coordinator, [money(report)], submit=True)
    assert key in refused.value.keys and "{" not in refused.value.text("kk")
    assert rows(opened) == before


def test_a_closed_round_freezes_execution_too(opened, plan, coordinator):
    opened.close_round(coordinator, Y2026)
    with pytest.raises(StoreError) as refused:
        opened.save(plan, UTILITIES, [project()], submit=True)
    assert refused.value.keys == {"round_closed"}


def test_undo_takes_back_an_editors_project_batch(opened, plan):
    opened.save(plan, UTILITIES, [project()], submit=True)
    undone = opened.undo_last(plan, UTILITIES)
    assert undone.restored == 2 and opened.reports("project")["state"].tolist() == ["withdrawn"]


# ── the body workbook of projects and of financing lines ───────────────────


def test_the_projects_workbook_round_trip_and_an_untouched_one_changes_nothing(opened, plan, coordinator):
    store = opened
    data = template_bytes(plan, "project", ["ТКШБ"], Y2026, store.reports("project"), "ru")
    filled = fill(
        data,
        {
            ("p34", "status"): "строительство",  # the word as the list shows it
            ("p34", "completion_pct"): 40,
            ("p34", "started_on"): dt.datetime(2026, 4, 1),  # a date cell
            ("p34", "spent_mln_kzt"): 6000,
            ("p40", "status"): "введён в эксплуатацию",
            ("p40", "completion_pct"): 100,
            ("p40", "started_on"): "01.06.2024",  # a date typed as text counts too
            ("p40", "commissioned_on"): "2025-11-20",
            ("p40", "spent_mln_kzt"): 0,
        },
        kind="project",
    )
    result = read_workbook(filled, plan, UTILITIES, "project", Y2026, store.reports("project"), store.check_context("project"))  # fmt: skip
    assert result.ok, result.problem_lines("en")
    reports = {e.subject_id: e.report for e in result.entries}
    assert reports["p34"] == replace(BUILDING, note="")
    assert reports["p40"] == ProjectReport("commissioned", 100.0, dt.date(2024, 6, 1), dt.date(2025, 11, 20), 0.0)
    outcome = store.save(plan, UTILITIES, result.entries, submit=True, source_file="june.xlsx")
    store.approve_batch(plan, coordinator, outcome.batch)
    before = rows(store)
    again = template_bytes(plan, "project", ["ТКШБ"], Y2026, store.reports("project"), "kk")
    untouched = read_workbook(again, plan, UTILITIES, "project", Y2026, store.reports("project"), store.check_context("project"))  # fmt: skip
    assert untouched.ok and untouched.entries == []
    assert set(untouched.preview["status"]) == {"unchanged"} and len(untouched.preview) == 2
    store.save(plan, UTILITIES, untouched.entries, submit=True)
    assert rows(store) == before


def test_the_financing_workbook_round_trip_and_an_untouched_one_changes_nothing(
    opened, plan, coordinator, second_coordinator
):
    store = opened
    every = bodies_of(plan, coordinator)
    data = template_bytes(plan, "financing", every, Y2026, store.reports("financing"), "kk")
    filled = fill(
        data,
        {("rp-1", "executed_mln_kzt"): 40000, ("rp-1", "budget_mln_kzt"): 80000, ("rp-1", "source"): "treasury"},
        kind="financing",
    )
    result = read_workbook(filled, plan, coordinator, "financing", Y2026, store.reports("financing"), store.check_context("financing"))  # fmt: skip
    assert result.ok, result.problem_lines("en")
    assert [(e.subject_id, e.report) for e in result.entries] == [
        ("rp-1", FinancingReport(40_000.0, 80_000.0, source="treasury"))
    ]
    store.approve_batch(plan, second_coordinator, store.save(plan, coordinator, result.entries, submit=True).batch)
    before = rows(store)
    again = template_bytes(plan, "financing", every, Y2026, store.reports("financing"), "ru")
    untouched = read_workbook(again, plan, coordinator, "financing", Y2026, store.reports("financing"), store.check_context("financing"))  # fmt: skip
    assert untouched.ok and untouched.entries == [] and list(untouched.preview["status"]) == ["unchanged"]
    assert rows(store) == before


def test_a_projects_workbook_refuses_bad_cells_naming_each(opened, plan):
    data = template_bytes(plan, "project", ["ТКШБ"], Y2026, opened.reports("project"), "ru")
    filled = fill(
        data,
        {
            ("p34", "status"): "почти готов",
            ("p35", "status"): "строительство",
            ("p35", "completion_pct"): 0.4,
            ("p36", "status"): "строительство",
            ("p36", "started_on"): "весной",
            ("p37", "status"): "введён в эксплуатацию",
            ("p37", "completion_pct"): 40,
        },
        kind="project",
    )
    from openpyxl import load_workbook  # the completion of p35 formatted as a percentage: Excel keeps 0.4

    book = load_workbook(__import__("io").BytesIO(filled))
    cell = next(c for c in book.active["H"] if c.value == 0.4)
    cell.number_format = "0%"
    buffer = __import__("io").BytesIO()
    book.save(buffer)
    result = read_workbook(buffer.getvalue(), plan, UTILITIES, "project", Y2026, opened.reports("project"), opened.check_context("project"))  # fmt: skip
    keys = {p.key for p in result.problems}
    assert {"exec.status_word", "percent_format", "exec.not_a_date", "exec.commissioned_not_complete"} <= keys
    text = " ".join(result.problem_lines("ru"))
    assert "«почти готов» — не статус" in text and "строительство" in text
    assert result.entries == []


def test_a_workbook_of_another_kind_is_refused_with_what_it_is(opened, plan, coordinator):
    data = template_bytes(plan, "financing", bodies_of(plan, coordinator), Y2026, opened.reports("financing"), "kk")
    result = read_workbook(data, plan, coordinator, "project", Y2026, opened.reports("project"), opened.check_context("project"))  # fmt: skip
    assert [p.key for p in result.problems] == ["exec.report_kind"]
    assert "«Строки финансирования»" in result.problem_lines("ru")[0] and "«Проекты»" in result.problem_lines("ru")[0]


# ── what-if: money already spent stays where it was spent ─────────────────


def test_a_move_of_executed_money_is_refused_and_the_remainder_moves(plan):
    financing = budget.Financing(plan, {("rp-1", 2026): 70_000.0})
    with pytest.raises(budget.BudgetError) as refused:
        budget.apply(financing, [budget.Move("rp-1", 2026, 2027, 10_000.0)])
    assert refused.value.key == "spent"
    text = refused.value.text("ru")
    assert "70\u00a0000" in text and "8\u00a0779,7" in text and "освоено" in text
    moved = budget.apply(financing, [budget.Move("rp-1", 2026, 2027, 8_779.7)])
    assert moved.set_index(["line_id", "year"]).loc[("rp-1", 2027), "delta_mln_kzt"] == pytest.approx(8_779.7)
    remaining = budget.movable(financing).set_index(["line_id", "year"])
    assert remaining.loc[("rp-1", 2026), "movable_mln_kzt"] == pytest.approx(8_779.7)
    assert remaining.loc[("rp-1", 2027), "movable_mln_kzt"] == pytest.approx(60_482.7)  # nothing executed there


def test_a_saved_scenario_cannot_move_executed_money(opened, plan, coordinator, second_coordinator):
    store = opened
    spent = FinancingReport(70_000.0, source="treasury")
    store.approve(plan, second_coordinator, store.save(plan, coordinator, [money(spent)], submit=True).saved)
    before = rows(store)
    with pytest.raises(StoreError) as refused:
        store.save_scenario(plan, coordinator, "shift", [budget.Move("rp-1", 2026, 2027, 10_000.0).as_dict()])
    assert refused.value.keys == {"budget.spent"}
    assert rows(store) == before
    store.save_scenario(plan, coordinator, "shift", [budget.Move("rp-1", 2026, 2027, 8_000.0).as_dict()])
    assert store.scenarios()["name"].tolist() == ["shift"]


def test_the_command_line_writes_and_imports_a_bodys_projects_workbook(opened, plan, root, tmp_path):
    import subprocess
    import sys

    from zhez.auth import hash_password

    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[users."Tolegen"]\npassword = "{hash_password("x" * 10)}"\nrole = "editor"\nbodies = ["ТКШБ"]\n',
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "zhez", "--database", opened.url, "--secrets", str(secrets), "--lang", "en"]
    out = tmp_path / "projects.xlsx"
    made = subprocess.run([*run, "actuals", "template", str(out), "--by", "Tolegen", "--kind", "project"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    filled = tmp_path / "filled.xlsx"
    cells = {("p34", "status"): "construction", ("p34", "completion_pct"): 40, ("p34", "spent_mln_kzt"): 6000}
    filled.write_bytes(fill(out.read_bytes(), cells, kind="project"))
    refused = subprocess.run([*run, "actuals", "import", str(filled), "--by", "Tolegen"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert refused.returncode == 1 and "needs the date construction started" in refused.stderr
    filled.write_bytes(fill(out.read_bytes(), {**cells, ("p34", "started_on"): "2026-04-01"}, kind="project"))
    done = subprocess.run([*run, "actuals", "import", str(filled), "--by", "Tolegen"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert opened.reports("project")[["subject_id", "state"]].values.tolist() == [["p34", "submitted"]]


def test_reminders_list_the_projects_a_body_still_owes(opened, plan):
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from zhez import cycle, mail
    from zhez.excel import reminders_bytes

    opened.save(plan, UTILITIES, [project()], submit=True)
    round_ = opened.rounds().iloc[0].to_dict()
    owed = pd.concat(
        [cycle.owed(plan, round_, opened.reports(k), k) for k in ("indicator", "project")], ignore_index=True
    )
    utilities = owed[(owed["body"] == "ТКШБ") & (owed["kind"] == "project")]
    assert "p34" not in set(utilities["subject_id"]) and "p40" in set(utilities["subject_id"])  # p34 is submitted
    sheet = load_workbook(io.BytesIO(reminders_bytes(plan, owed, Y2026, round_["due"], "ru")))["Ещё не сдано"]
    assert {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)} == {"Индикаторы", "Проекты"}
    _subject, text = mail.reminder(plan, owed, "ТКШБ", Y2026, round_["due"], "ru")
    assert "№40 Реконструкция тепловых сетей (II и III очереди)" in text
