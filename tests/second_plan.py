"""A second plan of the same ministerial form — another city's, made from the real table with other names,
codes and numbers — and its own reviewed files, to show nothing in ``zhez`` is specific to the first."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import edition_helpers as h

from zhez import ingest

CITY_KK, CITY_RU, CITY_EN = "Сәтбаев", "Сатпаев", "Satpayev"
NAME_KK = f"{CITY_KK} қаласының 2026-2030 жылдарға арналған даму жоспары"


def other_city_table(text: str) -> str:
    """The real table with the city's name changed, every indicator renamed and recoded and every number
    doubled (headings, the financing labels and the layout as printed)."""
    lines = text.replace("Жезқазған", CITY_KK).split("\n")
    for row in h.rows("\n".join(lines)):  # numbers first: renaming below moves no line
        for line in row.lines[5:]:
            raw = lines[line - 1][1:]
            try:
                value = ingest.parse_number(raw)
            except ingest.SourceError:
                continue
            if value is not None:
                lines[line - 1] = "\t" + f"{value * 2:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    for row in reversed(h.rows("\n".join(lines))):  # from the bottom: a longer cell moves only lines below it
        if ingest.is_financing(row.cells):
            continue
        start = row.lines[1] - 1
        end = row.lines[2] - 1
        cell = "\n".join(lines[start:end])
        _, _, name = ingest.split_code(cell.removeprefix("\t"))
        renamed = cell.replace(name.split(" ")[0], f"{CITY_KK}: {name.split(' ')[0]}", 1) if name else cell
        renamed = re.sub(r"(\d+)\.(\d+)([ \t]*көрсеткіш)", lambda m: f"{int(m[1]) + 10}.{m[2]}{m[3]}", renamed, count=1)
        renamed = re.sub(r"^(\t(?:НҰИ|НИ|ЦИ)[ \t]*[-–—]?[ \t]*)(\d+)", lambda m: f"{m[1]}{int(m[2]) + 20}", renamed)
        lines[start:end] = renamed.split("\n")
    return "\n".join(lines)


def write_other_city_sources(out: Path) -> Path:
    """A ``data/source`` of the other city: its table, and reviewed files written for it."""
    real = h.ROOT / "data" / "source"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("directions.csv", "goals.csv", "financing_lines.csv", "bodies.csv"):
        shutil.copy(real / name, out / name)
    table = other_city_table((real / "section4_table.txt").read_text(encoding="utf-8"))
    passport = f"1. Төлқұжат\n\n\tАтауы\n\t{NAME_KK}\n"
    narrative = "2. Ағымдағы жағдайды талдау\n"
    (out / "passport.txt").write_text(passport, encoding="utf-8")
    (out / "narrative.txt").write_text(narrative, encoding="utf-8")
    (out / "section4_table.txt").write_text(table, encoding="utf-8")
    second = 1 + passport.count("\n")
    _write(out / "document_parts.csv", ["file", "first_line"], [
        ["passport.txt", 1], ["narrative.txt", second], ["section4_table.txt", second + narrative.count("\n")],
    ])  # fmt: skip
    section = ingest.read_section4(table)
    _write(
        out / "indicator_notes.csv",
        [
            "id",
            "code",
            "passport_code",
            "desired",
            "measure",
            "unit_suspect",
            "name_ru",
            "name_en",
            "unit_ru",
            "unit_en",
        ],
        [
            [
                f"i{r.order:02d}",
                r.code,
                r.code,
                "increase",
                "unknown",
                "",
                f"{r.name_kk} (ru)",
                f"{r.name_kk} (en)",
                r.unit,
                r.unit,
            ]
            for r in section.indicators
        ],
    )
    printed = sorted({(f, getattr(r, f)) for r in section.indicators for f in ingest.PRINTED_FIELDS if getattr(r, f)})
    _write(out / "printed_texts.csv", ["field", "printed", "language", "ru", "en"], [
        [f, text, "kk", *((f"{text} (ru)", f"{text} (en)") if f != "unit" else ("", ""))] for f, text in printed
    ])  # fmt: skip  # nobody has reviewed this plan's words: each said to be Kazakh, "translated" by a mark
    _write(out / "indicator_themes.csv", ["id", "code", "theme", "name_kk"], [
        [f"i{r.order:02d}", r.code, "unassigned", r.name_kk] for r in section.indicators
    ])  # fmt: skip  # nobody has reviewed this plan's sectors
    _write(out / "document.csv", ["id", "name_kk", "name_ru", "name_en", "basis", "effective_year"], [
        ["satpayev-2026-2030", NAME_KK, f"План развития города {CITY_RU} на 2026–2030 годы",
         f"Development plan of the city of {CITY_EN} for 2026–2030", "", 2026],
    ])  # fmt: skip
    _write(out / "choices.csv", ["screen", "choice", "value"], [
        ["method", "worked_example", "i02"], ["method", "worked_example", "i05"], ["whatif", "line", "rp-2"],
    ])  # fmt: skip
    _write(out / "places.csv", ["id", "name_kk", "name_ru", "name_en", "lat", "lon", "kind", "source"], [
        ["city", CITY_KK, CITY_RU, CITY_EN, 47.9, 67.5, "city", "test"],
    ])  # fmt: skip
    for name in (
        "projects.csv",
        "project_bodies.csv",
        "cross_checks.csv",
        "narrative_figures.csv",
        "passport_only.csv",
    ):
        with (real / name).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        _write(out / name, header, [])
    return out


def write_other_city_plan(out: Path) -> Path:
    """The other city's ``data/plan``, by the same ingest."""
    ingest.write(out, write_other_city_sources(out.parent / "source"))
    return out


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
