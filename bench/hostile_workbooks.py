"""The worst workbooks we can build, and what refusing each costs: time, and peak memory over an idle process.

    python bench/hostile_workbooks.py

Each file is as large as the upload limits let a hostile user make it (2 MB on disk, 10 MB unpacked,
a packing ratio of 150 at most — padded with incompressible bytes where the trick needs it). Each one is
parsed in a fresh process, twice: once timed (with peak RSS from the kernel, minus the RSS of the same
process after imports and ``load_plan``, before the parse), once under ``tracemalloc`` (peak of Python
allocations). Target (issue 21 §1): every file refused in ≤ 2 s and ≤ 300 MB over the idle process.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

UNPACKED = 9_800_000  # just under the 10 MB the reader allows unpacked
PAD = 80_000  # stored random bytes: keeps the packing ratio under 150 for 10 MB of repetitive XML


def build(out: Path) -> dict[str, Path]:
    """Write every hostile file into ``out``; return them by name."""
    import make_bad_files as bad

    template = bad.indicator_template()
    value, note = bad.VALUE, bad.NOTE
    room = UNPACKED - 200_000  # the template's own parts
    files: dict[str, bytes] = {
        "empty cells without reference (<c/> ×2.4 M in one row)": bad.empty_cells_in_last_row(template, room // 4, PAD),
        "rows without dimension (×640 k)": bad.rows_without_dimension(template, room // 15, PAD),
        "16 384 columns in one row": bad.all_columns(template, PAD),
        "unknown elements ×2.4 M": bad.junk_elements(template, room // 4, PAD),
        "nesting 1.2 M deep": bad.in_sheet(
            template,
            lambda t: t.replace("</sheetData>", "</sheetData>" + "<x>" * (room // 7) + "</x>" * (room // 7)),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "entity expansion (billion laughs)": bad.entity_bomb(template),
        "external entity": bad.external_entity(template),
        "one 9 MB note (inline text)": bad.in_sheet(
            template,
            lambda t: re.sub(
                rf'<c r="{note}"[^>]*></c>', f'<c r="{note}" t="inlineStr"><is><t>{"x" * room}</t></is></c>', t, count=1
            ),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "one 9 MB number": bad.in_sheet(
            template,
            lambda t: re.sub(rf'<c r="{value}"[^>]*></c>', f'<c r="{value}"><v>{"9" * room}</v></c>', t, count=1),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "one 9 MB attribute": bad.in_sheet(
            template,
            lambda t: re.sub(rf'<c r="{value}"[^>]*></c>', f'<c r="{value}" t="n" x="{"a" * room}"></c>', t, count=1),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "shared strings ×570 k (tiny)": shared_strings(template, room // 17, 1),
        "shared strings, every cell a 1.6 kB string": full_sheet(template, shared=True),
        "every cell of the sheet holding 1.6 kB of text": full_sheet(template, shared=False),
        "styles ×500 k": styles(template, room // 19),
        "merged cells ×400 k": bad.in_sheet(
            template,
            lambda t: t.replace(
                "</sheetData>", "</sheetData><mergeCells>" + '<mergeCell ref="A1:B2"/>' * (room // 24) + "</mergeCells>"
            ),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "hidden column ranges ×400 k": bad.in_sheet(
            template,
            lambda t: t.replace("<cols>", "<cols>" + '<col min="20" max="20" hidden="1"/>' * (room // 36)),
            extra=bad.padding(PAD),
            stored=("docProps/thumbnail.jpeg",),
        ),
        "zip members ×20 k": many_members(20_000),
        "sizes that lie (2 GB of zeros said to be 1 kB)": lying_sizes(),
        "bad CRC, stored sheet": bad.bad_crc(template),
        "sheet XML cut in half": bad.truncated(template),
        "two members named like the sheet": bad.duplicate_sheet(template),
        "macro-enabled": bad.macro_enabled(template),
        "password-protected (compound file)": bad.ole_file(True) + random.Random(1).randbytes(1_900_000),
        "NaN in a number cell": bad.raw_cell(template, value, f'<c r="{value}" s="{{s}}"><v>NaN</v></c>'),
        "5 000-digit integer": bad.raw_cell(template, value, f'<c r="{value}" s="{{s}}"><v>{"9" * 5000}</v></c>'),
    }
    paths = {}
    for number, (name, data) in enumerate(files.items()):
        path = out / f"{number:02d}.xlsx"
        path.write_bytes(data)
        paths[name] = path
    return paths


def shared_strings(template: bytes, count: int, length: int) -> bytes:
    import make_bad_files as bad

    data = bad.with_shared_strings(template, bad.NOTE, "0", strings=1)
    table = "<si><t>" + "x" * length + "</t></si>"
    sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + table * count + "</sst>"
    return bad.repacked(
        data,
        lambda n, c: sst.encode() if n == "xl/sharedStrings.xml" else c,
        extra=bad.padding(PAD),
        stored=("docProps/thumbnail.jpeg",),
    )


def full_sheet(template: bytes, shared: bool) -> bytes:
    """Every row and column the reader allows holding 1.6 kB of random text: the largest sheet that gets
    through the structural checks to the row-by-row ones."""
    import make_bad_files as bad
    from openpyxl.utils import get_column_letter

    from zhez import load_plan
    from zhez.body_workbook import plan_limits

    rng = random.Random(7)
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяқңғүұһөә"
    limits = plan_limits(load_plan())
    rows, columns, length = limits.max_rows, limits.max_columns, 1_600
    texts = ["".join(rng.choice(alphabet) for _ in range(length // 2)) for _ in range(6)]
    body = []
    strings = []
    for row in range(9, rows + 1):
        cells = []
        for column in range(1, columns + 1):
            ref = f"{get_column_letter(column)}{row}"
            text = texts[(row * columns + column) % len(texts)]
            if shared:
                strings.append(text)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        body.append(f'<row r="{row}">{"".join(cells)}</row>')

    def change(text: str) -> str:
        head, rest = text.split('<row r="9"', 1)
        tail = rest.split("</sheetData>", 1)[1]
        return head + "".join(body) + "</sheetData>" + tail

    data = bad.in_sheet(template, change, extra=bad.padding(PAD), stored=("docProps/thumbnail.jpeg",))
    if shared:
        sst = (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{s}</t></si>" for s in strings)
            + "</sst>"
        )
        data = bad.repacked(
            bad.with_shared_strings(data, "A1", "0"), lambda n, c: sst.encode() if n == "xl/sharedStrings.xml" else c
        )
    return data


def styles(template: bytes, count: int) -> bytes:
    import make_bad_files as bad

    def change(name: str, content: bytes) -> bytes:
        if name == "xl/styles.xml":
            return re.sub(
                rb'<cellXfs count="(\d+)">', lambda m: m.group(0) + b'<xf numFmtId="10"/>' * count, content, count=1
            )
        return content

    return bad.repacked(template, change, extra=bad.padding(PAD), stored=("docProps/thumbnail.jpeg",))


def many_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for n in range(count):
            archive.writestr(f"x/{n}", b"")
    return out.getvalue()


def lying_sizes() -> bytes:
    """A member that inflates to 2 GB of zeros, its declared size patched to 1 kB (local header and directory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        with archive.open("xl/workbook.xml", "w", force_zip64=False) as member:
            member.write(b"<workbook>")
            block = bytes(1_000_000)
            for _ in range(1_900):
                member.write(block)
    data = bytearray(out.getvalue())
    size = (1_900_000_010).to_bytes(4, "little")
    at = 0
    while (at := data.find(size, at)) >= 0:
        data[at : at + 4] = (1000).to_bytes(4, "little")
    return bytes(data)


def measure(path: Path) -> dict[str, float | str]:
    """In this (fresh) process: time and peak memory of reading one file."""
    import pandas as pd

    from zhez import load_plan
    from zhez.auth import trusted_person
    from zhez.body_workbook import read_workbook
    from zhez.cycle import Period
    from zhez.store import empty_context

    plan = load_plan()
    data = path.read_bytes()
    coordinator, context = trusted_person("Bench Coordinator", "coordinator"), empty_context("indicator")

    def read() -> object:
        return read_workbook(data, plan, coordinator, "indicator", Period(2026), pd.DataFrame(), context)

    read_workbook(b"", plan, coordinator, "indicator", Period(2026), pd.DataFrame(), context)  # imports done
    idle = _status("VmRSS")
    start = time.perf_counter()
    result = read()
    seconds = time.perf_counter() - start
    peak_rss = _status("VmHWM") - idle
    tracemalloc.start()
    read()
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": seconds,
        "rss_mb": peak_rss / 1024,
        "traced_mb": traced / 1e6,
        "refused": "" if result.ok else sorted({p.key for p in result.problems})[0],  # type: ignore[attr-defined]
        "size": len(data),
    }


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    return 0


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        paths = build(Path(folder))
        print(f"{'file':56s} {'size':>8s} {'time s':>7s} {'RSS MB':>7s} {'traced MB':>9s}  refused as")
        worst_time, worst_memory = 0.0, 0.0
        for name, path in paths.items():
            run = subprocess.run(
                [sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True, check=True
            )
            got = json.loads(run.stdout.strip().splitlines()[-1])
            worst_time, worst_memory = (
                max(worst_time, got["seconds"]),
                max(worst_memory, got["rss_mb"], got["traced_mb"]),
            )
            print(
                f"{name:56s} {got['size'] / 1e6:6.2f}MB {got['seconds']:7.3f} {got['rss_mb']:7.1f} "
                f"{got['traced_mb']:9.1f}  {got['refused'] or 'ACCEPTED'}"
            )
        print(f"worst: {worst_time:.2f} s (target ≤ 2 s), {worst_memory:.0f} MB over idle (target ≤ 300 MB)")


if __name__ == "__main__":
    main()
