"""Concurrency: 20 browser sessions click through every page for a while; 20 signed-in editors write at once.

Browser part: one headless Chromium, 20 contexts (separate sessions) looping over every page,
including a what-if scenario opened by link, for DURATION seconds. Counts exceptions and error
boxes, prints throughput, the slowest page, and the server's resident memory with 1 and 20 sessions.
Write part: 20 editors sign in in their own browser sessions and submit values through the Record page at
once; the store is checked afterwards for lost or doubled writes (every value once, nothing else).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
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
    "/meeting?slide=2", "/record", "/method", "/data", "/audit", "/execution", "/report", "/editions", "/board",
    "/tasks", "/review",
]  # fmt: skip


def rss_mb(pid: int) -> float:
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) / 1024
    return total


async def session(browser, base: str, index: int, stop: float, times, problems, timeouts) -> int:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    visits = 0
    while time.time() < stop:
        path = PAGES[(index + visits) % len(PAGES)]
        lang = ("kk", "ru", "en")[visits % 3]
        start = time.perf_counter()
        try:  # the page's own render is what counts: 20 pages at once on two cores can take a while to "load"
            await page.goto(
                f"{base}{path}{'&' if '?' in path else '?'}lang={lang}", wait_until="commit", timeout=120_000
            )
            await page.wait_for_function(RENDERED, timeout=120_000)
        except PlaywrightTimeout:
            timeouts.append(f"{path} ({lang})")
            visits += 1
            continue
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
        timeouts: list[str] = []
        stop = time.time() + DURATION
        runs = [session(browser, base, i, stop, times, problems, timeouts) for i in range(SESSIONS)]
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
    print(f"not rendered within 120 s: {len(timeouts)} {timeouts[:5]}")
    slowest = max(times, key=lambda k: statistics.median(times[k]))
    for path, values in sorted(times.items()):
        print(
            f"  {path:12s} median {statistics.median(values):5.2f} s  max {max(values):5.2f} s  ({len(values)} loads)"
        )
    print(f"slowest page (median): {slowest}")
    print(f"server RSS: {one_session:.0f} MB with 1 session, peak {sampler_peak[0]:.0f} MB with {SESSIONS + 1}; "
          f"≈ {(sampler_peak[0] - one_session) / SESSIONS:.1f} MB per extra session")  # fmt: skip


WRITES = 2  # values each editor submits (each on its own indicator)


def browser_writes(work: Path) -> None:
    """20 signed-in editors submit values through the Record page at once; the store is checked afterwards."""
    import datetime as dt

    from record_sessions import editors_secrets, write_values

    from zhez import tables
    from zhez.auth import trusted_person
    from zhez.cycle import Period
    from zhez.plan import load_plan
    from zhez.store import Store

    plan = load_plan()
    url = f"sqlite:///{work / 'writes' / 'store.sqlite'}"
    (work / "writes").mkdir(parents=True)
    store = Store(url)
    store.migrate()
    period = Period(2026)
    store.open_round(trusted_person("load coordinator", "coordinator"), period, dt.date(2027, 3, 1))
    values = plan.values
    targets = values[(values["year"] == 2026) & values["value"].notna()].drop_duplicates("indicator_id")
    names = [f"Load Editor {n:02d}" for n in range(SESSIONS)]
    wanted = {
        name: [
            # a hair under the target: a value over 100 for a percentage is (rightly) refused by the form
            (i, round(v * (1 - 0.001 * (n + 1)), 3))
            for i, v in zip(targets["indicator_id"], targets["value"], strict=True)
        ][n::SESSIONS][:WRITES]
        for n, name in enumerate(names)
    }
    secrets = work / "writes" / "secrets.toml"
    secrets.write_text(editors_secrets(names), encoding="utf-8")
    proc, base = start_app(work / "writes", {"ZHEZ_DATABASE_URL": url, "STREAMLIT_SECRETS_FILES": str(secrets)})
    labels = tables.indicator_labels(plan, "en")

    async def run():
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            done = await asyncio.gather(*(write_values(browser, base, n, wanted[n], labels) for n in names))
            await browser.close()
        return done

    start = time.perf_counter()
    try:
        done = asyncio.run(run())
    finally:
        proc.terminate()
    elapsed = time.perf_counter() - start
    errors = [e for d in done for e in d.errors]
    seconds = [s for d in done for s in d.seconds]
    stored = store.reports(period=period)
    written = sorted(pair for pairs in wanted.values() for pair in pairs)
    found = sorted(zip(stored["subject_id"], stored["value"], strict=True))
    lost, doubled = len(set(written) - set(found)), len(found) - len(set(found))
    print(f"\n{SESSIONS} signed-in browser sessions × {WRITES} values through the Record page at once: {elapsed:.1f} s "
          f"(sign-in included); errors {len(errors)} {errors[:2]}")  # fmt: skip
    if seconds:
        print(f"  submit → confirmation: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")
    print(f"  stored {len(found)} of {len(written)}; not stored {lost} (see errors: a session that timed out or was "
          f"refused wrote nothing); doubled {doubled}; "
          f"unexpected {len(set(found) - set(written))}")  # fmt: skip


def main() -> None:
    work = Path(tempfile.mkdtemp())
    if DURATION > 0:  # ``load.py 0``: the writes alone
        proc, base = start_app(work / "app")
        try:
            asyncio.run(browse(base, proc.pid))
        finally:
            proc.terminate()
    browser_writes(work)


if __name__ == "__main__":
    main()
