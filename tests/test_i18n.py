"""Every string a user reads exists in Kazakh, Russian and English; numbers read the officials' way."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from zhez import i18n

PLACEHOLDER = re.compile(r"{(\w+)}")


def entries(lang: str):
    """(key, form, text) for every text of a language; ``form`` is "" for a plain entry."""
    for key, entry in i18n.catalogue(lang).items():
        if isinstance(entry, dict):
            yield from ((key, form, text) for form, text in entry.items())
        else:
            yield key, "", entry


def test_the_three_language_files_hold_the_same_keys():
    keys = [list(i18n.catalogue(lang)) for lang in i18n.LANGUAGES]
    assert set(keys[0]) == set(keys[1]) == set(keys[2])
    assert len(keys[0]) > 400


def test_every_text_is_non_empty():
    for lang in i18n.LANGUAGES:
        for key, form, text in entries(lang):
            assert text.strip(), (lang, key, form)


def test_placeholders_agree_across_languages_and_plural_forms():
    """Every form of every language fills in the same values. A plural form may leave out the count
    itself ("The worst indicator" for one), as CLDR allows; the "other" form always shows it."""
    for key in i18n.catalogue("kk"):
        found = {}
        for lang in i18n.LANGUAGES:
            entry = i18n.catalogue(lang)[key]
            for form, text in (entry if isinstance(entry, dict) else {"": entry}).items():
                found[(lang, form)] = set(PLACEHOLDER.findall(text))
        if all(form == "" for _lang, form in found):
            assert len({frozenset(v) for v in found.values()}) == 1, (key, found)
        else:
            assert len({frozenset(v - {"n"}) for v in found.values()}) == 1, (key, found)
            assert all("n" in v for (_lang, form), v in found.items() if form in ("", "other")), (key, found)


def test_each_plural_entry_has_the_forms_its_language_needs():
    for lang in i18n.LANGUAGES:
        needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
        for key, entry in i18n.catalogue(lang).items():
            if isinstance(entry, dict):
                categories = {form for form in entry if not form.startswith("=")}  # "=1": an exact count besides
                assert categories == needed, (lang, key, sorted(entry), sorted(needed))


def test_a_plural_form_without_the_number_is_for_one_thing_only():
    """Russian's ``one`` is 1, 21, 31…: the Overview's banner said "Этот статус основан…" over 21 statuses and its
    heading "Индикатор, дальше всех отставший…" over 21 indicators. A form that leaves the number out may stand
    only where its count can be nothing but one."""
    for lang in i18n.LANGUAGES:
        for key, entry in i18n.catalogue(lang).items():
            if not isinstance(entry, dict):
                continue
            for form, text in entry.items():
                if "{n}" in text or form == "=1":
                    continue
                counts = [n for n in range(1000) if i18n.plural_category(n, lang) == form]
                assert counts == [1], (lang, key, form, counts[:4])


@pytest.mark.parametrize(
    ("key", "lang", "n", "expected"),
    [
        ("ux.overview.worst_title", "ru", 1, "Индикатор, дальше всех отставший от своего пути"),
        ("ux.overview.worst_title", "ru", 2, "2 индикатора, дальше всех отставших от своего пути"),
        ("ux.overview.worst_title", "ru", 5, "5 индикаторов, дальше всех отставших от своего пути"),
        ("ux.overview.worst_title", "ru", 21, "21 индикатор, дальше всех отставший от своего пути"),
        ("ux.overview.worst_title", "en", 1, "The indicator furthest from its path"),
        ("ux.overview.worst_title", "en", 6, "The 6 indicators furthest from their path"),
        ("meeting.more", "ru", 44, "Ещё 44 индикатора — на странице «Направления»."),
        ("meeting.more", "ru", 11, "Ещё 11 индикаторов — на странице «Направления»."),
        ("overview.audit_link", "ru", 2, "Открыть все 2 замечания"),
        ("overview.audit_link", "ru", 82, "Открыть все 82 замечания"),
        ("overview.audit_link", "ru", 85, "Открыть все 85 замечаний"),
        ("overview.audit_link", "en", 1, "Open the 1 finding"),
        ("overview.in_directions", "ru", 11, "по 11 направлениям"),
        ("overview.in_directions", "ru", 1, "по 1 направлению"),
        ("count.errors", "ru", 3, "3 ошибки"),
        ("count.errors", "ru", 14, "14 ошибок"),
        ("count.warnings", "en", 1, "1 warning"),
        ("meeting.more", "kk", 44, "Тағы 44 көрсеткіш «Бағыттар» бетінде."),
    ],
)
def test_counts_read_correctly(key, lang, n, expected):
    assert i18n.t(key, lang, n=n) == expected


def test_a_plural_entry_needs_its_count():
    with pytest.raises(KeyError):
        i18n.t("meeting.more", "ru")


def test_every_key_used_in_the_code_is_defined(root):
    used: set[str] = set()
    for path in [*root.glob("zhez/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", text))
    missing = sorted(k for k in used if k not in i18n.catalogue("kk"))
    assert not missing


def test_kazakh_strings_are_kazakh_not_russian_copies():
    kk, ru = i18n.catalogue("kk"), i18n.catalogue("ru")
    same = [k for k in kk if kk[k] == ru[k] and isinstance(kk[k], str) and re.search(r"[а-яА-Я]{4,}", kk[k])]
    allowed = {
        "sector.sport",
        "sector.ecology",
        "theme.ecology",  # «экология» is the Kazakh word too (as sector.ecology)
        "page.indicator",
        "indicator.pick",
        "unit.mln_kzt",
        "col.code",
        "col.id",
        "action.import",
        "export.source_file",
        "auth.signed_in_as",
        "whatif.col_scenario",  # «сценарий» is the Kazakh word too
        "editions.col_name",  # «редакция»: the word of Kazakh legal texts for an amended version
        "editions.col_edition",
        "editions.col_file",  # «файл»
    }
    assert set(same) <= allowed


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "78\u00a0935,3\u00a0млн\u00a0₸"),
        ("ru", "78\u00a0935,3\u00a0млн\u00a0₸"),
        ("en", "78,935.3\u00a0mln\u00a0₸"),
    ],
)
def test_money_is_written_as_officials_write_it(lang, expected):
    assert i18n.money(78935.3, lang) == expected


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_sentence_never_parts_a_sum_from_its_unit(lang):
    """The Overview's audit line broke as "(125,2 млн" / "₸)" at a line's end: a number and "млн ₸" after it are
    one unit. A column heading's ", млн ₸" keeps its plain space: editors' workbooks are matched by it."""
    sentence = i18n.t(
        "audit.financing_part_exceeds", lang, year="2026", part="A", part_value=125.2, parent="B", parent_value=62.6
    )
    word = "mln" if lang == "en" else "млн"
    assert f"125{',' if lang != 'en' else '.'}2\u00a0{word}\u00a0₸" in sentence
    assert f" {word}" not in sentence and f"{word} ₸" not in sentence
    assert i18n.t("col.cost", lang).endswith(f", {word} ₸")


def test_numbers_and_signs():
    assert i18n.number(184716.0, "ru") == "184\u00a0716"
    assert i18n.number(0.16, "en") == "0.16"
    assert i18n.number(float("nan"), "kk") == "—"
    assert i18n.signed(-62.6, "en", 1) == "−62.6"
    assert i18n.signed(1200.5, "ru") == "+1\u00a0200,5"
    assert i18n.number(-0.0, "en") == "0"


def test_an_unknown_key_or_language_is_a_bug():
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "kk")
    with pytest.raises(KeyError):
        i18n.t("page.overview", "de")


@pytest.mark.parametrize(("lang", "expected"), [("kk", "05.01.2027"), ("ru", "05.01.2027"), ("en", "2027-01-05")])
def test_a_day_is_written_as_the_readers_documents_write_it(lang, expected):
    import datetime as dt

    import pandas as pd

    for moment in (
        dt.date(2027, 1, 5),
        dt.datetime(2027, 1, 5, 23, 59),
        pd.Timestamp("2027-01-05 10:00"),
        "2027-01-05",
    ):
        assert i18n.day(moment, lang) == expected
    assert i18n.day(None, lang) == i18n.day(pd.NaT, lang) == i18n.day(float("nan"), lang) == i18n.NO_VALUE


def test_a_unit_that_starts_with_a_number_never_reads_into_the_value():
    assert i18n.after_number("1000 тірі туғандарға шаққанда") == "(1000 тірі туғандарға шаққанда)"
    assert i18n.after_number("%") == "%" and i18n.after_number(" адам ") == "адам" and i18n.after_number("") == ""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_count_of_all_findings_is_not_named_after_one_of_their_severities(lang):
    """Kazakh slides said "95 ескерту, оның 8 — қате": 95 findings of every kind, named after the warnings
    (ескерту) the Audit page counts as 49."""
    said = " ".join(
        [
            i18n.t("meeting.findings_count", lang, n=95, errors=8),
            i18n.t("editions.audit_count", lang, n=95),
            i18n.t("editions.audit_of", lang, edition="0", n=95),
            i18n.t("problem.and_more", lang, n=5),
        ]
    ).lower()
    for severity in ("warning", "info"):
        assert i18n.t(f"severity.{severity}", lang).lower() not in said


@pytest.mark.parametrize(
    ("value", "points", "years"),
    [(1, "балл", "год"), (2, "балла", "года"), (5, "баллов", "лет"), (21, "балл", "год"), (410.5, "балла", "года"),
     (72.9, "балла", "года"), (5.0, "баллов", "лет")],
)  # fmt: skip
def test_a_russian_word_unit_agrees_with_its_number(value, points, years):
    # the Review queue read "410,5 баллы", the Overview "72,9 лет"
    assert i18n.unit_for(value, "баллы", "ru") == points and i18n.unit_for(value, "лет", "ru") == years
    assert i18n.unit_for(value, "чел.", "ru") == "чел." and i18n.unit_for(value, "баллдар", "kk") == "баллдар"
    assert i18n.unit_for(value, "1000 тірі туылғандарға шаққанда", "kk").startswith("(1000")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_words_for_an_official_tell_them_to_run_a_command(lang):
    # the body's workbook told editors to upload it "with python -m zhez actuals import"
    assert not [key for key, text in i18n.catalogue(lang).items() if "python -m" in str(text)]


def test_the_plans_russian_name_is_written_one_way():
    # the Overview said "города Жезказган", the report (the plan's name in data/) "города Жезказгана"
    import csv
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "data" / "source" / "document.csv"
    (document,) = list(csv.reader(source.open(encoding="utf-8")))[1:]
    assert i18n.t("overview.title", "ru") == i18n.t("export.brief_title", "ru") == document[2]
