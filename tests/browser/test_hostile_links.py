"""Markdown in a link or in stored user text stays text in a real browser: no planted link, no outside fetch.

A local canary HTTP server stands in for the attacker's site: every hostile link points at it, so any
image the page would load or any link it would render shows up as a request there or as an ``<a href>``.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from browser_helpers import free_port, start_app, wait_rendered

from zhez import budget, load_plan
from zhez.auth import trusted_person
from zhez.store import Correction, Store

# Every parameter a page reads from its link (``zhez.ui.link`` callers), on every page.
PARAMS = [
    "m", "line", "dir", "status", "q", "goal", "resp", "p", "ind", "sector", "stage", "project",
    "basemap", "view", "slide", "hc", "sev", "kind", "from", "to", "period", "lang",
]  # fmt: skip
EDITOR = "__Aigul__ aigul@evil.example"  # the most markdown a person's name may hold (zhez.auth.NAME)
PAGES = ["/", "/directions", "/indicator", "/map", "/whatif", "/meeting", "/record", "/method", "/data", "/audit",
         "/editions"]  # fmt: skip


class Canary:
    """An HTTP server on 127.0.0.1 that counts every request it receives."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def canary():
    server = Canary()
    yield server
    server.server.shutdown()


def hostile(canary: Canary) -> tuple[str, str]:
    """A planted link and an outside image, both pointing at the canary."""
    return f"[Session expired: sign in again]({canary.base}/a)", f"![x]({canary.base}/img.png)"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, canary):
    """An app whose store holds a scenario named and noted in markdown, saved by an editor whose name holds
    markdown (names come from secrets or the identity provider), who also corrected a project's point."""
    tmp = tmp_path_factory.mktemp("hostile-app")
    link, image = hostile(canary)
    store = Store(f"sqlite:///{tmp / 'store.sqlite'}")
    store.migrate()
    plan = load_plan()
    editor = trusted_person(EDITOR, every_body=True)
    store.save_scenario(plan, editor, link, [budget.Move("rp-1", 2026, 2028, 100.0).as_dict()], note=image)
    store.correct_point(plan, editor, Correction("p34", 47.8, 67.7, "exact"))
    proc, base = start_app(tmp)
    yield base
    proc.terminate()
    proc.wait(10)


def planted(page, canary: Canary) -> list[str]:
    """Links and images on the page that point at the canary or at the editor's e-mail domain."""
    return page.evaluate(
        """(host) => [...document.querySelectorAll('a[href], img[src], [style*="url("]')]
            .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('style'))
            .filter(v => v.includes(host) || v.includes('evil.example'))""",
        f"127.0.0.1:{canary.port}",
    )


def test_the_canary_sees_a_browser_that_does_fetch(page, canary):
    """The check can fail: a page that does load the image is seen by the canary."""
    before = len(canary.requests)
    page.set_content(f"<img src='{canary.base}/control.png'>")
    page.wait_for_timeout(500)
    assert len(canary.requests) == before + 1 and canary.requests[-1] == "/control.png"


@pytest.mark.parametrize("path", PAGES)
def test_hostile_links_plant_nothing_and_fetch_nothing(hostile_app, page, canary, path):
    link, image = hostile(canary)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.url.startswith(canary.base) else None)
    before = len(canary.requests)
    for payload in (link, image):
        query = "&".join(f"{p}={quote(payload)}" for p in PARAMS)
        page.goto(f"{hostile_app}{path}?{query}")
        wait_rendered(page)
        page.wait_for_timeout(300)
        assert planted(page, canary) == []
    assert asked == [] and canary.requests[before:] == []


def test_a_hostile_move_in_the_link_is_shown_as_text(hostile_app, page, canary):
    link, _ = hostile(canary)
    page.goto(f"{hostile_app}/whatif?lang=en&m={quote(link)}")
    wait_rendered(page)
    warning = page.locator("[data-testid=stAlertContentWarning]").filter(has_text="could not be read")
    shown = warning.inner_text().replace("\u2060", "")
    assert "[Session expired" in shown and "could not be read" in shown
    assert warning.locator("a").count() == 0


def test_stored_markdown_in_a_scenario_and_an_editor_name_is_shown_as_text(hostile_app, page, canary):
    link, image = hostile(canary)
    before = len(canary.requests)
    page.goto(f"{hostile_app}/whatif?lang=en")
    wait_rendered(page)
    page.get_by_role("tab", name="Saved scenarios").click()
    page.get_by_text("Compare with").wait_for()
    body = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
    assert f"{EDITOR}, " in body and image in body  # who saved it, and its note, as typed
    assert f"«{link}»" in body  # the compare switch names the scenario as typed
    assert planted(page, canary) == []

    page.goto(f"{hostile_app}/map?lang=en&project=p34")
    wait_rendered(page)
    body = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
    assert EDITOR in body
    assert planted(page, canary) == [] and canary.requests[before:] == []
