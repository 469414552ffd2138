"""Open SDG's progress status: a third lens, to compare an indicator with Kazakhstan's national SDG platform.

This reproduces the progress calculation of sdg-build (``sdg/ProgressMeasure.py``: ``SeriesProgress``
for one series with a quantitative target, and ``IndicatorProgress`` reading the status from the
score), as on open-sdg/sdg-build branch ``2.5.0-dev`` — the version Open SDG builds its own test site
with (open-sdg/open-sdg ``tests/data/requirements.txt`` at commit a4bda9d2f024a2002a5438e7914986548b0a0f76).
The stored copy read for this module does not carry its commit id; the last version with a commit
in the sdg-build history available here (6d3d128af8826a62c4ed26626663c961f0a94b3c, pull request #318)
has the same growth rates, ratio and thresholds but neither the score nor the replacement of a zero base.

For one series of (year, value) points with a target:

1. the current year is the latest year with a value; the base year the one asked for, or else the
   first later year with a value;
2. a target of 0 is replaced by 0.001 and so is a base value of 0 (sdg-build warns and goes on);
3. **target achieved** is checked first: the current value at or beyond the target in the desired
   direction gives ``target_achieved`` and a score of 5, whatever the trend;
4. **not available** when the base and the current value have opposite signs or the current year is
   not at least a year after the base year (fewer than two points);
5. observed growth ``CAGR_o = (current / base) ** (1 / (t − t0)) − 1``, required growth
   ``CAGR_r = (target / base) ** (1 / (T − t0)) − 1``, and the progress value
   ``R = sign × direction × CAGR_o / |CAGR_r|`` (sign −1 for a negative base, direction −1 where lower
   is better);
6. ``R ≥ 0.95`` substantial progress (“On track”), ``0.60 ≤ R < 0.95`` moderate progress (“Progress made
   but acceleration needed”), ``0 ≤ R < 0.60`` limited progress, ``R < 0`` deterioration;
7. score: ``min(7.1429 R − 4.2857, 5)`` for ``R ≥ 0.60``, else ``max(4.1667 R − 2.5, −5)``. The
   indicator's status is read from its (mean) score: 2.5–5 substantial, 0–2.5 moderate, −2.5–0
   limited, −5–−2.5 deterioration — for one series the same as step 6.

Not reproduced: sdg-build's method for a series without a target (thresholds 1.5 % / 0.5 % / 0 a year,
scaled near a limit): every indicator of the plan has targets. Where sdg-build would stop with an
error (required growth of zero, target year equal to the base year, a target of the opposite sign
to the base, a base year after the data) this module says ``not_available`` and why.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from zhez.plan import Plan

STATUSES = (
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
    "not_available",
)
THRESHOLDS = {"high": 0.95, "med": 0.6, "low": 0.0}
ZERO_REPLACEMENT = 0.001


@dataclass(frozen=True)
class Progress:
    """Open SDG's reading of one series, with the components sdg-build publishes
    (``indicator_calculation_components.yml``) and the two growth rates behind the progress value."""

    status: str
    score: float | None
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target: float | None = None
    target_year: int | None = None
    direction: int = 1  # +1 “positive” (higher is better), −1 “negative”
    sign: int | None = None
    observed_growth: float | None = None  # CAGR_o
    required_growth: float | None = None  # CAGR_r
    progress_value: float | None = None  # R, the ratio
    reason: str = ""  # why not available, or that the target is achieved
    base_replaced: bool = False  # a base of 0 read as 0.001
    target_replaced: bool = False  # a target of 0 read as 0.001


def growth(value: float, base: float, year: float, base_year: float) -> float:
    """Compound annual growth rate from ``base`` in ``base_year`` to ``value`` in ``year``."""
    return (value / base) ** (1 / (year - base_year)) - 1


def status_of(progress_value: float) -> str:
    """sdg-build's ``get_progress_status`` with the quantitative thresholds."""
    if progress_value >= THRESHOLDS["high"]:
        return "substantial_progress"
    if progress_value >= THRESHOLDS["med"]:
        return "moderate_progress"
    if progress_value >= THRESHOLDS["low"]:
        return "limited_progress"
    return "deterioration"


def score_of(progress_value: float) -> float:
    """sdg-build's ``get_score`` for a quantitative target (its coefficients, as published)."""
    if progress_value >= THRESHOLDS["med"]:
        return min(7.1429 * progress_value - 4.2857, 5.0)
    return max(4.1667 * progress_value - 2.5, -5.0)


def status_from_score(score: float | None, target_achieved: bool = False) -> str:
    """sdg-build's ``get_progress_status_from_score``: the status the indicator page shows."""
    if target_achieved:
        return "target_achieved"
    if score is None:
        return "not_available"
    if score >= 2.5:
        return "substantial_progress"
    if score >= 0:
        return "moderate_progress"
    if score >= -2.5:
        return "limited_progress"
    return "deterioration"


def measure(
    points: Iterable[tuple[int, float]], target: float, target_year: int, direction: str, base_year: int
) -> Progress:
    """Open SDG's status and score of one series (``direction``: ``"positive"`` or ``"negative"``)."""
    data = sorted((int(y), float(v)) for y, v in points if v is not None and not math.isnan(v))
    d = 1 if direction == "positive" else -1
    target_replaced = target == 0
    target = ZERO_REPLACEMENT if target_replaced else float(target)
    common: dict[str, Any] = {
        "target": target,
        "target_year": target_year,
        "direction": d,
        "target_replaced": target_replaced,
    }
    if not data:
        return Progress("not_available", None, reason="no_data", **common)
    years = [y for y, _ in data]
    current_year, current = data[-1]
    if base_year not in years:
        later = [y for y in years if y > base_year]
        if not later:
            return Progress(
                "not_available", None, current_year=current_year, current_value=current,
                reason="base_after_data", **common,
            )  # fmt: skip
        base_year = min(later)
    base = dict(data)[base_year]
    sign = -1 if base < 0 else 1
    known: dict[str, Any] = {
        "base_year": base_year,
        "base_value": base,
        "current_year": current_year,
        "current_value": current,
    }
    achieved = (d == -1 and current <= target) or (d == 1 and current >= target)
    if achieved:
        return Progress("target_achieved", 5.0, sign=sign, reason="target_achieved", **known, **common)
    base_replaced = base == 0
    if base_replaced:
        base = ZERO_REPLACEMENT
        known["base_value"] = base
    not_available: dict[str, Any] = {"sign": sign, "base_replaced": base_replaced, **known, **common}
    if (base > 0 and current < 0) or (base < 0 and current > 0):
        return Progress("not_available", None, reason="opposite_signs", **not_available)
    if current_year - base_year < 1:
        return Progress("not_available", None, reason="one_point", **not_available)
    if target_year == base_year:
        return Progress("not_available", None, reason="target_year_is_base_year", **not_available)
    if target / base < 0:
        return Progress("not_available", None, reason="target_opposite_sign", **not_available)
    observed = growth(current, base, current_year, base_year)
    required = growth(target, base, target_year, base_year)
    if required == 0:
        return Progress(
            "not_available", None, observed_growth=observed, required_growth=required,
            reason="no_required_growth", **not_available,
        )  # fmt: skip
    value = sign * d * observed / abs(required)
    score = score_of(value)
    return Progress(
        status_from_score(score),
        score,
        observed_growth=observed,
        required_growth=required,
        progress_value=value,
        **not_available,
    )


# ── the plan's indicators through this lens ────────────────────────────────


def direction_of(desired: str) -> str:
    """Open SDG's direction for the plan's desired direction (a level to hold is a floor: positive)."""
    return "negative" if desired == "decrease" else "positive"


def final_target(plan: Plan, indicator_id: str) -> tuple[int, float] | None:
    """The last year with a target, and that target: what Open SDG's ``target_year`` and ``target`` are set to."""
    values = plan.series(indicator_id)
    targets = values[(values["kind"] == "target") & values["value"].notna()]
    if targets.empty:
        return None
    last = targets.iloc[-1]
    return int(last["year"]), float(last["value"])


class Observed(Protocol):
    """An observed point (``progress.Point``: this module sits below ``zhez.progress``)."""

    @property
    def year(self) -> int: ...
    @property
    def value(self) -> float: ...


def for_indicator(plan: Plan, indicator_id: str, observed: Iterable[Observed]) -> Progress:
    """One indicator's Open SDG reading: its observed points (published actual, estimate, recorded actuals;
    anything with ``year`` and ``value``) from the first of them as base year, to its final target."""
    points = [(int(p.year), float(p.value)) for p in observed]
    desired = str(plan.indicator(indicator_id)["desired"])
    if desired == "unknown":  # which way is better is not reviewed yet
        return Progress("not_available", None, reason="needs_review")
    final = final_target(plan, indicator_id)
    if final is None:
        return Progress(
            "not_available", None, direction=1 if direction_of(desired) == "positive" else -1, reason="no_target"
        )
    if not points:
        return measure([], final[1], final[0], direction_of(desired), final[0])
    return measure(points, final[1], final[0], direction_of(desired), min(y for y, _ in points))


COLUMNS = [
    "indicator_id",
    "status",
    "score",
    "base_year",
    "base_value",
    "current_year",
    "current_value",
    "target",
    "target_year",
    "direction",
    "observed_growth",
    "required_growth",
    "progress_value",
    "reason",
]


def assess(plan: Plan, observed: Mapping[str, Iterable[Observed]]) -> pd.DataFrame:
    """Every indicator through the Open SDG lens (``observed``: ``progress.observed_by_indicator``)."""
    rows = []
    for indicator_id in plan.indicators["id"]:
        p = for_indicator(plan, indicator_id, observed.get(indicator_id, []))
        rows.append({"indicator_id": indicator_id, **{c: getattr(p, c) for c in COLUMNS[1:]}})
    return pd.DataFrame(rows, columns=COLUMNS)
