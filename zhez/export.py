"""Files for people who were not at the screen: chart images, plan workbooks, the meeting brief.

Every file says when it was made, what its data is as of and where the data comes from; a
scenario's files say "hypothetical" on every page. Charts are drawn server-side by vl-convert
with DejaVu Sans, which has every Kazakh letter.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
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

from zhez import charts, tables
from zhez.excel import workbook_bytes
from zhez.i18n import t
from zhez.plan import Plan
from zhez.progress import STATUS_ICONS, WORST_FIRST, Point
from zhez.summary import directions_overview, finding_counts, worst_findings

EXPORT_FONT = "DejaVu Sans"
FONT_DIRS = (
    Path(__file__).resolve().parent.parent / "data" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_fonts_registered = False


class ExportError(RuntimeError):
    """The file cannot be made as promised (e.g. no font with Kazakh letters on this machine)."""


def register_fonts() -> Path:
    """Make DejaVu Sans known to vl-convert, once; refuse rather than draw tofu boxes."""
    global _fonts_registered
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            if not _fonts_registered:
                vlc.register_font_directory(str(folder))
                _fonts_registered = True
            return folder
    raise ExportError("DejaVu Sans not found: install fonts-dejavu-core (see README)")


@dataclass(frozen=True)
class Provenance:
    """Where an export's numbers come from and when; printed on every page of it."""

    lang: str
    made_on: dt.date
    data_as_of: dt.date | None = None  # the last recorded actual; None when only the plan is shown
    scenario: str | None = None  # a scenario's name (or "") makes the export hypothetical
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
        return t("export.as_of", self.lang, date=self.data_as_of.isoformat())

    def lines(self) -> list[str]:
        """One line for a footer or subtitle; a second, shouting one for a scenario."""
        first = f"{t('export.made_on', self.lang, date=self.made_on.isoformat())} · {self.as_of()} · {self.source()}"
        lines = [first, self.editions] if self.editions else [first]
        return [*lines, t("export.hypothetical", self.lang)] if self.hypothetical else lines

    def notes(self) -> dict[str, str]:
        """The same facts as README rows of a workbook."""
        notes = {
            t("export.note_made_on", self.lang): self.made_on.isoformat(),
            t("export.note_as_of", self.lang): self.as_of(),
            t("export.note_source", self.lang): self.source(),
        }
        if self.editions:
            notes[t("export.note_editions", self.lang)] = self.editions
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


def data_as_of(actuals: pd.DataFrame) -> dt.date | None:
    """The day of the last recorded actual (what the status lenses can use), if any."""
    if actuals.empty:
        return None
    return pd.Timestamp(actuals["recorded_at"].max()).date()


# ── chart images ───────────────────────────────────────────────────────────


def stamped_spec(chart: charts.Chart, provenance: Provenance, size: float = 1.0) -> dict[str, Any]:
    """The chart's Vega-Lite spec in the export font, its provenance added under the title."""
    spec = charts.finish(chart, provenance.lang, font=EXPORT_FONT, size=size).to_dict()
    title = spec.get("title", "")
    if isinstance(title, str):
        title = {"text": title}
    subtitle = title.get("subtitle", [])
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    title["subtitle"] = [*subtitle, *provenance.lines()]
    if provenance.hypothetical:
        title["subtitleColor"] = "#B00020"
    spec["title"] = title
    if not any(k in spec for k in ("facet", "hconcat", "vconcat", "concat")) and spec.get("width") in (
        None,
        "container",
    ):
        spec["width"] = 760  # on screen a chart takes its container's width; on paper it needs one
    spec.setdefault("config", {}).setdefault("legend", {})["columns"] = 2
    return spec


def chart_bytes(chart: charts.Chart, fmt: str, provenance: Provenance, scale: float = 2.0) -> bytes:
    """The chart as PNG, SVG or PDF, drawn without a browser."""
    register_fonts()
    spec = stamped_spec(chart, provenance)
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
) -> list[tuple[str, str, pd.DataFrame]]:
    """Small-multiple panels (status, heading, trajectory data) for ``progress_rows``, in their order."""
    return [
        (
            row["status"],
            f"{row['code']} {row['name']}",
            charts.trajectory_data(
                plan.series(row["indicator_id"]),
                observed.get(row["indicator_id"], []),
                lang,
                tables.recorded_at_by_year(actuals, row["indicator_id"]),
            ),
        )
        for _, row in rows.iterrows()
    ]


def direction_financing_chart(plan: Plan, direction_id: str, lang: str) -> alt.LayerChart:
    """The direction's line, year by year (the stacked chart of the whole plan, one line kept)."""
    lines = plan.financing[plan.financing["direction_id"] == direction_id]
    return charts.financing_by_year(lines[lines["role"] == "line"], lang)


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
    )


# ── the meeting brief ──────────────────────────────────────────────────────


def brief_pptx(
    plan: Plan,
    assessment: pd.DataFrame,
    observed: Mapping[str, list[Point]],
    actuals: pd.DataFrame,
    findings: pd.DataFrame,
    provenance: Provenance,
    worst: int = 6,
) -> bytes:
    """Title, agenda, one slide per direction (status table and chart images), open audit findings."""
    lang = provenance.lang
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # 16:9
    blank = deck.slide_layouts[6]
    names = tables.direction_names(plan, lang)

    def text_box(slide: Any, left: float, top: float, width: float, height: float, lines: Sequence[str], size: int, bold: bool = False, color: str = "1A1A1A") -> None:  # fmt: skip
        frame = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height))).text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size, paragraph.font.bold, paragraph.font.name = Pt(size), bold, EXPORT_FONT
            paragraph.font.color.rgb = RGBColor.from_string(color)

    def new_slide(title: str) -> Any:
        slide = deck.slides.add_slide(blank)
        text_box(slide, 457_200, 228_600, 11_277_600, 700_000, [title], 30, bold=True)
        footer_color = "B00020" if provenance.hypothetical else "555555"
        text_box(slide, 457_200, 6_250_000, 11_277_600, 500_000, provenance.lines(), 11, color=footer_color)
        return slide

    def table(slide: Any, frame: pd.DataFrame, left: int, top: int, width: int, font: int = 12) -> None:
        shape = slide.shapes.add_table(
            len(frame) + 1, len(frame.columns), Emu(left), Emu(top), Emu(width), Emu(300_000 * (len(frame) + 1))
        )
        grid = shape.table
        for c, column in enumerate(frame.columns):
            grid.cell(0, c).text = str(column)
        for r, values in enumerate(frame.itertuples(index=False), start=1):
            for c, value in enumerate(values):
                grid.cell(r, c).text = str(value)
        for r in range(len(frame) + 1):
            for c in range(len(frame.columns)):
                for paragraph in grid.cell(r, c).text_frame.paragraphs:
                    paragraph.font.size, paragraph.font.name = Pt(font), EXPORT_FONT

    def picture(slide: Any, chart: charts.Chart, left: int, top: int, width: int, height: int) -> None:
        """The chart image, as large as fits the box, keeping its proportions."""
        image = chart_bytes(chart, "png", provenance, scale=1.5)
        pixels_wide, pixels_high = Image.open(io.BytesIO(image)).size
        fit = min(width / pixels_wide, height / pixels_high)
        slide.shapes.add_picture(
            io.BytesIO(image), Emu(left), Emu(top), Emu(int(pixels_wide * fit)), Emu(int(pixels_high * fit))
        )

    # title
    slide = new_slide(t("export.brief_title", lang))
    text_box(
        slide,
        457_200,
        1_300_000,
        11_277_600,
        2_000_000,
        [t("export.brief_subtitle", lang), "", *provenance.lines()],
        20,
    )

    # agenda: every direction with its status counts
    overview = directions_overview(plan, assessment)
    agenda = pd.DataFrame(
        {
            t("col.direction", lang): [names[d] for d in overview["direction_id"]],
            **{f"{STATUS_ICONS[s]} {t(f'status.{s}', lang)}": overview[s].astype(int) for s in WORST_FIRST},
        }
    )
    slide = new_slide(t("meeting.agenda", lang))
    table(slide, agenda, 457_200, 1_100_000, 11_277_600, font=13)

    # one slide per direction
    for direction_id in plan.directions["id"]:
        rows = tables.progress_rows(plan, assessment, lang, direction_id)
        counts = rows["status"].value_counts()
        slide = new_slide(names[direction_id])
        summary = " · ".join(
            f"{STATUS_ICONS[s]} {t(f'status.{s}', lang)}: {int(counts.get(s, 0))}" for s in WORST_FIRST
        )
        text_box(slide, 457_200, 850_000, 11_277_600, 400_000, [summary], 14, bold=True)
        shown = rows.head(worst)
        status_table = pd.DataFrame(
            {
                t("col.code", lang): shown["code"],
                t("col.name", lang): [n if len(n) <= 60 else n[:59] + "…" for n in shown["name"]],
                t("col.status", lang): shown["status_label"],
                t("col.basis", lang): shown["basis"],
            }
        )
        table(slide, status_table, 457_200, 1_300_000, 5_400_000, font=10)
        if not shown.empty:
            panels = direction_panels(plan, shown, observed, actuals, lang)
            grid = charts.small_multiples(
                panels, lang, t("meeting.worst_title", lang, n=len(shown)), columns=2, panel_width=220, panel_height=90
            )
            picture(slide, grid, 6_100_000, 1_250_000, 5_650_000, 3_000_000)
        if direction_id in set(plan.financing["direction_id"]):
            picture(
                slide, direction_financing_chart(plan, direction_id, lang), 6_100_000, 4_300_000, 5_650_000, 1_900_000
            )

    # closing: the audit's open findings
    slide = new_slide(t("meeting.closing", lang))
    errors = worst_findings(findings, lang, limit=8)
    text_box(
        slide, 457_200, 1_100_000, 11_277_600, 4_800_000,
        [t("meeting.findings_count", lang, n=len(findings), errors=finding_counts(findings)["error"]), *(f"✖ {m}" for m in errors)],
        14,
    )  # fmt: skip
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
