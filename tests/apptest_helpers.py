"""Running the app headless with ``streamlit.testing.v1.AppTest``, as a reader would open a page."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("kk", "ru", "en")


def open_page(page: str | None = None, *, timeout: float = 60, **query: str) -> AppTest:
    """The app at ``page`` (e.g. ``pages/data.py``) with ``query`` in its link."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def deck_layers(at: AppTest) -> dict[str, dict]:  # type: ignore[type-arg]
    """The layers of the page's one map, by id."""
    (deck,) = at.get("deck_gl_json_chart")
    return {layer["id"]: layer for layer in json.loads(deck.proto.json)["layers"]}


def words(layers: dict[str, dict], kind: str) -> list[dict]:  # type: ignore[type-arg]
    """What the map writes of one ``kind`` (``number``, ``place``, ``road``, ``scale``): its one labels layer's
    data, whether the server drew the words (IconLayer) or the browser does (TextLayer)."""
    return [label for label in layers["labels"]["data"] if label["kind"] == kind]


class _Tables(HTMLParser):
    """The cells of every ``<table>`` in some HTML, as their text (a ``<br>`` read as a line break)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """The tables the page prints as HTML (``ui.short_table``, the report's), each as the text of its cells under
    its header row's (read as words: a heading's no-break space before its unit, "млн\u00a0₸", is a space)."""
    found = []
    for element in at.get("html"):
        parser = _Tables()
        parser.feed(str(element.value))
        found += [
            pd.DataFrame(rows[1:], columns=[c.replace("\u00a0", " ") for c in rows[0]])
            for rows in parser.tables
            if rows
        ]
    return found


def as_read(markdown: str) -> str:
    """Markdown source as a reader sees it: user text is escaped on the page (``zhez.markdown.escape``)."""
    return markdown.replace("\\", "").replace("\u2060", "")


def texts(at: AppTest) -> str:
    """All readable text of the rendered page (markdown, titles, captions, HTML)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.value) for e in at.get("html")]
    return "\n".join(parts)


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the charts on the page."""
    return [json.loads(element.proto.spec) for element in at.get("vega_lite_chart")]


def chart_data(at: AppTest, index: int = 0) -> pd.DataFrame:
    """All rows of the data sets behind chart ``index`` (Arrow, as sent to the browser)."""
    element = at.get("vega_lite_chart")[index]
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in element.proto.datasets]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
