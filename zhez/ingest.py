"""Turn the plan as published (data/source/) into tidy CSV (data/plan/).

Run as ``python -m zhez.ingest [OUT_DIR]``. The parser copes with the table as it
is printed; it never retouches a value. Each parsed number keeps its cell text in
a ``raw`` column, and every hand-written addition (translations, desired
direction, projects) comes from a reviewed file in ``data/source/``.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhez.plan import PLAN_DIR, ROOT, YEARS

SOURCE_DIR = ROOT / "data" / "source"
ROW_CELLS = 12  # №, indicator, responsible, source, unit, 2024 … 2030
LABEL_ROW_CELLS = 11  # total rows: the label spans the first two columns


class SourceError(ValueError):
    """The published table cannot be read as expected (a parser, not a data, problem)."""


# ── cells and blocks ────────────────────────────────────────────────────────


def split_blocks(text: str) -> list[list[str]]:
    """Blocks of cells. A cell starts with a tab; a line without one continues it.

    A line that is empty or blank *without* a leading tab separates blocks; a lone
    tab is an empty cell, not a separator.
    """
    blocks: list[list[str]] = []
    cells: list[str] = []
    for line in text.split("\n"):
        if not line.startswith("\t") and line.strip() == "":
            if cells:
                blocks.append(cells)
                cells = []
            continue
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells:
            cells[-1] += "\n" + line
        else:
            cells.append(line)
    if cells:
        blocks.append(cells)
    return blocks


NUMBER_CELL = re.compile(r"^\s*(\d+)\.?\s*$")


def parse_number(raw: str) -> float | None:
    """A published cell as a number; ``-`` or an empty cell is no value (never 0).

    Accepts ``31.0`` and ``32,1``, thousands with spaces or no-break spaces
    (``46 240,2``), a trailing ``%`` (``87%``) and trailing blanks.
    """
    text = raw.replace("\xa0", " ").strip()
    if text in ("", "-"):
        return None
    text = text.removesuffix("%").replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise SourceError(f"not a number: {raw!r}")
    return float(text)


def clean(text: str) -> str:
    """Collapse the whitespace of a printed cell, keeping its words verbatim."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# ── headings ────────────────────────────────────────────────────────────────

PART_HEADINGS = {
    "Реализация Плана развития": "regional_plan",
    "Өзге жоспарлау құжаттарын": "other_documents",
}
DIRECTION_HEADING = re.compile(r"^(?:(\d+)-бағыт|Направление (\d+))\b")
GOAL_HEADING = re.compile(r"^(?:\d+-)?мақсат", re.IGNORECASE)
TASK_HEADING = re.compile(r"^(?:\d+-міндет|Міндет|Задача|Тапсырма|\d+\. )", re.IGNORECASE)


@dataclass
class Row:
    """One indicator or financing row of the table, cells as printed."""

    cells: list[str]
    part: str
    direction_number: str
    goal_number: int | None
    goal_text: str
    task_text: str
    block_number: str
    order: int


@dataclass
class Table:
    """The section 4 table read into rows and the headings that frame them."""

    directions: list[dict[str, str]] = field(default_factory=list)
    goals: list[dict[str, object]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def read_table(text: str) -> Table:
    """Walk the blocks of section 4, joining rows that the document split across blanks."""
    blocks = split_blocks(text)
    start = next(i for i, b in enumerate(blocks) if b[0].strip() == "1" and len(b) == ROW_CELLS)
    table = Table()
    part = ""
    direction = ""
    goal_count = 0  # goals are numbered in order within their direction
    goal_number: int | None = None
    goal_text = ""
    task_text = ""
    block_number = ""
    pending: list[str] | None = None
    order = 0

    def add_row(cells: list[str]) -> None:
        nonlocal block_number, order, goal_number, goal_text, task_text
        if NUMBER_CELL.match(cells[0]):
            # A numbered row is the headline indicator of a new block: it stands
            # above the goals that follow it, not under the previous one.
            block_number = cells[0].strip()
            goal_number, goal_text, task_text = None, "", ""
        order += 1
        table.rows.append(Row(cells, part, direction, goal_number, goal_text, task_text, block_number, order))

    for cells in blocks[start + 1 :]:
        if pending is not None:
            pending += cells
            if len(pending) > ROW_CELLS:
                raise SourceError(f"row split across blanks does not add up to 12 cells: {pending}")
            if len(pending) == ROW_CELLS:
                add_row(pending)
                pending = None
            continue
        first = cells[0].strip()
        if len(cells) == ROW_CELLS:
            add_row(cells)
        elif len(cells) == LABEL_ROW_CELLS and first and not NUMBER_CELL.match(first):
            add_row(["", *cells])
        elif len(cells) == 1 and NUMBER_CELL.match(first):
            pending = list(cells)
        elif len(cells) == 1:
            heading = clean(cells[0])
            found_part = next((p for k, p in PART_HEADINGS.items() if heading.startswith(k)), None)
            match = DIRECTION_HEADING.match(heading)
            if found_part:
                part = found_part
            elif match:
                number = match.group(1) or match.group(2)
                direction = f"{'rp' if part == 'regional_plan' else 'od'}-{number}"
                table.directions.append({"id": direction, "part": part, "number": number, "name_printed": heading})
                goal_count, goal_number, goal_text, task_text = 0, None, "", ""
                block_number = ""
            else:
                raise SourceError(f"unknown heading: {heading!r}")
        elif len(cells) == 2 and first == "":
            heading = clean(cells[1])
            if GOAL_HEADING.match(heading):
                goal_count += 1
                goal_number = goal_count
                goal_text, task_text = heading, ""
                table.goals.append({"direction_id": direction, "number": goal_number, "name_printed": heading})
            elif TASK_HEADING.match(heading):
                task_text = heading
            else:
                raise SourceError(f"unknown sub-heading: {heading!r}")
        elif first == "" or NUMBER_CELL.match(first):
            pending = list(cells)
        else:
            raise SourceError(f"unexpected block: {cells[:3]}")
    if pending is not None:
        raise SourceError(f"table ends inside a row: {pending}")
    return table


# ── indicator cells ─────────────────────────────────────────────────────────

# The code sits at the head of the cell's first line; "[ \t]" (not "\s") keeps a
# number on the next line ("НИ \n2 жастан …") out of the code.
CODE = re.compile(
    r"^(?P<code>(?:НҰИ|НИ|ЦИ)[ \t]*(?:[-–—][ \t]*)?\d*|\d+(?:\.\d+)?[ \t]*көрсеткіш)\.?",
    re.IGNORECASE,
)
FINANCING_LABELS = ("Финансовые ресурсы", "Қаржы ресурстары")
REGION_SCOPE = re.compile(r"обл[ыа]с\s+бо[йи]ы?нша|республика бойынша")


def split_code(cell: str) -> tuple[str, str, str]:
    """(code as printed, normalised code, name) of an indicator cell."""
    text = cell.replace("\xa0", " ").strip()
    match = CODE.match(text)
    if not match:
        return "", "", clean(text)
    printed = match.group("code").strip()
    if printed.lower().endswith("көрсеткіш"):
        normal = printed[: -len("көрсеткіш")].strip()
    else:
        normal = re.sub(r"[ \t]*[-–—][ \t]*", "-", printed).replace(" ", "-")
    return printed, normal, clean(text[match.end() :])


def is_financing(cells: list[str]) -> bool:
    return clean(cells[1]) in FINANCING_LABELS or clean(cells[1]).startswith(("Өзге құжаттар", "БАРЛЫҚ", "оның ішінде"))


RESPONSIBLE_BODY = re.compile(r"^(?:Жезқазған қ\.\s*)?(?P<body>[А-ЯӘҒҚҢӨҰҮҺІа-яәғқңөұүһі]+)")


def responsible_body(text: str) -> str:
    """The department abbreviation at the head of the responsible cell (``ДСБ``, ``ТКШБ``)."""
    match = RESPONSIBLE_BODY.match(clean(text))
    return match.group("body") if match else ""


# ── hand-written sources ────────────────────────────────────────────────────


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def keyed(rows: list[dict[str, str]], key: str, what: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        if row[key] in out:
            raise SourceError(f"{what}: {key} {row[key]!r} twice")
        out[row[key]] = row
    return out


# ── building the tidy tables ────────────────────────────────────────────────


def build(source_dir: Path = SOURCE_DIR) -> dict[str, Sequence[Mapping[str, object]]]:
    """All tidy tables of the plan, as lists of rows ready for CSV."""
    table = read_table((source_dir / "section4_table.txt").read_text(encoding="utf-8"))
    direction_notes = keyed(read_csv(source_dir / "directions.csv"), "id", "directions.csv")
    goal_notes = keyed(read_csv(source_dir / "goals.csv"), "id", "goals.csv")
    indicator_notes = keyed(read_csv(source_dir / "indicator_notes.csv"), "id", "indicator_notes.csv")
    themes = keyed(read_csv(source_dir / "indicator_themes.csv"), "id", "indicator_themes.csv")
    financing_notes = keyed(read_csv(source_dir / "financing_lines.csv"), "line_id", "financing_lines.csv")

    directions: list[dict[str, object]] = []
    for d in table.directions:
        note = direction_notes.get(d["id"])
        if note is None:
            raise SourceError(f"directions.csv has no row for {d['id']}")
        if note["name_printed"] != d["name_printed"]:
            raise SourceError(f"directions.csv: {d['id']} printed name differs from the table")
        directions.append({**note})
    if set(direction_notes) != {d["id"] for d in table.directions}:
        raise SourceError("directions.csv lists a direction the table does not have")

    goals: list[dict[str, object]] = []
    for g in table.goals:
        goal_id = f"{g['direction_id']}.g{g['number']}"
        note = goal_notes.get(goal_id)
        if note is None or note["name_printed"] != g["name_printed"]:
            raise SourceError(f"goals.csv: {goal_id} missing or its printed text differs")
        goals.append({**note, "direction_id": g["direction_id"], "number": g["number"]})
    if len(goals) != len(goal_notes):
        raise SourceError("goals.csv lists a goal the table does not have")

    indicators: list[dict[str, object]] = []
    values: list[dict[str, object]] = []
    financing: list[dict[str, object]] = []
    seen_financing: set[str] = set()
    number = 0
    for row in table.rows:
        cells = row.cells
        year_cells = cells[5:12]
        if is_financing(cells):
            label = clean(cells[1])
            note = next(
                (
                    n
                    for n in financing_notes.values()
                    if n["label_printed"] == label
                    and n["direction_id"] in ("", row.direction_number)
                    and n["line_id"] not in seen_financing
                ),
                None,
            )
            if note is None:
                raise SourceError(f"financing_lines.csv has no line for {label!r} in {row.direction_number}")
            seen_financing.add(note["line_id"])
            unit_column = next((i for i in (4, 3, 2) if clean(cells[i])), 4)
            unit_raw = cells[unit_column]
            for year, raw in zip(YEARS, year_cells, strict=True):
                financing.append(
                    {
                        "line_id": note["line_id"],
                        "order": len(seen_financing),
                        "label_printed": label,
                        "label_kk": note["label_kk"],
                        "label_ru": note["label_ru"],
                        "label_en": note["label_en"],
                        "direction_id": note["direction_id"],
                        "parent_line_id": note["parent_line_id"],
                        "alt_parent_line_id": note["alt_parent_line_id"],
                        "role": note["role"],
                        "is_total": note["role"] == "total",
                        "unit_raw": clean(unit_raw),
                        # The unit belongs in column 5; one line prints it under "source".
                        "unit_column": {2: "responsible", 3: "source", 4: "unit"}[unit_column],
                        "year": year,
                        "amount_mln_kzt": parse_number(raw),
                        "raw": raw,
                    }
                )
            continue
        number += 1
        indicator_id = f"i{number:02d}"
        note = indicator_notes.get(indicator_id)
        code_raw, code, name = split_code(cells[1])
        if note is None or note["code"] != code:
            raise SourceError(f"indicator_notes.csv: {indicator_id} missing or code {code!r} differs")
        theme = themes.get(indicator_id)
        if theme is None or theme["code"] != code or theme["name_kk"] != name:
            raise SourceError(
                f"indicator_themes.csv: {indicator_id} missing, or its code or name differs from the table"
            )
        goal_id = f"{row.direction_number}.g{row.goal_number}" if row.goal_number else ""
        indicators.append(
            {
                "id": indicator_id,
                "order": number,
                "code": code,
                "code_raw": code_raw,
                "block": row.block_number,
                "name_kk": name,
                "name_ru": note["name_ru"],
                "name_en": note["name_en"],
                "unit": clean(cells[4]),
                "unit_ru": note["unit_ru"],
                "unit_en": note["unit_en"],
                "direction_id": row.direction_number,
                "goal": goal_id,
                "task_kk": row.task_text,
                "responsible": clean(cells[2]),
                "responsible_body": responsible_body(cells[2]),
                "source": clean(cells[3]),
                "desired": note["desired"],
                "measure": note["measure"],
                "unit_suspect": note["unit_suspect"] == "1",
                "passport_code": note["passport_code"],
                "scope": "region" if REGION_SCOPE.search(clean(cells[1])) else "city",
                "indicator_raw": cells[1],
                "theme": theme["theme"],
            }
        )
        for year, raw in zip(YEARS, year_cells, strict=True):
            kind = "actual" if year == 2024 else "estimate" if year == 2025 else "target"
            values.append(
                {
                    "indicator_id": indicator_id,
                    "year": year,
                    "kind": kind,
                    "value": parse_number(raw),
                    "raw": raw,
                }
            )
    if number != len(indicator_notes) or number != len(themes):
        raise SourceError(
            f"the table has {number} indicator rows, indicator_notes.csv {len(indicator_notes)},"
            f" indicator_themes.csv {len(themes)}"
        )
    if seen_financing != set(financing_notes):
        raise SourceError("financing_lines.csv lists a line the table does not have")
    mark_duplicates(indicators, values)
    places = read_csv(source_dir / "places.csv")
    document = Document.read(source_dir)
    return {
        "directions": directions,
        "goals": goals,
        "indicators": indicators,
        "values": values,
        "financing": financing,
        "projects": build_projects(read_csv(source_dir / "projects.csv"), places),
        "places": places,
        "bodies": read_csv(source_dir / "bodies.csv"),
        "cross_checks": build_cross_checks(read_csv(source_dir / "cross_checks.csv"), document),
        "narrative_figures": build_narrative_figures(read_csv(source_dir / "narrative_figures.csv"), document),
        "passport_only": read_csv(source_dir / "passport_only.csv"),
    }


def mark_duplicates(indicators: list[dict[str, object]], values: list[dict[str, object]]) -> None:
    """Set ``duplicate_of`` on a row that repeats an earlier one: same code, same cells for every year.

    The repeat stays a row of its own (under its own goal); it is only pointed at.
    """
    cells: dict[object, tuple[object, ...]] = {}
    for v in values:
        cells[v["indicator_id"]] = (*cells.get(v["indicator_id"], ()), v["raw"])
    first: dict[tuple[object, ...], object] = {}
    for ind in indicators:
        key = (ind["code"], ind["direction_id"], *cells[ind["id"]])
        ind["duplicate_of"] = first.get(key, "")
        first.setdefault(key, ind["id"])


def build_projects(projects: list[dict[str, str]], places: list[dict[str, str]]) -> list[dict[str, object]]:
    """Projects with the coordinates of the reference place they are put at."""
    by_id = keyed(places, "id", "places.csv")
    out: list[dict[str, object]] = []
    for project in projects:
        place = by_id.get(project["place"])
        if place is None:
            raise SourceError(f"projects.csv: {project['id']} is at unknown place {project['place']!r}")
        out.append({**project, "lat": place["lat"], "lon": place["lon"]})
    return out


# ── the text around the table: where a quote is, and the figures it gives ──


@dataclass(frozen=True)
class Document:
    """The plan's text files and the document line each of them starts at (``document_parts.csv``)."""

    texts: dict[str, str]
    first_lines: dict[str, int]

    @classmethod
    def read(cls, source_dir: Path) -> Document:
        parts = read_csv(source_dir / "document_parts.csv")
        texts = {p["file"]: (source_dir / p["file"]).read_text(encoding="utf-8") for p in parts}
        first_lines = {p["file"]: int(p["first_line"]) for p in parts}
        # The parts are the document cut in order: each starts on the line after the previous one ends.
        for before, after in itertools.pairwise(parts):
            expected = int(before["first_line"]) + texts[before["file"]].count("\n")
            if int(after["first_line"]) != expected:
                raise SourceError(f"document_parts.csv: {after['file']} should start at line {expected}")
        return cls(texts, first_lines)

    def line(self, file: str, quote: str) -> int:
        """The document line a quote starts on; ``SourceError`` if the file does not hold it verbatim."""
        text = self.texts.get(file)
        if text is None:
            raise SourceError(f"{file!r} is not a part of the document (document_parts.csv)")
        at = text.find(quote)
        if at < 0:
            raise SourceError(f"{file} does not contain the quote {quote!r}")
        return self.first_lines[file] + text.count("\n", 0, at)


# A number as the text prints it: "1 100", "7 445", "6023", "5 885,8", "78\xa0935,3" (thousands with
# a space or a no-break space, decimals after a comma).
TEXT_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
FIGURE = re.compile(r"^(?P<number>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(?P<decimals>\d+))?\s*(?P<unit>.*)$")
SCALE_WORDS = {"трлн": 1e12, "млрд": 1e9, "млн": 1e6, "мың": 1e3}
GROWTH_FORMS = ("up_percent", "down_percent", "percent_of", "up_points", "rises", "falls")
DIRECTION_ONLY = ("rises", "falls")


def text_number(text: str) -> float:
    return float(re.sub(r"[ \u00a0]", "", text).replace(",", "."))


def read_figure(figure: str) -> dict[str, object]:
    """A figure as printed (``1,1 трлн теңге``): its number, decimals, scale word and unit."""
    match = FIGURE.match(figure.strip())
    if not match:
        raise SourceError(f"not a figure: {figure!r}")
    unit = match.group("unit").strip()
    decimals = match.group("decimals") or ""
    first_word = unit.split(" ")[0].rstrip(".") if unit else ""
    return {
        "value": text_number(match.group("number") + ("," + decimals if decimals else "")),
        "decimals": len(decimals),
        "multiplier": SCALE_WORDS.get(first_word, 1.0),
        "unit": unit,
    }


def build_cross_checks(rows: list[dict[str, str]], document: Document) -> list[dict[str, object]]:
    """The reviewed text/table cross-checks, each with the document line of its quote.

    The value must be one of the numbers the quote prints: a typo in the reviewed file stops the ingest.
    """
    out: list[dict[str, object]] = []
    for row in rows:
        line = document.line(row["source_file"], row["quote"])
        printed = {text_number(n) for n in TEXT_NUMBER.findall(row["quote"])}
        if not any(abs(float(row["value"]) - n) < 1e-9 for n in printed):
            raise SourceError(f"cross_checks.csv: {row['value']} is not a number of the quote {row['quote']!r}")
        out.append({**row, "line": line})
    return out


def build_narrative_figures(rows: list[dict[str, str]], document: Document) -> list[dict[str, object]]:
    """The reviewed figures of the text's own arithmetic (parts of a whole, growth from a start to an end).

    Every figure is read from the quote it stands in, so the numbers are the document's, never retyped.
    """
    out: list[dict[str, object]] = []
    for row in rows:
        where = f"narrative_figures.csv, {row['relation']} {row['role']} {row['figure']!r}"
        if row["figure"] not in row["quote"] or (row["share"] and row["share"] not in row["quote"]):
            raise SourceError(f"{where}: the figure (or its share) is not in its quote")
        if row["role"] == "rate" and row["form"] in DIRECTION_ONLY:
            figure: dict[str, object] = {"value": None, "decimals": None, "multiplier": None, "unit": ""}
        else:
            figure = read_figure(row["figure"])
        if (row["role"] == "rate") != bool(row["form"]) or (row["form"] and row["form"] not in GROWTH_FORMS):
            raise SourceError(f"{where}: a rate needs a form ({', '.join(GROWTH_FORMS)}), nothing else has one")
        share = read_figure(row["share"]) if row["share"] else None
        out.append(
            {
                "relation": row["relation"],
                "kind": row["kind"],
                "role": row["role"],
                "year": row["year"],
                "figure": row["figure"],
                **figure,
                "share": share["value"] if share else None,
                "share_decimals": share["decimals"] if share else None,
                "form": row["form"],
                "source_file": row["source_file"],
                "line": document.line(row["source_file"], row["quote"]),
                "quote": row["quote"],
            }
        )
    seen: set[object] = set()
    for relation, group in itertools.groupby(out, key=lambda f: f["relation"]):
        figures = list(group)
        roles = sorted(str(f["role"]) for f in figures)
        if figures[0]["kind"] == "parts":
            valid = set(roles) <= {"whole", "part"} and roles.count("whole") <= 1 and roles.count("part") >= 2
        else:
            valid = figures[0]["kind"] == "growth" and roles == ["end", "rate", "start"]
        if not valid or relation in seen or len({f["kind"] for f in figures}) > 1:
            raise SourceError(
                f"narrative_figures.csv: {relation} must be one block of rows, a whole and parts or a start, end and rate"
            )
        seen.add(relation)
    return out


# ── writing ─────────────────────────────────────────────────────────────────


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(rows: Sequence[Mapping[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_text(row[column]) for column in header])
    return buffer.getvalue()


def write(out_dir: Path = PLAN_DIR, source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Write every tidy table as ``out_dir/<name>.csv``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in build(source_dir).items():
        path = out_dir / f"{name}.csv"
        path.write_text(to_csv(rows), encoding="utf-8", newline="")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else PLAN_DIR
    for path in write(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
