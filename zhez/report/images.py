"""Charts for paper: the screens' Altair charts drawn by vl-convert in DejaVu Sans, as SVG (vectors) or PNG."""

from __future__ import annotations

import re

from zhez.charts import Chart
from zhez.export import paper_spec, register_fonts
from zhez.kept import KeptPerObject

PNG_SCALE = 3.0  # 760 px wide × 3 ≈ 350 dpi at 16 cm: sharp in print where a reader cannot take the SVG


_DRAWN: KeptPerObject[str] = KeptPerObject(32)


def chart_svg(chart: Chart, lang: str) -> str:
    """The chart as SVG, its text kept as text in DejaVu Sans; drawn once while the same chart object is in use
    (a kept report's: the Report page shows it, its Word and PDF files print it)."""

    def draw() -> str:
        import vl_convert as vlc

        register_fonts()
        spec = paper_spec(chart, lang)
        spec["config"]["legend"]["labelLimit"] = 0  # a legend names a financing line whole, never cut with "…"
        return _plain(str(vlc.vegalite_to_svg(spec)))

    return _DRAWN.get(chart, lang, draw)


def svg_png(svg: str, scale: float = PNG_SCALE) -> bytes:
    """A PNG of an SVG drawn by ``chart_svg`` (the same picture, without running Vega again)."""
    import vl_convert as vlc

    register_fonts()
    return bytes(vlc.svg_to_png(svg, scale=scale))


def svg_size(svg: str) -> tuple[float, float]:
    """The SVG's width and height in its own pixels."""
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("an SVG without width and height")
    return float(match.group(1)), float(match.group(2))


_LINE = re.compile(r"<line\b[^>]*>")
_EMPTY_PATH = re.compile(r'<path\b[^>]*\sd=""[^>]*/>')
_UNSTROKED = re.compile(r"<path\b(?![^>]*\sstroke=)")


def _plain(svg: str) -> str:
    """Spell out what SVG leaves to defaults and PDF drawers may not assume: a ``<line>``'s missing end
    points are 0; an empty path draws nothing; a path without a stroke has none (fpdf2 drew a filled point
    ringed in black: the charts' points have a stroke width and no stroke). Vega writes all three."""

    def line(match: re.Match[str]) -> str:
        tag = match.group(0)
        for name in ("x1", "y1", "x2", "y2"):
            if f" {name}=" not in tag:
                tag = tag.replace("<line", f'<line {name}="0"', 1)
        return tag

    return _UNSTROKED.sub('<path stroke="none"', _EMPTY_PATH.sub("", _LINE.sub(line, svg)))
