"""Every string a user reads, in Kazakh, Russian and English, and numbers as officials write them.

``t(key, lang, **params)`` looks a string up; a missing key or language is a bug and
raises ``KeyError`` (a test checks every key used in the code is here, in all three).
Numbers go through Babel: ``78 935,3`` in kk/ru, ``78,935.3`` in en.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

# Vega-Lite number locales, so chart axes and tooltips read like the page around them.
VEGA_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "kk": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
    "ru": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
}

Text = tuple[str, str, str]  # kk, ru, en

TEXTS: dict[str, Text] = {}


def add(texts: Mapping[str, Text]) -> None:
    """Register strings (modules keep their own strings next to their code where it reads better)."""
    for key, value in texts.items():
        if key in TEXTS and TEXTS[key] != value:
            raise ValueError(f"string {key!r} defined twice with different text")
        TEXTS[key] = value


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}")
    return lang


def t(key: str, lang: str, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{params}`` filled in (numbers formatted for ``lang``)."""
    text = TEXTS[key][LANGUAGES.index(check_language(lang))]
    if not params:
        return text
    return text.format(**{k: _param(v, lang) for k, v in params.items()})


def _param(value: object, lang: str) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return number(value, lang)
    if isinstance(value, Mapping):
        return value[lang]
    return value


def number(value: float | int | None, lang: str, decimals: int | None = None, max_decimals: int = 3) -> str:
    """A number as officials write it: ``decimals`` fixed, or (``None``) up to ``max_decimals``, trimmed."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = _pattern(pattern).apply(value + 0.0, _locale(lang))  # + 0.0 drops a -0.0
    if text.lstrip("-").strip("0.,\u00a0 ") == "":
        text = text.lstrip("-")
    return text.replace("-", "−")


def signed(value: float, lang: str, decimals: int | None = None) -> str:
    """A change with its sign always shown: ``+1 200,5`` / ``−300``."""
    text = number(abs(value), lang, decimals)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text
    return text


def money(value_mln: float | None, lang: str) -> str:
    """Millions of tenge, one decimal as the plan prints them: ``78 935,3 млн ₸`` / ``78,935.3 mln ₸``."""
    if value_mln is None or (isinstance(value_mln, float) and math.isnan(value_mln)):
        return "–"
    return f"{number(value_mln, lang, 1)}\u00a0{t('unit.mln_kzt', lang)}"


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as ``25 %``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{number(share * 100, lang, decimals)}\u00a0%"


# Parsed once: Babel's format_decimal re-parses the locale and the pattern on every call,
# which was most of the cost of a page listing thousands of indicators.
@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse({"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}[check_language(lang)])


@functools.cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def localized(row: Mapping[str, Any], field: str, lang: str) -> str:
    """The ``field_<lang>`` of a data row (``name_kk``, ``name_ru`` …)."""
    return str(row[f"{field}_{check_language(lang)}"])


def translated_column(field: str, lang: str) -> str:
    """The column holding ``field`` in ``lang``: ``field`` as the plan prints it (kk), ``field_ru``/``field_en``
    our translations. (Names, by contrast, have a ``name_kk`` column of their own.)"""
    return field if check_language(lang) == "kk" else f"{field}_{lang}"


def unit_of(row: Mapping[str, Any], lang: str) -> str:
    """An indicator's unit in ``lang``."""
    return str(row[translated_column("unit", lang)])


add(
    {
        # ── units and common words ──────────────────────────────────────────
        "unit.mln_kzt": ("млн ₸", "млн ₸", "mln ₸"),
        "common.none": ("жоқ", "нет", "none"),
        "common.yes": ("иә", "да", "yes"),
        "common.no": ("жоқ", "нет", "no"),
        "common.all": ("Барлығы", "Все", "All"),
        "common.year": ("Жыл", "Год", "Year"),
        "common.value": ("Мән", "Значение", "Value"),
        "common.kind": ("Түрі", "Вид", "Kind"),
        "common.source_cell": ("Құжаттағы ұяшық", "Ячейка в документе", "Cell in the document"),
        "common.download_csv": ("CSV жүктеу", "Скачать CSV", "Download CSV"),
        "common.download_xlsx": ("XLSX жүктеу", "Скачать XLSX", "Download XLSX"),
        "common.search": ("Атауы бойынша іздеу", "Поиск по названию", "Search by name"),
        "common.translation_note": (
            "Атаулар құжаттағыдай, қазақ тілінде.",
            "Названия индикаторов — наш перевод с казахского оригинала.",
            "Indicator names are our translation of the Kazakh original.",
        ),
        "common.page": ("Бет", "Страница", "Page"),
        "common.rows_shown": (
            "{total} жолдың {first}–{last} жолдары көрсетілген",
            "Показаны строки {first}–{last} из {total}",
            "Rows {first}–{last} of {total} shown",
        ),
        "common.not_given": ("көрсетілмеген", "не указано", "not given"),
        "kind.actual": ("нақты", "факт", "actual"),
        "kind.estimate": ("бағалау (2025 жоспар-факт)", "оценка (план-факт 2025)", "estimate (2025 plan/fact)"),
        "kind.target": ("нысаналы", "целевое", "target"),
        "kind.projection": ("болжам", "проекция", "projection"),
        "kind.recorded": ("енгізілген нақты", "внесённый факт", "recorded actual"),
        "desired.increase": ("өсуі керек ↑", "должен расти ↑", "higher is better ↑"),
        "desired.decrease": ("төмендеуі керек ↓", "должен снижаться ↓", "lower is better ↓"),
        "desired.maintain": ("деңгейін сақтау →", "удерживать уровень →", "hold the level →"),
        "scope.region": ("облыс бойынша", "по области", "whole region"),
        "scope.city": ("қала бойынша", "по городу", "city"),
        "part.regional_plan": (
            "Ұлытау облысын дамыту жоспарын іске асыру",
            "Реализация Плана развития области Ұлытау",
            "Implementing the Ulytau regional development plan",
        ),
        "part.other_documents": (
            "Өзге жоспарлау құжаттарын іске асыру",
            "Реализация других документов планирования",
            "Implementing other planning documents",
        ),
        "severity.error": ("қате", "ошибка", "error"),
        "severity.warning": ("ескерту", "предупреждение", "warning"),
        "severity.info": ("ақпарат", "сведение", "note"),
        "field.unit": ("өлшем бірлігі", "единица измерения", "unit"),
        "field.responsible": ("жауапты орындаушы", "ответственный исполнитель", "responsible body"),
        "field.source": ("ақпарат көзі", "источник информации", "source"),
        "section.narrative": ("2–3-бөлімдер", "разделы 2–3", "sections 2–3"),
        "section.passport": ("төлқұжат", "паспорт", "passport"),
        "verb.increase": ("өсуі", "расти", "rise"),
        "verb.decrease": ("төмендеуі", "снижаться", "fall"),
        "verb.maintain": ("деңгейін сақтауы", "держать уровень", "hold its level"),
    }
)

# ── audit ─────────────────────────────────────────────────────────────────
add(
    {
        "audit.financing_sum": (
            "{year}: «{total}» құрамындағы жолдардың сомасы {sum} млн ₸, кестеде {printed} млн ₸ басылған (айырма {diff}).",
            "{year}: строки, входящие в «{total}», дают в сумме {sum} млн ₸, в таблице напечатано {printed} млн ₸ (разница {diff}).",
            "{year}: the lines under “{total}” add up to {sum} mln ₸; the table prints {printed} mln ₸ (difference {diff}).",
        ),
        "audit.financing_part_exceeds": (
            "{year}: «{part}» ({part_value} млн ₸) өзі кіретін «{parent}» жолынан ({parent_value} млн ₸) үлкен.",
            "{year}: «{part}» ({part_value} млн ₸) больше строки, в которую входит, — «{parent}» ({parent_value} млн ₸).",
            "{year}: “{part}” ({part_value} mln ₸) is larger than the line it belongs to, “{parent}” ({parent_value} mln ₸).",
        ),
        "audit.financing_no_values": (
            "«{line}»: барлық жылдарда «-»; жоспарда бұл бағытқа қаржыландыру көрсетілмеген.",
            "«{line}»: во всех годах «-»; план не указывает финансирование этого направления.",
            "“{line}”: “-” in every year; the plan gives no financing for this direction.",
        ),
        "audit.unit_in_wrong_column": (
            "«{unit}» өлшем бірлігі «{column}» бағанында басылған.",
            "Единица «{unit}» напечатана в столбце «{column}».",
            "The unit “{unit}” is printed in the “{column}” column.",
        ),
        "audit.duplicate_row": (
            "{code} «{name}» жолы басқа мақсаттың астында {other_code} жолын қайталайды (код пен барлық жылдардағы мәндер бірдей); екі жол да сақталды.",
            "Строка {code} «{name}» повторяет строку {other_code} под другой целью (тот же код и те же значения во всех годах); сохранены обе.",
            "Row {code} “{name}” repeats row {other_code} under another goal (same code, same values in every year); both rows are kept.",
        ),
        "audit.code_mismatch": (
            "Төлқұжатта бұл индикатордың коды {passport_code}, кестеде — {code}.",
            "В паспорте у этого индикатора код {passport_code}, в таблице — {code}.",
            "The passport gives this indicator the code {passport_code}, the table {code}.",
        ),
        "audit.not_in_passport": (
            "Индикатор кестеде бар, бірақ төлқұжатта жоқ.",
            "Индикатор есть в таблице, но отсутствует в паспорте.",
            "This indicator is in the table but not in the passport.",
        ),
        "audit.passport_only": (
            "Төлқұжатта {code} «{name}» көрсетілген, ол кестеде жоқ.",
            "В паспорте указан {code} «{name}», которого нет в таблице.",
            "The passport lists {code} “{name}”, which is not in the table.",
        ),
        "audit.code_reused": (
            "{code} коды екі түрлі индикаторға берілген: «{name}» және «{other_name}».",
            "Код {code} дан двум разным индикаторам: «{name}» и «{other_name}».",
            "The code {code} is used for two different indicators: “{name}” and “{other_name}”.",
        ),
        "audit.code_without_number": (
            "Индикатор нөмірсіз, «{code}» деп қана басылған.",
            "Индикатор напечатан как «{code}», без номера.",
            "The indicator is printed as “{code}”, without a number.",
        ),
        "audit.numbering_gap": (
            "Нөмірлеуде олқылық: сол міндетте {code} алдында {missing} жоқ.",
            "Пропуск в нумерации: в той же задаче перед {code} нет {missing}.",
            "Numbering gap: in the same task {code} has no {missing} before it.",
        ),
        "audit.target_against_desired": (
            "Индикатордың мағынасы бойынша ол {desired_verb} тиіс, бірақ жарияланған мәндер кері бағытта: {steps}.",
            "По смыслу индикатор должен {desired_verb}, но опубликованные значения идут в обратную сторону: {steps}.",
            "By its meaning the indicator should {desired_verb}, but the published values move the other way: {steps}.",
        ),
        "audit.series_break": (
            "Қатардың үзілуі: {from_year} {from_value} → {to_year} {to_value} ({change}); нысаналы мәндер басқа деңгейден басталады, жылдарды салыстыру қиын.",
            "Разрыв ряда: {from_year} {from_value} → {to_year} {to_value} ({change}); целевые значения начинаются с другого уровня, годы могут быть несопоставимы.",
            "Series break: {from_year} {from_value} → {to_year} {to_value} ({change}); the targets restart from a different level, so the years may not be comparable.",
        ),
        "audit.missing_metadata": (
            "Кестеде көрсетілмеген: {fields}.",
            "В таблице не указано: {fields}.",
            "Not given in the table: {fields}.",
        ),
        "audit.missing_value": (
            "{years} жылдарға мән жоқ (ұяшық «-» немесе бос); 0 емес, бос орын ретінде көрсетіледі.",
            "Нет значения за {years} (ячейка «-» или пустая); показано как пропуск, а не как 0.",
            "No value for {years} (cell “-” or empty); shown as a gap, never as 0.",
        ),
        "audit.region_scope": (
            "Қала емес, бүкіл Ұлытау облысы бойынша өлшенеді (атауында «{marker}»).",
            "Измеряется по всей области Ұлытау, а не по городу (в названии «{marker}»).",
            "Measured for the whole Ulytau region, not the city (“{marker}” in the name).",
        ),
        "audit.unit_suspect": (
            "«{unit}» өлшем бірлігі мұндай индикатор үшін әдеттен тыс; басылғандай сақталды, жауапты органмен нақтылау керек.",
            "Единица «{unit}» необычна для такого индикатора; сохранена как напечатано, уточните у ответственного органа.",
            "The unit “{unit}” is unusual for this kind of indicator; kept as printed; check it with the responsible body.",
        ),
        "audit.cell_format": (
            "{cells}: {problem}; мән басылған сан ретінде оқылды.",
            "{cells}: {problem}; значение прочитано как напечатанное число.",
            "{cells}: {problem}; the value is read as the printed number.",
        ),
        "format.decimal_point": ("үтірдің орнына нүкте", "точка вместо запятой", "a decimal point instead of a comma"),
        "format.percent_sign": ("ұяшық ішінде % белгісі", "знак % внутри ячейки", "a % sign inside the cell"),
        "format.trailing_space": ("соңында артық бос орын", "лишний пробел в конце", "a trailing blank"),
        "format.no_thousands_gap": (
            "мыңдықтар бос орынсыз жазылған (басқа ұяшықтарда бар)",
            "тысячи без пробела (в других ячейках он есть)",
            "thousands written without a gap (other cells have one)",
        ),
        "audit.direction_number_mismatch": (
            "Төлқұжатта бұл — {passport_number}-бағыт, кестеде — {number}-бағыт.",
            "В паспорте это направление {passport_number}, в таблице — {number}.",
            "The passport numbers this direction {passport_number}, the table {number}.",
        ),
        "audit.direction_unnamed": (
            "Кестеде атауы жоқ, тек «{printed}» деп басылған; қосымша оны мақсатына қарай атайды.",
            "В таблице без названия, только «{printed}»; приложение называет его по его цели.",
            "The table prints only “{printed}”, with no name; the app names it after its goal.",
        ),
        "audit.heading_language": (
            "Тақырып орыс тілінде басылған: «{printed}».",
            "Заголовок напечатан по-русски: «{printed}».",
            "The heading is printed in Russian: “{printed}”.",
        ),
        "audit.narrative_conflict": (
            "Жоспар мәтіні ({section}) {year} үшін {text_value} дейді, кестеде {table_value}: «{quote}».",
            "Текст плана ({section}) даёт за {year} значение {text_value}, таблица — {table_value}: «{quote}».",
            "The plan's text ({section}) gives {text_value} for {year}, the table {table_value}: “{quote}”.",
        ),
    }
)

# ── progress ──────────────────────────────────────────────────────────────
add(
    {
        "status.on_track": ("Жоспар бойынша", "По плану", "On track"),
        "status.at_risk": ("Тәуекел бар", "Под угрозой", "At risk"),
        "status.off_track": ("Артта қалу", "Отставание", "Off track"),
        "status.moving_away": ("Кері кету", "Удаляется от цели", "Moving away"),
        "status.no_rating": ("Бағасы жоқ", "Без оценки", "No rating"),
        "lens.target": ("осы жылдың нысанасымен салыстыру", "сравнение с целью года", "against this year's target"),
        "lens.pace": ("2030 жылғы нысанаға қарай қарқын", "темп к цели 2030 года", "pace to the final target"),
        "basis.actual": ("{year} нақты", "факт {year}", "actual {year}"),
        "basis.estimate": ("{year} бағалау", "оценка {year}", "{year} estimate"),
        "basis.none": ("дерек жоқ", "нет данных", "no data"),
        "explain.good_way": ("дұрыс бағытта", "в нужную сторону", "the right way"),
        "explain.bad_way": ("кері бағытта", "в обратную сторону", "the wrong way"),
        "explain.no_change": ("(өзгеріссіз)", "(без изменений)", "(no change)"),
        "explain.target_met": (
            "{basis}: {value} {unit}, {target_year} жылғы нысана {target} орындалды → {status}.",
            "{basis}: {value} {unit}, цель {target_year} года ({target}) достигнута → {status}.",
            "{basis}: {value} {unit}, the {target_year} target of {target} is met → {status}.",
        ),
        "explain.within_tolerance": (
            "{basis}: {value} {unit}, нысаналы деңгей {target} рұқсат етілген ауытқу шегінде сақталған → {status}.",
            "{basis}: {value} {unit}, уровень {target} удерживается в пределах допуска → {status}.",
            "{basis}: {value} {unit}, holding the level of {target} within tolerance → {status}.",
        ),
        "explain.short_of_level": (
            "{basis}: {value} {unit}, сақталуы тиіс деңгей {target} → {status}.",
            "{basis}: {value} {unit}, ниже уровня {target}, который нужно удерживать → {status}.",
            "{basis}: {value} {unit}, short of the level of {target} to hold → {status}.",
        ),
        "explain.ratio": (
            "{baseline_year} жылдан бері жоспарланған өзгерістің {ratio} орындалды ({baseline} → {value} {unit}, {target_year} жылғы нысана {target}) → {status}.",
            "С {baseline_year} года выполнено {ratio} запланированного изменения ({baseline} → {value} {unit}, цель {target_year} года {target}) → {status}.",
            "{ratio} of the change planned since {baseline_year} is achieved ({baseline} → {value} {unit}, {target_year} target {target}) → {status}.",
        ),
        "explain.pace": (
            "{baseline_year} → {basis}: жылына {observed} {direction}; {target_year} жылғы нысанаға ({target}) жету үшін жылына {required} қажет; арақатынасы {ratio} → {status}.",
            "{baseline_year} → {basis}: {observed} в год {direction}; для цели {target_year} года ({target}) нужно {required} в год; соотношение {ratio} → {status}.",
            "{baseline_year} → {basis}: {observed} a year {direction}; the {target_year} target of {target} needs {required} a year; ratio {ratio} → {status}.",
        ),
        "explain.target_reached": (
            "{basis}: {value} {unit}, {target_year} жылғы нысана ({target}) қазірдің өзінде орындалған → {status}.",
            "{basis}: {value} {unit}, цель {target_year} года ({target}) уже достигнута → {status}.",
            "{basis}: {value} {unit} already meets the {target_year} target of {target} → {status}.",
        ),
        "explain.single_point": (
            "Бір ғана өлшем бар ({basis}: {value}); қарқынды есептеу үшін кемінде екеуі керек → {status}.",
            "Есть только одно значение ({basis}: {value}); для темпа нужно хотя бы два → {status}.",
            "Only one value so far ({basis}: {value}); a pace needs at least two → {status}.",
        ),
        "explain.no_data": (
            "Нақты мән де, бағалау да жоқ → {status}.",
            "Нет ни факта, ни оценки → {status}.",
            "No actual and no estimate → {status}.",
        ),
        "explain.no_baseline": (
            "{basis} үшін салыстыратын бастапқы мән жоқ → {status}.",
            "Для «{basis}» нет базового значения для сравнения → {status}.",
            "No baseline to compare the {basis} with → {status}.",
        ),
        "explain.target_missing": (
            "{basis} кейін нысаналы мән жоқ → {status}.",
            "После «{basis}» нет целевых значений → {status}.",
            "No target after the {basis} → {status}.",
        ),
    }
)

# ── charts ────────────────────────────────────────────────────────────────
add(
    {
        "chart.financing_title": (
            "Қаржыландыру жылдар және бағыттар бойынша, млн ₸",
            "Финансирование по годам и направлениям, млн ₸",
            "Financing by year and direction, mln ₸",
        ),
        "chart.financing_subtitle": (
            "Бағандар — бағыттар жолдары; ◆ — кестедегі «БАРЛЫҚ» жолы (сомалар сәйкес келмейді, аудитті қараңыз)",
            "Столбцы — строки направлений; ◆ — напечатанная строка «ВСЕГО» (суммы не сходятся, см. аудит)",
            "Bars: direction lines; ◆: the printed TOTAL line (they do not add up; see the audit)",
        ),
        "chart.printed_total": ("Кестедегі БАРЛЫҒЫ", "ВСЕГО по таблице", "Printed TOTAL"),
        "chart.estimate_note": (
            "○ — 2025 бағалау (өлшенген факт емес)",
            "○ — оценка 2025 (не измеренный факт)",
            "○ — 2025 estimate (not a measured actual)",
        ),
        "chart.line": ("Жол", "Строка", "Line"),
        "chart.no_value": ("мән жоқ («-»)", "нет значения («-»)", "no value (“-”)"),
        "chart.source": ("Дереккөз", "Источник", "Source"),
        "chart.source_plan_cell": (
            "Жоспар кестесі, ұяшық «{cell}»",
            "Таблица плана, ячейка «{cell}»",
            "Plan table, cell “{cell}”",
        ),
        "chart.source_recorded": ("Енгізген: {who}, {when}", "Внёс(ла): {who}, {when}", "Recorded by {who}, {when}"),
        "chart.source_projection": (
            "Байқалған қарқынмен түзу сызықты болжам",
            "Линейная проекция по наблюдаемому темпу",
            "Straight-line projection at the observed pace",
        ),
        "series.target": ("Нысаналы жол", "Целевая траектория", "Target path"),
        "series.actual": ("Нақты", "Факт", "Actual"),
        "series.estimate": ("2025 бағалау", "Оценка 2025", "2025 estimate"),
        "series.projection": ("Қазіргі қарқынмен болжам", "Проекция при текущем темпе", "Projection at current pace"),
    }
)

# ── pages and navigation ───────────────────────────────────────────────────
add(
    {
        "page.overview": ("Шолу", "Обзор", "Overview"),
        "page.directions": ("Бағыттар", "Направления", "Directions"),
        "page.indicator": ("Индикатор", "Индикатор", "Indicator"),
        "page.map": ("Жобалар картасы", "Карта проектов", "Project map"),
        "page.whatif": ("Сценарий: «егер…»", "Сценарий «что если»", "What-if"),
        "page.record": ("Нақты мәндерді енгізу", "Ввод фактических значений", "Record actuals"),
        "page.meeting": ("Мәжіліс режимі", "Режим совещания", "Meeting mode"),
        "page.data": ("Деректер", "Данные", "Data"),
        "page.audit": ("Жоспар аудиті", "Аудит плана", "Plan audit"),
        "page.method": ("Бағалау әдісі", "Методика оценки", "Method"),
        "filter.direction": ("Бағыт", "Направление", "Direction"),
        "filter.goal": ("Мақсат", "Цель", "Goal"),
        "filter.status": ("Мәртебе", "Статус", "Status"),
        "filter.responsible": ("Жауапты орган", "Ответственный орган", "Responsible body"),
        # overview
        "overview.title": (
            "Жезқазған қаласының 2026–2030 жылдарға арналған даму жоспары",
            "План развития города Жезказган на 2026–2030 годы",
            "Zhezkazgan city development plan 2026–2030",
        ),
        "overview.caption": (
            "Жоспардың 4-бөлімі кестесі: индикаторлар, нысаналы мәндер және қаржыландыру — құжатта басылғандай.",
            "Таблица раздела 4 плана: индикаторы, целевые значения и финансирование — как напечатано в документе.",
            "The plan's section 4 table: indicators, targets and financing, exactly as printed in the document.",
        ),
        "overview.indicators": ("Индикаторлар", "Индикаторы", "Indicators"),
        "overview.in_directions": ("{n} бағыт бойынша", "по {n} направлениям", "in {n} directions"),
        "overview.financing_total": ("Қаржыландыру 2026–2030", "Финансирование 2026–2030", "Financing 2026–2030"),
        "overview.printed_total_note": ("кестедегі «БАРЛЫҚ» жолы", "строка «ВСЕГО» таблицы", "the table's TOTAL line"),
        "overview.projects": ("Инфрақұрылым жобалары", "Инфраструктурные проекты", "Infrastructure projects"),
        "overview.projects_note": (
            "жоспардың 2–3-бөлімдерінен",
            "из разделов 2–3 плана",
            "from sections 2–3 of the plan",
        ),
        "overview.audit_findings": ("Аудит тұжырымдары", "Замечания аудита", "Audit findings"),
        "overview.audit_split": (
            "{errors} қате, {warnings} ескерту",
            "{errors} ошибок, {warnings} предупреждений",
            "{errors} errors, {warnings} warnings",
        ),
        "overview.directions": ("Бағыттар", "Направления", "Directions"),
        "overview.no_financing": ("«-» (көрсетілмеген)", "«-» (не указано)", "“-” (not given)"),
        "overview.col_direction": ("Бағыт", "Направление", "Direction"),
        "overview.col_part": ("Бөлім", "Часть", "Part"),
        "overview.col_indicators": ("Индикаторлар", "Индикаторов", "Indicators"),
        "overview.col_goals": ("Мақсаттар", "Целей", "Goals"),
        "overview.col_financing": ("Қаржыландыру 2026–2030", "Финансирование 2026–2030", "Financing 2026–2030"),
        "overview.audit_title": ("Жоспар аудиті", "Аудит плана", "Plan audit"),
        "overview.audit_intro": (
            "Құжаттағы сәйкессіздіктер түзетілмейді, белгіленеді. Ең маңыздылары:",
            "Несоответствия в документе не исправляются, а отмечаются. Главные из них:",
            "Inconsistencies in the document are flagged, never fixed. The most serious:",
        ),
        "overview.audit_link": ("Барлық {n} тұжырымды ашу", "Открыть все {n} замечаний", "Open all {n} findings"),
        # data
        "data.title": ("Жоспар деректері", "Данные плана", "Plan data"),
        "data.caption": (
            "Әр мән жанында — құжаттағы ұяшық мәтіні. «-» немесе бос ұяшық — мән жоқ (0 емес).",
            "Рядом с каждым значением — текст ячейки документа. «-» или пустая ячейка — нет значения (не 0).",
            "Next to each value: the cell's text in the document. “-” or an empty cell means no value (not 0).",
        ),
        "data.tab_indicators": ("Индикаторлар", "Индикаторы", "Indicators"),
        "data.tab_values": ("Мәндер", "Значения", "Values"),
        "data.tab_financing": ("Қаржыландыру", "Финансирование", "Financing"),
        "data.tab_projects": ("Жобалар", "Проекты", "Projects"),
        # audit page
        "audit.title": ("Жоспар аудиті", "Аудит плана", "Plan audit"),
        "audit.intro": (
            "Жоспардың өзіндегі сәйкессіздіктер мен олқылықтар. Құжаттағы мәндер өзгертілмейді: әр тұжырым ұяшықты көрсетіп, не біртүрлі екенін айтады.",
            "Противоречия и пробелы самого плана. Значения документа не меняются: каждое замечание указывает на ячейку и говорит, что с ней не так.",
            "Where the plan contradicts itself or leaves gaps. The document's values are never changed: each finding points at the cell and says what is odd.",
        ),
        "audit.filter_severity": ("Маңыздылығы", "Важность", "Severity"),
        "audit.filter_kind": ("Түрі", "Вид", "Kind"),
        "audit.tab_list": ("Тізім", "Список", "List"),
        "audit.tab_table": ("Кесте", "Таблица", "Table"),
        "audit.none": ("Сүзгіге сай тұжырым жоқ.", "Нет замечаний по этому фильтру.", "No findings match this filter."),
        "audit.where_plan": ("Жоспар", "План", "Plan"),
        # audit kinds
        "finding.financing_sum": ("Сомалар сәйкес емес", "Суммы не сходятся", "Totals do not add up"),
        "finding.financing_part_exceeds": (
            "Бөлігі тұтасынан үлкен",
            "Часть больше целого",
            "Part larger than its line",
        ),
        "finding.financing_no_values": (
            "Қаржыландыру көрсетілмеген",
            "Финансирование не указано",
            "No financing given",
        ),
        "finding.unit_in_wrong_column": (
            "Өлшем бірлігі басқа бағанда",
            "Единица в чужом столбце",
            "Unit in the wrong column",
        ),
        "finding.duplicate_row": ("Қайталанған жол", "Повтор строки", "Duplicated row"),
        "finding.code_mismatch": ("Код төлқұжаттан өзгеше", "Код не как в паспорте", "Code differs from the passport"),
        "finding.not_in_passport": ("Төлқұжатта жоқ", "Нет в паспорте", "Not in the passport"),
        "finding.passport_only": ("Тек төлқұжатта", "Только в паспорте", "Only in the passport"),
        "finding.code_reused": ("Бір код екі индикаторда", "Один код у двух индикаторов", "Code used twice"),
        "finding.code_without_number": ("Нөмірсіз код", "Код без номера", "Code without a number"),
        "finding.numbering_gap": ("Нөмірлеудегі олқылық", "Пропуск в нумерации", "Numbering gap"),
        "finding.target_against_desired": (
            "Нысана қажетті бағытқа қарсы",
            "Цели против нужного направления",
            "Targets against the desired direction",
        ),
        "finding.series_break": ("Қатардың үзілуі", "Разрыв ряда", "Series break"),
        "finding.missing_metadata": ("Сипаттама толық емес", "Неполное описание", "Missing description"),
        "finding.missing_value": ("Мән жоқ", "Нет значения", "Missing value"),
        "finding.region_scope": ("Облыс бойынша өлшенеді", "Измеряется по области", "Measured region-wide"),
        "finding.unit_suspect": ("Күмәнді өлшем бірлігі", "Сомнительная единица", "Unusual unit"),
        "finding.cell_format": ("Ұяшық пішімі", "Формат ячейки", "Cell format"),
        "finding.direction_number_mismatch": (
            "Бағыт нөмірі өзгеше",
            "Другой номер направления",
            "Direction numbered differently",
        ),
        "finding.direction_unnamed": ("Бағыттың атауы жоқ", "Направление без названия", "Direction without a name"),
        "finding.heading_language": ("Тақырып орысша", "Заголовок на русском", "Heading in Russian"),
        "finding.narrative_conflict": (
            "Мәтін мен кесте сәйкес емес",
            "Текст и таблица расходятся",
            "Text and table disagree",
        ),
        # columns
        "col.code": ("Код", "Код", "Code"),
        "col.name": ("Атауы", "Название", "Name"),
        "col.name_original": ("Құжаттағы атауы", "Название в документе", "Name in the document"),
        "col.unit": ("Өлшем бірлігі", "Ед. изм.", "Unit"),
        "col.desired": ("Қажетті бағыт", "Желаемое направление", "Desired direction"),
        "col.direction": ("Бағыт", "Направление", "Direction"),
        "col.goal": ("Мақсат", "Цель", "Goal"),
        "col.headline": ("(бағыттың негізгі индикаторы)", "(ключевой индикатор направления)", "(headline indicator)"),
        "col.scope": ("Қамту", "Охват", "Scope"),
        "col.responsible": ("Жауапты орындаушы", "Ответственный исполнитель", "Responsible"),
        "col.source": ("Ақпарат көзі", "Источник информации", "Source"),
        "col.id": ("ID", "ID", "ID"),
        "col.line": ("Қаржыландыру жолы", "Строка финансирования", "Financing line"),
        "col.role": ("Жол түрі", "Тип строки", "Line type"),
        "col.period_total": ("2026–2030 сомасы", "Сумма 2026–2030", "Sum 2026–2030"),
        "col.project": ("Жоба", "Проект", "Project"),
        "col.sector": ("Сала", "Отрасль", "Sector"),
        "col.years": ("Жылдар", "Годы", "Years"),
        "col.cost": ("Құны, млн ₸", "Стоимость, млн ₸", "Cost, mln ₸"),
        "col.capacity": ("Қуаты", "Мощность", "Capacity"),
        "col.stage": ("Кезеңі", "Стадия", "Stage"),
        "col.place": ("Орны", "Место", "Place"),
        "col.precision": ("Орналасу дәлдігі", "Точность размещения", "Location precision"),
        "col.severity": ("Маңыздылығы", "Важность", "Severity"),
        "col.status": ("Мәртебе", "Статус", "Status"),
        "col.basis": ("Негізі", "Основание", "Based on"),
        "col.explanation": ("Түсіндірме", "Пояснение", "Why"),
        "col.kind": ("Түрі", "Вид", "Kind"),
        "col.where": ("Қайда", "Где", "Where"),
        "col.finding": ("Тұжырым", "Замечание", "Finding"),
        "role.line": ("бағыт", "направление", "direction"),
        "role.sub_line": (
            "оның ішінде (бағыт ішінде)",
            "в т. ч. (внутри направления)",
            "of which (within a direction)",
        ),
        "role.total": ("жиыны", "итог", "total"),
        "role.of_which": ("оның ішінде (жиын ішінде)", "в т. ч. (внутри итога)", "of which (within the total)"),
        "years.until": ("{year} дейін", "до {year}", "by {year}"),
        "years.from": ("{year} бастап", "с {year}", "from {year}"),
        "years.not_stated": ("жоспарда көрсетілмеген", "в плане не указаны", "not stated in the plan"),
        "sector.road": ("Қала жолдары", "Городские дороги", "City roads"),
        "sector.transport": ("Өңірлік көлік", "Региональный транспорт", "Regional transport"),
        "sector.water": ("Сумен жабдықтау", "Водоснабжение", "Water supply"),
        "sector.sewer": ("Кәріз", "Канализация", "Sewerage"),
        "sector.heating": ("Жылумен жабдықтау", "Теплоснабжение", "Heating"),
        "sector.gas": ("Газбен жабдықтау", "Газоснабжение", "Gas"),
        "sector.power": ("Электр энергетикасы", "Электроэнергетика", "Power"),
        "sector.school": ("Мектептер", "Школы", "Schools"),
        "sector.kindergarten": ("Балабақшалар", "Детские сады", "Kindergartens"),
        "sector.health": ("Денсаулық сақтау", "Здравоохранение", "Health"),
        "sector.housing": ("Тұрғын үй", "Жильё", "Housing"),
        "sector.sport": ("Спорт", "Спорт", "Sport"),
        "sector.culture": ("Мәдениет", "Культура", "Culture"),
        "sector.ecology": ("Экология", "Экология", "Environment"),
        "stage.planned": ("жоспарланған", "планируется", "planned"),
        "stage.under_way": ("жүзеге асырылуда", "реализуется", "under way"),
        "stage.completed": ("аяқталған", "завершён", "completed"),
        "precision.exact": ("нақты нүкте", "точная точка", "exact point"),
        "precision.site": ("нысан орны", "площадка объекта", "site"),
        "precision.district": ("аудан (шамамен)", "район (приблизительно)", "district (approximate)"),
        "precision.settlement": (
            "елді мекен (шамамен)",
            "населённый пункт (приблизительно)",
            "settlement (approximate)",
        ),
        "precision.schematic": ("сызба (шамамен)", "схема (приблизительно)", "schematic (approximate)"),
    }
)

# ── directions, indicator, method ──────────────────────────────────────────
add(
    {
        "directions.title": ("Бағыттар бойынша барысы", "Ход выполнения по направлениям", "Progress by direction"),
        "directions.financing": (
            "Бағытты қаржыландыру 2026–2030",
            "Финансирование направления 2026–2030",
            "Direction financing 2026–2030",
        ),
        "directions.filters": (
            "Сүзгілер: мақсат, мәртебе, жауапты орган, іздеу",
            "Фильтры: цель, статус, ответственный, поиск",
            "Filters: goal, status, responsible body, search",
        ),
        "directions.nothing": (
            "Сүзгіге сай индикатор жоқ.",
            "Нет индикаторов по этому фильтру.",
            "No indicator matches these filters.",
        ),
        "directions.grid_title": (
            "Индикаторлар, ең нашарынан бастап: {shown} / {total} (бет {page}/{pages})",
            "Индикаторы, начиная с худших: {shown} из {total} (стр. {page}/{pages})",
            "Indicators, worst first: {shown} of {total} (page {page}/{pages})",
        ),
        "directions.list_title": (
            "Мәртебелер және олардың негізі",
            "Статусы и их основание",
            "Statuses and what they rest on",
        ),
        "directions.list_hint": (
            "Индикатордың толық бетін ашу үшін жолды таңдаңыз.",
            "Выберите строку, чтобы открыть карточку индикатора.",
            "Pick a row to open the indicator's page.",
        ),
    }
)
add(
    {
        "indicator.pick": ("Индикатор", "Индикатор", "Indicator"),
        "indicator.original": (
            "Құжаттағы атауы (қазақша): {name}",
            "Название в документе (на казахском): {name}",
            "Name in the document (Kazakh): {name}",
        ),
        "indicator.has_findings": (
            "Жоспар аудитінің осы индикатор бойынша тұжырымдары: {n} (төменде).",
            "Замечания аудита плана по этому индикатору: {n} (см. ниже).",
            "Plan audit findings on this indicator: {n} (see below).",
        ),
        "indicator.facts": ("Жоспарда не айтылған", "Что сказано в плане", "What the plan says"),
        "indicator.values": ("Мәндер жылдар бойынша", "Значения по годам", "Values by year"),
        "indicator.plan_value": ("Жоспардағы мән", "Значение в плане", "Value in the plan"),
        "indicator.recorded_by": ("Кім, қашан енгізді", "Кто и когда внёс", "Recorded by, on"),
        "indicator.findings": ("Аудит тұжырымдары", "Замечания аудита", "Audit findings"),
        "indicator.no_findings": (
            "Бұл индикатор бойынша тұжырым жоқ.",
            "По этому индикатору замечаний нет.",
            "No findings on this indicator.",
        ),
        "indicator.projects": ("Байланысты жобалар", "Связанные проекты", "Linked projects"),
        "indicator.no_projects": (
            "Жоспар бұл индикаторды ешбір инфрақұрылым жобасымен байланыстырмайды.",
            "План не связывает этот индикатор ни с одним инфраструктурным проектом.",
            "The plan links no infrastructure project to this indicator.",
        ),
        "indicator.no_unit": ("өлшем бірлігі көрсетілмеген", "единица не указана", "unit not given"),
        "indicator.expansion_note": (
            "қысқартудың ашылуы біздікі",
            "расшифровка аббревиатуры наша",
            "our expansion of the abbreviation",
        ),
        "indicator.desired_note": ("индикатордың мағынасынан", "по смыслу индикатора", "from the indicator's meaning"),
        "indicator.based_on": ("Негізі", "Основание", "Based on"),
        "col.link": ("Байланыс", "Связь", "Link"),
        "link.explicit": ("жоспарда тікелей айтылған", "прямо указана в плане", "stated in the plan"),
        "link.thematic": ("тақырыптық (біздің бағамымыз)", "тематическая (наша оценка)", "thematic (our reading)"),
    }
)
add(
    {
        "method.title": ("Мәртебе қалай анықталады", "Как определяется статус", "How a status is decided"),
        "method.intro": (
            "Әр индикатор үшін бір ереже, барлық беттерде бірдей. Ол жоспардағы нысаналы жолды нақты мәндердің жүрісімен салыстырады және индикатордың қажетті бағытын ескереді: өлім-жітім, жабдықтың тозуы, кедейлік үшін төмендеу — жақсару.",
            "Одно правило для каждого индикатора, одинаковое на всех страницах. Оно сравнивает целевую траекторию плана с фактическим ходом и учитывает желаемое направление индикатора: для смертности, износа сетей, бедности снижение — это улучшение.",
            "One rule for every indicator, the same on every page. It compares the plan's target path with the actual course and respects each indicator's desired direction: for mortality, network wear or poverty a fall is an improvement.",
        ),
        "method.lens1": (
            "**1. Осы жылдың нысанасымен салыстыру.** Нысаналы жылға (2026–2030) нақты мән енгізілгенде: жоспарланған өзгеріс P = T(y) − B, қол жеткізілгені R = A(y) − B (B — бастапқы мән, әдетте 2024 нақты). Қатынас r = R / P. Нысанаға жетсе немесе асып кетсе — жоспар бойынша. Деңгейді сақтау керек болса (P = 0), рұқсат етілген ауытқу — нысананың 1 %-ы (пайыздық көрсеткіштер үшін 0,5 пункт).",
            "**1. Сравнение с целью года.** Когда за целевой год (2026–2030) внесён факт: плановое изменение P = T(y) − B, достигнутое R = A(y) − B (B — базовое значение, обычно факт 2024). Соотношение r = R / P. Цель достигнута или превышена — «по плану». Если уровень нужно удерживать (P = 0), допуск — 1 % от цели (0,5 пункта для процентов).",
            "**1. Against this year's target.** Once an actual is recorded for a target year (2026–2030): planned change P = T(y) − B, achieved R = A(y) − B (B is the baseline, normally the 2024 actual). Ratio r = R / P. A target met or beaten is on track. Where a level is to be held (P = 0), the tolerance is 1 % of the target (0.5 points for percentages).",
        ),
        "method.lens2": (
            "**2. 2030 жылғы нысанаға қарай қарқын.** Әзірге нысаналы жылдардың нақты мәні жоқ: байқалған жылдық өзгеріс (2024 нақты → 2025 бағалау және кейінгі нақты мәндер) соңғы нүктеден соңғы нысанаға жету үшін қажет жылдық өзгеріспен салыстырылады: r = байқалған / қажетті. Бүгін барлық мәртебелер осы әдіспен есептеледі және 2025 бағалауға негізделеді — ол өлшенген факт емес.",
            "**2. Темп к цели 2030 года.** Пока фактов за целевые годы нет: наблюдаемое годовое изменение (факт 2024 → оценка 2025 и последующие факты) сравнивается с годовым изменением, нужным от последней точки до конечной цели: r = наблюдаемое / нужное. Сегодня все статусы считаются так и опираются на оценку 2025 года — это не измеренный факт.",
            "**2. Pace to the final target.** Until a target year has an actual: the observed yearly change (2024 actual → 2025 estimate and later actuals) is compared with the yearly change needed from the latest point to the final target: r = observed / required. Today every status is computed this way and rests on the 2025 estimate, which is not a measured actual.",
        ),
        "method.thresholds": ("Шекаралар", "Пороги", "Thresholds"),
        "method.threshold_on_track": (
            "нысана орындалды немесе r ≥ 0,95",
            "цель достигнута или r ≥ 0,95",
            "target met, or r ≥ 0.95",
        ),
        "method.threshold_at_risk": ("0,60 ≤ r < 0,95", "0,60 ≤ r < 0,95", "0.60 ≤ r < 0.95"),
        "method.threshold_off_track": ("0 ≤ r < 0,60", "0 ≤ r < 0,60", "0 ≤ r < 0.60"),
        "method.threshold_moving_away": ("r < 0 (кері бағытта)", "r < 0 (в обратную сторону)", "r < 0 (the wrong way)"),
        "method.threshold_no_rating": (
            "дерек жеткіліксіз (мысалы, бір ғана мән) — себебі көрсетіледі",
            "недостаточно данных (например, одно значение) — причина указывается",
            "not enough data (e.g. a single value) — the reason is shown",
        ),
        "method.sources": (
            "Шекаралар Eurostat-тың сандық нысаналарды бағалау тәсіліне (талап етілген прогреске қатынасы) және SDSN-нің ТДМ тренд көрсеткіштеріне сүйенеді. Түстер түс айыра алмайтын адамдарға қауіпсіз және ешқашан жалғыз белгі емес: әр мәртебенің сөзі мен белгішесі бар.",
            "Пороги следуют подходу Eurostat к количественным целям (отношение наблюдаемого прогресса к требуемому) и трендовым стрелкам SDSN для ЦУР. Цвета безопасны для людей с нарушением цветовосприятия и никогда не единственный сигнал: у каждого статуса есть слово и значок.",
            "Thresholds follow Eurostat's assessment of quantified targets (observed against required progress) and the SDSN's SDG trend arrows. Colours are colour-blind-safe and never the only signal: every status has a word and an icon.",
        ),
        "method.open_indicator": ("Индикатор бетін ашу", "Открыть карточку индикатора", "Open the indicator's page"),
        "method.examples": ("Жоспардан мысалдар", "Примеры из плана", "Worked examples from the plan"),
        "method.example_intro": (
            "Төмендегі сөйлемдер қазіргі деректерден есептеледі, қолмен жазылмаған.",
            "Фразы ниже вычислены по текущим данным, а не написаны вручную.",
            "The sentences below are computed from the current data, not typed in.",
        ),
        "method.chart_grammar": (
            "Графиктерде: нысаналы жол — үзік сызық, нақты мәндер — тұтас сызық, 2025 бағалау — қуыс шеңбер, қазіргі қарқынмен 2030 жылға дейінгі болжам — нүктелі сызық.",
            "На графиках: целевая траектория — пунктир, факт — сплошная линия, оценка 2025 — полый кружок, проекция при текущем темпе до 2030 — точечная линия.",
            "In the charts: the target path is dashed, actuals solid, the 2025 estimate a hollow circle, and the projection at the current pace to 2030 dotted.",
        ),
    }
)

# ── recording actuals: template, import problems, export ───────────────────
add(
    {
        "template.title": (
            "Жезқазған даму жоспары 2026–2030: индикаторлардың нақты мәндері",
            "План развития Жезказгана 2026–2030: фактические значения индикаторов",
            "Zhezkazgan development plan 2026–2030: actual values of the indicators",
        ),
        "template.how_1": (
            "Тек сары ұяшықтарды толтырыңыз: «Нақты ЖЖЖЖ» — сол жылдың нақты мәні, «Ескертпе» — дереккөз немесе түсініктеме.",
            "Заполняйте только жёлтые ячейки: «Факт ГГГГ» — фактическое значение за год, «Примечание» — источник или пояснение.",
            "Fill only the yellow cells: “Actual YYYY” is the year's actual value, “Note” its source or an explanation.",
        ),
        "template.how_2": (
            "Сандарды сан ретінде енгізіңіз (мысалы 12,5), мәтін, күн немесе формула емес. Пайыздық индикаторлар: 0-ден 100-ге дейін. Бос ұяшық — өзгеріс жоқ.",
            "Вводите числа как числа (например 12,5), не текст, даты или формулы. Для процентных индикаторов — от 0 до 100. Пустая ячейка — без изменений.",
            "Enter numbers as numbers (e.g. 12.5), not text, dates or formulas. Percentage indicators: 0 to 100. An empty cell changes nothing.",
        ),
        "template.how_3": (
            "Жолдарды, бағандарды және тақырыптарды өзгертпеңіз, парақ қоспаңыз және жасырмаңыз. Файлды қосымшадағы «Нақты мәндерді енгізу» бетіне жүктеңіз.",
            "Не меняйте строки, столбцы и заголовки, не добавляйте и не скрывайте листы. Загрузите файл на странице «Ввод фактических значений».",
            "Do not change rows, columns or headings, and do not add or hide sheets. Upload the file on the “Record actuals” page.",
        ),
        "template.plan_actual": ("{year} жоспар (нақты)", "{year} план (факт)", "{year} plan (actual)"),
        "template.plan_estimate": ("{year} жоспар (бағалау)", "{year} план (оценка)", "{year} plan (estimate)"),
        "template.target": ("Нысана {year}", "Цель {year}", "Target {year}"),
        "template.actual": ("Нақты {year}", "Факт {year}", "Actual {year}"),
        "template.note": ("Ескертпе", "Примечание", "Note"),
        "template.validation_percent": ("0-ден 100-ге дейінгі сан", "Число от 0 до 100", "A number from 0 to 100"),
        "template.validation_number": ("Теріс емес сан", "Неотрицательное число", "A number, not negative"),
        "problem.unknown_indicator": (
            "Белгісіз индикатор «{indicator}»",
            "Неизвестный индикатор «{indicator}»",
            "Unknown indicator “{indicator}”",
        ),
        "problem.year_range": (
            "{year} жылы 2024–2030 аралығынан тыс",
            "Год {year} вне 2024–2030",
            "Year {year} is outside 2024–2030",
        ),
        "problem.not_a_number": ("«{value}» сан емес", "«{value}» — не число", "“{value}” is not a number"),
        "problem.text_in_value": (
            "Мән ұяшығында мәтін бар: «{value}»; сан енгізіңіз",
            "В ячейке значения текст: «{value}»; введите число",
            "Text in a value cell: “{value}”; enter a number",
        ),
        "problem.date_in_value": (
            "Мән ұяшығында күн бар: «{value}»; сан енгізіңіз",
            "В ячейке значения дата: «{value}»; введите число",
            "A date in a value cell: “{value}”; enter a number",
        ),
        "problem.boolean_in_value": (
            "Мән ұяшығында логикалық мән бар: «{value}»; сан енгізіңіз",
            "В ячейке значения логическое значение: «{value}»; введите число",
            "A true/false value in a value cell: “{value}”; enter a number",
        ),
        "problem.negative": (
            "Теріс мән ({value}) мүмкін емес",
            "Отрицательное значение ({value}) недопустимо",
            "A negative value ({value}) is not possible",
        ),
        "problem.over_100": (
            "Пайыздық индикатор 100-ден аспайды, енгізілген {value}",
            "Процентный индикатор не может быть больше 100, введено {value}",
            "A percentage cannot exceed 100; got {value}",
        ),
        "problem.note_too_long": (
            "Ескертпе {limit} таңбадан ұзын",
            "Примечание длиннее {limit} знаков",
            "The note is longer than {limit} characters",
        ),
        "problem.duplicate": (
            "Бір индикатор мен жыл екі рет берілген",
            "Один индикатор и год указаны дважды",
            "The same indicator and year are given twice",
        ),
        "problem.empty_file": (
            "Файл бос; үлгіні жүктеп алып, толтырыңыз",
            "Файл пустой; скачайте шаблон и заполните его",
            "The file is empty; download the template and fill it in",
        ),
        "problem.too_large": (
            "Файл тым үлкен (шегі {limit})",
            "Файл слишком большой (предел {limit})",
            "The file is too large (limit {limit})",
        ),
        "problem.not_xlsx": (
            "Бұл Excel жұмыс кітабы (.xlsx) емес; үлгіні жүктеп алып, соны толтырыңыз",
            "Это не книга Excel (.xlsx); скачайте шаблон и заполните его",
            "This is not an Excel workbook (.xlsx); download the template and fill it in",
        ),
        "problem.zip_bomb": (
            "Файл ішіндегі деректер қалыптан тыс үлкен; өңделмейді",
            "Содержимое файла распаковывается в слишком большой объём; файл не обрабатывается",
            "The file unpacks to far more data than a template can hold; refused",
        ),
        "problem.hidden_sheet": (
            "Жұмыс кітабында жасырын парақ бар: {sheets}",
            "В книге есть скрытые листы: {sheets}",
            "The workbook has hidden sheets: {sheets}",
        ),
        "problem.several_sheets": (
            "Үлгіде бір парақ болуы керек, мұнда {count}",
            "В шаблоне должен быть один лист, здесь {count}",
            "The template has one sheet; this workbook has {count}",
        ),
        "problem.too_many_rows": (
            "Жолдар тым көп ({rows}, шегі {limit})",
            "Слишком много строк ({rows}, предел {limit})",
            "Too many rows ({rows}; limit {limit})",
        ),
        "problem.merged_cells": (
            "Біріктірілген ұяшықтар бар ({cells}); оларды ажыратыңыз",
            "Есть объединённые ячейки ({cells}); разъедините их",
            "Merged cells ({cells}); unmerge them",
        ),
        "problem.header_missing": (
            "«{heading}» тақырыбы жоқ",
            "Нет заголовка «{heading}»",
            "The heading “{heading}” is missing",
        ),
        "problem.header_renamed": (
            "Тақырып өзгертілген: «{heading}» күтілді, «{found}» бар",
            "Заголовок изменён: ожидался «{heading}», найден «{found}»",
            "Heading changed: expected “{heading}”, found “{found}”",
        ),
        "problem.header_unexpected": (
            "Артық баған: «{found}»",
            "Лишний столбец: «{found}»",
            "Unexpected column: “{found}”",
        ),
        "problem.duplicate_row": (
            "{indicator} индикаторы қайталанады (алғашқысы {first}-жолда)",
            "Индикатор {indicator} повторяется (впервые в строке {first})",
            "Indicator {indicator} appears twice (first in row {first})",
        ),
        "problem.code_mismatch": (
            "{indicator} жолындағы код «{code}» жоспармен сәйкес емес",
            "Код «{code}» в строке {indicator} не совпадает с планом",
            "The code “{code}” on row {indicator} does not match the plan",
        ),
        "problem.formula_no_value": (
            "Формула есептелген мәнсіз сақталған; мәнді сан ретінде енгізіңіз",
            "Формула сохранена без вычисленного значения; введите значение числом",
            "A formula saved without a computed value; enter the value as a number",
        ),
        "problem.scenario_name": (
            "Сценарий атауы 1–120 таңба",
            "Название сценария: 1–120 знаков",
            "A scenario name: 1–120 characters",
        ),
        "problem.coordinates": ("Координаттар жарамсыз", "Недопустимые координаты", "Invalid coordinates"),
        "problem.precision": ("Белгісіз дәлдік", "Неизвестная точность", "Unknown precision"),
        "cli.no_file": ("файл табылмады", "файл не найден", "file not found"),
        "cli.applied": (
            "Енгізілді: {changed} мән өзгерді, {unchanged} өзгеріссіз.",
            "Применено: изменено значений — {changed}, без изменений — {unchanged}.",
            "Applied: {changed} values changed, {unchanged} unchanged.",
        ),
        "export.recorded_by": ("Кім енгізді", "Кто внёс", "Recorded by"),
        "export.recorded_at": ("Қашан", "Когда", "Recorded at"),
        "export.source_file": ("Файл", "Файл", "File"),
        "export.at": ("Уақыты", "Время", "When"),
        "export.who": ("Кім", "Кто", "Who"),
        "export.action": ("Әрекет", "Действие", "Action"),
        "export.what": ("Не (индикатор:жыл)", "Что (индикатор:год)", "What (indicator:year)"),
        "export.before": ("Бұрын", "Было", "Before"),
        "export.after": ("Кейін", "Стало", "After"),
    }
)

# ── record page and sign-in ────────────────────────────────────────────────
add(
    {
        "auth.viewers_need_nothing": (
            "Қарау үшін кіру қажет емес. Мәндерді тек редакторлар енгізеді.",
            "Для просмотра вход не нужен. Вносить значения могут только редакторы.",
            "Viewing needs no sign-in. Only editors can record values.",
        ),
        "auth.no_editors": (
            "Редакторлар әлі тіркелмеген. Әкімші: python -m zhez users add АТЫ, шыққан жолды .streamlit/secrets.toml файлының [editors] бөліміне қосыңыз.",
            "Редакторы ещё не заведены. Администратору: python -m zhez users add ИМЯ, полученную строку добавьте в раздел [editors] файла .streamlit/secrets.toml.",
            "No editors are set up yet. Administrator: run python -m zhez users add NAME and paste the line under [editors] in .streamlit/secrets.toml.",
        ),
        "auth.name": ("Аты", "Имя", "Name"),
        "auth.password": ("Құпиясөз", "Пароль", "Password"),
        "auth.sign_in": ("Кіру", "Войти", "Sign in"),
        "auth.sign_in_oidc": (
            "Әкімдік тіркелгісімен кіру",
            "Войти учётной записью акимата",
            "Sign in with the akimat account",
        ),
        "auth.refused": ("Аты немесе құпиясөз қате.", "Неверное имя или пароль.", "Wrong name or password."),
        "auth.signed_in_as": ("Редактор: {name}", "Редактор: {name}", "Editor: {name}"),
        "auth.sign_out": ("Шығу", "Выйти", "Sign out"),
        "auth.editors_only": (
            "Бұл әрекет тек редакторларға рұқсат етілген; «Нақты мәндерді енгізу» бетінде кіріңіз.",
            "Это действие доступно только редакторам; войдите на странице «Ввод фактических значений».",
            "Only editors can do this; sign in on the “Record actuals” page.",
        ),
        "record.title": ("Нақты мәндерді енгізу", "Ввод фактических значений", "Record actual values"),
        "record.tab_one": ("Бір мән", "Одно значение", "One value"),
        "record.tab_workbook": ("Excel жұмыс кітабы", "Книга Excel", "Excel workbook"),
        "record.tab_history": ("Тарих", "История", "History"),
        "record.year": ("Жыл", "Год", "Year"),
        "record.value": ("Нақты мән", "Фактическое значение", "Actual value"),
        "record.note": (
            "Ескертпе (дереккөз, түсініктеме)",
            "Примечание (источник, пояснение)",
            "Note (source, explanation)",
        ),
        "record.save": ("Сақтау", "Сохранить", "Save"),
        "record.clear": ("Енгізілген мәнді өшіру", "Удалить внесённое значение", "Remove the recorded value"),
        "record.context": (
            "Жоспарда {year}: {plan} ({kind}, ұяшық «{cell}»). Енгізілген: {recorded}.",
            "В плане за {year}: {plan} ({kind}, ячейка «{cell}»). Внесено: {recorded}.",
            "Plan for {year}: {plan} ({kind}, cell “{cell}”). Recorded: {recorded}.",
        ),
        "record.nothing_recorded": ("әлі жоқ", "пока нет", "nothing yet"),
        "record.enter_value": ("Мәнді енгізіңіз.", "Введите значение.", "Enter a value."),
        "record.saved": (
            "Сақталды. {indicator}: жаңа мәртебе — {status}.",
            "Сохранено. {indicator}: новый статус — {status}.",
            "Saved. {indicator}: status now {status}.",
        ),
        "record.no_change": (
            "Өзгеріс жоқ: бұл мән бұрыннан енгізілген.",
            "Без изменений: это значение уже внесено.",
            "No change: this value is already recorded.",
        ),
        "record.template": (
            "Толтыруға арналған үлгі (.xlsx)",
            "Шаблон для заполнения (.xlsx)",
            "Template to fill in (.xlsx)",
        ),
        "record.template_help": (
            "Үлгіде енгізілген мәндер бар; тек өзгергенін түзетіңіз.",
            "В шаблоне уже есть внесённые значения; исправьте только изменившееся.",
            "The template already holds what is recorded; change only what is new.",
        ),
        "record.upload": (
            "Толтырылған жұмыс кітабын жүктеу",
            "Загрузить заполненную книгу",
            "Upload the filled workbook",
        ),
        "record.refused": (
            "Файл қабылданбады, ештеңе сақталмады. Себептері:",
            "Файл отклонён, ничего не сохранено. Причины:",
            "The file is refused and nothing was stored. Why:",
        ),
        "record.preview": (
            "Алдын ала қарау: {new} жаңа, {changed} өзгерген, {unchanged} өзгеріссіз, {rejected} қабылданбаған",
            "Предпросмотр: новых {new}, изменённых {changed}, без изменений {unchanged}, отклонённых {rejected}",
            "Preview: {new} new, {changed} changed, {unchanged} unchanged, {rejected} rejected",
        ),
        "record.apply": ("{n} өзгерісті енгізу", "Применить изменения: {n}", "Apply {n} changes"),
        "record.applied": ("Енгізілді: {n} мән.", "Применено значений: {n}.", "Applied: {n} values."),
        "record.nothing_to_apply": (
            "Файлда жаңа немесе өзгерген мән жоқ.",
            "В файле нет новых или изменённых значений.",
            "The file has no new or changed values.",
        ),
        "record.export": (
            "Барлық енгізілгенді жүктеу (.xlsx)",
            "Скачать всё внесённое (.xlsx)",
            "Download everything recorded (.xlsx)",
        ),
        "record.undo": ("Соңғы өзгерісімді болдырмау", "Отменить моё последнее изменение", "Undo my last change"),
        "record.undone": (
            "Болдырылмады: {n} мән қалпына келтірілді.",
            "Отменено: восстановлено значений — {n}.",
            "Undone: {n} values restored.",
        ),
        "record.nothing_to_undo": ("Болдырмайтын өзгеріс жоқ.", "Нечего отменять.", "Nothing of yours to undo."),
        "record.history_empty": ("Әзірге ештеңе енгізілмеген.", "Пока ничего не внесено.", "Nothing recorded yet."),
        "status_word.new": ("жаңа", "новое", "new"),
        "status_word.changed": ("өзгерген", "изменено", "changed"),
        "status_word.unchanged": ("өзгеріссіз", "без изменений", "unchanged"),
        "status_word.rejected": ("қабылданбады", "отклонено", "rejected"),
        "action.record": ("енгізу", "ввод", "record"),
        "action.import": ("импорт", "импорт", "import"),
        "action.undo": ("болдырмау", "отмена", "undo"),
        "col.old": ("Бұрынғы", "Было", "Before"),
        "col.new": ("Жаңа", "Стало", "After"),
        "col.row": ("Жол", "Строка", "Row"),
        "col.result": ("Нәтиже", "Результат", "Result"),
        "col.reason": ("Себебі", "Причина", "Reason"),
        "col.when": ("Қашан", "Когда", "When"),
        "col.who": ("Кім", "Кто", "Who"),
        "col.action": ("Әрекет", "Действие", "Action"),
    }
)

# ── what-if ────────────────────────────────────────────────────────────────
add(
    {
        "budget.move_n": ("{n}-қадам", "Перемещение {n}", "Move {n}"),
        "budget.not_enough": (
            "«{line}» жолында {year} жылы тек {available} млн ₸ бар",
            "у строки «{line}» в {year} году только {available} млн ₸",
            "“{line}” has only {available} mln ₸ in {year}",
        ),
        "budget.amount_positive": (
            "сома нөлден үлкен болуы керек (берілгені {amount})",
            "сумма должна быть больше нуля (указано {amount})",
            "the amount must be above zero (got {amount})",
        ),
        "budget.year_range": (
            "{year} жылы 2024–2030 аралығынан тыс",
            "год {year} вне 2024–2030",
            "year {year} is outside 2024–2030",
        ),
        "budget.unknown_line": ("белгісіз жол «{line}»", "неизвестная строка «{line}»", "unknown line “{line}”"),
        "budget.total_line": (
            "«{line}» — жиын жол; ол құрамындағы жолдармен бірге өзгереді",
            "«{line}» — итоговая строка; она меняется вместе со своими строками",
            "“{line}” is a total; it changes with the lines under it",
        ),
        "whatif.title": (
            "Сценарий: қаржыландыруды қайта бөлу",
            "Сценарий: перераспределение финансирования",
            "What-if: reallocating the funding",
        ),
        "whatif.hypothetical_word": ("БОЛЖАМДЫ СЦЕНАРИЙ", "ГИПОТЕТИЧЕСКИЙ СЦЕНАРИЙ", "HYPOTHETICAL SCENARIO"),
        "whatif.banner": (
            "Бұл — болжамды сценарий, бекітілген жоспар емес. Жоспардағы сандар өзгертілмейді.",
            "Это гипотетический сценарий, а не утверждённый план. Цифры плана не меняются.",
            "This is a hypothetical scenario, not the approved plan. The plan's figures are not changed.",
        ),
        "whatif.no_moves": (
            "Әзірге өзгеріс жоқ: төменде ақшаны жылдар немесе жолдар арасында жылжытыңыз.",
            "Пока изменений нет: переместите средства между годами или строками ниже.",
            "No change yet: move money between years or lines below.",
        ),
        "whatif.line": ("Қаржыландыру жолы", "Строка финансирования", "Financing line"),
        "whatif.tab_move": ("Ақшаны жылжыту", "Переместить средства", "Move money"),
        "whatif.tab_years": ("Жылдар бойынша", "По годам", "By year"),
        "whatif.tab_table": ("Қадамдар кестесі", "Таблица перемещений", "Moves table"),
        "whatif.tab_saved": ("Сақталған сценарийлер", "Сохранённые сценарии", "Saved scenarios"),
        "whatif.amount": ("Сома, млн ₸", "Сумма, млн ₸", "Amount, mln ₸"),
        "whatif.percent": ("Пайыз, %", "Процент, %", "Percent, %"),
        "whatif.by_percent": ("Пайызбен", "В процентах", "As a percentage"),
        "whatif.from_year": ("Қай жылдан", "Из года", "From year"),
        "whatif.to_year": ("Қай жылға", "В год", "To year"),
        "whatif.to_line": ("Қай жолға", "В строку", "To line"),
        "whatif.add_move": ("Жылжыту", "Переместить", "Move"),
        "whatif.spread": ("Жылдарға тең бөлу", "Распределить поровну по годам", "Spread evenly over years"),
        "whatif.spread_years": ("Бөлінетін жылдар", "Годы распределения", "Years to spread over"),
        "whatif.even_out": ("2026–2030 жылдарды теңестіру", "Выровнять 2026–2030", "Even out 2026–2030"),
        "whatif.years_help": (
            "Жылдың жаңа сомасын енгізіңіз; айырма таңдалған жылдан алынады немесе оған қайтарылады.",
            "Введите новую сумму года; разница берётся из выбранного года или возвращается в него.",
            "Enter a year's new amount; the difference is taken from, or returned to, the year chosen here.",
        ),
        "whatif.balance_year": (
            "Айырманы есептейтін жыл",
            "Год, за счёт которого баланс",
            "Year that balances the difference",
        ),
        "whatif.apply_years": ("Жылдарды қолдану", "Применить по годам", "Apply by year"),
        "whatif.table_help": (
            "Қадамдарды тікелей өңдеңіз (жол ID, жылдар, сома). Қате болса, алдыңғы сценарий сақталады.",
            "Редактируйте перемещения напрямую (ID строки, годы, сумма). При ошибке прежний сценарий сохраняется.",
            "Edit the moves directly (line ID, years, amount). If anything is invalid, the previous scenario stays.",
        ),
        "whatif.apply_table": ("Кестені қолдану", "Применить таблицу", "Apply the table"),
        "whatif.undo": ("Соңғы қадамды болдырмау", "Отменить последнее перемещение", "Undo the last move"),
        "whatif.reset": ("Жоспарға қайтару", "Вернуть к плану", "Reset to the plan"),
        "whatif.moves": ("Сценарий қадамдары", "Перемещения сценария", "The scenario's moves"),
        "whatif.chart_title": ("{line}: жоспар мен сценарий", "{line}: план и сценарий", "{line}: plan and scenario"),
        "whatif.chart_subtitle": (
            "Сценарий бағандары — болжамды (үзік жиек); үстінде — өзгеріс, млн ₸",
            "Столбцы сценария — гипотетические (пунктирная рамка); над ними — изменение, млн ₸",
            "Scenario bars are hypothetical (dashed outline); the change in mln ₸ is written above them",
        ),
        "whatif.series_plan": ("Жоспар (жарияланған)", "План (опубликованный)", "Plan (published)"),
        "whatif.series_scenario": ("Сценарий (болжамды)", "Сценарий (гипотетический)", "Scenario (hypothetical)"),
        "whatif.period_total": ("2026–2030 барлығы", "Итого 2026–2030", "Total 2026–2030"),
        "whatif.col_plan": ("Жоспар, млн ₸", "План, млн ₸", "Plan, mln ₸"),
        "whatif.col_scenario": ("Сценарий, млн ₸", "Сценарий, млн ₸", "Scenario, mln ₸"),
        "whatif.col_delta": ("Δ, млн ₸", "Δ, млн ₸", "Δ, mln ₸"),
        "whatif.col_delta_pct": ("Δ, %", "Δ, %", "Δ, %"),
        "whatif.col_n": ("№", "№", "#"),
        "whatif.col_from": ("Қайдан", "Откуда", "From"),
        "whatif.col_to": ("Қайда", "Куда", "To"),
        "whatif.col_amount": ("Сома, млн ₸", "Сумма, млн ₸", "Amount, mln ₸"),
        "whatif.col_removed": ("Алынған, млн ₸", "Изъято, млн ₸", "Removed, mln ₸"),
        "whatif.col_share": (
            "Жыл қаржысының алынған үлесі, %",
            "Доля изъятого из финансирования года, %",
            "Share of the year's funding removed, %",
        ),
        "whatif.col_years_stated": ("Жоба жылдары", "Годы проекта", "Project years"),
        "whatif.years_assumed": (
            "(жоспарда жоқ, {years} деп алынды)",
            "(в плане нет, принято {years})",
            "(not in the plan; {years} assumed)",
        ),
        "whatif.col_indicators": (
            "Байланысты индикаторлар (мәртебесі)",
            "Связанные индикаторы (статус)",
            "Linked indicators (status)",
        ),
        "whatif.total_kept": (
            "2026–2030 жылдардағы сома сақталды: {total}.",
            "Сумма 2026–2030 сохранена: {total}.",
            "The 2026–2030 total is kept: {total}.",
        ),
        "whatif.total_changed": (
            "2026–2030 жылдардағы сома өзгерді: {delta} млн ₸ ({before} → {after}).",
            "Сумма 2026–2030 изменилась: {delta} млн ₸ ({before} → {after}).",
            "The 2026–2030 total changes by {delta} mln ₸ ({before} → {after}).",
        ),
        "whatif.exposure": ("Тәуекелге ұшырайтын жобалар", "Проекты под риском", "Projects exposed"),
        "whatif.exposure_note": (
            "Бұл — болжам емес, тәуекел тізімі: жоспар әр теңгенің қай жобаға баратынын көрсетпейді. Тізімде — қаржысы қысқарған жылы жүзеге асатын жобалар.",
            "Это список уязвимостей, а не прогноз: план не указывает, какой проект оплачивает каждый тенге. В списке — проекты, идущие в год, когда финансирование их направления сокращено.",
            "An exposure list, not a prediction: the plan does not say which project each tenge pays for. Listed: projects under way in a year whose direction loses money.",
        ),
        "whatif.no_exposure": (
            "Сценарий бірде-бір жобаның жылын қысқартпайды.",
            "Сценарий не сокращает финансирование ни одного года проектов.",
            "The scenario cuts no year in which a project is under way.",
        ),
        "whatif.scenario_name": ("Сценарий атауы", "Название сценария", "Scenario name"),
        "whatif.save": ("Сақтау", "Сохранить", "Save"),
        "whatif.saved": ("«{name}» сценарийі сақталды.", "Сценарий «{name}» сохранён.", "Scenario “{name}” saved."),
        "whatif.open": ("Ашу", "Открыть", "Open"),
        "whatif.delete": ("Жою", "Удалить", "Delete"),
        "whatif.compare_with": ("Салыстыру", "Сравнить с", "Compare with"),
        "whatif.compare_plan": ("жоспармен", "планом", "the plan"),
        "whatif.none_saved": ("Сақталған сценарий жоқ.", "Сохранённых сценариев нет.", "No saved scenarios."),
        "whatif.share_link": (
            "Бұл беттің сілтемесі сценарийдің барлық қадамдарын сақтайды — оны жіберуге болады.",
            "Ссылка на эту страницу содержит все перемещения сценария — ею можно поделиться.",
            "This page's link holds every move of the scenario: share it as it is.",
        ),
        "whatif.export": ("Сценарийді жүктеу (.xlsx)", "Скачать сценарий (.xlsx)", "Download the scenario (.xlsx)"),
        "whatif.bad_link": (
            "Сілтемедегі сценарийді оқу мүмкін болмады ({reason}); жоспар көрсетілді.",
            "Сценарий из ссылки не прочитан ({reason}); показан план.",
            "The scenario in the link could not be read ({reason}); showing the plan.",
        ),
        "whatif.source": ("Дереккөз", "Источник", "Source"),
        "whatif.source_text": (
            "Жоспардың 4-бөлімі кестесінің қаржыландыру жолдары + осы сценарийдің қадамдары",
            "Строки финансирования таблицы раздела 4 плана + перемещения этого сценария",
            "The financing lines of the plan's section 4 table + this scenario's moves",
        ),
        "whatif.compare_title": ("Салыстыру: {line}", "Сравнение: {line}", "Comparison: {line}"),
        "budget.same_place": ("қайдан және қайда бірдей", "откуда и куда совпадают", "from and to are the same"),
    }
)

# ── map ────────────────────────────────────────────────────────────────────
add(
    {
        "map.title": (
            "Инфрақұрылым жобалары картада",
            "Инфраструктурные проекты на карте",
            "Infrastructure projects on the map",
        ),
        "map.intro": (
            "Шеңбердің ауданы жобаның құнына пропорционал; қуыс шеңбер — жоспарда құны көрсетілмеген. Нөмір — кестедегі жоба нөмірі. "
            "Жоспар көп жобаның нақты орнын атамайды: олар өз елді мекенінің айналасына қойылып, оған сұр сызықпен қосылған және «шамамен» деп белгіленген.",
            "Площадь круга пропорциональна стоимости проекта; пустой круг — стоимость в плане не указана. Число — номер проекта в таблице. "
            "Для большинства проектов план не называет точного места: они расставлены вокруг своего населённого пункта, соединены с ним серой линией и помечены «приблизительно».",
            "Circle area is proportional to the project's cost; a hollow circle means the plan states no cost. The number is the project's number in the table. "
            "For most projects the plan names no exact site: they are laid out around their settlement, joined to it by a grey line, and marked approximate.",
        ),
        "map.view": ("Көрініс", "Вид", "View"),
        "map.view_city": ("Қала", "Город", "City"),
        "map.view_region": ("Өңірлік жолдар", "Региональные дороги", "Regional roads"),
        "map.basemap": ("Негізгі карта (интернет қажет)", "Подложка (нужен интернет)", "Basemap (needs internet)"),
        "map.filters": ("Сүзгілер", "Фильтры", "Filters"),
        "map.sector": ("Сала", "Отрасль", "Sector"),
        "map.year": ("Осы жылы жүзеге асырылатын жобалар", "Проекты, идущие в этом году", "Projects under way in"),
        "map.all_years": ("барлық жылдар", "все годы", "all years"),
        "map.years_note": (
            "Жылдары жоспарда көрсетілмеген жоба 2026–2030 жылдардың бәрінде көрсетіледі.",
            "Проект, годы которого в плане не указаны, показывается во всех годах 2026–2030.",
            "A project whose years the plan does not state is shown in every year 2026–2030.",
        ),
        "map.cost_range": ("Құны, млн ₸", "Стоимость, млн ₸", "Cost, mln ₸"),
        "map.include_no_cost": (
            "Құны көрсетілмеген жобаларды қосу",
            "Включать проекты без указанной стоимости",
            "Include projects with no cost stated",
        ),
        "map.no_direction": ("Бағытсыз (өңірлік жобалар)", "Без направления (региональные)", "No direction (regional)"),
        "map.count": (
            "{total} жобаның {shown} көрсетілген",
            "Показано {shown} из {total} проектов",
            "{shown} of {total} projects shown",
        ),
        "map.no_cost": ("құны көрсетілмеген", "стоимость не указана", "cost not stated"),
        "map.placed_approx": (
            "{precision} — «{place}» нүктесіне қойылған",
            "{precision} — поставлен в точку «{place}»",
            "{precision} — placed at {place}",
        ),
        "map.placed_at": ("{precision}: {place}", "{precision}: {place}", "{precision}: {place}"),
        "map.km": ("{km} км", "{km} км", "{km} km"),
        "map.legend": ("Салалар", "Отрасли", "Sectors"),
        "map.offline": (
            "Интернетсіз де оқылады: атаулар мен масштаб картаның өзінде салынған.",
            "Читается и без интернета: подписи и масштаб нарисованы на самой карте.",
            "Readable without internet: names and a scale bar are drawn on the map itself.",
        ),
        "map.pick": ("Жоба", "Проект", "Project"),
        "map.pick_help": (
            "Картадағы нүктені басыңыз немесе тізімнен таңдаңыз.",
            "Нажмите на точку на карте или выберите проект из списка.",
            "Click a point on the map or choose a project from the list.",
        ),
        "map.none_selected": ("— жоба таңдалмаған —", "— проект не выбран —", "— no project selected —"),
        "map.quote": ("Жоспардағы мәтін", "Текст плана (на казахском)", "Text of the plan (in Kazakh)"),
        "map.linked": ("Байланысты көрсеткіштер", "Связанные индикаторы", "Linked indicators"),
        "map.basis.explicit": ("жоспарда тікелей аталған", "связь названа в плане", "named in the plan"),
        "map.basis.thematic": (
            "тақырыбы бойынша (біздің бағалауымыз)",
            "связь по теме (наша оценка)",
            "linked by topic (our reading)",
        ),
        "map.no_linked": ("Байланысты көрсеткіш жоқ.", "Связанных индикаторов нет.", "No linked indicators."),
        "map.corrected": (
            "Нүктені {who} түзеткен ({when}).",
            "Точку исправил(а) {who} ({when}).",
            "Point corrected by {who} ({when}).",
        ),
        "map.correct": ("Жоба нүктесін түзету", "Исправить точку проекта", "Correct a project's point"),
        "map.correct_help": (
            "Жоспар деректері өзгермейді: түзету кім және қашан енгізгенімен бірге бөлек сақталады.",
            "Данные плана не меняются: исправление хранится отдельно, с автором и временем.",
            "The plan's data is not changed: the correction is stored beside it, with who and when.",
        ),
        "map.lat": ("Ендік", "Широта", "Latitude"),
        "map.lon": ("Бойлық", "Долгота", "Longitude"),
        "map.note": ("Ескертпе (дереккөз)", "Примечание (источник)", "Note (source)"),
        "map.save_point": ("Нүктені сақтау", "Сохранить точку", "Save the point"),
        "map.saved_point": ("Нүкте сақталды.", "Точка сохранена.", "The point is saved."),
        "map.bad_point": (
            "Нүкте сақталмады: {problems}.",
            "Точка не сохранена: {problems}.",
            "The point was not saved: {problems}.",
        ),
        "map.problem.coordinates": (
            "ендік −90…90, бойлық −180…180 аралығында болуы керек",
            "широта должна быть в пределах −90…90, долгота −180…180",
            "latitude must be within −90…90 and longitude within −180…180",
        ),
        "map.problem.precision": ("дәлдік белгісіз", "неизвестная точность", "unknown precision"),
        "map.table": ("Сүзгіден өткен жобалар", "Проекты по фильтру", "Projects matching the filters"),
        "map.alt": (
            "Жезқазған картасы: {n} жоба, салалары бойынша түсті нүктелер",
            "Карта Жезказгана: проектов — {n}, точки окрашены по отраслям",
            "Map of Zhezkazgan: {n} projects, points coloured by sector",
        ),
        "map.nothing": (
            "Сүзгіге сәйкес жоба жоқ.",
            "Нет проектов, подходящих под фильтры.",
            "No project matches the filters.",
        ),
        "map.open_indicator": ("Көрсеткішті ашу", "Открыть индикатор", "Open the indicator"),
        "col.number": ("№", "№", "No."),
        "map.translated": (
            "Жоба атауы мен мәтіні жоспардан алынған.",
            "Название — наш перевод с казахского оригинала; цитата плана дана на казахском.",
            "The name is our translation of the Kazakh original; the plan's text is quoted in Kazakh.",
        ),
    }
)

# ── exports and the meeting screen ─────────────────────────────────────────
add(
    {
        "export.source_plan": (
            "Дереккөзі: жарияланған жоспар",
            "Источник: опубликованный план",
            "Source: the published plan",
        ),
        "export.source_actuals": (
            "Дереккөзі: жоспар және енгізілген нақты мәндер",
            "Источник: план и внесённые фактические значения",
            "Source: the plan and recorded actual values",
        ),
        "export.source_scenario": (
            "Дереккөзі: «{name}» сценарийі (жоспар емес)",
            "Источник: сценарий «{name}» (не план)",
            "Source: scenario “{name}” (not the plan)",
        ),
        "export.as_of": ("Деректер {date} күйінде", "Данные на {date}", "Data as of {date}"),
        "export.as_of_plan": (
            "Деректер: тек жоспар (нақты мәндер енгізілмеген)",
            "Данные: только план (факт не вносился)",
            "Data: the plan only (no actuals recorded)",
        ),
        "export.made_on": ("Жасалған күні {date}", "Сформировано {date}", "Made on {date}"),
        "export.hypothetical": (
            "БОЛЖАМДЫ СЦЕНАРИЙ — бекітілген жоспар емес",
            "ГИПОТЕТИЧЕСКИЙ СЦЕНАРИЙ — не утверждённый план",
            "HYPOTHETICAL SCENARIO — not the approved plan",
        ),
        "export.note_made_on": ("Жасалған күні", "Дата формирования", "Made on"),
        "export.note_as_of": ("Деректер күйі", "Данные на", "Data as of"),
        "export.note_source": ("Дереккөзі", "Источник", "Source"),
        "export.note_scope": ("Қамту", "Охват", "Scope"),
        "export.whole_plan": ("Бүкіл жоспар", "Весь план", "The whole plan"),
        "export.col_ratio": ("Қатынас", "Отношение", "Ratio"),
        "export.sheet_statuses": ("Мәртебелер", "Статусы", "Statuses"),
        "export.sheet_indicators": ("Индикаторлар", "Индикаторы", "Indicators"),
        "export.sheet_values": ("Мәндер", "Значения", "Values"),
        "export.sheet_financing": ("Қаржыландыру", "Финансирование", "Financing"),
        "export.sheet_projects": ("Жобалар", "Проекты", "Projects"),
        "export.brief_title": (
            "Жезқазған қаласының 2026–2030 жылдарға арналған даму жоспары",
            "План развития города Жезказган на 2026–2030 годы",
            "Zhezkazgan city development plan 2026–2030",
        ),
        "export.brief_subtitle": (
            "Әкімдік мәжілісіне анықтама",
            "Справка к совещанию в акимате",
            "Brief for the akimat meeting",
        ),
        "export.chart": ("Диаграмманы жүктеу", "Скачать диаграмму", "Download the chart"),
        "export.workbook": ("Бағыт кестесі (.xlsx)", "Таблица направления (.xlsx)", "Direction workbook (.xlsx)"),
        "export.plan_workbook": ("Бүкіл жоспар (.xlsx)", "Весь план (.xlsx)", "The whole plan (.xlsx)"),
        "export.brief": ("Мәжіліс анықтамасы (.pptx)", "Справка к совещанию (.pptx)", "Meeting brief (.pptx)"),
        "meeting.title": ("Мәжіліс", "Совещание", "Meeting"),
        "meeting.agenda": (
            "Күн тәртібі: бағыттар және олардың мәртебесі",
            "Повестка: направления и их статус",
            "Agenda: the directions and their status",
        ),
        "meeting.closing": (
            "Жоспар аудиті: ашық мәселелер",
            "Аудит плана: открытые вопросы",
            "Plan audit: open findings",
        ),
        "meeting.findings_count": (
            "Жоспар құжатында {n} ескерту, оның {errors} — қате.",
            "В документе плана {n} замечаний, из них {errors} — ошибки.",
            "The plan document has {n} findings, {errors} of them errors.",
        ),
        "meeting.worst_title": ("Ең нашар {n} көрсеткіш", "{n} худших индикаторов", "The {n} worst indicators"),
        "meeting.slide": ("Слайд {n} / {total}", "Слайд {n} из {total}", "Slide {n} of {total}"),
        "meeting.previous": ("Алдыңғы", "Назад", "Previous"),
        "meeting.next": ("Келесі", "Далее", "Next"),
        "meeting.jump": ("Слайдқа өту", "Перейти к слайду", "Go to slide"),
        "meeting.contrast": ("Жоғары контраст", "Высокий контраст", "High contrast"),
        "meeting.projects": ("Бағыт жобалары", "Проекты направления", "The direction's projects"),
        "meeting.no_projects": (
            "Бұл бағытқа жоспар жоба атамайды.",
            "План не называет проектов этого направления.",
            "The plan names no projects for this direction.",
        ),
        "meeting.financing": ("Қаржыландыру, 2026–2030", "Финансирование, 2026–2030", "Financing, 2026–2030"),
        "meeting.no_financing": (
            "Жоспардың қаржыландыру кестесінде бұл бағытқа жол жоқ.",
            "В таблице финансирования плана нет строки для этого направления.",
            "The plan's financing table has no line for this direction.",
        ),
        "meeting.more": (
            "Тағы {n} көрсеткіш «Бағыттар» бетінде.",
            "Ещё {n} индикаторов — на странице «Направления».",
            "{n} more indicators on the Directions page.",
        ),
        "meeting.downloads": ("Мәжілістен кейін таратуға", "Раздать после совещания", "To hand out after the meeting"),
    }
)
