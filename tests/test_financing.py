"""The financing table's two readings: what each sums to, which one the screens sum, and the sentence saying so."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from zhez import financing, load_plan, summary
from zhez.budget import Move, apply, exposure

YEARS = list(range(2024, 2031))


def gaps(plan, reading, line="total"):
    frame = financing.reading_gaps(plan)
    rows = frame[(frame["reading"] == reading) & (frame["line_id"] == line)]
    return dict(zip(rows["year"], rows["gap"].round(1), strict=True))


def test_the_two_lines_printed_financovye_resursy_are_one_open_question(plan):
    (line,) = financing.open_lines(plan)
    assert (line.line_id, line.parent, line.alternative, line.direction_id) == ("rp-1.waste", "total", "rp-1", "rp-1")
    labels = financing.lines(plan).loc[["rp-1.waste", "rp-1"]]
    assert set(labels["label_printed"]) == {"Финансовые ресурсы"}
    # our labels say where the line is printed, never what it pays for: the document does not say
    for lang in ("kk", "ru", "en"):
        assert all("Финансовые ресурсы" in label for label in labels[f"label_{lang}"])
    assert not labels["label_en"].str.contains("waste").any()


def test_read_as_separate_lines_the_total_misses_about_30_mln_a_year(plan):
    assert gaps(plan, "sibling") == {2024: 24.1, 2025: 30.3, 2026: 30.3, 2027: 30.3, 2028: 30.3, 2029: 30.5, 2030: 30.6}


def test_read_nested_the_total_misses_56_to_255_mln_and_the_part_outgrows_its_line(plan):
    assert gaps(plan, "nested") == {
        2024: 84.1,
        2025: 255.3,
        2026: 88.3,
        2027: 56.3,
        2028: 56.3,
        2029: 116.5,
        2030: 62.6,
    }
    (line,) = financing.open_lines(plan)
    assert financing.part_exceeds_years(plan, line) == [(2030, 32.0, 0.0)]


def test_the_other_documents_total_adds_up_either_way(plan):
    assert set(gaps(plan, "sibling", "od-total").values()) == {0.0}
    assert gaps(plan, "nested", "od-total") == gaps(plan, "sibling", "od-total")


def test_direction_1_is_summed_with_both_lines_228_mln_more_than_before(plan):
    assert financing.direction_lines(plan, "rp-1") == ["rp-1.waste", "rp-1"]
    assert financing.direction_lines(plan, "rp-1", "nested") == ["rp-1"]
    both = 78779.7 + 60482.7 + 30846.9 + 14003.4 + 0.0 + (58.0 + 26.0 + 26.0 + 86.0 + 32.0)
    assert summary.direction_financing(plan, "rp-1") == pytest.approx(both)
    assert both - financing.direction_total(plan, "rp-1", reading="nested") == pytest.approx(228.0)
    assert summary.financing_by_year(plan, "rp-1")[2030] == pytest.approx(32.0)
    assert summary.financing_by_year(plan, "rp-1")[2026] == pytest.approx(78779.7 + 58.0)
    assert summary.direction_financing(plan, "rp-2") is None
    assert summary.financing_by_year(plan, "rp-2") == dict.fromkeys(range(2026, 2031))


def test_the_what_if_moves_money_as_the_screens_sum_it(plan):
    result = apply(plan, [Move("rp-1.waste", 2025, 2026, 100.0)])
    amount = result.set_index(["line_id", "year"])["amount_mln_kzt"]
    assert amount[("rp-1.waste", 2026)] == pytest.approx(158.0)
    assert amount[("rp-1", 2026)] == pytest.approx(78779.7)  # not inside the other line
    assert amount[("total", 2026)] == pytest.approx(78935.3 + 100.0)
    # what a cut removes is measured against the whole direction, both lines together
    cut = exposure(plan, apply(plan, [Move("rp-1.waste", 2027, 2030, 26.0)]))
    assert not cut.empty and (cut["year"] == 2027).all()
    assert cut["share_removed"].iloc[0] == pytest.approx(26.0 / (60482.7 + 26.0))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("kk", ["Финансовые ресурсы", "2030: 32,0 > 0,0", "24,1–30,6", "56,3–255,3", "184\xa0340,7", "184\xa0112,7"]),
        ("ru", ["Финансовые ресурсы", "отдельными строками", "2030: 32,0 > 0,0", "24,1–30,6", "56,3–255,3"]),
        ("en", ["Финансовые ресурсы", "separate lines", "2030: 32.0 > 0.0", "24.1–30.6", "56.3–255.3", "184,340.7"]),
    ],
)
def test_the_financing_screens_say_which_reading_they_sum_and_why(plan, lang, words):
    note = financing.reading_note(plan, lang)
    assert note == financing.reading_note(plan, lang, "rp-1")
    for word in words:
        assert word in note, (lang, word)


def test_no_note_where_the_table_leaves_nothing_open(plan, tmp_path, root):
    assert financing.reading_note(plan, "kk", "od-3") is None
    plan_dir = tmp_path / "plan"
    shutil.copytree(root / "data" / "plan", plan_dir)
    fin = pd.read_csv(plan_dir / "financing.csv", dtype=str, keep_default_na=False)
    fin["alt_parent_line_id"] = ""
    fin.to_csv(plan_dir / "financing.csv", index=False, lineterminator="\n")
    settled = load_plan(plan_dir)
    assert financing.open_lines(settled) == []
    assert financing.reading_note(settled, "en") is None
    assert gaps(settled, "nested") == gaps(settled, "sibling")


def test_an_unknown_reading_is_refused(plan):
    with pytest.raises(ValueError):
        financing.parents(plan, "diagonal")


def test_a_financing_line_has_one_colour_on_every_chart(plan):
    # od-3 was orange-red on the Overview's chart and blue on its own direction's (the first colour of one line)
    from zhez import charts, export

    def colours(chart) -> dict[str, str]:  # type: ignore[no-untyped-def]
        scale = next(
            layer["encoding"]["color"]["scale"] for layer in chart.to_dict()["layer"] if "color" in layer["encoding"]
        )
        return dict(zip(scale["domain"], scale["range"], strict=True))

    whole = colours(charts.financing_by_year(plan.financing, "ru"))
    for direction_id in plan.directions["id"]:
        own = colours(export.direction_financing_chart(plan, direction_id, "ru"))
        assert own and all(whole[label] == colour for label, colour in own.items()), direction_id
    assert len(set(whole.values())) == len(whole)  # and no two lines alike
