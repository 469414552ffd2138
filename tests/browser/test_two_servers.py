"""Two app servers on one PostgreSQL, as a shared deployment scales out behind a reverse proxy.

A value approved through the store shows through the other server on its next rerun (nothing is cached past
the store's revision), and editors writing at once through both servers' Record pages lose nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from browser_helpers import CHROMIUM_ARGS, ROOT, chromium_path, launch_app, wait_healthy, wait_rendered
from record_sessions import editors_secrets, write_values

from zhez import i18n, load_plan, tables
from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period

sys.path.insert(0, str(ROOT / "tests"))

import pg_server

from zhez.store import Store

PERIOD = Period(2026)
EDITORS = ["Editor One", "Editor Two", "Editor Three", "Editor Four"]
WRITES = 3


def plausible(plan, indicator_id: str, step: float) -> float:
    """A value beside the indicator's own 2026 target (so it is plausible for it), moved by ``step``."""
    values = plan.values
    target = values[(values["indicator_id"] == indicator_id) & (values["year"] == 2026)]["value"].dropna()
    return round(float(target.iloc[0]) + step, 2)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, postgres_url):
    pg_server.empty(postgres_url)
    store = Store(postgres_url)
    store.migrate()
    store.open_round(trusted_person("Dana Coordinator", "coordinator"), PERIOD, dt.date(2027, 3, 1))
    tmp = tmp_path_factory.mktemp("two-servers")
    secrets = tmp / "secrets.toml"
    secrets.write_text(editors_secrets(EDITORS), encoding="utf-8")
    env = {"ZHEZ_DATABASE_URL": postgres_url, "STREAMLIT_SECRETS_FILES": str(secrets)}
    servers = [(*launch_app(tmp / name, env), tmp / name) for name in ("a", "b")]
    try:
        for proc, base, folder in servers:
            wait_healthy(proc, base, folder, seconds=120)
        yield store, [base for _proc, base, _folder in servers]
    finally:
        for proc, _base, _folder in servers:
            proc.terminate()
            proc.wait(10)
        store.dispose()


def targeted(plan) -> list[str]:
    """Indicators with a 2026 target (the first for the approval, the rest for the editors)."""
    values = plan.values
    ids = values[(values["year"] == 2026) & values["value"].notna()]["indicator_id"].drop_duplicates()
    return list(ids)[:20]


def test_a_value_approved_through_the_store_shows_through_the_other_server(two_servers, page):
    store, (_a, b) = two_servers
    plan = load_plan()
    indicator_id = targeted(plan)[0]
    value = plausible(plan, indicator_id, 0.37)
    shown = i18n.number(value, "en", max_decimals=3)
    page.goto(f"{b}/indicator?lang=en&ind={indicator_id}")
    wait_rendered(page)
    assert shown not in page.locator("[data-testid=stMain]").inner_text()

    editor, coordinator = trusted_person("Editor One", every_body=True), trusted_person("Dana", "coordinator")
    report = IndicatorReport(value, source="two servers", deviation_reason="two servers")
    saved = store.save(plan, editor, [Entry(indicator_id, PERIOD, report)], submit=True).saved
    store.approve(plan, coordinator, saved)

    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("r")  # the reader's next rerun, in the same session
    page.wait_for_timeout(500)
    wait_rendered(page)
    assert shown in page.locator("[data-testid=stMain]").inner_text()


def test_editors_writing_through_both_servers_at_once_lose_nothing(two_servers):
    store, bases = two_servers
    plan = load_plan()
    ids = targeted(plan)[1 : 1 + len(EDITORS) * WRITES]
    wanted = {
        name: [(i, plausible(plan, i, 0.1 * (n + 1))) for i in ids[n :: len(EDITORS)]] for n, name in enumerate(EDITORS)
    }
    labels = tables.indicator_labels(plan, "en")

    async def run():
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            done = await asyncio.gather(
                *(write_values(browser, bases[n % 2], name, wanted[name], labels) for n, name in enumerate(EDITORS))
            )
            await browser.close()
        return done

    with ThreadPoolExecutor(1) as thread:  # the session's sync Playwright holds this thread's event loop
        done = thread.submit(asyncio.run, run()).result()
    assert [d.errors for d in done] == [[] for _ in done]
    assert {d.name: d.confirmed for d in done} == wanted
    stored = store.reports(period=PERIOD)
    stored = stored[stored["subject_id"].isin(ids)]
    written = sorted(pair for pairs in wanted.values() for pair in pairs)
    assert sorted(zip(stored["subject_id"], stored["value"], strict=True)) == written  # nothing lost, nothing doubled
