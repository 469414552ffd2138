"""The plan as a dataset: ``load_plan()`` reads ``data/plan/*.csv`` into a frozen ``Plan``.

Loading validates every file against a fixed schema and refuses — with one message
naming the file, the row and the column — anything it would otherwise have to guess:
a missing column, a non-number where a number belongs, an unknown direction or
indicator, a duplicate key. Nothing is coerced silently.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import re
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, SupportsInt, TypeVar

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PLAN_DIR = ROOT / "data" / "plan"
YEARS = tuple(range(2024, 2031))  # 2024 actual, 2025 estimate, 2026–2030 targets
PLAN_YEARS = tuple(range(2026, 2031))

KINDS = ("actual", "estimate", "target")
# "unknown": nobody has reviewed which way is better (an indicator new in an edition): no rating until a
# coordinator says (``Store.review_indicator``).
DESIRED = ("increase", "decrease", "maintain", "unknown")
PRECISIONS = ("exact", "site", "district", "settlement", "schematic")
SECTORS = (
    "road",
    "transport",
    "water",
    "sewer",
    "heating",
    "gas",
    "power",
    "school",
    "kindergarten",
    "health",
    "housing",
    "sport",
    "culture",
    "ecology",
    "economy",
)
STAGES = ("planned", "under_way", "completed")
FINANCING_ROLES = ("line", "sub_line", "total", "of_which")
# What an indicator measures, for how far it can plausibly move in a year (reviewed, indicator_notes.csv).
MEASURES = ("share", "rate", "amount", "count", "score", "years", "unknown")
# The sectors an indicator is filed under across directions (our reviewed reading of its name,
# data/source/indicator_themes.csv): the plan itself groups indicators by direction and goal only.
THEMES = (
    "education",
    "health",
    "housing_utilities",
    "roads",
    "social_protection",
    "culture_sport",
    "ecology",
    "safety",
    "economy",
    "unassigned",  # an indicator a new edition brought, not reviewed yet
)


class PlanError(ValueError):
    """A plan file that cannot be trusted; the message names file, row and column."""

    def __init__(self, file: str, row: int | None, column: str | None, problem: str) -> None:
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


# Column kinds: "str" (may be empty), "key" (non-empty text), "int", "int?", "float",
# "float?", "bool", or a tuple of allowed values.
Schema = dict[str, object]

SCHEMAS: dict[str, Schema] = {
    "directions": {
        "id": "key",
        "part": ("regional_plan", "other_documents"),
        "number": "key",
        "passport_number": "str",
        "name_printed": "key",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "name_from_goal": "str",
    },
    "goals": {
        "id": "key",
        "name_printed": "key",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "direction_id": "key",
        "number": "int",
    },
    "indicators": {
        "id": "key",
        "order": "int",
        "code": "str",
        "code_raw": "str",
        "block": "str",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "unit": "str",
        "unit_ru": "str",
        "unit_en": "str",
        "direction_id": "key",
        "goal": "str",
        "task_kk": "str",
        "responsible": "str",
        "responsible_body": "str",
        "source": "str",
        "desired": DESIRED,
        "measure": MEASURES,
        "unit_suspect": "bool",
        "passport_code": "str",
        "scope": ("city", "region"),
        "indicator_raw": "key",
        "duplicate_of": "str",
        "theme": THEMES,
    },
    "values": {"indicator_id": "key", "year": "int", "kind": KINDS, "value": "float?", "raw": "str"},
    "financing": {
        "line_id": "key",
        "order": "int",
        "label_printed": "key",
        "label_kk": "key",
        "label_ru": "key",
        "label_en": "key",
        "direction_id": "str",
        "parent_line_id": "str",
        "alt_parent_line_id": "str",
        "role": FINANCING_ROLES,
        "is_total": "bool",
        "unit_raw": "str",
        "unit_column": ("responsible", "source", "unit"),
        "year": "int",
        "amount_mln_kzt": "float?",
        "raw": "str",
    },
    "projects": {
        "id": "key",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "sector": SECTORS,
        "direction_id": "str",
        "start_year": "int?",
        "end_year": "int?",
        "cost_mln_kzt": "float?",
        "cost_raw": "str",
        "capacity": "str",
        "capacity_ru": "str",
        "capacity_en": "str",
        "stage": STAGES,
        "source_section": "key",
        "source_quote": "key",
        "place": "key",
        "location_precision": PRECISIONS,
        "geometry": ("point", "corridor"),
        "route_from": "str",  # where a corridor starts (a place id); empty for a point
        "length_km": "float?",
        "indicator_ids": "str",
        "link_basis": ("", "explicit", "thematic"),
        "responsible_body": "str",
        "body_basis": ("plan", "ours", "none"),  # the plan names no project's body: ours, or none of its bodies
        "lat": "float",
        "lon": "float",
    },
    "places": {
        "id": "key",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "lat": "float",
        "lon": "float",
        "kind": "key",
        "source": "key",
    },
    "bodies": {"abbr": "key", "name_kk": "key", "name_ru": "key", "name_en": "key"},
    "cross_checks": {
        "subject": ("indicator", "financing"),
        "subject_id": "key",
        "year": "str",  # empty where the text gives no year
        "value": "float",
        "scope": ("city", "region"),
        "source_file": "key",
        "quote": "key",
        "line": "int",
    },
    "narrative_figures": {
        "relation": "key",
        "kind": ("parts", "growth"),
        "role": ("whole", "part", "start", "end", "rate"),
        "year": "int?",
        "figure": "key",
        "value": "float?",
        "decimals": "int?",
        "multiplier": "float?",
        "unit": "str",
        "share": "float?",
        "share_decimals": "int?",
        "form": ("", "up_percent", "down_percent", "percent_of", "up_points", "rises", "falls"),
        "source_file": "key",
        "line": "int",
        "quote": "key",
    },
    "passport_only": {"code": "key", "name_printed": "key", "name_ru": "key", "name_en": "key"},
    "passport": {"field": "key", "label_printed": "key", "printed": "key", "line": "int"},
    # The document itself (one row): its name, the decision that approved it, the year it takes effect.
    "document": {
        "id": "key",
        "name_kk": "key",
        "name_ru": "key",
        "name_en": "key",
        "basis": "str",
        "effective_year": "int",
    },
    # Choices a screen makes about this plan (the Method page's worked examples, the What-if page's first
    # line), reviewed with it, so that no screen names an indicator or a line of one document.
    "choices": {"screen": "key", "choice": "key", "value": "key"},
    # The table's words that are neither names nor numbers, as printed: each responsible and source cell and each
    # unit, the language it is printed in ("" for a sign such as %), and our reviewed translations of the
    # responsible and source cells (a unit's translation is the indicator's own ``unit_ru``/``unit_en``).
    "printed_texts": {
        "field": ("responsible", "source", "unit"),
        "printed": "key",
        "language": ("", "kk", "ru"),
        "ru": "str",
        "en": "str",
    },
}

KEYS: dict[str, tuple[str, ...]] = {
    "directions": ("id",),
    "goals": ("id",),
    "indicators": ("id",),
    "values": ("indicator_id", "year"),
    "financing": ("line_id", "year"),
    "projects": ("id",),
    "places": ("id",),
    "bodies": ("abbr",),
    "cross_checks": ("subject", "subject_id", "year", "quote"),
    "narrative_figures": ("relation", "role", "figure"),
    "passport_only": ("code",),
    "passport": ("field",),
    "document": ("id",),
    "choices": ("screen", "choice", "value"),
    "printed_texts": ("field", "printed"),
}

# What each screen choice names: an indicator or a financing line of the plan.
CHOICES = {("method", "worked_example"): "indicator", ("whatif", "line"): "financing line"}

# Editions of the plan (``zhez.editions``): the published document is edition 0; amendments loaded into the
# store follow. A plan loaded from files is edition 0 alone; ``zhez.editions.plan_in_force`` adds the rest.
EDITION_COLUMNS = [
    "number",
    "name_kk",
    "name_ru",
    "name_en",
    "basis",
    "effective_year",
    "source_file",
    "loaded_by",
    "loaded_at",
]
# Each edition's printed targets of an indicator whose target path differs between editions.
PATH_COLUMNS = ["indicator_id", "edition", "year", "value", "raw"]

NUMBER = re.compile(r"-?\d+(\.\d+)?")
INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True, eq=False)
class Plan:
    """The published plan: tidy tables, never written to after loading."""

    directions: pd.DataFrame
    goals: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame
    financing: pd.DataFrame
    projects: pd.DataFrame
    places: pd.DataFrame
    bodies: pd.DataFrame
    cross_checks: pd.DataFrame
    narrative_figures: pd.DataFrame
    passport_only: pd.DataFrame
    passport: pd.DataFrame  # the passport's fields as printed: field, label_printed, printed, line
    document: pd.DataFrame
    choices: pd.DataFrame
    printed_texts: pd.DataFrame  # the language of the words printed in the table, and our translations
    # Beside the files: the editions this view is made of (``EDITION_COLUMNS``) and the target paths they
    # print where they differ (``PATH_COLUMNS``). ``indicators`` also says, per indicator, ``needs_review``
    # (no reviewed desired direction: no rating), ``untranslated`` (names shown in Kazakh), ``edition`` (the
    # latest edition printing it), ``from_year``/``until_year`` (the years it is in the plan in force) and
    # ``dropped_in`` (the edition that dropped it); ``values`` and ``financing`` say which ``edition`` each
    # row comes from.
    editions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EDITION_COLUMNS))
    paths: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PATH_COLUMNS))

    # Lookups by id are indexed once: scanning the table on every call made pages that look up
    # every indicator grow with the square of the plan's size.
    @functools.cached_property
    def _indicator_positions(self) -> dict[str, int]:
        return {indicator_id: position for position, indicator_id in enumerate(self.indicators["id"])}

    @functools.cached_property
    def _series_by_indicator(self) -> dict[str, pd.DataFrame]:
        by_indicator = self.values.sort_values("year", kind="stable").groupby("indicator_id", sort=False)
        return {str(indicator_id): values for indicator_id, values in by_indicator}

    def indicator(self, indicator_id: str) -> pd.Series:
        """One indicator's row; ``KeyError`` for an unknown id."""
        return self.indicators.iloc[self._indicator_positions[indicator_id]]

    def series(self, indicator_id: str) -> pd.DataFrame:
        """The published values of one indicator, year by year (a copy: callers may change it)."""
        return self._series_by_indicator.get(indicator_id, self.values.iloc[:0]).copy()

    def passport_field(self, field: str) -> str:
        """A passport field as printed (``name``: the plan's title with its period)."""
        rows = self.passport[self.passport["field"] == field]
        if rows.empty:
            raise KeyError(field)
        return str(rows["printed"].iloc[0])

    @functools.cached_property
    def _printed_texts(self) -> dict[tuple[str, str], dict[str, str]]:
        rows = self.printed_texts.to_dict("records")
        return {(str(r["field"]), str(r["printed"])): {str(k): str(v) for k, v in r.items()} for r in rows}

    def printed_text(self, field: str, printed: str) -> dict[str, str] | None:
        """The reviewed row of ``printed_texts`` for a ``field`` (responsible, source, unit) as printed, if any."""
        return self._printed_texts.get((field, printed))

    @property
    def grand_total_line(self) -> str:
        """The financing line of the plan's TOTAL: a total with no line above it."""
        fin = self.financing
        return str(fin.loc[(fin["role"] == "total") & (fin["parent_line_id"] == ""), "line_id"].iloc[0])

    def period_total(self, line_id: str | None = None, years: tuple[int, ...] = PLAN_YEARS) -> float | None:
        """A financing line (the grand total by default) summed over ``years``; ``None`` where every cell is “-”."""
        line_id = self.grand_total_line if line_id is None else line_id
        rows = self.financing[(self.financing["line_id"] == line_id) & self.financing["year"].isin(years)]
        amounts = rows["amount_mln_kzt"].dropna()
        return None if amounts.empty else math.fsum(amounts)

    def in_force_in(self, year: int) -> set[str]:
        """The indicators in the plan in force in ``year`` (not yet added by an edition, or dropped, are not)."""
        ind = self.indicators
        starts = ind["from_year"].fillna(YEARS[0]) <= year
        ends = ind["until_year"].fillna(YEARS[-1]) >= year
        return set(ind.loc[starts & ends & ind["from_year"].notna(), "id"])

    def choices_for(self, screen: str, choice: str) -> list[str]:
        """The values a screen's choice names, in the order of ``choices.csv`` (``[]`` if none)."""
        rows = self.choices[(self.choices["screen"] == screen) & (self.choices["choice"] == choice)]
        return list(rows["value"])

    @property
    def document_id(self) -> str:
        return str(self.document["id"].iloc[0])

    def edition_names(self, lang: str) -> dict[int, str]:
        """Each edition's name in ``lang`` by its number."""
        return dict(zip(self.editions["number"], self.editions[f"name_{lang}"], strict=True))


def year_or_none(value: object) -> int | None:
    """A year cell as a number; None where the plan gives none (an empty ``Int64`` cell is ``pd.NA``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, SupportsInt):
        return int(value)
    raise TypeError(f"not a year: {value!r}")


def project_number(project_id: str) -> int | None:
    """The number the plan gives a project (``p07`` → 7), for tables and the map; None for another kind of id."""
    digits = project_id.lstrip("p")
    return int(digits) if digits.isdigit() else None


def _convert(file: str, frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise PlanError(file, None, missing[0], "column is missing")
    out: dict[str, object] = {}
    for column, kind in schema.items():
        texts = frame[column].tolist()
        converted: list[Any] = []  # the column's values, of the schema's kind
        for index, text in enumerate(texts):
            row = index + 1
            if isinstance(kind, tuple):
                if text not in kind:
                    raise PlanError(file, row, column, f"{text!r} is not one of {', '.join(repr(k) for k in kind)}")
                converted.append(text)
            elif kind == "key":
                if not text.strip():
                    raise PlanError(file, row, column, "is empty")
                converted.append(text)
            elif kind == "str":
                converted.append(text)
            elif kind == "bool":
                if text not in ("true", "false"):
                    raise PlanError(file, row, column, f"{text!r} is not true or false")
                converted.append(text == "true")
            elif kind in ("int", "int?"):
                if text == "" and kind == "int?":
                    converted.append(None)
                elif INTEGER.fullmatch(text):
                    converted.append(int(text))
                else:
                    raise PlanError(file, row, column, f"{text!r} is not a whole number")
            elif kind in ("float", "float?"):
                if text == "" and kind == "float?":
                    converted.append(None)
                elif NUMBER.fullmatch(text):
                    converted.append(float(text))
                else:
                    raise PlanError(file, row, column, f"{text!r} is not a number")
            else:  # pragma: no cover - a schema typo, caught by the first test run
                raise AssertionError(kind)
        if kind == "int?":
            out[column] = pd.array(converted, dtype="Int64")
        elif kind in ("float", "float?"):
            out[column] = pd.array([float("nan") if v is None else v for v in converted], dtype="float64")
        else:
            out[column] = converted
    return pd.DataFrame(out)


def _check_keys(file: str, frame: pd.DataFrame, key: tuple[str, ...]) -> None:
    duplicated = frame.duplicated(list(key), keep="first")
    if duplicated.any():
        row = int(duplicated.to_numpy().nonzero()[0][0]) + 1
        record = frame.iloc[row - 1]
        values = ", ".join(f"{k}={record[k]!r}" if isinstance(record[k], str) else f"{k}={record[k]}" for k in key)
        raise PlanError(file, row, key[-1], f"duplicate key ({values})")


def _check_reference(file: str, frame: pd.DataFrame, column: str, known: set[str], what: str) -> None:
    for index, value in enumerate(frame[column]):
        if value and value not in known:
            raise PlanError(file, index + 1, column, f"unknown {what} {value!r}")


P = ParamSpec("P")
R = TypeVar("R")


def per_plan(function: Callable[Concatenate[Plan, P], R]) -> Callable[Concatenate[Plan, P], R]:
    """A pure function of a plan (and hashable arguments), worked out once per plan object and argument set.

    A plan is never written to after loading, so what is derived from it holds as long as the plan lives; a
    page reruns on every click and asks for the same derived tables many times a run. What it returns is
    shared: callers must not change it."""
    memo: weakref.WeakKeyDictionary[Plan, dict[Hashable, R]] = weakref.WeakKeyDictionary()

    @functools.wraps(function)
    def cached(plan: Plan, *args: P.args, **kwargs: P.kwargs) -> R:
        held = memo.setdefault(plan, {})
        key = (args, tuple(sorted(kwargs.items())))
        if key not in held:
            held[key] = function(plan, *args, **kwargs)
        return held[key]

    return cached


def load_plan(path: str | Path | None = None) -> Plan:
    """Read and validate the plan in ``path``.

    Default: ``$ZHEZ_PLAN_DIR`` when set (the scale benchmark points the app at a generated plan),
    else the repository's ``data/plan``.
    """
    directory = Path(path or os.environ.get("ZHEZ_PLAN_DIR") or PLAN_DIR)
    tables: dict[str, pd.DataFrame] = {}
    for name, schema in SCHEMAS.items():
        file = f"{name}.csv"
        try:
            raw = pd.read_csv(directory / file, dtype=str, keep_default_na=False, encoding="utf-8")
        except FileNotFoundError:
            raise PlanError(file, None, None, f"file not found in {directory}") from None
        except (pd.errors.ParserError, UnicodeDecodeError) as error:
            raise PlanError(file, None, None, f"cannot be read as UTF-8 CSV ({error})") from None
        frame = _convert(file, raw, schema)
        _check_keys(file, frame, KEYS[name])
        tables[name] = frame

    directions = set(tables["directions"]["id"])
    indicators = set(tables["indicators"]["id"])
    goals = set(tables["goals"]["id"])
    lines = set(tables["financing"]["line_id"])
    _check_reference("goals.csv", tables["goals"], "direction_id", directions, "direction")
    _check_reference("indicators.csv", tables["indicators"], "direction_id", directions, "direction")
    _check_reference("indicators.csv", tables["indicators"], "goal", goals, "goal")
    _check_reference("indicators.csv", tables["indicators"], "duplicate_of", indicators, "indicator")
    _check_reference("values.csv", tables["values"], "indicator_id", indicators, "indicator")
    _check_reference("financing.csv", tables["financing"], "direction_id", directions, "direction")
    _check_reference("financing.csv", tables["financing"], "parent_line_id", lines, "financing line")
    _check_reference("financing.csv", tables["financing"], "alt_parent_line_id", lines, "financing line")
    _check_reference("projects.csv", tables["projects"], "direction_id", directions, "direction")
    _check_reference("projects.csv", tables["projects"], "place", set(tables["places"]["id"]), "place")
    _check_reference("projects.csv", tables["projects"], "responsible_body", set(tables["bodies"]["abbr"]), "body")
    for index, ids in enumerate(tables["projects"]["indicator_ids"]):
        for indicator_id in filter(None, ids.split(";")):
            if indicator_id not in indicators:
                raise PlanError("projects.csv", index + 1, "indicator_ids", f"unknown indicator {indicator_id!r}")
    for file, frame in (("values.csv", tables["values"]), ("financing.csv", tables["financing"])):
        outside = ~frame["year"].isin(YEARS)
        if outside.any():
            row = int(outside.to_numpy().nonzero()[0][0]) + 1
            raise PlanError(file, row, "year", f"{frame['year'].iloc[row - 1]} is outside {YEARS[0]}–{YEARS[-1]}")
    _check_document(tables["document"])
    known = {"indicator": indicators, "financing line": lines}
    for index, choice in enumerate(tables["choices"].to_dict("records")):
        what = CHOICES.get((choice["screen"], choice["choice"]))
        if what is None:
            raise PlanError("choices.csv", index + 1, "choice", f"no screen makes the choice {choice['choice']!r}")
        if choice["value"] not in known[what]:
            raise PlanError("choices.csv", index + 1, "value", f"unknown {what} {choice['value']!r}")
    return as_edition_zero(Plan(**tables))


def _check_document(document: pd.DataFrame) -> None:
    if len(document) != 1:
        raise PlanError("document.csv", None, None, f"must have one row (the document), has {len(document)}")
    year = int(document["effective_year"].iloc[0])
    if year not in PLAN_YEARS:
        raise PlanError("document.csv", 1, "effective_year", f"{year} is outside {PLAN_YEARS[0]}–{PLAN_YEARS[-1]}")


def as_edition_zero(plan: Plan) -> Plan:
    """The plan as its files give it, seen as edition 0: every indicator in force every year, reviewed where
    its desired direction is known, every value from edition 0."""
    doc = plan.document.iloc[0]
    indicators = plan.indicators.assign(
        needs_review=plan.indicators["desired"] == "unknown",
        untranslated=False,
        edition=0,
        from_year=YEARS[0],
        until_year=pd.array([None] * len(plan.indicators), dtype="Int64"),
        dropped_in=pd.array([None] * len(plan.indicators), dtype="Int64"),
    )
    editions = pd.DataFrame(
        [
            {
                "number": 0,
                "name_kk": doc["name_kk"],
                "name_ru": doc["name_ru"],
                "name_en": doc["name_en"],
                "basis": doc["basis"],
                "effective_year": int(doc["effective_year"]),
                "source_file": "",
                "loaded_by": "",
                "loaded_at": None,
            }
        ],
        columns=EDITION_COLUMNS,
    )
    return dataclasses.replace(
        plan,
        indicators=indicators,
        values=plan.values.assign(edition=0),
        financing=plan.financing.assign(edition=0),
        editions=editions,
    )
