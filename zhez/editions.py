"""Editions of the plan: an amended plan loaded beside the published one, what changed, and the plan in force.

The published document (``data/plan/``) is **edition 0**. A coordinator loads an amendment — the section-4
table as text or as a Word file — with its name, the decision that approved it and the year it takes effect
(``Store.import_edition``); it is stored beside the published plan, never over it. ``read`` parses the file
with the ingest's own parser (``zhez.ingest.read_section4``), which refuses what it would have to guess.

**Matching.** An indicator is the same across editions when the rules below say so, tried in this order
against every indicator known so far (the plan in force, dropped ones included), each used once:

1. the same code and the same Kazakh name (an edition never prints one code with one name twice);
2. the same Kazakh name, printed exactly once among the rows still unmatched on each side: the same
   indicator, its **code changed**;
3. the same code in the same direction (a code is not empty), printed exactly once among the rows still
   unmatched on each side: the same indicator, **renamed** (its Russian and English names, translations of
   the old name, are shown in Kazakh until reviewed);
4. anything else is **new** (id ``e<edition>.i<row>``), and a known indicator left over is **dropped**.

So an indicator split into two rows matches at most one of them (by rule 1, or by 2 or 3 when the other row
takes neither its name nor its code); the other row is new. A row split across blank lines is the parser's
business and matches like any other. Nothing is matched on a guess: when a name or a code is not unique, the
rows are new and the old ones dropped, which the diff shows.

A new indicator has no reviewed desired direction (``desired = "unknown"``: no rating, flagged **needs
review**) and no translations (shown in Kazakh) until a coordinator reviews it (``Store.review_indicator``).

**The plan in force** (``plan_in_force``): each target year is judged against the targets of the edition in
force in that year — the edition with the latest effective year not after it (edition 0 before any; of two
with the same year, the one loaded later). The printed 2024 actual and 2025 estimate of an indicator are the
ones of the first edition printing it: loading an edition never changes what earlier years are judged on.
Approved actuals and explanations belong to the indicator id, so loading an edition never moves them; an
indicator dropped keeps its id, its history and its targets for the years it was in force.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from zhez import ingest
from zhez.audit import audit
from zhez.ingest import REVIEWED_FIELDS, Section4, indicator_record, value_records
from zhez.plan import EDITION_COLUMNS, PATH_COLUMNS, PLAN_YEARS, SCHEMAS, YEARS, Plan

TABLES = ("directions", "goals", "indicators", "values", "financing")
MATCHES = ("same", "code_changed", "renamed", "new")
# What a coordinator's review of an indicator may set (``Store.review_indicator``).
REVIEW_FIELDS = ("desired", "measure", "name_ru", "name_en", "unit_ru", "unit_en")
REVIEW_COLUMNS = ["indicator_id", *REVIEW_FIELDS, "set_by", "set_at"]
MATCH_COLUMNS = ["indicator_id", "order", "match", "code", "name_kk", "known_code", "known_name_kk"]
# What the plan in force says of each indicator beside its printed row (``Plan.indicators``).
COMPUTED = ["untranslated", "edition", "from_year", "until_year", "dropped_in"]


@dataclass(frozen=True)
class Edition:
    """An edition loaded into the store: what its table prints, with the ids matching resolved."""

    number: int
    name: str
    basis: str
    effective_year: int
    source_file: str
    loaded_by: str
    loaded_at: dt.datetime | None
    tables: Mapping[str, pd.DataFrame]  # directions, goals, indicators (+ untranslated), values, financing
    matching: pd.DataFrame  # MATCH_COLUMNS: how each of its indicator rows was matched
    state: str = "in_force"  # or "withdrawn" (kept, never in force)

    def ids(self) -> set[str]:
        return set(self.tables["indicators"]["id"])


# ── reading a file ─────────────────────────────────────────────────────────


def read(data: bytes, file: str) -> Section4:
    """The section-4 table of a file (a ``.docx`` holding it as a Word table, or text laid out like
    ``data/source/section4_table.txt``); ``SourceError`` naming file, row and column if it cannot be read."""
    blocks, split_rows = ingest.source_blocks(data, file)
    return ingest.read_section4(blocks, file, split_rows)


# ── matching ───────────────────────────────────────────────────────────────


def match(section: Section4, known: Plan, number: int) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The edition's tidy tables, its indicators matched to ``known`` (the plan in force when it is loaded)
    by the rules of this module, and how each row was matched (``MATCH_COLUMNS``)."""
    indicators = known.indicators
    by_id = {str(r["id"]): r for r in _records(indicators)}
    assigned: dict[int, tuple[str, str]] = {}  # row order -> (indicator id, how)
    used: set[str] = set()

    exact = Counter((r["code"], r["name_kk"]) for r in by_id.values())
    exact_ids = {(r["code"], r["name_kk"]): i for i, r in by_id.items() if exact[(r["code"], r["name_kk"])] == 1}
    for row in section.indicators:
        found = exact_ids.get((row.code, row.name_kk))
        if found is not None and found not in used:
            assigned[row.order] = (found, "same")
            used.add(found)

    def unique_rule(key_of_row: Any, key_of_known: Any, how: str) -> None:
        rows = [r for r in section.indicators if r.order not in assigned]
        left = [r for i, r in by_id.items() if i not in used]
        row_keys = Counter(k for k in map(key_of_row, rows) if k is not None)
        known_keys = Counter(k for k in map(key_of_known, left) if k is not None)
        known_by_key = {key_of_known(r): str(r["id"]) for r in left if known_keys[key_of_known(r)] == 1}
        for row in rows:
            key = key_of_row(row)
            if key is not None and row_keys[key] == 1 and key in known_by_key:
                assigned[row.order] = (known_by_key[key], how)
                used.add(known_by_key[key])

    unique_rule(lambda r: r.name_kk, lambda r: r["name_kk"], "code_changed")
    unique_rule(
        lambda r: (r.code, r.direction_id) if r.code else None,
        lambda r: (r["code"], r["direction_id"]) if r["code"] else None,
        "renamed",
    )

    units = _unit_translations(indicators)
    goal_ids = _goal_ids(section, known, number)
    records: list[dict[str, object]] = []
    values: list[dict[str, object]] = []
    matching: list[dict[str, object]] = []
    for row in section.indicators:
        indicator_id, how = assigned.get(row.order, (f"e{number}.i{row.order:02d}", "new"))
        old = by_id.get(indicator_id)
        reviewed, untranslated = _reviewed_fields(row, old, how, units)
        record = indicator_record(row, indicator_id, reviewed)
        record["goal"] = goal_ids.get((row.direction_id, row.goal_number), "")
        record["untranslated"] = untranslated
        records.append(record)
        values += value_records(row, indicator_id)
        matching.append(
            {
                "indicator_id": indicator_id,
                "order": row.order,
                "match": how,
                "code": row.code,
                "name_kk": row.name_kk,
                "known_code": old["code"] if old else "",
                "known_name_kk": old["name_kk"] if old else "",
            }
        )
    ingest.mark_duplicates(records, values)
    tables = {
        "directions": _directions(section, known),
        "goals": _goals(section, known, goal_ids),
        "indicators": _frame(records, [*SCHEMAS["indicators"], "untranslated"]),
        "values": _frame(values, list(SCHEMAS["values"])),
        "financing": _financing(section, known),
    }
    return tables, pd.DataFrame(matching, columns=MATCH_COLUMNS)


def _reviewed_fields(
    row: ingest.IndicatorRow, old: Mapping[str, Any] | None, how: str, units: Mapping[str, tuple[str, str]]
) -> tuple[dict[str, object], bool]:
    """The reviewed fields an edition's row takes over from the indicator it matched, and whether some of
    its words are shown as printed (in Kazakh) for want of a reviewed translation."""
    unit_ru, unit_en = units.get(row.unit, (row.unit, row.unit))
    unit_known = row.unit in units or row.unit == ""
    if old is None:
        fields: dict[str, object] = {
            "name_ru": row.name_kk,
            "name_en": row.name_kk,
            "unit_ru": unit_ru,
            "unit_en": unit_en,
            "desired": "unknown",
            "measure": "unknown",
            "unit_suspect": False,
            "passport_code": "",
            "theme": "unassigned",  # no reviewed sector yet
        }
        return fields, True
    fields = {name: old[name] for name in REVIEWED_FIELDS}
    untranslated = bool(old.get("untranslated", False))
    if how == "renamed":  # the translations are of the old name
        fields["name_ru"] = fields["name_en"] = row.name_kk
        untranslated = True
    if row.unit != old["unit"]:
        fields["unit_ru"], fields["unit_en"] = unit_ru, unit_en
        untranslated = untranslated or not unit_known
    return fields, untranslated


def _unit_translations(indicators: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """A printed unit's reviewed translation, where every reviewed indicator with it translates it alike."""
    reviewed = indicators[~indicators["untranslated"].astype(bool)] if "untranslated" in indicators else indicators
    found: dict[str, set[tuple[str, str]]] = {}
    for unit, ru, en in zip(reviewed["unit"], reviewed["unit_ru"], reviewed["unit_en"], strict=True):
        found.setdefault(unit, set()).add((ru, en))
    return {unit: next(iter(pairs)) for unit, pairs in found.items() if len(pairs) == 1 and unit}


def _goal_ids(section: Section4, known: Plan, number: int) -> dict[tuple[str, int | None], str]:
    """The goal id of each (direction, goal number) of the edition: a known goal printed alike, else new."""
    printed = {(g["direction_id"], g["name_printed"]): str(g["id"]) for g in known.goals.to_dict("records")}
    out: dict[tuple[str, int | None], str] = {}
    for goal in section.goals:
        key = (str(goal["direction_id"]), goal["name_printed"])
        number_in_direction = int(goal["number"])  # type: ignore[call-overload]
        out[(str(goal["direction_id"]), number_in_direction)] = printed.get(
            key, f"{goal['direction_id']}.e{number}.g{number_in_direction}"
        )
    return out


def _directions(section: Section4, known: Plan) -> pd.DataFrame:
    """The edition's directions: a known one printed alike keeps its reviewed names, anything else is shown
    with its printed heading in every language."""
    reviewed = {(d["id"], d["name_printed"]): d for d in _records(known.directions)}
    rows = []
    for d in section.directions:
        same = reviewed.get((d["id"], d["name_printed"]))
        rows.append(
            dict(same)
            if same
            else {
                **d,
                "passport_number": "",
                "name_kk": d["name_printed"],
                "name_ru": d["name_printed"],
                "name_en": d["name_printed"],
                "name_from_goal": "",
            }
        )
    return _frame(rows, list(SCHEMAS["directions"]))


def _goals(section: Section4, known: Plan, goal_ids: Mapping[tuple[str, int | None], str]) -> pd.DataFrame:
    reviewed = {str(g["id"]): g for g in known.goals.to_dict("records")}
    rows = []
    for goal in section.goals:
        number_in_direction = int(goal["number"])  # type: ignore[call-overload]
        goal_id = goal_ids[(str(goal["direction_id"]), number_in_direction)]
        printed = str(goal["name_printed"])
        same = reviewed.get(goal_id)
        names = (
            {k: same[k] for k in ("name_kk", "name_ru", "name_en")}
            if same is not None and same["name_printed"] == printed
            else {"name_kk": printed, "name_ru": printed, "name_en": printed}
        )
        rows.append(
            {
                "id": goal_id,
                "name_printed": printed,
                **names,
                "direction_id": goal["direction_id"],
                "number": number_in_direction,
            }
        )
    return _frame(rows, list(SCHEMAS["goals"]))


def _financing(section: Section4, known: Plan) -> pd.DataFrame:
    """The edition's financing rows, each the plan's reviewed line with the same printed label (refused
    otherwise: ``ingest.financing_line_ids``)."""
    lines = known.financing.drop_duplicates("line_id")
    notes = {str(n["line_id"]): n for n in _records(lines)}
    line_ids = ingest.financing_line_ids(section.financing, notes.values())
    rows = []
    for order, (line_id, row) in enumerate(zip(line_ids, section.financing, strict=True), start=1):
        note = notes[line_id]
        for year, amount, raw in row.amounts:
            rows.append(
                {
                    **{k: note[k] for k in SCHEMAS["financing"]},
                    "order": order,
                    "label_printed": row.label,
                    "unit_raw": row.unit_raw,
                    "unit_column": row.unit_column,
                    "year": year,
                    "amount_mln_kzt": amount,
                    "raw": raw,
                }
            )
    return _frame(rows, list(SCHEMAS["financing"]))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts keyed by column name."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("value", "amount_mln_kzt"):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    return frame


def preview(section: Section4, known: Plan, name: str = "", effective_year: int = PLAN_YEARS[-1]) -> Edition:
    """An edition read but not stored, matched against ``known`` (the plan in force): to see what it would
    change before loading it. Its new indicators' ids are provisional (loading numbers them)."""
    tables, matching = match(section, known, 0)
    return Edition(0, name or section.file, "", effective_year, section.file, "", None, tables, matching, "preview")


# ── storing ────────────────────────────────────────────────────────────────


def tables_json(tables: Mapping[str, pd.DataFrame]) -> dict[str, list[dict[str, Any]]]:
    """The tables as JSON-ready records (no value is ``NaN``: ``None``)."""
    return {name: [{k: _plain(v) for k, v in record.items()} for record in _records(tables[name])] for name in TABLES}


def tables_from_json(data: Mapping[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    columns = {name: list(SCHEMAS[name]) for name in TABLES}
    columns["indicators"].append("untranslated")
    return {name: _frame(list(data[name]), columns[name]) for name in TABLES}


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# ── one edition as a plan of its own (for its audit and the diff) ─────────


def edition_plan(published: Plan, edition: Edition | None, reviews: pd.DataFrame | None = None) -> Plan:
    """The plan as one edition prints it (``None``: edition 0, the published plan). A loaded edition has its
    table only: the text and passport checks and the projects stay the published document's."""
    if edition is None:
        return published
    indicators = _reviewed(edition.tables["indicators"], reviews)
    indicators = indicators.assign(
        edition=edition.number,
        from_year=YEARS[0],
        until_year=pd.array([None] * len(indicators), dtype="Int64"),
        dropped_in=pd.array([None] * len(indicators), dtype="Int64"),
    )
    return dataclasses.replace(
        published,
        directions=edition.tables["directions"],
        goals=edition.tables["goals"],
        indicators=indicators,
        values=edition.tables["values"].assign(edition=edition.number),
        financing=edition.tables["financing"].assign(edition=edition.number),
        cross_checks=published.cross_checks.iloc[:0],
        narrative_figures=published.narrative_figures.iloc[:0],
        passport_only=published.passport_only.iloc[:0],
        editions=_editions_frame(published, [edition]).iloc[1:].reset_index(drop=True),
        paths=pd.DataFrame(columns=PATH_COLUMNS),
    )


def audit_edition(published: Plan, edition: Edition | None, reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan audit of one edition, every finding saying which edition it belongs to (``edition``)."""
    plan = edition_plan(published, edition, reviews)
    findings = audit(plan, table_only=edition is not None)
    return findings.assign(edition=0 if edition is None else edition.number)


def _reviewed(indicators: pd.DataFrame, reviews: pd.DataFrame | None) -> pd.DataFrame:
    """Indicators with a coordinator's review applied: the desired direction, measure and translations it
    sets; ``needs_review`` while no desired direction is known."""
    out = indicators.copy()
    if "untranslated" not in out:
        out["untranslated"] = False
    out["untranslated"] = out["untranslated"].astype(bool)
    if reviews is not None and not reviews.empty:
        given = reviews.set_index("indicator_id")
        for position, indicator_id in enumerate(out["id"]):
            if indicator_id not in given.index:
                continue
            review = given.loc[indicator_id]
            for name in REVIEW_FIELDS:
                if review[name]:
                    out.iat[position, list(out.columns).index(name)] = review[name]
            if review["name_ru"] and review["name_en"]:
                out.iat[position, list(out.columns).index("untranslated")] = False
    out["needs_review"] = out["desired"] == "unknown"
    return out


# ── the plan in force ──────────────────────────────────────────────────────


def plan_in_force(published: Plan, editions: Sequence[Edition] = (), reviews: pd.DataFrame | None = None) -> Plan:
    """The plan every screen, export and report judges by: each year's targets from the edition in force in
    that year, every indicator of every edition (with the years it is in force and the edition that dropped
    it), coordinators' reviews applied. Without editions or reviews: ``published`` itself."""
    if not editions and (reviews is None or reviews.empty):
        return published
    zero_effective = int(published.document["effective_year"].iloc[0])
    # The chain of editions in the order they take effect (edition 0 first; of one year, the later loaded).
    chain: list[tuple[int, int, Mapping[str, pd.DataFrame]]] = [(0, zero_effective, _tables_of(published))]
    chain += [(e.number, e.effective_year, e.tables) for e in editions]
    chain.sort(key=lambda c: (c[1], c[0]))
    in_force = {year: _in_force(chain, year) for year in YEARS}
    ids_of = {number: list(tables["indicators"]["id"]) for number, _, tables in chain}
    members = {number: set(ids) for number, ids in ids_of.items()}
    # Cells by (indicator, year), read column-wise: row dicts from pandas cost seconds on a large plan.
    cells_of = {
        number: dict(
            zip(
                zip(tables["values"]["indicator_id"].tolist(), tables["values"]["year"].tolist(), strict=True),
                zip(tables["values"]["value"].tolist(), tables["values"]["raw"].tolist(), strict=True),
                strict=True,
            )
        )
        for number, _, tables in chain
    }

    order: list[str] = []
    for number, _, _ in reversed(chain):  # the last edition's order, then what earlier ones had besides
        seen = set(order)
        order += [i for i in ids_of[number] if i not in seen]
    facts: dict[str, dict[str, object]] = {}  # what each indicator's row says beyond its latest edition's
    values: dict[str, list[object]] = {c: [] for c in [*SCHEMAS["values"], "edition"]}
    paths = []
    for position, indicator_id in enumerate(order, start=1):
        present = [year for year in YEARS if indicator_id in members[in_force[year]]]
        printing = [number for number, _, _ in chain if indicator_id in members[number]]
        latest = in_force[present[-1]] if present else printing[-1]
        dropped = bool(present) and present[-1] != YEARS[-1]
        facts[indicator_id] = {
            "order": position,
            "edition": latest,
            "from_year": present[0] if present else None,
            "until_year": present[-1] if dropped else None,
            # dropped by the edition in force the year after its last; never in force: superseded before it began
            "dropped_in": in_force[present[-1] + 1] if dropped else (None if present else in_force[YEARS[-1]]),
        }
        for year in YEARS:
            source = printing[0] if year < PLAN_YEARS[0] else in_force[year]
            value, raw = (
                cells_of[source].get((indicator_id, year), (None, ""))
                if indicator_id in members[source]
                else (None, "")
            )
            for column, cell in zip(
                values, (indicator_id, year, ingest.kind_of_year(year), value, raw, source), strict=True
            ):
                values[column].append(cell)
        printed = {n: [(y, *cells_of[n][(indicator_id, y)]) for y in PLAN_YEARS] for n in printing}
        if len({tuple(_same(v) for _, v, _ in path) for path in printed.values()}) > 1:
            paths += [
                {"indicator_id": indicator_id, "edition": n, "year": y, "value": v, "raw": raw}
                for n, path in printed.items()
                for y, v, raw in path
            ]

    # Each indicator's row as its latest edition prints it, in the order above.
    by_latest: dict[int, list[str]] = {}
    for indicator_id, fact in facts.items():
        by_latest.setdefault(int(fact["edition"]), []).append(indicator_id)  # type: ignore[call-overload]
    columns = [*SCHEMAS["indicators"], "untranslated"]
    parts = []
    for number, _, tables in chain:
        chosen = tables["indicators"]
        chosen = chosen[chosen["id"].isin(by_latest.get(number, []))]
        parts.append(chosen.assign(untranslated=chosen.get("untranslated", False))[columns])
    indicators = pd.concat(parts, ignore_index=True)
    extra = pd.DataFrame.from_dict(facts, orient="index")
    indicators = indicators.drop(columns="order").join(extra, on="id").sort_values("order", kind="stable")
    for column in ("until_year", "dropped_in", "from_year"):
        indicators[column] = pd.array(indicators[column].tolist(), dtype="Int64")
    indicators["order"] = indicators["order"].astype("int64")
    indicators["edition"] = indicators["edition"].astype("int64")
    indicators = _reviewed(indicators[[*SCHEMAS["indicators"], *COMPUTED]], reviews)
    return dataclasses.replace(
        published,
        directions=_union(chain, "directions", "id"),
        goals=_union(chain, "goals", "id"),
        indicators=indicators.reset_index(drop=True),
        values=pd.DataFrame(values).astype({"value": "float64", "edition": "int64"}),
        financing=_financing_in_force(chain, in_force),
        editions=_editions_frame(published, editions),
        paths=_frame(paths, PATH_COLUMNS),
    )


def _same(value: object) -> object:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _in_force(chain: Sequence[tuple[int, int, object]], year: int) -> int:
    """The number of the edition in force in ``year``: the last to take effect by then (edition 0 before any)."""
    current = 0
    for number, effective, _ in chain:
        if effective <= year:
            current = number
    return current


def _tables_of(plan: Plan) -> dict[str, pd.DataFrame]:
    return {name: getattr(plan, name) for name in TABLES}


def _union(chain: Sequence[tuple[int, int, Mapping[str, pd.DataFrame]]], table: str, key: str) -> pd.DataFrame:
    """Every row of ``table`` of the chain by ``key``: edition 0's first (reviewed), then those editions add."""
    frames = sorted(chain, key=lambda c: c[0])
    out = frames[0][2][table]
    for _, _, tables in frames[1:]:
        extra = tables[table][~tables[table][key].isin(out[key])]
        if not extra.empty:
            out = pd.concat([out, extra[list(out.columns)]], ignore_index=True)
    return out.reset_index(drop=True)


def _financing_in_force(
    chain: Sequence[tuple[int, int, Mapping[str, pd.DataFrame]]], in_force: Mapping[int, int]
) -> pd.DataFrame:
    """Edition 0's financing lines, each year's amount from the edition in force in that year (none where
    that edition does not print the line)."""
    tables = {number: t["financing"] for number, _, t in chain}
    cells = {
        number: {(r["line_id"], int(r["year"])): r for r in frame.to_dict("records")}
        for number, frame in tables.items()
    }
    rows = []
    for record in _records(tables[0]):
        source = 0 if record["year"] < PLAN_YEARS[0] else in_force[int(record["year"])]
        cell = cells[source].get((record["line_id"], int(record["year"])))
        rows.append(
            {
                **record,
                "amount_mln_kzt": cell["amount_mln_kzt"] if cell else None,
                "raw": cell["raw"] if cell else "",
                "edition": source,
            }
        )
    return _frame(rows, [*SCHEMAS["financing"], "edition"]).astype({"edition": "int64"})


def _editions_frame(published: Plan, editions: Sequence[Edition]) -> pd.DataFrame:
    rows = _records(published.editions)[:1]
    for e in sorted(editions, key=lambda e: e.number):
        rows.append(
            {
                "number": e.number,
                "name_kk": e.name,
                "name_ru": e.name,
                "name_en": e.name,
                "basis": e.basis,
                "effective_year": e.effective_year,
                "source_file": e.source_file,
                "loaded_by": e.loaded_by,
                "loaded_at": e.loaded_at,
            }
        )
    return pd.DataFrame(rows, columns=EDITION_COLUMNS)


# ── what changed ───────────────────────────────────────────────────────────

CHANGES = (
    "added",
    "removed",
    "renamed",
    "code_changed",
    "moved",
    "unit_changed",
    "value_changed",
    "line_added",
    "line_removed",
    "financing_changed",
)
DIFF_COLUMNS = ["change", "indicator_id", "line_id", "code", "year", "kind", "before", "after", "delta"]


def diff(old: Plan, new: Plan) -> pd.DataFrame:
    """What ``new`` changes against ``old`` (two editions as plans, ``edition_plan``), one row a change:
    indicators added, removed, renamed, their codes changed, moved to another direction, units changed,
    printed values changed per year (``before`` → ``after``, ``delta`` = after − before), financing lines
    added or removed and their amounts changed per year. Indicators are compared by id (matched on loading).
    """
    rows: list[dict[str, object]] = []
    fields = ["id", "code", "name_kk", "direction_id", "unit"]
    old_ind, new_ind = old.indicators[fields], new.indicators[fields]
    added = new_ind[~new_ind["id"].isin(old_ind["id"])]
    for i, code, name in zip(added["id"].tolist(), added["code"].tolist(), added["name_kk"].tolist(), strict=True):
        rows.append(_change("added", i, code, after=name))
    removed = old_ind[~old_ind["id"].isin(new_ind["id"])]
    for i, code, name in zip(
        removed["id"].tolist(), removed["code"].tolist(), removed["name_kk"].tolist(), strict=True
    ):
        rows.append(_change("removed", i, code, before=name))
    both = new_ind.merge(old_ind, on="id", suffixes=("", "_old"))  # in the new edition's order
    for change, column in (
        ("renamed", "name_kk"),
        ("code_changed", "code"),
        ("moved", "direction_id"),
        ("unit_changed", "unit"),
    ):
        changed = both[both[column] != both[f"{column}_old"]]
        for i, code, before, after in zip(
            changed["id"].tolist(),
            changed["code"].tolist(),
            changed[f"{column}_old"].tolist(),
            changed[column].tolist(),
            strict=True,
        ):
            rows.append(_change(change, i, code, before=before, after=after))
    cells = ["indicator_id", "year", "value"]
    values = new.values[cells].merge(old.values[cells], on=["indicator_id", "year"], suffixes=("", "_old"))
    values = values[values["indicator_id"].isin(both["id"])]
    differs = values[(values["value"] != values["value_old"]) & ~(values["value"].isna() & values["value_old"].isna())]
    codes = dict(zip(both["id"].tolist(), both["code"].tolist(), strict=True))
    for i, year, after, before in zip(
        differs["indicator_id"].tolist(),
        differs["year"].tolist(),
        differs["value"].tolist(),
        differs["value_old"].tolist(),
        strict=True,
    ):
        rows.append(
            _change(
                "value_changed",
                i,
                codes[i],
                year=int(year),
                kind=ingest.kind_of_year(int(year)),
                before=_same(before),
                after=_same(after),
            )
        )
    old_lines = list(dict.fromkeys(old.financing["line_id"]))
    new_lines = list(dict.fromkeys(new.financing["line_id"]))
    rows += [_change("line_added", line_id=line) for line in new_lines if line not in old_lines]
    rows += [_change("line_removed", line_id=line) for line in old_lines if line not in new_lines]
    old_amounts = _cells(old.financing, "line_id", "amount_mln_kzt")
    new_amounts = _cells(new.financing, "line_id", "amount_mln_kzt")
    for line in [x for x in new_lines if x in old_lines]:
        for year in YEARS:
            a, b = old_amounts.get((line, year)), new_amounts.get((line, year))
            if a != b:
                rows.append(_change("financing_changed", line_id=line, year=year, before=a, after=b))
    frame = pd.DataFrame(rows, columns=DIFF_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["delta"] = frame["delta"].astype("float64")
    return frame


def _cells(frame: pd.DataFrame, key: str, column: str) -> dict[tuple[str, int], float | None]:
    return {
        (str(k), int(y)): (None if pd.isna(v) else float(v))
        for k, y, v in zip(frame[key], frame["year"], frame[column], strict=True)
    }


def _change(
    change: str,
    indicator_id: str = "",
    code: str = "",
    *,
    line_id: str = "",
    year: int | None = None,
    kind: str = "",
    before: object = None,
    after: object = None,
) -> dict[str, object]:
    numbers = isinstance(before, float) and isinstance(after, float)
    return {
        "change": change,
        "indicator_id": indicator_id,
        "line_id": line_id,
        "code": code,
        "year": year,
        "kind": kind,
        "before": before,
        "after": after,
        # rounded off the float noise of the subtraction (74,0 − 73,7 is 0,3, not 0,29999999999999716)
        "delta": round(after - before, 9) if numbers else None,  # type: ignore[operator]
    }


def edition_in_force(plan: Plan, year: int) -> int:
    """The number of the edition whose targets are in force in ``year`` (``plan``: the plan in force)."""
    chain = sorted(
        zip(plan.editions["number"], plan.editions["effective_year"], strict=True), key=lambda c: (c[1], c[0])
    )
    return _in_force([(int(n), int(e), None) for n, e in chain], year)


def printed_paths(plan: Plan, indicator_id: str) -> dict[int, list[tuple[int, float, str]]]:
    """Each edition's target path of an indicator as printed, for the editions whose path differs from the
    one in force (``plan``: the plan in force): what the trajectory chart shows faintly, labelled."""
    rows = plan.paths[(plan.paths["indicator_id"] == indicator_id) & plan.paths["value"].notna()]
    if rows.empty:
        return {}
    series = plan.series(indicator_id)
    in_force = {
        int(y): _same(v)
        for y, v, k in zip(series["year"], series["value"], series["kind"], strict=True)
        if k == "target"
    }
    out: dict[int, list[tuple[int, float, str]]] = {}
    for number, path in rows.groupby("edition", sort=True):
        points = [
            (int(y), float(v), str(r))
            for y, v, r in zip(path["year"].tolist(), path["value"].tolist(), path["raw"].tolist(), strict=True)
        ]
        if any(in_force.get(y) != v for y, v, _ in points):
            out[int(str(number))] = points
    return out
