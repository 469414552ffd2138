"""What-if arithmetic: moving the plan's funding between years and lines. Pure, no Streamlit.

A scenario is a list of ``Move``s applied, in order, to the published financing. Money is
moved, never created: a move takes from one (line, year) what it adds to another. A total's
scenario value is its *published* value plus the changes of the lines under it, so the
plan's own inconsistencies (see the audit) are kept as they are, never amplified or repaired.
An invalid move refuses the whole scenario with ``BudgetError``; nothing is half-applied.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from zhez.i18n import t
from zhez.plan import PLAN_YEARS, YEARS, Plan, year_or_none

MOVABLE_ROLES = ("line", "sub_line")
EPSILON = 1e-6  # mln ₸: below a tenge, amounts are equal


@dataclass(frozen=True)
class Move:
    """Take ``amount_mln_kzt`` from ``line_id`` in ``from_year`` and add it to ``to_line_id`` (default: the same
    line) in ``to_year``."""

    line_id: str
    from_year: int
    to_year: int
    amount_mln_kzt: float
    to_line_id: str | None = None

    @property
    def target_line(self) -> str:
        return self.to_line_id or self.line_id

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Move:
        """A move as ``as_dict`` wrote it (a saved scenario's JSON)."""
        return cls(
            str(data["line_id"]),
            int(data["from_year"]),
            int(data["to_year"]),
            float(data["amount_mln_kzt"]),
            str(data["to_line_id"]) if data.get("to_line_id") else None,
        )


MOVE_COLUMNS = ("line_id", "from_year", "to_year", "amount_mln_kzt", "to_line_id")
REQUIRED_COLUMNS = MOVE_COLUMNS[:4]


def moves_frame(moves: Sequence[Move]) -> pd.DataFrame:
    """A scenario's moves as a table to edit, one row a move (``MOVE_COLUMNS``)."""
    return pd.DataFrame([m.as_dict() for m in moves], columns=list(MOVE_COLUMNS))


def moves_from_frame(frame: pd.DataFrame) -> list[Move]:
    """The rows of an edited ``moves_frame`` as moves; a row missing a line, a year or the amount is skipped."""
    moves = []
    for row in frame.to_dict("records"):
        if any(pd.isna(row.get(k)) or row.get(k) in ("", None) for k in REQUIRED_COLUMNS):
            continue
        to_line = row.get("to_line_id")
        moves.append(
            Move(str(row["line_id"]), int(row["from_year"]), int(row["to_year"]), float(row["amount_mln_kzt"]),
                 str(to_line) if isinstance(to_line, str) and to_line else None)
        )  # fmt: skip
    return moves


class BudgetError(ValueError):
    """A move that cannot be made; ``key`` and ``params`` name the reason for ``zhez.i18n`` (``budget.<key>``)."""

    def __init__(self, key: str, index: int, **params: object) -> None:
        self.key, self.index, self.params = key, index, params
        super().__init__(f"move {index + 1}: {key} {params}")

    def text(self, lang: str) -> str:
        return t("budget.move_n", lang, n=str(self.index + 1)) + ": " + t(f"budget.{self.key}", lang, **self.params)


class Financing:
    """The published financing as plain dicts, for fast scenario arithmetic (built once per plan).

    ``executed``: per (line, year), the money an approved report says was already spent (``zhez.execution.
    executed_amounts``); a scenario cannot move it, only what remains.
    """

    def __init__(self, plan: Plan, executed: Mapping[tuple[str, int], float] | None = None) -> None:
        fin = plan.financing
        self.executed: dict[tuple[str, int], float] = dict(executed or {})
        lines = fin.drop_duplicates("line_id").set_index("line_id")
        self.frame = fin
        self.roles: dict[str, str] = dict(zip(lines.index, lines["role"], strict=True))
        self.parents: dict[str, str] = dict(zip(lines.index, lines["parent_line_id"], strict=True))
        self.directions: dict[str, str] = dict(zip(lines.index, lines["direction_id"], strict=True))
        self.published: dict[tuple[str, int], float | None] = {
            (line, int(year)): (None if math.isnan(amount) else float(amount))
            for line, year, amount in zip(fin["line_id"], fin["year"], fin["amount_mln_kzt"], strict=True)
        }

    def ancestors(self, line_id: str) -> list[str]:
        chain, parent = [], self.parents.get(line_id, "")
        while parent:
            chain.append(parent)
            parent = self.parents.get(parent, "")
        return chain

    def movable(self) -> list[str]:
        return [line for line, role in self.roles.items() if role in MOVABLE_ROLES]


def deltas(financing: Financing, moves: Sequence[Move]) -> dict[tuple[str, int], float]:
    """The change of every (line, year) a scenario touches, totals included; ``BudgetError`` on the first bad move."""
    own: dict[tuple[str, int], float] = {}
    for index, move in enumerate(moves):
        _check(financing, move, index, own)
        own[(move.line_id, move.from_year)] = own.get((move.line_id, move.from_year), 0.0) - move.amount_mln_kzt
        key = (move.target_line, move.to_year)
        own[key] = own.get(key, 0.0) + move.amount_mln_kzt
    effective: dict[tuple[str, int], float] = {}
    for (line, year), change in own.items():
        for touched in (line, *financing.ancestors(line)):
            effective[(touched, year)] = effective.get((touched, year), 0.0) + change
    return effective


def _check(financing: Financing, move: Move, index: int, own: dict[tuple[str, int], float]) -> None:
    for line in (move.line_id, move.target_line):
        role = financing.roles.get(line)
        if role is None:
            raise BudgetError("unknown_line", index, line=line)
        if role not in MOVABLE_ROLES:
            raise BudgetError("total_line", index, line=line)
    for year in (move.from_year, move.to_year):
        if year not in YEARS:
            raise BudgetError("year_range", index, year=str(year))
    if not math.isfinite(move.amount_mln_kzt) or move.amount_mln_kzt <= 0:
        raise BudgetError("amount_positive", index, amount=move.amount_mln_kzt)
    if move.line_id == move.target_line and move.from_year == move.to_year:
        raise BudgetError("same_place", index)
    held = (financing.published[(move.line_id, move.from_year)] or 0.0) + sum(
        own.get((line, move.from_year), 0.0) for line in _self_and_children(financing, move.line_id)
    )
    spent = financing.executed.get((move.line_id, move.from_year), 0.0)
    if move.amount_mln_kzt > held - spent + EPSILON:
        if spent > 0 and move.amount_mln_kzt <= held + EPSILON:
            raise BudgetError(
                "spent", index, line=move.line_id, year=str(move.from_year), spent=round(spent, 1),
                movable=round(max(held - spent, 0.0), 1),
            )  # fmt: skip
        raise BudgetError(
            "not_enough", index, line=move.line_id, year=str(move.from_year), available=round(max(held - spent, 0.0), 1)
        )


def movable(financing: Financing, moves: Sequence[Move] = ()) -> pd.DataFrame:
    """What a scenario may still take from each movable line and year: the published amount with the moves made
    so far, less what an approved report says was executed. Columns: line_id, year, held_mln_kzt,
    executed_mln_kzt (NaN where none is reported), movable_mln_kzt."""
    change = deltas(financing, list(moves))
    rows = []
    for line in financing.movable():
        for year in YEARS:
            if (line, year) not in financing.published:
                continue
            held = (financing.published[(line, year)] or 0.0) + change.get((line, year), 0.0)
            spent = financing.executed.get((line, year))
            rows.append(
                {
                    "line_id": line,
                    "year": year,
                    "held_mln_kzt": held,
                    "executed_mln_kzt": math.nan if spent is None else spent,
                    "movable_mln_kzt": max(held - (spent or 0.0), 0.0),
                }
            )
    return pd.DataFrame(rows, columns=["line_id", "year", "held_mln_kzt", "executed_mln_kzt", "movable_mln_kzt"])


def _self_and_children(financing: Financing, line_id: str) -> list[str]:
    """A line's own moves count against it, and so do moves of its sub-lines (they are part of it)."""
    return [line_id, *(child for child, parent in financing.parents.items() if parent == line_id)]


def apply(plan: Plan | Financing, moves: Iterable[Move]) -> pd.DataFrame:
    """The financing under a scenario, in the layout of ``plan.financing`` plus baseline and change columns.

    ``amount_mln_kzt`` holds the scenario; ``baseline_mln_kzt`` the published amount; ``delta_mln_kzt`` the change.
    A published “-” stays no value unless money is moved into it.
    """
    financing = plan if isinstance(plan, Financing) else Financing(plan)
    change = deltas(financing, list(moves))
    frame = financing.frame
    baseline = frame["amount_mln_kzt"].to_numpy()
    delta = [change.get((line, int(year)), 0.0) for line, year in zip(frame["line_id"], frame["year"], strict=True)]
    scenario = [(b if d == 0 else (0.0 if math.isnan(b) else b) + d) for b, d in zip(baseline, delta, strict=True)]
    return frame.assign(amount_mln_kzt=scenario, baseline_mln_kzt=baseline, delta_mln_kzt=delta)


# ── helpers that reduce to moves ───────────────────────────────────────────


def shift_percent(plan: Plan | Financing, line_id: str, from_year: int, to_year: int, percent: float,
                  moves: Sequence[Move] = ()) -> Move:  # fmt: skip
    """``percent`` % of what ``line_id`` has in ``from_year`` (after ``moves``), moved to ``to_year``."""
    current = _amount_after(plan, moves, line_id, from_year)
    return Move(line_id, from_year, to_year, round(current * percent / 100.0, 6))


def spread_evenly(plan: Plan | Financing, line_id: str, from_year: int, to_years: Sequence[int],
                  moves: Sequence[Move] = ()) -> list[Move]:  # fmt: skip
    """Spread what ``line_id`` has in ``from_year`` evenly over ``to_years`` (``from_year`` may be one of them)."""
    years = sorted(set(to_years))
    share = _amount_after(plan, moves, line_id, from_year) / len(years)
    return [Move(line_id, from_year, year, round(share, 6)) for year in years if year != from_year and share > 0]


def even_out(plan: Plan | Financing, line_id: str, years: Sequence[int] = PLAN_YEARS,
             moves: Sequence[Move] = ()) -> list[Move]:  # fmt: skip
    """Moves that give ``line_id`` the same amount in every one of ``years``, keeping their sum."""
    amounts = {year: _amount_after(plan, moves, line_id, year) for year in years}
    level = sum(amounts.values()) / len(amounts)
    surplus = [[y, a - level] for y, a in amounts.items() if a - level > EPSILON]
    deficit = [[y, level - a] for y, a in amounts.items() if level - a > EPSILON]
    out: list[Move] = []
    for give in surplus:
        for take in deficit:
            amount = min(give[1], take[1])
            if amount > EPSILON:
                out.append(Move(line_id, int(give[0]), int(take[0]), round(amount, 6)))
                give[1] -= amount
                take[1] -= amount
    return out


def _amount_after(plan: Plan | Financing, moves: Sequence[Move], line_id: str, year: int) -> float:
    financing = plan if isinstance(plan, Financing) else Financing(plan)
    change = deltas(financing, list(moves))
    return (financing.published.get((line_id, year)) or 0.0) + change.get((line_id, year), 0.0)


# ── what a scenario puts at risk ───────────────────────────────────────────


def period_totals(scenario: pd.DataFrame, line_id: str, years: Sequence[int] = PLAN_YEARS) -> tuple[float, float]:
    """A line's published and scenario sums over ``years`` (of ``apply``'s frame; a “-” cell counts as nothing)."""
    rows = scenario[(scenario["line_id"] == line_id) & scenario["year"].isin(years)]
    return float(rows["baseline_mln_kzt"].sum()), float(rows["amount_mln_kzt"].fillna(0.0).sum())


def project_years(start: object, end: object) -> tuple[list[int], bool]:
    """The plan years a project is under way, and whether the plan states them (else the whole period)."""
    first, last = year_or_none(start), year_or_none(end)
    known = first is not None and last is not None
    first = PLAN_YEARS[0] if first is None else first
    last = PLAN_YEARS[-1] if last is None else last
    return [y for y in PLAN_YEARS if first <= y <= last], known


def exposure(plan: Plan, scenario: pd.DataFrame) -> pd.DataFrame:
    """Projects under way in a year whose direction line loses money in the scenario.

    One row per (project, year): the share of that year's line funding removed, and the
    indicators the project is linked to. An exposure list, not a prediction: the plan
    does not say which project each tenge pays for.
    """
    # A direction may have more than one line (the table prints two in direction 1; see zhez.financing):
    # what it loses is measured against all of them together, as its financing is summed everywhere.
    lines = scenario[scenario["role"] == "line"]
    by_direction: dict[tuple[str, int], tuple[float, float]] = {}
    for direction, year, base, delta in zip(
        lines["direction_id"], lines["year"], lines["baseline_mln_kzt"], lines["delta_mln_kzt"], strict=True
    ):
        old_base, old_delta = by_direction.get((direction, int(year)), (0.0, 0.0))
        by_direction[(direction, int(year))] = (old_base + (0.0 if math.isnan(base) else base), old_delta + delta)
    lost = {key: pair for key, pair in by_direction.items() if pair[1] < -EPSILON}
    rows = []
    for project in plan.projects.to_dict("records"):  # plain dicts: iterrows is slow for thousands
        if project["stage"] == "completed" or not project["direction_id"]:
            continue
        years, known = project_years(project["start_year"], project["end_year"])
        for year in years:
            if (project["direction_id"], year) not in lost:
                continue
            base, delta = lost[(project["direction_id"], year)]
            rows.append(
                {
                    "project_id": project["id"],
                    "direction_id": project["direction_id"],
                    "year": year,
                    "removed_mln_kzt": -delta,
                    "share_removed": (-delta / base) if base else 1.0,
                    "years_stated": known,
                    "indicator_ids": project["indicator_ids"],
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "project_id",
            "direction_id",
            "year",
            "removed_mln_kzt",
            "share_removed",
            "years_stated",
            "indicator_ids",
        ],
    )


# ── scenarios in a link ────────────────────────────────────────────────────


def encode(moves: Sequence[Move]) -> list[str]:
    """Moves as link values: ``line,from,to,amount[,to_line]`` (repeat ``m=`` once per move)."""
    return [
        ",".join(
            [
                m.line_id,
                str(m.from_year),
                str(m.to_year),
                f"{m.amount_mln_kzt:g}",
                *([m.to_line_id] if m.to_line_id else []),
            ]
        )
        for m in moves
    ]


def decode(values: Sequence[str]) -> list[Move]:
    """The inverse of ``encode``; ``ValueError`` for anything else."""
    moves = []
    for value in values:
        parts = value.split(",")
        if len(parts) not in (4, 5):
            raise ValueError(f"not a move: {value!r}")
        moves.append(
            Move(parts[0], int(parts[1]), int(parts[2]), float(parts[3]), parts[4] if len(parts) == 5 else None)
        )
    return moves


def moves_to_amounts(
    line_id: str, current: dict[int, float], wanted: dict[int, float], balance_year: int
) -> list[Move]:
    """Moves that bring ``line_id`` from ``current`` to ``wanted`` amounts, the difference balanced by ``balance_year``."""
    out = []
    for year, amount in sorted(wanted.items()):
        change = amount - current.get(year, 0.0)
        if year == balance_year or abs(change) < 0.05:  # the inputs show one decimal
            continue
        out.append(
            Move(line_id, balance_year, year, change) if change > 0 else Move(line_id, year, balance_year, -change)
        )
    return out
