"""The calculation behind a status, as rows an official can redo by hand, for our lenses and Open SDG's."""

from __future__ import annotations

import pandas as pd
import pytest

from zhez import calculation, opensdg
from zhez.progress import assess, observed_points, status_label


def recorded(**values):
    """Recorded actuals for 2026 (indicator id → value)."""
    ids = list(values)
    return pd.DataFrame(
        {
            "indicator_id": ids,
            "year": [2026] * len(ids),
            "kind": ["actual"] * len(ids),
            "value": [float(v) for v in values.values()],
            "raw": [str(v) for v in values.values()],
        }
    )


def steps(frame):
    return [tuple(row) for row in frame.itertuples(index=False)]


def test_pace_to_the_final_target_step_by_step(plan):
    row = assess(plan).set_index("indicator_id").loc["i48"]  # heating wear 59,3 → 57 (2025 estimate), 46 by 2030
    frame = calculation.workings(row, "decrease", "%", "en")
    assert list(frame.columns) == ["Step", "Working", "Result"]
    rows = steps(frame)
    assert rows[0] == ("First value V₀ (2024)", "V₀", "59.3 %")
    assert rows[1] == ("2025 estimate", "V", "57 %")  # an estimate, said so
    assert rows[3][2] == "−1 (lower is better)"
    assert rows[4] == (
        "Observed pace a year",
        "s × (V − V₀) / (2025 − 2024) = −1 × (57 − 59.3) / 1",
        "2.3 pp",
    )  # percentage points of a share
    assert rows[5] == ("Required pace a year", "s × (T − V) / (2030 − 2025) = −1 × (46 − 57) / 5", "2.2 pp")
    assert rows[6] == ("Ratio r", "r = 2.3 / 2.2", "1.05")
    assert rows[7] == ("Threshold", "1.05 ≥ 0.95", status_label(row["status"], "en"))


def test_against_this_years_target_step_by_step(plan):
    row = assess(plan, recorded(i48=52)).set_index("indicator_id").loc["i48"]
    rows = steps(calculation.workings(row, "decrease", "%", "ru"))
    assert rows[1] == ("факт 2026", "A", "52 %")
    assert rows[4] == ("Плановый прогресс P", "s × (T − B) = −1 × (49 − 59,3)", "10,3")
    assert rows[5] == ("Достигнутый прогресс R", "s × (A − B) = −1 × (52 − 59,3)", "7,3")
    assert rows[6] == ("Отношение r", "r = R / P = 7,3 / 10,3", "0,71")
    assert rows[7] == ("Порог", "0,60 ≤ 0,71 < 0,95", "▲ Под угрозой")
    assert row["status"] == "at_risk"


def test_a_ratio_is_never_rounded_across_a_threshold(plan):
    # vaccination 90,7 → 94,8 against 95: r = 4,1 / 4,3 = 0,9535; and 0,9496 must not read “0,95”
    row = assess(plan, recorded(i17=94.8)).set_index("indicator_id").loc["i17"]
    assert steps(calculation.workings(row, "maintain", "%", "en"))[-1] == ("Threshold", "0.95 ≥ 0.95", "● On track")
    assert calculation.threshold_step(0.9496, "en") == "0.60 ≤ 0.9496 < 0.95"
    assert calculation.threshold_step(0.5999, "kk") == "0 ≤ 0,5999 < 0,60"


def test_a_target_met_and_a_status_without_a_rating(plan):
    met = assess(plan, recorded(i48=45)).set_index("indicator_id").loc["i48"]
    assert steps(calculation.workings(met, "decrease", "%", "en"))[-1] == (
        "Target met?",
        "s × (A − T) = 4 ≥ 0",
        "● On track",
    )
    pisa = assess(plan).set_index("indicator_id").loc["i26"]  # one value, 2025
    (only,) = steps(calculation.workings(pisa, "increase", "points", "en"))
    assert only[0] == "Why no rating" and "405" in only[1] and only[2] == "○ No rating"


def test_the_open_sdg_calculation_with_its_components(plan):
    row = assess(plan).set_index("indicator_id").loc["i48"]
    lenses = calculation.lenses(plan, "i48", row, observed_points(plan, "i48"), "en")
    assert lenses.opensdg.status == "moderate_progress"
    rows = steps(lenses.opensdg_steps)
    assert rows[:3] == [
        ("Base value (2024)", "y₀", "59.3"),
        ("Current value (2025 estimate)", "yᵢ", "57"),
        ("Target (2030)", "y_T", "46"),
    ]
    assert rows[4] == ("Observed growth a year, CAGRᵢ", "(57 / 59.3)^(1 / (2025 − 2024)) − 1", "−3.879 %")
    assert rows[5] == ("Growth a year needed for the target, CAGR_T", "(46 / 59.3)^(1 / (2030 − 2024)) − 1", "−4.144 %")
    assert rows[6][2] == "0.9358" and rows[7] == (
        "Threshold",
        "0.60 ≤ R = 0.9358 < 0.95",
        "Progress made but acceleration needed",
    )
    assert rows[8] == ("Score (−5 to 5)", "min(7.1429 × 0.9358 − 4.2857; 5)", "2.40")
    by_hand = 7.1429 * 0.9358 - 4.2857  # redone from the rows
    assert by_hand == pytest.approx(2.40, abs=0.005)
    assert "Progress made but acceleration needed (score 2.40)" in lenses.opensdg_sentence
    assert "(2025 estimate)" in lenses.opensdg_sentence
    # our own steps come with it, unchanged
    assert lenses.ours.equals(calculation.workings(row, "decrease", "%", "en"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_open_sdg_names_its_statuses_in_each_language(plan, lang):
    table = calculation.opensdg_thresholds(lang)
    assert len(table) == len(opensdg.STATUSES)
    names = {s: calculation.opensdg_label(s, lang) for s in opensdg.STATUSES}
    assert len(set(names.values())) == len(names)
    expected = {"en": "On track", "ru": "По графику", "kk": "Жолдағы"}[lang]  # sdg-translations' own words
    assert names["substantial_progress"] == expected


def test_the_open_sdg_steps_when_the_target_is_achieved_or_the_reading_not_available(plan):
    achieved = opensdg.measure([(2024, 90.7), (2025, 95.0)], 95, 2030, "positive", 2024)
    rows = steps(calculation.opensdg_workings(achieved, "en", "2025 estimate"))
    assert ("Target achieved? (checked first)", "95 ≥ 95", "Target achieved") in rows
    assert rows[-1] == ("Score (−5 to 5)", "target achieved: 5", "5.00")
    missing = opensdg.measure([(2025, 405.0)], 417, 2029, "positive", 2025)
    assert steps(calculation.opensdg_workings(missing, "en"))[-1] == (
        "Why not available", "only one year of data; at least two are needed", "Not available",
    )  # fmt: skip
    assert (
        calculation.opensdg_sentence(missing, "ru")
        == "Open SDG: Недоступно — данные только за один год; нужно хотя бы два."
    )
