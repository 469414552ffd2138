"""The financing table's structure: its lines as printed, and the two readings its layout allows.

The table prints its lines one under another with a label and no indentation, so it does not
always say which line a line belongs to. Where a reviewed source gives a line an
``alt_parent_line_id``, the line may be read two ways:

* ``sibling`` — a line of its own under ``parent_line_id``, beside the line named as the
  alternative. This is the reading the app sums everywhere (direction money, charts, what-if);
* ``nested`` — part of its ``alt_parent_line_id``, as a sub-line.

Neither reading is printed. ``reading_gaps`` gives both readings' sums against each printed
total, ``reading_note`` the sentence a financing screen shows to say which reading it sums and why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zhez import i18n
from zhez.i18n import LANGUAGES, t
from zhez.plan import PLAN_YEARS, Plan, per_plan

READINGS = ("sibling", "nested")
SUMMED = "sibling"  # the reading every financing screen sums (parent_line_id as stored)
TOLERANCE = 0.05  # mln ₸: the table prints one decimal


@dataclass(frozen=True)
class OpenLine:
    """A line whose place the table leaves open: under ``parent`` (sibling) or inside ``alternative`` (nested)."""

    line_id: str
    parent: str
    alternative: str
    direction_id: str


@per_plan
def lines(plan: Plan) -> pd.DataFrame:
    """One row per printed line (label, role, parents), in printed order."""
    return plan.financing.drop_duplicates("line_id").set_index("line_id")


@per_plan
def open_lines(plan: Plan) -> list[OpenLine]:
    rows = lines(plan)
    return [
        OpenLine(str(line_id), row["parent_line_id"], row["alt_parent_line_id"], row["direction_id"])
        for line_id, row in rows.iterrows()
        if row["alt_parent_line_id"]
    ]


@per_plan
def parents(plan: Plan, reading: str = SUMMED) -> dict[str, str]:
    """Each line's parent under ``reading`` (``""`` for the grand total)."""
    if reading not in READINGS:
        raise ValueError(f"unknown reading {reading!r}")
    out = {str(k): str(v) for k, v in lines(plan)["parent_line_id"].items()}
    if reading == "nested":
        out.update({o.line_id: o.alternative for o in open_lines(plan)})
    return out


@per_plan
def children(plan: Plan, line_id: str, reading: str = SUMMED) -> list[str]:
    """The lines a total adds up under ``reading`` (“of which” lines are inside it, not added)."""
    roles = lines(plan)["role"]
    return [
        child
        for child, parent in parents(plan, reading).items()
        if parent == line_id and roles[child] in ("line", "total")
    ]


@per_plan
def direction_lines(plan: Plan, direction_id: str, reading: str = SUMMED) -> list[str]:
    """The lines whose sum is a direction's financing: its lines not read as part of another line."""
    rows = lines(plan)
    of = parents(plan, reading)
    return [
        str(line_id)
        for line_id, row in rows.iterrows()
        if row["direction_id"] == direction_id
        and row["role"] == "line"
        and rows["role"].get(of[str(line_id)]) != "line"
    ]


@per_plan
def amounts(plan: Plan) -> dict[tuple[str, int], float | None]:
    fin = plan.financing
    return {
        (str(line), int(year)): (None if math.isnan(value) else float(value))
        for line, year, value in zip(fin["line_id"], fin["year"], fin["amount_mln_kzt"], strict=True)
    }


@per_plan
def reading_gaps(plan: Plan) -> pd.DataFrame:
    """Every total line and year under each reading: the printed total, the sum of its lines, the gap.

    Columns ``reading, line_id, year, printed, summed, gap`` (gap = printed − summed); a year where
    the total or all its lines print “-” is left out.
    """
    cells = amounts(plan)
    years = sorted({year for _, year in cells})
    totals = [str(i) for i, role in lines(plan)["role"].items() if role == "total"]
    rows = []
    for reading in READINGS:
        for total in totals:
            parts = children(plan, total, reading)
            for year in years:
                printed = cells[(total, year)]
                values = [v for p in parts if (v := cells[(p, year)]) is not None]
                if printed is None or not values:
                    continue
                summed = math.fsum(values)
                gap = printed - summed
                rows.append(
                    {
                        "reading": reading,
                        "line_id": total,
                        "year": year,
                        "printed": printed,
                        "summed": summed,
                        "gap": gap,
                    }
                )
    return pd.DataFrame(rows, columns=["reading", "line_id", "year", "printed", "summed", "gap"])


def part_exceeds_years(plan: Plan, line: OpenLine) -> list[tuple[int, float, float]]:
    """Years where the open line, read as part of its alternative, would be larger than it: (year, part, whole)."""
    cells = amounts(plan)
    out = []
    for year in sorted({y for _, y in cells}):
        part, whole = cells[(line.line_id, year)], cells[(line.alternative, year)]
        if part is not None and whole is not None and part > whole + TOLERANCE:
            out.append((year, part, whole))
    return out


@per_plan
def direction_total(
    plan: Plan, direction_id: str, years: tuple[int, ...] = PLAN_YEARS, reading: str = SUMMED
) -> float | None:
    """A direction's financing summed over ``years`` under ``reading``; ``None`` where every cell is “-”."""
    cells = amounts(plan)
    values = [cells[(line, y)] for line in direction_lines(plan, direction_id, reading) for y in years]
    present = [v for v in values if v is not None]
    return math.fsum(present) if present else None


def grand_total(plan: Plan) -> str:
    """The total with no line above it (the plan's TOTAL)."""
    return plan.grand_total_line


# ── words ──────────────────────────────────────────────────────────────────


def _range(gaps: pd.Series) -> dict[str, str]:
    low, high = float(gaps.min()), float(gaps.max())
    return {
        lang: i18n.number(low, lang, 1) if abs(high - low) < TOLERANCE else
        f"{i18n.number(low, lang, 1)}–{i18n.number(high, lang, 1)}"
        for lang in LANGUAGES
    }  # fmt: skip


def reading_params(plan: Plan, line: OpenLine) -> dict[str, object]:
    """What the note and the audit say about one open line, per language."""
    rows = lines(plan)
    total = grand_total(plan)
    gaps = reading_gaps(plan)
    grand = gaps[gaps["line_id"] == total]
    exceeds = part_exceeds_years(plan, line)
    direction = line.direction_id
    return {
        "line": {lang: rows.loc[line.line_id, f"label_{lang}"] for lang in LANGUAGES},
        "other": {lang: rows.loc[line.alternative, f"label_{lang}"] for lang in LANGUAGES},
        "printed": rows.loc[line.line_id, "label_printed"],
        "total": {lang: rows.loc[total, f"label_{lang}"] for lang in LANGUAGES},
        "sibling_gaps": _range(grand[grand["reading"] == "sibling"]["gap"]),
        "nested_gaps": _range(grand[grand["reading"] == "nested"]["gap"]),
        "sibling_money": {
            lang: i18n.money(direction_total(plan, direction, reading="sibling"), lang) for lang in LANGUAGES
        },
        "nested_money": {
            lang: i18n.money(direction_total(plan, direction, reading="nested"), lang) for lang in LANGUAGES
        },
        "exceeds": {
            lang: "; ".join(
                f"{year}: {i18n.number(part, lang, 1)} > {i18n.number(whole, lang, 1)}" for year, part, whole in exceeds
            )
            for lang in LANGUAGES
        },
        "has_exceeds": bool(exceeds),
    }


@per_plan
def reading_note(plan: Plan, lang: str, direction_id: str | None = None) -> str | None:
    """The sentence a financing screen shows: which reading its sums follow and why.

    ``None`` where the plan (or the direction) has no line whose place the table leaves open.
    """
    shown = [o for o in open_lines(plan) if direction_id is None or o.direction_id == direction_id]
    if not shown:
        return None
    sentences = []
    for line in shown:
        params = reading_params(plan, line)
        key = "reading.note_exceeds" if params.pop("has_exceeds") else "reading.note"
        sentences.append(t(key, lang, **params))
    return " ".join(sentences)
