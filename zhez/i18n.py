"""Every string a user reads, in Kazakh, Russian and English, and numbers as officials write them.

The strings live in ``zhez/locales/<lang>.yml``, one file per language that a translator can
open, keyed as ``page.overview``. ``t(key, lang, **params)`` looks a string up; a missing key or
language is a bug and raises ``KeyError`` (tests check that the three files hold the same keys
and every key used in the code). Where the wording changes with a number, an entry holds one
form per CLDR plural category and the parameter ``n`` picks it (Babel's plural rules).
Numbers go through Babel: ``78 935,3`` in kk/ru, ``78,935.3`` in en.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import yaml
from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

# Vega-Lite number locales, so chart axes and tooltips read like the page around them.
VEGA_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "kk": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
    "ru": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", "\u00a0₸"], "minus": "−"},
}

NO_VALUE = "—"  # what a table, a chart label or a sentence shows where there is no value

# An entry: the text, or its forms by plural category ({"one": …, "few": …, "many": …, "other": …}).
Entry = str | dict[str, str]


@functools.cache
def catalogue(lang: str) -> dict[str, Entry]:
    """Every entry of one language, read once from its file."""
    path = LOCALES_DIR / f"{check_language(lang)}.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, dict):
        raise ValueError(f"{path.name}: not a mapping of keys to strings")
    for key, entry in entries.items():
        forms = entry.values() if isinstance(entry, dict) else [entry]
        if not all(isinstance(f, str) for f in forms) or (isinstance(entry, dict) and "other" not in entry):
            raise ValueError(f"{path.name}: {key!r} must be a string or plural forms with 'other'")
    return entries


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}")
    return lang


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (``one``, ``few``, ``many``, ``other``)."""
    return str(_locale(lang).plural_form(abs(count)))


def t(key: str, lang: str, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{params}`` filled in (numbers formatted for ``lang``).

    For an entry with plural forms, ``n`` chooses the form: an exact one (``"=1"``) where the entry has it, else
    its plural category's. Russian's ``one`` is 1, 21, 31…: a sentence for exactly one ("Этот статус…") is ``=1``."""
    entry = catalogue(lang)[key]
    if isinstance(entry, dict):
        count = params.get("n")
        if not isinstance(count, int | float) or isinstance(count, bool):
            raise KeyError(f"{key!r} has plural forms: give the count as n=")
        entry = entry.get(f"={count:g}") or entry.get(plural_category(count, lang), entry["other"])
    if not params:
        return entry
    return _unit_kept(entry.format(**{k: _param(v, lang) for k, v in params.items()}))


# The spaces between a number and the money unit after it ("125,2 млн ₸"): a line never ends between them
# ("(125,2 млн" / "₸)" on the Overview). Only after a digit, so a column heading's ", млн ₸" stays as the
# editors' workbooks are matched by (``body_workbook``).
_NUMBER_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:млн|mln)[ \u00a0]₸|₸)|(?<=\d[ \u00a0](?:млн|mln)) (?=₸)")


def _unit_kept(text: str) -> str:
    return _NUMBER_UNIT_SPACE.sub("\u00a0", text)


# What a narrow heading's wrapping must not leave alone on a line: a unit ("млн ₸", "жоспардың %"), a status's
# icon ("■ Отставание"), the end of a span of years ("Қаржыландыру 2026–" / "2030" on the meeting's agenda). On
# screen, in the report's PDF and in its Word file alike.
_ALONE = re.compile(r" (₸|%)|^([▼■▲●○⚑]) ")
_YEARS = re.compile(r"(?<=\d)([–-])(?=\d)")
WORD_JOINER = "\u2060"  # no break here, and nothing shown


def kept_together(heading: str) -> str:
    """``heading`` with no-break spaces before its unit and after its leading icon, and no break inside a span of
    years."""
    heading = _ALONE.sub(lambda m: "\u00a0" + m.group(1) if m.group(1) else m.group(2) + "\u00a0", heading)
    return _YEARS.sub(lambda m: m.group(1) + WORD_JOINER, heading)


def _param(value: object, lang: str) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return number(value, lang)
    if isinstance(value, Mapping):
        return value[lang]
    return value


# Beyond this magnitude a float has no exact units digit left, and Babel's decimal rounding (28 digits)
# would overflow with decimals: such a number is shown as ``1,2 × 10²⁵``.
LARGEST_PLAIN = 1e15
MAX_DIGITS = 27  # integer and decimal digits together, under Babel's 28
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def number(value: object, lang: str, decimals: int | None = None, max_decimals: int = 3) -> str:
    """A number as officials write it: ``decimals`` fixed, or (``None``) up to ``max_decimals``, trimmed.

    Never raises for a number: no value (``None``, NaN, ``pd.NA``) is ``—``, infinity ``∞``, a magnitude
    of 10¹⁵ or more ``1,2 × 10²⁵``, anything too small for the decimals shown ``0``."""
    x = _as_float(value)
    if x is None:
        return NO_VALUE
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if abs(x) >= LARGEST_PLAIN:
        mantissa, exponent = f"{x:.2e}".split("e")
        return (
            f"{number(float(mantissa), lang, max_decimals=2)}\u00a0×\u00a010{str(int(exponent)).translate(SUPERSCRIPT)}"
        )
    room = MAX_DIGITS - len(str(int(abs(x))))
    if decimals is None:
        max_decimals = max(0, min(max_decimals, room))
        pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    else:
        decimals = max(0, min(decimals, room))
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = _pattern(pattern).apply(x + 0.0, _locale(lang))  # + 0.0 drops a -0.0
    if text.lstrip("-").strip("0.,\u00a0 ") == "":
        text = text.lstrip("-")
    return text.replace("-", "−")


def _as_float(value: object) -> float | None:
    """``value`` as a float (an integer too large for one as ±infinity), ``None`` for no value."""
    if value is None or isinstance(value, bool | str):
        return None
    try:
        x = float(value)  # type: ignore[arg-type]  # any object: what float() refuses is caught below
    except OverflowError:
        return (math.inf if value > 0 else -math.inf) if isinstance(value, int) else None
    except (TypeError, ValueError):  # pd.NA and other non-numbers
        return None
    return None if math.isnan(x) else x


def signed(value: object, lang: str, decimals: int | None = None) -> str:
    """A change with its sign always shown: ``+1 200,5`` / ``−300``."""
    x = _as_float(value)
    if x is None:
        return NO_VALUE
    text = number(abs(x), lang, decimals)
    if text.strip("0.,\u00a0") == "":  # too small to show: no sign
        return text
    if x > 0:
        return "+" + text
    if x < 0:
        return "−" + text
    return text


def money(value_mln: object, lang: str) -> str:
    """Millions of tenge, one decimal as the plan prints them: ``78 935,3 млн ₸`` / ``78,935.3 mln ₸``."""
    x = _as_float(value_mln)
    if x is None:
        return NO_VALUE
    return f"{number(x, lang, 1)}\u00a0{t('unit.mln_kzt', lang)}"


def after_number(unit: str) -> str:
    """A unit as it follows a number: in brackets when it starts with a digit ("8,1 (1000 тірі туғандарға
    шаққанда)"), so that its own number never reads as part of the value ("8,1 1000 …")."""
    unit = unit.strip()
    return f"({unit})" if unit[:1].isdigit() else unit


# Russian units that are words agree with the number before them ("410,5 балла", "72,9 года", "5 баллов"); the
# plan's other units are abbreviations ("чел.", "%") or phrases ("на 100 тыс. населения") that need no agreement.
# Forms by CLDR plural category: one, few, many, other (a fraction).
_RU_UNIT_FORMS = {
    "баллы": {"one": "балл", "few": "балла", "many": "баллов", "other": "балла"},
    "лет": {"one": "год", "few": "года", "many": "лет", "other": "года"},
}


def unit_for(value: float, unit: str, lang: str) -> str:
    """``unit`` as it follows ``value`` (``after_number``), in the form the number asks for in Russian."""
    forms = _RU_UNIT_FORMS.get(unit.strip()) if lang == "ru" else None
    if forms is None or value != value:
        return after_number(unit)
    count = int(value) if float(value).is_integer() else float(value)  # "5" is printed, not "5,0"
    return forms[plural_category(count, lang)]


def day(value: object, lang: str) -> str:
    """A calendar day as the reader's documents write it: ``06.12.2026`` in kk and ru, ``2026-12-06`` in en;
    "—" for none (``None``, NaN, NaT). Takes a date, a datetime (a pandas timestamp too) or an ISO string."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return NO_VALUE
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        return str(value)
    return value.strftime("%Y-%m-%d" if check_language(lang) == "en" else "%d.%m.%Y")


def percent(share: object, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as ``25 %``."""
    x = _as_float(share)
    if x is None:
        return NO_VALUE
    return f"{number(x * 100, lang, decimals)}\u00a0%"


# Parsed once: Babel's format_decimal re-parses the locale and the pattern on every call,
# which was most of the cost of a page listing thousands of indicators.
@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse({"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}[check_language(lang)])


@functools.cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


class Row(Protocol):
    """A row of one of the plan's tables: a pandas Series, or a record (``DataFrame.to_dict("records")``)."""

    def __getitem__(self, column: str, /) -> Any: ...


def localized(row: Row, field: str, lang: str) -> str:
    """The ``field_<lang>`` of a data row (``name_kk``, ``name_ru`` …)."""
    return str(row[f"{field}_{check_language(lang)}"])


def translated_column(field: str, lang: str) -> str:
    """The column holding ``field`` in ``lang``: ``field`` as the plan prints it (kk), ``field_ru``/``field_en``
    our translations. (Names, by contrast, have a ``name_kk`` column of their own.)"""
    return field if check_language(lang) == "kk" else f"{field}_{lang}"


def marked_ours(heading: str, lang: str) -> str:
    """A heading over our translations of the plan's Kazakh: ``Body name (our translation)`` in ru and en."""
    return heading if check_language(lang) == DEFAULT_LANGUAGE else f"{heading} ({t('printed.ours', lang)})"


def unit_of(row: Row, lang: str) -> str:
    """An indicator's unit in ``lang``."""
    return str(row[translated_column("unit", lang)])
