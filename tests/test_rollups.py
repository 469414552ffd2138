"""Roll-ups of execution on hand-made approved reports: projects by status, simple and cost-weighted completion,
late projects and how far, money spent; money planned against executed under each reading of the table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from zhez import execution_tables, i18n, rollups
from zhez.execution import FinancingReport, ProjectReport

APPROVED_AT = pd.Timestamp("2027-02-01T10:00:00Z")


def approved(*items: tuple[str, str, str, object]) -> pd.DataFrame:
    """``(kind, subject, period, report)`` as ``Store.execution()`` gives them: approved, with who and when."""
    return pd.DataFrame(
        [
            {
                "id": number,
                "kind": kind,
                "subject_id": subject,
                "period": period,
                "payload": report.payload(),  # type: ignore[attr-defined]
                "submitted_by": "Body Editor",
                "created_by": "Body Editor",
                "reviewed_by": "Dana Coordinator",
                "reviewed_at": APPROVED_AT,
                "approval": "approved",
            }
            for number, (kind, subject, period, report) in enumerate(items, start=1)
        ]
    )


# p34 cost 16 100, 2026–2027 · p33 cost 2 400, ends 2026 · p01 no cost, 2026–2027 · p26 cost 1 500, cancelled
# p40 cost 24 100, 2024–2025 · p35 cost 804, from 2025, suspended · p36 cost 6 400: a half-year report only
CASE = approved(
    ("project", "p34", "2026", ProjectReport("construction", 50.0, dt.date(2026, 4, 1), None, 8000.0)),
    ("project", "p33", "2026", ProjectReport("construction", 90.0, dt.date(2025, 5, 1), None, 600.0)),
    ("project", "p01", "2026", ProjectReport("design", 0.0, None, None, 0.0)),
    ("project", "p26", "2026", ProjectReport("cancelled", None, None, None, 100.0)),
    ("project", "p40", "2025", ProjectReport("commissioned", 100.0, dt.date(2024, 5, 1), dt.date(2025, 10, 1), 900.0)),
    ("project", "p40", "2026", ProjectReport("commissioned", 100.0, dt.date(2024, 5, 1), dt.date(2025, 10, 1), 0.0)),
    ("project", "p35", "2026", ProjectReport("suspended", 30.0, dt.date(2025, 6, 1), None, 0.0)),
    ("project", "p36", "2026-H1", ProjectReport("construction", 10.0, dt.date(2026, 3, 1), None, 300.0)),
)


def test_projects_by_status_and_both_completions(plan):
    rollup = rollups.project_rollup(plan, CASE, 2026)
    assert rollup.projects == len(plan.projects)
    assert rollup.by_status == {
        "planned": 0, "design": 1, "tender": 0, "construction": 3, "commissioned": 1, "suspended": 1,
        "cancelled": 1, "not_reported": len(plan.projects) - 7,
    }  # fmt: skip
    assert rollup.cancelled == ("p26",) and "p26" not in rollup.counted
    assert set(rollup.counted) == {"p34", "p33", "p01", "p40", "p35", "p36"}
    assert rollup.simple_completion == pytest.approx((50 + 90 + 0 + 100 + 30 + 10) / 6)
    weights = {"p34": (16_100, 50), "p33": (2_400, 90), "p40": (24_100, 100), "p35": (804, 30), "p36": (6_400, 10)}
    cost = sum(c for c, _ in weights.values())
    assert rollup.cost_mln_kzt == cost
    assert rollup.weighted_completion == pytest.approx(sum(c * p for c, p in weights.values()) / cost)
    assert rollup.not_weighted == ("p01",)  # no cost stated: counted in the simple mean only
    # every year's latest figure, the cancelled project's money too; p40: 900 in 2025 + 0 in 2026
    assert rollup.spent_mln_kzt == pytest.approx(8000 + 600 + 0 + 100 + 900 + 0 + 0 + 300)


def test_late_projects_and_how_far(plan):
    table = rollups.project_table(plan, CASE, 2026).set_index("project_id")
    late = table[table["delayed"]]
    assert set(late.index) == {"p33", "p01", "p35"}
    assert late.loc["p33", ["delay", "delay_since", "delay_years"]].tolist() == ["past_end", 2026, 0]
    assert late.loc["p01", ["delay", "delay_since"]].tolist() == ["not_started", 2026]  # still in design
    assert late.loc["p35", "delay"] == "suspended"
    assert not table.loc["p40", "delayed"]  # commissioned
    assert not table.loc["p36", "delayed"]  # as of 2026-06-30 its start year has not ended
    assert table.loc["p36", "as_of"] == dt.date(2026, 6, 30)
    assert (
        rollups.delay_text(table.loc["p33"], "ru")
        == "окончание по плану — 2026 г.; не введён в эксплуатацию на 31.12.2026"
    )
    as_of_2027 = rollups.delay_of(2026, 2026, "construction", dt.date(2027, 12, 31))
    assert as_of_2027 == ("past_end", 2026, 1)
    end_2026 = dt.date(2026, 12, 31)
    assert rollups.delay_of(2026, 2028, "tender", end_2026) == ("not_started", 2026, 0)
    # a report that gives the day works started is never "not started", whatever stage it names
    assert rollups.delay_of(2026, 2028, "tender", end_2026, dt.date(2026, 4, 1)) == ("", None, 0)
    assert rollups.delay_of(2026, 2028, "tender", end_2026, dt.date(2027, 2, 1))[0] == "not_started"
    row = {"delay": "past_end", "delay_since": 2025, "delay_years": 2, "as_of": dt.date(2027, 12, 31)}
    assert rollups.delay_text(row, "en").endswith("(2 years since)")
    assert rollups.delay_text(row, "ru").endswith("(прошло 2 года)")


def test_the_years_figure_is_its_latest_report_never_a_sum_of_halves(plan):
    case = approved(
        ("project", "p34", "2026-H1", ProjectReport("construction", 20.0, dt.date(2026, 4, 1), None, 3000.0)),
        ("project", "p34", "2026", ProjectReport("construction", 50.0, dt.date(2026, 4, 1), None, 8000.0)),
        ("project", "p34", "2027-H1", ProjectReport("construction", 70.0, dt.date(2026, 4, 1), None, 2000.0)),
    )
    row = rollups.project_table(plan, case, 2027).set_index("project_id").loc["p34"]
    assert (row["period"], row["completion_pct"], row["spent_total_mln_kzt"]) == ("2027-H1", 70.0, 10_000.0)
    as_of_2026 = rollups.project_table(plan, case, 2026).set_index("project_id").loc["p34"]
    assert (as_of_2026["period"], as_of_2026["spent_total_mln_kzt"], as_of_2026["spent_year_mln_kzt"]) == (
        "2026",
        8000.0,
        8000.0,
    )


def test_a_direction_rollup_and_the_sentence_that_says_how(plan):
    regional = rollups.project_rollup(plan, CASE, 2026, direction_id="rp-2")
    assert regional.projects == 2 and regional.counted == ("p01",) and regional.weighted_completion is None
    whole = rollups.project_rollup(plan, CASE, 2026)
    for lang in ("kk", "ru", "en"):
        how = whole.how(lang)
        assert "№26" in how and "{" not in how
    assert "(5)" in whole.how("en") and "(1)" in whole.how("en")  # weighted, not weighted
    nothing = rollups.project_rollup(plan, approved(), 2026)
    assert (
        nothing.simple_completion is None
        and nothing.spent_mln_kzt is None
        and nothing.by_status["not_reported"] == len(plan.projects)
    )
    assert "No project is cancelled" in nothing.how("en")


def test_cost_less_projects_only_leave_the_weighted_mean_empty(plan):
    case = approved(
        ("project", "p01", "2026", ProjectReport("construction", 20.0, dt.date(2026, 2, 1), None, 10.0)),
        ("project", "p02", "2026", ProjectReport("construction", 60.0, dt.date(2026, 2, 1), None, 10.0)),
    )
    rollup = rollups.project_rollup(plan, case, 2026)
    assert rollup.simple_completion == 40.0 and rollup.weighted_completion is None
    assert rollup.not_weighted == ("p01", "p02") and rollup.weighted == ()


MONEY = approved(
    ("financing", "rp-1", "2026-H1", FinancingReport(20_000.0, source="t")),
    ("financing", "rp-1", "2026", FinancingReport(40_000.0, 80_000.0, source="t")),
    ("financing", "rp-1.waste", "2026", FinancingReport(58.0, source="t")),
    ("financing", "od-3", "2027", FinancingReport(10.0, source="t")),
)


def test_money_planned_against_executed_under_each_reading(plan):
    sibling = rollups.money_rollup(plan, MONEY, 2026)
    assert sibling.reading == "sibling" and len(sibling.lines) == 6
    assert sibling.planned_mln_kzt == pytest.approx(58.0 + 78_779.7 + 67.3)  # the lines printing a figure
    assert sibling.executed_mln_kzt == pytest.approx(40_058.0)  # the year's report, not H1 + year
    assert set(sibling.reported) == {"rp-1", "rp-1.waste"}
    assert sibling.pct_of_plan == pytest.approx(100 * 40_058.0 / (58.0 + 78_779.7 + 67.3))
    assert sibling.budget_lines == ("rp-1",) and sibling.pct_of_budget == pytest.approx(50.0)
    nested = rollups.money_rollup(plan, MONEY, 2026, reading="nested")
    assert "rp-1.waste" not in nested.lines  # read as part of rp-1
    assert nested.executed_mln_kzt == pytest.approx(40_000.0)
    assert "each line on its own" in sibling.how("en") and "part of the direction's closing line" in nested.how("en")
    direction = rollups.money_rollup(plan, MONEY, 2026, direction_id="rp-1")
    assert set(direction.lines) == {"rp-1", "rp-1.waste"} and direction.planned_mln_kzt == pytest.approx(78_837.7)
    later = rollups.money_rollup(plan, MONEY, 2027)
    assert later.reported == ("od-3",) and later.executed_mln_kzt == 10.0


def test_money_year_by_year_and_per_line_traceable(plan):
    table = rollups.money_table(plan, MONEY, 2026).set_index("line_id")
    assert table.loc["rp-1", ["executed_mln_kzt", "budget_mln_kzt", "period"]].tolist() == [40_000.0, 80_000.0, "2026"]
    assert table.loc["rp-1", "submission_id"] == 2 and table.loc["rp-1", "approved_by"] == "Dana Coordinator"
    assert pd.isna(table.loc["od-3", "executed_mln_kzt"]) and table.loc["od-3", "plan_mln_kzt"] == 67.3
    by_year = rollups.money_by_year(plan, MONEY).set_index("year")
    assert by_year.loc[2026, "reported"] == 2 and pd.isna(by_year.loc[2028, "executed_mln_kzt"])
    assert rollups.money_line(rollups.money_rollup(plan, MONEY, 2026), "ru").startswith("2026: освоено 40\u00a0058")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_money_note_gives_the_share_only_where_there_is_one(plan, lang):
    """Execution and Overview said "of 78 905,0 mln ₸ planned (—)" before any money was reported."""
    nothing = rollups.money_note(rollups.money_rollup(plan, MONEY.iloc[0:0], 2026), lang)
    assert "(" not in nothing and "—" not in nothing and "78" in nothing
    reported = rollups.money_note(rollups.money_rollup(plan, MONEY, 2026), lang)
    assert f"({rollups.pct_text(rollups.money_rollup(plan, MONEY, 2026).pct_of_plan, lang)})" in reported


def test_the_status_history_lists_who_and_when(plan):
    reports = pd.DataFrame(
        [
            {"id": 1, "period": "2026-H1", "version": 1, "state": "approved", "payload": ProjectReport("tender", 0.0).payload(),
             "submitted_by": "A", "created_by": "A", "submitted_at": pd.Timestamp("2026-07-01T00:00Z"),
             "reviewed_by": "C", "reviewed_at": pd.Timestamp("2026-07-03T00:00Z")},
            {"id": 2, "period": "2026", "version": 1, "state": "approved",
             "payload": ProjectReport("construction", 30.0, dt.date(2026, 8, 1), None, 50.0).payload(),
             "submitted_by": "A", "created_by": "A", "submitted_at": pd.Timestamp("2027-01-10T00:00Z"),
             "reviewed_by": "C", "reviewed_at": pd.Timestamp("2027-01-12T00:00Z")},
            {"id": 3, "period": "2026", "version": 2, "state": "submitted",
             "payload": ProjectReport("construction", 35.0, dt.date(2026, 8, 1), None, 55.0).payload(),
             "submitted_by": "A", "created_by": "A", "submitted_at": pd.Timestamp("2027-01-20T00:00Z"),
             "reviewed_by": "", "reviewed_at": None},
        ]
    )  # fmt: skip
    history = rollups.status_history(reports)
    assert history[["status", "status_changed", "approved_by"]].values.tolist() == [
        ["tender", True, "C"],
        ["construction", True, "C"],
    ]
    assert len(rollups.status_history(reports, include_submitted=True)) == 3


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_report_no_late_count(plan, lang):
    """The meeting's execution slide showed a large "Late projects 0" over "0 / 53 reported": lateness is read from
    approved reports, so before any there is no count to give — "—", as in the Execution page's table."""
    nothing = rollups.project_rollup(plan, CASE.iloc[0:0], 2026)
    assert nothing.projects > 0 and rollups.late_count(nothing) == "—"
    assert "—" in rollups.summary_line(nothing, lang)
    table = execution_tables.by_direction(plan, CASE.iloc[0:0], 2026, lang)
    late, projects = table[i18n.t("exec.col.late_count", lang)], table[i18n.t("exec.col.projects", lang)]
    assert late[projects > 0].isna().all() and (late[projects == 0] == 0).all() and (projects > 0).any()
    some = rollups.project_rollup(plan, CASE, 2026)
    assert rollups.late_count(some) == str(len(some.delayed))
