"""The Editions page and the screens that judge by the plan in force, in every language: a coordinator loads
an amended edition (Word), sees what changed and reviews a new indicator; an editor and a viewer cannot load."""

from __future__ import annotations

import edition_helpers as h
import pytest
from apptest_helpers import LANGS, chart_data, no_exceptions, open_page, texts

from zhez import editions, load_plan
from zhez.auth import hash_password, trusted_person
from zhez.store import Store

PASSWORD = "correct horse 2026"
INFANT = "Нәресте өлімінің төмендеуі"
COORDINATOR = "Dana Coordinator"


@pytest.fixture(scope="module")
def hashed():
    return hash_password(PASSWORD)


def editions_page(hashed, lang="en", **query):
    at = open_page(None, lang=lang, **query)
    at.secrets["users"] = {
        COORDINATOR: {"password": hashed, "role": "coordinator"},
        "Aigul Editor": {"password": hashed, "role": "editor", "bodies": ["ББ"]},
    }
    at.switch_page("pages/editions.py").run()
    return at


def sign_in(at, name):
    at.text_input[0].input(name)  # the sign-in form is the page's first input
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    return at


def amended_docx() -> bytes:
    text = h.table_text()
    row = h.row_named(text, INFANT)
    amended = h.set_cell(h.set_cell(text, row, 8, "4,0"), row, 9, "4,2")
    amended = h.insert_copy_after(
        amended, h.row_named(amended, "Дене шынықтырумен"), "Дене шынықтырумен", "Жаяу серуендеумен",
        "4.1 көрсеткіш", "4.2 көрсеткіш",
    )  # fmt: skip
    return h.docx_bytes(amended)


def upload(at, data: bytes, name: str = "amended.docx"):
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream")).run()
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_a_coordinator_loads_a_word_edition_and_sees_what_changed(hashed, lang):
    at = sign_in(editions_page(hashed, lang), COORDINATOR)
    no_exceptions(at)
    at.text_input(key="ed-name").input("2027 amendment")
    at.text_input(key="ed-basis").input("decision No. 5")
    at.selectbox(key="ed-year").select(2027)
    upload(at, amended_docx())
    no_exceptions(at)
    assert Store().editions(load_plan().document_id) == []  # the preview stores nothing
    assert len(at.dataframe) >= 2  # the editions, the preview of the changes
    at.button(key="ed-load").click().run()
    no_exceptions(at)
    stored = Store().editions(load_plan().document_id)
    assert [(e.name, e.basis, e.effective_year, e.source_file) for e in stored] == [
        ("2027 amendment", "decision No. 5", 2027, "amended.docx")
    ]
    assert any("2027 amendment" in s.value for s in at.success)
    # what changed, on one screen: the two targets and the new indicator
    shown = "\n".join(str(d.value.to_csv()) for d in at.dataframe)
    assert "4,2" in shown or "4.2" in shown
    assert "Жаяу серуендеумен" in shown
    # the new indicator awaits review; reviewing it rates it
    queue = next(d.value for d in at.dataframe if "ID" in d.value.columns and d.value["ID"].str.startswith("e").any())
    new_id = str(queue["ID"].iloc[0])
    at.selectbox(key="ed-review-ind").select(new_id)
    at.selectbox(key="ed-review-desired").select("increase")
    at.text_input(key="ed-review-ru").input("Доля граждан, занимающихся ходьбой")
    at.button(
        key="FormSubmitter:ed-review-"
        + {"kk": "Тексеруді сақтау", "ru": "Сохранить выверку", "en": "Save the review"}[lang]
    ).click().run()
    no_exceptions(at)
    assert Store().indicator_reviews(load_plan().document_id)["desired"].tolist() == ["increase"]


def test_an_editor_cannot_load_an_edition(hashed):
    at = sign_in(editions_page(hashed, "ru"), "Aigul Editor")
    at.text_input(key="ed-name").input("Попытка")
    upload(at, amended_docx())
    at.button(key="ed-load").click().run()
    no_exceptions(at)
    assert any("только координатор" in e.value for e in at.error)
    assert Store().editions(load_plan().document_id) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_sees_the_editions_but_no_upload(hashed, lang):
    at = editions_page(hashed, lang)
    no_exceptions(at)
    assert not at.get("file_uploader")
    assert (
        at.title[0].value
        == {"kk": "Жоспардың редакциялары", "ru": "Редакции плана", "en": "Editions of the plan"}[lang]
    )


def test_a_broken_file_is_refused_on_the_page_with_row_and_column(hashed):
    at = sign_in(editions_page(hashed, "kk"), COORDINATOR)
    text = h.table_text()
    broken = h.set_cell(text, h.row_named(text, INFANT), 9, "abc").encode()
    at.text_input(key="ed-name").input("Қате")
    upload(at, broken, "broken.txt")
    no_exceptions(at)
    line = h.row_named(text, INFANT).lines[8]
    assert any(e.value.startswith(f"broken.txt, {line}-жол, 9-баған (2027 жыл)") for e in at.error)
    assert not [b for b in at.button if b.key == "ed-load"]  # nothing to load
    assert Store().revision() == 0


def _load(effective: int = 2027) -> editions.Edition:
    plan = load_plan()
    store = Store()
    store.migrate()
    text = h.table_text()
    row = h.row_named(text, INFANT)
    amended = h.set_cell(h.set_cell(text, row, 8, "4,0"), row, 9, "4,2")
    return store.import_edition(
        trusted_person(COORDINATOR, "coordinator"), plan, editions.read(amended.encode(), "a.txt"),
        name="Өзгерістер 2027", effective_year=effective,
    )  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_indicator_page_shows_the_superseded_path_and_the_edition_judged_by(lang):
    _load()
    plan = load_plan()
    i10 = plan.indicators.loc[plan.indicators["name_kk"] == INFANT, "id"].iloc[0]
    at = open_page("pages/indicator.py", lang=lang, ind=i10)
    no_exceptions(at)
    data = chart_data(at)
    faint = data[data["series"] == "superseded"]
    label = {"kk": "жарияланған жоспар", "ru": "опубликованный план", "en": "the published plan"}[lang]
    assert label in set(faint["series_label"])
    assert faint[(faint["series_label"] == label) & (faint["year"] == 2027)]["value"].iloc[0] == 6.55
    shown = texts(at)
    assert "Өзгерістер 2027" in shown  # the edition whose 2027 target is in force
    values = at.dataframe[0].value
    assert {"kk": "Редакция", "ru": "Редакция", "en": "Edition"}[lang] in values.columns


def test_the_audit_page_shows_each_edition_s_findings(hashed):
    edition = _load()
    at = open_page("pages/audit.py", lang="ru")
    no_exceptions(at)
    assert at.selectbox(key="audit-ed").value == str(edition.number)
    amended = texts(at)
    at.selectbox(key="audit-ed").select("0").run()
    no_exceptions(at)
    assert at.query_params["ed"] in ("0", ["0"])
    published = texts(at)
    assert len(at.expander) > 0 and published != amended


def test_the_editions_page_compares_any_two_editions_by_the_link(hashed):
    edition = _load()
    at = editions_page(hashed, "en", **{"from": "0", "to": str(edition.number)})
    no_exceptions(at)
    assert "2 changes" in texts(at)
    diff = at.dataframe[1].value
    assert diff["Change"].tolist() == ["value changed", "value changed"]
    assert diff["Was"].tolist() == ["6.75", "6.55"] and diff["Is"].tolist() == ["4", "4.2"]
