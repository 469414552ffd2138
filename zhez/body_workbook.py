"""The body's report workbook, out and in, for every kind of subject: indicators, projects, financing lines.

One sheet per body (or bodies) and period, one row per subject the body answers for. Rows 1–7 say what
the file is (title and instructions in Kazakh and Russian, the kind of report in B6, the period in B7);
row 8 holds the headings; each row below holds a subject's identity and the plan's figures (locked),
the report's input cells (yellow, unlocked) and, for information, the version's state and the
coordinator's comment. Text is written as text cells (never a formula, shown as typed by
``quotePrefix``), so reading an untouched file gives back exactly what was written: re-importing it
changes nothing.

An uploaded workbook is read in one bounded pass (``zhez.xlsx``) and checked before anything is stored:
the kind and period it is for, every heading, no value in a hidden row or column or under no heading,
every locked cell as the template wrote it (the plan's figures, a name in any language a template is
made in), each input cell of its type (a number never as text, a date or a percentage-formatted cell;
a date as a date; a status as one of the status words), the person's bodies (a row outside them refuses
the whole file), and the kind's own checks for review. At most ``PROBLEMS_KEPT`` problems are listed,
the rest counted. The result is a plain function of its arguments: a page may cache it by ``upload_key``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from zhez import cycle, execution
from zhez.auth import Person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.excel import FORMULA_START, HEADER_FILL, sheet_title
from zhez.execution import PROJECT_STATUSES, FinancingReport, ProjectReport
from zhez.i18n import LANGUAGES, catalogue, localized, t, unit_of
from zhez.plan import YEARS, Plan
from zhez.problems import Problem, term
from zhez.xlsx import Cell, Limits, Refused, Sheet, column_letter, read_sheet

TEMPLATE_LANGS = ("kk", "ru")  # headings and instructions carry both languages
KIND_CELL = (6, 2)  # B6: the kind of report (locked)
PERIOD_CELL = (7, 2)  # B7: the period the file reports on (locked)
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 1
INPUT_FILL_COLOUR = "FFF7D6"
MAX_BYTES = 2_000_000
MAX_UNCOMPRESSED = 10_000_000  # a filled template of the plan unpacks to well under 1 MB
MAX_RATIO = 150
SPARE_ROWS = 100  # rows beyond the subjects (each reported as unknown) before the sheet is refused
SPARE_COLUMNS = 10
PROBLEMS_KEPT = 200  # an import lists at most this many problems; the rest are counted
PROBLEMS_SHOWN = 20
DATE_FORMAT = "yyyy-mm-dd"
DATE_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


def both(key: str, **params: object) -> str:
    """A heading or an instruction in both template languages: ``Код / Код``."""
    return " / ".join(t(key, lang, **params) for lang in TEMPLATE_LANGS)


@dataclass(frozen=True)
class Column:
    """A column of the workbook. ``role``: ``id`` (the subject), ``fixed`` (the plan's, locked and checked),
    ``input`` (yellow: read), ``info`` (written for the reader, never read). ``type`` of an input:
    ``number``, ``percent`` (0–100), ``money`` (mln ₸), ``text``, ``date`` or ``status``."""

    key: str
    heading: str
    role: str
    type: str = "text"
    width: int = 30


# ── what each kind's workbook holds ────────────────────────────────────────


class Layout:
    """A kind's columns, the subjects a body's workbook lists, and how a row becomes a report and back."""

    kind: str
    label_key: str  # the kind in words (B6)
    title_key: str
    how_keys: tuple[str, ...]
    report_type: type

    def columns(self, period: Period) -> list[Column]:
        raise NotImplementedError

    def subjects(self, plan: Plan, bodies: Collection[str]) -> list[str]:
        """The subject ids of ``bodies`` (``""`` stands for subjects of no body), in the plan's order."""
        expected = cycle.kind_of(self.kind).expected(plan)
        return [str(s) for s, b in zip(expected["subject_id"], expected["body"], strict=True) if b in bodies]

    def fixed(self, plan: Plan, subject_id: str, period: Period, lang: str) -> dict[str, object]:
        """The locked cells of a subject's row as written in ``lang`` (``None``: empty)."""
        raise NotImplementedError

    def code(self, plan: Plan, subject_id: str) -> str:
        """How the subject is named in a preview: an indicator's code, a project's number, a line's id."""
        return subject_id

    def inputs(self, report: Any) -> dict[str, object]:
        return {name: getattr(report, name) for name in self.report_type.FIELDS}  # type: ignore[attr-defined]

    def report(self, values: Mapping[str, object]) -> Any:
        return self.report_type(**{name: values.get(name) for name in self.report_type.FIELDS})  # type: ignore[attr-defined]

    def figure(self, report: Any) -> object:
        """The report's main figure, for the preview's old → new."""
        raise NotImplementedError

    def info(self, plan: Plan, subject_id: str, reports: pd.DataFrame, period: Period, lang: str) -> dict[str, str]:
        return {}

    def label(self, lang: str) -> str:
        return t(self.label_key, lang)


def _state_columns() -> list[Column]:
    return [
        Column("state", both("cycle.col.state"), "info", width=16),
        Column("comment", both("cycle.col.comment"), "info"),
    ]


class IndicatorLayout(Layout):
    kind = "indicator"
    label_key = "exec.kind.indicator"
    title_key = "cycle.template.title"
    how_keys = ("cycle.template.how_1", "cycle.template.how_2", "cycle.template.how_3")
    report_type = IndicatorReport

    def columns(self, period: Period) -> list[Column]:
        return [
            Column("id", "ID", "id", width=6),
            Column("code", both("col.code"), "fixed", width=9),
            Column("name", both("col.name"), "fixed", width=55),
            Column("unit", both("col.unit"), "fixed", width=12),
            Column("body", both("cycle.col.body"), "fixed", width=10),
            Column("target", both("cycle.col.target", year=str(period.year)), "fixed", "number", width=12),
            Column("value", both("cycle.field.value"), "input", "number", width=12),
            *[Column(name, both(f"cycle.field.{name}"), "input") for name in IndicatorReport.TEXTS],
            *_state_columns(),
        ]

    def fixed(self, plan: Plan, subject_id: str, period: Period, lang: str) -> dict[str, object]:
        row = plan.indicator(subject_id)
        targets = plan.values[
            (plan.values["indicator_id"] == subject_id)
            & (plan.values["year"] == period.year)
            & (plan.values["kind"] == "target")
        ]["value"]
        target = float(targets.iloc[0]) if not targets.empty and not math.isnan(targets.iloc[0]) else None
        return {
            "id": subject_id,
            "code": str(row["code"] or ""),
            "name": localized(row, "name", lang),
            "unit": unit_of(row, lang),
            "body": str(row["responsible_body"] or ""),
            "target": target,
        }

    def code(self, plan: Plan, subject_id: str) -> str:
        return str(plan.indicator(subject_id)["code"] or subject_id)

    def figure(self, report: IndicatorReport) -> object:
        return report.value

    def number_rule(self, plan: Plan, subject_id: str) -> str:
        return "percent" if str(plan.indicator(subject_id)["unit"]).strip() == "%" else "number"


class ProjectLayout(Layout):
    kind = "project"
    label_key = "exec.kind.project"
    title_key = "exec.template.title_project"
    how_keys = ("exec.template.project_how_1", "exec.template.project_how_2", "exec.template.how_3")
    report_type = ProjectReport

    def columns(self, period: Period) -> list[Column]:
        return [
            Column("id", "ID", "id", width=6),
            Column("name", both("col.name"), "fixed", width=45),
            Column("body", both("cycle.col.body"), "fixed", width=10),
            Column("start_year", both("exec.col.plan_start"), "fixed", "number", width=10),
            Column("end_year", both("exec.col.plan_end"), "fixed", "number", width=10),
            Column("cost", both("exec.col.cost"), "fixed", "number", width=12),
            Column("status", both("exec.field.status"), "input", "status", width=20),
            Column("completion_pct", both("exec.field.completion_pct"), "input", "percent", width=12),
            Column("started_on", both("exec.field.started_on"), "input", "date", width=13),
            Column("commissioned_on", both("exec.field.commissioned_on"), "input", "date", width=13),
            Column("spent_mln_kzt", both("exec.col.spent_in", year=str(period.year)), "input", "money", width=14),
            Column("over_cost_reason", both("exec.field.over_cost_reason"), "input"),
            Column("note", both("exec.field.note"), "input"),
            Column("last_approved", both("exec.col.last_approved"), "info", width=28),
            *_state_columns(),
        ]

    def fixed(self, plan: Plan, subject_id: str, period: Period, lang: str) -> dict[str, object]:
        row = execution.project_row(plan, subject_id)
        assert row is not None
        return {
            "id": subject_id,
            "name": localized(row, "name", lang),
            "body": str(row["responsible_body"] or ""),
            "start_year": None if pd.isna(row["start_year"]) else float(row["start_year"]),
            "end_year": None if pd.isna(row["end_year"]) else float(row["end_year"]),
            "cost": None if pd.isna(row["cost_mln_kzt"]) else float(row["cost_mln_kzt"]),
        }

    def code(self, plan: Plan, subject_id: str) -> str:
        return "№" + (subject_id.lstrip("p").lstrip("0") or "0")

    def figure(self, report: ProjectReport) -> object:
        return report.completion_pct

    def info(self, plan: Plan, subject_id: str, reports: pd.DataFrame, period: Period, lang: str) -> dict[str, str]:
        """The latest approved report of an earlier period: where the project stood last time."""
        if reports.empty:
            return {"last_approved": ""}
        mine = reports[
            (reports["kind"] == "project") & (reports["subject_id"] == subject_id) & (reports["state"] == "approved")
        ]
        earlier = [r for r in mine.to_dict("records") if Period.parse(r["period"]).position < period.position]
        if not earlier:
            return {"last_approved": ""}
        last = max(earlier, key=lambda r: Period.parse(r["period"]).position)
        report = ProjectReport.from_payload(last["payload"])
        parts = [
            Period.parse(last["period"]).label(lang),
            t(f"exec.status.{report.status}", lang) if report.status else "",
        ]
        if report.completion_pct is not None:
            parts.append(f"{report.completion_pct:g} %")
        return {"last_approved": ", ".join(p for p in parts if p)}


class FinancingLayout(Layout):
    kind = "financing"
    label_key = "exec.kind.financing"
    title_key = "exec.template.title_financing"
    how_keys = ("exec.template.financing_how_1", "exec.template.financing_how_2", "exec.template.how_3")
    report_type = FinancingReport

    def columns(self, period: Period) -> list[Column]:
        return [
            Column("id", "ID", "id", width=12),
            Column("name", both("col.line"), "fixed", width=50),
            Column("plan", both("exec.col.plan_amount", year=str(period.year)), "fixed", "number", width=14),
            Column("executed_mln_kzt", both("exec.field.executed_mln_kzt"), "input", "money", width=14),
            Column("budget_mln_kzt", both("exec.field.budget_mln_kzt"), "input", "money", width=14),
            *[Column(name, both(f"exec.field.{name}"), "input") for name in FinancingReport.TEXTS],
            *_state_columns(),
        ]

    def fixed(self, plan: Plan, subject_id: str, period: Period, lang: str) -> dict[str, object]:
        rows = plan.financing[plan.financing["line_id"] == subject_id]
        return {
            "id": subject_id,
            "name": str(rows.iloc[0][f"label_{lang}"]),
            "plan": execution.planned_amount(plan, subject_id, period.year),
        }

    def figure(self, report: FinancingReport) -> object:
        return report.executed_mln_kzt


LAYOUTS: dict[str, Layout] = {layout.kind: layout for layout in (IndicatorLayout(), ProjectLayout(), FinancingLayout())}


def bodies_of(plan: Plan, person: Person) -> list[str]:
    """The bodies whose subjects a person's workbook lists: an editor's own; a coordinator's every body and
    the subjects of none (``""``: projects no body of the plan builds, the financing lines)."""
    if person.is_coordinator or person.every_body:
        return [*sorted(plan.bodies["abbr"]), ""]
    return sorted(person.bodies)


def _bodies_text(plan: Plan, bodies: Collection[str], lang: str) -> str:
    """Who a workbook is for: its bodies, "every body" for all of the plan's, the coordinator for ``""``."""
    named = [b for b in bodies if b]
    if set(named) >= set(plan.bodies["abbr"]):
        named = [t("exec.all_bodies", lang)]
    return ", ".join([*named, *([t("exec.coordinator_body", lang)] if "" in bodies else [])])


# ── out ────────────────────────────────────────────────────────────────────


def current_reports(reports: pd.DataFrame, kind: str, period: Period) -> dict[str, pd.Series]:
    """Per subject, the version a body works from in ``period``: the working one, else the one in force."""
    if reports.empty:
        return {}
    rows = reports[(reports["kind"] == kind) & (reports["period"] == period.key)]
    current: dict[str, pd.Series] = {}
    for state in ("approved", *cycle.OPEN_STATES):  # later states win: a working version over the approved one
        chosen = rows[rows["state"] == state].sort_values("version").groupby("subject_id").tail(1)
        current.update({str(r["subject_id"]): r for _, r in chosen.iterrows()})
    return current


def template_bytes(
    plan: Plan, kind: str, bodies: Sequence[str], period: Period, reports: pd.DataFrame, lang: str = "kk"
) -> bytes:
    """The workbook ``bodies`` fill for ``period``: their subjects of ``kind`` only, pre-filled with what each
    holds now (its working version, else the approved one), so uploading it untouched changes nothing.
    ``reports``: ``Store.reports(kind)`` (every period: a project's row says where it stood last time)."""
    layout = LAYOUTS[kind]
    columns = layout.columns(period)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(t(f"exec.kind.{kind}", lang))  # the reader's language; reading never asks it
    for row, lang_ in enumerate(TEMPLATE_LANGS, start=1):
        present = {cycle.kind_of(kind).body_of(plan, s) or "" for s in layout.subjects(plan, bodies)}
        title = t(
            layout.title_key, lang_, body=_bodies_text(plan, present or bodies, lang_), period=period.label(lang_)
        )
        _text_cell(sheet.cell(row=row, column=1), title).font = Font(bold=True, size=13)
    for offset, key in enumerate(layout.how_keys):
        _text_cell(sheet.cell(row=3 + offset, column=1), both(key))
    for (row, column), heading, value in (
        (KIND_CELL, both("exec.col.kind"), " / ".join(layout.label(x) for x in TEMPLATE_LANGS)),
        (PERIOD_CELL, both("cycle.col.period"), period.key),
    ):
        _text_cell(sheet.cell(row=row, column=1), heading)
        _text_cell(sheet.cell(row=row, column=column), value).font = Font(bold=True)
    for column, spec in enumerate(columns, start=1):
        cell = _text_cell(sheet.cell(row=HEADER_ROW, column=column), spec.heading)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    current = current_reports(reports, kind, period)
    subjects = layout.subjects(plan, bodies)
    validations = _validations(lang)
    for offset, subject_id in enumerate(subjects):
        row = FIRST_DATA_ROW + offset
        held = current.get(subject_id)
        values: dict[str, object] = {**layout.fixed(plan, subject_id, period, lang)}
        report = layout.report_type() if held is None else cycle.kind_of(kind).parse(held["payload"])
        values.update(layout.inputs(report))
        values.update(layout.info(plan, subject_id, reports, period, lang))
        values["state"] = "" if held is None else t(f"cycle.state.{held['state']}", lang)
        values["comment"] = str(held["review_comment"]) if held is not None and held["state"] == "returned" else ""
        for column, spec in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=column)
            _write(cell, spec, values.get(spec.key), lang)
            if spec.role == "input":
                cell.protection = Protection(locked=False)
                cell.fill = _input_fill()
                cell.alignment = Alignment(wrap_text=spec.type == "text", vertical="top")
                kept_as = spec.type
                if isinstance(layout, IndicatorLayout) and spec.key == "value":
                    kept_as = layout.number_rule(plan, subject_id)
                if kept_as in validations:
                    validations[kept_as].add(cell.coordinate)
    for validation in validations.values():
        if validation.sqref:
            sheet.add_data_validation(validation)
    for column, spec in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = spec.width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3).coordinate
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _input_fill() -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=INPUT_FILL_COLOUR)


def _validations(lang: str) -> dict[str, DataValidation]:
    """Excel's own checks of the input cells, as the official types (the reader checks again, whatever Excel did)."""
    words = ",".join(t(f"exec.status.{s}", lang) for s in PROJECT_STATUSES)
    rules = {
        "percent": DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
        "number": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "money": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "date": DataValidation(type="date", operator="between", formula1="43831", formula2="49674"),  # 2020–2035
        "status": DataValidation(type="list", formula1=f'"{words}"'),
    }
    messages = {
        "percent": "template.validation_percent",
        "number": "template.validation_number",
        "money": "template.validation_number",
        "date": "exec.validation_date",
        "status": "exec.validation_status",
    }
    for name, rule in rules.items():
        rule.allow_blank = True  # an empty cell is "not reported", never an error
        rule.error = both(messages[name])
        rule.errorTitle = "ID"
        rule.showErrorMessage = True
    return rules


def _write(cell: Any, spec: Column, value: object, lang: str) -> None:
    if spec.type == "status":
        _text_cell(cell, t(f"exec.status.{value}", lang) if value else "")
    elif spec.type == "date":
        cell.value = value if isinstance(value, dt.date) else None
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        _text_cell(cell, value)
    elif value is not None and spec.type in ("number", "percent", "money"):
        cell.value = float(value)  # type: ignore[arg-type]
    else:
        cell.value = value


def _text_cell(cell: Any, text: str) -> Any:
    """Text as a text cell: never a formula whatever it starts with, shown as typed (``quotePrefix``)."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


# ── in ─────────────────────────────────────────────────────────────────────

UNKNOWN = {  # the problem naming a row's unknown id, and its parameter
    "indicator": ("unknown_indicator", "indicator"),
    "project": ("unknown_project", "project"),
    "financing": ("exec.unknown_line", "line"),
}
# Which input cell a review problem is about (the rest name the row's ID cell).
PROBLEM_CELLS = {
    "negative": "value", "over_100": "value", "implausible": "value", "implausible_absolute": "value",
    "not_a_number": "value", "value_and_no_data": "value", "value_or_reason": "value",
    "source_needed": "source", "deviation_reason_needed": "deviation_reason",
    "exec.unknown_status": "status", "exec.status_needed": "status",
    "exec.completion_range": "completion_pct", "exec.completion_needed": "completion_pct",
    "exec.commissioned_not_complete": "completion_pct", "exec.works_before_construction": "completion_pct",
    "exec.commissioned_before_start": "commissioned_on", "exec.commissioned_on_needed": "commissioned_on",
    "exec.commissioned_on_with_status": "commissioned_on", "exec.started_on_needed": "started_on",
    "exec.started_on_with_status": "started_on", "exec.spent_needed": "spent_mln_kzt",
    "exec.implausible_spend": "spent_mln_kzt", "exec.over_cost_reason_needed": "over_cost_reason",
    "exec.executed_needed": "executed_mln_kzt", "exec.over_budget_reason_needed": "deviation_reason",
    "exec.over_plan_reason_needed": "deviation_reason",
}  # fmt: skip


def _column_for(problem: Problem, layout: Layout, columns: list[Column]) -> str:
    """The key of the column a problem is about: by its key, else by the field it names."""
    if problem.key in PROBLEM_CELLS:
        return PROBLEM_CELLS[problem.key]
    named = dict(problem.params).get("field")
    words = catalogue("en")
    for spec in columns:
        fields = [f"{prefix}.field.{spec.key}" for prefix in ("exec", "cycle")]
        if spec.role == "input" and any(key in words and named == term(key) for key in fields):
            return spec.key
    return "id"


PREVIEW_COLUMNS = ["row", "kind", "subject_id", "code", "body", "period", "old", "new", "status", "reason", "problem"]


@dataclass
class BodyImport:
    """A filled body workbook, checked: the entries it would submit, a row-by-row preview, every problem.

    ``problems`` non-empty means nothing may be submitted (a row outside the person's bodies refuses it all).
    At most ``PROBLEMS_KEPT`` are listed; ``omitted`` counts the rest.
    """

    kind: str = ""
    entries: list[Entry] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PREVIEW_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    omitted: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)
        else:
            self.omitted += 1

    def problem_lines(self, lang: str, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """One line per problem (``G18: …``), the first ``limit``, then ``…and 216 more``."""
        lines = [p.text(lang) for p in self.problems[:limit]]
        rest = len(self.problems) - len(lines) + self.omitted
        return [*lines, t("problem.more", lang, n=rest)] if rest > 0 else lines


def upload_key(data: bytes) -> str:
    """The key a page caches an upload's check under (with the store's revision: it reads what is held)."""
    return hashlib.sha256(data).hexdigest()


def plan_limits(plan: Plan) -> Limits:
    """What a filled body workbook of ``plan`` can hold: its largest kind's rows and columns with some spare."""
    rows = max(len(plan.indicators), len(plan.projects), len(execution.movable_lines(plan)))
    columns = max(len(layout.columns(Period(2026))) for layout in LAYOUTS.values())
    return Limits(HEADER_ROW + rows + SPARE_ROWS, columns + SPARE_COLUMNS, MAX_BYTES, MAX_UNCOMPRESSED, MAX_RATIO)


def workbook_kind(data: bytes, plan: Plan) -> str | None:
    """The kind of report a workbook says it is (B6), or None where it cannot say."""
    try:
        sheet = read_sheet(data, plan_limits(plan))
    except Refused:
        return None
    except Exception:  # a file no test foresaw: the import that follows refuses it in words
        return None
    return _kind_in(sheet)


def _kind_in(sheet: Sheet) -> str | None:
    found = _plain(sheet.cells.get(KIND_CELL))
    return next(
        (k for k, layout in LAYOUTS.items() if found == " / ".join(layout.label(x) for x in TEMPLATE_LANGS)), None
    )


def read_workbook(
    data: bytes,
    plan: Plan,
    person: Person,
    kind: str,
    period: Period,
    reports: pd.DataFrame,
    context: pd.DataFrame,
) -> BodyImport:
    """Check a filled body workbook of ``kind`` against the plan, the person's bodies and what is held; nothing
    is written. ``reports``: ``Store.reports(kind)`` (what each subject holds now); ``context``:
    ``Store.check_context(kind)`` (what review checks compare with). Unchanged rows (equal to what is held) are
    left out; the rest become entries for ``Store.save(submit=True)``."""
    try:
        sheet = read_sheet(data, plan_limits(plan))
        if sheet.merged:
            return BodyImport(kind, problems=[Problem.of("merged_cells", cells=", ".join(sheet.merged[:5]))])
        return _read(sheet, plan, person, kind, period, reports, context)
    except Refused as refusal:
        return BodyImport(kind, problems=[refusal.problem])
    except Exception:  # a file no test foresaw: refused in words, the details kept for the server's log
        logging.getLogger(__name__).exception("unexpected failure reading an uploaded body workbook")
        return BodyImport(kind, problems=[Problem.of("damaged", part="—")])


def _read(
    sheet: Sheet,
    plan: Plan,
    person: Person,
    kind: str,
    period: Period,
    reports: pd.DataFrame,
    context: pd.DataFrame,
) -> BodyImport:
    result = BodyImport(kind)
    layout = LAYOUTS[kind]
    columns = layout.columns(period)
    found_kind = _kind_in(sheet)
    if found_kind != kind:
        shown = term(LAYOUTS[found_kind].label_key) if found_kind else _plain(sheet.cells.get(KIND_CELL))[:60] or "—"
        result.add(Problem.of("exec.report_kind", where="B6", found=shown, kind=term(layout.label_key)))
        return result
    found_period = _plain(sheet.cells.get(PERIOD_CELL))
    if found_period != period.key:
        result.add(Problem.of("report_period", where="B7", found=found_period or "—", period=period.key))
        return result
    _headings(sheet, columns, result)
    _hidden_values(sheet, result)
    outside = sorted((r, c) for (r, c), cell in sheet.cells.items() if c > len(columns) and cell.kind != "empty")
    for r, c in outside:  # under no heading: the heading row ends with the template's last column
        result.add(Problem.of("value_outside_columns", where=_where(r, c), value=sheet.cells[(r, c)].text[:60] or "—"))
    if result.problems:
        return result
    index = {spec.key: position for position, spec in enumerate(columns, start=1)}
    known = set(cycle.kind_of(kind).expected(plan)["subject_id"])
    subject_kind = cycle.kind_of(kind)
    current = current_reports(reports, kind, period)
    fixed_check = _fixed_checker(plan, layout, sheet, columns, period)
    seen: dict[str, int] = {}
    preview: list[dict[str, object]] = []
    for number in (r for r in sheet.rows() if r > HEADER_ROW):
        if all(not _text(sheet.cells.get((number, c))).strip() for c in range(1, len(columns) + 1)):
            continue
        subject_id = _plain(sheet.cells.get((number, index["id"])))
        where = _where(number, index["id"])
        line: dict[str, object] = {"row": number, "kind": kind, "subject_id": subject_id, "code": "", "body": ""}
        line.update(period=period.key, old=None, new=None)
        if subject_id not in known:
            key, name = UNKNOWN[kind]
            unknown = Problem.of(key, where=where, **{name: subject_id[:40] or "—"})
            result.add(unknown)
            preview.append({**line, "status": "rejected", "reason": key, "problem": unknown})
            continue
        body = subject_kind.body_of(plan, subject_id) or ""
        line.update(code=layout.code(plan, subject_id), body=body)
        if subject_id in seen:
            twice = Problem.of("duplicate_row", where=where, indicator=subject_id, first=seen[subject_id])
            result.add(twice)
            preview.append({**line, "status": "rejected", "reason": twice.key, "problem": twice})
            continue
        seen[subject_id] = number
        if not person.answers_for(body):
            scope = Problem.of(
                "out_of_scope", where=where, body=body or "—", bodies=", ".join(sorted(person.bodies)) or "—"
            )
            refusal = scope if body else Problem.of("no_body_coordinator", where=where)
            result.add(refusal)
            preview.append({**line, "status": "rejected", "reason": refusal.key, "problem": refusal})
            continue
        row_problems = fixed_check(number, subject_id)
        values: dict[str, object] = {}
        for spec in columns:
            if spec.role != "input":
                continue
            value, problem = _input(sheet, sheet.cells.get((number, index[spec.key])), spec)
            if problem is not None:
                row_problems.append(problem.at(_where(number, index[spec.key])))
            values[spec.key] = value
        if row_problems:
            for problem in row_problems:
                result.add(problem)
            preview.append({**line, "status": "rejected", "reason": row_problems[0].key, "problem": row_problems[0]})
            continue
        report = layout.report(values).stripped()
        held = current.get(subject_id)
        old = None if held is None else subject_kind.parse(held["payload"]).stripped()
        line.update(old=None if old is None else layout.figure(old), new=layout.figure(report))
        if old is not None and old == report:
            preview.append({**line, "status": "unchanged", "reason": ""})
            continue
        if old is None and report == layout.report_type():
            continue
        found = subject_kind.check_submit(plan, subject_id, period, report, context)
        if found:
            for problem in found:
                column = index.get(_column_for(problem, layout, columns), index["id"])
                result.add(problem.at(_where(number, column)))
            preview.append({**line, "status": "rejected", "reason": found[0].key, "problem": found[0]})
            continue
        preview.append({**line, "status": "new" if old is None else "changed", "reason": ""})
        result.entries.append(Entry(subject_id, period, report, kind=kind, where=where))
    if not seen and not result.problems:
        result.add(Problem.of("no_rows"))
    result.preview = pd.DataFrame(preview, columns=PREVIEW_COLUMNS)
    return result


def _headings(sheet: Sheet, columns: list[Column], result: BodyImport) -> None:
    """Every heading as the template printed it; one naming a year outside the plan says so."""
    last = max((c for r, c in sheet.cells if r == HEADER_ROW), default=0)
    found = [_plain(sheet.cells.get((HEADER_ROW, c))) for c in range(1, last + 1)]
    for column, spec in enumerate(columns, start=1):
        got = found[column - 1] if column <= len(found) else ""
        if got == spec.heading:
            continue
        where = _where(HEADER_ROW, column)
        printed_year = re.search(r"\b(\d{4})\b", got)
        if printed_year and int(printed_year.group(1)) not in YEARS and re.search(r"\b\d{4}\b", spec.heading):
            result.add(Problem.of("year_range", where=where, year=printed_year.group(1)))
        elif not got:
            result.add(Problem.of("header_missing", where=where, heading=spec.heading))
        else:
            result.add(Problem.of("header_renamed", where=where, heading=spec.heading, found=got[:100]))
    for column, text in enumerate(found, start=1):
        if column > len(columns) and text:
            result.add(Problem.of("header_unexpected", where=_where(HEADER_ROW, column), found=text[:100]))


def _hidden_values(sheet: Sheet, result: BodyImport) -> None:
    """A value in a hidden row or column is refused: what is imported must be what the official saw."""
    rows = sorted({r for (r, _c), cell in sheet.cells.items() if r in sheet.hidden_rows and cell.kind != "empty"})
    columns = sorted({c for (_r, c), cell in sheet.cells.items() if sheet.column_hidden(c) and cell.kind != "empty"})
    for row in rows:
        result.add(Problem.of("hidden_row", where=str(row), row=str(row)))
    for column in columns:
        result.add(Problem.of("hidden_column", where=column_letter(column), column=column_letter(column)))


def _fixed_checker(
    plan: Plan, layout: Layout, sheet: Sheet, columns: list[Column], period: Period
) -> Callable[[int, str], list[Problem]]:
    """A check of one row's locked cells: each must hold what the template wrote (a text in one of the
    languages a template is made in; the message shows the language most rows of this workbook are in)."""
    index = {spec.key: position for position, spec in enumerate(columns, start=1)}
    fixed = [spec for spec in columns if spec.role == "fixed"]
    cache: dict[str, dict[str, dict[str, object]]] = {}

    def written(subject_id: str) -> dict[str, dict[str, object]]:
        if subject_id not in cache:
            cache[subject_id] = {lang: layout.fixed(plan, subject_id, period, lang) for lang in LANGUAGES}
        return cache[subject_id]

    known = set(cycle.kind_of(layout.kind).expected(plan)["subject_id"])
    counts: Counter[str] = Counter()
    for row in sheet.rows():
        subject_id = _plain(sheet.cells.get((row, index["id"])))
        if row > HEADER_ROW and subject_id in known:
            name = _plain(sheet.cells.get((row, index["name"])))
            lang = next((x for x in LANGUAGES if str(written(subject_id)[x]["name"]).strip() == name), None)
            if lang:
                counts[lang] += 1
    shown = counts.most_common(1)[0][0] if counts else "kk"

    def check(row: int, subject_id: str) -> list[Problem]:
        problems = []
        for spec in fixed:
            cell = sheet.cells.get((row, index[spec.key]))
            accepted = [written(subject_id)[lang][spec.key] for lang in LANGUAGES]
            if any(_holds(cell, value) for value in accepted):
                continue
            expected = written(subject_id)[shown][spec.key]
            found: object = cell.value if cell is not None and cell.kind == "number" else (_text(cell)[:60] or "—")
            shown_expected = "—" if expected in (None, "") else expected
            problems.append(
                Problem.of("locked_changed", where=_where(row, index[spec.key]), expected=shown_expected, found=found)
            )
        return problems

    return check


def _holds(cell: Cell | None, value: object) -> bool:
    if value is None or value == "":
        return cell is None or (cell.kind in ("empty", "text") and not _plain(cell))
    if isinstance(value, float):
        return (
            cell is not None
            and cell.kind == "number"
            and isinstance(cell.value, float)
            and math.isclose(cell.value, value, rel_tol=1e-9, abs_tol=1e-12)
        )
    return cell is not None and cell.kind != "bad" and _plain(cell) == str(value).strip()


def _input(sheet: Sheet, cell: Cell | None, spec: Column) -> tuple[object, Problem | None]:
    """An input cell's value as the report holds it, or why it cannot be one."""
    if cell is not None and cell.problem is not None:
        return None, cell.problem
    if spec.type in ("number", "percent", "money"):
        return _number_in(cell, sheet)
    if spec.type == "date":
        return _date_in(cell, sheet)
    text = _plain(cell)
    if spec.type == "status":
        if not text:
            return "", None
        words = {t(f"exec.status.{s}", lang).casefold(): s for s in PROJECT_STATUSES for lang in LANGUAGES}
        words.update({s: s for s in PROJECT_STATUSES})
        status = words.get(text.casefold())
        if status is None:
            return None, Problem.of("exec.status_word", value=text[:40], words=term_list(PROJECT_STATUSES))
        return status, None
    return text, None


def term_list(statuses: Sequence[str]) -> dict[str, str]:
    """The status words in every language, joined (a problem's parameter)."""
    return {lang: ", ".join(t(f"exec.status.{s}", lang) for s in statuses) for lang in LANGUAGES}


def _number_in(cell: Cell | None, sheet: Sheet) -> tuple[float | None, Problem | None]:
    """A value cell's number, or why it is not one; (None, None) for a cell left empty."""
    if cell is None:
        return None, None
    if cell.kind == "empty":
        return None, Problem.of("formula_no_value") if cell.formula else None
    if cell.kind == "text":
        return (None, Problem.of("text_in_value", value=cell.text[:60])) if cell.text.strip() else (None, None)
    if cell.kind in ("bool", "date", "error"):
        shown = _date_text(cell, sheet) if cell.kind == "date" else cell.text
        return None, Problem.of(f"{'boolean' if cell.kind == 'bool' else cell.kind}_in_value", value=shown)
    assert isinstance(cell.value, float)
    if cell.percent:
        return None, Problem.of("percent_format", shown=cell.value * 100, value=cell.value)
    return cell.value, None


def _date_in(cell: Cell | None, sheet: Sheet) -> tuple[dt.date | None, Problem | None]:
    """A date cell's date (a date typed as 2026-05-14 or 14.05.2026 counts too); (None, None) when empty."""
    if cell is None or (cell.kind in ("empty", "text") and not cell.text.strip()):
        return None, Problem.of("formula_no_value") if cell is not None and cell.formula else None
    if cell.kind == "date":
        if isinstance(cell.value, float):
            moment = _excel_date(cell.value, sheet)
            if moment is not None:
                return moment, None
        else:
            parsed = _date_from_text(str(cell.value))
            if parsed is not None:
                return parsed, None
    if cell.kind == "text":
        parsed = _date_from_text(cell.text)
        if parsed is not None:
            return parsed, None
    return None, Problem.of(
        "exec.not_a_date", value=(_date_text(cell, sheet) if cell.kind == "date" else cell.text)[:40]
    )


def _excel_date(serial: float, sheet: Sheet) -> dt.date | None:
    try:
        moment = from_excel(serial, CALENDAR_MAC_1904 if sheet.date1904 else CALENDAR_WINDOWS_1900)
    except (ValueError, OverflowError, TypeError):
        return None
    if isinstance(moment, dt.datetime):
        return moment.date()
    return moment if isinstance(moment, dt.date) else None


def _date_from_text(text: str) -> dt.date | None:
    match = DATE_TEXT.fullmatch(text.strip()[:10] if "T" in text else text.strip())
    if not match:
        return None
    try:
        if match.group(1):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return dt.date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
    except ValueError:
        return None


def _date_text(cell: Cell, sheet: Sheet) -> str:
    if not isinstance(cell.value, float):
        return cell.text
    moment = _excel_date(cell.value, sheet)
    return moment.isoformat() if moment else cell.text


def _text(cell: Cell | None) -> str:
    """What a cell shows as text (a number as it was saved); empty for no cell."""
    return "" if cell is None or cell.kind in ("empty", "bad") else cell.text


def _plain(cell: Cell | None) -> str:
    """A text cell as the person meant it: the apostrophe ``safe_text`` put before ``=``/``+``/``-``/``@`` is ours."""
    text = _text(cell)
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text.strip()


def _where(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"
