"""Memory soak: one browser session held open, clicking through the pages in turn, for a configurable time.

``python bench/soak.py [SECONDS]`` (default 120; the 30-minute run is ``bench/soak.py 1800``). One headless
Chromium session moves between pages through the app's own navigation (the same session all along, as a
reader clicking), changes the language now and then, and opens a what-if scenario; every SAMPLE seconds the
server's resident memory is printed. At the end: RSS after the first minute, the last sample, the peak, and
the growth from the first minute to the end (a session that leaks grows steadily; a bounded one levels off).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_helpers import CHROMIUM_ARGS, RENDERED, chromium_path, start_app  # noqa: E402
from load import rss_mb  # noqa: E402

from zhez.i18n import t  # noqa: E402

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
SAMPLE = 10.0 if DURATION <= 600 else 60.0
EXIT_MEETING = re.compile("|".join(re.escape(t("ux.meeting.exit", lang)) for lang in ("kk", "ru", "en")))


def main() -> None:
    from playwright.sync_api import sync_playwright

    proc, base = start_app(Path(tempfile.mkdtemp()) / "app")
    samples: list[tuple[float, float]] = []
    clicks = errors = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{base}/whatif?lang=ru&m=rp-1,2026,2028,1000")
            page.wait_for_function(RENDERED, timeout=120_000)
            start = next_sample = time.time()
            while time.time() - start < DURATION:
                shown = page.locator("[data-testid=stSidebarNav] a:visible")  # the page links a reader sees
                leave = page.locator("[data-testid=stPageLink] a:visible").filter(has_text=EXIT_MEETING)
                if shown.count():
                    shown.nth(clicks % shown.count()).click()
                elif leave.count():  # meeting mode hides the sidebar: leave it as a presenter does
                    leave.first.click()
                else:  # no way to move within the same session: count it
                    errors += 1
                page.wait_for_timeout(300)
                page.wait_for_function(RENDERED, timeout=120_000)
                errors += page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count()
                clicks += 1
                if time.time() >= next_sample:
                    samples.append((time.time() - start, rss_mb(proc.pid)))
                    print(f"{samples[-1][0]:7.0f} s  RSS {samples[-1][1]:6.0f} MB  ({clicks} clicks)", flush=True)
                    next_sample += SAMPLE
            samples.append((time.time() - start, rss_mb(proc.pid)))
            browser.close()
    finally:
        proc.terminate()
    first_minute = next((rss for at, rss in samples if at >= 60), samples[-1][1])
    print(
        f"\n{DURATION:.0f} s, {clicks} page changes in one session, errors {errors}: RSS after the first minute "
        f"{first_minute:.0f} MB, at the end {samples[-1][1]:.0f} MB, peak {max(r for _, r in samples):.0f} MB; "
        f"growth after the first minute {samples[-1][1] - first_minute:+.0f} MB"
    )


if __name__ == "__main__":
    main()
