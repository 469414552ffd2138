"""One worksheet of an uploaded .xlsx package, read in one bounded, streaming pass, never a traceback.

Uploaded workbooks are hostile until proven otherwise. This reader trusts nothing the file claims
(the ``<dimension>`` tag, ``count`` attributes, the sizes in the zip directory are only used to
refuse early): it stops at the first row, column, string or XML element beyond what the caller's
``Limits`` allow, and every failure of the package, the zip or the XML becomes ``Refused`` with a
``Problem`` an official understands (the file is damaged, password-protected, save it as .xlsx …).
XML is parsed with ``defusedxml`` and any DTD is refused (an .xlsx never has one), so entity
expansion and external entities cannot happen. Formulas are never evaluated; a cell keeps the
value the spreadsheet saved with it. The result is a plain function of the bytes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from zhez.actuals import Problem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Office's encrypted (password-protected) packages
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
# Excel writes a number cell in xsd:double's plain syntax; NaN, INF, hex, ``1_000`` and other digits are refused.
STANDARD_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?")
MAX_NUMBER_TEXT = 32  # "-1.2345678901234567E-308" is 24 characters: Excel never writes more
CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")
MAX_DEPTH = 12  # a worksheet nests 5 deep (worksheet, sheetData, row, c, is/r/t)
MAX_PART_ELEMENTS = 50_000  # styles, workbook, relationships: far above what Excel writes
# The parser is fed this much at a time: an XML token (a 9 MB attribute) cut across many small feeds is
# re-scanned on each (quadratic); larger feeds build more elements before the caps are checked.
CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """What a sheet may hold; the reader stops at the first thing beyond."""

    max_rows: int
    max_columns: int
    max_bytes: int = 2_000_000
    max_uncompressed: int = 10_000_000
    max_ratio: float = 150
    max_members: int = 100

    @property
    def max_cells(self) -> int:
        return self.max_rows * self.max_columns

    @property
    def max_elements(self) -> int:  # a cell with a formula, a value and rich text is about 5 elements
        return self.max_cells * 6 + 10_000


class Refused(Exception):
    """The package cannot be read as a workbook; ``problem`` says why, in the reader's language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.problem = Problem(key, tuple(params.items()))


@dataclass(frozen=True)
class Cell:
    """One cell holding something: ``kind`` is ``number``, ``text``, ``bool``, ``date``, ``error`` or ``bad``
    (unreadable: ``problem`` says why). ``text`` is the value as saved (a number's digits, the string)."""

    row: int
    column: int
    kind: str
    value: float | str | bool | None
    text: str
    formula: bool = False
    percent: bool = False  # shown as a percentage: Excel stores 97.5 % as 0.975
    problem: Problem | None = None


@dataclass
class Sheet:
    """The one worksheet: the cells that hold a value or a formula, and what the reader must not miss."""

    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)  # (first, last), 1-based
    merged: list[str] = field(default_factory=list)
    date1904: bool = False

    def column_hidden(self, column: int) -> bool:
        return any(first <= column <= last for first, last in self.hidden_columns)

    def rows(self) -> list[int]:
        return sorted({row for row, _ in self.cells})


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def read_sheet(data: bytes, limits: Limits) -> Sheet:
    """The single visible worksheet of ``data``; ``Refused`` for anything else."""
    archive = _open(data, limits)
    parts = {info.filename.lower(): info.filename for info in archive.infolist()}
    workbook_part = _office_document(archive, parts)
    _check_content_types(archive, parts, workbook_part)
    sheets, date1904 = _workbook_sheets(archive, parts, workbook_part)
    hidden = [name for name, state, _ in sheets if state != "visible"]
    if hidden:
        raise Refused("hidden_sheet", sheets=", ".join(hidden)[:200])
    if len(sheets) != 1:
        raise Refused("several_sheets", count=len(sheets))
    title, _state, relationship = sheets[0]
    targets = _relationships(archive, parts, workbook_part)
    sheet_part = targets.get(("id", relationship))
    if sheet_part is None or sheet_part.lower() not in parts:
        raise Refused("damaged", part=workbook_part)
    strings = _shared_strings(archive, parts, targets.get(("type", "sharedStrings")), limits)
    styles = _styles(archive, parts, targets.get(("type", "styles")))
    sheet = Sheet(title=title, date1904=date1904)
    _read_cells(archive, parts[sheet_part.lower()], limits, strings, styles, sheet)
    return sheet


# ── the package ────────────────────────────────────────────────────────────


def _open(data: bytes, limits: Limits) -> zipfile.ZipFile:
    if not data:
        raise Refused("empty_file")
    if len(data) > limits.max_bytes:
        raise Refused("too_large", limit=f"{limits.max_bytes // 1_000_000} MB")
    if data.startswith(OLE_MAGIC):
        raise Refused("password_protected" if ENCRYPTED_MARK in data else "old_xls")
    if not data.startswith(b"PK"):
        raise Refused("not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError):
        raise Refused("damaged", part="zip") from None
    if len(members) > limits.max_members:
        raise Refused("too_complex", part=f"{len(members)} zip members")
    seen: set[str] = set()
    for member in members:
        name = member.filename.lower()  # part names are case-insensitive (OPC)
        if name in seen:
            raise Refused("duplicate_part", part=member.filename[:100])
        seen.add(name)
        if member.flag_bits & 0x1:
            raise Refused("password_protected")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("damaged", part=member.filename[:100])
    names = {m.filename.lower() for m in members}
    if "mimetype" in names:  # OpenDocument (.ods) and other zip formats
        raise Refused("save_as_xlsx")
    if "[content_types].xml" not in names:
        raise Refused("not_xlsx")
    if any(name.endswith("vbaproject.bin") for name in names):
        raise Refused("macro_enabled")
    total = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if total > limits.max_uncompressed or total / packed > limits.max_ratio:
        raise Refused("zip_bomb")
    return archive


def _office_document(archive: zipfile.ZipFile, parts: dict[str, str]) -> str:
    """The workbook part's name, from the package's relationships."""
    targets = _relationships(archive, parts, "")
    workbook = targets.get(("type", "officeDocument"))
    if workbook is None or workbook.lower() not in parts:
        raise Refused("not_xlsx")
    if workbook.lower().endswith(".bin"):
        raise Refused("save_as_xlsx")  # .xlsb
    return parts[workbook.lower()]


def _check_content_types(archive: zipfile.ZipFile, parts: dict[str, str], workbook_part: str) -> None:
    for element in _elements(archive, parts["[content_types].xml"]):
        if (
            _local(element.tag) == "Override"
            and element.get("PartName", "").lstrip("/").lower() == workbook_part.lower()
        ):
            kind = element.get("ContentType", "")
            if "macroEnabled" in kind:
                raise Refused("macro_enabled")
            if "binary" in kind:
                raise Refused("save_as_xlsx")


def _workbook_sheets(
    archive: zipfile.ZipFile, parts: dict[str, str], workbook_part: str
) -> tuple[list[tuple[str, str, str]], bool]:
    """(name, state, relationship id) of every sheet, and whether dates count from 1904."""
    sheets: list[tuple[str, str, str]] = []
    date1904 = False
    for element in _elements(archive, workbook_part):
        tag = _local(element.tag)
        if tag == "sheet":
            relationship = next((v for k, v in element.attrib.items() if _local(k) == "id" and "}" in k), "")
            sheets.append((element.get("name", "")[:100], element.get("state", "visible"), relationship))
        elif tag == "workbookPr":
            date1904 = element.get("date1904", "0") in ("1", "true")
    return sheets, date1904


def _relationships(archive: zipfile.ZipFile, parts: dict[str, str], source: str) -> dict[tuple[str, str], str]:
    """A part's relationships: ``("id", "rId1")`` and ``("type", "styles")`` to the target part's name."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels.lower() not in parts:
        return {}
    targets: dict[tuple[str, str], str] = {}
    for element in _elements(archive, parts[rels.lower()]):
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        targets[("id", element.get("Id", ""))] = path
        targets.setdefault(("type", element.get("Type", "").rsplit("/", 1)[-1]), path)
    return targets


# ── strings and styles ─────────────────────────────────────────────────────


def _shared_strings(archive: zipfile.ZipFile, parts: dict[str, str], part: str | None, limits: Limits) -> list[str]:
    if part is None or part.lower() not in parts:
        return []
    strings: list[str] = []
    for element in _elements(archive, parts[part.lower()], limit=limits.max_elements):
        if _local(element.tag) == "si":
            strings.append(_text_of(element))
            element.clear()
            if len(strings) > limits.max_cells:
                raise Refused("too_complex", part=part)
    return strings


def _text_of(element: Element) -> str:
    """The text of a string item (``<si>`` or ``<is>``): its ``<t>``, or its runs' ``<t>``, never phonetic hints."""
    pieces = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            pieces.append(child.text or "")
        elif tag == "r":
            pieces += [grandchild.text or "" for grandchild in child if _local(grandchild.tag) == "t"]
    return ESCAPED_CHARACTER.sub(lambda m: chr(int(m.group(1), 16)), "".join(pieces))


@dataclass(frozen=True)
class _Style:
    date: bool = False
    percent: bool = False


def _styles(archive: zipfile.ZipFile, parts: dict[str, str], part: str | None) -> list[_Style]:
    """For each cell format (a cell's ``s``), whether it shows a date or a percentage."""
    if part is None or part.lower() not in parts:
        return []
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[_Style] = []
    known: dict[int | None, _Style] = {}  # by number format
    in_cell_formats = False
    for event, element in _events(archive, parts[part.lower()], MAX_PART_ELEMENTS):
        tag = _local(element.tag)
        if tag == "cellXfs":
            in_cell_formats = event == "start"
        elif event == "start" and tag == "numFmt":
            identifier = _small_int(element.get("numFmtId", ""))
            if identifier is not None:
                formats[identifier] = element.get("formatCode", "")[:255]
        elif event == "start" and tag == "xf" and in_cell_formats:
            identifier = _small_int(element.get("numFmtId", "0"))
            if identifier not in known:
                code = formats.get(identifier, "") if identifier is not None else ""
                known[identifier] = _Style(date=bool(code) and is_date_format(code), percent=_is_percent_format(code))
            styles.append(known[identifier])
    return styles


def _is_percent_format(code: str) -> bool:
    """Whether a number format multiplies by 100 and shows ``%`` (a ``%`` outside quotes and escapes)."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return "%" in plain


# ── the sheet ──────────────────────────────────────────────────────────────


def _read_cells(
    archive: zipfile.ZipFile,
    part: str,
    limits: Limits,
    strings: list[str],
    styles: list[_Style],
    sheet: Sheet,
) -> None:
    row = 0
    column = 0
    cell: dict[str, object] = {}
    for event, element in _events(archive, part, limits.max_elements):
        tag = _local(element.tag)
        if event == "start":
            if tag == "row":
                given = element.get("r")
                number = row + 1 if given is None else _small_int(given)
                if number is None or number <= row:
                    raise Refused("damaged", part=f"{part}, row {given}")
                if number > limits.max_rows:
                    raise Refused("too_many_rows", row=str(number), limit=str(limits.max_rows))
                row, column = number, 0
                if element.get("hidden") in ("1", "true") or (
                    element.get("customHeight") in ("1", "true") and _is_zero(element.get("ht"))
                ):
                    sheet.hidden_rows.add(row)
            elif tag == "c":
                if row == 0:
                    raise Refused("damaged", part=part)
                column = _cell_column(element.get("r"), row, column, part)
                if column > limits.max_columns:
                    raise Refused(
                        "too_many_columns", cell=f"{column_letter(column)}{row}", limit=str(limits.max_columns)
                    )
                cell = {"t": element.get("t", "n"), "s": element.get("s", "0"), "v": None, "f": False, "is": None}
            elif tag == "col":
                _hidden_columns(element, sheet)
            elif tag == "mergeCell" and len(sheet.merged) < 1000:
                sheet.merged.append(element.get("ref", "")[:30])
            continue
        if tag == "v":
            cell["v"] = element.text or ""
        elif tag == "f":
            cell["f"] = True
        elif tag == "is":
            cell["is"] = _text_of(element)
        elif tag == "c":
            made = _cell(row, column, cell, strings, styles)
            if made is not None:
                sheet.cells[(row, column)] = made
            element.clear()
        elif tag == "row":
            element.clear()


def _cell_column(reference: str | None, row: int, previous: int, part: str) -> int:
    if reference is None:
        return previous + 1
    match = CELL_REF.fullmatch(reference)
    if match is None or int(match.group(2)) != row:
        raise Refused("damaged", part=f"{part}, {reference[:20]}")
    column = column_number(match.group(1))
    if column <= previous:  # two cells in one place: which one a program shows is anyone's guess
        raise Refused("damaged", part=f"{part}, {reference}")
    return column


def _hidden_columns(element: Element, sheet: Sheet) -> None:
    first, last = _small_int(element.get("min", "")), _small_int(element.get("max", ""))
    if first is None or last is None or len(sheet.hidden_columns) >= 1000:
        return
    width_zero = element.get("customWidth") in ("1", "true") and _is_zero(element.get("width"))
    if element.get("hidden") in ("1", "true") or width_zero:
        sheet.hidden_columns.append((first, last))


def _small_int(text: str) -> int | None:
    """A non-negative integer of at most 9 ASCII digits, else ``None`` (``int()`` takes ``١٢`` and 4 000 digits)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _is_zero(text: str | None) -> bool:
    try:
        return text is not None and float(text) == 0
    except ValueError:
        return False


def _cell(row: int, column: int, raw: dict[str, object], strings: list[str], styles: list[_Style]) -> Cell | None:
    kind, value, formula = str(raw["t"]), raw["v"], bool(raw["f"])
    text = str(value) if value else None  # an empty <v/> (openpyxl writes one for a formula) holds nothing
    style_index = _small_int(str(raw["s"]))
    style = styles[style_index] if style_index is not None and style_index < len(styles) else _Style()

    def made(kind_: str, value_: float | str | bool | None, text_: str, problem: Problem | None = None) -> Cell:
        return Cell(row, column, kind_, value_, text_, formula, kind_ == "number" and style.percent, problem)

    def bad(key: str, shown: str) -> Cell:
        return made("bad", None, shown, Problem(key, (("value", shown[:40]),)))

    if kind == "inlineStr":
        string = str(raw["is"] or "")
        return made("text", string, string) if string or formula else None
    if text is None:
        return made("empty", None, "") if formula else None
    if kind == "n":
        if len(text) > MAX_NUMBER_TEXT or not STANDARD_NUMBER.fullmatch(text):
            return bad("bad_number", text)
        number = float(text)
        if number != number or number in (float("inf"), float("-inf")):
            return bad("bad_number", text)
        return made("date" if style.date else "number", number, text)
    if kind == "s":
        index = _small_int(text)
        if index is None or index >= len(strings):
            return bad("bad_shared_string", text)
        string = strings[index]
        return made("text", string, string) if string or formula else None
    if kind == "str":
        return made("text", text, text) if text or formula else None
    if kind == "b":
        if text not in ("0", "1", "true", "false"):
            return bad("bad_cell", f"b:{text}")
        return made("bool", text in ("1", "true"), "TRUE" if text in ("1", "true") else "FALSE")
    if kind == "e":
        return made("error", text[:20], text[:20])
    if kind == "d":
        return made("date", text[:40], text[:40])
    return bad("bad_cell", kind)


# ── XML, safely ────────────────────────────────────────────────────────────


def _events(archive: zipfile.ZipFile, part: str, limit: int) -> Iterator[tuple[str, Element]]:
    """("start" | "end", element) of one part, streamed; at most ``limit`` elements, ``MAX_DEPTH`` deep.

    Children of the root are cleared once read, so memory stays flat whatever the part's size.
    Every failure (bad zip data or CRC, broken or truncated XML, a DTD) becomes ``Refused``."""
    count = 0
    depth = 0
    try:
        with archive.open(part) as stream:
            # defusedxml's parser (DTDs refused) building the C-accelerated tree (several times faster)
            parser = XMLPullParser(("start", "end"), _parser=DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True))
            while True:
                chunk = stream.read(CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()  # the end of the part: a cut-off part fails here
                # only "start" and "end" were asked for: each comes with an element
                for event, element in cast("Iterator[tuple[str, Element]]", parser.read_events()):
                    if event == "start":
                        count += 1
                        depth += 1
                        if count > limit or depth > MAX_DEPTH:
                            raise Refused("too_complex", part=part)
                    else:
                        depth -= 1
                    yield event, element
                    if event == "end":  # read by now: its children go, and a child of the root goes whole
                        if depth == 1:
                            element.clear()
                        else:
                            del element[:]
                if not chunk:
                    break
    except Refused:
        raise
    except DefusedXmlException:
        raise Refused("unsafe_xml", part=part) from None
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, UnicodeError, KeyError):
        raise Refused("damaged", part=part) from None


def _elements(archive: zipfile.ZipFile, part: str, limit: int = MAX_PART_ELEMENTS) -> Iterator[Element]:
    """The elements of a small part as they end (attributes and children complete)."""
    for event, element in _events(archive, part, limit):
        if event == "end":
            yield element


def _local(tag: str) -> str:
    """A tag or attribute without its namespace (transitional and strict OOXML name things alike)."""
    return tag.rsplit("}", 1)[-1]
