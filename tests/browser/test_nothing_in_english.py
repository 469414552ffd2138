"""None of Streamlit's own English on a Kazakh or Russian screen (issue 23 §3), in a real browser: the file
uploaders of the Submit and Editions pages (signed in); an unknown URL path, on a fresh server and on one already
in use. Every page with its first multiselect opened and searched and its first field typed in is checked by
``test_every_page.py``, which opens every page in every language anyway."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from browser_helpers import ROOT, SEEN, english_seen, launch_app, start_app, stop_app, wait_healthy, wait_rendered

from zhez.auth import hash_password, trusted_person
from zhez.cycle import Period
from zhez.i18n import kept_together, t
from zhez.store import Store

LANGS = ("kk", "ru")
EDITOR, COORDINATOR, PASSWORD = "Aigul Bekova", "Dana Coordinator", "streamlit words 2026"
LIMIT_MB = 5  # .streamlit/config.toml server.maxUploadSize (test_the_upload_limit_read_is_the_server_s)

AFTER = "els => els.map(e => getComputedStyle(e, '::after').content)"
DROPZONE = "[data-testid=stFileUploaderDropzone]"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server with an editor of ББ and a coordinator, a round open for 2026."""
    tmp = tmp_path_factory.mktemp("streamlit-words")
    store = Store(f"sqlite:///{tmp / 'store.sqlite'}")
    store.migrate()
    store.open_round(trusted_person("Round Opener", "coordinator"), Period(2026), dt.date(2027, 3, 1))
    hashed = hash_password(PASSWORD)
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        f'[users."{EDITOR}"]\npassword = "{hashed}"\nrole = "editor"\nbodies = ["ББ"]\n\n'
        f'[users."{COORDINATOR}"]\npassword = "{hashed}"\nrole = "coordinator"\n',
        encoding="utf-8",
    )
    proc, base = start_app(tmp, {"STREAMLIT_SECRETS_FILES": str(secrets)})
    yield base
    stop_app(proc)
    store.dispose()


def sign_in(page, name: str, lang: str) -> None:
    """The page's own sign-in form; Enter in the password signs in, and no English hint shows under it."""
    main = page.locator("[data-testid=stMain]")
    main.get_by_label(t("auth.name", lang), exact=True).fill(name)
    password = main.get_by_label(t("auth.password", lang), exact=True)
    password.fill(PASSWORD)
    page.wait_for_timeout(300)
    assert not english_seen(page)
    password.press("Enter")
    page.locator("[data-testid=stSidebar]").get_by_text(name).wait_for()
    wait_rendered(page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_submit_page_s_uploader_speaks_the_reader_s_language(browser, served, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{served}/record?lang={lang}")
        wait_rendered(page)
        sign_in(page, EDITOR, lang)
        main = page.locator("[data-testid=stMain]")
        field = main.get_by_role("textbox", name=t("cycle.field.source", lang))
        field.click()
        field.press_sequentially("85-К")
        page.wait_for_timeout(300)
        assert not english_seen(page)
        assert main.locator("[data-testid=InputInstructions]").first.inner_text() == "4/2000"  # the count stays
        page.get_by_role("tab", name=t("record.tab_workbook", lang)).click()
        dropzone = page.locator(DROPZONE)
        dropzone.wait_for()
        assert not english_seen(page)
        words = page.eval_on_selector_all(
            f"{DROPZONE} button [data-testid=stMarkdownContainer], {DROPZONE} [data-testid=stFileUploaderDropzoneInstructions] span",
            AFTER,
        )
        limit = t("upload.limit_types", lang, types="XLSX", mb=LIMIT_MB)
        assert words == [f'"{t("upload.button", lang)}"', f'"{limit}"']
        page.evaluate(
            """() => { const data = new DataTransfer(); data.items.add(new File(['x'], 'report.xlsx'));
               document.querySelector('[data-testid=stFileUploaderDropzone]')
                 .dispatchEvent(new DragEvent('dragenter', {dataTransfer: data, bubbles: true})); }"""
        )
        page.locator(f"{DROPZONE} > div:not([data-testid]) > span").wait_for(state="attached")
        assert not english_seen(page)  # Streamlit's "Drag and drop a file here" is there, unseen
        assert t("upload.drop", lang) in page.evaluate(SEEN)
    finally:
        context.close()


def test_the_editions_uploader_names_its_own_types(browser, served):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{served}/editions?lang=ru")
        wait_rendered(page)
        sign_in(page, COORDINATOR, "ru")
        page.locator(DROPZONE).wait_for()
        assert not english_seen(page)
        line = page.eval_on_selector_all(f"{DROPZONE} [data-testid=stFileUploaderDropzoneInstructions] span", AFTER)
        assert line == [f'"{t("upload.limit_types", "ru", types="DOCX или TXT", mb=LIMIT_MB)}"']
    finally:
        context.close()


def test_the_upload_limit_read_is_the_server_s():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == LIMIT_MB


@pytest.fixture(scope="module")
def fresh_servers(tmp_path_factory):
    """Two servers nobody has visited: ``streamlit run app.py`` and what ``make run`` starts (``serve.py``)."""
    started = {}
    for name, script in (("app", None), ("serve", ROOT / "serve.py")):
        tmp = tmp_path_factory.mktemp(f"fresh-{name}")
        started[name] = (*launch_app(tmp, script=script), tmp)
    try:
        for proc, base, tmp in started.values():
            wait_healthy(proc, base, tmp, seconds=120)
        yield {name: base for name, (_proc, base, _tmp) in started.items()}
    finally:
        for proc, _base, _tmp in started.values():
            stop_app(proc)


def open_unknown(browser, base: str, path: str) -> tuple[object, float]:
    """Open ``path``; the page once drawn, and how long Streamlit's dialog was up meanwhile (seconds)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + path)
    shown, start = 0.0, time.monotonic()
    while time.monotonic() - start < 6:
        if page.locator("[role=dialog]").count():
            shown += 0.1
        page.wait_for_timeout(100)
    wait_rendered(page)
    return page, shown


@pytest.mark.parametrize("server", ["serve", "app"])
def test_an_unknown_path_opens_the_overview_without_streamlit_s_dialog(browser, fresh_servers, server):
    base = fresh_servers[server]
    for path, lang in (("/home?lang=kk", "kk"), ("/no-such-page?lang=ru&dir=od-2", "ru")):  # fresh, then in use
        page, shown = open_unknown(browser, base, path)
        try:
            assert page.locator("[role=dialog]").count() == 0, page.locator("[role=dialog]").all_inner_texts()
            assert not english_seen(page)
            assert page.url.startswith(f"{base}/?lang={lang}"), page.url
            assert page.locator("h1").first.inner_text() == kept_together(t("overview.title", lang))
            # what make run starts never shows it; app.py alone, on its very first run, for a moment only
            assert shown == 0 or (server == "app" and path.startswith("/home") and shown < 5), (path, shown)
        finally:
            page.close()
