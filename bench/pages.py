"""Browser timing: each page until it has finished running and drawn its charts and maps (a map until its pixels
stop changing), cold and warm.

Starts the app and bench/reference_app.py, opens each page in headless Chromium (Debian's chromium)
several times in a fresh browser context (cold) and by reloading an open one (warm), and prints
medians and the ratio to the reference page (every page, or those named: ``python bench/pages.py /directions``). Target (issue 9): every page ≤ 1.3× the reference, cold.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_helpers import CHROMIUM_ARGS, chromium_path, start_app, wait_rendered  # noqa: E402

# Every page of the app, by its file (a page's URL path is its file name; the Overview is the default page, "/").
PAGES = ["/" if page.stem == "overview" else f"/{page.stem}" for page in sorted((ROOT / "pages").glob("*.py"))]
ROUNDS = 5


def timed(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    wait_rendered(page)
    end = time.perf_counter()
    maps = page.locator("[data-testid=stDeckGlJsonChart]")
    if maps.count():
        end = map_settled(maps.first)
    return end - start


def map_settled(deck, polls: int = 2) -> float:
    """When the map's pixels stopped changing. A map's words are a picture that arrives after its first frame
    (zhez/map_labels.py), which "drawn" cannot see inside the canvas: screenshots of the map (each waits for a
    new frame) are taken until ``polls`` more come out the same; the moment the first of them was finished
    counts, so a map page pays one screenshot (~0.1 s) more than it should, never less."""
    last, settled, same = b"", time.perf_counter(), 0
    while same < polls:
        shot = deck.screenshot()
        if shot != last:
            last, settled, same = shot, time.perf_counter(), 0
        else:
            same += 1
        time.sleep(0.15)
    return settled


def measure(browser, base: str, path: str) -> tuple[float, float]:
    cold, warm = [], []
    for _ in range(ROUNDS):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        cold.append(timed(page, base + path))
        warm.append(timed(page, base + path))
        context.close()
    return statistics.median(cold), statistics.median(warm)


def main(paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp())
    app, app_base = start_app(work / "app")
    reference, reference_base = start_app(work / "reference", script=HERE / "reference_app.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            timed(browser.new_page(), app_base + "/")  # let both servers import everything once
            timed(browser.new_page(), reference_base + "/")
            ref_cold, ref_warm = measure(browser, reference_base, "/")
            print(f"{'page':14s} {'cold s':>7s} {'warm s':>7s} {'cold ×ref':>9s}   (median of {ROUNDS})")
            print(f"{'reference':14s} {ref_cold:7.2f} {ref_warm:7.2f} {1.0:9.2f}")
            for path in paths:
                cold, warm = measure(browser, app_base, path + "?lang=kk")
                flag = "" if cold <= 1.3 * ref_cold else "  over 1.3×"
                print(f"{path:14s} {cold:7.2f} {warm:7.2f} {cold / ref_cold:9.2f}{flag}")
            browser.close()
    finally:
        app.terminate()
        reference.terminate()


if __name__ == "__main__":
    main(sys.argv[1:] or PAGES)  # e.g. python bench/pages.py /directions
