"""Values that must never break a page: plausibility bounds shared by every way in, number formatting that
never raises, the "is this right?" question, and numbers as officials type them (issue 21 §2, issue 20 §1)."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import sys

import pandas as pd
import pytest
from apptest_helpers import LANGS, no_exceptions, open_page
from cycle_helpers import open_round
from sqlalchemy import insert

from zhez import i18n
from zhez.actuals import check, far_from_path, upper_bound
from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.numbers import parse_number
from zhez.store import Store, StoreError, Submission

# ── plausibility bounds ────────────────────────────────────────────────────


def keys(problems):
    return [p.key for p in problems]


def test_a_percentage_lies_from_0_to_100(plan):
    assert keys(check(plan, "i29", 2026, 100.0)) == []
    assert keys(check(plan, "i29", 2026, 100.5)) == ["over_100"]
    assert keys(check(plan, "i29", 2026, -0.1)) == ["negative"]


def test_a_value_a_hundred_times_the_plans_largest_is_refused(plan):
    # i10 infant mortality per 1,000 live births: the plan prints 6.0–7.46, so up to 746 passes
    assert upper_bound(plan, "i10") == (pytest.approx(746.0), "implausible")
    assert keys(check(plan, "i10", 2026, 746.0)) == []
    assert keys(check(plan, "i10", 2026, 747.0)) == ["implausible"]
    assert keys(check(plan, "i23", 2026, 1e25)) == ["implausible"]  # people: 2 030 at most in the plan
    assert keys(check(plan, "i52", 2026, 29_730.0)) == []  # bn tenge, the plan's largest is 297.3
    for lang in LANGS:
        (problem,) = check(plan, "i10", 2026, 1e25)
        assert "1\u00a0×\u00a010²⁵" in problem.text(lang) and (
            "7,46" in problem.text(lang) or "7.46" in problem.text(lang)
        )


def test_no_number_that_is_not_finite_or_is_not_a_number_passes(plan):
    for value in (math.inf, -math.inf, math.nan, 10**400, "12", True, None):
        problems = keys(check(plan, "i10", 2026, value))
        assert problems == ([] if value is None else ["not_a_number"]), value


def test_every_way_in_shares_the_bounds_the_store_refuses_1e25(store, plan):
    open_round(store, 2026)
    editor = trusted_person("Aigul Test", "editor", ["ДСБ"])
    with pytest.raises(StoreError):
        store.save(plan, editor, [Entry("i23", Period(2026), IndicatorReport(1e25, source="x"))], submit=True)
    assert store.reports().empty


@pytest.mark.parametrize("indicator_id", [f"i{n:02d}" for n in range(1, 60)])
def test_every_value_the_plan_prints_for_an_indicator_could_be_recorded(plan, indicator_id):
    for value in plan.series(indicator_id)["value"].dropna():
        assert check(plan, indicator_id, 2026, float(value)) == [], (indicator_id, value)


# ── a value far from the path asks "is this right?" ────────────────────────


def test_far_from_both_the_target_and_the_last_value_asks(plan):
    # i10: 2026 target 6.75, the last value before 2026 is the plan's 2025 estimate 6.84
    assert far_from_path(plan, "i10", 2026, 6.9) is None
    assert far_from_path(plan, "i10", 2026, 20.0) is None  # 2.96× the target: not yet
    question = far_from_path(plan, "i10", 2026, 67.5)  # the decimal comma lost: 6,75 → 675 would be refused
    assert question is not None and question.key == "far_both"
    assert far_from_path(plan, "i10", 2026, 2.0).key == "far_both"  # under a third of both
    texts = {lang: question.text(lang) for lang in LANGS}
    assert texts["en"] == (
        "67.5 is far from the plan's value for 2026 (6.75) and from the last value (6.84, 2025): "
        "more than three times as much, or less than a third. Is this right?"
    )
    assert texts["ru"].startswith("67,5 — далеко от плана на 2026 год (6,75)") and texts["ru"].endswith("Всё верно?")
    assert texts["kk"].startswith("67,5 — 2026 жылғы жоспар мәнінен (6,75)") and texts["kk"].endswith("Дұрыс па?")


def test_a_value_near_either_reference_is_not_asked_about(plan):
    recorded = pd.DataFrame({"indicator_id": ["i10"], "year": [2026], "value": [30.0]})
    # 2027: target 6.55, but the last recorded value (2026) is 30: 31 is near it, so nothing is asked
    assert far_from_path(plan, "i10", 2027, 31.0, recorded) is None
    question = far_from_path(plan, "i10", 2027, 200.0, recorded)
    assert (
        question is not None and dict(question.params)["last"] == 30.0 and dict(question.params)["last_year"] == "2026"
    )


def test_with_one_reference_the_question_names_only_it(plan):
    # i26 (points): the plan prints 2025 (405) and 2029 (417) only
    assert far_from_path(plan, "i26", 2026, 4050.0).key == "far_last"
    assert far_from_path(plan, "i26", 2029, 41.0).key == "far_both"
    assert far_from_path(plan, "i26", 2024, 40.0) is None  # nothing before 2024 and no plan value for it
    assert far_from_path(plan, "i01", 2024, 7.3).key == "far_target"  # 2024 has no earlier value
    for key in ("far_last", "far_target"):
        question = (
            far_from_path(plan, "i26", 2026, 4050.0) if key == "far_last" else far_from_path(plan, "i01", 2024, 7.3)
        )
        assert all(question.text(lang).endswith(("?", "па?")) for lang in LANGS)


def test_a_zero_is_asked_about_and_nonsense_is_not(plan):
    assert far_from_path(plan, "i10", 2026, 0.0).key == "far_both"
    assert far_from_path(plan, "i10", 2026, math.nan) is None
    assert far_from_path(plan, "i99", 2026, 5.0) is None


# ── numbers on screen never raise ──────────────────────────────────────────

SPECIAL = [1e25, -1e25, 1e15, 999_999_999_999_999.9, 1e300, sys.float_info.max, -sys.float_info.max,
           sys.float_info.min, 5e-324, -5e-324, 1e-20, 0.0, -0.0, math.inf, -math.inf, math.nan,
           10**400, -(10**400), 2**53 + 1, None, pd.NA]  # fmt: skip


def sweep():
    rng = random.Random(2026)
    values = list(SPECIAL)
    for _ in range(3000):
        values.append(rng.choice([1, -1]) * 10 ** rng.uniform(-330, 308))
        values.append(rng.uniform(-1e6, 1e6))
        values.append(float.fromhex(f"0x1.{rng.getrandbits(52):013x}p{rng.randint(-1074, 1023)}"))
    return values


def test_formatting_never_raises_for_any_float():
    formats = [
        lambda v, lang: i18n.number(v, lang),
        lambda v, lang: i18n.number(v, lang, 1),
        lambda v, lang: i18n.number(v, lang, 3),
        lambda v, lang: i18n.number(v, lang, 40),
        lambda v, lang: i18n.number(v, lang, max_decimals=30),
        lambda v, lang: i18n.money(v, lang),
        lambda v, lang: i18n.percent(v, lang),
        lambda v, lang: i18n.percent(v, lang, 2),
        lambda v, lang: i18n.signed(v, lang),
        lambda v, lang: i18n.signed(v, lang, 1),
    ]
    for value in sweep():
        for lang in LANGS:
            for form in formats:
                text = form(value, lang)
                assert isinstance(text, str) and text and "-" not in text and "nan" not in text.lower(), (value, text)


def test_huge_tiny_and_missing_numbers_read_as_a_person_would():
    assert i18n.number(1e25, "ru") == "1\u00a0×\u00a010²⁵"
    assert i18n.money(1.5e25, "en") == "1.5\u00a0×\u00a010²⁵\u00a0mln\u00a0₸"
    assert i18n.number(math.inf, "kk") == "∞" and i18n.signed(-math.inf, "en") == "−∞"
    assert i18n.number(math.nan, "ru") == i18n.number(None, "ru") == i18n.number(pd.NA, "ru") == "—"
    assert i18n.number(5e-324, "ru") == "0" and i18n.signed(-1e-20, "ru") == "0"
    assert i18n.number(78935.3, "ru", 1) == "78\u00a0935,3" and i18n.number(78935.3, "en", 1) == "78,935.3"


@pytest.mark.parametrize("page", ["pages/indicator.py", "pages/directions.py", "pages/method.py", "pages/overview.py"])
def test_a_stored_value_of_1e25_breaks_no_page(page, plan):
    """Recorded before the bounds existed (or written around them): every viewer's page still opens."""
    store = Store()
    store.migrate()
    moment = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    with store.engine.begin() as connection:
        connection.execute(
            insert(Submission).values(
                kind="indicator", subject_id="i23", period="2026", year=2026, version=1, state="approved",
                payload_json=json.dumps({"value": 1e25}), created_by="old release", updated_by="old release",
                created_at=moment, updated_at=moment, submitted_by="old release", submitted_at=moment,
                reviewed_by="old release", reviewed_at=moment,
            )
        )  # fmt: skip
    for lang in LANGS:
        at = open_page(page, lang=lang, ind="i23")
        no_exceptions(at)


def test_exports_of_a_stored_1e25_do_not_raise(plan):
    from zhez import export, progress
    from zhez.audit import audit
    from zhez.excel import export_bytes

    recorded = pd.DataFrame(
        {"indicator_id": ["i23"], "year": [2026], "value": [1e25], "note": [""], "recorded_by": ["x"],
         "recorded_at": [pd.Timestamp("2026-06-01", tz="UTC")], "source_file": [""]}
    )  # fmt: skip
    history = pd.DataFrame(
        columns=["id", "at", "who", "action", "entity", "entity_key", "before", "after", "batch", "source_file"]
    )
    assert export_bytes(plan, recorded, history, "ru")
    assessment = progress.assess(plan, recorded)
    for lang in LANGS:
        stamp = export.Provenance(lang, dt.date(2026, 6, 1))
        assert export.plan_workbook(plan, assessment, stamp)
    observed = progress.observed_by_indicator(plan, recorded)
    stamp = export.Provenance("ru", dt.date(2026, 6, 1))
    assert export.brief_pptx(plan, assessment, observed, recorded, audit(plan), stamp)


# ── numbers as officials type them ─────────────────────────────────────────

NBSP, NNBSP = "\u00a0", "\u202f"

ACCEPTED = [
    # (typed, lang, value, read back)
    ("17,5", "kk", 17.5, "17,5"),
    ("17,5", "ru", 17.5, "17,5"),
    ("17.5", "kk", 17.5, "17,5"),
    ("17.5", "ru", 17.5, "17,5"),
    ("17.5", "en", 17.5, "17.5"),
    ("95,6", "ru", 95.6, "95,6"),
    ("1 700", "kk", 1700.0, f"1{NBSP}700"),
    ("1 700", "ru", 1700.0, f"1{NBSP}700"),
    ("1 700", "en", 1700.0, "1,700"),
    (f"1{NBSP}700", "ru", 1700.0, f"1{NBSP}700"),
    (f"1{NNBSP}700", "kk", 1700.0, f"1{NBSP}700"),
    ("1 700,5", "kk", 1700.5, f"1{NBSP}700,5"),
    ("1 700,5", "ru", 1700.5, f"1{NBSP}700,5"),
    (f"1{NBSP}700,5", "ru", 1700.5, f"1{NBSP}700,5"),
    (f"1{NNBSP}700,5", "ru", 1700.5, f"1{NBSP}700,5"),
    ("1 700.5", "ru", 1700.5, f"1{NBSP}700,5"),
    ("1 700.5", "en", 1700.5, "1,700.5"),
    ("1,700", "en", 1700.0, "1,700"),
    ("1,700.5", "en", 1700.5, "1,700.5"),
    ("1,700,000", "en", 1_700_000.0, "1,700,000"),
    ("1 700 000,25", "ru", 1_700_000.25, f"1{NBSP}700{NBSP}000,25"),
    ("1,700", "ru", 1.7, "1,7"),  # the comma is the decimal mark in ru: read back shows it
    ("1.700", "en", 1.7, "1.7"),
    ("0.125", "ru", 0.125, "0,125"),  # a group never starts with 0: not ambiguous
    ("1234.5", "kk", 1234.5, f"1{NBSP}234,5"),  # four digits before the point: not a group
    (",5", "ru", 0.5, "0,5"),
    ("  6,84 ", "kk", 6.84, "6,84"),
    ("-5,2", "ru", -5.2, "−5,2"),
    ("−5,2", "kk", -5.2, "−5,2"),
    ("0", "en", 0.0, "0"),
    ("-0", "ru", 0.0, "0"),
    ("00017,5", "ru", 17.5, "17,5"),
    ("0,000000000000001", "ru", 1e-15, "0,000000000000001"),
    ("123456789012345", "en", 123456789012345.0, "123,456,789,012,345"),
    ("17,50", "ru", 17.5, "17,5"),
]

REFUSED = [
    # (typed, lang, problem key)
    ("1.700", "ru", "number_ambiguous"),
    ("1.700", "kk", "number_ambiguous"),
    ("12.500", "ru", "number_ambiguous"),
    ("100.000", "kk", "number_ambiguous"),
    ("1.700.000", "ru", "number_separators"),
    ("1,700,000", "ru", "number_separators"),
    ("1.700,5", "ru", "number_mixed"),
    ("1,700.5", "kk", "number_mixed"),
    ("1.700,5", "en", "number_mixed"),
    ("17,5", "en", "number_comma_in_en"),
    ("1 700,5", "en", "number_comma_in_en"),
    ("1.5.5", "en", "number_separators"),
    ("1,700 000", "en", "number_grouping"),
    ("1,700,00", "en", "number_grouping"),
    ("17 5", "ru", "number_grouping"),
    ("1  700", "ru", "number_grouping"),
    ("1 7000", "kk", "number_grouping"),
    ("17,5 5", "ru", "number_grouping"),
    ("97,5 %", "ru", "number_percent_sign"),
    ("97,5%", "kk", "number_percent_sign"),
    ("\u0661\u0662", "ru", "number_digits"),  # Arabic-Indic digits
    ("\u0967\u0968", "en", "number_digits"),  # Devanagari
    ("1_000", "ru", "number_invalid"),
    ("1e5", "en", "number_invalid"),
    ("NaN", "ru", "number_invalid"),
    ("inf", "en", "number_invalid"),
    ("0x1A", "en", "number_invalid"),
    ("abc", "kk", "number_invalid"),
    ("+5", "ru", "number_invalid"),
    ("5,", "ru", "number_invalid"),
    ("5.", "en", "number_invalid"),
    ("-", "ru", "number_invalid"),
    (",", "ru", "number_invalid"),
    ("--5", "ru", "number_invalid"),
    ("12345678901234567", "ru", "number_too_many_digits"),
    ("1" * 41, "ru", "number_too_long"),
]


@pytest.mark.parametrize(("typed", "lang", "value", "shown"), ACCEPTED)
def test_a_number_typed_as_the_language_writes_it_is_read_exactly(typed, lang, value, shown):
    reading = parse_number(typed, lang)
    assert reading.ok and reading.value == value and reading.shown == shown
    assert str(reading.value) != "-0.0"


@pytest.mark.parametrize(("typed", "lang", "key"), REFUSED)
def test_anything_ambiguous_or_malformed_is_refused_never_guessed(typed, lang, key):
    reading = parse_number(typed, lang)
    assert not reading.ok and reading.value is None and reading.shown == ""
    assert reading.problem.key == key
    for reader in LANGS:
        text = reading.problem.text(reader)
        assert "{" not in text and len(text) > 15


def test_the_refusals_say_what_to_write_in_the_readers_language():
    assert parse_number("1.700", "ru").problem.text("ru") == (
        f"«1.700» можно прочитать и как 1,7, и как 1{NBSP}700; напишите 1,7 или 1{NBSP}700"
    )
    assert parse_number("1.700", "kk").problem.text("kk").startswith("«1.700» санын 1,7 деп те")
    assert parse_number("17,5", "en").problem.text("en") == "“17,5”: in English the decimal mark is a point; write 17.5"
    assert parse_number("97,5 %", "ru").problem.text("ru") == "Введите число без знака %: 97,5"


def test_empty_is_no_value_and_no_problem():
    for text in ("", "   ", NBSP):
        reading = parse_number(text, "ru")
        assert reading.ok and reading.value is None


def test_what_is_read_back_parses_to_the_same_value():
    rng = random.Random(20)
    for _ in range(2000):
        value = round(rng.uniform(0, 10 ** rng.randint(0, 9)), rng.randint(0, 4))
        for lang in LANGS:
            shown = i18n.number(value, lang, max_decimals=4)
            reading = parse_number(shown, lang)
            if lang != "en" and reading.problem is not None:  # "1.234" cannot be shown in kk/ru: never happens
                pytest.fail(f"{shown!r} in {lang}: {reading.problem.key}")
            assert reading.value == pytest.approx(
                float(shown.replace(NBSP, "").replace(",", "" if lang == "en" else ".").replace("−", "-"))
            )
