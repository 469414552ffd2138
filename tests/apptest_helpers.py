"""Running the app headless with ``streamlit.testing.v1.AppTest``, as a reader would open a page."""

from __future__ import annotations

import json
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
