"""Fixtures for browser tests: one app server and one Chromium per session, a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import CHROMIUM_ARGS, chromium_path, start_app, stop_app


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    proc, base = start_app(tmp_path_factory.mktemp("app"))
    yield base
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    pg = context.new_page()
    yield pg
    context.close()
