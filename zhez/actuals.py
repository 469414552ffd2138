"""Recorded actual values: what a change is, and what makes one acceptable.

The same checks serve the in-app form, the Excel import and the command line, so a
value refused in one place is refused everywhere, with the same reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from zhez.plan import YEARS, Plan
from zhez.problems import Problem

MAX_NOTE = 500


@dataclass(frozen=True)
class ActualChange:
    """A value for one indicator and year as a workbook or form gives it (``value=None``: left empty)."""

    indicator_id: str
    year: int
    value: float | None
    note: str = ""


def is_percent(unit: str) -> bool:
    return unit.strip() == "%"


def check(plan: Plan, indicator_id: str, year: object, value: object) -> list[Problem]:
    """Everything wrong with recording ``value`` for ``indicator_id`` in ``year`` (empty: fine)."""
    problems: list[Problem] = []
    known = plan.indicators.set_index("id")
    if indicator_id not in known.index:
        problems.append(Problem("unknown_indicator", (("indicator", str(indicator_id)),)))
    if not isinstance(year, int) or isinstance(year, bool) or year not in YEARS:
        problems.append(Problem("year_range", (("year", str(year)),)))
    if value is None:
        return problems
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem("not_a_number", (("value", str(value)),)))
        return problems
    number = float(value)
    if not math.isfinite(number):
        problems.append(Problem("not_a_number", (("value", str(value)),)))
    elif number < 0:
        problems.append(Problem("negative", (("value", str(value)),)))
    elif indicator_id in known.index and is_percent(str(known.loc[indicator_id, "unit"])) and number > 100:
        problems.append(Problem("over_100", (("value", str(value)),)))
    return problems


def check_note(note: str) -> list[Problem]:
    return [Problem("note_too_long", (("limit", str(MAX_NOTE)),))] if len(note) > MAX_NOTE else []
