"""Where DejaVu Sans is: the font the server draws text into images with (it has every Kazakh letter).

Chart exports, the PDF report and the map's labels are drawn with it, so what a reader sees does not depend on the
fonts of their PC. Debian ships it in ``fonts-dejavu-core``; a copy put in ``data/fonts`` would be used first.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIRS = (
    Path(__file__).resolve().parent.parent / "data" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"


def dejavu_folder() -> Path | None:
    """The first folder holding DejaVu Sans regular, or None when this machine has none."""
    return next((folder for folder in FONT_DIRS if (folder / REGULAR).exists()), None)
