"""Synthetic editions of the plan, made from the real section-4 table: each helper changes exactly one kind
of thing (a target, a row, a code, where a row is split, a financing amount), so a test knows the whole diff
it must find. Rows are found by their printed text and edited line by line, so the layout stays as printed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from zhez import ingest

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "data" / "source" / "section4_table.txt"


def table_text() -> str:
    return TABLE.read_text(encoding="utf-8")


@dataclass
class PrintedRow:
    """A row of the table as printed: its cells and the line each cell starts on (1-based)."""

    cells: list[str]
    lines: list[int]


def rows(text: str) -> list[PrintedRow]:
    table = ingest.read_table(text)
    return [PrintedRow(r.cells, [p.line for p in r.places]) for r in table.rows]  # type: ignore[misc]


def row_named(text: str, name_start: str) -> PrintedRow:
    """The one row whose indicator cell (after its code) starts with ``name_start``."""
    found = [r for r in rows(text) if ingest.split_code(r.cells[1])[2].startswith(name_start)]
    assert len(found) == 1, f"{len(found)} rows start with {name_start!r}"
    return found[0]


def financing_rows(text: str) -> list[PrintedRow]:
    return [r for r in rows(text) if ingest.is_financing(r.cells)]


def set_cell(text: str, row: PrintedRow, column: int, new: str) -> str:
    """The text with the cell in ``column`` (1–12, as the form numbers them) of ``row`` printed as ``new``
    (a one-line cell: a value or a short code)."""
    lines = text.split("\n")
    index = row.lines[column - 1] - 1
    assert lines[index].startswith("\t"), lines[index]
    lines[index] = "\t" + new
    return "\n".join(lines)


def replace_in_cell(text: str, row: PrintedRow, column: int, old: str, new: str) -> str:
    """The text with ``old`` replaced by ``new`` in the cell in ``column`` of ``row`` (any of its lines)."""
    lines = text.split("\n")
    start = row.lines[column - 1] - 1
    end = row.lines[column] - 1 if column < len(row.lines) else start + 1
    index = next(i for i in range(start, end) if old in lines[i])
    lines[index] = lines[index].replace(old, new, 1)
    return "\n".join(lines)


def row_span(text: str, row: PrintedRow) -> tuple[int, int]:
    """The first and the last line (0-based, inclusive) of a row printed as one block (not split)."""
    lines = text.split("\n")
    first = row.lines[0] - 1
    last = first
    while last + 1 < len(lines) and (lines[last + 1].startswith("\t") or lines[last + 1].strip() != ""):
        last += 1
    return first, last


def remove_row(text: str, row: PrintedRow) -> str:
    lines = text.split("\n")
    first, last = row_span(text, row)
    del lines[first : last + 2]  # the row and the blank line after it
    return "\n".join(lines)


def insert_copy_after(text: str, row: PrintedRow, name_old: str, name_new: str, code_old: str, code_new: str) -> str:
    """The text with a copy of ``row`` (printed as one block) right after it, named and coded anew."""
    lines = text.split("\n")
    first, last = row_span(text, row)
    block = "\n".join(lines[first : last + 1])
    assert name_old in block and code_old in block
    copy = block.replace(name_old, name_new, 1).replace(code_old, code_new, 1)
    return "\n".join([*lines[: last + 1], "", *copy.split("\n"), *lines[last + 1 :]])


def split_after(text: str, row: PrintedRow, column: int) -> str:
    """The text with a blank line after the cell in ``column`` of ``row``: the row split in a new place."""
    lines = text.split("\n")
    next_cell = row.lines[column] - 1
    return "\n".join([*lines[:next_cell], "", *lines[next_cell:]])


def docx_bytes(text: str) -> bytes:
    """The table as a Word file (python-docx): one Word row per printed row, a heading merged across the
    columns it spans, each cell's lines as paragraphs — as the plan is published."""
    import docx

    blocks = ingest.text_blocks(text, "x")
    start = next(i for i, b in enumerate(blocks) if [c.strip() for c in b.cells] == ingest.COLUMN_NUMBERS)
    # the header rows (the years and the column numbers) and the rows below, split rows joined
    table_rows: list[list[str]] = [blocks[start - 1].cells, blocks[start].cells]
    pending: list[str] | None = None
    for block in blocks[start + 1 :]:
        cells = block.cells
        if pending is not None:
            pending += cells
            if len(pending) == 12:
                table_rows.append(pending)
                pending = None
            continue
        first = cells[0].strip()
        if (
            len(cells) == 12
            or len(cells) == 11
            or (len(cells) == 2 and first == "")
            or (len(cells) == 1 and not ingest.NUMBER_CELL.match(first))
        ):
            table_rows.append(cells)
        else:
            pending = list(cells)
    document = docx.Document()
    document.add_paragraph("4. Негізгі бағыттар, мақсаттар, нысаналы индикаторлар, міндеттер")
    table = document.add_table(rows=len(table_rows), cols=12)
    for row, cells in zip(table.rows, table_rows, strict=True):
        spans = _spans(len(cells))
        column = 0
        for text_of_cell, span in zip(cells, spans, strict=True):
            cell = row.cells[column]
            if span > 1:
                cell = cell.merge(row.cells[column + span - 1])
            paragraphs = text_of_cell.split("\n")
            cell.paragraphs[0].text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
            column += span
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _spans(cells: int) -> list[int]:
    """How many of the 12 columns each printed cell spans: a heading all, a sub-heading 1 + 11, a total
    row's label the first two."""
    return {1: [12], 2: [1, 11], 11: [2] + [1] * 10, 12: [1] * 12}[cells]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by its digest: ``data/`` must be the same after a refused import."""
    return {str(p.relative_to(root)): sha(p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()}
