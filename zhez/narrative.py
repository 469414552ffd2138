"""The plan's text checked against itself: parts against their whole, shares, growth from a start to an end.

The figures come from ``plan.narrative_figures``: a reviewed file says which figures of the text
belong together and how (a whole and its parts; a start, an end and the rate between them); the
numbers are read from the quotes at ingest, never retyped.

Every printed figure is rounded, so each stands for an interval: ``310 млрд`` for 309,5–310,5 bn,
``1,1 трлн`` for 1,05–1,15 trn. A relation contradicts itself only when no values inside those
intervals satisfy it. A printed share or rate is allowed one unit of its last digit either way
(``45,8 %`` for 45,87 %: texts truncate as well as round).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zhez.plan import Plan

Interval = tuple[float, float]


@dataclass(frozen=True)
class Figure:
    """One figure as the text prints it, with what it stands for."""

    relation: str
    kind: str  # parts | growth
    role: str  # whole | part | start | end | rate
    year: int | None
    figure: str
    value: float | None  # the printed number (``1.1`` for ``1,1 трлн``)
    decimals: int | None
    multiplier: float  # 1e12 for трлн …
    unit: str
    share: float | None
    share_decimals: int | None
    form: str
    source_file: str
    line: int
    quote: str

    @property
    def amount(self) -> float:
        """The number in base units (tenge, m², people)."""
        return float(self.value or 0.0) * self.multiplier

    @property
    def interval(self) -> Interval:
        half = 0.5 * 10 ** -(self.decimals or 0) * self.multiplier
        return self.amount - half, self.amount + half

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Problem:
    """A relation the text's own figures cannot satisfy.

    ``kind``: ``parts_exceed`` (the parts add up to more than the whole), ``shares_exceed`` (the shares
    add up to more than 100 %), ``share_mismatch`` (a share does not follow from its part and whole),
    ``growth_mismatch`` (the rate does not follow from the start and end), ``direction_mismatch`` (the
    text says it rises, or falls, and the figures say the opposite).
    """

    kind: str
    relation: str
    figures: tuple[Figure, ...]  # what the problem rests on
    computed: float  # the sum, share or rate the figures give (base units, % or times)
    points: float | None = None  # for a rate between two percentages: the change in points too
    whole: float | None = None  # the whole a share was computed against (base units)


def figures(plan: Plan) -> dict[str, list[Figure]]:
    """The reviewed figures grouped by relation, in the order of the file."""
    out: dict[str, list[Figure]] = {}
    for row in plan.narrative_figures.to_dict("records"):
        out.setdefault(row["relation"], []).append(
            Figure(
                relation=row["relation"],
                kind=row["kind"],
                role=row["role"],
                year=None if pd.isna(row["year"]) else int(row["year"]),
                figure=row["figure"],
                value=None if pd.isna(row["value"]) else float(row["value"]),
                decimals=None if pd.isna(row["decimals"]) else int(row["decimals"]),
                multiplier=1.0 if pd.isna(row["multiplier"]) else float(row["multiplier"]),
                unit=row["unit"],
                share=None if pd.isna(row["share"]) else float(row["share"]),
                share_decimals=None if pd.isna(row["share_decimals"]) else int(row["share_decimals"]),
                form=row["form"],
                source_file=row["source_file"],
                line=int(row["line"]),
                quote=row["quote"],
            )
        )
    return out


def band(value: float, decimals: int) -> Interval:
    """A printed share or rate: one unit of its last digit either way."""
    unit = 10.0**-decimals
    return value - unit, value + unit


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def check_parts(figs: list[Figure]) -> list[Problem]:
    """Parts against their whole; shares against 100 % and against their part and whole.

    Without a whole, the parts are the whole (the text splits a total it does not print, such as a
    need into what is provided and what is missing).
    """
    found: list[Problem] = []
    wholes = [f for f in figs if f.role == "whole"]
    parts = [f for f in figs if f.role == "part"]
    low, high = math.fsum(p.interval[0] for p in parts), math.fsum(p.interval[1] for p in parts)
    whole = wholes[0].interval if wholes else (low, high)
    if wholes and low > whole[1]:
        found.append(Problem("parts_exceed", figs[0].relation, tuple(figs), math.fsum(p.amount for p in parts)))
    with_share = [p for p in parts if p.share is not None]
    if with_share:
        share_low = math.fsum(float(p.share) - 0.5 * 10.0 ** -(p.share_decimals or 0) for p in with_share)  # type: ignore[arg-type]  # with_share: share is set
        if share_low > 100:
            found.append(
                Problem("shares_exceed", figs[0].relation, tuple(with_share), math.fsum(p.share for p in with_share))  # type: ignore[misc]  # as above
            )
    for part in with_share:
        computed = (part.interval[0] / whole[1] * 100, part.interval[1] / whole[0] * 100)
        if not overlaps(computed, band(float(part.share), part.share_decimals or 0)):  # type: ignore[arg-type]  # as above
            middle = wholes[0].amount if wholes else math.fsum(p.amount for p in parts)
            found.append(
                Problem(
                    "share_mismatch",
                    part.relation,
                    (*wholes, part),
                    part.amount / middle * 100,
                    whole=middle,
                )
            )
    return found


def check_growth(figs: list[Figure]) -> list[Problem]:
    """The stated rate (or direction) against the start and end figures."""
    start = next(f for f in figs if f.role == "start")
    end = next(f for f in figs if f.role == "end")
    rate = next(f for f in figs if f.role == "rate")
    (s_low, s_high), (e_low, e_high) = start.interval, end.interval
    relation = start.relation
    if rate.form in ("rises", "falls"):
        wrong = e_high < s_low if rate.form == "rises" else e_low > s_high
        change = (end.amount / start.amount - 1) * 100 if start.amount else math.nan
        return [Problem("direction_mismatch", relation, (start, end, rate), change)] if wrong else []
    if s_low <= 0:
        return []  # a relative change from zero says nothing
    ratio = (e_low / s_high, e_high / s_low)
    points = (e_low - s_high, e_high - s_low)
    stated = band(float(rate.value), rate.decimals or 0)  # type: ignore[arg-type]  # a rate in figures (a direction word returned above)
    both_percent = start.is_percent and end.is_percent
    if rate.form in ("up_percent", "down_percent"):
        sign = 1 if rate.form == "up_percent" else -1
        stated = (sign * stated[0], sign * stated[1]) if sign > 0 else (-stated[1], -stated[0])
        ok = overlaps(((ratio[0] - 1) * 100, (ratio[1] - 1) * 100), stated)
        # “1,4 %” between two percentages may mean points: accept either reading.
        ok = ok or (both_percent and overlaps(points, stated))
        computed = (end.amount / start.amount - 1) * 100
    elif rate.form == "percent_of":
        ok = overlaps((ratio[0] * 100, ratio[1] * 100), stated)
        computed = end.amount / start.amount * 100
    else:  # up_points
        ok = overlaps(points, stated)
        computed = end.amount - start.amount
    if ok:
        return []
    return [
        Problem(
            "growth_mismatch",
            relation,
            (start, end, rate),
            computed,
            points=end.amount - start.amount if both_percent and rate.form != "up_points" else None,
        )
    ]


def problems(plan: Plan) -> list[Problem]:
    """Every relation of the text that its own figures contradict."""
    out: list[Problem] = []
    for figs in figures(plan).values():
        out += check_parts(figs) if figs[0].kind == "parts" else check_growth(figs)
    return out
