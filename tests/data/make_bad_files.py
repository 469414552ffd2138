"""Write the malformed workbooks of tests/data/bad/ (run from the repository root; the files are committed).

    python tests/data/make_bad_files.py

Each file is one way a workbook can be wrong; tests/test_excel.py says what each must be refused for.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
import zipfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zhez import load_plan  # noqa: E402
from zhez.excel import FIRST_DATA_ROW, HEADER_ROW, template_bytes, template_headers  # noqa: E402

OUT = Path(__file__).resolve().parent / "bad"
HEADERS = [key for key, _ in template_headers()]


def column(key: str) -> int:
    return HEADERS.index(key) + 1


def row_of(indicator_id: str) -> int:
    return FIRST_DATA_ROW + int(indicator_id[1:]) - 1


def edited(change) -> bytes:  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(template_bytes(load_plan(), "kk")))
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


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    plan = load_plan()
    rng = random.Random(20261124)
    files: dict[str, bytes] = {
        "csv-renamed.xlsx": b"ID,Actual 2026\ni10,6.9\n",
        "pdf-renamed.xlsx": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "random-bytes.xlsx": bytes(rng.randrange(256) for _ in range(4096)),
        "empty.xlsx": b"",
        "text-value.xlsx": edited(set_cell("i10", "actual:2026", "6,9 промилле")),
        "date-value.xlsx": edited(set_cell("i10", "actual:2026", dt.datetime(2026, 6, 9))),
        "boolean-value.xlsx": edited(set_cell("i10", "actual:2026", True)),
        "negative-percent.xlsx": edited(set_cell("i29", "actual:2026", -5.0)),
        "over-100-percent.xlsx": edited(set_cell("i29", "actual:2026", 104.0)),
        "unknown-code.xlsx": edited(set_cell("i10", "id", "i99")),
        "formula-without-value.xlsx": edited(set_cell("i10", "actual:2026", "=B9*2")),
    }

    def renamed(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=HEADER_ROW, column=column("actual:2026"), value="Факт 2026")

    def missing(book):  # type: ignore[no-untyped-def]
        book.active.cell(
            row=HEADER_ROW, column=column("actual:2026")
        ).value = None  # cell(value=None) would not clear it

    def year_2031(book):  # type: ignore[no-untyped-def]
        book.active.cell(row=HEADER_ROW, column=column("actual:2030"), value="Нақты 2031 / Факт 2031")

    def duplicated(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        last = FIRST_DATA_ROW + len(plan.indicators)
        for col in range(1, len(HEADERS) + 1):
            sheet.cell(row=last, column=col, value=sheet.cell(row=row_of("i10"), column=col).value)
        sheet.cell(row=last, column=column("actual:2026"), value=6.5)

    def merged(book):  # type: ignore[no-untyped-def]
        book.active.merge_cells(start_row=row_of("i10"), start_column=column("actual:2026"), end_row=row_of("i10"),
                                end_column=column("actual:2027"))  # fmt: skip

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
    # Not bad: a formula with a saved value counts with that value (deliberately not 1+1), never evaluated.
    good = OUT.parent / "good"
    good.mkdir(exist_ok=True)
    coordinate = f"O{row_of('i10')}"
    (good / "formula-with-saved-value.xlsx").write_bytes(
        with_cached_formula(template_bytes(plan, "kk"), coordinate, "1+1", "7")
    )
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
