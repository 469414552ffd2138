"""What-if arithmetic: conservation, totals following their lines, invalid moves refused whole, helpers, exposure."""

from __future__ import annotations

import pandas as pd
import pytest

from zhez import budget
from zhez.budget import (
    BudgetError,
    Financing,
    Move,
    apply,
    decode,
    encode,
    even_out,
    exposure,
    shift_percent,
    spread_evenly,
)


def amount(frame, line, year):
    return frame[(frame["line_id"] == line) & (frame["year"] == year)]["amount_mln_kzt"].iloc[0]


def period(frame, line, years=range(2024, 2031)):
    rows = frame[(frame["line_id"] == line) & frame["year"].isin(list(years))]
    return rows["amount_mln_kzt"].fillna(0).sum()


def test_no_moves_is_the_plan(plan):
    result = apply(plan, [])
    assert result["amount_mln_kzt"].equals(plan.financing["amount_mln_kzt"])
    assert (result["delta_mln_kzt"] == 0).all()


def test_ten_billion_from_2026_to_2028(plan):
    result = apply(plan, [Move("rp-1", 2026, 2028, 10_000)])
    assert amount(result, "rp-1", 2026) == pytest.approx(78779.7 - 10_000)
    assert amount(result, "rp-1", 2028) == pytest.approx(30846.9 + 10_000)
    # the grand total moves with its line and keeps its own published value otherwise
    assert amount(result, "total", 2026) == pytest.approx(78935.3 - 10_000)
    assert amount(result, "total", 2028) == pytest.approx(30927.7 + 10_000)
    assert amount(result, "total", 2030) == pytest.approx(125.2)  # the inconsistency is kept, not repaired


@pytest.mark.parametrize("line", ["rp-1", "total", "od-total"])
def test_moving_between_years_conserves_each_line_and_total_over_2024_2030(plan, line):
    moves = [Move("rp-1", 2026, 2029, 5_000), Move("od-3", 2027, 2024, 20.0), Move("rp-1.waste", 2026, 2030, 58.0)]
    assert period(apply(plan, moves), line) == pytest.approx(period(plan.financing, line))


def test_totals_follow_their_lines_and_sub_lines(plan):
    result = apply(plan, [Move("rp-1.waste", 2026, 2030, 50.0), Move("od-3", 2026, 2027, 10.0)])
    # The line after block 6 is summed as a line of its own (zhez.financing), not as part of direction 1's
    # closing line: moving its money changes it and the grand total, never the other line.
    assert amount(result, "rp-1.waste", 2030) == pytest.approx(32.0 + 50.0)
    assert amount(result, "rp-1", 2030) == pytest.approx(0.0)
    assert amount(result, "od-total", 2027) == pytest.approx(54.8 + 10)
    assert amount(result, "total", 2026) == pytest.approx(78935.3 - 60)


def test_a_move_between_two_lines_in_one_year(plan):
    result = apply(plan, [Move("rp-1", 2026, 2026, 100.0, to_line_id="od-1")])
    assert amount(result, "od-1", 2026) == pytest.approx(100.0)  # a “-” cell that now receives money
    assert amount(result, "od-1", 2027) != amount(result, "od-1", 2027)  # still no value: NaN
    assert amount(result, "total", 2026) == pytest.approx(78935.3)  # moved within the total


@pytest.mark.parametrize(
    ("move", "key"),
    [
        (Move("rp-1", 2026, 2027, 80_000), "not_enough"),
        (Move("rp-2", 2026, 2027, 1.0), "not_enough"),  # a "-" line has nothing to give
        (Move("rp-1", 2026, 2027, 0.0), "amount_positive"),
        (Move("rp-1", 2026, 2027, -5.0), "amount_positive"),
        (Move("rp-1", 2026, 2031, 5.0), "year_range"),
        (Move("rp-1", 2023, 2026, 5.0), "year_range"),
        (Move("rp-9", 2026, 2027, 5.0), "unknown_line"),
        (Move("total", 2026, 2027, 5.0), "total_line"),
        (Move("rp-1", 2026, 2027, 5.0, to_line_id="od-total"), "total_line"),
        (Move("total.not-covered", 2026, 2027, 5.0), "total_line"),
        (Move("rp-1", 2026, 2026, 5.0), "same_place"),
    ],
)
def test_each_invalid_move_is_refused_and_nothing_is_applied(plan, move, key):
    good = Move("rp-1", 2026, 2028, 1_000)
    with pytest.raises(BudgetError) as error:
        apply(plan, [good, move])
    assert error.value.key == key and error.value.index == 1
    for lang in ("kk", "ru", "en"):
        assert len(error.value.text(lang)) > 15
    assert plan.financing["amount_mln_kzt"].sum() == pytest.approx(apply(plan, [])["amount_mln_kzt"].sum())


def test_a_later_move_can_use_money_an_earlier_one_brought(plan):
    moves = [Move("od-3", 2026, 2030, 67.3), Move("od-3", 2030, 2029, 100.0)]
    assert amount(apply(plan, moves), "od-3", 2029) == pytest.approx(114.1)


def test_percentage_and_spread_helpers_reduce_to_moves(plan):
    move = shift_percent(plan, "rp-1", 2026, 2027, 15)
    assert move == Move("rp-1", 2026, 2027, pytest.approx(78779.7 * 0.15))
    spread = spread_evenly(plan, "od-3", 2026, [2026, 2027, 2028])
    assert [m.to_year for m in spread] == [2027, 2028]
    result = apply(plan, spread)
    assert [round(amount(result, "od-3", y), 4) for y in (2026,)] == [round(67.3 / 3, 4)]
    levelled = apply(plan, even_out(plan, "rp-1"))
    values = [amount(levelled, "rp-1", y) for y in range(2026, 2031)]
    assert max(values) - min(values) < 0.01
    assert sum(values) == pytest.approx(78779.7 + 60482.7 + 30846.9 + 14003.4 + 0.0)


def test_exposure_lists_projects_under_way_in_a_cut_year(plan):
    scenario = apply(plan, [Move("rp-1", 2027, 2029, 30_000)])
    exposed = exposure(plan, scenario)
    assert set(exposed["year"]) == {2027}
    by_project = exposed.set_index("project_id")
    # sewage plant, 2026–2027: the share of both of direction 1's lines in 2027 (60 482,7 + 26,0)
    assert by_project.loc["p34", "share_removed"] == pytest.approx(30_000 / (60482.7 + 26.0))
    assert "p33" not in by_project.index  # NAMYS academy ends in 2026
    assert "p40" not in by_project.index  # completed before the plan
    assert "p23" not in by_project.index  # a regional road, not financed by these lines
    assert not by_project.loc["p03", "years_stated"]  # kindergartens: years not in the plan, whole period assumed
    assert "i29" in by_project.loc["p03", "indicator_ids"]
    assert exposure(plan, apply(plan, [Move("rp-1", 2027, 2029, 1.0)])).shape[0] > 0
    assert exposure(plan, apply(plan, [Move("rp-1", 2029, 2027, 1.0)]))["year"].tolist().count(2027) == 0


def test_a_scenario_travels_in_a_link(plan):
    moves = [Move("rp-1", 2026, 2028, 10_000), Move("rp-1", 2026, 2026, 12.5, "od-3")]
    assert decode(encode(moves)) == moves
    assert encode(moves) == ["rp-1,2026,2028,10000", "rp-1,2026,2026,12.5,od-3"]
    with pytest.raises(ValueError):
        decode(["rp-1,2026"])
    with pytest.raises(ValueError):
        decode(["rp-1,20x6,2027,5"])


def test_move_round_trips_as_a_dict():
    move = Move("rp-1", 2026, 2028, 10.0, "od-3")
    assert Move.from_dict(move.as_dict()) == move
    assert "to_line_id" not in Move("rp-1", 2026, 2028, 10.0).as_dict()


def test_financing_view_is_built_once_and_reused(plan):
    fin = Financing(plan)
    assert "total" not in fin.movable() and "rp-1.waste" in fin.movable()
    assert apply(fin, [Move("rp-1", 2026, 2027, 1)]).shape == apply(plan, [Move("rp-1", 2026, 2027, 1)]).shape


def test_the_table_of_moves_round_trips_and_skips_incomplete_rows():
    moves = [budget.Move("rp-1", 2026, 2028, 100.0), budget.Move("rp-1", 2027, 2027, 5.5, "od-3")]
    frame = budget.moves_frame(moves)
    assert list(frame.columns) == list(budget.MOVE_COLUMNS)
    assert budget.moves_from_frame(frame) == moves
    edited = pd.concat(
        [frame, pd.DataFrame([{"line_id": "rp-1", "from_year": 2026, "to_year": None, "amount_mln_kzt": 1.0}])]
    )
    assert budget.moves_from_frame(edited) == moves  # a row without its year is left out
    assert budget.moves_from_frame(budget.moves_frame([])) == []


def test_period_totals_of_a_line(plan):
    scenario = budget.apply(plan, [budget.Move("rp-1", 2026, 2025, 1000.0)])
    before, after = budget.period_totals(scenario, "rp-1")
    assert before == pytest.approx(sum(amount(scenario, "rp-1", y) for y in range(2026, 2031)) + 1000.0)
    assert after == pytest.approx(before - 1000.0)  # 2025 is outside the plan years


# ── budget-simulator habits (issue 23 §1): locked years, step buttons, the change told once per year ──


def test_a_locked_year_is_left_alone_by_spread_and_even_out(plan):
    levelled = apply(plan, even_out(plan, "rp-1", locked=[2026]))
    assert amount(levelled, "rp-1", 2026) == pytest.approx(78779.7)  # kept as it is
    others = [amount(levelled, "rp-1", y) for y in (2027, 2028, 2029, 2030)]
    assert max(others) - min(others) < 0.01
    assert sum(others) == pytest.approx(60482.7 + 30846.9 + 14003.4 + 0.0)
    spread = spread_evenly(plan, "rp-1", 2026, [2026, 2027, 2028, 2029], locked=[2028])
    assert [m.to_year for m in spread] == [2027, 2029]
    assert spread[0].amount_mln_kzt == pytest.approx(78779.7 / 3)
    with pytest.raises(BudgetError) as error:
        spread_evenly(plan, "rp-1", 2026, [2027, 2028], locked=[2026])
    assert error.value.key == "locked" and "2026" in error.value.text("ru")
    assert even_out(plan, "rp-1", locked=[2026, 2027, 2028, 2029]) == []  # one year left: nothing to even out


def test_a_step_moves_money_between_a_year_and_the_balancing_year(plan):
    up = budget.step(plan, "rp-1", 2028, 100.0, balance_year=2026)
    assert up == Move("rp-1", 2026, 2028, 100.0)
    down = budget.step(plan, "rp-1", 2028, -100.0, balance_year=2026)
    assert down == Move("rp-1", 2028, 2026, 100.0)
    one_percent = budget.step_percent(plan, "rp-1", 2027, 1.0, balance_year=2029)
    assert one_percent == Move("rp-1", 2029, 2027, pytest.approx(604.827))
    minus = budget.step_percent(plan, "rp-1", 2027, -1.0, balance_year=2029, moves=[up])
    assert minus == Move("rp-1", 2027, 2029, pytest.approx(604.827))
    # never more than the giving year holds: 2030 has nothing, so a step down from it cannot be made
    with pytest.raises(BudgetError) as error:
        budget.step(plan, "rp-1", 2030, -100.0, balance_year=2026)
    assert error.value.key == "not_enough"
    capped = budget.step(plan, "od-3", 2027, 1_000.0, balance_year=2026)
    assert capped.amount_mln_kzt == pytest.approx(67.3)  # all that 2026 holds
    for year, balance in ((2028, 2026), (2026, 2028)):
        with pytest.raises(BudgetError) as error:
            budget.step(plan, "rp-1", year, 100.0, balance_year=balance, locked=[2026])
        assert error.value.key == "locked"


def test_a_move_touching_a_locked_year_is_refused_but_earlier_moves_stand():
    moves = [Move("rp-1", 2026, 2028, 10.0), Move("rp-1", 2027, 2029, 10.0)]
    budget.check_unlocked(moves, locked=[2028], first=1)  # the first move was made before the lock
    with pytest.raises(BudgetError) as error:
        budget.check_unlocked(moves, locked=[2029], first=1)
    assert error.value.index == 1 and error.value.params == {"year": "2029"}
    with pytest.raises(BudgetError):
        budget.moves_to_amounts("rp-1", {2026: 100.0, 2027: 100.0}, {2026: 100.0, 2027: 50.0}, 2025, locked=[2027])


def test_the_changes_of_a_line_year_by_year(plan):
    scenario = apply(plan, [Move("rp-1", 2026, 2028, 10_000), Move("rp-1", 2026, 2026, 5.0, "od-1")])
    changes = budget.year_changes(scenario, "rp-1")
    assert [(c.year, round(c.delta_mln_kzt, 1)) for c in changes] == [(2026, -10_005.0), (2028, 10_000.0)]
    assert changes[0].share == pytest.approx(-10_005 / 78779.7)
    assert budget.year_changes(scenario, "od-1")[0].share is None  # the plan prints “-” there: no percentage


def test_the_exposure_states_each_cut_once_with_the_projects_sharing_it(plan):
    scenario = apply(plan, [Move("rp-1", 2026, 2028, 10_000), Move("rp-1", 2027, 2028, 1_000)])
    exposed = exposure(plan, scenario)
    per_year = budget.year_exposure(plan, exposed)
    assert [(e["direction_id"], e["year"]) for e in per_year] == [("rp-1", 2026), ("rp-1", 2027)]
    cut_2026 = per_year[0]
    assert cut_2026["removed_mln_kzt"] == pytest.approx(10_000)
    assert len(cut_2026["project_ids"]) == (exposed["year"] == 2026).sum() > 5  # one cut, shared by many
    assert cut_2026["project_ids"] == sorted(cut_2026["project_ids"])  # in the plan's order
    assert "i29" in cut_2026["indicator_ids"] and len(set(cut_2026["indicator_ids"])) == len(cut_2026["indicator_ids"])
    assert budget.year_exposure(plan, exposure(plan, apply(plan, []))) == []
