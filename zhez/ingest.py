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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhez.i18n import LANGUAGES
from zhez.plan import PLAN_DIR, ROOT, SCHEMAS, YEARS

SOURCE_DIR = ROOT / "data" / "source"
ROW_CELLS = 12  # №, indicator, responsible, source, unit, 2024 … 2030
LABEL_ROW_CELLS = 11  # total rows: the label spans the first two columns


@dataclass(frozen=True)
class Place:
    """Where something is in a source file: a text file's line, or a Word table's row."""

    file: str
    line: int | None = None  # text files: the line of the file
    table: int | None = None  # Word files: the table, counted from 1
    row: int | None = None  # Word files: the row of that table, counted from 1

    def text(self, lang: str, column: int | None = None) -> str:
        """``plan.docx, table 1, row 12, column 8 (2026)`` in ``lang``."""
        from zhez.i18n import t

        parts = [self.file] if self.file else []
        if self.table is not None:
            parts.append(t("source.at_table", lang, table=str(self.table)))
        if self.row is not None:
            parts.append(t("source.at_row", lang, row=str(self.row)))
        if self.line is not None:
            parts.append(t("source.at_line", lang, line=str(self.line)))
        if column is not None and column >= YEAR_COLUMN:
            parts.append(t("source.at_year_column", lang, column=str(column), year=str(YEARS[column - YEAR_COLUMN])))
        elif column is not None:
            parts.append(t("source.at_column", lang, column=str(column)))
        return ", ".join(parts)


class SourceError(ValueError):
    """The table cannot be read without guessing: ``text(lang)`` names the file, row and column and says why.

    The ingest's checks of our own reviewed files raise it with a plain (English) ``message``; everything a
    person can get wrong in a plan's table has a ``key`` (``source.<key>`` in the locale files)."""

    def __init__(
        self,
        message: str = "",
        /,
        *,
        key: str = "",
        place: Place | None = None,
        column: int | None = None,
        **params: object,
    ) -> None:
        self.message, self.key, self.place, self.column, self.params = message, key, place, column, params
        super().__init__(self.text("en") if key else message)

    def text(self, lang: str) -> str:
        if not self.key:
            return self.message
        from zhez.i18n import t

        reason = t(f"source.{self.key}", lang, **self.params)
        where = self.place.text(lang, self.column) if self.place else ""
        return f"{where}: {reason}" if where else reason


# ── cells and blocks ────────────────────────────────────────────────────────


@dataclass
class Block:
    """The cells of one printed row (or part of a row, in a text file), each with where it is."""

    cells: list[str]
    places: list[Place]

    @property
    def place(self) -> Place:
        return self.places[0]


def text_blocks(text: str, file: str) -> list[Block]:
    """Blocks of cells of a text file. A cell starts with a tab; a line without one continues it.

    A line that is empty or blank *without* a leading tab separates blocks; a lone
    tab is an empty cell, not a separator.
    """
    blocks: list[Block] = []
    block = Block([], [])
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith("\t") and line.strip() == "":
            if block.cells:
                blocks.append(block)
                block = Block([], [])
            continue
        if line.startswith("\t"):
            block.cells.append(line[1:])
            block.places.append(Place(file, line=number))
        elif block.cells:
            block.cells[-1] += "\n" + line
        else:
            block.cells.append(line)
            block.places.append(Place(file, line=number))
    if block.cells:
        blocks.append(block)
    return blocks


def split_blocks(text: str) -> list[list[str]]:
    """The cells of each block of a text file (``text_blocks`` without the places)."""
    return [b.cells for b in text_blocks(text, "")]


NUMBER_CELL = re.compile(r"^\s*(\d+)\.?\s*$")
COLUMN_NUMBERS = [str(n) for n in range(1, ROW_CELLS + 1)]  # the row of the form that numbers its columns


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
        raise SourceError(key="not_a_number", value=raw.strip())
    return float(text)


def clean(text: str) -> str:
    """Collapse the whitespace of a printed cell, keeping its words verbatim."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# ── the file a plan's table comes in ───────────────────────────────────────

MAX_SOURCE_BYTES = 20_000_000  # a whole plan as a Word file is a few hundred kB
MAX_UNPACKED_BYTES = 100_000_000  # what a Word file may unpack to (a zip bomb is refused before it is read)


def source_blocks(data: bytes, file: str) -> tuple[list[Block], bool]:
    """The blocks of a plan's table given as a file: a ``.docx`` holding it as a Word table, or text laid
    out like ``data/source/section4_table.txt``. Also whether rows may be split across blank lines
    (text only: a Word table has its rows whole)."""
    if not data.strip():
        raise SourceError(key="empty_file", place=Place(file))
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(key="too_large", place=Place(file), limit=f"{MAX_SOURCE_BYTES // 1_000_000} MB")
    if data[:4] == b"PK\x03\x04" or file.lower().endswith(".docx"):
        return docx_blocks(data, file), False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(key="not_text", place=Place(file)) from None
    return text_blocks(text.replace("\r\n", "\n").replace("\r", "\n"), file), True


def docx_blocks(data: bytes, file: str) -> list[Block]:
    """The rows of the one Word table that numbers its columns 1–12, each as its cells (a merged cell once)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise SourceError(key="not_docx", place=Place(file)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(key="too_large", place=Place(file), limit=f"{MAX_UNPACKED_BYTES // 1_000_000} MB")
    import docx
    from docx.table import _Cell

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged package; each means the same to a reader
        raise SourceError(key="not_docx", place=Place(file)) from None
    found: list[list[Block]] = []
    for table_number, table in enumerate(document.tables, start=1):
        rows = [
            Block(
                [_Cell(tc, table).text for tc in tr.tc_lst],
                [Place(file, table=table_number, row=row_number)] * len(tr.tc_lst),
            )
            for row_number, tr in enumerate(table._tbl.tr_lst, start=1)
            if tr.tc_lst
        ]
        if any([c.strip() for c in row.cells] == COLUMN_NUMBERS for row in rows):
            found.append(rows)
    if not found:
        raise SourceError(key="no_table_docx", place=Place(file))
    if len(found) > 1:
        raise SourceError(key="two_tables", place=Place(file), count=str(len(found)))
    return found[0]


# ── headings ────────────────────────────────────────────────────────────────

PART_HEADINGS = {
    "Реализация Плана развития": "regional_plan",
    "Өзге жоспарлау құжаттарын": "other_documents",
}
DIRECTION_HEADING = re.compile(r"^(?:(\d+)-бағыт|Направление (\d+))\b")
GOAL_HEADING = re.compile(r"^(?:\d+-)?мақсат", re.IGNORECASE)
TASK_HEADING = re.compile(r"^(?:\d+-міндет|Міндет|Задача|Тапсырма|\d+\. )", re.IGNORECASE)
YEAR = re.compile(r"\b(\d{4})\b")


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
    places: list[Place] = field(default_factory=list)


@dataclass
class Table:
    """The section 4 table read into rows and the headings that frame them."""

    directions: list[dict[str, str]] = field(default_factory=list)
    goals: list[dict[str, object]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def read_table(source: str | list[Block], file: str = "section4_table.txt", split_rows: bool = True) -> Table:
    """Walk the rows of section 4 (text, or ``Block``s), joining rows that a text file split across blanks.

    ``split_rows``: whether a row may continue in the next block (text files); in a Word table a row with
    too few cells is refused instead."""
    blocks = text_blocks(source, file) if isinstance(source, str) else source
    numbering = [i for i, b in enumerate(blocks) if [c.strip() for c in b.cells] == COLUMN_NUMBERS]
    if not numbering:
        raise SourceError(key="no_table", place=Place(file))
    if len(numbering) > 1:
        raise SourceError(key="numbering_twice", place=blocks[numbering[1]].place)
    start = numbering[0]
    _check_years(blocks[start - 1] if start else None, blocks[start].place)
    table = Table()
    part = ""
    direction = ""
    goal_count = 0  # goals are numbered in order within their direction
    goal_number: int | None = None
    goal_text = ""
    task_text = ""
    block_number = ""
    pending: Block | None = None
    order = 0

    def add_row(block: Block) -> None:
        nonlocal block_number, order, goal_number, goal_text, task_text
        cells = block.cells
        if NUMBER_CELL.match(cells[0]):
            # A numbered row is the headline indicator of a new block: it stands
            # above the goals that follow it, not under the previous one.
            block_number = cells[0].strip()
            goal_number, goal_text, task_text = None, "", ""
        order += 1
        table.rows.append(
            Row(cells, part, direction, goal_number, goal_text, task_text, block_number, order, block.places)
        )

    for block in blocks[start + 1 :]:
        cells = block.cells
        if pending is not None:
            if len(pending.cells) + len(cells) > ROW_CELLS:
                raise SourceError(
                    key="row_incomplete",
                    place=pending.place,
                    found=str(len(pending.cells)),
                    next_line=str(block.place.line),
                )
            pending = Block(pending.cells + cells, pending.places + block.places)
            if len(pending.cells) == ROW_CELLS:
                add_row(pending)
                pending = None
            continue
        first = cells[0].strip()
        if len(cells) == ROW_CELLS:
            add_row(block)
        elif len(cells) == LABEL_ROW_CELLS and first and not NUMBER_CELL.match(first):
            add_row(Block(["", *cells], [block.place, *block.places]))
        elif len(cells) == 1 and NUMBER_CELL.match(first):
            if not split_rows:
                raise SourceError(key="row_cells", place=block.place, found="1")
            pending = block
        elif len(cells) == 1:
            heading = clean(cells[0])
            found_part = next((p for k, p in PART_HEADINGS.items() if heading.startswith(k)), None)
            match = DIRECTION_HEADING.match(heading)
            if found_part:
                part = found_part
            elif match:
                number = match.group(1) or match.group(2)
                direction = f"{'rp' if part == 'regional_plan' else 'od'}-{number}"
                if any(d["id"] == direction for d in table.directions):
                    raise SourceError(key="direction_twice", place=block.place, heading=heading)
                table.directions.append({"id": direction, "part": part, "number": number, "name_printed": heading})
                goal_count, goal_number, goal_text, task_text = 0, None, "", ""
                block_number = ""
            else:
                raise SourceError(key="unknown_heading", place=block.place, heading=heading[:120])
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
                raise SourceError(key="unknown_subheading", place=block.place, heading=heading[:120])
        elif (first == "" or NUMBER_CELL.match(first)) and split_rows:
            pending = block
        elif first == "" or NUMBER_CELL.match(first):
            raise SourceError(key="row_cells", place=block.place, found=str(len(cells)))
        else:
            raise SourceError(key="unexpected_row", place=block.place, cells=str(len(cells)), text=clean(first)[:80])
        if not direction and table.rows:
            raise SourceError(key="row_before_direction", place=block.place)
    if pending is not None:
        raise SourceError(key="table_ends_in_row", place=pending.place, found=str(len(pending.cells)))
    if not table.rows:
        raise SourceError(key="no_rows", place=Place(file))
    return table


def _check_years(header: Block | None, numbering: Place) -> None:
    """The row above the column numbers must give the years 2024 … 2030 over the last seven columns:
    which column holds which year is read from the table, never assumed."""
    if header is None or len(header.cells) < len(YEARS):
        raise SourceError(key="no_years_header", place=numbering)
    for offset, (cell, place, year) in enumerate(
        zip(header.cells[-len(YEARS) :], header.places[-len(YEARS) :], YEARS, strict=True)
    ):
        if YEAR.findall(cell) != [str(year)]:
            raise SourceError(
                key="years_header",
                place=place,
                column=ROW_CELLS - len(YEARS) + 1 + offset,
                found=clean(cell) or "—",
                year=str(year),
            )


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


# The responsible cell may open with the city ("Жезқазған қ. ТКШБ"): the body is the abbreviation after it.
RESPONSIBLE_BODY = re.compile(r"^(?:[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+\s+қ\.\s*)?(?P<body>[А-ЯӘҒҚҢӨҰҮҺІа-яәғқңөұүһі]+)")


def responsible_body(text: str) -> str:
    """The department abbreviation at the head of the responsible cell (``ДСБ``, ``ТКШБ``)."""
    match = RESPONSIBLE_BODY.match(clean(text))
    return match.group("body") if match else ""


# ── the table's rows as data ───────────────────────────────────────────────

YEAR_COLUMN = 6  # the printed form's column of the first year (2024); 2030 is column 12
NAME_COLUMN = 2


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator row of section 4 as printed, its numbers read (``values``: year, kind, value, raw)."""

    place: Place
    order: int  # among the table's indicator rows, from 1
    code: str
    code_raw: str
    name_kk: str
    block: str
    direction_id: str
    goal_number: int | None
    task_kk: str
    unit: str
    responsible: str
    responsible_body: str
    source: str
    scope: str
    indicator_raw: str
    values: tuple[tuple[int, str, float | None, str], ...]


@dataclass(frozen=True)
class FinancingRow:
    """A financing row of section 4 as printed (``amounts``: year, amount in mln ₸ or ``None``, raw)."""

    place: Place
    label: str
    direction_id: str
    unit_raw: str
    unit_column: str
    amounts: tuple[tuple[int, float | None, str], ...]


@dataclass
class Section4:
    """Section 4 of a plan: its directions, goals, indicator rows and financing rows, as printed."""

    file: str
    directions: list[dict[str, str]]
    goals: list[dict[str, object]]
    indicators: list[IndicatorRow]
    financing: list[FinancingRow]


def kind_of_year(year: int) -> str:
    return "actual" if year == YEARS[0] else "estimate" if year == YEARS[1] else "target"


def _numbers(row: Row) -> list[tuple[int, float | None, str]]:
    out = []
    for offset, (year, raw) in enumerate(zip(YEARS, row.cells[YEAR_COLUMN - 1 :], strict=True)):
        try:
            out.append((year, parse_number(raw), raw))
        except SourceError as error:
            column = YEAR_COLUMN + offset
            raise SourceError(key=error.key, place=row.places[column - 1], column=column, **error.params) from None
    return out


def read_section4(source: str | list[Block], file: str = "section4_table.txt", split_rows: bool = True) -> Section4:
    """Section 4 read as data, refusing what it would have to guess (``SourceError`` naming row and column):
    a cell that is not a number, a row with a cell missing, an unknown heading, an indicator printed twice
    (the same code and name: which of the two a later edition means could not be told)."""
    table = read_table(source, file, split_rows)
    indicators: list[IndicatorRow] = []
    financing: list[FinancingRow] = []
    seen: dict[tuple[str, str], Place] = {}
    for row in table.rows:
        cells = row.cells
        numbers = _numbers(row)
        if is_financing(cells):
            unit_column = next((i for i in (4, 3, 2) if clean(cells[i])), 4)
            financing.append(
                FinancingRow(
                    row.places[0],
                    clean(cells[1]),
                    row.direction_number,
                    clean(cells[unit_column]),
                    # The unit belongs in column 5; one line prints it under "source".
                    {2: "responsible", 3: "source", 4: "unit"}[unit_column],
                    tuple(numbers),
                )
            )
            continue
        code_raw, code, name = split_code(cells[1])
        name_place = row.places[NAME_COLUMN - 1]
        if not name:
            raise SourceError(key="no_name", place=name_place, column=NAME_COLUMN)
        if (code, name) in seen:
            other = seen[(code, name)]
            raise SourceError(
                key="indicator_twice",
                place=name_place,
                column=NAME_COLUMN,
                code=code or "—",
                other={lang: other.text(lang) for lang in LANGUAGES},
            )
        seen[(code, name)] = name_place
        indicators.append(
            IndicatorRow(
                place=row.places[0],
                order=len(indicators) + 1,
                code=code,
                code_raw=code_raw,
                name_kk=name,
                block=row.block_number,
                direction_id=row.direction_number,
                goal_number=row.goal_number,
                task_kk=row.task_text,
                unit=clean(cells[4]),
                responsible=clean(cells[2]),
                responsible_body=responsible_body(cells[2]),
                source=clean(cells[3]),
                scope="region" if REGION_SCOPE.search(clean(cells[1])) else "city",
                indicator_raw=cells[1],
                values=tuple((year, kind_of_year(year), value, raw) for year, value, raw in numbers),
            )
        )
    return Section4(file, table.directions, table.goals, indicators, financing)


def financing_line_ids(rows: Sequence[FinancingRow], lines: Iterable[Mapping[str, object]]) -> list[str]:
    """The reviewed line (``line_id``) each financing row is: the first not yet used with the row's printed
    label, in the row's direction or in none. A row with no such line is refused: where a new line stands
    among the totals would be a guess."""
    known = list(lines)
    used: set[str] = set()
    out = []
    for row in rows:
        line = next(
            (
                str(n["line_id"])
                for n in known
                if n["label_printed"] == row.label
                and n["direction_id"] in ("", row.direction_id)
                and n["line_id"] not in used
            ),
            None,
        )
        if line is None:
            raise SourceError(
                key="unknown_financing_line",
                place=row.place,
                column=NAME_COLUMN,
                label=row.label,
                direction=row.direction_id or "—",
            )
        used.add(line)
        out.append(line)
    return out


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
    section = read_section4((source_dir / "section4_table.txt").read_text(encoding="utf-8"))
    direction_notes = keyed(read_csv(source_dir / "directions.csv"), "id", "directions.csv")
    goal_notes = keyed(read_csv(source_dir / "goals.csv"), "id", "goals.csv")
    indicator_notes = keyed(read_csv(source_dir / "indicator_notes.csv"), "id", "indicator_notes.csv")
    themes = keyed(read_csv(source_dir / "indicator_themes.csv"), "id", "indicator_themes.csv")
    financing_notes = keyed(read_csv(source_dir / "financing_lines.csv"), "line_id", "financing_lines.csv")

    directions: list[dict[str, object]] = []
    for d in section.directions:
        note = direction_notes.get(d["id"])
        if note is None:
            raise SourceError(f"directions.csv has no row for {d['id']}")
        if note["name_printed"] != d["name_printed"]:
            raise SourceError(f"directions.csv: {d['id']} printed name differs from the table")
        directions.append({**note})
    if set(direction_notes) != {d["id"] for d in section.directions}:
        raise SourceError("directions.csv lists a direction the table does not have")

    goals: list[dict[str, object]] = []
    for g in section.goals:
        goal_id = f"{g['direction_id']}.g{g['number']}"
        note = goal_notes.get(goal_id)
        if note is None or note["name_printed"] != g["name_printed"]:
            raise SourceError(f"goals.csv: {goal_id} missing or its printed text differs")
        goals.append({**note, "direction_id": g["direction_id"], "number": g["number"]})
    if len(goals) != len(goal_notes):
        raise SourceError("goals.csv lists a goal the table does not have")

    financing: list[dict[str, object]] = []
    line_ids = financing_line_ids(section.financing, financing_notes.values())
    for order, (line_id, row) in enumerate(zip(line_ids, section.financing, strict=True), start=1):
        note = financing_notes[line_id]
        for year, amount, raw in row.amounts:
            financing.append(
                {
                    "line_id": line_id,
                    "order": order,
                    "label_printed": row.label,
                    "label_kk": note["label_kk"],
                    "label_ru": note["label_ru"],
                    "label_en": note["label_en"],
                    "direction_id": note["direction_id"],
                    "parent_line_id": note["parent_line_id"],
                    "alt_parent_line_id": note["alt_parent_line_id"],
                    "role": note["role"],
                    "is_total": note["role"] == "total",
                    "unit_raw": row.unit_raw,
                    "unit_column": row.unit_column,
                    "year": year,
                    "amount_mln_kzt": amount,
                    "raw": raw,
                }
            )
    if set(line_ids) != set(financing_notes):
        raise SourceError("financing_lines.csv lists a line the table does not have")

    indicators: list[dict[str, object]] = []
    values: list[dict[str, object]] = []
    for indicator in section.indicators:
        indicator_id = f"i{indicator.order:02d}"
        note = indicator_notes.get(indicator_id)
        if note is None or note["code"] != indicator.code:
            raise SourceError(f"indicator_notes.csv: {indicator_id} missing or code {indicator.code!r} differs")
        theme = themes.get(indicator_id)
        if theme is None or theme["code"] != indicator.code or theme["name_kk"] != indicator.name_kk:
            raise SourceError(
                f"indicator_themes.csv: {indicator_id} missing, or its code or name differs from the table"
            )
        reviewed = {**note, "unit_suspect": note["unit_suspect"] == "1", "theme": theme["theme"]}
        indicators.append(indicator_record(indicator, indicator_id, reviewed))
        values += value_records(indicator, indicator_id)
    if not len(section.indicators) == len(indicator_notes) == len(themes):
        raise SourceError(
            f"the table has {len(section.indicators)} indicator rows, indicator_notes.csv {len(indicator_notes)},"
            f" indicator_themes.csv {len(themes)}"
        )
    mark_duplicates(indicators, values)
    places = read_csv(source_dir / "places.csv")
    document = Document.read(source_dir)
    return {
        "directions": directions,
        "goals": goals,
        "indicators": indicators,
        "values": values,
        "financing": financing,
        "projects": build_projects(
            read_csv(source_dir / "projects.csv"),
            places,
            read_csv(source_dir / "project_bodies.csv"),
            {b["abbr"] for b in read_csv(source_dir / "bodies.csv")},
        ),
        "places": places,
        "bodies": read_csv(source_dir / "bodies.csv"),
        "cross_checks": build_cross_checks(read_csv(source_dir / "cross_checks.csv"), document),
        "narrative_figures": build_narrative_figures(read_csv(source_dir / "narrative_figures.csv"), document),
        "passport_only": read_csv(source_dir / "passport_only.csv"),
        "passport": build_passport(document),
        "document": build_document(read_csv(source_dir / "document.csv"), document),
        "choices": read_csv(source_dir / "choices.csv"),
        "printed_texts": build_printed_texts(read_csv(source_dir / "printed_texts.csv"), indicators),
    }


PRINTED_FIELDS = ("responsible", "source", "unit")


def build_printed_texts(rows: list[dict[str, str]], indicators: list[dict[str, object]]) -> list[dict[str, str]]:
    """``printed_texts.csv``, reviewed: every responsible, source and unit cell the table prints (and only
    those) with the language it is printed in, and the responsible and source cells translated."""
    printed = {(field, str(ind[field])) for ind in indicators for field in PRINTED_FIELDS if ind[field]}
    reviewed = {(row["field"], row["printed"]) for row in rows}
    if missing := sorted(printed - reviewed):
        raise SourceError(f"printed_texts.csv: no row for {missing[:5]}")
    if extra := sorted(reviewed - printed):
        raise SourceError(f"printed_texts.csv: the table prints no {extra[:5]}")
    for row in rows:
        if row["field"] != "unit" and not (row["language"] and row["ru"] and row["en"]):
            raise SourceError(f"printed_texts.csv: {row['printed']!r} needs its language and both translations")
    return sorted(rows, key=lambda row: (PRINTED_FIELDS.index(row["field"]), row["printed"]))


def build_document(rows: list[dict[str, str]], document: Document) -> list[dict[str, str]]:
    """The document's own row (``document.csv``): its Kazakh name must be printed in the passport as it is."""
    for row in rows:
        document.line("passport.txt", row["name_kk"])
    return rows


# The reviewed fields of an indicator (translations, desired direction, kind of measure, passport code, sector).
REVIEWED_FIELDS = (
    "name_ru",
    "name_en",
    "unit_ru",
    "unit_en",
    "desired",
    "measure",
    "unit_suspect",
    "passport_code",
    "theme",
)


def indicator_record(row: IndicatorRow, indicator_id: str, note: Mapping[str, object]) -> dict[str, object]:
    """An indicator's row of ``indicators.csv``: what the table prints, with the reviewed fields of ``note``."""
    goal_id = f"{row.direction_id}.g{row.goal_number}" if row.goal_number else ""
    return {
        "id": indicator_id,
        "order": row.order,
        "code": row.code,
        "code_raw": row.code_raw,
        "block": row.block,
        "name_kk": row.name_kk,
        "name_ru": note["name_ru"],
        "name_en": note["name_en"],
        "unit": row.unit,
        "unit_ru": note["unit_ru"],
        "unit_en": note["unit_en"],
        "direction_id": row.direction_id,
        "goal": goal_id,
        "task_kk": row.task_kk,
        "responsible": row.responsible,
        "responsible_body": row.responsible_body,
        "source": row.source,
        "desired": note["desired"],
        "measure": note["measure"],
        "unit_suspect": bool(note["unit_suspect"]),
        "passport_code": note["passport_code"],
        "scope": row.scope,
        "indicator_raw": row.indicator_raw,
        "theme": note["theme"],
    }


def value_records(row: IndicatorRow, indicator_id: str) -> list[dict[str, object]]:
    return [
        {"indicator_id": indicator_id, "year": year, "kind": kind, "value": value, "raw": raw}
        for year, kind, value, raw in row.values
    ]


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


def build_projects(
    projects: list[dict[str, str]],
    places: list[dict[str, str]],
    bodies: list[dict[str, str]] | None = None,
    known_bodies: set[str] | None = None,
) -> list[dict[str, object]]:
    """Projects with the coordinates of the reference place they are put at, and the body that answers for
    each (``project_bodies.csv``: the plan names none, so each is ours — ``basis`` says so — or none at all)."""
    by_id = keyed(places, "id", "places.csv")
    body_of = keyed(bodies or [], "project_id", "project_bodies.csv")
    if bodies is not None and set(body_of) != {p["id"] for p in projects}:
        raise SourceError("project_bodies.csv must name every project of projects.csv, and only those")
    out: list[dict[str, object]] = []
    for project in projects:
        place = by_id.get(project["place"])
        if place is None:
            raise SourceError(f"projects.csv: {project['id']} is at unknown place {project['place']!r}")
        if project.get("route_from") and project["route_from"] not in by_id:
            raise SourceError(f"projects.csv: {project['id']} starts at unknown place {project['route_from']!r}")
        mapping = body_of.get(project["id"], {"responsible_body": "", "basis": "none"})
        body, basis = mapping["responsible_body"], mapping["basis"]
        if body and known_bodies is not None and body not in known_bodies:
            raise SourceError(f"project_bodies.csv: {project['id']} names unknown body {body!r}")
        if (basis == "none") != (not body) or basis not in ("plan", "ours", "none"):
            raise SourceError(f"project_bodies.csv: {project['id']}: basis {basis!r} does not fit body {body!r}")
        out.append({**project, "responsible_body": body, "body_basis": basis, "lat": place["lat"], "lon": place["lon"]})
    return out


# ── the passport's own fields ───────────────────────────────────────────────

PASSPORT_FIELDS = {"Атауы": "name"}  # the passport's label → our field; its text is on the next line


def build_passport(document: Document) -> list[dict[str, object]]:
    """The passport's fields as printed (the plan's name, which carries its period), with the document line."""
    lines = document.texts["passport.txt"].split("\n")
    rows: list[dict[str, object]] = []
    for index, line in enumerate(lines[:-1]):
        label = line.strip()
        if label in PASSPORT_FIELDS:
            printed = lines[index + 1].strip()
            if not printed:
                raise SourceError(f"passport.txt: nothing printed after {label!r}")
            rows.append(
                {
                    "field": PASSPORT_FIELDS[label],
                    "label_printed": label,
                    "printed": printed,
                    "line": document.first_lines["passport.txt"] + index + 1,
                }
            )
    if {r["field"] for r in rows} != set(PASSPORT_FIELDS.values()):
        raise SourceError("passport.txt: a passport field is missing (" + ", ".join(PASSPORT_FIELDS) + ")")
    return rows


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


def to_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str] = ()) -> str:
    """The rows as CSV; an empty table is its header alone (``columns``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = list(rows[0]) if rows else list(columns)
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
        path.write_text(to_csv(rows, list(SCHEMAS[name])), encoding="utf-8", newline="")
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
