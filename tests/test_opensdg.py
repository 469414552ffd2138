"""The Open SDG lens gives sdg-build's status and score: Open SDG's own expectations and each branch by hand."""

from __future__ import annotations

import math

import pytest

from zhez import opensdg
from zhez.opensdg import measure, score_of, status_from_score, status_of
from zhez.progress import observed_by_indicator


# Open SDG's feature tests (open-sdg/open-sdg tests/features/ProgressStatus.feature, data and indicator
# configs in tests/data): the series the configs select, with their direction, base year and target.
def test_open_sdg_expects_deterioration_for_1_5_3():
    # Percent, Group1 = A, Group2 = X: 2015 10, 2016 30; negative, base 2015, target 1 by 2030 → "Deterioration"
    p = measure([(2015, 10), (2016, 30)], target=1, target_year=2030, direction="negative", base_year=2015)
    assert p.status == "deterioration" and p.score == -5.0
    assert p.observed_growth == pytest.approx(2.0)  # (30 / 10) ** (1 / 1) − 1
    assert p.required_growth == pytest.approx(0.1 ** (1 / 15) - 1)  # −0,1423
    assert p.progress_value == pytest.approx(-2.0 / abs(0.1 ** (1 / 15) - 1))  # −14,05


def test_open_sdg_expects_on_track_for_1_5_4():
    # Total, Group1 = "single disaggregation": 2015 5, 2016 6; positive, base 2015, target 9 by 2030 → "On track"
    p = measure([(2015, 5), (2016, 6)], target=9, target_year=2030, direction="positive", base_year=2015)
    assert p.status == "substantial_progress" and p.score == 5.0
    assert p.progress_value == pytest.approx(0.2 / (1.8 ** (1 / 15) - 1))  # 5,005


def test_target_achieved_is_checked_first_even_with_one_point():
    assert measure([(2024, 10)], 8, 2030, "positive", 2024).status == "target_achieved"
    p = measure([(2024, 5.0), (2025, 3.9)], 4, 2030, "negative", 2024)
    assert (p.status, p.score, p.reason, p.progress_value) == ("target_achieved", 5.0, "target_achieved", None)


def test_one_point_is_not_available():
    p = measure([(2024, 10)], 20, 2030, "positive", 2024)
    assert (p.status, p.score, p.reason) == ("not_available", None, "one_point")
    assert measure([], 20, 2030, "positive", 2024).reason == "no_data"


# Hand-worked: base 100 in 2015, target 200 by 2030, so CAGR_T = 2 ** (1/15) − 1 = 4,729 % a year.
@pytest.mark.parametrize(
    ("value_2020", "status", "ratio", "score"),
    [
        (120, "moderate_progress", 0.7852, 7.1429 * 0.78524 - 4.2857),  # 1,2 ** 0,2 − 1 = 3,714 % a year
        (105, "limited_progress", 0.2073, 4.1667 * 0.20729 - 2.5),  # 0,980 % a year
        (95, "deterioration", -0.2159, 4.1667 * -0.21593 - 2.5),  # −1,021 % a year
        (130, "substantial_progress", 1.1391, 7.1429 * 1.13913 - 4.2857),  # 5,387 % a year
    ],
)
def test_each_band_by_hand(value_2020, status, ratio, score):
    p = measure([(2015, 100), (2020, value_2020)], 200, 2030, "positive", 2015)
    assert p.required_growth == pytest.approx(2 ** (1 / 15) - 1)
    assert p.observed_growth == pytest.approx((value_2020 / 100) ** 0.2 - 1)
    assert p.progress_value == pytest.approx(ratio, abs=1e-4)
    assert p.status == status and p.score == pytest.approx(score, abs=1e-3)


def test_a_zero_target_or_base_is_read_as_0_001():
    # 2015 4 → 2016 2, lower is better, target 0: (0,001 / 4) ** (1/15) − 1 = −42,48 %; R = 0,5 / 0,4248 = 1,177
    p = measure([(2015, 4), (2016, 2)], 0, 2030, "negative", 2015)
    assert p.target == 0.001 and p.target_replaced
    assert p.progress_value == pytest.approx(0.5 / (1 - 0.00025 ** (1 / 15)))
    assert p.status == "substantial_progress" and p.score == pytest.approx(7.1429 * 1.17710 - 4.2857, abs=1e-3)
    # base 0 in 2015, 2 in 2017, target 10: base 0,001, CAGR = 2000 ** 0,5 − 1
    p = measure([(2015, 0), (2017, 2)], 10, 2030, "positive", 2015)
    assert p.base_value == 0.001 and p.base_replaced
    assert p.observed_growth == pytest.approx(math.sqrt(2000) - 1) and p.status == "substantial_progress"


def test_the_base_year_moves_to_the_first_year_with_data():
    p = measure([(2017, 50), (2019, 55)], 80, 2030, "positive", 2015)
    assert p.base_year == 2017 and p.required_growth == pytest.approx(1.6 ** (1 / 13) - 1)
    assert measure([(2012, 50), (2013, 55)], 80, 2030, "positive", 2015).reason == "base_after_data"


def test_negative_values_flip_the_sign():
    # −10 → −8 towards a target of −2: the value rises, as wanted; both growth rates are negative
    p = measure([(2015, -10), (2016, -8)], -2, 2030, "positive", 2015)
    assert p.sign == -1 and p.observed_growth == pytest.approx(-0.2)
    assert (
        p.progress_value == pytest.approx(-1 * 1 * -0.2 / abs(0.2 ** (1 / 15) - 1))
        and p.status == "substantial_progress"
    )
    assert measure([(2015, -2), (2016, 3)], 5, 2030, "positive", 2015).reason == "opposite_signs"


def test_where_sdg_build_would_stop_with_an_error_the_lens_says_why():
    assert measure([(2015, 5), (2016, 4)], 5, 2030, "positive", 2015).reason == "no_required_growth"
    assert measure([(2015, 5), (2016, 6)], 9, 2015, "positive", 2015).reason == "target_year_is_base_year"
    assert measure([(2015, 5), (2016, 6)], -9, 2030, "negative", 2015).reason == "target_opposite_sign"


@pytest.mark.parametrize(
    ("ratio", "status", "score"),
    [
        (2.0, "substantial_progress", 5.0),  # capped
        (0.95, "substantial_progress", 7.1429 * 0.95 - 4.2857),
        (0.9499, "moderate_progress", 7.1429 * 0.9499 - 4.2857),
        (0.6, "moderate_progress", 7.1429 * 0.6 - 4.2857),
        (0.5999, "limited_progress", 4.1667 * 0.5999 - 2.5),
        (0.0, "limited_progress", -2.5),
        (-0.0001, "deterioration", 4.1667 * -0.0001 - 2.5),
        (-3.0, "deterioration", -5.0),  # floored
    ],
)
def test_thresholds_and_score_at_their_edges(ratio, status, score):
    assert status_of(ratio) == status
    assert score_of(ratio) == pytest.approx(score)
    assert status_from_score(score_of(ratio)) == status  # the indicator page reads the status from the score


def test_the_plans_indicators_through_the_lens(plan):
    frame = opensdg.assess(plan, observed_by_indicator(plan))
    assert len(frame) == 59 and set(frame["status"]) <= set(opensdg.STATUSES)
    heat = frame.set_index("indicator_id").loc["i48"]  # heating wear: 59,3 (2024) → 57,0 (2025), 46 by 2030
    assert (heat["base_year"], heat["current_year"], heat["target_year"], heat["direction"]) == (2024, 2025, 2030, -1)
    ratio = -1 * (57.0 / 59.3 - 1) / abs((46 / 59.3) ** (1 / 6) - 1)  # direction −1: lower is better
    assert heat["progress_value"] == pytest.approx(ratio) and heat["status"] == "moderate_progress"
    # roads: the 2030 cell is “-”, so the final target is 2029's
    assert frame.set_index("indicator_id").loc["i44", "target_year"] == 2029
    # PISA: one observed year (2025) → not available
    assert frame.set_index("indicator_id").loc["i26", "reason"] == "one_point"
