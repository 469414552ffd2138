"""Workbooks out: tables, exports, a scenario, reminders (the body's report workbook is ``zhez.body_workbook``).

Every workbook we write is safe to open: text that a spreadsheet would take for a
formula (``=``, ``+``, ``-``, ``@`` at the start) is written as plain text with a
leading apostrophe, numbers stay numbers with a number format.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zoneinfo
from collections.abc import Collection, Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zhez import clock, i18n
from zhez.budget import Move
from zhez.cycle import Period
from zhez.execution import subject_names
from zhez.i18n import marked_ours, t
from zhez.plan import Plan
from zhez.tables import exposure_table, line_labels, moves_table

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


# What Excel refuses in a sheet's name (and at most 31 characters, not blank, no apostrophe at either end).
NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_LENGTH = 31


def sheet_title(text: str, taken: Collection[str] = ()) -> str:
    """A worksheet's name from ``text`` (a heading in the reader's language) that Excel takes: what it refuses
    left out, at most 31 characters, and unlike the names in ``taken`` (compared as Excel does, ignoring case)."""
    base = NOT_IN_SHEET_TITLES.sub(" ", text)
    base = " ".join(base.split()).strip("'")[:SHEET_TITLE_LENGTH].strip().strip("'") or "—"
    used = {name.casefold() for name in taken}
    title, number = base, 1
    while title.casefold() in used:
        number += 1
        suffix = f" ({number})"
        title = base[: SHEET_TITLE_LENGTH - len(suffix)].rstrip() + suffix
    return title


def workbook_bytes(
    sheets: Mapping[str, pd.DataFrame], notes: Mapping[str, str] | None = None, lang: str = i18n.DEFAULT_LANGUAGE
) -> bytes:
    """A workbook with one sheet per table (and an optional first sheet of notes), each sheet named in ``lang``
    (the keys of ``sheets``, made into names Excel takes by ``sheet_title``)."""
    book = Workbook()
    first = book.active
    assert first is not None
    taken: list[str] = []
    if notes:
        first.title = sheet_title(t("xlsx.sheet_notes", lang))
        taken.append(first.title)
        for key, value in notes.items():
            first.append([safe_text(key), safe_text(value)])
        first.column_dimensions["A"].width = 28
        first.column_dimensions["B"].width = 100
    else:
        book.remove(first)
    for title, frame in sheets.items():
        taken.append(sheet_title(title, taken))
        write_table(book.create_sheet(title=taken[-1]), frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
    sheets = {t("xlsx.sheet_actuals", lang): current, t("xlsx.sheet_history", lang): changes}
    return workbook_bytes(sheets, notes=notes, lang=lang)


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
            t("xlsx.sheet_scenario", lang): lines,
            t("whatif.moves", lang): moves_table(moves, plan, lang),
            t("whatif.exposure", lang): exposure_table(plan, exposed, assessment, lang),
        },
        notes=notes,
        lang=lang,
    )


# ── the monitoring cycle ───────────────────────────────────────────────────


def reminders_bytes(plan: Plan, owed: pd.DataFrame, period: Period, due: dt.date, lang: str = "kk") -> bytes:
    """What each body still owes in a round (``cycle.owed``), one sheet for all, to send round."""

    names = subject_names(plan, lang)
    bodies = plan.bodies.set_index("abbr")
    kinds = owed["kind"] if "kind" in owed.columns else pd.Series(["indicator"] * len(owed), index=owed.index)
    table = pd.DataFrame(
        {
            t("exec.col.kind", lang): [t(f"exec.kind.{k}", lang) for k in kinds],
            t("cycle.col.body", lang): owed["body"],
            marked_ours(t("col.name", lang) + " (" + t("cycle.col.body", lang) + ")", lang): [
                bodies.loc[b, f"name_{lang}"] if b in bodies.index else "—" for b in owed["body"]
            ],
            "ID": owed["subject_id"],
            t("col.code", lang): [names[i][0] for i in owed["subject_id"]],
            t("col.name", lang): [names[i][1] for i in owed["subject_id"]],
            t("cycle.col.standing", lang): [t(f"cycle.standing.{s}", lang) for s in owed["standing"]],
            t("cycle.col.comment", lang): owed["comment"],
        }
    )
    notes = {
        t("cycle.col.period", lang): period.label(lang),
        t("cycle.col.due", lang): due.isoformat(),
    }
    return workbook_bytes({t("cycle.col.owed", lang): table}, notes=notes, lang=lang)
