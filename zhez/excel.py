"""Workbooks out (tables, the actuals template) and in (filled templates). No Streamlit here.

Every workbook we write is safe to open: text that a spreadsheet would take for a
formula (``=``, ``+``, ``-``, ``@`` at the start) is written as plain text with a
leading apostrophe, numbers stay numbers with a number format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import math
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zhez import clock, cycle, i18n
from zhez.actuals import ActualChange, Problem, check, check_note
from zhez.auth import Person
from zhez.budget import Move
from zhez.cycle import Entry, Period
from zhez.i18n import LANGUAGES, localized, t, unit_of
from zhez.plan import PLAN_YEARS, YEARS, Plan
from zhez.problems import lines as problem_lines
from zhez.tables import exposure_table, line_labels, moves_table
from zhez.xlsx import Cell, Limits, Refused, Sheet, column_letter, read_sheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def safe_text(value: str) -> str:
    """Text that cannot run as a formula in Excel/LibreOffice (OWASP: prefix a quote)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads Cyrillic right),
    every heading and text cell that a spreadsheet would run as a formula neutralised as in our XLSX
    files (``safe_text``); numbers, dates and empty cells as they are."""
    if frame.shape[1] == 0:
        return frame.to_csv(index=False).encode("utf-8-sig")
    columns = []
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if not (
            pd.api.types.is_numeric_dtype(column)
            or pd.api.types.is_bool_dtype(column)
            or pd.api.types.is_datetime64_any_dtype(column)
        ):
            column = column.map(lambda v: safe_text(v) if isinstance(v, str) else v)
        columns.append(column.reset_index(drop=True))
    safe = pd.concat(columns, axis=1)
    safe.columns = [safe_text(str(c)) for c in frame.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def cell_value(value: object) -> str | float | int | bool | None:
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


# ── the actuals template ───────────────────────────────────────────────────

TEMPLATE_LANGS = ("kk", "ru")  # headings and instructions carry both languages
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 1
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
MAX_BYTES = 2_000_000
MAX_UNCOMPRESSED = 10_000_000  # a filled template of the plan unpacks to well under 1 MB
MAX_RATIO = 150


def template_headers() -> list[tuple[str, str]]:
    """(column key, heading as printed in the template). Keys: ``id``, ``code``, ``name``, …, ``actual:2026``."""

    def both(key: str, **params: object) -> str:
        return " / ".join(t(key, lang, **params) for lang in TEMPLATE_LANGS)

    headers = [
        ("id", "ID"),
        ("code", both("col.code")),
        ("name", both("col.name")),
        ("unit", both("col.unit")),
        ("desired", both("col.desired")),
        ("plan:2024", both("template.plan_actual", year="2024")),
        ("plan:2025", both("template.plan_estimate", year="2025")),
    ]
    headers += [(f"target:{y}", both("template.target", year=str(y))) for y in PLAN_YEARS]
    headers += [(f"actual:{y}", both("template.actual", year=str(y))) for y in YEARS]
    headers.append(("note", both("template.note")))
    return headers


def template_bytes(plan: Plan, lang: str = "kk", recorded: pd.DataFrame | None = None) -> bytes:
    """The workbook officials fill: one sheet, one row per indicator, locked except the actual and note cells.

    ``recorded`` (the store's actuals) pre-fills what was already recorded, so a re-import changes nothing
    unless someone edits a cell.
    """

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "actuals"
    for row, lang_ in enumerate(TEMPLATE_LANGS, start=1):
        sheet.cell(row=row, column=1, value=t("template.title", lang_)).font = Font(bold=True, size=13)
        for offset, key in enumerate(("template.how_1", "template.how_2", "template.how_3")):
            sheet.cell(row=3 + offset * 2 + row - 1, column=1, value=safe_text(t(key, lang_)))
    headers = template_headers()
    for column, (_key, heading) in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    recorded_values = {}
    if recorded is not None:
        recorded_values = {
            (i, int(y)): (v, n)
            for i, y, v, n in zip(
                recorded["indicator_id"], recorded["year"], recorded["value"], recorded["note"], strict=True
            )
        }
    values = plan.values.set_index(["indicator_id", "year"])["value"]
    percent_cells: list[str] = []
    other_cells: list[str] = []
    for offset, (_, ind) in enumerate(plan.indicators.iterrows()):
        row = FIRST_DATA_ROW + offset
        cells: dict[str, object] = {
            "id": ind["id"],
            "code": ind["code"],
            "name": i18n_name(ind, lang),
            "unit": unit_of(ind, lang),
            "desired": t(f"desired.{ind['desired']}", lang),
        }
        for year in YEARS:
            published = values[(ind["id"], year)]
            key = "plan" if year <= 2025 else "target"
            cells[f"{key}:{year}"] = None if math.isnan(published) else float(published)
            cells[f"actual:{year}"] = recorded_values.get((ind["id"], year), (None, ""))[0]
        notes = [n for (i, _y), (_v, n) in recorded_values.items() if i == ind["id"] and n]
        cells["note"] = notes[-1] if notes else None
        for column, (key, _heading) in enumerate(headers, start=1):
            cell = sheet.cell(row=row, column=column, value=cell_value(cells[key]))
            if key.startswith("actual:") or key == "note":
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
                if key != "note":
                    (percent_cells if ind["unit"].strip() == "%" else other_cells).append(cell.coordinate)
    last = FIRST_DATA_ROW + len(plan.indicators) - 1
    for coordinates, formula2 in ((percent_cells, "100"), (other_cells, None)):
        if not coordinates:
            continue
        rule = (
            DataValidation(type="decimal", operator="between", formula1="0", formula2=formula2)
            if formula2
            else DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        )
        rule.error = " / ".join(
            t("template.validation_percent" if formula2 else "template.validation_number", lang_)
            for lang_ in TEMPLATE_LANGS
        )
        rule.errorTitle = "ID"
        rule.showErrorMessage = True
        for coordinate in coordinates:
            rule.add(coordinate)
        sheet.add_data_validation(rule)
    widths = {"id": 6, "code": 9, "name": 60, "unit": 14, "desired": 18, "note": 40}
    for column, (key, _heading) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(key, 12)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=4).coordinate
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{last}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def i18n_name(row: pd.Series, lang: str) -> str:

    return localized(row, "name", lang)


# ── reading a filled template ──────────────────────────────────────────────

MAX_HEADER_ROW = 20  # the heading row is looked for this far down
SPARE_ROWS = 100  # rows beyond the plan's indicators (each reported as unknown) before the sheet is refused
SPARE_COLUMNS = 10
PROBLEMS_KEPT = 200  # an import lists at most this many problems; the rest are counted
PROBLEMS_SHOWN = 20


def workbook_limits(plan: Plan) -> Limits:
    """What a filled template of ``plan`` can hold: its rows and columns with some spare, and the package sizes."""
    return Limits(
        max_rows=MAX_HEADER_ROW + len(plan.indicators) + SPARE_ROWS,
        max_columns=len(template_headers()) + SPARE_COLUMNS,
        max_bytes=MAX_BYTES,
        max_uncompressed=MAX_UNCOMPRESSED,
        max_ratio=MAX_RATIO,
    )


def upload_key(data: bytes) -> str:
    """The key a page caches an upload's parse under: ``read_actuals_workbook`` is a function of the bytes
    (with the plan and what is stored, so the store's revision belongs in the key too)."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class ImportResult:
    """A validated workbook: the changes it would make, a row-by-row preview, and every problem found.

    ``problems`` non-empty means nothing may be applied. At most ``PROBLEMS_KEPT`` are listed;
    ``omitted`` counts the rest.
    """

    changes: list[ActualChange] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (where, problem)
    omitted: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, where: str, problem: Problem) -> None:
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append((where, problem))
        else:
            self.omitted += 1

    def problem_lines(self, lang: str, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """One line per problem (``O18: …``), the first ``limit``, then ``…and 16 360 more``."""

        lines = [f"{where}: {p.text(lang)}" if where else p.text(lang) for where, p in self.problems[:limit]]
        rest = len(self.problems) - len(lines) + self.omitted
        return [*lines, t("problem.more", lang, n=rest)] if rest > 0 else lines


PREVIEW_COLUMNS = ["row", "indicator_id", "code", "year", "old", "new", "status", "reason"]


def _refuse(key: str, **params: object) -> ImportResult:
    return ImportResult(problems=[("", Problem(key, tuple((k, str(v)) for k, v in params.items())))])


def read_actuals_workbook(
    data: bytes, plan: Plan, stored: pd.DataFrame | None = None, file_name: str = ""
) -> ImportResult:
    """Validate a filled template against the plan and what is stored; nothing is written here.

    The workbook is read in one bounded pass (``zhez.xlsx``); whatever is wrong with the file is a
    refusal naming the cell where it can. Formulas are never evaluated: a formula cell counts with
    the value the spreadsheet saved with it, and a formula without one is refused. Only the yellow
    cells are read as input: every other cell of an indicator row must still hold what the template
    had (the plan's values, the indicator's name, unit and desired direction), a value under no
    heading or in a hidden row or column is refused, and so is a cell formatted as a percentage
    (Excel stores ``97.5 %`` as 0.975: the official is asked to enter 97.5). Rows above the heading
    row (the title and instructions) are not read. The result depends on the bytes, the plan and
    ``stored`` only: a page may cache it under ``upload_key(data)`` and the store's revision.
    """
    try:
        sheet = read_sheet(data, workbook_limits(plan))
        if sheet.merged:
            return _refuse("merged_cells", cells=", ".join(sheet.merged[:5]))
        return _read_rows(sheet, plan, stored)
    except Refused as refusal:
        return ImportResult(problems=[("", refusal.problem)])
    except Exception:  # a file no test foresaw: refused in words, the details kept for the server's log
        logging.getLogger(__name__).exception("unexpected failure reading an uploaded workbook")
        return ImportResult(problems=[("", Problem("damaged", (("part", "—"),)))])


def _read_rows(sheet: Sheet, plan: Plan, stored: pd.DataFrame | None) -> ImportResult:
    result = ImportResult()
    header_row = next((r for r in range(1, MAX_HEADER_ROW + 1) if _text(sheet.cells.get((r, 1))).strip() == "ID"), None)
    if header_row is None:
        return _refuse("header_missing", heading="ID")
    expected = template_headers()
    last_heading = max((c for r, c in sheet.cells if r == header_row), default=0)
    found = [_text(sheet.cells.get((header_row, c))).strip() for c in range(1, last_heading + 1)]
    for column, (key, heading) in enumerate(expected, start=1):
        got = found[column - 1] if column <= len(found) else ""
        if got == heading:
            continue
        printed_year = re.search(r"\b(\d{4})\b", got)
        if key.startswith("actual:") and printed_year and int(printed_year.group(1)) not in YEARS:
            result.add(_where(header_row, column), Problem("year_range", (("year", printed_year.group(1)),)))
        else:
            key_name = "header_missing" if not got else "header_renamed"
            result.add(_where(header_row, column), Problem(key_name, (("heading", heading), ("found", got[:100]))))
    for column, text in enumerate(found, start=1):
        if column > len(expected) and text:
            result.add(_where(header_row, column), Problem("header_unexpected", (("found", text[:100]),)))
    _hidden_values(sheet, result)
    if result.problems:
        return result
    columns = {key: index for index, (key, _h) in enumerate(expected, start=1)}
    known = plan.indicators.set_index("id")
    current = {}
    if stored is not None:
        current = {
            (i, int(y)): (float(v), n)
            for i, y, v, n in zip(stored["indicator_id"], stored["year"], stored["value"], stored["note"], strict=True)
        }
    locked = _locked_cells(plan, sheet, header_row, columns)
    seen: dict[str, int] = {}
    preview: list[dict[str, object]] = []
    outside = sorted((r, c) for (r, c), cell in sheet.cells.items() if r > header_row and c > len(expected))
    for row, column in outside:  # under no heading: the heading row ends with the template's last column
        result.add(
            _where(row, column),
            Problem("value_outside_columns", (("value", sheet.cells[(row, column)].text[:60] or "—"),)),
        )
    for row in (r for r in sheet.rows() if r > header_row):
        indicator_id = _text(sheet.cells.get((row, columns["id"]))).strip()
        where = _where(row, columns["id"])
        if indicator_id not in known.index:
            result.add(where, Problem("unknown_indicator", (("indicator", indicator_id[:40] or "—"),)))
            preview.append(
                {"row": row, "indicator_id": indicator_id, "status": "rejected", "reason": "unknown_indicator"}
            )
            continue
        if indicator_id in seen:
            result.add(
                where, Problem("duplicate_row", (("indicator", indicator_id), ("first", str(seen[indicator_id]))))
            )
            preview.append({"row": row, "indicator_id": indicator_id, "status": "rejected", "reason": "duplicate_row"})
            continue
        seen[indicator_id] = row
        code = _text(sheet.cells.get((row, columns["code"]))).strip()
        if code != known.loc[indicator_id, "code"]:
            result.add(
                _where(row, columns["code"]),
                Problem("code_mismatch", (("indicator", indicator_id), ("code", code[:40]))),
            )
        for column, problem in locked(row, indicator_id):
            result.add(_where(row, column), problem)
        note_cell = sheet.cells.get((row, columns["note"]))
        note = _text(note_cell).strip()
        if note_cell is not None and note_cell.problem is not None:
            result.add(_where(row, columns["note"]), note_cell.problem)
        for problem in check_note(note):
            result.add(_where(row, columns["note"]), problem)
        for year in YEARS:
            column = columns[f"actual:{year}"]
            cell = sheet.cells.get((row, column))
            value, unreadable = _number_in(cell, sheet)
            if unreadable is None and value is None:
                continue
            problems = [unreadable] if unreadable is not None else check(plan, indicator_id, year, value)
            if problems:
                for each in problems:
                    result.add(_where(row, column), each)
                shown = value if value is not None else cell.text[:60] if cell is not None else None
                preview.append(_preview(row, indicator_id, year, None, shown, "rejected", problems[0].key, known))
                continue
            assert value is not None
            old = current.get((indicator_id, year))
            status = "new" if old is None else "unchanged" if old == (value, note) else "changed"
            preview.append(_preview(row, indicator_id, year, old[0] if old else None, value, status, "", known))
            if status != "unchanged":
                result.changes.append(ActualChange(indicator_id, year, value, note))
    if not seen and not result.problems:
        result.add("", Problem("no_rows"))
    result.preview = pd.DataFrame(preview, columns=PREVIEW_COLUMNS)
    return result


def _text(cell: Cell | None) -> str:
    """What a cell shows as text (a number as it was saved); empty for no cell."""
    return "" if cell is None or cell.kind in ("empty", "bad") else cell.text


def _hidden_values(sheet: Sheet, result: ImportResult) -> None:
    """A value in a hidden row or column is refused: what is imported must be what the official saw."""
    rows = sorted({r for (r, _c), cell in sheet.cells.items() if r in sheet.hidden_rows and cell.kind != "empty"})
    columns = sorted({c for (_r, c), cell in sheet.cells.items() if sheet.column_hidden(c) and cell.kind != "empty"})
    for row in rows:
        result.add(str(row), Problem("hidden_row", (("row", str(row)),)))
    for column in columns:
        result.add(column_letter(column), Problem("hidden_column", (("column", column_letter(column)),)))


def _number_in(cell: Cell | None, sheet: Sheet) -> tuple[float | None, Problem | None]:
    """A value cell's number, or why it is not one; (None, None) for a cell left empty."""
    if cell is None:
        return None, None
    if cell.problem is not None:
        return None, cell.problem
    if cell.kind == "empty":
        return None, Problem("formula_no_value") if cell.formula else None
    if cell.kind == "text":
        return (None, Problem("text_in_value", (("value", cell.text[:60]),))) if cell.text.strip() else (None, None)
    if cell.kind in ("bool", "date", "error"):
        shown = _date_text(cell, sheet) if cell.kind == "date" else cell.text
        return None, Problem(f"{'boolean' if cell.kind == 'bool' else cell.kind}_in_value", (("value", shown),))
    assert isinstance(cell.value, float)
    if cell.percent:
        return None, Problem("percent_format", (("shown", cell.value * 100), ("value", cell.value)))
    return cell.value, None


def _date_text(cell: Cell, sheet: Sheet) -> str:
    if not isinstance(cell.value, float):
        return cell.text
    try:
        epoch = CALENDAR_MAC_1904 if sheet.date1904 else CALENDAR_WINDOWS_1900
        moment = from_excel(cell.value, epoch)
    except (ValueError, OverflowError, TypeError):
        return cell.text
    return moment.strftime("%Y-%m-%d") if isinstance(moment, dt.datetime) else str(moment)


def _locked_cells(
    plan: Plan, sheet: Sheet, header_row: int, columns: dict[str, int]
) -> Callable[[int, str], list[tuple[int, Problem]]]:
    """A check of one indicator row's cells that are not for input: (column, problem) for each changed one.

    Each must hold what the template wrote: the plan's 2024–2025 values and 2026–2030 targets, and the
    name, unit and desired direction in one of the languages a template is made in (the message shows
    the language most rows of this workbook are in)."""

    indicators = plan.indicators.set_index("id", drop=False)
    values = plan.values.set_index(["indicator_id", "year"])["value"]
    texts = {
        "name": lambda ind, lang: i18n_name(ind, lang),
        "unit": lambda ind, lang: unit_of(ind, lang),
        "desired": lambda ind, lang: t(f"desired.{ind['desired']}", lang),
    }

    def written(key: str, ind: i18n.Row, lang: str) -> str:
        return str(cell_value(texts[key](ind, lang)) or "").strip()

    def row_language(row: int) -> str | None:
        ind_id = _text(sheet.cells.get((row, columns["id"]))).strip()
        if ind_id not in indicators.index:
            return None
        name = _text(sheet.cells.get((row, columns["name"]))).strip()
        return next((lang for lang in LANGUAGES if written("name", indicators.loc[ind_id], lang) == name), None)

    counts = Counter(lang for row in sheet.rows() if row > header_row and (lang := row_language(row)))
    shown_lang = counts.most_common(1)[0][0] if counts else "kk"

    def changed(row: int, indicator_id: str) -> list[tuple[int, Problem]]:
        ind = indicators.loc[indicator_id]
        problems = []
        for key in texts:
            found = _text(sheet.cells.get((row, columns[key]))).strip()
            if found not in {written(key, ind, lang) for lang in LANGUAGES}:
                expected = written(key, ind, shown_lang)
                problems.append((columns[key], _changed(expected or "—", found or "—")))
        for year in YEARS:
            key = f"plan:{year}" if year <= 2025 else f"target:{year}"
            published = float(values[(indicator_id, year)])
            cell = sheet.cells.get((row, columns[key]))
            found_value = (
                cell.value if cell is not None and isinstance(cell.value, float) and cell.kind == "number" else None
            )
            if math.isnan(published):
                same = cell is None
            else:
                same = found_value is not None and math.isclose(found_value, published, rel_tol=1e-9, abs_tol=1e-12)
            if not same:
                expected_text: object = "—" if math.isnan(published) else published
                found_text: object = found_value if found_value is not None else (_text(cell)[:60] or "—")
                problems.append((columns[key], _changed(expected_text, found_text)))
        return problems

    return changed


def _changed(expected: object, found: object) -> Problem:
    return Problem("locked_changed", (("expected", expected), ("found", found)))


def _preview(
    row: int,
    indicator_id: str,
    year: int,
    old: float | None,
    new: object,
    status: str,
    reason: str,
    known: pd.DataFrame,
) -> dict[str, object]:
    return {
        "row": row,
        "indicator_id": indicator_id,
        "code": known.loc[indicator_id, "code"],
        "year": year,
        "old": old,
        "new": new,
        "status": status,
        "reason": reason,
    }


def _where(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


# ── everything recorded, out ───────────────────────────────────────────────


def export_bytes(
    plan: Plan, recorded: pd.DataFrame, history: pd.DataFrame, lang: str = "kk", zone: zoneinfo.ZoneInfo | None = None
) -> bytes:
    """All recorded actuals with who and when, and the change history, as a workbook; times on ``zone``'s
    clock (Zhezkazgan's by default), the zone named in the headings and the notes."""
    zone = zone or clock.zone()
    zone_name = clock.zone_label(zone)

    names = plan.indicators.set_index("id")
    current = pd.DataFrame(
        {
            "ID": recorded["indicator_id"],
            t("col.code", lang): recorded["indicator_id"].map(names["code"]),
            t("col.name", lang): recorded["indicator_id"].map(names[f"name_{lang}"]),
            t("common.year", lang): recorded["year"],
            t("common.value", lang): recorded["value"],
            t("template.note", lang): recorded["note"],
            t("export.recorded_by", lang): recorded["recorded_by"],
            f"{t('export.recorded_at', lang)} ({zone_name})": [clock.when(v, zone) for v in recorded["recorded_at"]],
            t("export.source_file", lang): recorded["source_file"],
            t("cycle.col.state", lang): [
                t(f"cycle.approval.{a}", lang) for a in recorded.get("approval", ["approved"] * len(recorded))
            ],
            t("export.approved_by", lang): recorded.get("approved_by", [""] * len(recorded)),
        }
    )
    changes = pd.DataFrame(
        {
            f"{t('export.at', lang)} ({zone_name})": [clock.when(v, zone, seconds=True) for v in history["at"]],
            t("export.who", lang): history["who"],
            t("export.action", lang): history["action"],
            t("export.what", lang): history["entity_key"],
            t("export.before", lang): [_value_of(b) for b in history["before"]],
            t("export.after", lang): [_value_of(a) for a in history["after"]],
            t("export.source_file", lang): history["source_file"],
        }
    )
    notes = {t("export.note_time_zone", lang): zone_name}
    if (recorded.get("approval", pd.Series(dtype=str)) == "submitted").any():
        notes = {t("export.unapproved", lang): t("export.unapproved_note", lang), **notes}
    return workbook_bytes({"actuals": current, "history": changes}, notes=notes)


def _value_of(state: object) -> float | None:
    """The value a log entry's state held (a submission keeps it in its payload)."""
    if not isinstance(state, dict):
        return None
    return state["payload"].get("value") if isinstance(state.get("payload"), dict) else state.get("value")


# ── a what-if scenario, out ────────────────────────────────────────────────


def scenario_bytes(
    plan: Plan,
    scenario: pd.DataFrame,
    moves: list[Move],
    exposed: pd.DataFrame,
    assessment: pd.DataFrame,
    name: str,
    who: str,
    when: str,
    lang: str = "kk",
) -> bytes:
    """Baseline, scenario and change of every line and year, the moves, the exposure — marked hypothetical."""

    lines = pd.DataFrame(
        {
            t("col.line", lang): scenario["line_id"].map(line_labels(plan, lang)),
            t("common.year", lang): scenario["year"],
            t("whatif.col_plan", lang): scenario["baseline_mln_kzt"],
            t("whatif.col_scenario", lang): scenario["amount_mln_kzt"],
            t("whatif.col_delta", lang): scenario["delta_mln_kzt"],
            "ID": scenario["line_id"],
        }
    )
    notes = {
        t("whatif.hypothetical_word", lang): t("whatif.banner", lang),
        t("whatif.scenario_name", lang): name or "—",
        t("export.who", lang): who or "—",
        t("export.at", lang): when,
        t("whatif.source", lang): t("whatif.source_text", lang),
    }
    return workbook_bytes(
        {
            "scenario": lines,
            "moves": moves_table(moves, plan, lang),
            "exposure": exposure_table(plan, exposed, assessment, lang),
        },
        notes=notes,
    )


# ── the monitoring cycle: a body's report for a period, out and in ──────────
#
# One sheet per body and period, one row per indicator the body answers for: the value (or why
# there is no data yet) and its explanation. Text is written as text cells (never a formula, shown
# as text by ``quotePrefix``), so reading an untouched file gives back exactly what was written.

REPORT_SHEET = "report"
REPORT_PERIOD_CELL = (7, 2)  # B7: the period the file reports on (locked)
REPORT_INPUTS = ("value", "no_data_reason", "deviation_reason", "measures", "source", "note")
REPORT_WIDTHS = {"id": 6, "code": 9, "name": 55, "unit": 12, "body": 10, "target": 12, "value": 12, "state": 16}
REPORT_PREVIEW_COLUMNS = ["row", "indicator_id", "code", "body", "year", "old", "new", "status", "reason"]


def report_headers(period: Period) -> list[tuple[str, str]]:
    """(column key, heading as printed) of the body report template for ``period``."""

    def both(key: str, **params: object) -> str:
        return " / ".join(t(key, lang, **params) for lang in TEMPLATE_LANGS)

    return [
        ("id", "ID"),
        ("code", both("col.code")),
        ("name", both("col.name")),
        ("unit", both("col.unit")),
        ("body", both("cycle.col.body")),
        ("target", both("cycle.col.target", year=str(period.year))),
        *[(name, both(f"cycle.field.{name}")) for name in REPORT_INPUTS],
        ("state", both("cycle.col.state")),
        ("comment", both("cycle.col.comment")),
    ]


def current_reports(reports: pd.DataFrame, period: Period) -> dict[str, pd.Series]:
    """Per indicator, the version a body works from in ``period``: the working one, else the one in force."""
    rows = (
        reports[(reports["kind"] == "indicator") & (reports["period"] == period.key)] if not reports.empty else reports
    )
    current: dict[str, pd.Series] = {}
    for state in ("approved", *cycle.OPEN_STATES):  # later states win: a working version over the approved one
        chosen = rows[rows["state"] == state].sort_values("version").groupby("subject_id").tail(1)
        current.update({str(r["subject_id"]): r for _, r in chosen.iterrows()})
    return current


def report_template_bytes(
    plan: Plan, bodies: Sequence[str], period: Period, reports: pd.DataFrame, lang: str = "kk"
) -> bytes:
    """The workbook a body fills for ``period``: only ``bodies``' indicators, pre-filled with what it holds now
    (its working version, else the approved one), so uploading it untouched changes nothing."""

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = REPORT_SHEET
    names = ", ".join(bodies)
    for row, lang_ in enumerate(TEMPLATE_LANGS, start=1):
        title = t("cycle.template.title", lang_, body=names, period=period.label(lang_))
        _text_cell(sheet.cell(row=row, column=1), title).font = Font(bold=True, size=13)
    for offset, key in enumerate(("cycle.template.how_1", "cycle.template.how_2", "cycle.template.how_3")):
        text = " / ".join(t(key, lang_) for lang_ in TEMPLATE_LANGS)
        _text_cell(sheet.cell(row=3 + offset, column=1), text)
    _text_cell(
        sheet.cell(row=REPORT_PERIOD_CELL[0], column=1), " / ".join(t("cycle.col.period", x) for x in TEMPLATE_LANGS)
    )
    _text_cell(sheet.cell(row=REPORT_PERIOD_CELL[0], column=REPORT_PERIOD_CELL[1]), period.key).font = Font(bold=True)
    headers = report_headers(period)
    for column, (_key, heading) in enumerate(headers, start=1):
        cell = _text_cell(sheet.cell(row=HEADER_ROW, column=column), heading)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    current = current_reports(reports, period)
    targets = plan.values[(plan.values["kind"] == "target") & (plan.values["year"] == period.year)]
    target_of = dict(zip(targets["indicator_id"], targets["value"], strict=True))
    chosen = plan.indicators[plan.indicators["responsible_body"].isin(list(bodies))]
    for offset, (_, ind) in enumerate(chosen.iterrows()):
        row = FIRST_DATA_ROW + offset
        held = current.get(ind["id"])
        target = target_of.get(ind["id"])
        cells: dict[str, object] = {
            "id": ind["id"],
            "code": ind["code"],
            "name": i18n_name(ind, lang),
            "unit": unit_of(ind, lang),
            "body": ind["responsible_body"],
            "target": None if target is None or math.isnan(target) else float(target),
            "value": None if held is None or pd.isna(held["value"]) else float(held["value"]),
            **{name: "" if held is None else str(held[name]) for name in REPORT_INPUTS if name != "value"},
            "state": "" if held is None else t(f"cycle.state.{held['state']}", lang),
            "comment": str(held["review_comment"]) if held is not None and held["state"] == "returned" else "",
        }
        for column, (key, _heading) in enumerate(headers, start=1):
            value = cells[key]
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                _text_cell(cell, value)
            else:
                cell.value = cell_value(value)
            if key in REPORT_INPUTS:
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
                cell.alignment = Alignment(wrap_text=key != "value", vertical="top")
    for column, (key, _heading) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = REPORT_WIDTHS.get(key, 30)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=4).coordinate
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(cell: Any, text: str) -> Any:
    """Text as a text cell: never a formula whatever it starts with, shown as typed (``quotePrefix``)."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def plain_text(value: object) -> str:
    """A text cell as the person meant it: the apostrophe ``safe_text`` put before ``=``/``+``/``-``/``@`` is ours."""
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text.strip()


@dataclass
class ReportImport:
    """A body's filled report, checked: the entries it would submit, a row-by-row preview, every problem.

    ``problems`` non-empty means nothing may be submitted (a row outside the person's bodies refuses it all).
    """

    entries: list[Entry] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_PREVIEW_COLUMNS))
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_lines(self, lang: str) -> list[str]:
        return problem_lines(self.problems, lang)


def read_report_workbook(
    data: bytes,
    plan: Plan,
    person: Person,
    period: Period,
    reports: pd.DataFrame,
    approved: pd.DataFrame,
) -> ReportImport:
    """Check a filled body report against the plan, the person's bodies and what is held; nothing is written.

    ``reports``: ``Store.reports(period=period)``; ``approved``: ``Store.actuals()`` (for the on-track check).
    Unchanged rows (equal to what is held) are left out; the rest become entries for ``Store.save(submit=True)``.
    """
    limits = workbook_limits(plan)
    try:
        sheet = read_sheet(data, Limits(limits.max_rows, len(report_headers(period)) + SPARE_COLUMNS, MAX_BYTES,
                                        MAX_UNCOMPRESSED, MAX_RATIO))  # fmt: skip
        if sheet.merged:
            return ReportImport(problems=[Problem.of("merged_cells", cells=", ".join(sheet.merged[:5]))])
        return _read_report_rows(sheet, plan, person, period, reports, approved)
    except Refused as refusal:
        return ReportImport(problems=[refusal.problem])
    except Exception:  # a file no test foresaw: refused in words, the details kept for the server's log
        logging.getLogger(__name__).exception("unexpected failure reading an uploaded report workbook")
        return ReportImport(problems=[Problem.of("damaged", part="—")])


def _read_report_rows(
    sheet: Sheet,
    plan: Plan,
    person: Person,
    period: Period,
    reports: pd.DataFrame,
    approved: pd.DataFrame,
) -> ReportImport:
    result = ReportImport()
    headers = report_headers(period)

    def text_at(row: int, column: int) -> str:
        return plain_text(_text(sheet.cells.get((row, column))))

    found_period = text_at(*REPORT_PERIOD_CELL)
    if found_period != period.key:
        result.problems.append(Problem.of("report_period", where="B7", found=found_period or "—", period=period.key))
        return result
    for column, (_key, heading) in enumerate(headers, start=1):
        got = text_at(HEADER_ROW, column)
        if got != heading:
            result.problems.append(
                Problem.of(
                    "report_header",
                    where=_where(HEADER_ROW, column),
                    column=get_column_letter(column),
                    heading=heading,
                    found=got or "—",
                )
            )
    hidden = ImportResult()
    _hidden_values(sheet, hidden)
    result.problems += [p.at(where) for where, p in hidden.problems]
    outside = sorted((r, c) for (r, c), cell in sheet.cells.items() if c > len(headers) and cell.kind != "empty")
    result.problems += [
        Problem.of("value_outside_columns", where=_where(r, c), value=sheet.cells[(r, c)].text[:60] or "—")
        for r, c in outside
    ]
    if result.problems:
        return result
    columns = {key: index for index, (key, _h) in enumerate(headers, start=1)}
    kind = cycle.kind_of("indicator")
    known = plan.indicators.set_index("id")
    current = current_reports(reports, period)
    seen: dict[str, int] = {}
    preview: list[dict[str, object]] = []
    for number in (r for r in sheet.rows() if r > HEADER_ROW):
        if all(not _text(sheet.cells.get((number, c))).strip() for c in range(1, len(headers) + 1)):
            continue
        indicator_id = text_at(number, columns["id"])
        where = _where(number, columns["id"])
        line = {"row": number, "indicator_id": indicator_id, "code": "", "body": "", "year": period.key}
        line.update(old=None, new=None)
        if indicator_id not in known.index:
            result.problems.append(Problem.of("unknown_indicator", where=where, indicator=indicator_id[:40] or "—"))
            preview.append({**line, "status": "rejected", "reason": "unknown_indicator"})
            continue
        body = str(known.loc[indicator_id, "responsible_body"] or "")
        line.update(code=known.loc[indicator_id, "code"], body=body)
        if indicator_id in seen:
            result.problems.append(
                Problem.of("duplicate_row", where=where, indicator=indicator_id, first=seen[indicator_id])
            )
            preview.append({**line, "status": "rejected", "reason": "duplicate_row"})
            continue
        seen[indicator_id] = number
        if not person.answers_for(body):
            result.problems.append(
                Problem.of(
                    "out_of_scope", where=where, body=body or "—", bodies=", ".join(sorted(person.bodies)) or "—"
                )
            )
            preview.append({**line, "status": "rejected", "reason": "out_of_scope"})
            continue
        for key in ("code", "body"):  # the row's identity cells must still say what the template wrote
            expected = str(known.loc[indicator_id, "code" if key == "code" else "responsible_body"] or "")
            if text_at(number, columns[key]) != expected:
                found_text = text_at(number, columns[key])[:60] or "—"
                result.problems.append(_changed(expected or "—", found_text).at(_where(number, columns[key])))
        value_cell = sheet.cells.get((number, columns["value"]))
        value, problem = _number_in(value_cell, sheet)
        texts = [text_at(number, columns[name]) for name in cycle.IndicatorReport.TEXTS]
        text_problems = [
            c.problem.at(_where(number, columns[name]))
            for name in cycle.IndicatorReport.TEXTS
            if (c := sheet.cells.get((number, columns[name]))) is not None and c.problem is not None
        ]
        if problem is not None or text_problems:
            found_problems = ([problem.at(_where(number, columns["value"]))] if problem else []) + text_problems
            result.problems += found_problems
            preview.append({**line, "status": "rejected", "reason": found_problems[0].key})
            continue
        report = cycle.IndicatorReport(value, *texts)
        held = current.get(indicator_id)
        old = None if held is None else cycle.IndicatorReport.from_payload(held["payload"]).stripped()
        line.update(old=None if old is None else old.value, new=value)
        if old is not None and old == report:
            preview.append({**line, "status": "unchanged", "reason": ""})
            continue
        if old is None and report == cycle.IndicatorReport():
            continue
        found = kind.check_submit(plan, indicator_id, period, report, approved)
        if found:
            result.problems += [p.at(where) for p in found]
            preview.append({**line, "status": "rejected", "reason": found[0].key})
            continue
        preview.append({**line, "status": "new" if old is None else "changed", "reason": ""})
        result.entries.append(Entry(indicator_id, period, report, where=where))
    if not seen and not result.problems:
        result.problems.append(Problem.of("report_empty"))
    result.preview = pd.DataFrame(preview, columns=REPORT_PREVIEW_COLUMNS)
    return result


def reminders_bytes(plan: Plan, owed: pd.DataFrame, period: Period, due: dt.date, lang: str = "kk") -> bytes:
    """What each body still owes in a round (``cycle.owed``), one sheet for all, to send round."""

    names = plan.indicators.set_index("id")
    bodies = plan.bodies.set_index("abbr")
    table = pd.DataFrame(
        {
            t("cycle.col.body", lang): owed["body"],
            t("col.name", lang) + " (" + t("cycle.col.body", lang) + ")": [
                bodies.loc[b, f"name_{lang}"] if b in bodies.index else "—" for b in owed["body"]
            ],
            "ID": owed["subject_id"],
            t("col.code", lang): owed["subject_id"].map(names["code"]),
            t("col.name", lang): owed["subject_id"].map(names[f"name_{lang}"]),
            t("cycle.col.standing", lang): [t(f"cycle.standing.{s}", lang) for s in owed["standing"]],
            t("cycle.col.comment", lang): owed["comment"],
        }
    )
    notes = {
        t("cycle.col.period", lang): period.label(lang),
        t("cycle.col.due", lang): due.isoformat(),
    }
    return workbook_bytes({"owed": table}, notes=notes)
