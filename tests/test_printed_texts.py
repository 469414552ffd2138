"""The plan's printed words that are not names (issue 23 §3): in ru and en a responsible cell, a source and a
body's name show our reviewed translation, marked as ours, with the Kazakh as printed beside it where there is
room; on a Kazakh screen they show as printed, and a unit or a source the plan prints in Russian says so — never
put into Kazakh as if printed so."""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_helpers import html_tables, no_exceptions, open_page, texts

from zhez import i18n, tables
from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.i18n import t
from zhez.store import Store

RUSSIAN_SOURCE = "i09"  # source "Статистические данные", unit "на 100 тыс. населения": both printed in Russian
RUSSIAN_UNIT = "i52"  # unit "млрд тенге" (Kazakh writes теңге)
KAZAKH = "i01"  # "ДСБ, қалалар мен аудандар әкімдіктері …", "Статистикалық деректер", "Жыл саны"


def test_every_responsible_source_and_unit_the_table_prints_is_reviewed(plan):
    for field in ("responsible", "source", "unit"):
        for printed in {p for p in plan.indicators[field] if p}:
            row = plan.printed_text(field, printed)
            assert row is not None, (field, printed)
            assert row["language"] in (("", "kk", "ru") if field == "unit" else ("kk", "ru")), (field, printed)
            if field != "unit":
                assert row["ru"] and row["en"] and row["en"] != printed, (field, printed)
    russian_units = set(plan.printed_texts.query("field == 'unit' and language == 'ru'")["printed"])
    assert russian_units == {"на 100 тыс. населения", "млрд тенге"}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_ru_and_en_show_our_translation_marked_with_the_original(plan, lang):
    row = plan.indicator(KAZAKH)
    responsible = plan.printed_text("responsible", row["responsible"])
    source = plan.printed_text("source", row["source"])
    facts = tables.facts_markdown(plan, row, lang)
    for reviewed in (responsible, source):
        assert (
            f"{reviewed[lang]} ({t('printed.ours', lang)}; {t('printed.original', lang, text=reviewed['printed'])})"
            in facts
        )
    assert t("indicator.expansion_note", lang) in facts
    frame = tables.indicators_table(plan, lang)
    shown = frame[frame[t("col.id", lang)] == KAZAKH].iloc[0]
    assert shown[i18n.marked_ours(t("col.responsible", lang), lang)] == responsible[lang]
    assert shown[i18n.marked_ours(t("col.source", lang), lang)] == source[lang]
    assert shown[t("col.responsible_printed", lang)] == row["responsible"]  # the cell as printed stays at hand


def test_kazakh_shows_the_cells_as_printed_and_says_which_the_plan_prints_in_russian(plan):
    row = plan.indicator(RUSSIAN_SOURCE)
    facts = tables.facts_markdown(plan, row, "kk")
    assert f"Статистические данные ({t('printed.in_russian', 'kk')})" in facts
    assert f"на 100 тыс. населения ({t('printed.in_russian_short', 'kk')})" in facts
    assert (
        tables.unit_text(plan, plan.indicator(RUSSIAN_UNIT), "kk")
        == f"млрд тенге ({t('printed.in_russian_short', 'kk')})"
    )
    assert tables.unit_text(plan, plan.indicator(KAZAKH), "kk") == "Жыл саны"  # printed in Kazakh: nothing to say
    assert t("printed.in_russian", "kk") not in tables.facts_markdown(plan, plan.indicator(KAZAKH), "kk")
    frame = tables.indicators_table(plan, "kk").set_index(t("col.id", "kk"))
    assert (
        frame.loc[RUSSIAN_SOURCE, t("col.source", "kk")] == f"Статистические данные ({t('printed.in_russian', 'kk')})"
    )
    assert frame.loc[RUSSIAN_UNIT, t("col.unit", "kk")] == f"млрд тенге ({t('printed.in_russian_short', 'kk')})"
    # a Russian reader reads it as printed, with nothing to mark; an English one, translated
    assert tables.printed_text(plan, "source", "Статистические данные", "ru").cell() == "Статистические данные"
    assert tables.printed_text(plan, "source", "Статистические данные", "en").text == "Statistical data"


def test_a_text_nobody_has_reviewed_shows_as_printed_and_says_so(plan):
    shown = tables.printed_text(plan, "responsible", "Жаңа бөлім, қала әкімінің орынбасары", "ru")
    assert shown.cell() == f"Жаңа бөлім, қала әкімінің орынбасары ({t('printed.as_printed', 'ru')})"
    assert not shown.translated


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_indicator_and_data_pages_show_the_translations_marked(plan, lang):
    row = plan.indicator(KAZAKH)
    reviewed = plan.printed_text("responsible", row["responsible"])
    at = open_page("pages/indicator.py", lang=lang, ind=KAZAKH)
    no_exceptions(at)
    assert f"{reviewed[lang]} ({t('printed.ours', lang)};" in texts(at)
    assert f"{row['responsible']} " not in texts(at).replace(t("printed.original", lang, text=row["responsible"]), "")
    at = open_page("pages/data.py", lang=lang)
    no_exceptions(at)
    frame = at.dataframe[0].value
    column = i18n.marked_ours(t("col.responsible", lang), lang)
    assert reviewed[lang] in set(frame[column])
    assert t("common.translation_note", lang) in texts(at)


def test_the_indicator_page_in_kazakh_says_the_unit_and_source_are_printed_in_russian():
    at = open_page("pages/indicator.py", lang="kk", ind=RUSSIAN_SOURCE)
    no_exceptions(at)
    assert f"Статистические данные ({t('printed.in_russian', 'kk')})" in texts(at)
    assert f"на 100 тыс. населения ({t('printed.in_russian_short', 'kk')})" in texts(at)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_body_names_on_the_board_and_the_review_queue_are_marked_as_ours(plan, lang):
    store = Store()
    store.migrate()
    coordinator = trusted_person("Dana Coordinator", "coordinator")
    store.open_round(coordinator, Period(2026), dt.date(2027, 3, 1))
    editor = trusted_person("Aigul Bekova", "editor", ["ДСБ"])
    report = IndicatorReport(70.0, deviation_reason="test", source="test")
    store.save(plan, editor, [Entry(KAZAKH, Period(2026), report)], submit=True)
    health = plan.bodies.set_index("abbr").loc["ДСБ", f"name_{lang}"]
    at = open_page(None, lang=lang)
    at.session_state["editor"] = coordinator
    at.switch_page("pages/board.py").run()
    no_exceptions(at)
    column = i18n.marked_ours(t("cycle.col.body_name", lang), lang)
    board = next(frame for frame in html_tables(at) if column.replace("\u00a0", " ") in frame.columns)
    assert health in set(board[column])
    at.switch_page("pages/review.py").run()
    no_exceptions(at)
    assert f"ДСБ · {health} ({t('printed.ours', lang)})" in [h.value for h in at.subheader]
