"""The map in a real browser with the network cut off: the deck still draws projects and names."""

from __future__ import annotations

import io

from browser_helpers import wait_rendered
from PIL import Image


def test_the_map_draws_with_no_network(page, app_url):
    refused: list[str] = []

    def local_only(route):
        if route.request.url.startswith(app_url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", local_only)
    page.goto(f"{app_url}/map?lang=kk&project=p34")
    wait_rendered(page)
    deck = page.locator("[data-testid=stDeckGlJsonChart]")
    deck.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # WebGL draws after the element mounts
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    assert deck.locator("canvas").count() == 1
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    # a blank or failed deck is one flat colour; points, lines and names give hundreds
    assert len(colours) > 200
    # sewerage light blue (136, 204, 238) at 84 % opacity over white
    sewer_blue = sum(n for n, (r, g, b) in colours if abs(r - 155) < 20 and abs(g - 212) < 20 and abs(b - 240) < 20)
    assert sewer_blue > 1000  # the sewerage circles, the sewage plant's (16.1 bn ₸) the largest, are drawn
    assert not [u for u in refused if "cartocdn" in u]  # no basemap was even asked for
