"""The calculation behind a status, step by step, so an official can redo it by hand.

``workings(row, desired, unit, lang)`` gives the steps of our rating (``zhez.progress``: against this
year's target, or pace to the final target); ``opensdg_workings(progress, lang)`` those of the Open SDG
lens (``zhez.opensdg``). Each step is a row: what is computed, the formula with the plan's numbers
put in, and the result. The numbers come from the assessment itself; nothing is rated again here,
so the last row always names the status the rest of the app shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from zhez import i18n, opensdg
from zhez.i18n import t
from zhez.plan import Plan, year_or_none
from zhez.progress import AT_RISK, ON_TRACK, Point, basis_label, classify, pace_unit, sign_of, status_label, tolerance

Row = Mapping[str, Any]  # a line of progress.assess


def _n(value: float | None, lang: str, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return i18n.NO_VALUE
    return i18n.number(float(value), lang, decimals)


def _year(value: object) -> str:
    year = year_or_none(value)
    return "" if year is None else str(year)


def _frame(steps: list[tuple[str, str, str]], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        steps, columns=[t("calc.col_step", lang), t("calc.col_working", lang), t("calc.col_result", lang)]
    )


def ratio_text(ratio: float, band: Callable[[float], str], lang: str, fewest: int = 2) -> str:
    """A ratio with ``fewest`` decimals, or more where that would round it across a threshold (0,9496 is not “0,95”)."""
    for decimals in range(fewest, 7):
        if band(round(ratio, decimals)) == band(ratio):
            return i18n.number(ratio, lang, decimals)
    return i18n.number(ratio, lang, 6)


def threshold_step(ratio: float, lang: str) -> str:
    """Which band of the thresholds a ratio falls in: ``0,60 ≤ 0,72 < 0,95``."""
    r = ratio_text(ratio, classify, lang)
    on, risk = i18n.number(ON_TRACK, lang, 2), i18n.number(AT_RISK, lang, 2)
    if ratio >= ON_TRACK:
        return f"{r} ≥ {on}"
    if ratio >= AT_RISK:
        return f"{risk} ≤ {r} < {on}"
    if ratio >= 0:
        return f"0 ≤ {r} < {risk}"
    return f"{r} < 0"


def workings(row: Row, desired: str, unit: str, lang: str) -> pd.DataFrame:
    """Our rating of one indicator (a row of ``progress.assess``), step by step."""
    s = sign_of(desired)
    sign = i18n.signed(s, lang)
    status = status_label(str(row["status"]), lang)
    reason = str(row["reason"])
    basis = t(f"basis.{row['basis_kind']}", lang, year=_year(row["basis_year"])) if row["basis_kind"] else ""

    def value(v: float) -> str:
        return f"{_n(v, lang)} {i18n.unit_for(v, unit, lang)}".strip()

    def pace(v: float) -> str:
        return f"{_n(v, lang)} {pace_unit(unit, lang, v)}".strip()

    def decision(symbol: str, latest: float, target: float, ratio: float, formula: str) -> list[tuple[str, str, str]]:
        """The last steps: the level held within tolerance, or the ratio and the band it falls in."""
        if reason in ("within_tolerance", "short_of_level"):
            limit = tolerance(target, unit.strip() == "%")
            gap = f"|{symbol} − T| = {_n(abs(latest - target), lang)}; {t('calc.tolerance', lang)} {_n(limit, lang)}"
            return [(t("calc.check_level", lang), gap, status)]
        return [
            (t("calc.ratio", lang), formula, ratio_text(ratio, classify, lang)),
            (t("calc.threshold", lang), threshold_step(ratio, lang), status),
        ]

    direction = (t("calc.direction", lang), "s", t("calc.sign_up" if s > 0 else "calc.sign_down", lang, s=sign))
    if row["lens"] == "target":
        b, a, target = (float(row[k]) for k in ("baseline_value", "basis_value", "target_value"))
        planned, achieved = s * (target - b), s * (a - b)
        steps = [
            (t("calc.baseline", lang, year=_year(row["baseline_year"])), "B", value(b)),
            (basis, "A", value(a)),
            (t("calc.target_of", lang, year=_year(row["target_year"])), "T", value(target)),
            direction,
            (
                t("calc.planned", lang),
                f"s × (T − B) = {sign} × ({_n(target, lang)} − {_n(b, lang)})",
                _n(planned, lang),
            ),
            (t("calc.achieved", lang), f"s × (A − B) = {sign} × ({_n(a, lang)} − {_n(b, lang)})", _n(achieved, lang)),
        ]
        if reason == "target_met":
            steps.append((t("calc.check_met", lang), f"s × (A − T) = {_n(s * (a - target), lang)} ≥ 0", status))
        else:
            ratio = achieved / planned if planned else 0.0
            steps += decision("A", a, target, ratio, f"r = R / P = {_n(achieved, lang)} / {_n(planned, lang)}")
    elif row["lens"] == "pace" and reason not in ("single_point", "target_missing"):
        first, latest, target = (float(row[k]) for k in ("baseline_value", "basis_value", "target_value"))
        y0, y1, yt = (int(row[k]) for k in ("baseline_year", "basis_year", "target_year"))
        observed, required = float(row["observed_pace"]), float(row["required_pace"])
        steps = [
            (t("calc.first_point", lang, year=str(y0)), "V₀", value(first)),
            (basis, "V", value(latest)),
            (t("calc.target_of", lang, year=str(yt)), "T", value(target)),
            direction,
            (
                t("calc.observed_pace", lang),
                f"s × (V − V₀) / ({y1} − {y0}) = {sign} × ({_n(latest, lang)} − {_n(first, lang)}) / {y1 - y0}",
                pace(observed),
            ),
            (
                t("calc.required_pace", lang),
                f"s × (T − V) / ({yt} − {y1}) = {sign} × ({_n(target, lang)} − {_n(latest, lang)}) / {yt - y1}",
                pace(required),
            ),
        ]
        if reason == "target_reached":
            steps.append((t("calc.check_reached", lang), f"{_n(required, lang)} ≤ 0", status))
        else:
            ratio = observed / required if required else 0.0
            steps += decision("V", latest, target, ratio, f"r = {_n(observed, lang)} / {_n(required, lang)}")
    else:
        why = t(
            f"explain.{reason}", lang, basis=basis or i18n.NO_VALUE, value=_n(row["basis_value"], lang), status=status
        )
        steps = [(t("calc.no_rating", lang), why, status)]
    return _frame(steps, lang)


# ── the Open SDG lens ──────────────────────────────────────────────────────


def opensdg_label(status: str, lang: str) -> str:
    """The status as Open SDG names it, in ``lang`` (its own translations)."""
    return t(f"opensdg.status_{status}", lang)


def _percent(value: float | None, lang: str) -> str:
    return i18n.NO_VALUE if value is None else i18n.signed(value * 100, lang, 3) + " %"


def opensdg_workings(progress: opensdg.Progress, lang: str, current: str = "") -> pd.DataFrame:
    """The Open SDG calculation of one indicator, with the components sdg-build publishes.

    ``current`` names what the current value is (``2025 estimate``), so an estimate is never taken for
    a measurement."""
    p = progress
    label = opensdg_label(p.status, lang)
    score = i18n.NO_VALUE if p.score is None else i18n.number(p.score, lang, 2)
    steps: list[tuple[str, str, str]] = []
    if p.base_year is not None:
        base_note = f" ({t('opensdg.zero_replaced', lang)})" if p.base_replaced else ""
        steps.append((t("opensdg.base", lang, year=str(p.base_year)), "y₀", _n(p.base_value, lang) + base_note))
    if p.current_year is not None:
        steps.append((t("opensdg.current", lang, year=current or str(p.current_year)), "yᵢ", _n(p.current_value, lang)))
    if p.target is not None:
        target_note = f" ({t('opensdg.zero_replaced', lang)})" if p.target_replaced else ""
        steps.append((t("opensdg.target", lang, year=str(p.target_year)), "y_T", _n(p.target, lang) + target_note))
    direction = "opensdg.direction_positive" if p.direction > 0 else "opensdg.direction_negative"
    steps.append((t("calc.direction", lang), "d", t(direction, lang, d=i18n.signed(p.direction, lang))))
    if p.status == "target_achieved":
        comparison = "≥" if p.direction > 0 else "≤"
        steps.append(
            (t("opensdg.check_achieved", lang), f"{_n(p.current_value, lang)} {comparison} {_n(p.target, lang)}", label)
        )
    elif p.progress_value is not None:
        t0, ti, tt = p.base_year, p.current_year, p.target_year
        b, c, target = (_n(v, lang) for v in (p.base_value, p.current_value, p.target))
        steps += [
            (t("opensdg.observed_growth", lang), f"({c} / {b})^(1 / ({ti} − {t0})) − 1", _percent(p.observed_growth, lang)),
            (t("opensdg.required_growth", lang), f"({target} / {b})^(1 / ({tt} − {t0})) − 1", _percent(p.required_growth, lang)),
            (t("opensdg.ratio", lang),
             f"R = {i18n.signed(p.sign or 1, lang)} × {i18n.signed(p.direction, lang)} × "
             f"{_percent(p.observed_growth, lang)} / |{_percent(p.required_growth, lang)}|",
             ratio_text(p.progress_value, opensdg.status_of, lang, 4)),
            (t("calc.threshold", lang), opensdg_threshold_step(p.progress_value, lang), label),
            (t("opensdg.score", lang), opensdg_score_step(p.progress_value, lang), score),
        ]  # fmt: skip
    else:
        steps.append((t("opensdg.not_available", lang), t(f"opensdg.reason_{p.reason}", lang), label))
    if p.status == "target_achieved":
        steps.append((t("opensdg.score", lang), t("opensdg.score_achieved", lang), score))
    return _frame(steps, lang)


def opensdg_threshold_step(value: float, lang: str) -> str:
    r = ratio_text(value, opensdg.status_of, lang, 4)
    high, med = (i18n.number(opensdg.THRESHOLDS[k], lang, 2) for k in ("high", "med"))
    if value >= opensdg.THRESHOLDS["high"]:
        return f"R = {r} ≥ {high}"
    if value >= opensdg.THRESHOLDS["med"]:
        return f"{med} ≤ R = {r} < {high}"
    if value >= 0:
        return f"0 ≤ R = {r} < {med}"
    return f"R = {r} < 0"


def opensdg_score_step(value: float, lang: str) -> str:
    """sdg-build's score formula with R put in."""

    def n(x: float) -> str:
        return i18n.number(x, lang, max_decimals=4)

    r = ratio_text(value, opensdg.status_of, lang, 4)
    if value >= opensdg.THRESHOLDS["med"]:
        return f"min({n(7.1429)} × {r} − {n(4.2857)}; 5)"
    return f"max({n(4.1667)} × {r} − {n(2.5)}; −5)"


def opensdg_sentence(progress: opensdg.Progress, lang: str, current: str = "") -> str:
    """One sentence for the status line: the Open SDG status, score and what it rests on."""
    p = progress
    when = current or str(p.current_year)
    label = opensdg_label(p.status, lang)
    if p.status == "target_achieved":
        return t("opensdg.sentence_achieved", lang, status=label, current=_n(p.current_value, lang),
                 year=when, target=_n(p.target, lang), target_year=str(p.target_year))  # fmt: skip
    if p.progress_value is None:
        return t("opensdg.sentence_not_available", lang, status=label, reason=t(f"opensdg.reason_{p.reason}", lang))
    return t(
        "opensdg.sentence",
        lang,
        status=label,
        score=i18n.number(p.score or 0.0, lang, 2),
        base_year=str(p.base_year),
        base=_n(p.base_value, lang),
        year=when,
        current=_n(p.current_value, lang),
        target=_n(p.target, lang),
        target_year=str(p.target_year),
        observed=_percent(p.observed_growth, lang),
        required=_percent(p.required_growth, lang),
        ratio=ratio_text(p.progress_value, opensdg.status_of, lang),
    )


def opensdg_thresholds(lang: str) -> pd.DataFrame:
    """Open SDG's statuses with the ratio band and score range each stands for (the Method page's table)."""
    rows = [(opensdg_label(s, lang), t(f"opensdg.band_{s}", lang)) for s in opensdg.STATUSES]
    return pd.DataFrame(rows, columns=[t("col.status", lang), t("opensdg.col_band", lang)])


@dataclass(frozen=True)
class Lenses:
    """What the Indicator and Method pages show under a status: our calculation and the Open SDG one."""

    ours: pd.DataFrame  # the steps of our rating
    opensdg: opensdg.Progress  # the national platform's reading
    opensdg_steps: pd.DataFrame
    opensdg_sentence: str


def lenses(plan: Plan, indicator_id: str, row: Row, points: Iterable[Point], lang: str) -> Lenses:
    """Both calculations for one indicator: ``row`` its line of ``progress.assess``, ``points`` its observed
    points (``progress.observed_points``), the same the assessment used."""
    points = list(points)
    indicator = plan.indicator(indicator_id)
    unit = str(i18n.unit_of(indicator, lang))
    reading = opensdg.for_indicator(plan, indicator_id, points)
    kinds = {int(p.year): str(p.kind) for p in points}
    current = ""
    if reading.current_year is not None and reading.current_year in kinds:
        current = basis_label({"basis_year": reading.current_year, "basis_kind": kinds[reading.current_year]}, lang)
    return Lenses(
        workings(row, str(indicator["desired"]), unit, lang),
        reading,
        opensdg_workings(reading, lang, current),
        opensdg_sentence(reading, lang, current),
    )
