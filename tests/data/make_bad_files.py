"""Write the malformed workbooks of tests/data/bad/ (run from the repository root; the files are committed).

    python tests/data/make_bad_files.py

Each file is one way a workbook can be wrong; tests/test_excel.py says what each must be refused for.
Each starts from the live body workbook (``zhez.body_workbook``): the indicators' report for 2026 of
every body, as a coordinator downloads it. The builders below take a size, so bench/hostile_workbooks.py
makes the same files as large as a hostile user could (the committed ones are small).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from zhez import load_plan  # noqa: E402
from zhez.body_workbook import FIRST_DATA_ROW, HEADER_ROW, LAYOUTS, template_bytes  # noqa: E402
from zhez.cycle import Period  # noqa: E402

OUT = Path(__file__).resolve().parent / "bad"
PERIOD = Period(2026)
COLUMNS = LAYOUTS["indicator"].columns(PERIOD)
HEADERS = [c.key for c in COLUMNS]


def column(key: str) -> int:
    return HEADERS.index(key) + 1


def letter(key: str) -> str:
    return get_column_letter(column(key))


def row_of(indicator_id: str) -> int:
    return FIRST_DATA_ROW + int(indicator_id[1:]) - 1  # every body's workbook lists the indicators in plan order


def every_body(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [*sorted(plan.bodies["abbr"]), ""]


def indicator_template(lang: str = "kk") -> bytes:
    """The workbook a coordinator downloads for 2026: every body's indicators, nothing reported yet."""
    plan = load_plan()
    return template_bytes(plan, "indicator", every_body(plan), PERIOD, pd.DataFrame(), lang)


def edited(change, data: bytes | None = None) -> bytes:  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(data or indicator_template()))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_cell(indicator_id: str, key: str, value):  # type: ignore[no-untyped-def]
    return lambda book: book.active.cell(row=row_of(indicator_id), column=column(key), value=value)


def with_cached_formula(data: bytes, coordinate: str, formula: str, cached: str) -> bytes:
    """A formula cell carrying a saved value, as a spreadsheet program writes it (openpyxl cannot)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                marker = f'<c r="{coordinate}"'
                start = text.index(marker)
                end = (
                    text.index("</c>", start) + 4
                    if text.find("/>", start) > text.find("</c>", start)
                    else text.index("/>", start) + 2
                )
                style = text[start:end].split('s="')[1].split('"')[0]
                text = (
                    text[:start] + f'<c r="{coordinate}" s="{style}"><f>{formula}</f><v>{cached}</v></c>' + text[end:]
                )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
I10 = FIRST_DATA_ROW + 9  # the row of indicator i10 (G18 is its 2026 value, L18 its note)
VALUE, NOTE = f"{letter('value')}{I10}", f"{letter('note')}{I10}"


def repacked(
    data: bytes,
    change: Callable[[str, bytes], bytes | None] = lambda name, content: content,
    extra: dict[str, bytes] | None = None,
    stored: tuple[str, ...] = (),
) -> bytes:
    """The package with each member passed through ``change`` (``None`` drops it) and ``extra`` members added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = change(item.filename, source.read(item.filename))
            if content is not None:
                kind = zipfile.ZIP_STORED if item.filename in stored else zipfile.ZIP_DEFLATED
                target.writestr(item.filename, content, compress_type=kind)
        for name, content in (extra or {}).items():
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            target.writestr(name, content, compress_type=kind)
    return out.getvalue()


def in_sheet(data: bytes, edit: Callable[[str], str], **options) -> bytes:  # type: ignore[no-untyped-def]
    """The package with its sheet's XML edited as text."""
    return repacked(data, lambda n, c: edit(c.decode()).encode() if n == SHEET else c, **options)


def raw_cell(data: bytes, reference: str, xml: str) -> bytes:
    """Cell ``reference`` replaced by ``xml`` as written (what openpyxl cannot write: NaN, hex, bad indexes);
    ``{s}`` in ``xml`` is the cell's own style."""
    pattern = re.compile(rf'<c r="{reference}"([^>]*?)(/>|>.*?</c>)')

    def replace(match: re.Match[str]) -> str:
        style = re.search(r's="(\d+)"', match.group(1))
        return xml.replace("{s}", style.group(1) if style else "0")

    return in_sheet(data, lambda text: pattern.sub(replace, text, count=1))


def padding(size: int) -> dict[str, bytes]:
    """An incompressible member, stored: how a hostile file keeps its overall packing ratio innocent."""
    return {"docProps/thumbnail.jpeg": random.Random(size).randbytes(size)}


def empty_cells_in_last_row(template: bytes, cells: int, pad: int) -> bytes:
    """The last row followed by ``cells`` cells without a reference (``<c/>``): each one column further."""
    return in_sheet(
        template,
        lambda t: t.replace("</row></sheetData>", "<c/>" * cells + "</row></sheetData>"),
        extra=padding(pad),
        stored=("docProps/thumbnail.jpeg",),
    )


def rows_without_dimension(template: bytes, rows: int, pad: int) -> bytes:
    """``rows`` extra rows with one empty cell each and no row numbers, the ``<dimension>`` tag removed."""
    return in_sheet(
        template,
        lambda t: re.sub(r"<dimension [^>]*/>", "", t).replace(
            "</sheetData>", "<row><c/></row>" * rows + "</sheetData>"
        ),
        extra=padding(pad),
        stored=("docProps/thumbnail.jpeg",),
    )


def all_columns(template: bytes, pad: int) -> bytes:
    """Every one of Excel's 16 384 columns in the last row, as empty formatted cells."""
    row = FIRST_DATA_ROW + 58
    cells = "".join(f'<c r="{get_column_letter(c)}{row}" s="4"/>' for c in range(len(HEADERS) + 1, 16385))
    return in_sheet(
        template,
        lambda t: t.replace("</row></sheetData>", f"{cells}</row></sheetData>"),
        extra=padding(pad),
        stored=("docProps/thumbnail.jpeg",),
    )


def junk_elements(template: bytes, count: int, pad: int) -> bytes:
    """``count`` empty elements of an unknown kind after the sheet data (a sheet may carry extensions)."""
    return in_sheet(
        template,
        lambda t: t.replace("</sheetData>", "</sheetData><extLst>" + "<x/>" * count + "</extLst>"),
        extra=padding(pad),
        stored=("docProps/thumbnail.jpeg",),
    )


def deep_nesting(template: bytes, depth: int) -> bytes:
    return in_sheet(template, lambda t: t.replace("</sheetData>", "</sheetData>" + "<x>" * depth + "</x>" * depth))


def long_inline_text(template: bytes, length: int, pad: int) -> bytes:
    """One note of ``length`` characters (each written as a character reference, six bytes)."""
    return raw_cell(template, NOTE, f'<c r="{NOTE}" s="{{s}}" t="inlineStr"><is><t>{"&#1179;" * length}</t></is></c>')


def with_shared_strings(template: bytes, reference: str, index: str, strings: int = 1) -> bytes:
    """Cell ``reference`` a shared string with ``index``, in a package with a shared-strings part of ``strings``."""
    table = "".join(f"<si><t>s{i}</t></si>" for i in range(strings))
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}">{table}</sst>'
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml" Id="rId9"/></Relationships>'
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )

    def change(name: str, content: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", relation.encode())
        if name == "[Content_Types].xml":
            return content.replace(b"</Types>", override.encode())
        if name == SHEET:
            pattern = re.compile(rf'<c r="{reference}"[^>]*?(/>|>.*?</c>)')
            return pattern.sub(f'<c r="{reference}" t="s"><v>{index}</v></c>', content.decode(), count=1).encode()
        return content

    return repacked(template, change, extra={"xl/sharedStrings.xml": sst.encode()})


def entity_bomb(template: bytes) -> bytes:
    """The billion laughs: ten levels of ten entity references, declared in a DTD."""
    levels = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    dtd = f"<!DOCTYPE worksheet [{''.join(levels)}]>"
    text = f'<c r="{NOTE}" t="inlineStr"><is><t>&l9;</t></is></c>'
    pattern = re.compile(rf'<c r="{NOTE}"[^>]*?(/>|>.*?</c>)')
    return in_sheet(template, lambda t: dtd + pattern.sub(text, t, count=1))


def external_entity(template: bytes) -> bytes:
    dtd = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    pattern = re.compile(rf'<c r="{NOTE}"[^>]*?(/>|>.*?</c>)')
    text = f'<c r="{NOTE}" t="inlineStr"><is><t>&secret;</t></is></c>'
    return in_sheet(template, lambda t: dtd + pattern.sub(text, t, count=1))


def bad_crc(template: bytes) -> bytes:
    """The sheet stored (not compressed) and one byte of it changed after its checksum was written."""
    data = bytearray(repacked(template, stored=(SHEET,)))
    at = data.index(b"<t>i10</t>")
    data[at + 4] = ord("9")  # i10 → i90: still well-formed XML, only the CRC tells
    return bytes(data)


def truncated(template: bytes) -> bytes:
    return repacked(template, lambda n, c: c[: len(c) // 2] if n == SHEET else c)


def duplicate_sheet(template: bytes) -> bytes:
    """Two members named like the sheet: the first says 6.7, the second 670 (zip readers differ on which counts)."""
    first = raw_cell(template, VALUE, f'<c r="{VALUE}" s="{{s}}"><v>6.7</v></c>')
    second = zipfile.ZipFile(io.BytesIO(raw_cell(template, VALUE, f'<c r="{VALUE}" s="{{s}}"><v>670</v></c>'))).read(
        SHEET
    )
    with warnings.catch_warnings():  # zipfile warns of the duplicate name: that is the point
        warnings.simplefilter("ignore")
        return repacked(first, extra={SHEET: second})


def macro_enabled(template: bytes) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            )
        return content

    return repacked(template, change, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(508)})


def ole_file(encrypted: bool) -> bytes:
    """A compound file (the container of .xls and of password-protected Office files), reduced to its header
    and one directory sector naming its streams; an encrypted workbook's streams are EncryptionInfo and
    EncryptedPackage."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")  # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")  # major version 3: 512-byte sectors
    header[0x1C:0x1E] = b"\xfe\xff"  # little-endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")
    header[0x20:0x22] = (6).to_bytes(2, "little")
    names = ["Root Entry", "EncryptionInfo", "EncryptedPackage"] if encrypted else ["Root Entry", "Workbook"]
    directory = bytearray()
    for name in names:
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[: len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    return bytes(header) + bytes(directory.ljust(512, b"\0")) + random.Random(len(names)).randbytes(1024)


def ods_package() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    plan = load_plan()
    rng = random.Random(20261124)
    files: dict[str, bytes] = {
        "csv-renamed.xlsx": b"ID,Value 2026\ni10,6.9\n",
        "pdf-renamed.xlsx": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "random-bytes.xlsx": bytes(rng.randrange(256) for _ in range(4096)),
        "empty.xlsx": b"",
        "text-value.xlsx": edited(set_cell("i10", "value", "6,9 промилле")),
        "date-value.xlsx": edited(set_cell("i10", "value", dt.datetime(2026, 6, 9))),
        "boolean-value.xlsx": edited(set_cell("i10", "value", True)),
        "negative-percent.xlsx": edited(set_cell("i29", "value", -5.0)),
        "over-100-percent.xlsx": edited(set_cell("i29", "value", 104.0)),
        "unknown-code.xlsx": edited(set_cell("i10", "id", "i99")),
        "formula-without-value.xlsx": edited(set_cell("i10", "value", "=F9*2")),
    }

    def renamed(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=HEADER_ROW, column=column("value"), value="Факт 2026")

    def missing(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=HEADER_ROW, column=column("value")).value = None  # cell(value=None) would not clear it

    def year_2031(book):  # type: ignore[no-untyped-def]
        heading = book.active.cell(row=HEADER_ROW, column=column("target")).value
        book.active.cell(row=HEADER_ROW, column=column("target"), value=heading.replace("2026", "2031"))

    def duplicated(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        last = FIRST_DATA_ROW + len(plan.indicators)
        for col in range(1, len(HEADERS) + 1):
            sheet.cell(row=last, column=col, value=sheet.cell(row=row_of("i10"), column=col).value)
        sheet.cell(row=last, column=column("value"), value=6.5)

    def merged(book):  # type: ignore[no-untyped-def]
        book.active.merge_cells(start_row=row_of("i10"), start_column=column("value"), end_row=row_of("i10"),
                                end_column=column("no_data_reason"))  # fmt: skip

    def hidden(book):  # type: ignore[no-untyped-def]
        extra = book.create_sheet("calc")
        extra["A1"] = 6.9
        extra.sheet_state = "hidden"

    def many_rows(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        for row in range(FIRST_DATA_ROW + len(plan.indicators), FIRST_DATA_ROW + 100_000):
            sheet.cell(row=row, column=1, value="x")

    files["renamed-header.xlsx"] = edited(renamed)
    files["missing-header.xlsx"] = edited(missing)
    files["year-2031.xlsx"] = edited(year_2031)
    files["duplicated-row.xlsx"] = edited(duplicated)
    files["merged-cells.xlsx"] = edited(merged)
    files["hidden-sheet.xlsx"] = edited(hidden)
    files["rows-100000.xlsx"] = edited(many_rows)
    files["zip-bomb.xlsx"] = zip_bomb()

    # Issue 21 §1: files that crashed the reader, ran it out of time and memory, or were accepted.
    template = indicator_template()
    o18, t18 = VALUE, NOTE
    number = lambda text: raw_cell(template, o18, f'<c r="{o18}" s="{{s}}"><v>{text}</v></c>')  # noqa: E731
    files["empty-cells-without-reference.xlsx"] = empty_cells_in_last_row(template, 100_000, 20_000)
    files["rows-without-dimension.xlsx"] = rows_without_dimension(template, 5_000, 0)
    files["columns-16384.xlsx"] = all_columns(template, 20_000)
    files["junk-elements.xlsx"] = junk_elements(template, 300_000, 20_000)
    files["deep-nesting.xlsx"] = deep_nesting(template, 5_000)
    files["nan-number.xlsx"] = number("NaN")
    files["inf-number.xlsx"] = number("INF")
    files["hex-number.xlsx"] = number("0x1A")
    files["digits-300.xlsx"] = number("9" * 300)
    files["digits-5000.xlsx"] = number("9" * 5000)
    files["underscore-number.xlsx"] = number("1_000")
    files["arabic-indic-digits.xlsx"] = number("\u0661\u0662")
    files["shared-string-out-of-range.xlsx"] = with_shared_strings(template, t18, "99999")
    files["shared-string-negative.xlsx"] = with_shared_strings(template, t18, "-1", strings=3)
    files["shared-string-not-a-number.xlsx"] = with_shared_strings(template, t18, "abc")
    files["bad-crc.xlsx"] = bad_crc(template)
    files["truncated-sheet.xlsx"] = truncated(template)
    files["illegal-character-reference.xlsx"] = raw_cell(
        template, t18, f'<c r="{t18}" s="{{s}}" t="inlineStr"><is><t>a&#1;b</t></is></c>'
    )
    files["entity-bomb.xlsx"] = entity_bomb(template)
    files["external-entity.xlsx"] = external_entity(template)
    files["duplicate-sheet-member.xlsx"] = duplicate_sheet(template)
    files["macro-enabled.xlsx"] = macro_enabled(template)
    files["password-protected.xlsx"] = ole_file(encrypted=True)
    files["old-format-xls.xlsx"] = ole_file(encrypted=False)
    files["ods-renamed.xlsx"] = ods_package()
    files["error-value.xlsx"] = raw_cell(template, o18, f'<c r="{o18}" s="{{s}}" t="e"><v>#DIV/0!</v></c>')
    files["duplicate-cell.xlsx"] = raw_cell(
        template, o18, f'<c r="{o18}" s="{{s}}"><v>6.7</v></c><c r="{o18}" s="{{s}}"><v>670</v></c>'
    )

    def hidden_row(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=I10, column=column("value"), value=6.7)
        book.active.row_dimensions[I10].hidden = True

    def hidden_column(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=I10, column=column("value"), value=6.7)
        book.active.column_dimensions[letter("value")].hidden = True

    def percent_formatted(book):  # type: ignore[no-untyped-def]
        cell = book.active.cell(row=row_of("i29"), column=column("value"), value=0.975)
        cell.number_format = "0.0%"

    def header_only(book):  # type: ignore[no-untyped-def]
        book.active.delete_rows(FIRST_DATA_ROW, len(plan.indicators))

    def under_no_heading(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=I10, column=len(HEADERS) + 2, value=6.7)

    def many_problems(book):  # type: ignore[no-untyped-def]
        """Four problems a row: the value as text, and the name, unit and target changed."""
        for offset in range(len(plan.indicators)):
            for key in ("value", "name", "unit", "target"):
                book.active.cell(row=FIRST_DATA_ROW + offset, column=column(key), value="n/a")

    files["hidden-row-value.xlsx"] = edited(hidden_row)
    files["hidden-column-value.xlsx"] = edited(hidden_column)
    files["percent-formatted.xlsx"] = edited(percent_formatted)
    files["header-only.xlsx"] = edited(header_only)
    files["value-under-no-heading.xlsx"] = edited(under_no_heading)
    files["edited-target.xlsx"] = edited(set_cell("i10", "target", 9.9))
    files["implausible-value.xlsx"] = edited(set_cell("i10", "value", 1e25))
    files["many-problems.xlsx"] = edited(many_problems)
    # Not bad: a formula with a saved value counts with that value (deliberately not 1+1), never evaluated.
    good = OUT.parent / "good"
    good.mkdir(exist_ok=True)

    def explained(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=I10, column=column("source"), value="form 1-T")
        book.active.cell(row=I10, column=column("deviation_reason"), value="late registrations")

    (good / "formula-with-saved-value.xlsx").write_bytes(with_cached_formula(edited(explained), VALUE, "1+1", "7"))
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(OUT / name, len(data))


def zip_bomb() -> bytes:
    """A package that looks like a workbook and unpacks to 200 MB of one repeated byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * 1_000_000
            for _ in range(200):
                member.write(block)
    return out.getvalue()


if __name__ == "__main__":
    main()
