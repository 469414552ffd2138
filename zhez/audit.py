"""The plan audit: where the published plan contradicts itself or leaves gaps.

``audit(plan)`` returns one row per finding. Nothing here changes a value: a finding
points at the source cell and says what is odd about it, in kk/ru/en.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from zhez import i18n
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


def _names(row: pd.Series, field_name: str = "name") -> dict[str, str]:
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
    for total_id, total in lines[lines["role"] == "total"].iterrows():
        children = lines[(lines["parent_line_id"] == total_id) & lines["role"].isin(["line", "total"])].index
        for year in sorted(fin["year"].unique()):
            printed = amounts[(total_id, year)]  # type: ignore[index]  # a (line, year) key of the MultiIndex: pandas-stubs take single keys only
            parts = [amounts[(c, year)] for c in children]
            if pd.isna(printed) or all(pd.isna(p) for p in parts):
                continue
            summed = float(sum(p for p in parts if not pd.isna(p)))
            if abs(summed - printed) > TOLERANCE:
                found.append(
                    Finding(
                        "error",
                        "financing_sum",
                        {
                            "year": str(year),
                            "total": _names(total, "label"),
                            "sum": _amount(summed),
                            "printed": _amount(printed),
                            "diff": {lang: i18n.signed(printed - summed, lang, 1) for lang in LANGUAGES},
                        },
                        line_id=str(total_id),
                        year=int(year),
                    )
                )
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


def _cross_checks(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for _, check in plan.cross_checks.iterrows():
        if check["subject"] == "indicator":
            s = plan.series(check["subject_id"]).set_index("year")["value"]
            table_value = s.get(int(check["year"]))
            where = {
                "direction_id": plan.indicator(check["subject_id"])["direction_id"],
                "indicator_id": check["subject_id"],
            }
        elif "-" in check["year"]:
            first, last = (int(y) for y in check["year"].split("-"))
            table_value = plan.period_total(check["subject_id"], tuple(range(first, last + 1)))
            where = {"line_id": check["subject_id"]}
        else:
            fin = plan.financing
            table_value = fin[(fin["line_id"] == check["subject_id"]) & (fin["year"] == int(check["year"]))][
                "amount_mln_kzt"
            ].iloc[0]
            where = {"line_id": check["subject_id"]}
        if table_value is None or pd.isna(table_value) or abs(float(table_value) - check["value"]) > TOLERANCE:
            section = "passport" if check["source_file"] == "passport.txt" else "narrative"
            found.append(
                Finding(
                    "warning",
                    "narrative_conflict",
                    {
                        "section": {lang: t(f"section.{section}", lang) for lang in LANGUAGES},
                        "year": check["year"],
                        "text_value": float(check["value"]),
                        "table_value": {lang: i18n.number(table_value, lang) for lang in LANGUAGES},
                        "quote": check["quote"],
                    },
                    **where,
                )
            )
    return found


def audit(plan: Plan) -> pd.DataFrame:
    """Every finding of the plan audit, most severe first, with messages in kk/ru/en."""
    findings = _financing(plan) + _codes(plan) + _series(plan) + _directions(plan) + _cross_checks(plan)
    rows = []
    for finding in findings:
        messages = {f"message_{lang}": t(f"audit.{finding.kind}", lang, **finding.params) for lang in LANGUAGES}
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
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    frame["rank"] = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    frame = frame.sort_values(["rank", "kind", "direction_id", "indicator_id", "line_id", "year"], kind="stable")
    frame = frame.drop(columns="rank").reset_index(drop=True)
    frame.insert(0, "finding_id", [f"F{n:03d}" for n in range(1, len(frame) + 1)])
    return frame[COLUMNS]
