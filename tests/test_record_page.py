"""Recording actuals through the app: editors only, checked on the server, statuses change at once."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from apptest_helpers import no_exceptions, open_page, texts
from openpyxl import load_workbook

from zhez.auth import hash_password
from zhez.excel import FIRST_DATA_ROW, template_bytes, template_headers
from zhez.store import Store

PASSWORD = "correct horse 2026"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def editors():
    return {"Aigul": hash_password(PASSWORD)}


def record_page(editors, lang="en", **query):
    at = open_page(None, lang=lang, **query)
    at.secrets["editors"] = editors
    at.switch_page("pages/record.py").run()
    return at


def sign_in(at, name="Aigul", password=PASSWORD):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def stored() -> Store:
    return Store()


def test_a_viewer_sees_only_the_sign_in_form(editors):
    at = record_page(editors)
    no_exceptions(at)
    assert "Viewing needs no sign-in" in texts(at)
    assert not at.number_input and not at.get("file_uploader")


def test_a_wrong_password_is_refused(editors):
    at = sign_in(record_page(editors), password="wrong password")
    no_exceptions(at)
    assert "Wrong name or password." in [e.value for e in at.error]
    assert not at.number_input


def test_an_unknown_name_gets_the_same_answer(editors):
    at = sign_in(record_page(editors), name="Nobody")
    assert "Wrong name or password." in [e.value for e in at.error]


def test_an_editor_records_a_value_and_the_status_changes_at_once(editors):
    at = sign_in(record_page(editors, ind="i46"))
    no_exceptions(at)
    assert "Editor: Aigul" in texts(at)
    at.selectbox(key="rec-year").set_value(2025)
    at.number_input(key="rec-value").set_value(48.5)
    at.text_input(key="rec-note").input("network company report")
    submit = next(b for b in at.get("button") if getattr(b, "label", "") == "Save")
    submit.click().run()
    no_exceptions(at)
    assert any("status now ● On track" in s.value for s in at.success)
    assert stored().actuals()[["indicator_id", "year", "value", "recorded_by"]].values.tolist() == [
        ["i46", 2025, 48.5, "Aigul"]
    ]


def test_an_out_of_range_value_is_refused_in_the_readers_language(editors):
    at = sign_in(record_page(editors, lang="ru", ind="i29"))
    at.number_input(key="rec-value").set_value(104.0)
    next(b for b in at.get("button") if getattr(b, "label", "") == "Сохранить").click().run()
    assert any("не может быть больше 100" in e.value for e in at.error)
    assert stored().actuals().empty


def test_a_forged_editor_in_the_session_cannot_write(editors):
    at = record_page(editors)
    at.session_state["editor"] = "Aigul"  # a viewer cannot make an Editor: a plain value is not one
    at.run()
    no_exceptions(at)
    assert not at.number_input
    assert stored().actuals().empty and stored().revision() == 0


def test_every_page_opened_as_a_viewer_leaves_the_store_untouched(editors):
    from apptest_helpers import ROOT

    for page in sorted((ROOT / "pages").glob("*.py")):
        at = open_page(page.relative_to(ROOT).as_posix(), lang="kk")
        no_exceptions(at)
    assert stored().revision() == 0


def test_uploading_a_bad_workbook_shows_why_and_stores_nothing(editors):
    at = sign_in(record_page(editors))
    uploader = at.get("file_uploader")[0]
    data = (DATA / "bad" / "text-value.xlsx").read_bytes()
    uploader.set_value(
        ("text-value.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ).run()
    no_exceptions(at)
    assert any("The file is refused and nothing was stored" in e.value for e in at.error)
    assert stored().actuals().empty


def test_uploading_a_filled_template_previews_then_applies(editors):
    from zhez import load_plan

    book = load_workbook(io.BytesIO(template_bytes(load_plan(), "en")))
    column = [k for k, _ in template_headers()].index("actual:2026") + 1
    book.active.cell(row=FIRST_DATA_ROW + 9, column=column, value=6.7)
    buffer = io.BytesIO()
    book.save(buffer)
    at = sign_in(record_page(editors))
    at.get("file_uploader")[0].set_value(("june.xlsx", buffer.getvalue(), "application/octet-stream")).run()
    assert "Preview: 1 new, 0 changed, 0 unchanged, 0 rejected" in texts(at)
    assert stored().actuals().empty  # nothing before confirmation
    at.button(key="rec-apply").click().run()
    assert any("Applied: 1 values." in s.value for s in at.success)
    assert stored().actuals()[["indicator_id", "year", "value"]].values.tolist() == [["i10", 2026, 6.7]]


def test_no_password_reaches_the_logs(editors, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    sign_in(record_page(editors))
    sign_in(record_page(editors), password="another secret 99")
    captured = capfd.readouterr()
    everything = caplog.text + captured.out + captured.err
    assert PASSWORD not in everything and "another secret 99" not in everything
    assert PASSWORD not in str(stored().history().to_dict("records"))
