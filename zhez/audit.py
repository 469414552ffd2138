"""The plan audit: where the published plan contradicts itself or leaves gaps.

``audit(plan)`` returns one row per finding. Nothing here changes a value: a finding
points at the source cell and says what is odd about it, in kk/ru/en.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from zhez import financing, i18n, narrative
from zhez.i18n import LANGUAGES, t
from zhez.plan import PLAN_YEARS, Plan

SEVERITIES = ("error", "warning", "info")
TOLERANCE = 0.05  # the table prints one decimal; anything closer is rounding
SERIES_BREAK_GAP = 0.20  # targets restarting ≥ 20 % away from where the observed series is

COLUMNS = [
    "finding_id",
    "severity",
    "kind",
    "direction_id",
    "indicator_id",
    "line_id",
    "year",
    "message_kk",
    "message_ru",
    "message_en",
]


@dataclass
class Finding:
    severity: str
    kind: str
    params: dict[str, object] = field(default_factory=dict)
    direction_id: str = ""
    indicator_id: str = ""
    line_id: str = ""
    year: int | None = None
    message: str = ""  # the message key under audit., when a kind has more than one wording


def _names(row: i18n.Row, field_name: str = "name") -> dict[str, str]:
    return {lang: i18n.localized(row, field_name, lang) for lang in LANGUAGES}


def _words(key_prefix: str, items: list[str]) -> dict[str, str]:
    return {lang: ", ".join(t(f"{key_prefix}.{item}", lang) for item in items) for lang in LANGUAGES}


def _amount(value: float) -> dict[str, str]:
    """An amount in mln ₸ with the table's one decimal, per language."""
    return {lang: i18n.number(value, lang, 1) for lang in LANGUAGES}


def _steps(points: list[tuple[int, float]]) -> dict[str, str]:
    return {
        lang: "; ".join(
            f"{a} {i18n.number(va, lang)} → {b} {i18n.number(vb, lang)}"
            for (a, va), (b, vb) in itertools.pairwise(points)
        )
        for lang in LANGUAGES
    }


# ── financing ──────────────────────────────────────────────────────────────


def _financing(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    fin = plan.financing
    amounts = fin.set_index(["line_id", "year"])["amount_mln_kzt"]
    lines = fin.drop_duplicates("line_id").set_index("line_id")
    found += _totals(plan, lines)
    for part_id, part in lines[lines["role"].isin(["sub_line", "of_which"])].iterrows():
        parent = lines.loc[part["parent_line_id"]]
        for year in sorted(fin["year"].unique()):
            value, parent_value = amounts[(part_id, year)], amounts[(part["parent_line_id"], year)]  # type: ignore[index]  # as above
            if not pd.isna(value) and not pd.isna(parent_value) and value > parent_value + TOLERANCE:
                found.append(
                    Finding(
                        "error",
                        "financing_part_exceeds",
                        {
                            "year": str(year),
                            "part": _names(part, "label"),
                            "part_value": _amount(value),
                            "parent": _names(parent, "label"),
                            "parent_value": _amount(parent_value),
                        },
                        line_id=str(part_id),
                        year=int(year),
                    )
                )
    for line_id, line in lines[lines["role"] == "line"].iterrows():
        if fin[fin["line_id"] == line_id]["amount_mln_kzt"].isna().all():
            found.append(
                Finding(
                    "warning",
                    "financing_no_values",
                    {"line": _names(line, "label")},
                    direction_id=line["direction_id"],
                    line_id=str(line_id),
                )
            )
    for line_id, line in lines[lines["unit_column"] != "unit"].iterrows():
        found.append(
            Finding(
                "info",
                "unit_in_wrong_column",
                {
                    "unit": line["unit_raw"],
                    "column": {lang: t(f"field.{line['unit_column']}", lang) for lang in LANGUAGES},
                },
                line_id=str(line_id),
            )
        )
    found += _repeated_total_cells(fin, lines)
    return found


def _totals(plan: Plan, lines: pd.DataFrame) -> list[Finding]:
    """Printed totals against the sum of their lines, under both readings where the table allows two."""
    found: list[Finding] = []
    gaps = financing.reading_gaps(plan)
    undecided = financing.open_lines(plan)
    sibling, nested = (gaps[gaps["reading"] == r].set_index(["line_id", "year"]) for r in financing.READINGS)
    for key, row in sibling.iterrows():
        total_id, year = cast("tuple[str, int]", key)  # the (line_id, year) index set just above
        other: i18n.Row = nested.loc[(total_id, year)] if (total_id, year) in nested.index else row  # type: ignore[assignment]  # a (line, year) key gives its row; pandas-stubs take it for a cell
        if min(abs(row["gap"]), abs(other["gap"])) <= TOLERANCE:
            continue  # a total that adds up under one reading the table allows contradicts nothing
        two_readings = financing.children(plan, total_id, "sibling") != financing.children(plan, total_id, "nested")
        params: dict[str, object] = {
            "year": str(year),
            "total": _names(lines.loc[total_id], "label"),
            "sum": _amount(row["summed"]),
            "printed": _amount(row["printed"]),
            "diff": {lang: i18n.signed(row["gap"], lang, 1) for lang in LANGUAGES},
        }
        if two_readings:
            params["alt_sum"] = _amount(other["summed"])
            params["alt_diff"] = {lang: i18n.signed(other["gap"], lang, 1) for lang in LANGUAGES}
            params["line"] = {
                lang: ", ".join(str(lines.loc[o.line_id, f"label_{lang}"]) for o in undecided) for lang in LANGUAGES
            }
            params["other"] = {
                lang: ", ".join(str(lines.loc[o.alternative, f"label_{lang}"]) for o in undecided) for lang in LANGUAGES
            }
        found.append(
            Finding(
                "error",
                "financing_sum",
                params,
                line_id=str(total_id),
                year=int(year),
                message="financing_sum_readings" if two_readings else "",
            )
        )
    grand = gaps[gaps["line_id"] == financing.grand_total(plan)]
    per_year = {
        f"{reading}_years": {
            lang: "; ".join(f"{y} {i18n.signed(g, lang, 1)}" for y, g in zip(rows["year"], rows["gap"], strict=True))
            for lang in LANGUAGES
        }
        for reading, rows in grand.groupby("reading")
    }
    for line in undecided:
        params = financing.reading_params(plan, line)
        exceeds = params.pop("has_exceeds")
        found.append(
            Finding(
                "warning",
                "financing_readings",
                {**params, **per_year},
                direction_id=line.direction_id,
                line_id=line.line_id,
                message="financing_readings_exceeds" if exceeds else "",
            )
        )
    return found


def _repeated_total_cells(fin: pd.DataFrame, lines: pd.DataFrame) -> list[Finding]:
    """A total (or “of which”) line printing in one year exactly what it prints in another."""
    found: list[Finding] = []
    for line_id in lines[lines["role"].isin(["total", "of_which"])].index:
        cells = fin[fin["line_id"] == line_id]
        first_seen: dict[float, tuple[int, str]] = {}
        for year, value, raw in zip(cells["year"], cells["amount_mln_kzt"], cells["raw"], strict=True):
            if pd.isna(value) or value == 0:
                continue
            if value in first_seen:
                other_year, other_raw = first_seen[value]
                found.append(
                    Finding(
                        "warning",
                        "total_repeats_year",
                        {
                            "line": _names(lines.loc[line_id], "label"),
                            "year": str(year),
                            "other_year": str(other_year),
                            "cell": raw.strip(),
                            "other_cell": other_raw.strip(),
                        },
                        line_id=str(line_id),
                        year=int(year),
                    )
                )
            else:
                first_seen[float(value)] = (int(year), raw)
    return found


# ── indicator codes and rows ───────────────────────────────────────────────

MINOR_CODE = re.compile(r"^(\d+)\.(\d+)$")
HEADLINE_CODE = re.compile(r"^(?:НҰИ|НИ|ЦИ)-\d+$")


def _codes(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    ind = plan.indicators
    by_id = ind.set_index("id")
    for _, row in ind.iterrows():
        if row["duplicate_of"]:
            other = by_id.loc[row["duplicate_of"]]
            found.append(
                Finding(
                    "warning",
                    "duplicate_row",
                    {
                        "code": row["code"],
                        "name": _names(row),
                        "other_code": other["code"],
                        "other": row["duplicate_of"],
                    },
                    direction_id=row["direction_id"],
                    indicator_id=row["id"],
                )
            )
            continue
        if row["passport_code"] and row["passport_code"] != row["code"]:
            found.append(
                Finding(
                    "warning",
                    "code_mismatch",
                    {"passport_code": row["passport_code"], "code": row["code"] or "–"},
                    direction_id=row["direction_id"],
                    indicator_id=row["id"],
                )
            )
        elif not row["passport_code"]:
            found.append(
                Finding("warning", "not_in_passport", {}, direction_id=row["direction_id"], indicator_id=row["id"])
            )
        if row["code"] in ("НИ", "НҰИ", "ЦИ"):
            found.append(
                Finding(
                    "info",
                    "code_without_number",
                    {"code": row["code"]},
                    direction_id=row["direction_id"],
                    indicator_id=row["id"],
                )
            )
    for _, row in plan.passport_only.iterrows():
        found.append(
            Finding(
                "warning",
                "passport_only",
                {"code": row["code"], "name": {"kk": row["name_printed"], "ru": row["name_ru"], "en": row["name_en"]}},
            )
        )
    originals = ind[(ind["duplicate_of"] == "") & ind["code"].str.match(HEADLINE_CODE.pattern)]
    for (_, code), group in originals.groupby(["direction_id", "code"]):
        if len(group) > 1 and group["name_kk"].nunique() > 1:
            first, second = group.iloc[0], group.iloc[1]
            found.append(
                Finding(
                    "warning",
                    "code_reused",
                    {"code": code, "name": _names(first), "other_name": _names(second)},
                    direction_id=second["direction_id"],
                    indicator_id=second["id"],
                )
            )
    minor = ind[(ind["duplicate_of"] == "") & ind["code"].str.match(MINOR_CODE.pattern)]
    for _, group in minor.groupby(["direction_id", "goal", "task_kk"], sort=False):
        expected = 1
        for _, row in group.sort_values("order").iterrows():
            major, number = MINOR_CODE.match(row["code"]).groups()  # type: ignore[union-attr]  # the rows were chosen by this pattern
            if int(number) > expected:
                missing = ", ".join(f"{major}.{n}" for n in range(expected, int(number)))
                found.append(
                    Finding(
                        "info",
                        "numbering_gap",
                        {"code": row["code"], "missing": missing},
                        direction_id=row["direction_id"],
                        indicator_id=row["id"],
                    )
                )
            expected = int(number) + 1
    return found


# ── the published series ───────────────────────────────────────────────────

DECIMAL_POINT = re.compile(r"^\s*\d+\.\d+\s*$")


def _published_points(values: pd.DataFrame) -> list[tuple[int, float]]:
    """(year, value) of an indicator's printed cells that hold a number, year by year."""
    return [(int(y), float(v)) for y, v in zip(values["year"], values["value"], strict=True) if not math.isnan(v)]


def _series(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for row in plan.indicators.to_dict("records"):
        where = {"direction_id": row["direction_id"], "indicator_id": row["id"]}
        values = plan.series(row["id"])
        points = _published_points(values)
        sign = {"increase": 1, "decrease": -1}.get(row["desired"], 0)
        if sign and not row["duplicate_of"]:
            against = [(a, b) for a, b in itertools.pairwise(points) if (b[1] - a[1]) * sign < -1e-9 and b[0] >= 2026]
            if points and points[-1][1] * sign < points[0][1] * sign - 1e-9 and points[-1][0] >= 2026:
                against.insert(0, (points[0], points[-1]))
            if against:
                steps = {lang: "; ".join(_steps([a, b])[lang] for a, b in against) for lang in LANGUAGES}
                found.append(
                    Finding(
                        "warning",
                        "target_against_desired",
                        {
                            "desired_verb": {lang: t(f"verb.{row['desired']}", lang) for lang in LANGUAGES},
                            "steps": steps,
                        },
                        **where,
                    )
                )
        targets = [(y, v) for y, v in points if y in PLAN_YEARS]
        observed = [(y, v) for y, v in points if y < PLAN_YEARS[0]]
        if len(targets) >= 2 and observed and not row["duplicate_of"]:
            direction = 1 if targets[-1][1] > targets[0][1] else -1 if targets[-1][1] < targets[0][1] else 0
            first_target = targets[0][1]
            behind = [(y, v) for y, v in observed if (v - first_target) * direction > 0]
            if direction and len(behind) == len(observed):
                year, value = max(behind, key=lambda p: abs(p[1] - first_target))
                if abs(value - first_target) >= SERIES_BREAK_GAP * abs(value):
                    change = (first_target - value) / abs(value)
                    found.append(
                        Finding(
                            "warning",
                            "series_break",
                            {
                                "from_year": str(year),
                                "from_value": value,
                                "to_year": str(targets[0][0]),
                                "to_value": first_target,
                                "change": {lang: i18n.signed(change * 100, lang, 0) + " %" for lang in LANGUAGES},
                            },
                            **where,
                        )
                    )
        if not row["duplicate_of"]:
            found += _jumps(row, values, where)
        missing_fields = [f for f in ("unit", "responsible", "source") if not row[f]]
        if missing_fields:
            found.append(Finding("warning", "missing_metadata", {"fields": _words("field", missing_fields)}, **where))
        empty = values[values["value"].isna()]["year"].astype(int).tolist()
        if empty:
            found.append(Finding("info", "missing_value", {"years": ", ".join(map(str, empty))}, **where))
        if row["scope"] == "region":
            marker = re.search(r"(?:\(?республика бойынша\)?\s*)?обл[ыа]с\s+бо[йи]ы?нша", row["name_kk"])
            found.append(Finding("info", "region_scope", {"marker": marker.group(0) if marker else ""}, **where))
        if row["unit_suspect"]:
            found.append(Finding("info", "unit_suspect", {"unit": row["unit"]}, **where))
        found += _cell_format(values, "value", where)
    for line_id, values in plan.financing.groupby("line_id", sort=False):
        found += _cell_format(values, "amount_mln_kzt", {"line_id": str(line_id)})
    return found


# How far an indicator can plausibly move in one year, by what it measures: a judgement to point the eye
# at a cell, not a statistical test. A share moves by points, not by a share of itself (from 2 % to 4 %
# is +100 % but only 2 points); a rate per population is noisy in a city of 90 000 (a few cases move it),
# so it gets more room than money, area or people counted; test scores and life expectancy move slowly.
PLAUSIBLE_YEARLY_CHANGE: dict[str, tuple[str, float]] = {
    "share": ("points", 10.0),
    "rate": ("relative", 0.30),
    "amount": ("relative", 0.25),
    "count": ("relative", 0.25),
    "score": ("relative", 0.05),
    "years": ("points", 1.0),
}


def _change(before: float, after: float, how: str) -> float:
    return after - before if how == "points" else (after - before) / abs(before)


def _jumps(row: i18n.Row, values: pd.DataFrame, where: dict[str, Any]) -> list[Finding]:
    """A fall and a rebound (or a rise and a drop back) in consecutive years, each beyond what is plausible.

    The series-break rule looks at where the targets restart; this one at a single cell out of line
    with both its neighbours, which a break rule misses when the path returns to its level.
    """
    rule = PLAUSIBLE_YEARLY_CHANGE.get(str(row["measure"]))
    if rule is None:
        return []
    how, limit = rule
    cells = [
        (int(y), float(v), str(raw).strip())
        for y, v, raw in zip(values["year"], values["value"], values["raw"], strict=True)
        if not math.isnan(v)
    ]
    found = []
    for (y0, a, raw_a), (y1, b, raw_b), (y2, c, raw_c) in zip(cells, cells[1:], cells[2:], strict=False):
        if y1 - y0 != 1 or y2 - y1 != 1 or (how == "relative" and (a == 0 or b == 0)):
            continue
        first, second = _change(a, b, how), _change(b, c, how)
        if first * second < 0 and abs(first) > limit and abs(second) > limit:
            found.append(
                Finding(
                    "warning",
                    "series_jump",
                    {
                        "cells": f"{y0} «{raw_a}» → {y1} «{raw_b}» → {y2} «{raw_c}»",
                        "first": _change_text(first, how),
                        "second": _change_text(second, how),
                        "limit": _change_text(limit, how, signed=False),
                        "measure": {lang: t(f"measure.{row['measure']}", lang) for lang in LANGUAGES},
                        "year": str(y1),
                    },
                    year=y1,
                    **where,
                )
            )
    return found


def _change_text(change: float, how: str, signed: bool = True) -> dict[str, str]:
    if how == "points":
        return {
            lang: (i18n.signed(change, lang, 1) if signed else i18n.number(change, lang, 1))
            + " "
            + t("unit.points", lang)
            for lang in LANGUAGES
        }
    return {
        lang: (i18n.signed(change * 100, lang, 0) if signed else i18n.number(change * 100, lang, 0)) + " %"
        for lang in LANGUAGES
    }


def _copied_targets(plan: Plan) -> list[Finding]:
    """Different indicators printing the very same 2026–2030 target path.

    A flat path (the same level every year, such as 100 % to hold) is a natural target for many
    indicators and is left out; so are rows the table repeats as a whole (``duplicate_row``).
    """
    found: list[Finding] = []
    targets = plan.values[plan.values["kind"] == "target"]
    paths: dict[tuple[float, ...], list[str]] = {}
    for indicator_id, group in targets.groupby("indicator_id", sort=False):
        path = tuple(float(v) for v in group.sort_values("year")["value"])
        if len(path) == len(PLAN_YEARS) and not any(math.isnan(v) for v in path) and len(set(path)) > 1:
            paths.setdefault(path, []).append(str(indicator_id))
    by_id = plan.indicators.set_index("id")
    for ids in paths.values():
        ids = [i for i in ids if not by_id.loc[i, "duplicate_of"]]
        if len(ids) < 2:
            continue
        cells = "; ".join(
            f"{y} «{str(raw).strip()}»"
            for y, raw in zip(
                PLAN_YEARS, plan.series(ids[0]).set_index("year").loc[list(PLAN_YEARS), "raw"], strict=True
            )
        )
        for indicator_id in ids:
            others = [i for i in ids if i != indicator_id]
            found.append(
                Finding(
                    "warning",
                    "copied_targets",
                    {
                        "cells": cells,
                        "others": {
                            lang: "; ".join(
                                f"{by_id.loc[o, 'code']!s} {_quoted(str(by_id.loc[o, f'name_{lang}']), lang)} — "
                                f"{_first_value(plan, o, lang)}"
                                for o in others
                            )
                            for lang in LANGUAGES
                        },
                        "own": {lang: _first_value(plan, indicator_id, lang) for lang in LANGUAGES},
                    },
                    direction_id=str(by_id.loc[indicator_id, "direction_id"]),
                    indicator_id=indicator_id,
                )
            )
    return found


def _first_value(plan: Plan, indicator_id: str, lang: str) -> str:
    """The indicator's first printed value with its year (``96,3 (2024)``), where its path starts from."""
    points = _published_points(plan.series(indicator_id))
    return f"{i18n.number(points[0][1], lang)} ({points[0][0]})" if points else "–"


def _quoted(text: str, lang: str) -> str:
    """A quotation in the reader's typography: «…» in Kazakh and Russian, “…” in English."""
    return f"“{text}”" if lang == "en" else f"«{text}»"


def _cell_format(values: pd.DataFrame, value_column: str, where: dict[str, Any]) -> list[Finding]:
    """Cells printed oddly: a decimal point, a % inside, trailing blanks, thousands without a gap."""
    problems: dict[str, list[str]] = {}
    separated = any("\u00a0" in r.strip() or " " in r.strip() for r in values["raw"])
    for raw, year, value in zip(values["raw"], values["year"], values[value_column], strict=True):
        if pd.isna(value):
            continue
        if DECIMAL_POINT.match(raw):
            problems.setdefault("decimal_point", []).append(f"{year} «{raw.strip()}»")
        if "%" in raw:
            problems.setdefault("percent_sign", []).append(f"{year} «{raw.strip()}»")
        if raw != raw.rstrip():
            problems.setdefault("trailing_space", []).append(f"{year} «{raw}»")
        if separated and abs(value) >= 1000 and not re.search(r"[\s\u00a0]", raw.strip()):
            problems.setdefault("no_thousands_gap", []).append(f"{year} «{raw.strip()}»")
    return [
        Finding(
            "info",
            "cell_format",
            {"cells": "; ".join(cells), "problem": {lang: t(f"format.{p}", lang) for lang in LANGUAGES}},
            **where,
        )
        for p, cells in problems.items()
    ]


# ── directions and the text around the table ───────────────────────────────


def _directions(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for _, row in plan.directions.iterrows():
        if row["passport_number"] and row["passport_number"] != row["number"]:
            found.append(
                Finding(
                    "info",
                    "direction_number_mismatch",
                    {"passport_number": row["passport_number"], "number": row["number"]},
                    direction_id=row["id"],
                )
            )
        if row["name_from_goal"]:
            found.append(Finding("info", "direction_unnamed", {"printed": row["name_printed"]}, direction_id=row["id"]))
        if re.match(r"^[Нн]аправление", row["name_printed"]):
            found.append(Finding("info", "heading_language", {"printed": row["name_printed"]}, direction_id=row["id"]))
    return found


def _where(source_file: str, lines: list[int]) -> dict[str, str]:
    """``sections 2–3, line 147`` / ``passport, line 116``: where in the document a quote is."""
    section = "passport" if source_file == "passport.txt" else "narrative"
    numbers = ", ".join(str(n) for n in sorted(set(lines)))
    return {
        lang: f"{t(f'section.{section}', lang)}, {t('audit.line' if len(set(lines)) == 1 else 'audit.lines', lang, lines=numbers)}"
        for lang in LANGUAGES
    }


def _cross_checks(plan: Plan) -> list[Finding]:
    """Every number the text attaches to an indicator (or a financing line) against the table.

    A figure the text gives for a year is compared with that year's cell; one it gives without a
    year with every year of the row (it contradicts the table only if no year has it); one it gives
    for the city against a row measured for the whole region (or the other way round) is not
    comparable, and is said to be so rather than counted as a contradiction.
    """
    found: list[Finding] = []
    for check in plan.cross_checks.to_dict("records"):
        year_text = check["year"]
        section = _where(check["source_file"], [int(check["line"])])
        if check["subject"] == "indicator":
            indicator = plan.indicator(check["subject_id"])
            series = plan.series(check["subject_id"]).set_index("year")["value"].dropna()
            where = {"direction_id": indicator["direction_id"], "indicator_id": check["subject_id"]}
            table = {int(cast(int, y)): float(v) for y, v in series.items()} if not year_text else (
                {int(year_text): float(series[int(year_text)])} if int(year_text) in series.index else {}
            )  # fmt: skip
            scope_differs = check["scope"] != indicator["scope"]
        else:
            where = {"line_id": check["subject_id"]}
            if "-" in year_text:
                first, last = (int(y) for y in year_text.split("-"))
                total = plan.period_total(check["subject_id"], tuple(range(first, last + 1)))
                table = {} if total is None else {first: total}
            else:
                fin = plan.financing
                cell = fin[(fin["line_id"] == check["subject_id"]) & (fin["year"] == int(year_text))]["amount_mln_kzt"]
                table = {} if cell.isna().all() else {int(year_text): float(cell.iloc[0])}
            scope_differs = False
        if any(abs(v - check["value"]) <= TOLERANCE for v in table.values()):
            continue
        values = {
            lang: "; ".join(f"{y}: {i18n.number(v, lang)}" for y, v in sorted(table.items())) or "–"
            for lang in LANGUAGES
        }
        if scope_differs:
            found.append(
                Finding(
                    "info",
                    "narrative_other_scope",
                    {
                        "section": section,
                        "text_value": float(check["value"]),
                        "when": {
                            lang: t("audit.for_year", lang, year=year_text) if year_text else t("audit.no_year", lang)
                            for lang in LANGUAGES
                        },
                        "text_scope": {lang: t(f"audit.scope_{check['scope']}", lang) for lang in LANGUAGES},
                        "row_scope": {lang: t(f"audit.scope_{indicator['scope']}", lang) for lang in LANGUAGES},
                        "table_value": values,
                        "quote": check["quote"],
                    },
                    **where,
                )
            )
        elif year_text:
            found.append(
                Finding(
                    "warning",
                    "narrative_conflict",
                    {
                        "section": section,
                        "year": year_text,
                        "text_value": float(check["value"]),
                        "table_value": {
                            lang: i18n.number(next(iter(table.values()), None), lang) for lang in LANGUAGES
                        },
                        "quote": check["quote"],
                    },
                    **where,
                )
            )
        else:
            found.append(
                Finding(
                    "warning",
                    "narrative_conflict",
                    {
                        "section": section,
                        "text_value": float(check["value"]),
                        "table_values": values,
                        "quote": check["quote"],
                    },
                    message="narrative_conflict_yearless",
                    **where,
                )
            )
    return found


def _quotes(figures: tuple[narrative.Figure, ...]) -> dict[str, str]:
    """The quotes a finding rests on, each once (a quote inside a longer one is left out)."""
    quotes = list(dict.fromkeys(f.quote for f in figures))
    kept = [q for q in quotes if not any(q != other and q in other for other in quotes)]
    return {lang: "; ".join(_quoted(q, lang) for q in kept) for lang in LANGUAGES}


def _in_unit(amount: float, like: narrative.Figure, lang: str) -> str:
    """An amount in base units written in the unit of a printed figure (``1 427,4 млрд теңге``)."""
    text = i18n.number(amount / like.multiplier, lang, max_decimals=2)
    return f"{text} {like.unit}".strip()


def _printed_share(figure: narrative.Figure) -> str:
    """A share as the text prints it (``26,8%``)."""
    return f"{i18n.number(figure.share, 'kk', figure.share_decimals)}%"


def _dated(figure: narrative.Figure) -> str:
    return f"{figure.figure} ({figure.year})" if figure.year else figure.figure


def _narrative(plan: Plan) -> list[Finding]:
    """The text's own arithmetic (``zhez.narrative``): where its figures cannot all be right."""
    found: list[Finding] = []
    relations = narrative.figures(plan)
    for problem in narrative.problems(plan):
        figs = relations[problem.relation]
        where = _where(figs[0].source_file, [f.line for f in problem.figures])
        params: dict[str, object] = {"where": where, "quotes": _quotes(problem.figures)}
        kind, message = "narrative_parts_exceed", ""
        if problem.kind == "parts_exceed":
            whole = next(f for f in figs if f.role == "whole")
            parts = [f for f in figs if f.role == "part"]
            smallest = min(parts, key=lambda f: f.multiplier)
            params |= {
                "parts": " + ".join(f.figure for f in parts),
                "sum": {lang: _in_unit(problem.computed, smallest, lang) for lang in LANGUAGES},
                "whole": whole.figure,
                "whole_in_unit": {lang: _in_unit(whole.amount, smallest, lang) for lang in LANGUAGES},
            }
        elif problem.kind == "shares_exceed":
            message = "narrative_shares_exceed"
            params |= {
                "shares": " + ".join(_printed_share(f) for f in problem.figures),
                "sum": {lang: i18n.number(problem.computed, lang, max_decimals=1) + " %" for lang in LANGUAGES},
            }
        elif problem.kind == "share_mismatch":
            kind = "narrative_share_mismatch"
            part = problem.figures[-1]
            wholes = [f for f in problem.figures if f.role == "whole"]
            params |= {
                "part": part.figure,
                "share": _printed_share(part),
                "whole": {
                    lang: wholes[0].figure
                    if wholes
                    else t("audit.sum_of_parts", lang, sum=_in_unit(problem.whole or 0, part, lang))
                    for lang in LANGUAGES
                },
                "computed": {lang: i18n.number(problem.computed, lang, 1) + " %" for lang in LANGUAGES},
            }
        else:
            kind = "narrative_growth_mismatch"
            start, end, rate = problem.figures
            params |= {"start": _dated(start), "end": _dated(end), "rate": rate.figure}
            if problem.kind == "direction_mismatch":
                message = "narrative_direction_mismatch"
                params["says"] = {lang: t(f"form.{rate.form}", lang) for lang in LANGUAGES}
                params["computed"] = {lang: i18n.signed(problem.computed, lang, 1) + " %" for lang in LANGUAGES}
            else:
                params["says"] = {lang: t(f"form.{rate.form}", lang, rate=rate.figure) for lang in LANGUAGES}
                params["computed"] = {lang: _rate_text(problem, rate.form, lang) for lang in LANGUAGES}
        found.append(Finding("warning", kind, params, message=message))
    return found


def _rate_text(problem: narrative.Problem, form: str, lang: str) -> str:
    """What the start and end figures give, in the form the text states its rate."""
    if form == "percent_of":
        return i18n.number(problem.computed, lang, 1) + " %"
    if form == "up_points":
        return i18n.signed(problem.computed, lang, 1) + " " + t("unit.points", lang)
    text = i18n.signed(problem.computed, lang, 1) + " %"
    if problem.points is not None:
        text += f" ({i18n.signed(problem.points, lang, 1)} {t('unit.points', lang)})"
    return text


# What is checked against the passport and the text of the published document: an amended edition loaded
# as its table alone has neither of its own, so these are not asked of it.
DOCUMENT_KINDS = ("code_mismatch", "not_in_passport", "passport_only", "direction_number_mismatch")


def audit(plan: Plan, *, table_only: bool = False) -> pd.DataFrame:
    """Every finding of the plan audit, most severe first, with messages in kk/ru/en.

    ``table_only``: the checks of the table alone (an edition loaded without its passport and text)."""
    findings = _financing(plan) + _codes(plan) + _series(plan) + _copied_targets(plan) + _directions(plan)
    if table_only:
        findings = [f for f in findings if f.kind not in DOCUMENT_KINDS]
    else:
        findings += _cross_checks(plan) + _narrative(plan)
    rows = []
    for finding in findings:
        key = f"audit.{finding.message or finding.kind}"
        messages = {f"message_{lang}": t(key, lang, **finding.params) for lang in LANGUAGES}
        rows.append(
            {
                "severity": finding.severity,
                "kind": finding.kind,
                "direction_id": finding.direction_id,
                "indicator_id": finding.indicator_id,
                "line_id": finding.line_id,
                "year": finding.year,
                **messages,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS[1:])
    frame["year"] = frame["year"].astype("Int64")
    frame["rank"] = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    frame = frame.sort_values(["rank", "kind", "direction_id", "indicator_id", "line_id", "year"], kind="stable")
    frame = frame.drop(columns="rank").reset_index(drop=True)
    frame.insert(0, "finding_id", [f"F{n:03d}" for n in range(1, len(frame) + 1)])
    return frame[COLUMNS]
