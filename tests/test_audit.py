"""The plan audit finds each inconsistency of the published plan, and says it in kk/ru/en."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from zhez import load_plan
from zhez.audit import audit


@pytest.fixture(scope="module")
def findings(plan):
    return audit(plan)


def of_kind(findings, kind):
    return findings[findings["kind"] == kind]


def test_every_finding_has_a_message_in_each_language(findings):
    assert not findings.empty
    for lang in ("kk", "ru", "en"):
        assert findings[f"message_{lang}"].str.len().min() > 10
    assert findings["finding_id"].is_unique
    assert set(findings["severity"]) <= {"error", "warning", "info"}


def test_the_grand_total_does_not_add_up_in_2030(findings):
    sums = of_kind(findings, "financing_sum")
    assert set(sums["year"]) == set(range(2024, 2031))
    row = sums[sums["year"] == 2030].iloc[0]
    assert row["line_id"] == "total" and row["severity"] == "error"
    assert "62,6" in row["message_ru"] and "125,2" in row["message_ru"]
    assert "62.6 mln ₸" in row["message_en"] and "125.2 mln ₸" in row["message_en"]


def test_the_other_documents_total_adds_up_so_it_is_not_flagged(findings):
    assert "od-total" not in set(of_kind(findings, "financing_sum")["line_id"])


def test_parts_larger_than_their_line_are_flagged(findings):
    parts = of_kind(findings, "financing_part_exceeds")
    assert set(zip(parts["line_id"], parts["year"], strict=True)) == {("rp-1.waste", 2030), ("total.not-covered", 2030)}


def test_directions_without_financing_are_flagged(findings):
    assert set(of_kind(findings, "financing_no_values")["line_id"]) == {"rp-2", "od-1", "od-2"}


def test_duplicated_rows_are_flagged_and_kept(findings, plan):
    assert set(of_kind(findings, "duplicate_row")["indicator_id"]) == {"i24", "i25"}
    assert {"i22", "i23", "i24", "i25"} <= set(plan.indicators["id"])


def test_codes_that_differ_between_passport_and_table(findings):
    mismatch = of_kind(findings, "code_mismatch").set_index("indicator_id")
    assert set(mismatch.index) == {"i20", "i27", "i33", "i34", "i52", "i59"}
    assert "НҰИ-8" in mismatch.loc["i27", "message_en"] and "НҰИ-9" in mismatch.loc["i27", "message_en"]
    assert set(of_kind(findings, "passport_only")["message_en"].str.extract(r"lists (\S+)")[0]) == {"НИ–3", "7.1"}
    assert set(of_kind(findings, "not_in_passport")["indicator_id"]) == {"i50"}


def test_a_code_used_twice_for_different_indicators(findings):
    reused = of_kind(findings, "code_reused")
    assert reused["indicator_id"].tolist() == ["i28"]
    assert "НҰИ-9" in reused.iloc[0]["message_kk"]


def test_numbering_gaps(findings):
    assert set(of_kind(findings, "numbering_gap")["indicator_id"]) == {"i33", "i50"}


def test_power_network_wear_targets_rise_although_wear_should_fall(findings):
    against = of_kind(findings, "target_against_desired").set_index("indicator_id")
    assert {"i46", "i05", "i09", "i19", "i23", "i42", "i55"} == set(against.index)
    assert "2024 49 → 2030 49.6" in against.loc["i46", "message_en"]
    assert "2024 49 → 2030 49,6" in against.loc["i46", "message_ru"]


def test_series_breaks_culture_and_equipment(findings):
    breaks = of_kind(findings, "series_break").set_index("indicator_id")
    assert set(breaks.index) == {"i42", "i55"}
    assert "2025 87 → 2026 51.2" in breaks.loc["i42", "message_en"]
    assert "2024 96.3 → 2026 68" in breaks.loc["i55", "message_en"]


def test_missing_units_and_values(findings):
    metadata = of_kind(findings, "missing_metadata").set_index("indicator_id")
    assert {"i46", "i47", "i49"} <= set(metadata.index)
    assert "unit" in metadata.loc["i46", "message_en"]
    missing = of_kind(findings, "missing_value").set_index("indicator_id")
    assert set(missing.index) == {"i26", "i27", "i28", "i32", "i44"}
    assert "2030" in missing.loc["i44", "message_en"]


def test_indicators_measured_for_the_whole_region(findings):
    region = set(of_kind(findings, "region_scope")["indicator_id"])
    assert region == {"i01", "i26", "i27", "i28", "i35", "i37", "i38", "i47", "i51"}


def test_narrative_contradicting_the_table(findings):
    conflicts = of_kind(findings, "narrative_conflict").set_index("indicator_id")
    assert {"i29", "i43", "i48", "i52", "i58"} <= set(conflicts.index)
    assert "48" in conflicts.loc["i48", "message_en"] and "46" in conflicts.loc["i48", "message_en"]
    # The passport's financing agrees with the table, so it raises nothing.
    assert "total" not in set(of_kind(findings, "narrative_conflict")["line_id"])


def test_cell_format_oddities(findings):
    formats = of_kind(findings, "cell_format")
    where = set(formats["indicator_id"]) | set(formats["line_id"])
    assert {"i08", "i16", "i53", "i42", "rp-1", "total.not-covered"} <= where


def test_direction_numbering_differs_from_the_passport(findings):
    assert set(of_kind(findings, "direction_number_mismatch")["direction_id"]) == {"rp-1", "od-2", "od-3"}
    assert set(of_kind(findings, "direction_unnamed")["direction_id"]) == {"od-1"}


def test_findings_are_most_severe_first(findings):
    order = findings["severity"].map({"error": 0, "warning": 1, "info": 2})
    assert order.is_monotonic_increasing


def test_a_consistent_total_raises_no_sum_finding(tmp_path, root):
    plan_dir = tmp_path / "plan"
    shutil.copytree(root / "data" / "plan", plan_dir)
    fin = pd.read_csv(plan_dir / "financing.csv", dtype=str, keep_default_na=False)
    lines = fin.set_index(["line_id", "year"])
    for year in map(str, range(2024, 2031)):
        parts = [lines.loc[(line, year), "amount_mln_kzt"] for line in ("rp-1", "rp-2", "od-total")]
        total = sum(float(p) for p in parts if p)
        fin.loc[(fin["line_id"] == "total") & (fin["year"] == year), "amount_mln_kzt"] = repr(round(total, 1))
    fin.to_csv(plan_dir / "financing.csv", index=False, lineterminator="\n")
    repaired = audit(load_plan(plan_dir))
    assert "total" not in set(of_kind(repaired, "financing_sum")["line_id"])
