"""Rating an indicator: its target path against its actual trajectory (the Method page says it in plain words).

One rule, used everywhere (pages, meeting slides, exports):

1. **Against this year's target** — for the latest year *y* with an actual *A(y)* and a
   target *T(y)*, baseline *B* (the earliest observed point, normally the 2024 actual):
   planned progress ``P = T(y) − B``, achieved ``R = A(y) − B``, both signed so that the
   desired direction is positive. An actual at or beyond its target is on track. If
   ``P ≤ 0`` (a level to hold) the actual must be within a tolerance of the target
   (1 % of it, or 0.5 points for percentages). Otherwise ``r = R / P``.
2. **Pace to the final target** — when no target year has an actual yet: observed
   average yearly change over the actual and estimate points, against the yearly change
   needed from the latest point to the final target. ``r = observed / required``.

``r ≥ 0.95`` on track · ``0.60 ≤ r < 0.95`` at risk · ``0 ≤ r < 0.60`` off track ·
``r < 0`` moving away · not enough data: no rating, with the reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from zhez import i18n
from zhez.i18n import t
from zhez.plan import YEARS, Plan

STATUSES = ("on_track", "at_risk", "off_track", "moving_away", "no_rating")
WORST_FIRST = ("moving_away", "off_track", "at_risk", "on_track", "no_rating")
ON_TRACK = 0.95
AT_RISK = 0.60
TOLERANCE_SHARE = 0.01  # of the target
TOLERANCE_POINTS = 0.5  # percentage points, for indicators in %

STATUS_ICONS = {"on_track": "●", "at_risk": "▲", "off_track": "■", "moving_away": "▼", "no_rating": "○"}
# Colour-blind-safe (Okabe–Ito based); never the only signal: every status has a word and an icon.
STATUS_COLORS = {
    "on_track": "#009E73",
    "at_risk": "#E69F00",
    "off_track": "#D55E00",
    "moving_away": "#7A1F1F",
    "no_rating": "#8C8C8C",
}

COLUMNS = [
    "indicator_id",
    "status",
    "ratio",
    "lens",
    "basis_year",
    "basis_kind",
    "basis_value",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "observed_pace",
    "required_pace",
    "reason",
    "recorded_by",
    "edition",
]


@dataclass(frozen=True)
class Point:
    """One observed value: a published actual, the 2025 estimate, or a recorded actual."""

    year: int
    value: float
    kind: str  # "actual" | "estimate"
    recorded_by: str = ""
    pending: bool = False  # submitted, not yet approved (drawn only for a signed-in person who asked)


@dataclass(frozen=True)
class Assessment:
    status: str
    ratio: float | None = None
    lens: str = ""
    basis: Point | None = None
    baseline: Point | None = None
    target_year: int | None = None
    target_value: float | None = None
    observed_pace: float | None = None
    required_pace: float | None = None
    reason: str = ""


def classify(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= AT_RISK:
        return "at_risk"
    if ratio >= 0:
        return "off_track"
    return "moving_away"


def tolerance(target: float, is_percent: bool) -> float:
    return TOLERANCE_POINTS if is_percent else abs(target) * TOLERANCE_SHARE


def sign_of(desired: str) -> int:
    """+1 where higher is better (``maintain`` holds a floor such as 100 % or ≥ 95 %)."""
    return -1 if desired == "decrease" else 1


def rate(desired: str, is_percent: bool, observed: list[Point], targets: dict[int, float]) -> Assessment:
    """The status of one indicator from its observed points and its targets (the rule above)."""
    observed = sorted(observed, key=lambda p: p.year)
    if desired == "unknown":  # nobody has said which way is better yet: rating it would be a guess
        return Assessment("no_rating", basis=observed[-1] if observed else None, reason="needs_review")
    if not observed:
        return Assessment("no_rating", reason="no_data")
    s = sign_of(desired)
    with_target = [p for p in observed if p.kind == "actual" and p.year in targets]
    if with_target:
        actual = with_target[-1]
        before = [p for p in observed if p.year < actual.year]
        if not before:
            return Assessment("no_rating", lens="target", basis=actual, reason="no_baseline")
        baseline, target = before[0], targets[actual.year]
        planned, achieved = s * (target - baseline.value), s * (actual.value - baseline.value)
        ratio = achieved / planned if planned > 0 else None
        common: dict[str, Any] = dict(
            lens="target", basis=actual, baseline=baseline, target_year=actual.year, target_value=target
        )
        if s * (actual.value - target) >= 0:
            return Assessment("on_track", ratio, reason="target_met", **common)
        if planned <= 0:
            within = abs(actual.value - target) <= tolerance(target, is_percent)
            return Assessment(
                "on_track" if within else "off_track",
                None,
                reason="within_tolerance" if within else "short_of_level",
                **common,
            )
        return Assessment(classify(ratio), ratio, reason="ratio", **common)  # type: ignore[arg-type]  # planned > 0 here: ratio is a number

    latest = observed[-1]
    final = [(y, v) for y, v in sorted(targets.items()) if y > latest.year]
    if not final:
        return Assessment("no_rating", lens="pace", basis=latest, reason="target_missing")
    target_year, target = final[-1]
    common = dict(lens="pace", basis=latest, baseline=observed[0], target_year=target_year, target_value=target)
    if len(observed) < 2:
        return Assessment("no_rating", reason="single_point", **common)
    first = observed[0]
    observed_pace = s * (latest.value - first.value) / (latest.year - first.year)
    required_pace = s * (target - latest.value) / (target_year - latest.year)
    paces: dict[str, Any] = dict(observed_pace=observed_pace, required_pace=required_pace)
    if required_pace <= 0:
        return Assessment("on_track", None, reason="target_reached", **common, **paces)
    if desired == "maintain" and abs(latest.value - target) <= tolerance(target, is_percent):
        return Assessment("on_track", None, reason="within_tolerance", **common, **paces)
    ratio = observed_pace / required_pace
    return Assessment(classify(ratio), ratio, reason="pace", **common, **paces)


# ── the plan, with recorded actuals ────────────────────────────────────────

ACTUAL_COLUMNS = ["indicator_id", "year", "kind", "value", "raw"]  # recorded actuals in the shape of plan values


def _as_of_year(as_of: int | dt.date | None) -> int:
    if as_of is None:
        return YEARS[-1]
    return as_of.year if isinstance(as_of, dt.date) else int(as_of)


def observed_points(
    plan: Plan, indicator_id: str, actuals: pd.DataFrame | None = None, as_of: int | dt.date | None = None
) -> list[Point]:
    """Published actual and estimate, with recorded actuals replacing them year by year."""
    return observed_by_indicator(plan, actuals, as_of).get(indicator_id, [])


def observed_by_indicator(
    plan: Plan, actuals: pd.DataFrame | None = None, as_of: int | dt.date | None = None
) -> dict[str, list[Point]]:
    """``observed_points`` of every indicator at once (one pass over the values)."""
    return _observed_by_indicator(plan, actuals, _as_of_year(as_of))


def _observed_by_indicator(plan: Plan, actuals: pd.DataFrame | None, as_of: int) -> dict[str, list[Point]]:
    points: dict[str, dict[int, Point]] = {}
    published = plan.values[plan.values["kind"].isin(["actual", "estimate"]) & plan.values["value"].notna()]
    for ind, year, kind, value in zip(
        published["indicator_id"], published["year"], published["kind"], published["value"], strict=True
    ):
        points.setdefault(ind, {})[int(year)] = Point(int(year), float(value), kind)
    if actuals is not None and not actuals.empty:
        recorded = actuals[actuals["value"].notna()]
        by = recorded["recorded_by"] if "recorded_by" in recorded else [""] * len(recorded)
        pending = recorded["approval"] == "submitted" if "approval" in recorded else [False] * len(recorded)
        for ind, year, value, who, waiting in zip(
            recorded["indicator_id"], recorded["year"], recorded["value"], by, pending, strict=True
        ):
            points.setdefault(ind, {})[int(year)] = Point(
                int(year), float(value), "actual", str(who or ""), bool(waiting)
            )
    return {ind: [p for y, p in sorted(by_year.items()) if y <= as_of] for ind, by_year in points.items()}


def _targets_by_indicator(plan: Plan) -> dict[str, dict[int, float]]:
    rows = plan.values[(plan.values["kind"] == "target") & plan.values["value"].notna()]
    out: dict[str, dict[int, float]] = {}
    for ind, year, value in zip(rows["indicator_id"], rows["year"], rows["value"], strict=True):
        out.setdefault(ind, {})[int(year)] = float(value)
    return out


def _target_editions(plan: Plan) -> dict[tuple[str, int], int]:
    """The edition each target comes from (the plan in force takes each year's from the edition then in force)."""
    rows = plan.values[plan.values["kind"] == "target"]
    return {(i, int(y)): int(e) for i, y, e in zip(rows["indicator_id"], rows["year"], rows["edition"], strict=True)}


def assess(plan: Plan, actuals: pd.DataFrame | None = None, as_of: int | dt.date | None = None) -> pd.DataFrame:
    """One row per indicator: status, ratio, lens, what the status is based on and ``edition``, the number of
    the plan's edition whose target it is judged against (``plan``: the plan in force, ``zhez.editions``)."""
    observed = _observed_by_indicator(plan, actuals, _as_of_year(as_of))
    targets = _targets_by_indicator(plan)
    editions = _target_editions(plan)
    rows = []
    for ind, desired, unit in zip(
        plan.indicators["id"], plan.indicators["desired"], plan.indicators["unit"], strict=True
    ):
        a = rate(desired, unit.strip() == "%", observed.get(ind, []), targets.get(ind, {}))
        rows.append(
            {
                "indicator_id": ind,
                "status": a.status,
                "ratio": a.ratio,
                "lens": a.lens,
                "basis_year": a.basis.year if a.basis else None,
                "basis_kind": a.basis.kind if a.basis else "",
                "basis_value": a.basis.value if a.basis else None,
                "baseline_year": a.baseline.year if a.baseline else None,
                "baseline_value": a.baseline.value if a.baseline else None,
                "target_year": a.target_year,
                "target_value": a.target_value,
                "observed_pace": a.observed_pace,
                "required_pace": a.required_pace,
                "reason": a.reason,
                "recorded_by": a.basis.recorded_by if a.basis else "",
                "edition": editions.get((ind, a.target_year)) if a.target_year is not None else None,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("basis_year", "baseline_year", "target_year", "edition"):
        frame[column] = frame[column].astype("Int64")
    for column in ("ratio", "basis_value", "baseline_value", "target_value", "observed_pace", "required_pace"):
        frame[column] = frame[column].astype("float64")
    return frame


def projection(
    points: list[Point], until: int = YEARS[-1], within: tuple[float, float] = (-math.inf, math.inf)
) -> list[tuple[int, float]]:
    """Straight line at the observed pace from the latest point to ``until`` (needs two points), ending at the
    last year whose value stays ``within`` what the indicator can be (``possible_range``)."""
    if len(points) < 2:
        return []
    first, latest = points[0], points[-1]
    pace = (latest.value - first.value) / (latest.year - first.year)
    line = [(year, latest.value + pace * (year - latest.year)) for year in range(latest.year, until + 1)]
    low, high = within
    return list(itertools.takewhile(lambda point: low <= point[1] <= high, line))


def possible_range(values: Iterable[float], percent: bool) -> tuple[float, float]:
    """What an indicator's value can be, as far as its own figures tell: never negative when none of them is;
    at most 100 for a percentage whose figures are all at most 100. A projection stops at these bounds."""
    known = [float(v) for v in values if not pd.isna(v)]
    low = 0.0 if all(v >= 0 for v in known) else -math.inf
    high = 100.0 if percent and all(v <= 100 for v in known) else math.inf
    return low, high


# ── roll-ups ───────────────────────────────────────────────────────────────


def worst_first(assessment: pd.DataFrame) -> pd.DataFrame:
    """Statuses worst first; within a status, the lowest ratio first."""
    rank = assessment["status"].map({s: i for i, s in enumerate(WORST_FIRST)})
    return (
        assessment.assign(_rank=rank)
        .sort_values(["_rank", "ratio"], na_position="last", kind="stable")
        .drop(columns="_rank")
    )


def rollup(plan: Plan, assessment: pd.DataFrame, by: str = "direction_id") -> pd.DataFrame:
    """Count and share of indicators in each status, per direction (``by="direction_id"``) or goal (``by="goal"``)."""
    merged = assessment.merge(plan.indicators[["id", "direction_id", "goal"]], left_on="indicator_id", right_on="id")
    counts = merged.groupby([by, "status"]).size().unstack(fill_value=0).reindex(columns=list(STATUSES), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    for status in STATUSES:
        counts[f"share_{status}"] = counts[status] / counts["total"]
    return counts.reset_index()


# ── words for people ───────────────────────────────────────────────────────


def status_label(status: str, lang: str) -> str:
    """Icon and word: ``● On track``."""
    return f"{STATUS_ICONS[status]} {t(f'status.{status}', lang)}"


def basis_label(row: i18n.Row, lang: str) -> str:
    """What a status rests on: ``2025 estimate`` / ``actual 2026``."""
    year = row["basis_year"]
    if year is None or pd.isna(year):
        return t("basis.none", lang)
    return t(f"basis.{row['basis_kind']}", lang, year=str(int(year)))


def lens_label(row: i18n.Row, lang: str) -> str:
    """How a status was judged: against the year's target, or by pace to the last target the plan gives (2030 for
    most; 2027 where the plan's targets stop there — "pace to the 2030 target" beside "the 2027 target" was a
    contradiction on the indicator's page). "" when not judged."""
    if not row["lens"]:
        return ""
    year = row["target_year"]
    return t(f"lens.{row['lens']}", lang, year="" if year is None or pd.isna(year) else str(int(year)))


def pace_unit(unit: str, lang: str, pace: float = math.nan) -> str:
    """The unit of a pace (a change a year) of an indicator in ``unit``: a share's is percentage points
    ("0,26 п. п. в год", not per cent of anything), any other's the unit itself as it follows the number."""
    return t("unit.points", lang) if unit.strip() == "%" else i18n.unit_for(abs(pace), unit, lang)


def explain(row: i18n.Row, unit: str, lang: str) -> str:
    """One sentence an official can read aloud to justify the status."""

    def n(value: float | None, max_decimals: int = 3) -> str:
        if value is None or pd.isna(value):
            return i18n.NO_VALUE
        return i18n.number(float(value), lang, max_decimals=max_decimals)

    observed = row["observed_pace"]

    params = {
        "basis": basis_label(row, lang),
        "value": n(row["basis_value"]),
        "unit": i18n.after_number(unit),
        "baseline_year": "" if pd.isna(row["baseline_year"]) else str(int(row["baseline_year"])),
        "baseline": n(row["baseline_value"]),
        "target_year": "" if pd.isna(row["target_year"]) else str(int(row["target_year"])),
        "target": n(row["target_value"]),
        "observed": i18n.NO_VALUE if pd.isna(observed) else n(abs(observed), 2),
        "required": i18n.NO_VALUE if pd.isna(row["required_pace"]) else n(abs(row["required_pace"]), 2),
        "ratio": i18n.percent(row["ratio"], lang),
        "direction": t(
            "explain.no_change"
            if pd.isna(observed) or observed == 0
            else "explain.good_way"
            if observed > 0
            else "explain.bad_way",
            lang,
        ),
        # the icon never ends a line without its word ("… → ▼" / "Удаляется от цели.")
        "status": status_label(str(row["status"]), lang).replace(" ", "\u00a0", 1),
    }
    # the pace sentence gives every figure its unit: "нужно 0,08 в год" alone left an official asking "0,08 of
    # what?"

    def agreeing(name: str) -> str:  # "410,5 балла", "5 баллов"
        value = row[f"{name}_value"]
        return params["unit"] if value is None or pd.isna(value) else i18n.unit_for(float(value), unit, lang)

    for name, its_unit in (("value", agreeing("basis")), ("target", agreeing("target")), ("observed", pace_unit(unit, lang, row["observed_pace"])), ("required", pace_unit(unit, lang, row["required_pace"]))):  # fmt: skip
        known = params[name] != i18n.NO_VALUE
        params[f"{name}_with_unit"] = f"{params[name]}\u00a0{its_unit}" if its_unit and known else params[name]
    ratio, reason = row["ratio"], str(row["reason"])
    moving_away = ratio is not None and not pd.isna(ratio) and ratio < 0
    # a share of a pace or of a change is plain words only when it is not negative
    params["pace_words"] = (
        t("explain.pace_away", lang) if moving_away else t("explain.pace_share", lang, share=params["ratio"])
    )
    if reason == "ratio" and moving_away:
        reason = "ratio_away"
    return t(f"explain.{reason}", lang, **params)
