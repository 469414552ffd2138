"""Every string a user reads, in Kazakh, Russian and English, and numbers as officials write them.

``t(key, lang, **params)`` looks a string up; a missing key or language is a bug and
raises ``KeyError`` (a test checks every key used in the code is here, in all three).
Numbers go through Babel: ``78 935,3`` in kk/ru, ``78,935.3`` in en.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from babel.numbers import format_decimal

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


def number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """A number as officials write it; ``decimals=None`` shows up to three, trimmed."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0.###" if decimals is None else ("#,##0" if decimals == 0 else "#,##0." + "0" * decimals)
    text = format_decimal(value, format=pattern, locale=_babel_locale(lang))
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


def _babel_locale(lang: str) -> str:
    return {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}[check_language(lang)]


def localized(row: Mapping[str, Any], field: str, lang: str) -> str:
    """The ``field_<lang>`` of a data row (``name_kk``, ``name_ru`` …)."""
    return str(row[f"{field}_{check_language(lang)}"])


def unit_of(row: Mapping[str, Any], lang: str) -> str:
    """An indicator's unit: as printed in kk, translated in ru/en."""
    return str(row["unit"] if lang == "kk" else row[f"unit_{lang}"])


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
