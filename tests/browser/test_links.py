"""A shared link opens the view it names, on a server nobody has visited yet, in a real browser."""

from __future__ import annotations

from browser_helpers import scroll_through, start_app, wait_rendered


def test_a_deep_link_on_a_fresh_server_runs_inside_the_apps_navigation(browser, tmp_path):
    proc, base = start_app(tmp_path)  # its own server: no session has run app.py before this link
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{base}/indicator?ind=i46&lang=en")
        page.wait_for_selector("[data-testid=stSidebar] >> text=Тіл · Язык · Language", timeout=60000)
        wait_rendered(page)
        assert page.locator("h1").first.inner_text().startswith("6.2 Wear of power networks")
        nav = page.inner_text("[data-testid=stSidebarNav]")
        assert "Overview" in nav and "Plan audit" in nav and "app" not in nav.split()
        assert page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").count() > 0
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_direction_link_reproduces_its_filters(page, app_url):
    page.goto(f"{app_url}/directions?dir=rp-1&status=moving_away&lang=ru")
    wait_rendered(page)
    assert page.get_by_text("Удаляется от цели").count() > 0
    scroll_through(page)
    grid = page.locator("[data-testid=stVegaLiteChart]")
    assert grid.count() == 1 and grid.locator("canvas, svg").count() > 0
    assert "status=moving_away" in page.url and "lang=ru" in page.url
