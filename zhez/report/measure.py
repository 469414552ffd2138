"""How wide text is in DejaVu Sans, the PDF's font: column widths that never break a word."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from fpdf import FPDF

from zhez import fonts, i18n
from zhez.export import ExportError, register_fonts
from zhez.report.content import Table

FONT = "DejaVu Sans"  # the family vl-convert's SVG text asks for, so the charts and the text share it
_BREAKS = re.compile(r"[ \t\n]+")  # where fpdf2 and Word may end a line; a no-break space joins ("125,2 млн ₸")


def words(text: str) -> list[str]:
    """``text``'s pieces that a line never breaks inside (``str.split`` would also split at no-break spaces)."""
    return [word for word in _BREAKS.split(text) if word]


def printed_heading(heading: str) -> str:
    """A table's column heading as the PDF and the Word file print it: its unit never alone on a line."""
    return i18n.kept_together(heading)


def font_folder() -> Path:
    """Where DejaVu Sans regular and bold are (the folder vl-convert draws the charts with)."""
    folder = register_fonts()
    if not (folder / fonts.BOLD).exists():
        raise ExportError("DejaVu Sans Bold not found: install fonts-dejavu-core (see README)")
    return folder


@functools.cache
def _measurer() -> FPDF:
    pdf = FPDF()
    folder = font_folder()
    pdf.add_font(FONT, "", str(folder / fonts.REGULAR))
    pdf.add_font(FONT, "B", str(folder / fonts.BOLD))
    return pdf


def fit_widths(table: Table, size: float, width: float, padding: float = 2.4) -> list[float]:
    """Column widths (mm) near the table's shares, but each wide enough for its longest word (bold in the
    header), so no word is ever broken across lines; what a column needs more is taken from the others in
    proportion to what they can spare."""
    pdf = _measurer()
    shares = sum(table.widths)
    wanted = [width * w / shares for w in table.widths]
    needed = []
    for index in range(len(table.columns)):
        pdf.set_font(FONT, "B", size)
        longest = max((pdf.get_string_width(w) for w in words(printed_heading(table.columns[index]))), default=0.0)
        pdf.set_font(FONT, "", size)
        for row in table.rows:
            for word in words(row[index]):
                longest = max(longest, pdf.get_string_width(word))
        needed.append(longest + padding)
    pdf.set_font(FONT, "", size)
    short = sum(max(0.0, n - w) for n, w in zip(needed, wanted, strict=True))
    spare = sum(max(0.0, w - n) for n, w in zip(needed, wanted, strict=True))
    if short <= 0 or spare <= 0:
        return wanted
    take = min(1.0, short / spare)
    return [n if n > w else w - (w - n) * take for n, w in zip(needed, wanted, strict=True)]
