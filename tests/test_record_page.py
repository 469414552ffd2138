"""Recording actuals through the app: editors only, checked on the server, statuses change at once."""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path

import pytest
from apptest_helpers import as_read, no_exceptions, open_page, texts
from openpyxl import load_workbook

from zhez.auth import hash_password, trusted_person
from zhez.body_workbook import FIRST_DATA_ROW, LAYOUTS, template_bytes
from zhez.cycle import Period
from zhez.store import Store

PASSWORD = "correct horse 2026"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def editors():
    return {"Aigul": hash_password(PASSWORD)}


def record_page(editors, lang="en", **query):
    at = open_page(None, lang=lang, **query)
    at.secrets["editors"] = editors
    at.secrets["users"] = {"Berik": {"password": editors["Aigul"], "role": "editor", "bodies": ["ББ"]}}
    at.switch_page("pages/record.py").run()
    return at


def open_2026() -> None:
    store = Store()
    store.migrate()
    store.open_round(trusted_person("Dana Coordinator", "coordinator"), Period(2026), dt.date(2027, 3, 1))


def sign_in(at, name="Aigul", password=PASSWORD):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def value_fields(at) -> list:
    return [w for w in at.text_input if str(w.key).endswith("-value")]


def test_a_viewer_sees_only_the_sign_in_form(editors):
    at = record_page(editors)
    no_exceptions(at)
    assert "Viewing needs no sign-in" in texts(at)
    assert not value_fields(at) and not at.get("file_uploader")


def test_a_wrong_password_is_refused(editors):
    at = sign_in(record_page(editors), password="wrong password")
    no_exceptions(at)
    assert "Wrong name or password." in [e.value for e in at.error]
    assert not value_fields(at)


def test_an_unknown_name_gets_the_same_answer(editors):
    at = sign_in(record_page(editors), name="Nobody")
    assert "Wrong name or password." in [e.value for e in at.error]


def test_an_editor_submits_a_value_and_viewers_do_not_see_it_before_approval(editors):
    open_2026()
    at = sign_in(record_page(editors, ind="i36"))
    no_exceptions(at)
    assert any("Aigul" in m.value for m in at.sidebar.markdown)  # who is signed in, in the sidebar
    at.text_input(key="rec-i36-2026-value").input("88.5")
    at.text_input(key="rec-i36-2026-source").input("network company report")
    at.button(key="rec-submit").click().run()
    no_exceptions(at)
    assert any(s.value.startswith("Submitted for review.") for s in at.success)
    assert Store().reports()[["subject_id", "year", "value", "state", "submitted_by"]].values.tolist() == [
        ["i36", 2026, 88.5, "submitted", "Aigul"]
    ]
    assert Store().actuals().empty  # not approved: viewers see nothing new


def test_without_an_open_round_nothing_can_be_submitted(editors):
    at = sign_in(record_page(editors))
    no_exceptions(at)
    assert "No reporting round is open" in texts(at)
    assert not value_fields(at)


def test_an_editor_sees_and_submits_only_their_bodys_indicators(editors):
    open_2026()
    at = sign_in(record_page(editors, lang="ru", ind="i10"), name="Berik")  # i10 belongs to ДСБ, Berik to ББ
    no_exceptions(at)
    from zhez import load_plan

    plan = load_plan()
    offered = at.selectbox(key="rec-ind").options
    assert len(offered) == (plan.indicators["responsible_body"] == "ББ").sum()
    assert not any(o.startswith(f"{plan.indicator('i10')['code']} · ") for o in offered)


def test_an_out_of_range_value_is_refused_in_the_readers_language(editors):
    open_2026()
    at = sign_in(record_page(editors, lang="ru", ind="i29"))
    at.text_input(key="rec-i29-2026-source").input("форма")
    at.text_input(key="rec-i29-2026-value").input("104").run()
    # said at once, not asked "is this right?" and refused only after Submit
    assert any("не может быть больше 100" in e.value for e in at.error)
    assert at.button(key="rec-submit").disabled and at.button(key="rec-draft").disabled
    assert not at.checkbox  # no "Да, значение верное" to tick
    assert Store().reports().empty


def test_a_refusal_names_the_indicator_as_the_screen_does(editors):
    from zhez import load_plan, tables

    open_2026()
    at = sign_in(record_page(editors, lang="ru", ind="i29"))
    at.radio(key="rec-i29-2026-mode").set_value("no_data").run()
    at.button(key="rec-submit").click().run()  # no reason given why there is no data
    label = tables.indicator_labels(load_plan(), "ru")["i29"]
    refused = [as_read(e.value) for e in at.error]
    assert refused and all(f"{label} · 2026: " in e for e in refused) and not any("i29" in e for e in refused)
    assert Store().reports().empty


def test_a_forged_editor_in_the_session_cannot_write(editors):
    at = record_page(editors)
    at.session_state["editor"] = "Aigul"  # a viewer cannot make an Editor: a plain value is not one
    at.run()
    no_exceptions(at)
    assert not value_fields(at)
    assert Store().actuals().empty and Store().revision() == 0


def test_every_page_opened_as_a_viewer_leaves_the_store_untouched(editors):
    from apptest_helpers import ROOT

    for page in sorted((ROOT / "pages").glob("*.py")):
        at = open_page(page.relative_to(ROOT).as_posix(), lang="kk")
        no_exceptions(at)
    assert Store().revision() == 0


def test_uploading_a_bad_workbook_shows_why_and_stores_nothing(editors):
    open_2026()
    at = sign_in(record_page(editors))
    uploader = at.get("file_uploader")[0]
    data = (DATA / "bad" / "text-value.xlsx").read_bytes()
    uploader.set_value(
        ("text-value.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ).run()
    no_exceptions(at)
    assert any("The file is refused and nothing was stored" in e.value for e in at.error)
    assert Store().reports().empty


def test_uploading_a_filled_report_previews_then_submits(editors):
    from zhez import load_plan

    open_2026()
    plan = load_plan()
    book = load_workbook(io.BytesIO(template_bytes(plan, "indicator", ["ББ"], Period(2026), Store().reports(), "en")))
    keys = [c.key for c in LAYOUTS["indicator"].columns(Period(2026))]
    book.active.cell(row=FIRST_DATA_ROW + 3, column=keys.index("value") + 1, value=98.5)  # i29
    book.active.cell(row=FIRST_DATA_ROW + 3, column=keys.index("source") + 1, value="form 1-T")
    buffer = io.BytesIO()
    book.save(buffer)
    at = sign_in(record_page(editors, ind="i29"), name="Berik")
    at.get("file_uploader")[0].set_value(("june.xlsx", buffer.getvalue(), "application/octet-stream")).run()
    no_exceptions(at)
    assert "Preview: 1 new, 0 changed, 0 unchanged, 0 rejected" in texts(at)
    assert Store().reports().empty  # nothing before confirmation
    at.button(key="rec-apply").click().run()
    assert any("Applied: 1 values." in s.value for s in at.success)
    assert Store().reports()[["subject_id", "value", "state"]].values.tolist() == [["i29", 98.5, "submitted"]]


def test_no_password_reaches_the_logs(editors, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    sign_in(record_page(editors))
    sign_in(record_page(editors), password="another secret 99")
    captured = capfd.readouterr()
    everything = caplog.text + captured.out + captured.err
    assert PASSWORD not in everything and "another secret 99" not in everything
    assert PASSWORD not in str(Store().history().to_dict("records"))
