"""Every page, in every language, in headless Chromium: it runs, draws its charts, and shows no error."""

from __future__ import annotations

import re

import pytest
from browser_helpers import scroll_through, wait_rendered

from zhez import i18n

LANGS = ("kk", "ru", "en")
# A message key that reached the screen untranslated: any prefix the catalogue uses (page., map., …).
PREFIXES = sorted({key.split(".")[0] for key in i18n.catalogue("kk")})
KEY_LIKE = re.compile(r"\b(?:" + "|".join(PREFIXES) + r")\.[a-z_]+\b")


def nav_paths(page, base: str) -> list[str]:
    page.goto(base + "/?lang=kk")
    wait_rendered(page)
    links = page.eval_on_selector_all("[data-testid=stSidebarNav] a", "els => els.map(e => new URL(e.href).pathname)")
    return sorted(set(links))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_opens_without_errors(page, app_url, lang):
    paths = nav_paths(page, app_url)
    assert len(paths) >= 3
    for path in paths:
        page.goto(f"{app_url}{path}?lang={lang}")
        wait_rendered(page)
        scroll_through(page)
        assert page.locator("[data-testid=stException]").count() == 0, path
        assert page.locator("[data-testid=stAlertContentError]").count() == 0, path
        body = page.inner_text("[data-testid=stMain]")
        assert not KEY_LIKE.search(body), f"untranslated key on {path}: {KEY_LIKE.search(body).group(0)}"
        scroll = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert scroll <= 0, f"horizontal scrollbar on {path} at 1366×768"
        for chart in page.locator("[data-testid=stVegaLiteChart]").all():
            assert chart.locator("canvas, svg").count() > 0, path
        assert page.evaluate("document.documentElement.lang") == lang, f"the page's language attribute on {path}"
        titles = page.eval_on_selector_all(
            "[data-testid=stVegaLiteChart]",
            "charts => charts.map(c => [...c.querySelectorAll('.role-title')].map(t => t.textContent.trim()).join(''))",
        )
        assert all(titles), f"a chart without a title on {path}"
        maps = page.eval_on_selector_all("[data-testid=stDeckGlJsonChart]", "els => els.map(e => e.ariaLabel || '')")
        assert all(maps), f"a map without a text alternative on {path}"
        assert not page.evaluate("[...document.images].filter(i => !i.alt).map(i => i.src)"), (
            f"image without alt: {path}"
        )
