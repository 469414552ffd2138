"""The plan in numbers: per-direction counts and money, the audit's counts and worst findings — for the
overview, the meeting and its brief."""

from __future__ import annotations

import pandas as pd

from zhez import financing
from zhez.audit import SEVERITIES
from zhez.i18n import t
from zhez.plan import PLAN_YEARS, Plan
from zhez.progress import STATUSES, rollup


def direction_financing(plan: Plan, direction_id: str, years: tuple[int, ...] = PLAN_YEARS) -> float | None:
    """The direction's lines summed over ``years`` (the reading ``financing.reading_note`` names); ``None``
    where the plan prints only “-”."""
    return financing.direction_total(plan, direction_id, years)


def directions_overview(plan: Plan, assessment: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per direction: indicators, goals, financing 2026–2030 and (given an assessment) status counts."""
    counts = rollup(plan, assessment).set_index("direction_id") if assessment is not None else None
    rows = []
    for _, direction in plan.directions.iterrows():
        indicators = plan.indicators[plan.indicators["direction_id"] == direction["id"]]
        row: dict[str, object] = {
            "direction_id": direction["id"],
            "part": direction["part"],
            "indicators": len(indicators),
            "goals": int((plan.goals["direction_id"] == direction["id"]).sum()),
            "financing_2026_2030": direction_financing(plan, direction["id"]),
        }
        if counts is not None:
            row.update({status: int(counts[status].get(direction["id"], 0)) for status in STATUSES})
        rows.append(row)
    return pd.DataFrame(rows)


def financing_by_year(plan: Plan, direction_id: str, years: tuple[int, ...] = PLAN_YEARS) -> dict[int, float | None]:
    """The direction's lines year by year, summed as ``direction_financing`` sums them (``None`` where all print “-”)."""
    return {year: financing.direction_total(plan, direction_id, (year,)) for year in years}


def worst_findings(findings: pd.DataFrame, lang: str, limit: int) -> list[str]:
    """The audit's errors (its most severe kind) in ``lang``, at most ``limit`` lines, in the audit's order: an
    error alone of its kind in its own words, several of one kind (the same sum wrong in seven years) as one
    line that counts them, names their years and quotes the first."""
    errors = findings[findings["severity"] == "error"]
    lines = []
    for kind in errors["kind"].unique()[:limit]:
        same = errors[errors["kind"] == kind]
        first = str(same[f"message_{lang}"].iloc[0])
        if len(same) == 1:
            lines.append(first)
            continue
        years = sorted({int(y) for y in same["year"].dropna()})
        lines.append(
            t("audit.grouped", lang, kind=t(f"finding.{kind}", lang), n=len(same), years=_years(years), first=first)
        )
    return lines


def _years(years: list[int]) -> str:
    """``2024–2030`` for consecutive years, ``2024, 2026`` otherwise, "" for none."""
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def finding_counts(findings: pd.DataFrame) -> dict[str, int]:
    """How many findings the audit has of each severity (``error``, ``warning``, ``info``; 0 where none)."""
    counts = findings["severity"].value_counts()
    return {severity: int(counts.get(severity, 0)) for severity in SEVERITIES}


def estimate_based(assessment: pd.DataFrame) -> tuple[int, int]:
    """How many statuses rest on the plan's own 2025 estimate, of how many rest on a value at all ("no rating"
    is no status: it rests on nothing)."""
    with_basis = assessment[(assessment["basis_kind"].fillna("") != "") & (assessment["status"] != "no_rating")]
    return int((with_basis["basis_kind"] == "estimate").sum()), len(with_basis)


def estimate_banner(assessment: pd.DataFrame, lang: str) -> str | None:
    """The warning a screen of statuses shows while any of them rests on the 2025 estimate (``None`` once none does):
    an official must never report "7 indicators are getting worse" from the plan's own estimate."""
    estimated, total = estimate_based(assessment)
    if not estimated:
        return None
    if estimated == total:
        return t("ux.banner.estimate_all", lang, n=total)
    return t("ux.banner.estimate_some", lang, n=estimated, total=total)


def furthest_behind(rows: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """The first ``limit`` rated indicators of ``progress_rows`` (worst first) that are not on track."""
    behind = rows[rows["status"].isin(["moving_away", "off_track", "at_risk"])]
    return behind.head(limit)
