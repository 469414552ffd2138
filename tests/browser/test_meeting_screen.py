"""Meeting mode on a 1920×1080 projector: every slide fits without scrolling, chart text is at least 20 px,
the presenter moves with the keyboard, and the toolbar (contrast, language, exit) is in view and usable."""

from __future__ import annotations

import pytest
from browser_helpers import wait_rendered

from zhez.ui.meeting import EXECUTION_MAP_WIDTH, SLIDE_MAP_WIDTH

SLIDES = 8  # the agenda, five directions, execution, the audit
CHARTLESS = (SLIDES - 1, SLIDES)  # execution (a table and a map) and the audit draw no chart
# Every text a chart draws on a canvas, with its font size (Vega draws on a canvas; an SVG chart is read too).
RECORD_TEXT = """
(() => {
  window.zhezTexts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    const size = parseFloat((this.font.match(/([\\d.]+)px/) || [0, 0])[1]);
    const chart = this.canvas.closest && this.canvas.closest('[data-testid=stVegaLiteChart]');
    if (chart && String(text).trim()) window.zhezTexts.push([String(text), size]);
    return fill.call(this, text, ...rest);
  };
})();
"""
CHART_TEXT = """() => [
  ...window.zhezTexts,
  ...[...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')]
     .filter(t => t.textContent.trim()).map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)]),
]"""
# Charts are on the slide (they mount after the script has finished) and each has drawn its text (an SVG is in
# the page before Vega fills it). Every slide but those in CHARTLESS has a chart.
CHARTS_DRAWN = """(expected) => { const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
  return charts.length >= expected && charts.every(c => c.querySelector('svg text') || c.querySelector('canvas')); }"""
SCROLL = """() => { const m = document.querySelector('[data-testid=stMain]');
                   return [m.scrollHeight, m.clientHeight, document.documentElement.scrollHeight, innerHeight]; }"""


def slide_of(page) -> int:
    return int(page.url.split("slide=")[1].split("&")[0])


def check_slide(page, number: int) -> None:
    """The slide shown is ``number``, fits the screen and its chart text is ≥ 20 px."""
    page.wait_for_function(f"() => location.search.includes('slide={number}')", timeout=30000)
    wait_rendered(page)
    page.wait_for_function(CHARTS_DRAWN, arg=int(number not in CHARTLESS), timeout=30000)
    page.wait_for_timeout(600)
    assert page.locator("[data-testid=stException]").count() == 0
    main, viewport, document, height = page.evaluate(SCROLL)
    assert main <= viewport + 1 and document <= height + 1, f"slide {number} scrolls: {main} px in {viewport} px"
    for deck in page.locator("[data-testid=stDeckGlJsonChart]").all():  # its names were laid out inside it
        width = EXECUTION_MAP_WIDTH if number == SLIDES - 1 else SLIDE_MAP_WIDTH
        assert deck.bounding_box()["width"] >= width, f"slide {number}: a map narrower than its names' layout"
    # a direction's financing, beside its status chips: was the page's 16 px on the projector
    money = page.evaluate(
        "() => [...document.querySelectorAll('.zhez-fin b')].map(b => parseFloat(getComputedStyle(b).fontSize))"
    )
    assert all(size >= 20 for size in money), f"slide {number}: the direction's financing in {money} px"
    texts = page.evaluate(CHART_TEXT)
    if page.locator("[data-testid=stVegaLiteChart]").count():
        assert texts, f"slide {number}: no chart text recorded"
        small = sorted({(text, size) for text, size in texts if size < 20}, key=lambda x: x[1])
        assert not small, f"slide {number}: chart text under 20 px: {small[:5]}"
    page.evaluate("() => { window.zhezTexts = []; }")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_slide_fits_a_projector_and_moves_by_keyboard(browser, app_url, lang):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.add_init_script(RECORD_TEXT)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/meeting?lang={lang}&slide=1")
        check_slide(page, 1)
        assert not page.locator("[data-testid=stSidebar]").is_visible()
        body = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=stMain] h1')).fontSize)"
        )
        assert body >= 40
        # → / PageDown / Space forward, through every slide
        keys = ["ArrowRight", "PageDown", "Space", "ArrowRight", "PageDown", "Space", "ArrowRight"]
        for number, key in enumerate(keys, start=2):
            page.keyboard.press(key)
            check_slide(page, number)
        page.keyboard.press("ArrowRight")  # the last slide stays the last
        page.wait_for_timeout(800)
        assert slide_of(page) == SLIDES
        page.keyboard.press("ArrowLeft")
        check_slide(page, SLIDES - 1)
        page.keyboard.press("PageUp")
        check_slide(page, SLIDES - 2)
        page.keyboard.press("Home")
        check_slide(page, 1)
        page.keyboard.press("End")
        check_slide(page, SLIDES)
    finally:
        context.close()


def test_the_toolbar_is_in_view_and_works(browser, app_url):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/meeting?lang=ru&slide=2")
        wait_rendered(page)
        toggle = page.locator(".st-key-mt-contrast label")
        box = toggle.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 1080
        covered = page.evaluate(
            "([x, y]) => !!document.elementFromPoint(x, y).closest('.st-key-mt-contrast')",
            [box["x"] + 10, box["y"] + box["height"] / 2],
        )
        assert covered, "nothing lies over the high-contrast switch"
        toggle.click()
        page.wait_for_function("() => location.search.includes('hc=1')", timeout=30000)
        wait_rendered(page)
        assert "hc=1" in page.url
        page.locator(".st-key-mt-lang button", has_text="English").click()
        page.wait_for_function("() => location.search.includes('lang=en')", timeout=30000)
        wait_rendered(page)
        assert page.locator("h1", has_text="High quality of life").is_visible()
        page.get_by_text("Exit meeting").click()
        page.wait_for_function("() => !location.pathname.includes('meeting')", timeout=30000)
        wait_rendered(page)
        assert page.locator("h1", has_text="Zhezkazgan city development plan").is_visible()
        assert page.locator("[data-testid=stSidebar]").is_visible()
    finally:
        context.close()


# Each chart's drawing and the block it stands in (its column), left and right edges.
CHART_EDGES = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].map(c => {
  const svg = c.querySelector('svg.marks').getBoundingClientRect();
  const block = c.closest('[data-testid=stColumn]') || c.closest('[data-testid=stMainBlockContainer]');
  const column = block.getBoundingClientRect();
  const words = [...c.querySelectorAll('svg.marks text')].map(t => t.getBoundingClientRect().right);
  return [svg.left, svg.right, column.left, column.right, Math.max(svg.left, ...words)];
})"""


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_on_a_laptop_screen_each_chart_stays_in_its_column(browser, app_url, lang):
    """At 1366×768 a direction slide's grid (two panels of a fixed size, wider than its half there) ran under
    the map beside it, and its financing chart's legend ran past the chart's edge, cut mid-word: both are drawn
    as at 1920 and smaller to fit their column."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        for number in range(1, SLIDES - 1):
            page.goto(f"{app_url}/meeting?lang={lang}&slide={number}")
            wait_rendered(page)
            page.wait_for_function(CHARTS_DRAWN, arg=1, timeout=30000)
            for left, right, column_left, column_right, words in page.evaluate(CHART_EDGES):
                assert column_left - 1 <= left and right <= column_right + 1, (
                    f"slide {number}: a chart out of its column"
                )
                assert words <= right + 1, f"slide {number}: a chart's words run past its edge (cut off)"
    finally:
        context.close()
