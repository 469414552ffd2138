"""What the implementation report says, in the reader's language, before any layout.

``gather`` reads from the store what a report may print: the approved versions in force, or — for a
coordinator's draft — the latest submitted ones beside them (``Store.report_view`` refuses a draft to
anyone else). ``build`` turns that into a ``Report``: the title page, then parts of headings, paragraphs,
tables and charts in the order of issue 17 (summary; per direction → goal → indicator; indicators
without data; projects; annex). Every number is formatted here, once, so the Word file and the PDF print
the very same text; the renderers (``zhez.report.docx``, ``zhez.report.pdf``) only lay it out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from zhez import charts, clock, financing, i18n, progress, rollups, tables
from zhez.actuals import is_percent
from zhez.auth import Person
from zhez.cycle import Period, with_manual_status
from zhez.editions import edition_in_force
from zhez.execution import KINDS as EXECUTION_KINDS
from zhez.i18n import t
from zhez.plan import PLAN_YEARS, Plan
from zhez.report.execution import Execution, execution_of
from zhez.store import Store, actuals_of
from zhez.summary import directions_overview, estimate_banner, furthest_behind

# ── the content model ──────────────────────────────────────────────────────


@dataclass(frozen=True)
class Heading:
    level: int  # 1 a part of the report, 2 a direction, 3 a goal
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body · note (smaller, grey) · formula (set apart)


@dataclass(frozen=True)
class Table:
    """A table as printed: headings, rows of text (a cell's lines split by "\\n"), column shares of the width."""

    name: str  # what it is (``indicators``, ``status_counts``, …): tests and renderers look tables up by it
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    keys: tuple[str, ...] = ()  # each row's subject (an indicator id), where it has one
    total_row: bool = False  # the last row sums the others (bold)


@dataclass(frozen=True)
class Chart:
    """A chart from the screens' builders, drawn as a vector image by the renderer."""

    chart: charts.Chart
    width: float = 1.0  # share of the text width
    key: str = ""


Block = Heading | Paragraph | Table | Chart


def introduces(blocks: Sequence[Block], index: int) -> bool:
    """Whether the paragraph at ``index`` belongs with what follows it on the page: a note or formula, or any
    paragraph right before a table or a chart (the line that says what the table is)."""
    block, following = blocks[index], blocks[index + 1 : index + 2]
    if not following or not isinstance(block, Paragraph):
        return False
    return block.style != "body" or isinstance(following[0], Table | Chart)


@dataclass
class Part:
    """Blocks printed on pages of one orientation; a new part starts a new page."""

    landscape: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    lang: str
    period: Period
    draft: bool
    plan_name: str  # the plan's name as its passport prints it (with its period)
    plan_name_note: str  # our translation of it, marked as such ("" in Kazakh)
    title: str  # "Report on the implementation of the plan for 2026"
    facts: tuple[tuple[str, str], ...]  # the title page's table: period, data as of, round, prepared/approved by
    parts: tuple[Part, ...]
    footer: str  # made on · data as of · source: on every page
    draft_mark: str  # "DRAFT — includes values not yet approved" on every page of a draft, else ""
    contents_title: str
    contents_note: str  # how to update the contents in Word
    page_word: str  # "Page {n} of {total}" in the reader's language, with {n} and {total} to fill

    def headings(self) -> list[Heading]:
        return [b for part in self.parts for b in part.blocks if isinstance(b, Heading)]

    def tables(self, name: str) -> list[Table]:
        return [b for part in self.parts for b in part.blocks if isinstance(b, Table) and b.name == name]


# ── what a report is made from ─────────────────────────────────────────────


@dataclass(frozen=True)
class Sources:
    """The data one report prints (``gather`` reads it; tests may build it by hand)."""

    plan: Plan
    period: Period
    reports: pd.DataFrame  # ``Store.report_view("indicator")``: one row per indicator and period in view
    manual: pd.DataFrame  # ``Store.manual_statuses()``
    rounds: pd.DataFrame  # ``Store.rounds()``
    findings: pd.DataFrame  # ``audit.audit(plan)``
    execution: Execution | None = None  # project and financing-line reports in view up to the period, if any
    draft: bool = False
    edition: int = 0  # the number of the plan edition whose targets are in force in the period's year (0: published)

    @property
    def actuals(self) -> pd.DataFrame:
        return actuals_of(self.reports)

    def in_period(self) -> pd.DataFrame:
        """The rows in view for the reporting period itself."""
        return self.reports[self.reports["period"] == self.period.key] if not self.reports.empty else self.reports


def gather(
    store: Store, plan: Plan, period: Period, findings: pd.DataFrame, person: Person | None = None, draft: bool = False
) -> Sources:
    """What the report for ``period`` may print. A draft (submitted values too) is for a coordinator only:
    the store refuses anyone else with ``AuthError``."""
    reports = store.report_view("indicator", person=person, draft=draft)
    execution = execution_of(
        pd.concat([store.report_view(kind, person=person, draft=draft) for kind in EXECUTION_KINDS], ignore_index=True),
        period,
    )
    edition = edition_in_force(plan, period.year)
    return Sources(plan, period, reports, store.manual_statuses(), store.rounds(), findings, execution, draft, edition)


def check_period(period: Period) -> list[str]:
    """Problems with reporting on ``period`` (keys of ``report.problem.*``): a report covers a plan year."""
    return [
        name
        for name, bad in (("year", period.year not in PLAN_YEARS), ("half", period.half not in (None, 1, 2)))
        if bad
    ]


# ── numbers as the report prints them ──────────────────────────────────────


def _n(value: object, lang: str) -> str:
    """A figure as the reader writes it; "—" for none (``i18n.number``)."""
    return i18n.number(value, lang)


def _money(value: object, lang: str) -> str:
    """An amount with the plan's one decimal; "—" for none."""
    return i18n.number(value, lang, 1)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def achievement(desired: str, actual: float | None, target: float | None, unit: str, lang: str) -> str:
    """Achievement of the year's target: increase A ÷ T × 100, decrease T ÷ A × 100, maintain whether the
    level is held (at or beyond it in the desired direction, or within the tolerance of ``zhez.progress``)."""
    if _missing(actual) or _missing(target):
        return i18n.NO_VALUE
    a, target_value = float(actual), float(target)  # type: ignore[arg-type]
    if desired == "maintain":
        held = a >= target_value or abs(a - target_value) <= progress.tolerance(target_value, is_percent(unit))
        return t("report.level_held" if held else "report.level_not_held", lang)
    numerator, denominator = (a, target_value) if desired == "increase" else (target_value, a)
    if denominator == 0:
        return i18n.NO_VALUE
    return f"{i18n.number(numerator / denominator * 100, lang, 1)}\u00a0%"


def deviation(actual: float | None, target: float | None, lang: str) -> str:
    """Actual − target, its sign always shown."""
    if _missing(actual) or _missing(target):
        return i18n.NO_VALUE
    return i18n.signed(float(actual) - float(target), lang)  # type: ignore[arg-type]


# ── building the report ────────────────────────────────────────────────────


def build(sources: Sources, lang: str, made_on: dt.date | None = None, worst: int = 6) -> Report:
    """The whole report for ``sources.period`` in ``lang``."""
    lang = i18n.check_language(lang)
    made_on = made_on or clock.today(clock.zone())
    plan, period = sources.plan, sources.period
    as_of = data_as_of(sources)
    assessment = assessed(sources)
    source, footer = provenance(sources, lang, made_on)
    context = _Context(sources, lang, assessment)
    parts = [
        Part(False, [*_summary(context, worst)]),
        Part(True, [*_indicators(context)]),
        Part(False, [*_without_data(context)]),
        Part(True, [*_projects(context)]),
        Part(False, [*_annex(context)]),
    ]
    return Report(
        lang=lang,
        period=period,
        draft=sources.draft,
        plan_name=plan.passport_field("name"),
        plan_name_note=""
        if lang == "kk"
        else t("report.name_translated", lang, name=str(plan.document[f"name_{lang}"].iloc[0])),
        title=t("report.title", lang, period=period.label(lang)),
        facts=tuple(_title_facts(context, as_of, made_on, source)),
        parts=tuple(parts),
        footer=footer,
        draft_mark=t("report.draft_mark", lang) if sources.draft else "",
        contents_title=t("report.contents", lang),
        contents_note=t("report.contents_note", lang),
        page_word=t("report.page", lang),
    )


def assessed(sources: Sources) -> pd.DataFrame:
    """Every indicator's status as of the reporting year, with the coordinator's status for that year beside it."""
    plan, year = sources.plan, sources.period.year
    return with_manual_status(progress.assess(plan, sources.actuals, as_of=year), sources.manual, year)


def provenance(sources: Sources, lang: str, made_on: dt.date) -> tuple[str, str]:
    """The source (plan edition; approved, or also submitted, values) and the line every page carries."""
    as_of = data_as_of(sources)
    edition = (
        tables.edition_label(sources.plan, sources.edition, lang)
        if sources.edition
        else t("report.edition_published", lang)
    )
    source = t("report.source_draft" if sources.draft else "report.source", lang, edition=edition)
    as_of_text = (
        t("export.as_of", lang, date=i18n.day(as_of, lang))
        if as_of
        else f"{t('export.note_as_of', lang)}: {t('report.as_of_none', lang)}"
    )
    made = t("export.made_on", lang, date=i18n.day(made_on, lang))
    return source, f"{made} · {as_of_text} · {t('export.note_source', lang)}: {source}"


def data_as_of(sources: Sources) -> dt.date | None:
    """The day of the latest approval in view for the period (in a draft, of the latest submission too)."""
    rows = sources.in_period()
    if rows.empty:
        return None
    moments = [
        reviewed if approval == "approved" else submitted
        for approval, reviewed, submitted in zip(
            rows["approval"], rows["reviewed_at"], rows["submitted_at"], strict=True
        )
    ]
    dates = [d for d in (clock.day(pd.Timestamp(m)) for m in moments if m is not None and not pd.isna(m)) if d]
    if sources.execution is not None and sources.execution.as_of is not None:
        dates.append(sources.execution.as_of)
    return max(dates) if dates else None


@dataclass
class _Context:
    """What every section reads, computed once."""

    sources: Sources
    lang: str
    assessment: pd.DataFrame  # ``progress.assess`` as of the reporting year, with the coordinator's statuses

    def __post_init__(self) -> None:
        plan = self.sources.plan
        self.plan = plan
        self.period = self.sources.period
        self.year = self.period.year
        rows = self.sources.in_period()
        self.in_view = {str(r["subject_id"]): r for r in rows.to_dict("records")}
        targets = plan.values[(plan.values["kind"] == "target") & (plan.values["year"] == self.year)]
        self.targets = dict(zip(targets["indicator_id"], targets["value"], strict=True))
        self.bodies = {b["abbr"]: i18n.localized(b, "name", self.lang) for _, b in plan.bodies.iterrows()}
        self.directions = tables.direction_names(plan, self.lang)
        self.goals = tables.goal_names(plan, self.lang)
        self.by_indicator = self.assessment.set_index("indicator_id")

    def project_rollup(self) -> rollups.ProjectRollup | None:
        """The plan's projects as of the reporting year from the reports in view, ``None`` with none."""
        execution = self.sources.execution
        return None if execution is None else rollups.project_rollup(self.plan, execution.reports, self.year)

    def value(self, indicator_id: str) -> float | None:
        row = self.in_view.get(indicator_id)
        if row is None or _missing(row["value"]):
            return None
        return float(row["value"])

    def unapproved(self, indicator_id: str) -> bool:
        row = self.in_view.get(indicator_id)
        return row is not None and row["approval"] != "approved"

    def body_text(self, abbr: str) -> str:
        if not abbr:
            return t("report.no_body", self.lang)
        name = self.bodies.get(abbr)
        return f"{abbr} — {name}" if name else abbr


def _title_facts(context: _Context, as_of: dt.date | None, made_on: dt.date, source: str) -> list[tuple[str, str]]:
    lang, period, sources = context.lang, context.period, context.sources
    rows = sources.in_period()
    chosen = sources.rounds[sources.rounds["period"] == period.key] if not sources.rounds.empty else sources.rounds
    if chosen.empty:
        round_text = t("report.round_none", lang, period=period.label(lang))
    else:
        round_ = chosen.iloc[0]
        due = i18n.day(pd.Timestamp(round_["due"]).date(), lang)
        opened = t("report.round_opened", lang, who=round_["opened_by"], date=day_text(round_["opened_at"], lang))
        if round_["state"] == "closed":
            closed = t("report.round_closed", lang, who=round_["closed_by"], date=day_text(round_["closed_at"], lang))
            round_text = f"{closed}; {opened}; {t('report.round_due', lang, date=due)}"
        else:
            round_text = f"{t('report.round_open', lang)}; {opened}; {t('report.round_due', lang, date=due)}"
    # Who entered and who approved what the report prints: the period's indicator values and the execution reports
    # (projects, financing lines) in view up to its end.
    printed = [rows] + ([sources.execution.reports] if sources.execution is not None else [])
    prepared = _people(printed, "submitted_by")
    approved = _people(printed, "reviewed_by", approved_only=True)
    return [
        (t("report.fact_period", lang), period.label(lang)),
        (t("report.fact_as_of", lang), i18n.day(as_of, lang) if as_of else t("report.as_of_none", lang)),
        (t("report.fact_round", lang), round_text),
        (t("report.fact_prepared", lang), ", ".join(prepared) or "—"),
        (t("report.fact_approved", lang), ", ".join(approved) or "—"),
        (t("report.fact_made_on", lang), i18n.day(made_on, lang)),
        (t("report.fact_source", lang), source),
    ]


def _people(frames: Sequence[pd.DataFrame], column: str, approved_only: bool = False) -> list[str]:
    """The names in ``column`` of the reports in ``frames``, sorted, each once (of approved reports only, if so)."""
    names: set[str] = set()
    for frame in frames:
        if frame.empty:
            continue
        approval = frame["approval"] if "approval" in frame else pd.Series("approved", index=frame.index)
        kept = frame[approval == "approved"] if approved_only else frame
        names |= {n for n in kept[column] if isinstance(n, str) and n.strip()}
    return sorted(names)


def day_text(moment: Any, lang: str) -> str:
    """The day of a stored moment as the reader writes it (``20.01.2027``), "—" where there is none."""
    found = None if moment is None or pd.isna(moment) else clock.day(pd.Timestamp(moment))
    return i18n.day(found, lang)


LONG_CELL = 600  # characters a table cell holds; a row must fit on one page, so longer text goes under the table


def with_notes(table: Table, rows: Iterable[Sequence[str]], lang: str, label: int = 0) -> Iterable[Block]:
    """``table`` with ``rows``; a cell longer than ``LONG_CELL`` keeps its beginning and points to a note under
    the table that gives it whole (``label``: the column that names the row in the note)."""
    notes: list[str] = []
    kept = []
    for row in rows:
        cells = list(row)
        for index, text in enumerate(cells):
            if len(text) > LONG_CELL:
                notes.append(f"{len(notes) + 1}) {cells[label]} — {table.columns[index]}: {text}")
                start = text[: LONG_CELL // 2].rsplit(" ", 1)[0]
                cells[index] = f"{start} … {t('report.see_note', lang, n=len(notes))}"
        kept.append(tuple(cells))
    yield replace(table, rows=tuple(kept))
    for note in notes:
        yield Paragraph(note, "note")


# ── 1. summary ─────────────────────────────────────────────────────────────


def _status_table(context: _Context, assessment: pd.DataFrame, name: str) -> Table:
    lang = context.lang
    overview = directions_overview(context.plan, assessment)
    statuses = progress.WORST_FIRST
    rows = [
        (context.directions[d], *(_n(int(r[s]), lang) for s in statuses), _n(int(r["indicators"]), lang))
        for d, r in zip(overview["direction_id"], overview.to_dict("records"), strict=True)
    ]
    rows.append(
        (
            t("report.total", lang),
            *(_n(int(overview[s].sum()), lang) for s in statuses),
            _n(int(overview["indicators"].sum()), lang),
        )
    )
    return Table(
        name,
        (t("col.direction", lang), *(progress.status_label(s, lang) for s in statuses), t("report.total", lang)),
        tuple(rows),
        (0.34, *([0.11] * len(statuses)), 0.11),
        (False, *([True] * (len(statuses) + 1))),
        total_row=True,
    )


def _summary(context: _Context, worst: int) -> Iterable[Block]:
    lang, plan, year = context.lang, context.plan, context.year
    ids = list(plan.indicators["id"])
    with_value = [i for i in ids if context.value(i) is not None]
    yield Heading(1, t("report.summary", lang))
    yield Paragraph(
        t(
            "report.summary_counts",
            lang,
            n=len(ids),
            period=context.period.label(lang),
            with_value=len(with_value),
            without=len(ids) - len(with_value),
        )
    )
    yield Heading(2, t("report.by_status", lang))
    yield Paragraph(t("report.by_status_note", lang, year=str(year)), "note")
    on_estimate = estimate_banner(context.assessment, lang)
    if on_estimate:
        yield Paragraph(on_estimate)
    yield _status_table(context, context.assessment, "status_counts")
    manual = context.assessment[context.assessment["manual_status"] != ""]
    if manual.empty:
        yield Paragraph(t("report.manual_none", lang, year=str(year)), "note")
    else:
        yield Paragraph(t("report.manual_some", lang, n=len(manual), year=str(year)))
        combined = context.assessment.assign(
            status=context.assessment["manual_status"].where(
                context.assessment["manual_status"] != "", context.assessment["status"]
            )
        )
        yield _status_table(context, combined, "status_counts_manual")

    rows = tables.progress_rows(plan, context.assessment, lang)
    shown = furthest_behind(rows, worst)  # the indicators behind their path only, as the Overview shows them
    if not shown.empty:
        from zhez.export import direction_panels

        observed = progress.observed_by_indicator(plan, context.sources.actuals, as_of=year)
        panels = direction_panels(plan, shown, observed, context.sources.actuals, lang)
        yield Chart(  # 250 px a panel: the seven years' labels stand apart (at 220 they run together)
            charts.small_multiples(
                panels, lang, t("report.worst_title", lang, n=len(shown)), columns=3, panel_width=250, panel_height=100
            ),
            key="worst",
        )

    yield Heading(2, t("report.no_data", lang))
    owed = [i for i in ids if i not in with_value]
    if not owed:
        yield Paragraph(t("report.no_data_none", lang, period=context.period.label(lang)))
    else:
        meta = plan.indicators.set_index("id")
        by_body: dict[str, list[str]] = {}
        for indicator_id in owed:
            by_body.setdefault(str(meta.loc[indicator_id, "responsible_body"] or ""), []).append(indicator_id)
        yield Paragraph(t("report.no_data_some", lang, n=len(owed), bodies=len(by_body)))
        body_rows = sorted(by_body.items(), key=lambda item: (-len(item[1]), item[0] or "\uffff"))
        yield Table(
            "owed_by_body",
            (t("report.col_body", lang), t("report.col_owed", lang), t("report.col_codes", lang)),
            tuple(
                (
                    context.body_text(body),
                    _n(len(owing), lang),
                    _codes(meta, owing, lang),
                )
                for body, owing in body_rows
            ),
            (0.45, 0.13, 0.42),
            (False, True, False),
        )
        yield Paragraph(t("report.codes_note", lang), "note")

    yield Heading(2, t("report.financing", lang))
    yield from _financing(context)
    yield Chart(charts.financing_by_year(plan.financing, lang), key="financing")

    yield Heading(2, t("report.projects_by_status", lang))
    rollup = context.project_rollup()
    if rollup is None or not rollup.reported:
        yield Paragraph(t("report.no_execution", lang))
    else:
        yield Paragraph(rollups.summary_line(rollup, lang))
        yield Table(
            "projects_by_status",
            (t("report.col_project_status", lang), t("report.col_projects", lang)),
            tuple(
                (t(f"exec.status.{status}", lang), _n(count, lang))
                for status, count in rollup.by_status.items()
                if count
            ),
            (0.7, 0.3),
            (False, True),
        )


MAX_CODES = 40  # codes listed in a cell of the summary; every one is in the section on indicators without data


def _codes(meta: pd.DataFrame, ids: list[str], lang: str) -> str:
    """The indicators' codes as the screens write them ("НҰИ-6", "1.1": the printed "1.1 көрсеткіш" put a
    Kazakh word in every language's list, and "НҰИ - 6", "НИ–2" spelled one kind of code three ways)."""
    codes = "; ".join(str(meta.loc[i, "code"] or "—") for i in ids[:MAX_CODES])
    return codes if len(ids) <= MAX_CODES else f"{codes} {t('problem.more', lang, n=len(ids) - MAX_CODES)}"


def _financing(context: _Context) -> Iterable[Block]:
    """Planned (the plan's direction lines as published) against the approved budget and executed (approved
    reports of the lines), by direction and year, 2026 up to the reporting year: ``zhez.rollups.money_rollup``,
    as the Execution screen; then every line whose money deviates, with the reason its report gives."""
    lang, plan = context.lang, context.plan
    execution = context.sources.execution
    reports = execution.reports if execution is not None else rollups_empty()
    years = [y for y in PLAN_YEARS if y <= context.year]
    rows = []
    deviating: list[pd.DataFrame] = []
    for year in years:
        every_line = rollups.money_table(plan, reports, year)
        deviating.append(every_line[[_deviates(r) for r in every_line.to_dict("records")]])
        for direction_id in plan.directions["id"]:
            money = rollups.money_rollup(plan, reports, year, direction_id, money=every_line)
            rows.append(
                (
                    context.directions[direction_id],
                    str(year),
                    _money(money.planned_mln_kzt, lang)
                    if money.planned_mln_kzt is not None
                    else t("report.not_planned", lang),
                    _money(money.budget_mln_kzt, lang),
                    _money(money.executed_mln_kzt, lang),
                    rollups.pct_text(money.pct_of_plan, lang),
                    rollups.pct_text(money.pct_of_budget, lang),
                    t("report.lines_reported", lang, n=len(money.reported), m=len(money.lines)),
                )
            )
    yield Paragraph(t("report.financing_note", lang), "note")
    if execution is None:
        yield Paragraph(t("report.no_execution", lang))
    else:
        yield Paragraph(rollups.money_rollup(plan, reports, context.year).how(lang), "note")
    yield Table(
        "financing",
        (
            t("col.direction", lang),
            t("common.year", lang),
            t("report.col_planned", lang),
            t("report.col_budget", lang),
            t("report.col_executed", lang),
            t("report.col_executed_share", lang),
            t("report.col_budget_share", lang),
            t("report.col_lines_reported", lang),
        ),
        tuple(rows),
        (0.25, 0.07, 0.12, 0.12, 0.12, 0.1, 0.1, 0.12),
        (False, False, True, True, True, True, True, True),
    )
    lines = pd.concat(deviating, ignore_index=True)
    if lines.empty:
        return
    labels = financing.lines(plan)[f"label_{lang}"]
    yield Paragraph(t("report.financing_deviations", lang, n=len(lines)))
    yield from with_notes(
        Table(
            "financing_deviations",
            (
                t("col.line", lang),
                t("common.year", lang),
                t("report.col_planned", lang),
                t("report.col_budget", lang),
                t("report.col_executed", lang),
                t("exec.field.deviation_reason", lang),
            ),
            (),
            (0.3, 0.07, 0.12, 0.12, 0.12, 0.27),
            (False, False, True, True, True, False),
            keys=tuple(lines["line_id"]),
        ),
        [
            (
                str(labels[r["line_id"]]),
                str(r["year"]),
                _money(r["plan_mln_kzt"], lang),
                _money(r["budget_mln_kzt"], lang),
                _money(r["executed_mln_kzt"], lang),
                r["deviation_reason"] or "—",
            )
            for r in lines.to_dict("records")
        ],
        lang,
    )


def _deviates(line: Mapping[Any, Any]) -> bool:
    """A financing line whose executed money goes beyond its budget (or, without one, its plan figure), or
    whose report explains a deviation."""
    executed = line["executed_mln_kzt"]
    if _missing(executed):
        return False
    limit = line["plan_mln_kzt"] if _missing(line["budget_mln_kzt"]) else line["budget_mln_kzt"]
    return bool(line["deviation_reason"]) or (not _missing(limit) and float(executed) > float(limit) + 1e-9)


def rollups_empty() -> pd.DataFrame:
    """No execution reports: the plan's own figures alone."""
    return pd.DataFrame(columns=["kind", "subject_id", "period", "payload"])


# ── 2. per direction → goal → indicator ────────────────────────────────────


def indicator_columns(context_lang: str, period: Period) -> tuple[str, ...]:
    lang = context_lang
    return (
        t("report.col_code", lang),
        t("col.name", lang),
        t("col.unit", lang),
        t("report.col_target", lang, year=str(period.year)),
        t("report.col_actual", lang, period=period.label(lang)),
        t("report.col_achievement", lang),
        t("report.col_deviation", lang),
        t("report.col_status", lang),
        t("cycle.field.deviation_reason", lang),
        t("cycle.field.measures", lang),
    )


INDICATOR_WIDTHS = (0.075, 0.165, 0.075, 0.06, 0.07, 0.075, 0.07, 0.12, 0.145, 0.145)
INDICATOR_NUMERIC = (False, False, False, True, True, True, True, False, False, False)


def _indicators(context: _Context) -> Iterable[Block]:
    lang, plan, period = context.lang, context.plan, context.period
    yield Heading(1, t("report.indicators", lang))
    yield Paragraph(t("report.formula", lang), "formula")
    if period.half is not None:
        yield Paragraph(t("report.half_note", lang, period=period.label(lang), year=str(period.year)), "note")
    if context.sources.draft:
        yield Paragraph(t("report.draft_legend", lang), "note")
    columns = indicator_columns(lang, period)
    for direction_id in plan.directions["id"]:
        mine = plan.indicators[plan.indicators["direction_id"] == direction_id].sort_values("order")
        if mine.empty:
            continue
        yield Heading(2, context.directions[direction_id])
        for goal, group in _goal_groups(mine):
            yield Heading(3, context.goals.get(goal, t("report.headline", lang)))
            rows = [_indicator_row(context, row) for row in group.to_dict("records")]
            yield from with_notes(
                Table("indicators", columns, (), INDICATOR_WIDTHS, INDICATOR_NUMERIC, keys=tuple(group["id"])),
                rows,
                lang,
            )


def _goal_groups(indicators: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Consecutive indicators under the same goal, in the plan's order (a headline row heads its own group)."""
    groups: list[tuple[str, pd.DataFrame]] = []
    start = 0
    goals = list(indicators["goal"])
    for index in range(1, len(goals) + 1):
        if index == len(goals) or goals[index] != goals[start]:
            groups.append((goals[start], indicators.iloc[start:index]))
            start = index
    return groups


def _indicator_row(context: _Context, row: Mapping[Any, Any]) -> tuple[str, ...]:
    lang = context.lang
    indicator_id = str(row["id"])
    unit = i18n.unit_of(row, lang)
    target = context.targets.get(indicator_id)
    actual = context.value(indicator_id)
    status = context.by_indicator.loc[indicator_id]
    status_lines = [
        progress.status_label(str(status["status"]), lang),
        f"{t('indicator.based_on', lang)}: {progress.basis_label(status, lang)}",
    ]
    if status["manual_status"]:
        status_lines.append(
            t(
                "report.manual_status",
                lang,
                status=progress.status_label(str(status["manual_status"]), lang),
                reason=status["manual_reason"],
                who=status["manual_by"],
            )
        )
    report = context.in_view.get(indicator_id)
    explanation = ""
    measures = ""
    if report is not None:
        explanation = str(report["deviation_reason"] or "")
        if actual is None and report["no_data_reason"]:
            explanation = f"{t('cycle.field.no_data_reason', lang)}: {report['no_data_reason']}"
        measures = str(report["measures"] or "")
    code = str(row["code_raw"] or "—")
    actual_text = _n(actual, lang)
    if actual is not None and context.unapproved(indicator_id):
        actual_text += "\n" + t("report.not_approved", lang)
    return (
        code,
        str(row[f"name_{lang}"]),
        unit or "—",
        _n(target, lang),
        actual_text,
        achievement(str(row["desired"]), actual, target, unit, lang),
        deviation(actual, target, lang),
        "\n".join(status_lines),
        explanation or "—",
        measures or "—",
    )


# ── 3. indicators without data ─────────────────────────────────────────────


def _without_data(context: _Context) -> Iterable[Block]:
    lang, plan = context.lang, context.plan
    yield Heading(1, t("report.without_data", lang))
    owed = plan.indicators[[context.value(i) is None for i in plan.indicators["id"]]]
    if owed.empty:
        yield Paragraph(t("report.no_data_none", lang, period=context.period.label(lang)))
        return
    yield Paragraph(t("report.without_data_note", lang, period=context.period.label(lang)), "note")
    rows = []
    for row in owed.to_dict("records"):
        report = context.in_view.get(str(row["id"]))
        reason = str(report["no_data_reason"]) if report is not None and report["no_data_reason"] else ""
        rows.append(
            (
                str(row["code_raw"] or "—"),
                str(row[f"name_{lang}"]),
                context.body_text(str(row["responsible_body"] or "")),
                reason or t("report.not_reported_draft" if context.sources.draft else "report.not_reported", lang),
            )
        )
    yield Table(
        "without_data",
        (t("report.col_code", lang), t("col.name", lang), t("report.col_body", lang), t("report.col_reason", lang)),
        tuple(rows),
        (0.11, 0.44, 0.25, 0.20),
        (False, False, False, False),
        keys=tuple(owed["id"]),
    )


# ── 4. projects ────────────────────────────────────────────────────────────


def _projects(context: _Context) -> Iterable[Block]:
    lang, plan, year = context.lang, context.plan, context.year
    yield Heading(1, t("report.projects", lang))
    rollup = context.project_rollup()
    if rollup is not None and rollup.reported:
        yield Paragraph(rollups.summary_line(rollup, lang))
        yield Paragraph(rollup.how(lang), "note")
        yield from _executed_projects(context, rollup.table)
        return
    yield Paragraph(t("report.no_execution", lang))
    due = plan.projects[
        [_covers(s, e, year) for s, e in zip(plan.projects["start_year"], plan.projects["end_year"], strict=True)]
    ]
    yield Paragraph(t("report.projects_planned", lang, year=str(year), n=len(due)), "note")
    if due.empty:
        return
    yield Table(
        "projects_planned",
        (
            t("col.number", lang),
            t("col.project", lang),
            t("col.direction", lang),
            t("col.years", lang),
            t("col.cost", lang),
            t("report.col_stage_printed", lang),
        ),
        tuple(
            (
                _project_number(str(r["id"])),
                str(r[f"name_{lang}"]),
                context.directions.get(str(r["direction_id"]), ""),
                tables.years_text(r["start_year"], r["end_year"], lang),
                _money(r["cost_mln_kzt"], lang)
                if not _missing(r["cost_mln_kzt"])
                else t("report.cost_not_given", lang),
                t(f"stage.{r['stage']}", lang),
            )
            for r in due.to_dict("records")
        ),
        (0.05, 0.40, 0.22, 0.10, 0.11, 0.12),
        (True, False, False, False, True, False),
        keys=tuple(due["id"]),
    )


def _executed_projects(context: _Context, table: pd.DataFrame) -> Iterable[Block]:
    """Every project of the plan: its status, completion, money spent so far against its stated cost, and why it
    is late (``zhez.rollups.project_table``); "no approved report" where a body has not reported it."""
    lang, plan = context.lang, context.plan
    names = plan.projects.set_index("id")[f"name_{lang}"]

    rows = []
    for r in table.to_dict("records"):
        status = t(f"exec.status.{r['status']}", lang)
        if r["reported"] and r["approval"] != "approved":
            status += "\n" + t("report.not_approved", lang)
        late = rollups.delay_text(r, lang) if r["reported"] else ""
        if r["over_cost"]:
            late = "; ".join(x for x in (late, t("report.over_cost", lang, reason=r["over_cost_reason"] or "—")) if x)
        rows.append(
            (
                _project_number(str(r["project_id"])),
                str(names.get(r["project_id"], r["project_id"])),
                status,
                i18n.NO_VALUE if _missing(r["completion_pct"]) else rollups.pct_text(r["completion_pct"], lang),
                _money(r["spent_total_mln_kzt"], lang),
                _money(r["cost_mln_kzt"], lang)
                if not _missing(r["cost_mln_kzt"])
                else t("report.cost_not_given", lang),
                late or "—",
            )
        )
    yield from with_notes(
        Table(
            "projects",
            (
                t("col.number", lang),
                t("col.project", lang),
                t("report.col_project_status", lang),
                t("report.col_completion", lang),
                t("report.col_spent", lang),
                t("col.cost", lang),
                t("report.col_delay", lang),
            ),
            (),
            (0.05, 0.30, 0.17, 0.09, 0.11, 0.11, 0.17),
            (True, False, False, True, True, True, False),
            keys=tuple(table["project_id"]),
        ),
        rows,
        lang,
        label=1,
    )


def _project_number(project_id: str) -> str:
    """The plan's number of a project (``p07`` → ``7``), as the project tables show it."""
    number = project_id.lstrip("p")
    return str(int(number)) if number.isdigit() else project_id


def _covers(start: object, end: object, year: int) -> bool:
    """A project the plan schedules in ``year`` (or whose years it does not state)."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)  # type: ignore[call-overload]
    if not has_start and not has_end:
        return True
    low = int(start) if has_start else -10_000  # type: ignore[call-overload]
    high = int(end) if has_end else 10_000  # type: ignore[call-overload]
    return low <= year <= high


# ── 5. annex ───────────────────────────────────────────────────────────────


def _annex(context: _Context) -> Iterable[Block]:
    lang, plan, year = context.lang, context.plan, context.year
    yield Heading(1, t("report.annex", lang))
    findings = context.sources.findings
    touching = findings[findings["year"].isna() | (findings["year"] == year)] if not findings.empty else findings
    yield Heading(2, t("report.annex_findings", lang))
    yield Paragraph(t("report.annex_findings_note", lang, year=str(year), n=len(touching)), "note")
    if not touching.empty:
        table = tables.findings_table(plan, touching, lang)
        columns = (t("col.severity", lang), t("col.kind", lang), t("col.where", lang), t("col.finding", lang))
        yield from with_notes(
            Table("findings", columns, (), (0.14, 0.17, 0.21, 0.48), (False,) * 4, keys=tuple(touching["finding_id"])),
            [tuple(str(v) for v in values) for values in zip(*(table[c] for c in columns), strict=True)],
            lang,
            label=2,
        )
    yield Heading(2, t("report.annex_method", lang))
    yield Paragraph(t("report.method", lang))
