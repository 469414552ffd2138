"""A shared link opens the view it names, on a server nobody has visited yet, in a real browser.

On a fresh server Streamlit 1.67 runs a link the old ``pages/`` way until app.py's ``st.navigation``
has run once (``zhez/ui/startup.py``): these tests are what says when an upgrade lets that go.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import launch_app, scroll_through, start_app, stop_app, wait_healthy, wait_rendered

from zhez import i18n

# Every page's link, with the view it names: (page, path, query). The path is the page's file name.
DEEP_LINKS = [
    ("overview", "/", {"lang": "ru"}),
    ("directions", "/directions", {"dir": "rp-1", "status": "moving_away", "q": "износ", "lang": "ru"}),
    ("indicator", "/indicator", {"ind": "i10", "lang": "ru"}),
    ("map", "/map", {"sector": "sewer", "project": "p34", "basemap": "1", "lang": "kk"}),
    ("execution", "/execution", {"year": "2027", "lang": "kk"}),
    ("whatif", "/whatif", {"m": "rp-1,2026,2028,10000", "line": "rp-1", "lang": "ru"}),
    ("meeting", "/meeting", {"slide": "2", "hc": "1", "lang": "kk"}),
    ("record", "/record", {"ind": "i46", "lang": "ru"}),
    ("method", "/method", {"lang": "en"}),
    ("data", "/data", {"dir": "od-2", "q": "туберкул", "lang": "ru"}),
    ("audit", "/audit", {"sev": "error", "kind": "financing_sum", "lang": "en"}),
    ("editions", "/editions", {"lang": "ru"}),
]


@pytest.fixture(scope="module")
def fresh_servers(tmp_path_factory):
    """One server per deep link, none of them visited yet (started side by side)."""
    started = {}
    for page, _path, _query in DEEP_LINKS:
        tmp = tmp_path_factory.mktemp(f"fresh-{page}")
        started[page] = (*launch_app(tmp), tmp)
    try:
        for proc, base, tmp in started.values():
            wait_healthy(proc, base, tmp, seconds=120)
        yield {page: base for page, (_proc, base, _tmp) in started.items()}
    finally:
        for proc, _base, _tmp in started.values():
            stop_app(proc)


def _query_string(query: dict[str, str]) -> str:
    return "&".join(f"{key}={value}" for key, value in query.items())


@pytest.mark.parametrize(("page_name", "path", "query"), DEEP_LINKS, ids=[d[0] for d in DEEP_LINKS])
def test_every_deep_link_on_a_fresh_server_opens_inside_the_navigation(browser, fresh_servers, page_name, path, query):
    base = fresh_servers[page_name]
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{base}{path}?{_query_string(query)}")
        wait_rendered(page)
        page.wait_for_timeout(1000)  # a dialog comes with the page's first messages
        assert page.locator("[role=dialog]").count() == 0, page.locator("[role=dialog]").all_inner_texts()
        assert page.locator("[data-testid=stException]").count() == 0
        # the app's navigation, in the link's language, with this page as the current one
        lang = query["lang"]
        links = page.eval_on_selector_all(
            "[data-testid=stSidebarNav] a",
            "els => els.map(e => [new URL(e.href).pathname, e.getAttribute('aria-current'), e.textContent])",
        )
        titles = [text for _href, _current, text in links]
        expected = [i18n.t(f"page.{name}", lang) for name, _path, _query in DEEP_LINKS]
        assert len(titles) == len(expected), titles
        assert all(text.endswith(title) for text, title in zip(titles, expected, strict=True)), titles
        current = [(href, text) for href, is_current, text in links if is_current == "page"]
        assert len(current) == 1 and current[0][0] == path, current
        assert current[0][1].endswith(i18n.t(f"page.{page_name}", lang)), current
        assert page.evaluate("document.documentElement.lang") == lang
        # the link's parameters are still there (the page may add its own)
        shown = urlsplit(page.url)
        assert shown.path == path
        kept = {key: values[-1] for key, values in parse_qs(shown.query).items()}
        assert {key: kept.get(key) for key in query} == query
    finally:
        page.close()


def test_every_page_has_a_deep_link_above(page, app_url):
    page.goto(f"{app_url}/?lang=kk")
    wait_rendered(page)
    paths = page.eval_on_selector_all("[data-testid=stSidebarNav] a", "els => els.map(e => new URL(e.href).pathname)")
    assert paths == [path for _name, path, _query in DEEP_LINKS]


def test_a_what_if_link_of_the_old_path_opens_the_scenario(page, app_url):
    page.goto(f"{app_url}/what-if?m=rp-1,2026,2028,10000&lang=en")
    wait_rendered(page)
    page.wait_for_timeout(1000)
    assert page.locator("[role=dialog]").count() == 0
    shown = urlsplit(page.url)
    assert shown.path == "/whatif" and parse_qs(shown.query)["m"] == ["rp-1,2026,2028,10000"]
    assert page.get_by_text(i18n.t("whatif.moves", "en"), exact=True).count() == 1  # the scenario's moves are listed


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
        stop_app(proc)


def test_a_direction_link_reproduces_its_filters(page, app_url):
    page.goto(f"{app_url}/directions?dir=rp-1&status=moving_away&lang=ru")
    wait_rendered(page)
    assert page.get_by_text("Удаляется от цели").count() > 0
    scroll_through(page)
    grid = page.locator("[data-testid=stVegaLiteChart]")
    assert grid.count() == 1 and grid.locator("canvas, svg").count() > 0
    assert "status=moving_away" in page.url and "lang=ru" in page.url
