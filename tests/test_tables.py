"""Tables and summaries for people: labels and filter options built once from the plan, the audit's counts."""

from __future__ import annotations

import pytest

from zhez import tables
from zhez.audit import audit
from zhez.i18n import t
from zhez.progress import STATUSES, assess
from zhez.summary import directions_overview, finding_counts, worst_findings


@pytest.fixture(scope="module")
def findings(plan):
    return audit(plan)


def test_every_financing_line_has_one_label_in_each_language(plan):
    lines = plan.financing["line_id"].unique()
    for lang in ("kk", "ru", "en"):
        labels = tables.line_labels(plan, lang)
        assert set(labels) == set(lines) and all(labels.values())
    printed = plan.financing[plan.financing["line_id"] == "rp-1"]["label_en"]
    assert set(printed) == {tables.line_labels(plan, "en")["rp-1"]}  # the same label every year


def test_a_directions_goal_options_put_the_headline_rows_first(plan):
    options = tables.goal_options(plan, "rp-1", "en")
    assert next(iter(options)) == tables.GOAL_HEADLINE
    goals = plan.goals[plan.goals["direction_id"] == "rp-1"]
    assert list(options)[1:] == list(goals["id"])
    assert options["rp-1.g3"] == "3. Universal health coverage"


def test_a_directions_body_options_are_its_indicators_bodies_spelled_out(plan):
    options = tables.body_options(plan, "od-2", "ru")
    assert options == {"ТЖД": "ТЖД — Департамент по чрезвычайным ситуациям"}
    bodies = set(plan.indicators.loc[plan.indicators["direction_id"] == "rp-1", "responsible_body"]) - {""}
    assert list(tables.body_options(plan, "rp-1", "kk")) == sorted(bodies)


def test_the_worst_findings_are_the_audits_errors_one_line_a_kind(findings):
    errors = findings[findings["severity"] == "error"]
    lines = worst_findings(findings, "ru", limit=5)
    kinds = list(errors["kind"].unique())
    assert len(lines) == len(kinds) < len(errors)  # the plan's seven wrong sums are one line, not seven
    for line, kind in zip(lines, kinds, strict=True):
        same = errors[errors["kind"] == kind]
        first = same["message_ru"].iloc[0]
        if len(same) == 1:
            assert line == first
        else:
            years = sorted(int(y) for y in same["year"])
            assert line.startswith(f"«{t('finding.' + kind, 'ru')}» — {len(same)} ошиб")
            assert f"({years[0]}–{years[-1]})" in line and line.endswith(first)
    assert len(worst_findings(findings, "kk", limit=1)) == 1


def test_finding_counts_name_every_severity(findings):
    counts = finding_counts(findings)
    assert list(counts) == ["error", "warning", "info"]
    assert sum(counts.values()) == len(findings)
    assert finding_counts(findings.iloc[:0]) == {"error": 0, "warning": 0, "info": 0}


def test_the_overview_counts_each_indicator_once_per_direction(plan):
    table = directions_overview(plan, assess(plan))
    assert (table[list(STATUSES)].sum(axis=1) == table["indicators"]).all()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_heading_of_an_indicators_values_starts_with_a_capital(plan, lang):
    # the recorded value's column was headed "енгізілген нақты" / "внесённый факт": a cell's word, lower case
    import pandas as pd

    none = pd.DataFrame(columns=["indicator_id", "year", "value", "recorded_by", "recorded_at"])
    headings = tables.indicator_values(plan, none, "i01", lang).columns
    assert all(h[:1].isupper() for h in headings), list(headings)


def test_a_data_grid_writes_no_value_as_a_dash_in_every_column():
    # the Execution money table's report number showed "<NA>" (a column of whole numbers with gaps)
    import pandas as pd

    from zhez.ui.render import written

    frame = pd.DataFrame({"a": [1.5, None], "n": pd.array([1, None], dtype="Int64"), "s": ["x", None]})
    shown = written(frame).to_html()
    assert "&lt;NA&gt;" not in shown and "None" not in shown and shown.count("—") == 3


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_code_printed_with_a_kazakh_word_is_explained_outside_kazakh(plan, lang):
    # the Russian indicator page read "Код: 1.2 көрсеткіш", a Kazakh word in a Russian sentence
    facts = tables.facts_markdown(plan, plan.indicator("i32"), lang)
    assert "«1.2 көрсеткіш»" in facts or "“1.2 көрсеткіш”" in facts
    assert f"**{t('col.code', lang)}**: 1.2 (" in facts
    assert tables.facts_markdown(plan, plan.indicator("i32"), "kk").count("1.2 көрсеткіш") == 1


def test_a_unit_printed_with_a_capital_is_lower_case_inside_a_sentence(plan):
    # the Kazakh Overview read "72,9 Жыл саны" mid-sentence
    assert tables.unit_text(plan, plan.indicator("i01"), "kk") == "Жыл саны"  # as printed, where it is a label
    assert tables.unit_in_sentence(plan, plan.indicator("i01"), "kk") == "жыл саны"
    assert tables.unit_in_sentence(plan, plan.indicator("i22"), "kk") == "ад."
