"""The report as an editable Word file (python-docx).

Word's own heading styles (the navigation pane and the table of contents field work), A4 with landscape
sections for the wide tables, real tables whose header row repeats on every page and whose rows never
split across pages, page numbers, the provenance line in every footer and, for a draft, the draft mark in
every header. Charts are SVG (vectors, Word 2016 and later) with a 350 dpi PNG beside them for readers
that cannot take SVG. Body text is Times New Roman, which has every Kazakh letter.

Tables are written as WordprocessingML directly (one XML parse per table): python-docx's cell by cell
API costs about a millisecond a cell, which a plan of thousands of indicators would feel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from zhez.report.content import Chart, Heading, Paragraph, Report, Table, introduces
from zhez.report.images import chart_svg, svg_png
from zhez.report.measure import fit_widths, printed_heading

FONT = "Times New Roman"
BODY_PT = 11
TABLE_PT = 9
WIDE_TABLE_PT = 8  # the ten-column indicator tables
MARGIN_MM = 18
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x55, 0x55, 0x55)
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office's extension for an SVG beside a picture
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
TWIPS_PER_MM = 1440 / 25.4


def docx_bytes(report: Report) -> bytes:
    """The report as a .docx file."""
    document = Document()
    _styles(document)
    _language(document, report.lang)
    first = document.sections[0]
    _page(first, landscape=False)
    _header_footer(document, report)
    _title_page(document, report)
    _contents(document, report)
    for part in report.parts:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _page(section, part.landscape)
        width_mm = (297 if part.landscape else 210) - 2 * MARGIN_MM
        for index, block in enumerate(part.blocks):
            if isinstance(block, Heading):
                document.add_heading(block.text, block.level)
            elif isinstance(block, Paragraph):
                _paragraph(document, block, introduces(part.blocks, index))
            elif isinstance(block, Table):
                _table(document, block, width_mm, WIDE_TABLE_PT if len(block.columns) > 7 else TABLE_PT)
            elif isinstance(block, Chart):
                _chart(document, block, report.lang, width_mm)
    settings = document.settings.element
    settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))  # Word fills the contents in
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ── styles and pages ───────────────────────────────────────────────────────


def _font(element: object, name: str) -> None:
    """Every script of a style or run in ``name`` (a theme font would otherwise win over it)."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _font(normal.element, FONT)
    normal.paragraph_format.space_after = Pt(4)
    sizes = {"Title": 20, "Subtitle": 14, "Heading 1": 15, "Heading 2": 13, "Heading 3": 11.5}
    for name, size in sizes.items():
        style = styles[name]
        _font(style.element, FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = INK
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        if name.startswith("Heading"):
            style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
            style.paragraph_format.space_after = Pt(4)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.font.size = Pt(TABLE_PT)
    note = styles.add_style("Report Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9.5)
    note.font.color.rgb = GREY
    formula = styles.add_style("Report Formula", WD_STYLE_TYPE.PARAGRAPH)
    formula.base_style = normal
    formula.font.size = Pt(10)
    formula.paragraph_format.left_indent = Mm(4)
    formula.paragraph_format.space_after = Pt(6)
    for level, indent in ((1, 0), (2, 5), (3, 10)):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Mm(indent)
        toc.paragraph_format.space_after = Pt(2)


WORD_LANGUAGES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def _language(document: DocumentObject, lang: str) -> None:
    """The report's language as Word's proofing language (python-docx's template says en-US, so Word would
    underline every Kazakh or Russian word as a spelling mistake)."""
    tag = WORD_LANGUAGES[lang]
    styles = document.styles.element
    normal = styles.xpath('w:style[@w:styleId="Normal"]')[0].get_or_add_rPr()
    for rpr in [*styles.xpath("w:docDefaults/w:rPrDefault/w:rPr"), normal]:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'))


def _page(section: object, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))  # type: ignore[attr-defined]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = Mm(8)  # type: ignore[attr-defined]
    section.footer_distance = Mm(8)  # type: ignore[attr-defined]


def _field(paragraph: DocxParagraph, instruction: str, shown: str, size: float) -> None:
    """A simple field (``PAGE``, ``NUMPAGES``) with the text Word shows until it updates it."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:rPr><w:sz w:val="{int(size * 2)}"/>'
            f"</w:rPr><w:t>{shown}</w:t></w:r></w:fldSimple>"
        )
    )


def _header_footer(document: DocumentObject, report: Report) -> None:
    """On the first section; every later one is linked to it, so every page has them."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.draft_mark:
        run = header.add_run(report.draft_mark)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(12), DRAFT_RED
    else:
        run = header.add_run(report.plan_name)
        run.font.size, run.font.color.rgb = Pt(8), GREY
    footer = section.footer.paragraphs[0]
    run = footer.add_run(report.footer)
    run.font.size, run.font.color.rgb = Pt(7.5), GREY
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, rest = report.page_word.split("{n}", 1)
    middle, after = rest.split("{total}", 1)
    for text, instruction in ((before, ""), ("", "PAGE"), (middle, ""), ("", "NUMPAGES"), (after, "")):
        if instruction:
            _field(pages, instruction, "1", 9)
        elif text:
            pages.add_run(text).font.size = Pt(9)


def _title_page(document: DocumentObject, report: Report) -> None:
    document.add_paragraph(report.plan_name, style="Title")
    if report.plan_name_note:
        note = document.add_paragraph(report.plan_name_note, style="Report Note")
        note.runs[0].italic = True
    document.add_paragraph(report.title, style="Subtitle")
    if report.draft_mark:
        mark = document.add_paragraph()
        run = mark.add_run(report.draft_mark)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), DRAFT_RED
    facts = Table(
        "title_facts",
        ("", ""),
        tuple(report.facts),
        (0.32, 0.68),
        (False, False),
    )
    _table(document, facts, 210 - 2 * MARGIN_MM, 10, header=False)


def _contents(document: DocumentObject, report: Report) -> None:
    """A table-of-contents field over headings 1–2, pre-filled with them (Word adds the page numbers when
    it updates the field on opening; a reader that does not update shows the headings)."""
    document.add_page_break()
    title = document.add_paragraph(report.contents_title, style="TOC Heading")
    _font(title.style.element, FONT)  # type: ignore[union-attr]
    body = document.element.body
    begin = parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
    )
    body.insert(len(body) - 1, begin)
    for heading in report.headings():
        if heading.level > 2:
            continue
        entry = document.add_paragraph(heading.text, style=f"toc {heading.level}")
        entry.paragraph_format.keep_with_next = False
    end = parse_xml(f'<w:p {nsdecls("w")}><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    body.insert(len(body) - 1, end)
    document.add_paragraph(report.contents_note, style="Report Note")


def _paragraph(document: DocumentObject, block: Paragraph, keep_with_next: bool) -> None:
    style = {"body": "Normal", "note": "Report Note", "formula": "Report Formula"}[block.style]
    paragraph = document.add_paragraph(block.text, style=style)
    paragraph.paragraph_format.keep_with_next = keep_with_next


# ── tables ─────────────────────────────────────────────────────────────────


def _cell(text: str, width: int, right: bool, size: float, bold: bool, shade: bool) -> str:
    # a header row's paragraphs keep with the next row: Word never leaves a header (and the heading kept
    # with it) alone at the foot of a page when the first row does not fit there
    justify = ("<w:keepNext/>" if shade else "") + ('<w:jc w:val="right"/>' if right else "")  # schema order
    run_props = (
        f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/></w:rPr>'
    )
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{justify}</w:pPr>'
        f'<w:r>{run_props}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in (text.split("\n") if text else [""])
    )
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if shade else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


def _row(cells: Sequence[str], widths: Sequence[int], numeric: Sequence[bool], size: float, *, header: bool = False, bold: bool = False) -> str:  # fmt: skip
    properties = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    body = "".join(
        _cell(text, width, right and not header, size, bold or header, header)
        for text, width, right in zip(cells, widths, numeric, strict=True)
    )
    return f"<w:tr>{properties}{body}</w:tr>"


def _table(document: DocumentObject, table: Table, width_mm: float, size: float, header: bool = True) -> None:
    # DejaVu Sans is wider than Times New Roman: widths that hold its longest words hold Word's too
    widths = [int(w * TWIPS_PER_MM) for w in fit_widths(table, size, width_mm, padding=2.4)]
    rows = (
        [_row([printed_heading(c) for c in table.columns], widths, table.numeric, size, header=True)] if header else []
    )
    last = len(table.rows) - 1
    for index, cells in enumerate(table.rows):
        rows.append(_row(cells, widths, table.numeric, size, bold=table.total_row and index == last))
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
        + "".join(rows)
        + "</w:tbl>"
    )
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))
    document.add_paragraph(style="Table Text")  # Word needs a paragraph between two tables


# ── charts ─────────────────────────────────────────────────────────────────


def _chart(document: DocumentObject, block: Chart, lang: str, width_mm: float) -> None:
    """The chart as a PNG picture carrying the SVG as Office's vector extension."""
    drawn = chart_svg(block.chart, lang)
    svg, png = drawn.encode("utf-8"), svg_png(drawn)
    document.add_picture(io.BytesIO(png), width=Mm(min(width_mm, 180) * block.width))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    package = document.part.package
    part = Part(PackURI(package.next_partname("/word/media/chart%d.svg")), "image/svg+xml", svg, package)
    rid = document.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    blip = picture._p.xpath(".//a:blip")[0]
    blip.append(
        parse_xml(
            f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{rid}"/></a:ext></a:extLst>'
        )
    )
