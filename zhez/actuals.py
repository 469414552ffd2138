"""Indicator values: what makes one acceptable.

The same checks serve the in-app form, the Excel import and the command line (``zhez.store``
calls ``check`` for every write), so a value refused in one place is refused everywhere, with
the same reason.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from zhez.plan import YEARS, Plan
from zhez.problems import Problem

MAX_NOTE = 500
# A value more than this many times the largest value the plan prints for the indicator is a slip
# (a unit in thousands typed in units, a decimal comma lost), not a result: refused.
PLAUSIBLE_FACTOR = 100
# For an indicator the plan prints no positive value for, no relative bound exists: this absolute
# one still keeps every figure a page can show and an export can write.
ABSOLUTE_LIMIT = 1e12
# A value more than this many times (or less than its inverse) away from both that year's plan
# value and the last value is asked about before it is saved (issue 20 §1).
FAR_FACTOR = 3


def is_percent(unit: str) -> bool:
    return unit.strip() == "%"


def largest_plan_value(plan: Plan, indicator_id: str) -> float | None:
    """The largest absolute value the plan prints for an indicator (any year, any kind), or ``None``."""
    values = plan.series(indicator_id)["value"].dropna().abs()
    return float(values.max()) if not values.empty else None


def upper_bound(plan: Plan, indicator_id: str) -> tuple[float, str]:
    """The largest value that can be recorded for an indicator, and which rule gives it.

    * a percentage (unit ``%``): 100 (``over_100``);
    * otherwise ``PLAUSIBLE_FACTOR`` (100) times the largest value the plan prints for the indicator
      — its 2024 actual, 2025 estimate or a 2026–2030 target (``implausible``); a real figure a hundred
      times the plan's own is a unit or separator slip;
    * an indicator with no positive value in the plan: ``ABSOLUTE_LIMIT`` (``implausible``).

    Every indicator of the plan counts something that cannot be negative, so the lower bound is 0.
    """
    if is_percent(plan.indicator(indicator_id)["unit"]):
        return 100.0, "over_100"
    largest = largest_plan_value(plan, indicator_id)
    if largest is None or largest <= 0:
        return ABSOLUTE_LIMIT, "implausible"
    return min(PLAUSIBLE_FACTOR * largest, ABSOLUTE_LIMIT), "implausible"


def check(plan: Plan, indicator_id: str, year: object, value: object) -> list[Problem]:
    """Everything wrong with recording ``value`` for ``indicator_id`` in ``year`` (empty: fine).

    A value must be a finite number from 0 to the indicator's ``upper_bound`` (100 for a percentage;
    otherwise 100 times the largest value the plan prints for it)."""
    problems: list[Problem] = []
    known = _known(plan, indicator_id)
    if not known:
        problems.append(Problem("unknown_indicator", (("indicator", str(indicator_id)),)))
    if not isinstance(year, int) or isinstance(year, bool) or year not in YEARS:
        problems.append(Problem("year_range", (("year", str(year)),)))
    if value is None:
        return problems
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        problems.append(Problem("not_a_number", (("value", str(value)[:40]),)))
        return problems
    try:
        number = float(value)
    except OverflowError:  # an int beyond any float
        number = math.inf
    if not math.isfinite(number):
        problems.append(Problem("not_a_number", (("value", str(value)[:40]),)))
    elif number < 0:
        problems.append(Problem("negative", (("value", number),)))
    elif known:
        limit, rule = upper_bound(plan, indicator_id)
        if number > limit:
            largest = largest_plan_value(plan, indicator_id)
            params = (
                (("value", number),)
                if rule == "over_100"
                else (("value", number), ("largest", largest or 0.0), ("factor", str(PLAUSIBLE_FACTOR)))
            )
            problems.append(Problem(rule if largest or rule == "over_100" else "implausible_absolute", params))
    return problems


def far_from_path(
    plan: Plan, indicator_id: str, year: int, value: float, recorded: pd.DataFrame | None = None
) -> Problem | None:
    """A question to ask before saving ``value``, or ``None`` when it sits near the indicator's path.

    The value is far when it is more than ``FAR_FACTOR`` (3) times, or less than a third of, *each* of
    two references: the plan's value for that year (the 2024 actual, the 2025 estimate, a target), and
    the last value before that year (the latest recorded actual of an earlier year, else the plan's
    latest actual or estimate of an earlier year). A reference that is missing or not positive is left
    out; with neither, there is nothing to compare with and nothing is asked. ``recorded`` is the
    store's actuals (``indicator_id``, ``year``, ``value``). ``Problem.text(lang)`` is the sentence.
    """
    if not _known(plan, indicator_id) or (_positive(value) is None and value != 0):
        return None
    series = plan.series(indicator_id).set_index("year")
    target = _positive(series["value"].get(year))
    last, last_year = None, None
    if recorded is not None and not recorded.empty:
        mine = recorded[(recorded["indicator_id"] == indicator_id) & (recorded["year"] < year)]
        mine = mine[mine["value"].notna()].sort_values("year")
        if not mine.empty:
            last, last_year = _positive(mine["value"].iloc[-1]), int(mine["year"].iloc[-1])
    if last is None:
        earlier = series[(series.index < year) & series["kind"].isin(["actual", "estimate"])]["value"].dropna()
        if not earlier.empty:
            last, last_year = _positive(earlier.iloc[-1]), int(earlier.index[-1])
    references = [r for r in (target, last) if r is not None]
    if not references or not all(value > FAR_FACTOR * r or value * FAR_FACTOR < r for r in references):
        return None
    if target is not None and last is not None:
        return Problem(
            "far_both",
            (("value", value), ("year", str(year)), ("target", target), ("last", last), ("last_year", str(last_year))),
        )
    if target is not None:
        return Problem("far_target", (("value", value), ("year", str(year)), ("target", target)))
    return Problem("far_last", (("value", value), ("last", last), ("last_year", str(last_year))))


def _known(plan: Plan, indicator_id: object) -> bool:
    try:
        plan.indicator(str(indicator_id))
    except KeyError:
        return False
    return isinstance(indicator_id, str)


def _positive(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)
