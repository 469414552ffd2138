"""Files for people who were not at the screen: chart images, plan workbooks, the meeting brief.

Every file says when it was made, what its data is as of and where the data comes from; a
scenario's files say "hypothetical" on every page. Charts are drawn server-side by vl-convert
with DejaVu Sans, which has every Kazakh letter.
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from zhez import charts, clock, execution_tables, financing, fonts, i18n, rollups, tables
from zhez.actuals import is_percent
from zhez.excel import workbook_bytes
from zhez.i18n import t
from zhez.plan import Plan
from zhez.progress import STATUS_COLORS, STATUS_ICONS, WORST_FIRST, Point, status_label
from zhez.summary import (
    direction_financing,
    directions_overview,
    estimate_banner,
    finding_counts,
    furthest_behind,
    worst_findings,
)

EXPORT_FONT = "DejaVu Sans"  # chart images (drawn here, so the reader needs no font)
BRIEF_FONT = "Arial"  # the brief's text, set by PowerPoint on the reader's PC
BRIEF_CHART_SIZE = 1.5  # chart text on a brief slide: 12 px × 1.5 drawn at full width ≥ 14 pt
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_fonts_registered = False


class ExportError(RuntimeError):
    """The file cannot be made as promised (e.g. no font with Kazakh letters on this machine)."""


def register_fonts() -> Path:
    """Make DejaVu Sans known to vl-convert, once; refuse rather than draw tofu boxes."""
    global _fonts_registered
    folder = fonts.dejavu_folder()
    if folder is None:
        raise ExportError("DejaVu Sans not found: install fonts-dejavu-core (see README)")
    if not _fonts_registered:
        vlc.register_font_directory(str(folder))
        _fonts_registered = True
    return folder


@dataclass(frozen=True)
class Provenance:
    """Where an export's numbers come from and when; printed on every page of it."""

    lang: str
    made_on: dt.date
    data_as_of: dt.date | None = None  # the last recorded actual; None when only the plan is shown
    scenario: str | None = None  # a scenario's name (or "") makes the export hypothetical
    unapproved: bool = False  # drawn with submitted values not yet approved (a signed-in person's preview)
    time_zone: str = ""  # the zone the file's times are written in (``clock.zone_label``)
    editions: str = ""  # the editions whose targets it judges by (``editions_text``); "" for the published plan alone

    @property
    def hypothetical(self) -> bool:
        return self.scenario is not None

    def source(self) -> str:
        if self.hypothetical:
            return t("export.source_scenario", self.lang, name=self.scenario or "—")
        if self.data_as_of is not None:
            return t("export.source_actuals", self.lang)
        return t("export.source_plan", self.lang)

    def as_of(self) -> str:
        if self.data_as_of is None:
            return t("export.as_of_plan", self.lang)
        return t("export.as_of", self.lang, date=i18n.day(self.data_as_of, self.lang))

    @property
    def marked(self) -> bool:
        """Whether the file shouts a warning (hypothetical, or not yet approved) on every page."""
        return self.hypothetical or self.unapproved

    def lines(self) -> list[str]:
        """One line for a footer or subtitle; one more, shouting, for a scenario and for unapproved values."""
        first = f"{t('export.made_on', self.lang, date=i18n.day(self.made_on, self.lang))} · {self.as_of()} · {self.source()}"
        lines = [first, self.editions] if self.editions else [first]
        return [
            *lines,
            *([t("export.hypothetical", self.lang)] if self.hypothetical else []),
            *([t("export.unapproved", self.lang)] if self.unapproved else []),
        ]

    def notes(self) -> dict[str, str]:
        """The same facts as README rows of a workbook."""
        notes = {
            t("export.note_made_on", self.lang): i18n.day(self.made_on, self.lang),
            t("export.note_as_of", self.lang): self.as_of(),
            t("export.note_source", self.lang): self.source(),
        }
        if self.editions:
            notes[t("export.note_editions", self.lang)] = self.editions
        if self.time_zone:
            notes[t("export.note_time_zone", self.lang)] = self.time_zone
        if self.unapproved:
            notes = {t("export.unapproved", self.lang): t("export.unapproved_note", self.lang), **notes}
        if self.hypothetical:
            notes = {t("export.hypothetical", self.lang): t("whatif.banner", self.lang), **notes}
        return notes


def editions_text(plan: Plan, lang: str) -> str:
    """Which editions' targets a view of the plan in force judges by, each from its year; "" when the plan
    has one edition."""
    if len(plan.editions) < 2:
        return ""
    parts = [
        t(
            "export.edition_from",
            lang,
            edition=tables.edition_label(plan, row["number"], lang),
            year=str(row["effective_year"]),
        )
        for row in plan.editions.sort_values(["effective_year", "number"]).to_dict("records")
    ]
    return t("export.editions", lang, editions="; ".join(parts))


def data_as_of(actuals: pd.DataFrame, zone: zoneinfo.ZoneInfo | None = None) -> dt.date | None:
    """The day (on the city's clocks) of the last recorded actual (what the status lenses can use), if any."""
    if actuals.empty:
        return None
    return clock.day(pd.Timestamp(actuals["recorded_at"].max()), zone)


# ── chart images ───────────────────────────────────────────────────────────


def paper_spec(chart: charts.Chart, lang: str, size: float = 1.0) -> dict[str, Any]:
    """The chart's Vega-Lite spec for paper: the export font, a fixed width, the legend in two columns."""
    spec = charts.finished(chart, lang, font=EXPORT_FONT, size=size)
    if not any(k in spec for k in ("facet", "hconcat", "vconcat", "concat")) and spec.get("width") in (
        None,
        "container",
    ):
        spec["width"] = 760  # on screen a chart takes its container's width; on paper it needs one
    spec.setdefault("config", {}).setdefault("legend", {})["columns"] = 2
    return spec


def stamped_spec(chart: charts.Chart, provenance: Provenance, size: float = 1.0) -> dict[str, Any]:
    """The chart's Vega-Lite spec in the export font, its provenance added under the title."""
    spec = paper_spec(chart, provenance.lang, size)
    title = spec.get("title", "")
    if isinstance(title, str):
        title = {"text": title}
    subtitle = title.get("subtitle", [])
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    title["subtitle"] = [*subtitle, *provenance.lines()]
    if provenance.marked:
        title["subtitleColor"] = "#B00020"
    spec["title"] = title
    return spec


def chart_bytes(chart: charts.Chart, fmt: str, provenance: Provenance, scale: float = 2.0, size: float = 1.0) -> bytes:
    """The chart as PNG, SVG or PDF, drawn without a browser (its text ``size`` times the screen's)."""
    register_fonts()
    spec = stamped_spec(chart, provenance, size)
    if fmt == "png":
        return bytes(vlc.vegalite_to_png(spec, scale=scale))
    if fmt == "svg":
        return str(vlc.vegalite_to_svg(spec)).encode("utf-8")
    if fmt == "pdf":
        return bytes(vlc.vegalite_to_pdf(spec))
    raise ValueError(f"unknown image format {fmt!r}")


# ── a direction's content, shared by the meeting screen and the brief ──────


def direction_panels(
    plan: Plan,
    rows: pd.DataFrame,
    observed: Mapping[str, list[Point]],
    actuals: pd.DataFrame,
    lang: str,
) -> list[charts.Panel]:
    """Small-multiple panels (status, heading, trajectory data, the coordinator's status) for ``progress_rows``,
    in their order."""
    return [
        charts.Panel(
            row["status"],
            f"{row['code']} {row['name']}",
            charts.trajectory_data(
                plan.series(row["indicator_id"]),
                observed.get(row["indicator_id"], []),
                lang,
                tables.recorded_at_by_year(actuals, row["indicator_id"]),
                percent=is_percent(plan.indicator(row["indicator_id"])["unit"]),
            ),
            _manual_mark(row, lang),
        )
        for _, row in rows.iterrows()
    ]


def _manual_mark(row: Mapping[Hashable, Any] | pd.Series, lang: str) -> str:
    """``⚑ coordinator: ● On track``: the coordinator's status beside a panel's computed one."""
    manual = str(row.get("manual_status") or "")
    return f"⚑ {t('status.manual_short', lang, status=status_label(manual, lang))}" if manual else ""


def direction_financing_chart(plan: Plan, direction_id: str, lang: str) -> alt.LayerChart:
    """The direction's line, year by year (the stacked chart of the whole plan, one line kept)."""
    lines = plan.financing[(plan.financing["direction_id"] == direction_id) & (plan.financing["role"] == "line")]
    return charts.financing_by_year(plan.financing, lang, only=set(lines["line_id"]))  # each line in its colour


# ── workbooks ──────────────────────────────────────────────────────────────


def plan_workbook(
    plan: Plan,
    assessment: pd.DataFrame,
    provenance: Provenance,
    direction_id: str | None = None,
) -> bytes:
    """A direction (or the whole plan): indicators, values, statuses with their basis, financing, projects."""
    lang = provenance.lang
    chosen = [direction_id] if direction_id else []
    statuses = tables.progress_rows(plan, assessment, lang, direction_id)
    status_sheet = pd.DataFrame(
        {
            t("col.code", lang): statuses["code"],
            t("col.name", lang): statuses["name"],
            t("col.status", lang): statuses["status_label"],
            t("col.manual_status", lang): statuses["manual_label"],
            t("col.basis", lang): statuses["basis"],
            t("export.col_ratio", lang): statuses["ratio"].astype("float64"),
            t("col.explanation", lang): statuses["explanation"],
            t("col.id", lang): statuses["indicator_id"],
        }
    )
    scope = tables.direction_names(plan, lang)[direction_id] if direction_id else t("export.whole_plan", lang)
    notes = {t("export.note_scope", lang): scope, **provenance.notes()}
    return workbook_bytes(
        {
            t("export.sheet_statuses", lang): status_sheet,
            t("export.sheet_indicators", lang): tables.indicators_table(plan, lang, chosen),
            t("export.sheet_values", lang): tables.values_table(plan, lang, chosen),
            t("export.sheet_financing", lang): tables.financing_table(plan, lang, chosen),
            t("export.sheet_projects", lang): tables.projects_table(plan, lang, chosen),
        },
        notes,
        lang,
    )


# ── the meeting brief ──────────────────────────────────────────────────────


def _tint(color: str, share: float = 0.2) -> str:
    """``color`` (``#RRGGBB``) mixed with white, ``share`` of the colour kept: a pale fill behind dark text."""
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _lines_needed(text: str, size_pt: float, width_emu: int) -> int:
    """How many lines ``text`` takes in a box ``width_emu`` wide (an average letter is about 0.55 em wide)."""
    per_line = max(1, int(width_emu / 12_700 / (0.55 * size_pt)))
    return max(1, -(-len(text) // per_line))


def brief_pptx(
    plan: Plan,
    assessment: pd.DataFrame,
    observed: Mapping[str, list[Point]],
    actuals: pd.DataFrame,
    findings: pd.DataFrame,
    provenance: Provenance,
    worst: int = 4,
    execution: pd.DataFrame | None = None,
) -> bytes:
    """Title, agenda, for each direction its statuses, its indicators furthest from their path and its
    financing (one chart a slide, at full width), execution (``Store.execution()``: the late projects and the
    year's money, from approved reports), the open audit findings.

    The text is in Arial (every Windows PC has it, with every Kazakh letter; LibreOffice draws it with the
    metric-compatible Liberation Sans, so tools/render_brief.py shows the layout PowerPoint will give)."""
    lang = provenance.lang
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # 16:9
    blank = deck.slide_layouts[6]
    names = tables.direction_names(plan, lang)
    left, width = 457_200, 11_277_600
    bottom = 6_150_000  # the footer starts here

    def text_box(slide: Any, top: float, height: float, lines: Sequence[str | Sequence[tuple[str, str]]], size: int, bold: bool = False, color: str = "1A1A1A") -> None:  # fmt: skip
        """Lines of text; a line given as (text, colour) pairs is written in runs of those colours."""
        frame = slide.shapes.add_textbox(Emu(left), Emu(int(top)), Emu(width), Emu(int(height))).text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            for text, run_color in [(line, color)] if isinstance(line, str) else line:
                run = paragraph.add_run()
                run.text = text
                run.font.size, run.font.bold, run.font.name = Pt(size), bold, BRIEF_FONT
                run.font.color.rgb = RGBColor.from_string(run_color)

    def new_slide(title: str) -> tuple[Any, int]:
        """A slide with its title (as many lines as it needs) and the footer; returns where content starts."""
        slide = deck.slides.add_slide(blank)
        lines = _lines_needed(title, 26, width)
        height = int(lines * 26 * 1.25 * 12_700) + 100_000
        text_box(slide, 228_600, height, [title], 26, bold=True)
        footer_color = "B00020" if provenance.marked else "555555"
        text_box(slide, bottom + 100_000, 500_000, provenance.lines(), 11, color=footer_color)
        return slide, 228_600 + height + 80_000

    def table(slide: Any, frame: pd.DataFrame, top: int, widths: Sequence[float], font: int, fills: Any = None) -> None:
        """``frame`` as a table; ``widths`` the columns' shares of the width; ``fills(row, column)`` a cell's
        fill and text colour (or None)."""
        shape = slide.shapes.add_table(len(frame) + 1, len(frame.columns), Emu(left), Emu(top), Emu(width), Emu(0))
        grid = shape.table
        for c, share in enumerate(widths):
            grid.columns[c].width = Emu(int(width * share / sum(widths)))
        cells = [list(map(str, frame.columns)), *([str(v) for v in values] for values in frame.itertuples(index=False))]
        for r, values in enumerate(cells):
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.text = value
                fill, ink = (fills(r, c) if fills else None) or (
                    ("F2F2F2", "1A1A1A") if r == 0 else ("FFFFFF", "1A1A1A")
                )
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.font.size, paragraph.font.name, paragraph.font.bold = Pt(font), BRIEF_FONT, r == 0
                    paragraph.font.color.rgb = RGBColor.from_string(ink)

    def picture(slide: Any, chart: charts.Chart, top: int) -> None:
        """The chart image at the full width of the slide (or as wide as the room under ``top`` allows)."""
        image = chart_bytes(chart, "png", provenance, scale=2.0, size=BRIEF_CHART_SIZE)  # axes, legend: ≥ 14 pt
        pixels_wide, pixels_high = Image.open(io.BytesIO(image)).size
        fit = min(width / pixels_wide, (bottom - top) / pixels_high)
        slide.shapes.add_picture(
            io.BytesIO(image), Emu(left), Emu(top), Emu(int(pixels_wide * fit)), Emu(int(pixels_high * fit))
        )

    def status_ink(status: str) -> tuple[str, str]:
        return _tint(STATUS_COLORS[status]), STATUS_COLORS[status][1:]

    # title
    slide, top = new_slide(t("export.brief_title", lang))
    text_box(slide, top + 300_000, 2_000_000, [t("export.brief_subtitle", lang), "", *provenance.lines()], 20)

    # agenda: every direction with its status counts, a count's cell in its status colour
    overview = directions_overview(plan, assessment)
    agenda = pd.DataFrame(
        {
            t("col.direction", lang): [names[d] for d in overview["direction_id"]],
            **{f"{STATUS_ICONS[s]} {t(f'status.{s}', lang)}": overview[s].astype(int) for s in WORST_FIRST},
        }
    )

    agenda_counts = {s: [int(n) for n in overview[s]] for s in WORST_FIRST}

    def agenda_fill(r: int, c: int) -> tuple[str, str] | None:
        if c == 0:
            return None
        status = WORST_FIRST[c - 1]
        if r == 0:
            return "F2F2F2", STATUS_COLORS[status][1:]
        return status_ink(status) if agenda_counts[status][r - 1] else None

    slide, top = new_slide(t("meeting.agenda", lang))
    banner = estimate_banner(assessment, lang)
    if banner:
        text_box(slide, top, 600_000, [f"⚠ {banner}"], 14, color="7A4B00")
        top += 50_000 + int(12_700 * 14 * 1.25 * _lines_needed(banner, 14, width))
    table(slide, agenda, top + 80_000, [4, *([1.3] * len(WORST_FIRST))], 16, agenda_fill)

    for direction_id in plan.directions["id"]:
        name = names[direction_id]
        rows = tables.progress_rows(plan, assessment, lang, direction_id)
        counts = rows["status"].value_counts()
        # the direction: its status counts, the indicators furthest behind with their status, its financing
        slide, top = new_slide(name)
        summary = [
            (f"{STATUS_ICONS[s]} {t(f'status.{s}', lang)}: {int(counts.get(s, 0))}" + ("   " if s != WORST_FIRST[-1] else ""), STATUS_COLORS[s][1:])
            for s in WORST_FIRST
        ]  # fmt: skip
        text_box(slide, top, 400_000, [summary], 16, bold=True)
        top += 450_000
        total = direction_financing(plan, direction_id)
        if total is None:
            printed = direction_id in set(plan.financing["direction_id"])
            money_line = t("ux.meeting.no_financing_printed" if printed else "meeting.no_financing", lang)
        else:
            money_line = f"{t('meeting.financing', lang)}: {i18n.money(total, lang)}"
        text_box(slide, top, 400_000, [money_line], 14)
        top += 450_000
        shown = rows.head(6)
        status_table = pd.DataFrame(
            {
                t("col.code", lang): shown["code"],
                t("col.name", lang): shown["name"],
                t("col.status", lang): [  # with its icon, and the coordinator's status beside it when set
                    f"{s} · ⚑ {t('status.manual_short', lang, status=status_label(m, lang))}" if m else s
                    for s, m in zip(shown["status_label"], shown.get("manual_status", [""] * len(shown)), strict=True)
                ],
                t("col.basis", lang): shown["basis"],
            }
        )  # fmt: skip
        statuses = list(shown["status"])
        table(
            slide,
            status_table,
            top,
            [1.1, 6.5, 2.2, 2.2],
            13,
            lambda r, c, statuses=statuses: status_ink(statuses[r - 1]) if r and c == 2 else None,
        )
        if len(rows) > len(shown):
            text_box(
                slide,
                bottom - 400_000,
                400_000,
                [t("meeting.more", lang, n=len(rows) - len(shown))],
                12,
                color="555555",
            )
        # the indicators furthest from their path, one chart at full width
        furthest = furthest_behind(rows, worst)  # none on track: "furthest from their path" would mislead
        if not furthest.empty:
            slide, top = new_slide(t("ux.brief.worst_slide", lang, direction=name))
            panels = direction_panels(plan, furthest, observed, actuals, lang)
            columns = min(2, len(panels))
            grid = charts.small_multiples(  # headings of two lines at most: the slide has room for no more
                panels, lang, "", columns, 1000 // columns, panel_height=100, size=BRIEF_CHART_SIZE, title_lines=2
            )
            picture(slide, grid, top)
        # its financing by year, with the reading of the table its sums follow
        if total is not None:
            slide, top = new_slide(t("ux.brief.financing_slide", lang, direction=name))
            note = financing.reading_note(plan, lang, direction_id)
            if note:
                text_box(slide, top, 600_000, [note], 12, color="333333")
                top += 80_000 + int(12_700 * 12 * 1.25 * _lines_needed(note, 12, width))
            spec = direction_financing_chart(plan, direction_id, lang).properties(title="", width=1000, height=260)
            picture(slide, spec, top)

    # execution: the late projects and the year's money, from approved reports
    if execution is not None:
        year = rollups.latest_year(execution)
        projects = rollups.project_rollup(plan, execution, year)
        cash = rollups.money_rollup(plan, execution, year)
        slide, top = new_slide(t("exec.meeting.title", lang))
        lines = [rollups.summary_line(projects, lang), rollups.money_line(cash, lang)]
        text_box(slide, top, 700_000, lines, 14, bold=True)
        top += 80_000 + sum(int(12_700 * 14 * 1.25 * _lines_needed(line, 14, width)) for line in lines)
        late = execution_tables.late_table(plan, projects.table, lang).iloc[:8, :4].fillna("")
        if not late.empty:
            table(slide, late, top, [0.8, 6.6, 2.3, 2.3], 12)
        text_box(slide, bottom - 700_000, 700_000, [projects.how(lang)[:900]], 9, color="555555")

    # closing: the audit's open findings
    slide, top = new_slide(t("meeting.closing", lang))
    errors = worst_findings(findings, lang, limit=6)
    text_box(
        slide, top, bottom - top,
        [t("meeting.findings_count", lang, n=len(findings), errors=finding_counts(findings)["error"]), *(f"✖ {m}" for m in errors)],
        14,
    )  # fmt: skip
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
