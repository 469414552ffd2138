"""Browser timing: each page until it has finished running and drawn its charts and maps (a map until its pixels
stop changing), cold and warm, against the bare reference page loaded in turn with it.

Starts the app and bench/reference_app.py, opens each page in headless Chromium (Debian's chromium)
several times in a fresh browser context (cold) and by reloading an open one (warm), each time right after a load
of the reference page in the same way, and prints medians and the ratio to the reference's median of those same
rounds (every page, or those named: ``python bench/pages.py /directions``). The reference moves by up to 30 %
between runs on this machine (1.8–2.4 s); measured once at the start, as before, it skewed every ratio by the
drift of the minutes that followed. Target (issue 9, issue 20 §5): every page ≤ 1.3× the reference, cold.
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
ROUNDS = 6  # even: the reference goes first in half the rounds


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


def load(browser, url: str) -> tuple[float, float]:
    """One cold load in a fresh context, then one warm reload."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    cold = timed(page, url)
    warm = timed(page, url)
    context.close()
    return cold, warm


def measure(browser, reference: str, url: str) -> tuple[list[float], list[float], list[float]]:
    """Cold and warm loads of ``url`` and cold loads of ``reference``, taken in turn (which one first alternates)."""
    cold, warm, reference_cold = [], [], []
    for round_ in range(ROUNDS):
        for which in ("reference", "page") if round_ % 2 == 0 else ("page", "reference"):
            if which == "reference":
                reference_cold.append(load(browser, reference)[0])
            else:
                page_cold, page_warm = load(browser, url)
                cold.append(page_cold)
                warm.append(page_warm)
    return cold, warm, reference_cold


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
            print(
                f"{'page':14s} {'cold s':>7s} {'warm s':>7s} {'ref cold s':>10s} {'cold ×ref':>9s}   (medians of {ROUNDS})"
            )
            for path in paths:
                cold, warm, reference_cold = measure(browser, reference_base + "/", app_base + path + "?lang=kk")
                page_cold, ref_cold = statistics.median(cold), statistics.median(reference_cold)
                ratio = page_cold / ref_cold
                flag = "" if ratio <= 1.3 else "  over 1.3×"
                print(
                    f"{path:14s} {page_cold:7.2f} {statistics.median(warm):7.2f} {ref_cold:10.2f} {ratio:9.2f}{flag}",
                    flush=True,
                )
            browser.close()
    finally:
        app.terminate()
        reference.terminate()


if __name__ == "__main__":
    main(sys.argv[1:] or PAGES)  # e.g. python bench/pages.py /directions
