"""Numbers as officials type them: ``17,5``, ``17.5``, ``1 700``, ``1 700,5``, read by the rules of the
reader's language, and anything that could be read two ways refused, never guessed.

The rules (Babel gives each language's decimal and group symbols; ``parse_decimal`` does the conversion):

* Digits are 0–9 only; a leading ``-`` or ``−`` is a minus; nothing else but separators is allowed
  (no ``%``, no exponent, no letters). At most 15 significant digits, so the number is stored exactly
  as typed.
* Thousands may be grouped with spaces (plain, no-break U+00A0, narrow no-break U+202F, thin U+2009)
  in every language: ``1 700``, ``1 700 000``. A group after the first has exactly three digits.
* kk, ru: the decimal mark is the comma (``17,5``; ``1,700`` is 1,7 as these languages write it).
  A point is taken as a decimal mark too (``17.5``; the plan itself prints both), **except** where it
  could be a thousands separator: one point followed by exactly three digits after one to three
  digits (``1.700``, ``12.500``) is refused as ambiguous, and so are several points (``1.700.000``).
* en: the decimal mark is the point (``17.5``); the comma groups thousands (``1,700``, ``1,700.5``). A
  comma that cannot group thousands (``17,5``) is refused with the advice to write ``17.5``.
* A comma and a point in one number (``1.700,5``, ``1,700.5`` in kk/ru) are refused.

``parse_number`` returns the value and how it reads back in the language (``17,5``) so the form can
show what it understood before anything is saved.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import get_decimal_symbol, parse_decimal

from zhez.actuals import Problem
from zhez.i18n import _locale, number

SPACES = " \u00a0\u202f\u2009"
MINUS = "-\u2212"
MAX_LENGTH = 40
MAX_DIGITS = 15
DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Reading:
    """What was understood from a typed number: ``value`` and ``shown`` (its read-back, ``17,5``), or a
    ``problem`` saying why it was refused. Empty text is no value and no problem."""

    value: float | None
    shown: str = ""
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def parse_number(text: str, lang: str) -> Reading:
    """Read ``text`` as the reader of ``lang`` (kk, ru, en) writes numbers; see the module's rules."""
    text = text.strip()
    if not text:
        return Reading(None)
    if len(text) > MAX_LENGTH:
        return _refused("number_too_long", text)
    negative = text[0] in MINUS
    body = text[1:].lstrip(SPACES) if negative else text
    if "%" in body:
        return _refused("number_percent_sign", text, example=body.replace("%", "").strip(SPACES))
    if any(unicodedata.category(c) == "Nd" and not "0" <= c <= "9" for c in body):
        return _refused("number_digits", text)
    if not body or any(not ("0" <= c <= "9" or c in SPACES or c in ",.") for c in body):
        return _refused("number_invalid", text)
    decimal_mark = get_decimal_symbol(_locale(lang))
    split = _split(body, decimal_mark)
    if isinstance(split, tuple) and len(split) == 3:
        key, _, params = split
        if key == "number_comma_in_en":
            params = {"example": text.replace(",", ".")}
        return _refused(key, text, **params)
    whole, fraction = split
    digits = (whole.lstrip("0") + fraction).rstrip("0") if fraction else whole.lstrip("0")
    if len(digits) > MAX_DIGITS:
        return _refused("number_too_many_digits", text, limit=str(MAX_DIGITS))
    canonical = (whole or "0") + (decimal_mark + fraction if fraction else "")
    value = float(parse_decimal(canonical, _locale(lang), strict=True) * (-1 if negative else 1))
    value += 0.0  # no -0.0
    shown = number(value, lang, max_decimals=len(fraction.rstrip("0")))
    return Reading(value, shown)


def _split(body: str, decimal_mark: str) -> tuple[str, str] | tuple[str, None, dict[str, object]]:
    """The integer digits and the fraction digits of ``body`` (no sign), or (problem key, None, params)."""
    commas, points = body.count(","), body.count(".")
    if body.endswith((",", ".")) or not any(c.isdigit() for c in body):
        return "number_invalid", None, {}
    if decimal_mark == ",":  # kk, ru: the comma is the decimal mark, spaces group thousands
        if commas and points:
            return "number_mixed", None, {}
        if commas > 1 or points > 1:
            return "number_separators", None, {}
        mark = "," if commas else "." if points else ""
        whole, _, fraction = body.partition(mark) if mark else (body, "", "")
        if mark == "." and len(fraction) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole):
            as_decimal = Decimal(f"{whole}.{fraction}")
            return "number_ambiguous", None, {"decimal": float(as_decimal), "thousands": float(as_decimal * 1000)}
        groups = SPACES
    else:  # en: the point is the decimal mark, commas or spaces group thousands
        if points > 1:
            return "number_separators", None, {}
        whole, _, fraction = body.partition(".")
        if "," in fraction:
            return "number_mixed", None, {}
        after_comma = whole.rpartition(",")[2]
        if commas == 1 and not fraction and DIGITS.fullmatch(after_comma) and len(after_comma) != 3:
            return "number_comma_in_en", None, {}
        if commas and any(c in SPACES for c in whole):
            return "number_grouping", None, {}
        groups = SPACES + ","
    if fraction and not DIGITS.fullmatch(fraction):
        return "number_grouping", None, {}
    if any(c in groups for c in whole):
        if not _grouped(whole, groups):
            return "number_grouping", None, {}
        whole = "".join(c for c in whole if c not in groups)
    return whole, fraction


def _grouped(whole: str, separators: str) -> bool:
    """Whether ``whole`` is digits in thousands groups: 1–3 digits, then groups of exactly 3."""
    groups = re.split("[" + re.escape(separators) + "]", whole)
    return (
        bool(groups)
        and bool(re.fullmatch(r"[0-9]{1,3}", groups[0]))
        and all(re.fullmatch(r"[0-9]{3}", g) for g in groups[1:])
    )


def _refused(key: str, text: str, **params: object) -> Reading:
    return Reading(None, "", Problem(key, (("text", text), *params.items())))
