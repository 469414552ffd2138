"""Concurrency: 20 browser sessions click through every page for a while; 20 editors write at once.

Browser part: one headless Chromium, 20 contexts (separate sessions) looping over every page,
including a what-if scenario opened by link, for DURATION seconds. Counts exceptions and error
boxes, prints throughput, the slowest page, and the server's resident memory with 1 and 20 sessions.
Store part: 20 threads each record their own actual values through the store the app uses, and
the store is checked afterwards for lost or doubled writes (every value once, history complete).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_helpers import CHROMIUM_ARGS, RENDERED, chromium_path, start_app  # noqa: E402

SESSIONS = 20
DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
PAGES = [
    "/", "/directions?dir=rp-2", "/indicator?ind=i07", "/map?sector=sewer", "/whatif?m=rp-1,2026,2028,1000",
    "/meeting?slide=2", "/record", "/method", "/data", "/audit",
]  # fmt: skip


def rss_mb(pid: int) -> float:
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) / 1024
    return total


async def session(browser, base: str, index: int, stop: float, times, problems) -> int:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    visits = 0
    while time.time() < stop:
        path = PAGES[(index + visits) % len(PAGES)]
        lang = ("kk", "ru", "en")[visits % 3]
        start = time.perf_counter()
        await page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        await page.wait_for_function(RENDERED, timeout=60_000)
        times[path.split("?")[0]].append(time.perf_counter() - start)
        if await page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count():
            problems.append(f"{path} ({lang})")
        visits += 1
    await context.close()
    return visits


async def browse(base: str, pid: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        one = await browser.new_context()
        page = await one.new_page()
        await page.goto(base + "/")
        await page.wait_for_function(RENDERED, timeout=60_000)
        one_session = rss_mb(pid)
        times: dict[str, list[float]] = defaultdict(list)
        problems: list[str] = []
        stop = time.time() + DURATION
        runs = [session(browser, base, i, stop, times, problems) for i in range(SESSIONS)]
        sampler_peak = [0.0]

        async def sample() -> None:
            while time.time() < stop:
                sampler_peak[0] = max(sampler_peak[0], rss_mb(pid))
                await asyncio.sleep(1)

        visits = await asyncio.gather(*runs, sample())
        await one.close()
        await browser.close()
    total = sum(v for v in visits if isinstance(v, int))
    print(f"{SESSIONS} sessions for {DURATION:.0f} s: {total} page loads, {total / DURATION:.2f} pages/s")
    print(f"exceptions or error boxes: {len(problems)} {problems[:5]}")
    slowest = max(times, key=lambda k: statistics.median(times[k]))
    for path, values in sorted(times.items()):
        print(
            f"  {path:12s} median {statistics.median(values):5.2f} s  max {max(values):5.2f} s  ({len(values)} loads)"
        )
    print(f"slowest page (median): {slowest}")
    print(f"server RSS: {one_session:.0f} MB with 1 session, peak {sampler_peak[0]:.0f} MB with {SESSIONS + 1}; "
          f"≈ {(sampler_peak[0] - one_session) / SESSIONS:.1f} MB per extra session")  # fmt: skip


def concurrent_writes(url: str) -> None:
    import datetime as dt

    from zhez.auth import trusted_person
    from zhez.cycle import Entry, IndicatorReport, Period
    from zhez.plan import load_plan
    from zhez.store import Store

    plan = load_plan()
    store = Store(url)
    store.migrate()
    coordinator = trusted_person("load coordinator", "coordinator")
    for year in (2025, 2026, 2027):
        store.open_round(coordinator, Period(year), dt.date(2028, 1, 1))
    ids = list(plan.indicators["id"])[:20]
    errors: list[str] = []

    def editor_work(n: int) -> None:
        who = trusted_person(f"editor-{n}", every_body=True)
        for k, year in enumerate((2025, 2026, 2027)):
            report = IndicatorReport(10.0 + n / 10 + k, deviation_reason="load test", source="load test")
            try:
                saved = store.save(plan, who, [Entry(ids[n], Period(year), report)], submit=True).saved
                store.approve(plan, coordinator, saved)
            except Exception as error:
                errors.append(repr(error))

    threads = [threading.Thread(target=editor_work, args=(n,)) for n in range(SESSIONS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    stored = store.actuals()
    history = store.history(limit=10_000)
    expected = SESSIONS * 3
    print(
        f"\n{SESSIONS} editors × 3 submissions (each approved) at once: {elapsed:.2f} s; errors {len(errors)} {errors[:2]}"
    )
    print(f"stored values {len(stored)} of {expected}; duplicates {int(stored.duplicated(['indicator_id', 'year']).sum())}; "
          f"history entries {len(history)}")  # fmt: skip


def main() -> None:
    work = Path(tempfile.mkdtemp())
    proc, base = start_app(work / "app")
    try:
        asyncio.run(browse(base, proc.pid))
    finally:
        proc.terminate()
    concurrent_writes(f"sqlite:///{work / 'writes.sqlite'}")


if __name__ == "__main__":
    main()
