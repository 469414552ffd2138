"""Nothing in the wrong language (issue 23 §3): what of Streamlit's own English our widgets can switch off,
they do — the multiselect's "Select all", a form's "Press Enter to submit form" — seen in AppTest runs.
What no option switches off (the hints under a field, the file uploader's words, the "Page not found" dialog)
is checked in a real browser: ``tests/browser/test_nothing_in_english.py``."""

from __future__ import annotations

import datetime as dt

import edition_helpers as h
import pytest
from apptest_helpers import no_exceptions, open_page
from streamlit.testing.v1 import AppTest

from zhez import load_plan
from zhez.auth import hash_password, trusted_person
from zhez.cycle import Entry, Period
from zhez.execution import ProjectReport
from zhez.i18n import t
from zhez.store import Store

PASSWORD = "correct horse 2026"
COORDINATOR = trusted_person("Dana Coordinator", "coordinator")


def select_all_of(at: AppTest) -> dict[str, int]:
    """Each multiselect's ``select_all`` as sent to the browser (0: Streamlit shows no "Select all")."""
    return {str(m.key or m.label): int(m.proto.select_all) for m in at.multiselect}


def forms(at: AppTest) -> dict[str, bool]:
    """Every form on the page: its id → whether Enter in a field submits it (and Streamlit says so in English)."""
    found: dict[str, bool] = {}

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "form":
            found[proto.form.form_id] = proto.form.enter_to_submit
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return found


def signed_in(page: str, users: dict[str, tuple[str, list[str]]], lang: str = "kk") -> AppTest:
    """``page`` with the first of ``users`` (name: (role, bodies)) signed in through the page's own form."""
    hashed = hash_password(PASSWORD)
    at = open_page(None, lang=lang)
    at.secrets["users"] = {n: {"password": hashed, "role": r, "bodies": b} for n, (r, b) in users.items()}
    at.switch_page(page).run()
    at.text_input(key="signin-name").input(next(iter(users)))
    at.text_input(key="signin-password").input(PASSWORD)
    next(b for b in at.button if b.label == t("auth.sign_in", lang)).click().run()
    no_exceptions(at)
    return at


@pytest.mark.parametrize(
    ("page", "query", "opened"),
    [
        ("pages/data.py", {}, {}),
        ("pages/directions.py", {"goal": "x"}, {}),
        ("pages/audit.py", {}, {}),
        ("pages/map.py", {}, {}),
        ("pages/whatif.py", {}, {"wi-spread-menu": True}),  # the spread form, made when its menu is opened
    ],
)
def test_no_multiselect_offers_streamlit_s_english_select_all(page, query, opened):
    at = open_page(page, lang="kk", **query)
    for key, value in opened.items():
        at.session_state[key] = value
    at.run()
    no_exceptions(at)
    chosen = select_all_of(at)
    assert chosen, f"{page} shows no multiselect: the test would prove nothing"
    assert chosen == dict.fromkeys(chosen, 0)


def test_the_coordinator_s_pick_of_execution_reports_offers_no_select_all():
    store = Store()
    store.migrate()
    store.open_round(COORDINATOR, Period(2026), dt.date(2027, 3, 1))
    utilities = trusted_person("Tolegen Utilities", "editor", ["ТКШБ"])
    report = ProjectReport("construction", 40.0, dt.date(2026, 4, 1), None, 6000.0)
    store.save(load_plan(), utilities, [Entry("p34", Period(2026), report, kind="project")], submit=True)
    at = signed_in("pages/execution.py", {"Dana": ("coordinator", [])})
    assert select_all_of(at) == {"ex-review-ids": 0}


def test_forms_submit_by_their_button_only_and_signing_in_keeps_enter():
    """A form of several fields is sent by its button, never by Enter half-way (and Streamlit's English hint
    goes with it). Signing in keeps Enter, as every sign-in does: its English hint is hidden by the stylesheet."""
    store = Store()
    store.migrate()
    text = h.table_text()
    row = h.row_named(text, "Дене шынықтырумен")
    amended = h.insert_copy_after(text, row, "Дене шынықтырумен", "Жаяу серуендеумен", "4.1 көрсеткіш", "4.2 көрсеткіш")
    from zhez import editions

    store.import_edition(COORDINATOR, load_plan(), editions.read(amended.encode(), "a.txt"), name="Түзету", effective_year=2027)  # fmt: skip
    at = signed_in("pages/editions.py", {"Dana Coordinator": ("coordinator", [])})
    assert forms(at) == {"ed-review": False, "ed-withdraw": False}

    store.open_round(COORDINATOR, Period(2026), dt.date(2027, 3, 1))
    at = signed_in("pages/execution.py", {"Tolegen": ("editor", ["ТКШБ"])})
    at.selectbox(key="ex-project-pick").set_value("p34").run()
    assert forms(at) == {}  # no form at all: each number is read back as its field is left, sent by the button

    at = open_page("pages/record.py", lang="kk")
    at.secrets["users"] = {"Aigul": {"password": hash_password(PASSWORD), "role": "editor", "bodies": ["ББ"]}}
    at.run()
    assert forms(at) == {"sign-in": True}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_page_carries_the_uploader_s_words_in_the_reader_s_language(lang):
    from apptest_helpers import texts

    from zhez.ui import native

    at = open_page("pages/method.py", lang=lang)  # a page without an uploader: the words are on every page
    shown = texts(at)
    assert native.words_css(lang, 5) in shown
    assert f'content:"{t("upload.button", lang)}"' in shown
    assert f"content:{native.css_string(t('upload.limit_types', lang, types='XLSX', mb=5))}" in shown


def test_a_css_string_cannot_end_the_rule_or_the_style_element():
    from zhez.ui.native import css_string

    assert css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3C /style>"'
