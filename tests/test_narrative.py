"""The text's own arithmetic, with every printed figure standing for the interval its rounding allows."""

from __future__ import annotations

import pytest

from zhez.ingest import read_figure
from zhez.narrative import Figure, check_growth, check_parts


def fig(role: str, printed: str, share: str = "", form: str = "", kind: str = "parts") -> Figure:
    number = (
        {"value": None, "decimals": None, "multiplier": 1.0, "unit": ""}
        if form in ("rises", "falls")
        else read_figure(printed)
    )
    shared = read_figure(share) if share else None
    return Figure(
        relation="r",
        kind=kind,
        role=role,
        year=None,
        figure=printed,
        value=number["value"],
        decimals=number["decimals"],
        multiplier=number["multiplier"],
        unit=number["unit"],
        share=shared["value"] if shared else None,
        share_decimals=shared["decimals"] if shared else None,
        form=form,
        source_file="narrative.txt",
        line=1,
        quote=printed,
    )


def kinds(problems):
    return [p.kind for p in problems]


@pytest.mark.parametrize(
    ("printed", "value", "decimals", "multiplier", "unit"),
    [
        ("1,1 трлн теңге", 1.1, 1, 1e12, "трлн теңге"),
        ("1 100 млрд теңге", 1100.0, 0, 1e9, "млрд теңге"),
        ("78\xa0935,3млн.", 78935.3, 1, 1e6, "млн."),
        ("5 885,8 м²", 5885.8, 1, 1.0, "м²"),
        ("12%", 12.0, 0, 1.0, "%"),
        ("2 пайыздық пункт", 2.0, 0, 1.0, "пайыздық пункт"),
        ("81", 81.0, 0, 1.0, ""),
    ],
)
def test_a_figure_is_read_as_printed(printed, value, decimals, multiplier, unit):
    assert read_figure(printed) == {"value": value, "decimals": decimals, "multiplier": multiplier, "unit": unit}


def test_parts_beyond_their_whole_even_allowing_for_rounding():
    # 310 bn + 1,05 trn + 65 bn + 2,4 bn = 1 427,4 bn against 1,1 trn (at most 1 150 bn)
    parts = [fig("whole", "1,1 трлн теңге"), fig("part", "310 млрд теңге"), fig("part", "1,05 трлн теңге"),
             fig("part", "65 млрд теңге"), fig("part", "2,4 млрд теңге")]  # fmt: skip
    (problem,) = check_parts(parts)
    assert problem.kind == "parts_exceed" and problem.computed == pytest.approx(1427.4e9)


def test_parts_within_the_rounding_of_their_whole_are_not_a_problem():
    # 0,6 + 0,6 = 1,2 against a whole printed 1 (0,5 … 1,5): it may be 1,2
    assert check_parts([fig("whole", "1 км"), fig("part", "0,6 км"), fig("part", "0,6 км")]) == []
    # and with a whole printed 1,0 (0,95 … 1,05) it cannot
    assert kinds(check_parts([fig("whole", "1,0 км"), fig("part", "0,6 км"), fig("part", "0,6 км")])) == [
        "parts_exceed"
    ]


def test_shares_over_100_and_a_share_that_does_not_follow_from_its_figures():
    # sport halls 2025: 5 885,8 m² (78,8 %) and a shortfall of 1 581 m² (26,8 %): the need is 7 466,8 m²
    problems = check_parts([fig("part", "5 885,8 м²", "78,8%"), fig("part", "1 581 м²", "26,8%")])
    assert kinds(problems) == ["shares_exceed", "share_mismatch"]
    assert problems[0].computed == pytest.approx(105.6)
    assert problems[1].computed == pytest.approx(1581 / 7466.8 * 100) and problems[1].whole == pytest.approx(7466.8)


def test_a_truncated_share_is_not_a_contradiction():
    # 3 415 of 7 445 is 45,87 %: printed 45,8 % (truncated) is within one unit of the last digit
    parts = [fig("whole", "7 445 м²"), fig("part", "4 030 м²", "54,1%"), fig("part", "3 415 м²", "45,8%")]
    assert check_parts(parts) == []
    # two units off is
    parts[2] = fig("part", "3 415 м²", "45,6%")
    assert kinds(check_parts(parts)) == ["share_mismatch"]


def growth(start, end, rate, form):
    return [
        fig("start", start, kind="growth"),
        fig("end", end, kind="growth"),
        fig("rate", rate, form=form, kind="growth"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "rate", "form"),
    [
        ("77,6 млрд", "81,4 млрд", "104,8%", "percent_of"),  # 104,90 % exactly, 104,77–105,03 % from rounded figures
        ("18,7 мың", "19,1 мың", "2,5%", "up_percent"),  # 2,14 % exactly, 1,6–2,7 % from rounded figures
        ("84", "81", "3,6%", "down_percent"),
        ("33,8%", "37,2%", "3 пайыздық пункт", "up_points"),  # 3,4 points, allowed one unit either way
        ("60%", "57%", "төмендеді", "falls"),
        ("14,5 млрд", "14,5 млрд", "өседі", "rises"),  # no change: not certainly a fall
    ],
)
def test_rates_that_follow_from_their_figures(start, end, rate, form):
    assert check_growth(growth(start, end, rate, form)) == []


@pytest.mark.parametrize(
    ("start", "end", "rate", "form", "kind", "computed"),
    [
        ("908,7 млрд", "1,1 трлн", "12%", "up_percent", "growth_mismatch", 21.05),
        ("908,7 млрд", "1 100 млрд", "112%", "percent_of", "growth_mismatch", 121.05),
        ("33,8%", "37,2%", "2 пайыздық пункт", "up_points", "growth_mismatch", 3.4),
        ("84", "81", "13,6%", "down_percent", "growth_mismatch", -3.57),
        ("14,5 млрд", "10,0 млрд", "өседі", "rises", "direction_mismatch", -31.03),
        ("51,2%", "56%", "төмендетеді", "falls", "direction_mismatch", 9.375),
    ],
)
def test_rates_that_do_not(start, end, rate, form, kind, computed):
    (problem,) = check_growth(growth(start, end, rate, form))
    assert problem.kind == kind and problem.computed == pytest.approx(computed, abs=0.01)


def test_a_percent_between_two_percentages_may_mean_points():
    # 35 % → 37,2 % “grew 2,2 %”: as points it follows, so it is not flagged; “1,4 %” follows neither way
    assert check_growth(growth("35%", "37,2%", "2,2%", "up_percent")) == []
    (problem,) = check_growth(growth("35%", "37,2%", "1,4%", "up_percent"))
    assert problem.points == pytest.approx(2.2) and problem.computed == pytest.approx(6.2857, abs=1e-3)
