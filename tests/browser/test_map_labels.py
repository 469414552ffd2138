"""The city map in a real browser at 1366 px (issue 23 §4): every project's number and every place's name is
written where the layout puts it, apart from the others and inside the map; a point's tooltip stays inside the
map, in the reader's language and number format."""

from __future__ import annotations

import io

import numpy as np
import pytest
from browser_helpers import wait_rendered
from PIL import Image

from zhez import geo, i18n, load_plan

INK = 45  # the texts' black and its edges: every channel below this


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
    _, _, written = geo.label_layout(points, geo.place_labels(load_plan(), lang))
    assert geo.overlapping([t.box for t in written]) == []

    def on_map(x: float, y: float) -> bool:
        return 0 <= x + width / 2 <= width and 0 <= y + height / 2 <= height

    seen = {p["id"] for p in points if on_map(*(float(v) for v in geo.to_screen(*p["position"], geo.VIEWS["city"])))}
    texts = [t for t in written if t.key in seen or t.key == t.text]  # the numbers of points on the map, the names
    assert len([t for t in texts if t.key in seen]) >= 48  # the city's, Kengir's, the CHP's, the airport's
    for text in texts:
        left, top, right, bottom = text.box
        left, right, top, bottom = left + width / 2, right + width / 2, top + height / 2, bottom + height / 2
        assert min(left, top) >= 0 and right <= width and bottom <= height, text  # a place off the map: unnamed
        rows = slice(int(top) + 2, int(bottom) - 1)
        assert ink[rows, int(left) : int(right) + 1].sum() > 8, text  # drawn where the layout put it
        # and no wider than the layout thought: nothing dark just beyond either end
        assert not ink[rows, max(0, int(left) - 6) : max(0, int(left) - 1)].any(), text
        assert not ink[rows, int(right) + 2 : int(right) + 7].any(), text


@pytest.mark.parametrize(
    ("lang", "project", "cost", "approximate"),
    [
        ("kk", "p46", "2\u00a0500,0\u00a0млн\u00a0₸", "шамамен"),  # the right edge of the city's crowd
        ("ru", "p41", "1\u00a0300,0\u00a0млн\u00a0₸", None),  # the airport's runway, near the bottom edge, a site
        ("ru", "p30", None, "приблизительно"),  # Kengir, near the top left
    ],
)
def test_a_tooltip_near_the_maps_edge_stays_inside_it_and_reads_in_the_language(
    page, app_url, lang, project, cost, approximate
):
    canvas = open_map(page, app_url, lang)
    frame = canvas.bounding_box()
    point = next(p for p in records(lang) if p["id"] == project)
    x, y = (float(v) for v in geo.to_screen(*point["position"], geo.VIEWS["city"]))
    page.mouse.move(frame["x"] + frame["width"] / 2 + x, frame["y"] + frame["height"] / 2 + y)
    tip = page.locator(".deck-tooltip")
    tip.wait_for(state="visible")
    page.wait_for_timeout(300)
    box = tip.bounding_box()
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"], (box, frame)
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"], (box, frame)
    text = tip.inner_text()
    assert f"{geo.number_text(project)}. {point['name']}" in text and point["sector"] in text
    assert (cost or i18n.t("map.no_cost", lang)) in text
    assert (approximate in text) if approximate else ("шамамен" not in text and "приблизительно" not in text)
    colour, background = tip.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert (colour, background) == ("rgb(26, 26, 26)", "rgb(255, 255, 255)")  # dark on white, as the page reads
