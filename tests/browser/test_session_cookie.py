"""A sign-in survives a page reload (F5) in a real browser: the server that ``make run`` starts (``serve.py``)
sets an HttpOnly cookie holding a signed token — never the password or its hash — and signing out ends it."""

from __future__ import annotations

import pytest
from browser_helpers import ROOT, start_app, stop_app, wait_rendered

from zhez.auth import hash_password
from zhez.i18n import t

NAME = "Aigul Bekova"
PASSWORD = "correct horse 2026"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("session-cookie")
    hashed = hash_password(PASSWORD)
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        f'session_key = "{"k" * 40}"\n\n[users."{NAME}"]\npassword = "{hashed}"\nrole = "editor"\nbodies = ["ББ"]\n',
        encoding="utf-8",
    )
    proc, base = start_app(tmp, {"STREAMLIT_SECRETS_FILES": str(secrets)}, script=ROOT / "serve.py")
    yield base, hashed
    stop_app(proc)


def sidebar_text(page) -> str:
    return page.locator("[data-testid=stSidebar]").inner_text()


def test_a_sign_in_survives_a_reload_and_signing_out_ends_it(browser, served):
    base, hashed = served
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base}/method?lang=en")
        wait_rendered(page)
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text(t("auth.sign_in_title", "en")).click()
        sidebar.get_by_label(t("auth.name", "en"), exact=True).fill(NAME)
        sidebar.get_by_label(t("auth.password", "en"), exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name=t("auth.sign_in", "en"), exact=True).click()
        page.wait_for_url("**/tasks**")
        wait_rendered(page)
        assert NAME in sidebar_text(page)
        for _ in range(50):  # the cookie comes from the route, a moment after the page
            if any(c["name"] == "zhez_session" for c in context.cookies()):
                break
            page.wait_for_timeout(200)
        (cookie,) = [c for c in context.cookies() if c["name"] == "zhez_session"]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert PASSWORD not in cookie["value"] and hashed not in cookie["value"] and "argon2" not in cookie["value"]
        assert page.evaluate("() => document.cookie").find("zhez_session") == -1  # no script in the page reads it

        page.reload()
        wait_rendered(page)
        assert NAME in sidebar_text(page)
        assert t("auth.sign_out", "en") in sidebar_text(page)

        page.goto(f"{base}/indicator?ind=i10&lang=en")  # a new page session, the same browser
        wait_rendered(page)
        assert NAME in sidebar_text(page)

        sidebar.get_by_role("button", name=t("auth.sign_out", "en")).click()
        wait_rendered(page)
        for _ in range(50):
            if not any(c["name"] == "zhez_session" for c in context.cookies()):
                break
            page.wait_for_timeout(200)
        assert not [c for c in context.cookies() if c["name"] == "zhez_session"]
        page.reload()
        wait_rendered(page)
        assert NAME not in sidebar_text(page)
        assert t("auth.sign_in_title", "en") in sidebar_text(page)
    finally:
        context.close()
