"""Test helpers for the body workbook: fill its cells by subject and column, as an official would."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from zhez.body_workbook import FIRST_DATA_ROW, LAYOUTS
from zhez.cycle import Period


def fill(
    data: bytes, cells: dict[tuple[str, str], object], kind: str = "indicator", period: Period | None = None
) -> bytes:
    """``data`` with each ``(subject id, column key)`` cell set to its value (the row found by its ID)."""
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    keys = [c.key for c in LAYOUTS[kind].columns(period or Period(2026))]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    for (subject_id, key), value in cells.items():
        sheet.cell(row=rows[subject_id], column=keys.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column_of(key: str, kind: str = "indicator", period: Period | None = None) -> int:
    return [c.key for c in LAYOUTS[kind].columns(period or Period(2026))].index(key) + 1
