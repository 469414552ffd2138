"""User text inside Markdown stays text.

Streamlit renders labels, ``st.error``/``warning``/``success``/``info``/``caption`` and ``st.markdown``
as Markdown: a scenario name, a workbook cell or a link parameter written there as it came could plant
a clickable link, or an image the reader's browser fetches from outside (tracking, and a broken "no
internet needed" promise). ``escape`` makes any such text plain: every character Markdown (or the HTML
it allows) could read as syntax is escaped, and bare web addresses are broken up so they are not linked.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start syntax.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")
EXCERPT = 60


def escape(text: object) -> str:
    """``text`` as plain text inside Markdown: nothing in it becomes a link, image, emphasis or HTML."""
    plain = _SPECIAL.sub(r"\\\1", str(text))
    # After escaping, "http\:" can still be linked by GFM's autolink extension; a zero-width joiner
    # between the scheme and its colon (and in "www." and before "@") stops it and shows nothing.
    plain = plain.replace("\\:", "\u2060\\:").replace("www\\.", "www\u2060\\.").replace("@", "\u2060@")
    return plain.replace("\n", " ")


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """A short, escaped excerpt of text that came in a link or a file: at most ``limit`` characters, then "…"."""
    raw = str(text)
    return escape(raw if len(raw) <= limit else raw[: limit - 1] + "…")
