"""The rating rule of ``zhez.progress`` (its docstring; the Method page) on hand-made cases, one per branch, and on the plan itself."""

from __future__ import annotations

import pandas as pd
import pytest

from zhez import i18n
from zhez.progress import (
    Point,
    assess,
    classify,
    explain,
    observed_points,
    projection,
    rate,
    rollup,
    status_label,
    worst_first,
)


def obs(*points: tuple[int, float, str]) -> list[Point]:
    return [Point(year, value, kind) for year, value, kind in points]


BASE = obs((2024, 10.0, "actual"), (2025, 12.0, "estimate"))
TARGETS_UP = {2026: 14.0, 2027: 15.0, 2028: 16.0, 2029: 18.0, 2030: 20.0}


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (1.0, "on_track"),
        (0.95, "on_track"),
        (0.94, "at_risk"),
        (0.6, "at_risk"),
        (0.59, "off_track"),
        (0.0, "off_track"),
        (-0.01, "moving_away"),
    ],
)
def test_thresholds(ratio, status):
    assert classify(ratio) == status


def test_increase_at_the_needed_pace_is_on_track():
    a = rate("increase", True, BASE, TARGETS_UP)  # +2 a year observed, (20 − 12) / 5 = 1.6 needed
    assert (a.status, a.lens, a.reason) == ("on_track", "pace", "pace")
    assert a.ratio == pytest.approx(2 / 1.6)
    assert (a.basis.year, a.basis.kind, a.target_year) == (2025, "estimate", 2030)


def test_increase_a_little_slower_is_at_risk_and_much_slower_off_track():
    slow = obs((2024, 10.0, "actual"), (2025, 11.3, "estimate"))  # 1.3 against (20 − 11.3) / 5 = 1.74
    assert rate("increase", True, slow, TARGETS_UP).status == "at_risk"
    slower = obs((2024, 10.0, "actual"), (2025, 10.5, "estimate"))
    assert rate("increase", True, slower, TARGETS_UP).status == "off_track"


def test_increase_going_down_is_moving_away():
    a = rate("increase", True, obs((2024, 10.0, "actual"), (2025, 9.0, "estimate")), TARGETS_UP)
    assert a.status == "moving_away" and a.ratio < 0


def test_lower_is_better_falling_toward_its_target_is_progress_not_decline():
    infant = obs((2024, 7.46, "actual"), (2025, 6.84, "estimate"))
    a = rate("decrease", False, infant, {2026: 6.75, 2030: 6.0})
    assert a.status == "on_track"
    assert a.ratio == pytest.approx(0.62 / ((6.84 - 6.0) / 5))


def test_lower_is_better_rising_is_moving_away():
    wear = obs((2024, 49.0, "actual"), (2025, 50.0, "estimate"))
    a = rate("decrease", True, wear, {2026: 50.0, 2030: 49.6})
    assert a.status == "moving_away"


def test_maintain_a_level_already_held():
    held = obs((2024, 100.0, "actual"), (2025, 100.0, "estimate"))
    a = rate("maintain", True, held, dict.fromkeys(range(2026, 2031), 100.0))
    assert (a.status, a.reason) == ("on_track", "target_reached")


def test_maintain_within_tolerance_and_falling_below_the_level():
    almost = obs((2024, 100.0, "actual"), (2025, 99.6, "estimate"))
    assert rate("maintain", True, almost, {2030: 100.0}).reason == "within_tolerance"
    dropped = obs((2024, 100.0, "actual"), (2025, 98.0, "estimate"))
    assert rate("maintain", True, dropped, {2030: 100.0}).status == "moving_away"


def test_target_met_early_on_the_target_lens():
    points = [*BASE, Point(2026, 15.0, "actual", "aigul")]
    a = rate("increase", True, points, TARGETS_UP)
    assert (a.status, a.lens, a.reason, a.target_year) == ("on_track", "target", "target_met", 2026)
    assert a.basis.recorded_by == "aigul"


def test_overshoot_of_a_lower_is_better_target_is_on_track():
    points = obs((2024, 50.0, "actual"), (2025, 45.0, "estimate"), (2026, 30.0, "actual"))
    assert rate("decrease", False, points, {2026: 40.0, 2030: 32.0}).reason == "target_met"


def test_target_lens_ratio_and_moving_away():
    partly = obs((2024, 10.0, "actual"), (2025, 12.0, "estimate"), (2026, 12.0, "actual"))
    a = rate("increase", True, partly, TARGETS_UP)  # (12 − 10) / (14 − 10)
    assert (a.status, a.lens, a.ratio) == ("off_track", "target", pytest.approx(0.5))
    worse = obs((2024, 10.0, "actual"), (2026, 9.0, "actual"))
    assert rate("increase", True, worse, TARGETS_UP).status == "moving_away"


def test_flat_target_holds_within_tolerance_or_falls_short():
    flat = dict.fromkeys(range(2026, 2031), 95.0)
    near = obs((2024, 95.0, "actual"), (2026, 94.6, "actual"))
    assert (rate("increase", True, near, flat).status, rate("increase", True, near, flat).reason) == (
        "on_track",
        "within_tolerance",
    )
    short = obs((2024, 95.0, "actual"), (2026, 93.0, "actual"))
    assert rate("increase", True, short, flat).reason == "short_of_level"
    # Not a percentage: the tolerance is 1 % of the target (2 587 ± 25.87).
    people = dict.fromkeys(range(2026, 2031), 2587.0)
    assert rate("increase", False, obs((2024, 2587.0, "actual"), (2026, 2570.0, "actual")), people).status == "on_track"
    assert (
        rate("increase", False, obs((2024, 2587.0, "actual"), (2026, 2500.0, "actual")), people).status == "off_track"
    )


def test_missing_target_years_use_the_last_target_given():
    trained = obs((2024, 90.9, "actual"), (2025, 97.1, "estimate"))
    a = rate("increase", True, trained, {2026: 100.0, 2027: 100.0})
    assert a.target_year == 2027 and a.status == "on_track"


def test_only_an_estimate_is_not_enough_for_a_rating():
    a = rate("increase", False, obs((2025, 405.0, "estimate")), {2029: 417.0})
    assert (a.status, a.reason, a.basis.kind) == ("no_rating", "single_point", "estimate")


def test_no_data_and_no_target_after_the_latest_point():
    assert rate("increase", True, [], TARGETS_UP).reason == "no_data"
    late = obs((2024, 10.0, "actual"), (2027, 12.0, "actual"))
    assert rate("increase", True, late, {2026: 11.0}).reason in ("target_missing",)


def test_an_actual_for_a_target_year_with_no_earlier_point_has_no_baseline():
    assert rate("increase", True, obs((2026, 12.0, "actual")), TARGETS_UP).reason == "no_baseline"


# ── the plan, with recorded actuals ────────────────────────────────────────


def actuals(*rows: tuple[str, int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"indicator_id": i, "year": y, "kind": "actual", "value": v, "raw": str(v), "recorded_by": "test"}
            for i, y, v in rows
        ]
    )


def test_the_plan_today_is_rated_on_the_pace_lens(plan):
    result = assess(plan).set_index("indicator_id")
    assert len(result) == 59
    assert set(result["lens"]) == {"pace"}
    assert result.loc["i10", "status"] == "on_track"  # infant mortality falling toward its target
    assert result.loc["i46", "status"] == "moving_away"  # power-network wear rising
    assert result.loc["i26", "status"] == "no_rating" and result.loc["i26", "reason"] == "single_point"
    assert (result["basis_kind"][result["status"] != "no_rating"] == "estimate").all()


def test_a_recorded_actual_replaces_the_estimate_for_its_year(plan):
    before = assess(plan).set_index("indicator_id").loc["i46"]
    after = assess(plan, actuals(("i46", 2025, 48.5))).set_index("indicator_id").loc["i46"]
    assert before["basis_kind"] == "estimate" and after["basis_kind"] == "actual"
    assert after["status"] == "on_track" and after["recorded_by"] == "test"


def test_a_recorded_target_year_actual_switches_to_the_target_lens(plan):
    row = assess(plan, actuals(("i10", 2026, 7.0))).set_index("indicator_id").loc["i10"]
    # planned 7.46 → 6.75 (0.71), achieved 7.46 → 7.0 (0.46): 65 %
    assert (row["lens"], row["status"]) == ("target", "at_risk")
    assert row["ratio"] == pytest.approx(0.46 / 0.71)


def test_as_of_ignores_later_values(plan):
    row = assess(plan, actuals(("i10", 2026, 7.0)), as_of=2025).set_index("indicator_id").loc["i10"]
    assert row["lens"] == "pace"


def test_observed_points_and_projection(plan):
    points = observed_points(plan, "i10")
    assert [(p.year, p.kind) for p in points] == [(2024, "actual"), (2025, "estimate")]
    line = projection(points)
    assert line[0] == (2025, 6.84) and line[-1][0] == 2030
    assert line[-1][1] == pytest.approx(6.84 - 0.62 * 5)
    assert projection(points[:1]) == []


def test_rollups_count_every_indicator_once(plan):
    result = assess(plan)
    by_direction = rollup(plan, result)
    assert by_direction["total"].sum() == 59
    assert by_direction.set_index("direction_id").loc["rp-1", "total"] == 50
    shares = by_direction[[c for c in by_direction if c.startswith("share_")]].sum(axis=1)
    assert shares.round(9).eq(1).all()
    by_goal = rollup(plan, result, by="goal")
    assert by_goal["total"].sum() == 59


def test_worst_first_puts_moving_away_first_and_no_rating_last(plan):
    ordered = worst_first(assess(plan))["status"].tolist()
    rank = {"moving_away": 0, "off_track": 1, "at_risk": 2, "on_track": 3, "no_rating": 4}
    assert ordered == sorted(ordered, key=rank.get)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_status_on_the_plan_can_be_explained(plan, lang):
    result = assess(plan)
    for _, row in result.iterrows():
        text = explain(row, "%", lang)
        assert "→" in text and len(text) > 20


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_pace_sentence_says_where_the_indicator_stands_and_must_go_in_its_unit(plan, lang):
    """The sentence "2024 → 2025 estimate: 1 a year the wrong way; the 2030 target of 49,6 needs 0,08 a year" left an official
    asking "of what?": the sentence gives the value it starts from and the target with their unit."""
    result = assess(plan)
    paced = result[result["reason"] == "pace"]
    assert len(paced)
    for _, row in paced.iterrows():
        text = explain(row, "чел.", lang)
        value = i18n.number(float(row["basis_value"]), lang, max_decimals=3)
        target = i18n.number(float(row["target_value"]), lang, max_decimals=3)
        assert f"({value}\u00a0чел.)" in text and f"{target}\u00a0чел." in text, text
        required = i18n.number(abs(float(row["required_pace"])), lang, max_decimals=2)
        assert f"{required}\u00a0чел." in text, text  # the pace in the unit too
        assert text.endswith(f"→ {status_label(row['status'], lang).replace(' ', chr(0xA0), 1)}."), text


@pytest.mark.parametrize(("lang", "points"), [("kk", "пайыздық пункт"), ("ru", "п.\u00a0п."), ("en", "pp")])
def test_a_pace_of_a_share_is_in_percentage_points(plan, lang, points):
    """ "0,26 в год" of an indicator in per cent is 0,26 percentage points a year, not 0,26 % of anything."""
    result = assess(plan)
    row = result[result["reason"] == "pace"].iloc[0]
    text = explain(row, "%", lang)
    observed = i18n.number(abs(float(row["observed_pace"])), lang, max_decimals=2)
    required = i18n.number(abs(float(row["required_pace"])), lang, max_decimals=2)
    assert f"{observed}\u00a0{points}" in text and f"{required}\u00a0{points}" in text, text
    value = i18n.number(float(row["basis_value"]), lang, max_decimals=3)
    assert f"({value}\u00a0%)" in text, text  # the value itself stays in per cent


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_lens_names_the_target_year_the_sentence_uses(plan, lang):
    """1.2 (i32) has targets to 2027 only: its page said "pace to the 2030 target" over "the 2027 target needs …"."""
    from zhez.progress import lens_label

    result = assess(plan).set_index("indicator_id", drop=False)
    assert "2027" in lens_label(result.loc["i32"], lang) and "2030" not in lens_label(result.loc["i32"], lang)
    for _, row in result[result["reason"] == "pace"].iterrows():
        year = str(int(row["target_year"]))
        assert year in lens_label(row, lang) and year in explain(row, "%", lang)


def test_a_projection_ends_where_the_indicator_cannot_go():
    from zhez.progress import possible_range

    rising = [Point(2024, 90.0, "actual"), Point(2025, 98.0, "estimate")]  # a share rising 8 points a year
    assert possible_range([90.0, 98.0, 100.0], percent=True) == (0.0, 100.0)
    assert projection(rising, within=possible_range([90.0, 98.0], percent=True)) == [(2025, 98.0)]
    assert projection(rising)[-1] == (2030, 138.0)  # unbounded, it would print a share of 138 %
    falling = [Point(2024, 100.0, "actual"), Point(2025, 40.0, "estimate")]  # investment falling 60 a year
    line = projection(falling, within=possible_range([100.0, 40.0, 120.0], percent=False))
    assert line == [(2025, 40.0)] and all(v >= 0 for _, v in line)
    # a quantity the plan itself prints below zero (a balance) may go on below zero
    assert possible_range([-5.0, 3.0], percent=False)[0] == float("-inf")


def test_a_life_expectancys_sentence_agrees_in_russian(plan):
    from zhez import tables

    row = assess(plan).set_index("indicator_id", drop=False)
    years = plan.indicators[plan.indicators["unit_ru"] == "лет"]["id"].iloc[0]
    text = explain(row.loc[years], tables.unit_in_sentence(plan, plan.indicator(years), "ru"), "ru")
    assert "72,9\u00a0года" in text and " лет" not in text, text
