"""Workbooks out (tables, the actuals template) and in (filled templates). No Streamlit here.

Every workbook we write is safe to open: text that a spreadsheet would take for a
formula (``=``, ``+``, ``-``, ``@`` at the start) is written as plain text with a
leading apostrophe, numbers stay numbers with a number format.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zhez import cycle
from zhez.actuals import ActualChange, Problem, check, check_note
from zhez.auth import Person
from zhez.budget import Move
from zhez.cycle import Entry, Period
from zhez.i18n import localized, t, unit_of
from zhez.plan import PLAN_YEARS, YEARS, Plan
from zhez.problems import lines as problem_lines
from zhez.tables import exposure_table, line_labels, moves_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def safe_text(value: str) -> str:
    """Text that cannot run as a formula in Excel/LibreOffice (OWASP: prefix a quote)."""
    return "'" + value if value.startswith(FORMULA_START) else value


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
MAX_UNCOMPRESSED = 25_000_000
MAX_RATIO = 150
MAX_ROWS = 1_000


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


@dataclass
class ImportResult:
    """A validated workbook: the changes it would make, a row-by-row preview, and every problem found.

    ``problems`` non-empty means nothing may be applied.
    """

    changes: list[ActualChange] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (where, problem)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_lines(self, lang: str) -> list[str]:
        return [f"{where}: {problem.text(lang)}" if where else problem.text(lang) for where, problem in self.problems]


PREVIEW_COLUMNS = ["row", "indicator_id", "code", "year", "old", "new", "status", "reason"]


def _refuse(key: str, **params: object) -> ImportResult:
    return ImportResult(problems=[("", Problem(key, tuple((k, str(v)) for k, v in params.items())))])


def _check_container(data: bytes) -> ImportResult | None:
    """Refuse early, and cheaply, what cannot be a sane filled template."""
    if not data:
        return _refuse("empty_file")
    if len(data) > MAX_BYTES:
        return _refuse("too_large", limit=f"{MAX_BYTES // 1_000_000} MB")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return _refuse("not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            total = sum(m.file_size for m in members)
            packed = max(1, sum(m.compress_size for m in members))
    except zipfile.BadZipFile:
        return _refuse("not_xlsx")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
        return _refuse("not_xlsx")
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        return _refuse("zip_bomb")
    return None


def read_actuals_workbook(
    data: bytes, plan: Plan, stored: pd.DataFrame | None = None, file_name: str = ""
) -> ImportResult:
    """Validate a filled template against the plan and what is stored; nothing is written here.

    Formulas are never evaluated: a formula cell counts with the value the spreadsheet saved
    with it, and a formula without one is refused.
    """
    refused = _check_container(data)
    if refused is not None:
        return refused
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            shallow = load_workbook(io.BytesIO(data), read_only=True)
            states = [(ws.title, ws.sheet_state) for ws in shallow.worksheets]
            dimensions = [ws.max_row or 0 for ws in shallow.worksheets]
            shallow.close()
    except Exception:  # openpyxl raises many kinds on a broken package
        return _refuse("not_xlsx")
    hidden = [title for title, state in states if state != "visible"]
    if hidden:
        return _refuse("hidden_sheet", sheets=", ".join(hidden))
    if len(states) != 1:
        return _refuse("several_sheets", count=len(states))
    if dimensions[0] > MAX_ROWS + FIRST_DATA_ROW:
        return _refuse("too_many_rows", rows=dimensions[0], limit=MAX_ROWS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = load_workbook(io.BytesIO(data)).worksheets[0]
        values = load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
    if formulas.max_row > MAX_ROWS + FIRST_DATA_ROW:
        return _refuse("too_many_rows", rows=formulas.max_row, limit=MAX_ROWS)
    if formulas.merged_cells.ranges:
        return _refuse("merged_cells", cells=", ".join(str(r) for r in list(formulas.merged_cells.ranges)[:5]))
    return _read_rows(formulas, values, plan, stored)


def _find_header(sheet: Worksheet) -> int | None:
    for row in range(1, min(sheet.max_row, 20) + 1):
        if str(sheet.cell(row=row, column=1).value or "").strip() == "ID":
            return row
    return None


def _read_rows(formulas: Worksheet, values: Worksheet, plan: Plan, stored: pd.DataFrame | None) -> ImportResult:
    result = ImportResult()
    header_row = _find_header(formulas)
    if header_row is None:
        return _refuse("header_missing", heading="ID")
    expected = template_headers()
    found = [
        str(formulas.cell(row=header_row, column=c).value or "").strip() for c in range(1, formulas.max_column + 1)
    ]
    for column, (key, heading) in enumerate(expected, start=1):
        got = found[column - 1] if column <= len(found) else ""
        if got == heading:
            continue
        printed_year = re.search(r"\b(\d{4})\b", got)
        if key.startswith("actual:") and printed_year and int(printed_year.group(1)) not in YEARS:
            problem = Problem("year_range", (("year", printed_year.group(1)),))
            result.problems.append((_where(header_row, column), problem))
        else:
            key_name = "header_missing" if not got else "header_renamed"
            result.problems.append(
                (_where(header_row, column), Problem(key_name, (("heading", heading), ("found", got))))
            )
    extra = [c for c, text in enumerate(found, start=1) if c > len(expected) and text]
    for column in extra:
        result.problems.append(
            (_where(header_row, column), Problem("header_unexpected", (("found", found[column - 1]),)))
        )
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
    seen: dict[str, int] = {}
    preview: list[dict[str, object]] = []
    for row in range(header_row + 1, formulas.max_row + 1):
        raw_id = values.cell(row=row, column=columns["id"]).value
        cells = [values.cell(row=row, column=c).value for c in range(1, len(expected) + 1)]
        if raw_id is None and all(v is None for v in cells):
            continue
        indicator_id = str(raw_id or "").strip()
        where = _where(row, columns["id"])
        if indicator_id not in known.index:
            result.problems.append((where, Problem("unknown_indicator", (("indicator", indicator_id or "—"),))))
            preview.append(
                {"row": row, "indicator_id": indicator_id, "status": "rejected", "reason": "unknown_indicator"}
            )
            continue
        if indicator_id in seen:
            result.problems.append(
                (where, Problem("duplicate_row", (("indicator", indicator_id), ("first", str(seen[indicator_id])))))
            )
            preview.append({"row": row, "indicator_id": indicator_id, "status": "rejected", "reason": "duplicate_row"})
            continue
        seen[indicator_id] = row
        code = str(values.cell(row=row, column=columns["code"]).value or "").strip()
        if code != known.loc[indicator_id, "code"]:
            result.problems.append(
                (_where(row, columns["code"]), Problem("code_mismatch", (("indicator", indicator_id), ("code", code))))
            )
        note_cell = values.cell(row=row, column=columns["note"]).value
        note = "" if note_cell is None else str(note_cell).strip()
        result.problems += [(_where(row, columns["note"]), p) for p in check_note(note)]
        for year in YEARS:
            column = columns[f"actual:{year}"]
            formula_cell = formulas.cell(row=row, column=column)
            value = values.cell(row=row, column=column).value
            cell_where = _where(row, column)
            if formula_cell.data_type == "f" and value is None:
                result.problems.append((cell_where, Problem("formula_no_value")))
                preview.append(_preview(row, indicator_id, year, None, None, "rejected", "formula_no_value", known))
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, bool | dt.datetime | dt.date | dt.time) or not isinstance(value, int | float):
                key = f"{_kind_of(value)}_in_value"
                result.problems.append((cell_where, Problem(key, (("value", str(value)),))))
                preview.append(_preview(row, indicator_id, year, None, str(value), "rejected", key, known))
                continue
            problems = check(plan, indicator_id, year, value)
            if problems:
                result.problems += [(cell_where, p) for p in problems]
                preview.append(
                    _preview(row, indicator_id, year, None, float(value), "rejected", problems[0].key, known)
                )
                continue
            old = current.get((indicator_id, year))
            status = "new" if old is None else "unchanged" if old == (float(value), note) else "changed"
            preview.append(_preview(row, indicator_id, year, old[0] if old else None, float(value), status, "", known))
            if status != "unchanged":
                result.changes.append(ActualChange(indicator_id, year, float(value), note))
    result.preview = pd.DataFrame(preview, columns=PREVIEW_COLUMNS)
    return result


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


def _kind_of(value: object) -> str:
    """What a non-number in a value cell is, for the message (a bool is an int to Python)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "date"
    return "text"


def _where(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


# ── everything recorded, out ───────────────────────────────────────────────


def export_bytes(plan: Plan, recorded: pd.DataFrame, history: pd.DataFrame, lang: str = "kk") -> bytes:
    """All recorded actuals with who and when, and the change history, as a workbook."""
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
            t("export.recorded_at", lang): [
                pd.Timestamp(v).strftime("%Y-%m-%d %H:%M UTC") for v in recorded["recorded_at"]
            ],
            t("export.source_file", lang): recorded["source_file"],
        }
    )
    changes = pd.DataFrame(
        {
            t("export.at", lang): [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M:%S UTC") for v in history["at"]],
            t("export.who", lang): history["who"],
            t("export.action", lang): history["action"],
            t("export.what", lang): history["entity_key"],
            t("export.before", lang): [_value_of(b) for b in history["before"]],
            t("export.after", lang): [_value_of(a) for a in history["after"]],
            t("export.source_file", lang): history["source_file"],
        }
    )
    return workbook_bytes({"actuals": current, "history": changes})


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
    refused = _check_container(data)
    if refused is not None:
        return ReportImport(problems=[p for _where, p in refused.problems])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheets = list(book.worksheets)
            if len(sheets) != 1 or sheets[0].sheet_state != "visible":
                book.close()
                return ReportImport(problems=[Problem.of("several_sheets", count=len(sheets))])
            headers = report_headers(period)
            width = len(headers)
            rows: list[tuple[int, list[Any]]] = []
            for number, values in enumerate(sheets[0].iter_rows(max_col=width + 1, values_only=True), start=1):
                if number > MAX_ROWS + FIRST_DATA_ROW:
                    book.close()
                    return ReportImport(problems=[Problem.of("too_many_rows", rows=f"> {number - 1}", limit=MAX_ROWS)])
                rows.append((number, list(values) + [None] * (width + 1 - len(values))))
            book.close()
    except Exception:  # openpyxl raises many kinds on a broken package
        return ReportImport(problems=[Problem.of("not_xlsx")])
    return _read_report_rows(rows, plan, person, period, reports, approved)


def _read_report_rows(
    rows: list[tuple[int, list[object]]],
    plan: Plan,
    person: Person,
    period: Period,
    reports: pd.DataFrame,
    approved: pd.DataFrame,
) -> ReportImport:
    result = ReportImport()
    headers = report_headers(period)
    by_number = dict(rows)
    found_period = plain_text(by_number.get(REPORT_PERIOD_CELL[0], [None, None])[REPORT_PERIOD_CELL[1] - 1])
    if found_period != period.key:
        result.problems.append(Problem.of("report_period", where="B7", found=found_period or "—", period=period.key))
        return result
    heading_row = by_number.get(HEADER_ROW, [])
    for column, (_key, heading) in enumerate(headers, start=1):
        got = plain_text(heading_row[column - 1] if column <= len(heading_row) else None)
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
    if result.problems:
        return result
    columns = {key: index for index, (key, _h) in enumerate(headers)}
    kind = cycle.kind_of("indicator")
    known = plan.indicators.set_index("id")
    current = current_reports(reports, period)
    seen: dict[str, int] = {}
    preview: list[dict[str, object]] = []
    for number, values in rows:
        if number <= HEADER_ROW or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        indicator_id = plain_text(values[columns["id"]])
        where = _where(number, columns["id"] + 1)
        line = {"row": number, "indicator_id": indicator_id, "code": "", "body": "", "year": period.key}
        line.update(old=None, new=None)
        if indicator_id not in known.index:
            result.problems.append(Problem.of("unknown_indicator", where=where, indicator=indicator_id or "—"))
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
        raw_value = values[columns["value"]]
        if isinstance(raw_value, str) and not raw_value.strip():
            raw_value = None
        if raw_value is not None and (isinstance(raw_value, bool) or not isinstance(raw_value, int | float)):
            key = f"{_kind_of(raw_value)}_in_value"
            cell = _where(number, columns["value"] + 1)
            result.problems.append(Problem.of(key, where=cell, value=str(raw_value)[:40]))
            preview.append({**line, "status": "rejected", "reason": key})
            continue
        value = None if raw_value is None else float(raw_value)
        report = cycle.IndicatorReport(
            value, *(plain_text(values[columns[name]]) for name in cycle.IndicatorReport.TEXTS)
        )
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
