"""The map's words (project numbers, place and road names, the scale) drawn on the server as one image.

Why: a browser without a GPU (many office PCs, every headless test) compiles deck.gl's TextLayer program in
software on a page's first load — about a second on the bench machine. The same words drawn here in DejaVu
Sans and shown by an IconLayer cost about a third of that (bench/RESULTS.md), and every PC shows the same
letters (DejaVu has every Kazakh one). Each label is a picture of its text with a white halo, packed into one
atlas sent as a PNG data URL.
"""

from __future__ import annotations

import base64
import functools
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from zhez import fonts

# Drawn at twice the size shown and scaled down by the browser (Streamlit's map canvas is at 1× even on a
# high-density screen): measured on the map, a tenth more fully dark pixels than drawn at size.
SCALE = 2
HALO_PX = 2.0  # the white outline that keeps a word readable over circles and roads
_HALO = round(HALO_PX * SCALE)  # the same in the picture's pixels
INK = (0, 0, 0, 255)  # black: scaled down on a plain screen, a dark grey would read grey
HALO = (255, 255, 255, 255)
CLEAR = (255, 255, 255, 0)  # white, not black, where nothing is drawn: the edges blend to white when scaled
ATLAS_WIDTH = 2048  # image pixels; every browser takes textures this wide
GAP = 2  # image pixels between labels, so no label's edge samples its neighbour
PALETTE = 32
# Beyond this many words (a plan of hundreds of projects) the picture would cost the server more than a second
# and the page a megabyte at each filter change; the browser's TextLayer then writes them (zhez.geo.label_layer).
MOST = 500
# One FreeType face per font and size is shared by the app's sessions, and a face is not safe to use from two
# threads at once: measuring and drawing take turns.
_FACES = threading.Lock()
SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}  # where the point sits along the text's width


@dataclass(frozen=True)
class Label:
    """A text as the map writes it: ``size`` is the font size in screen pixels; lines break at ``\\n`` and
    line up on the ``anchor`` side (``start``: the text runs right of its point, ``end``: left of it)."""

    text: str
    size: float
    bold: bool = True
    anchor: str = "middle"


@dataclass(frozen=True)
class Atlas:
    """The labels' picture as a data URL, where each label is in it (deck.gl's ``iconMapping``), and each
    label's key into that mapping and height on screen in pixels, in the order the labels were given."""

    url: str
    mapping: dict[str, dict[str, Any]]
    keys: list[str]
    heights: list[float]


@functools.cache
def available() -> bool:
    """Whether this machine can draw labels (DejaVu Sans regular and bold are installed; looked up once)."""
    folder = fonts.dejavu_folder()
    return folder is not None and (folder / fonts.BOLD).exists()


@functools.lru_cache(maxsize=16)
def _font(bold: bool, pixels: int) -> ImageFont.FreeTypeFont:
    folder = fonts.dejavu_folder()
    assert folder is not None, "map_labels.available() is checked first"
    # the basic layout engine: one glyph after another, which is all a label needs (no libraqm required)
    return ImageFont.truetype(
        str(folder / (fonts.BOLD if bold else fonts.REGULAR)), pixels, layout_engine=ImageFont.Layout.BASIC
    )


def _pixels(size: float) -> int:
    return max(1, round(size * SCALE))


@functools.lru_cache(maxsize=4096)
def width(label: Label) -> float:
    """The label's width on screen in pixels, its halo included."""
    with _FACES:
        font = _font(label.bold, _pixels(label.size))
        widest = max(font.getlength(line) for line in label.text.split("\n"))
    return widest / SCALE + 2 * HALO_PX


def _drawn(label: Label) -> Image.Image:
    font = _font(label.bold, _pixels(label.size))
    ascent, descent = font.getmetrics()
    lines = label.text.split("\n")
    widths = [font.getlength(line) for line in lines]
    inner = max(widths)
    image = Image.new("RGBA", (int(inner) + 2 * _HALO + 1, len(lines) * (ascent + descent) + 2 * _HALO), CLEAR)
    draw = ImageDraw.Draw(image)
    for row, (line, line_width) in enumerate(zip(lines, widths, strict=True)):
        x = _HALO + (inner - line_width) * SHIFT[label.anchor]
        y = _HALO + row * (ascent + descent)
        draw.text((x, y), line, font=font, fill=INK, stroke_width=_HALO, stroke_fill=HALO, anchor="la")
    return image


def atlas(labels: Sequence[Label]) -> Atlas:
    """Every label drawn once (the same text in the same style shares its picture), packed row by row."""
    keys: dict[Label, str] = {}
    for label in labels:
        keys.setdefault(label, str(len(keys)))
    with _FACES:
        pictures = {key: _drawn(label) for label, key in keys.items()}
    places: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0
    for key, picture in pictures.items():
        if x and x + picture.width > ATLAS_WIDTH:
            x, y, row_height = 0, y + row_height + GAP, 0
        places[key] = (x, y)
        x, row_height = x + picture.width + GAP, max(row_height, picture.height)
    widest = max((places[k][0] + p.width for k, p in pictures.items()), default=1)
    sheet = Image.new("RGBA", (widest, max(y + row_height, 1)), CLEAR)
    mapping: dict[str, dict[str, Any]] = {}
    for label, key in keys.items():
        picture, (left, top) = pictures[key], places[key]
        sheet.paste(picture, (left, top))
        mapping[key] = {
            "x": left,
            "y": top,
            "width": picture.width,
            "height": picture.height,
            # the point sits at the text's start, middle or end (not the halo's), halfway down the lines
            "anchorX": _HALO + (picture.width - 2 * _HALO) * SHIFT[label.anchor],
            "anchorY": picture.height / 2,
            "mask": False,
        }
    png = io.BytesIO()
    # dark ink, a white halo and the greys between: a 32-colour palette looks the same at a third of the bytes
    sheet.quantize(colors=PALETTE, method=Image.Quantize.FASTOCTREE).save(png, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")
    return Atlas(
        url=url,
        mapping=mapping,
        keys=[keys[label] for label in labels],
        heights=[pictures[keys[label]].height / SCALE for label in labels],
    )
