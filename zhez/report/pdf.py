"""The report and the indicator sheets as PDF (fpdf2: pure Python, TrueType fonts, SVG drawn as vectors).

DejaVu Sans (regular and bold, both in Debian's fonts-dejavu-core) has every Kazakh letter; the text layer
is real text, so a reader can search and copy it. Charts are the screens' charts drawn by vl-convert as
SVG and laid into the page as vector paths and text. Every page carries the provenance line and its
number; every page of a draft, the draft mark. The outline (bookmarks) follows the headings.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import PageOrientation, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.outline import OutlineSection

from zhez import fonts
from zhez.report.content import Chart, Heading, Paragraph, Report, Table, introduces
from zhez.report.images import chart_svg, svg_size
from zhez.report.measure import FONT, fit_widths, font_folder, printed_heading
from zhez.report.sheet import Sheet

MARGIN = 15.0
INK = (26, 26, 26)
GREY = (85, 85, 85)
RED = (176, 0, 32)
HEADING_PT = {1: 14.0, 2: 12.0, 3: 10.0}
BODY_PT = 9.5
TABLE_PT = 8.0
WIDE_TABLE_PT = 7.0
KEEP_WITH_HEADING = 28.0  # mm a heading needs below it on the page (else it starts the next page)


class _Pages(FPDF):
    """A4 pages with the draft mark on top and the provenance line and page number at the foot."""

    def __init__(self, footer: str, draft_mark: str, page_word: str, header_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text, self.draft_mark, self.page_word, self.header_text = footer, draft_mark, page_word, header_text
        self.set_margins(MARGIN, 17, MARGIN)
        self.set_auto_page_break(True, margin=17)
        self.alias_nb_pages("{nb}")
        folder = font_folder()
        self.add_font(FONT, "", str(folder / fonts.REGULAR))
        self.add_font(FONT, "B", str(folder / fonts.BOLD))
        self.set_font(FONT, size=BODY_PT)
        self.set_text_color(*INK)

    def header(self) -> None:
        self.set_y(7)
        if self.draft_mark:
            self.set_font(FONT, "B", 11)
            self.set_text_color(*RED)
            self.cell(0, 6, self.draft_mark, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif self.header_text:
            self.set_font(FONT, "", 7)
            self.set_text_color(*GREY)
            self.cell(0, 5, self.header_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_PT)
        self.set_y(17)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*GREY)
        page = self.page_word.replace("{n}", str(self.page_no())).replace("{total}", "{nb}")
        width = self.get_string_width(page) + 2
        self.multi_cell(self.epw - width - 4, 3, self.footer_text, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_font(FONT, "", 7.5)
        self.cell(0, 3, page, align="R")
        self.set_text_color(*INK)


# ── the report ─────────────────────────────────────────────────────────────


def pdf_bytes(report: Report) -> bytes:
    """The report as PDF."""
    pdf = _Pages(report.footer, report.draft_mark, report.page_word, report.plan_name)
    pdf.set_title(report.title)
    pdf.set_lang(report.lang)
    pdf.add_page()
    _title_page(pdf, report)
    pdf.add_page()
    pdf.insert_toc_placeholder(lambda p, outline: _contents(p, outline, report), pages=1, allow_extra_pages=True)
    for part in report.parts:
        _new_page(pdf, "L" if part.landscape else "P")
        blocks = part.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                _heading(
                    pdf, block, _start_height(pdf, blocks[index + 1 :], report.lang), first_of_page=pdf.get_y() <= 18
                )
            elif isinstance(block, Paragraph):
                _paragraph(pdf, block, keep_with_next=introduces(blocks, index))
            elif isinstance(block, Table):
                _table(pdf, block, WIDE_TABLE_PT if len(block.columns) > 7 else TABLE_PT)
            elif isinstance(block, Chart):
                _chart(pdf, block, report.lang)
    return bytes(pdf.output())


def _new_page(pdf: FPDF, orientation: str) -> None:
    """A new page in ``orientation``, unless the current one is still empty and already so (the contents
    placeholder leaves one)."""
    if pdf.get_y() <= pdf.t_margin + 0.5 and pdf.cur_orientation is PageOrientation.coerce(orientation):
        return
    pdf.add_page(orientation=orientation)


def _title_page(pdf: _Pages, report: Report) -> None:
    pdf.set_y(40)
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, report.plan_name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if report.plan_name_note:
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 5, report.plan_name_note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
    pdf.ln(4)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(0, 7, report.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if report.draft_mark:
        pdf.ln(2)
        pdf.set_font(FONT, "B", 13)
        pdf.set_text_color(*RED)
        pdf.multi_cell(0, 7, report.draft_mark, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
    pdf.ln(6)
    _table(pdf, Table("title_facts", ("", ""), report.facts, (0.32, 0.68), (False, False)), 9, header=False)


def _contents(pdf: FPDF, outline: list[OutlineSection], report: Report) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT, "B", HEADING_PT[1])
    pdf.cell(0, 10, report.contents_title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in outline:
        if section.level > 1:
            continue
        pdf.set_font(FONT, "B" if section.level == 0 else "", 10 if section.level == 0 else 9.5)
        indent = 6 * section.level
        pdf.set_x(pdf.l_margin + indent)
        number = str(section.page_number)
        width = pdf.epw - indent - 12
        pdf.cell(width, 6, section.name, link=pdf.add_link(page=section.page_number))
        pdf.cell(12, 6, number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _start_height(pdf: FPDF, following: Sequence[object], lang: str) -> float:
    """How much of what follows a heading must share its page (mm): the next headings, the notes that
    introduce a table, and the first lines of the text, the header and first row of the table or the chart
    that comes next. A heading is never left alone at the foot of a page."""
    height = 0.0
    for block in following:
        if isinstance(block, Heading):
            height += HEADING_PT[block.level] * 0.5 + 4.5
            continue
        if isinstance(block, Paragraph):
            size = {"body": BODY_PT, "note": 8.0, "formula": 8.5}[block.style]
            pdf.set_font(FONT, "", size)
            lines = len(list(pdf.multi_cell(0, size * 0.48, block.text, dry_run=True, output="LINES")))  # type: ignore[arg-type]
            height += min(lines, 4 if block.style == "body" else lines) * size * 0.48 + 1.5
            if block.style == "body":
                break
            continue
        if isinstance(block, Table):
            height += _first_rows_height(pdf, block, WIDE_TABLE_PT if len(block.columns) > 7 else TABLE_PT)
        elif isinstance(block, Chart):
            width_px, height_px = svg_size(chart_svg(block.chart, lang))
            height += min(pdf.epw, 180.0) * block.width * height_px / width_px
        break
    pdf.set_font(FONT, "", BODY_PT)
    return max(KEEP_WITH_HEADING, height)


def _first_rows_height(pdf: FPDF, table: Table, size: float) -> float:
    """The height of a table's header row and first row as ``_table`` draws them."""
    widths = fit_widths(table, size, pdf.epw)
    height = 0.0
    for style, cells in (("B", table.columns), ("", table.rows[0] if table.rows else ())):
        pdf.set_font(FONT, style, size)
        lines = [
            len(list(pdf.multi_cell(w - 2.0, size * 0.45, text, dry_run=True, output="LINES")))  # type: ignore[arg-type]
            for w, text in zip(widths, cells, strict=False)
        ]
        height += max(lines, default=0) * size * 0.45 + 1.6
    return height + 3


def _heading(pdf: _Pages, heading: Heading, needed: float, first_of_page: bool) -> None:
    if pdf.will_page_break(needed) and not first_of_page:
        pdf.add_page(orientation=pdf.cur_orientation.value)
        first_of_page = True
    if not first_of_page:
        pdf.ln(3 if heading.level > 1 else 5)
    pdf.start_section(heading.text, heading.level - 1, strict=False)
    pdf.set_font(FONT, "B", HEADING_PT[heading.level])
    pdf.multi_cell(0, HEADING_PT[heading.level] * 0.5, heading.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY_PT)


def _paragraph(pdf: _Pages, block: Paragraph, keep_with_next: bool) -> None:
    size = {"body": BODY_PT, "note": 8.0, "formula": 8.5}[block.style]
    pdf.set_font(FONT, "", size)
    lines = len(list(pdf.multi_cell(0, size * 0.48, block.text, dry_run=True, output="LINES")))  # type: ignore[arg-type]
    # a short paragraph stays whole; a long one may flow on, with three lines at least on this page (so the
    # heading above it is never left alone); a note stays with the table it introduces
    kept = lines if lines <= 4 else 3
    height = kept * size * 0.48 + (20 if keep_with_next else 0)
    if pdf.will_page_break(height):
        pdf.add_page(orientation=pdf.cur_orientation.value)
    if block.style == "note":
        pdf.set_text_color(*GREY)
    indent = 4 if block.style == "formula" else 0
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, size * 0.48, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY_PT)


def _table(pdf: FPDF, table: Table, size: float, header: bool = True) -> None:
    pdf.set_font(FONT, "", size)
    aligns = tuple("RIGHT" if n else "LEFT" for n in table.numeric)
    last = len(table.rows) - 1
    with pdf.table(
        col_widths=fit_widths(table, size, pdf.epw),
        width=pdf.epw,
        text_align=aligns,
        line_height=size * 0.45,
        first_row_as_headings=header,
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(232, 232, 232)),
        cell_fill_mode=TableCellFillMode.NONE,
        v_align="TOP",
        padding=(0.8, 1.0, 0.8, 1.0),
        align="LEFT",
    ) as grid:
        if header:
            cells = grid.row()
            for heading in table.columns:
                cells.cell(printed_heading(heading), align="LEFT")
        bold = FontFace(emphasis="BOLD")
        for index, values in enumerate(table.rows):
            cells = grid.row()
            for value in values:
                cells.cell(value, style=bold if table.total_row and index == last else None)
    pdf.ln(3)
    pdf.set_font(FONT, "", BODY_PT)


def _chart(pdf: FPDF, block: Chart, lang: str) -> None:
    svg = chart_svg(block.chart, lang)
    width_px, height_px = svg_size(svg)
    width = min(pdf.epw, 180.0) * block.width
    height = width * height_px / width_px
    if pdf.will_page_break(height):
        pdf.add_page(orientation=pdf.cur_orientation.value)
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
    pdf.ln(3)


# ── indicator sheets ───────────────────────────────────────────────────────


def sheets_pdf(sheets: Sequence[Sheet]) -> bytes:
    """One page per indicator sheet, in the given order; each at the largest text size that fits its page."""
    first = sheets[0]

    def pages() -> _Pages:
        made = _Pages(first.footer, first.draft_mark, first.page_word, first.plan_name)
        made.set_title(first.file_title if len(sheets) == 1 else first.plan_name)
        made.set_lang(first.lang)
        return made

    pdf, trial = pages(), pages()  # the trial document measures a sheet before it is drawn for real
    for sheet in sheets:
        svg = chart_svg(sheet.chart, sheet.lang)
        scale = 1.0
        for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
            before = trial.page
            _sheet_page(trial, sheet, svg, scale)
            if trial.page == before + 1:
                break
        _sheet_page(pdf, sheet, svg, scale)
    return bytes(pdf.output())


def _sheet_page(pdf: _Pages, sheet: Sheet, svg: str, scale: float) -> None:
    pdf.add_page()
    pdf.start_section(sheet.heading, 0, strict=False)
    pdf.set_font(FONT, "B", 13 * scale)
    pdf.multi_cell(0, 6 * scale, sheet.heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if sheet.original_name:
        pdf.set_font(FONT, "", 8 * scale)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 4 * scale, sheet.original_name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
    pdf.ln(1.5)
    _table(pdf, sheet.facts, 7.5 * scale, header=False)
    pdf.set_font(FONT, "B", 9.5 * scale)
    pdf.multi_cell(0, 5 * scale, sheet.status, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 8.5 * scale)
    for line in sheet.status_lines:
        pdf.multi_cell(0, 4.2 * scale, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    width = min(pdf.epw, 175 * scale)
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
    pdf.ln(1.5)
    _table(pdf, sheet.values, 7.5 * scale)
    pdf.set_font(FONT, "B", 9 * scale)
    pdf.multi_cell(0, 5 * scale, sheet.explanation_title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for label, text in sheet.explanation:
        if label:
            pdf.set_font(FONT, "B", 8.5 * scale)
            pdf.multi_cell(0, 4.2 * scale, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 8.5 * scale)
        pdf.multi_cell(0, 4.2 * scale, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
