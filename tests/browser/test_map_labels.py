"""The city map in a real browser at 1366 px (issue 23 §4): every project's number and every place's name is
written where the layout puts it, apart from the others and inside the map."""

from __future__ import annotations

import io

import numpy as np
import pytest
from browser_helpers import wait_rendered
from PIL import Image

from zhez import geo, load_plan

INK = 45  # the texts' dark grey (20, 20, 20) and its edges: every channel below this


def open_map(page, app_url: str, lang: str):
    page.goto(f"{app_url}/map?lang={lang}")
    wait_rendered(page)
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas")
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # WebGL draws after the element mounts
    return canvas


def records(lang: str) -> list[dict]:
    plan = load_plan()
    return geo.project_records(plan, geo.located_projects(plan), lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_text_on_the_city_map_is_written_apart_and_inside_the_map(page, app_url, lang):
    canvas = open_map(page, app_url, lang)
    ink = (np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")) < INK).all(axis=2)
    height, width = ink.shape
    points = records(lang)
    _, _, written = geo.label_layout(points, geo.place_labels(load_plan(), lang), "city")
    assert geo.overlapping([t.box for t in written]) == []

    def on_map(x: float, y: float) -> bool:
        return 0 <= x + width / 2 <= width and 0 <= y + height / 2 <= height

    seen = {p["id"] for p in points if on_map(*(float(v) for v in geo.to_screen(*p["position"], geo.VIEWS["city"])))}
    texts = [t for t in written if t.key in seen or t.key == t.text]  # the numbers of points on the map, the names
    assert len([t for t in texts if t.key in seen]) >= 48  # the city's, Kengir's, the CHP's, the airport's
    for text in texts:
        left, top, right, bottom = text.box
        left, right, top, bottom = left + width / 2, right + width / 2, top + height / 2, bottom + height / 2
        inside = min(left, top) >= 0 and right <= width and bottom <= height
        if text.key == text.text and not inside:
            continue  # a name of a place off this map (Satpayev, north-west)
        assert inside, text
        rows = slice(int(top) + 2, int(bottom) - 1)
        assert ink[rows, int(left) : int(right) + 1].sum() > 8, text  # drawn where the layout put it
        # and no wider than the layout thought: nothing dark just beyond either end
        assert not ink[rows, max(0, int(left) - 6) : max(0, int(left) - 1)].any(), text
        assert not ink[rows, int(right) + 2 : int(right) + 7].any(), text
