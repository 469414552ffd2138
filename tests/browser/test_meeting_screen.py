"""A meeting slide on a 1920×1080 screen: no error, charts and the map drawn, type large enough for a room."""

from __future__ import annotations

from browser_helpers import scroll_through, wait_rendered


def test_a_direction_slide_on_a_projector(browser, app_url, tmp_path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/meeting?lang=kk&slide=2")
        wait_rendered(page)
        scroll_through(page)
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.locator("[data-testid=stAlertContentError]").count() == 0
        assert page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").count() >= 2
        assert page.locator("[data-testid=stDeckGlJsonChart] canvas").count() == 1
        body = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=stMain] p')).fontSize)"
        )
        assert body >= 24
        assert not page.locator("[data-testid=stSidebar]").is_visible()
        page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
        page.screenshot(path=str(tmp_path / "meeting-slide.png"))
        assert (tmp_path / "meeting-slide.png").stat().st_size > 50_000
    finally:
        context.close()
