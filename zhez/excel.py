"""Workbooks out (tables, the actuals template) and in (filled templates). No Streamlit here.

Every workbook we write is safe to open: text that a spreadsheet would take for a
formula (``=``, ``+``, ``-``, ``@`` at the start) is written as plain text with a
leading apostrophe, numbers stay numbers with a number format.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def safe_text(value: str) -> str:
    """Text that cannot run as a formula in Excel/LibreOffice (OWASP: prefix a quote)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def cell_value(value: object) -> object:
    """A pandas value as an openpyxl cell value: NaN/NA empty, numbers as numbers, text neutralised."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return cell_value(value.item())
    return safe_text(str(value))


def write_table(sheet: Worksheet, frame: pd.DataFrame, number_format: str = "#,##0.0##") -> None:
    """A table with a bold, frozen header, numbers formatted and columns sized to fit."""
    sheet.append([safe_text(str(c)) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in frame.itertuples(index=False):
        sheet.append([cell_value(v) for v in row])
    for column_index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(column_index)
        if pd.api.types.is_float_dtype(frame[column]):
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        sheet.column_dimensions[letter].width = min(max(8, width + 2), 60)
    sheet.freeze_panes = "A2"


def workbook_bytes(sheets: Mapping[str, pd.DataFrame], notes: Mapping[str, str] | None = None) -> bytes:
    """A workbook with one sheet per table (and an optional first sheet of notes)."""
    book = Workbook()
    first = book.active
    assert first is not None
    if notes:
        first.title = "README"
        for key, value in notes.items():
            first.append([safe_text(key), safe_text(value)])
        first.column_dimensions["A"].width = 28
        first.column_dimensions["B"].width = 100
    else:
        book.remove(first)
    for title, frame in sheets.items():
        write_table(book.create_sheet(title=title[:31]), frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
