"""The Editions page and the screens that judge by the plan in force, in every language: a coordinator loads
an amended edition (Word), sees what changed and reviews a new indicator; an editor and a viewer cannot load."""

from __future__ import annotations

import io

import edition_helpers as h
import pandas as pd
import pytest
from apptest_helpers import LANGS, chart_data, html_tables, no_exceptions, open_page, texts
from openpyxl import load_workbook

from zhez import editions, i18n, load_plan, tables
from zhez.auth import hash_password, trusted_person
from zhez.i18n import t
from zhez.markdown import escape
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
    assert len(html_tables(at)) >= 1 and len(at.dataframe) >= 1  # the editions, the preview of the changes
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
    at.text_input(key="ed-review-en").input("Share of citizens who walk")
    at.button(
        key="FormSubmitter:ed-review-"
        + {"kk": "Тексеруді сақтау", "ru": "Сохранить выверку", "en": "Save the review"}[lang]
    ).click().run()
    no_exceptions(at)
    assert Store().indicator_reviews(load_plan().document_id)["desired"].tolist() == ["increase"]
    assert t("editions.none_awaiting", lang) in texts(at)  # direction and names set: nothing awaits


def test_an_editor_cannot_load_an_edition(hashed):
    at = sign_in(editions_page(hashed, "ru"), "Aigul Editor")
    at.text_input(key="ed-name").input("Попытка")
    upload(at, amended_docx())
    at.button(key="ed-load").click().run()
    no_exceptions(at)
    assert any("только координатор" in e.value for e in at.error)
    assert Store().editions(load_plan().document_id) == []


WAS_IS = {"kk": ("Бұрын", "Қазір"), "ru": ("Было", "Стало"), "en": ("Was", "Is")}


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_sees_each_edition_what_it_changed_and_its_audit_but_cannot_load(hashed, lang, made_on_click):
    edition = _load()
    at = editions_page(hashed, lang)
    no_exceptions(at)
    assert (
        at.title[0].value
        == {"kk": "Жоспардың редакциялары", "ru": "Редакции плана", "en": "Editions of the plan"}[lang]
    )
    overview = editions_shown(at, lang)
    assert len(overview) == 2 and overview.iloc[1, 1] == "Өзгерістер 2027"
    # the published edition's file is the plan's published text in the reader's words, not a path of ours
    assert overview.iloc[0, -1] == i18n.t("editions.published_file", lang) and "/" not in overview.iloc[0, -1]
    # what the edition changed against the published plan: the two targets, old and new
    was, is_ = WAS_IS[lang]
    diff = next(d.value for d in at.dataframe if was in d.value.columns)
    comma = {"kk": ",", "ru": ",", "en": "."}[lang]
    assert diff[was].tolist() == [f"6{comma}75", f"6{comma}55"] and diff[is_].tolist() == ["4", f"4{comma}2"]
    # the audit of the edition shown, saying whose it is
    expected = editions.audit_edition(load_plan(), edition)
    caption = next(c.value for c in at.caption if "Өзгерістер 2027" in c.value and str(len(expected)) in c.value)
    assert {"kk": "Ескертпелер", "ru": "Замечания", "en": "Findings"}[lang] in caption
    assert "<details" in "".join(str(h.value) for h in at.get("html"))  # the findings, a block for each kind
    # no way to write: no upload, no load, review or withdraw form; the sign-in form instead
    assert not at.get("file_uploader")
    assert not [b for b in at.button if b.key == "ed-load"]
    submits = [str(b.key) for b in at.button if str(b.key).startswith("FormSubmitter:")]
    assert [k for k in submits if k.startswith("FormSubmitter:sign-in-")]
    assert not [k for k in submits if k.startswith("FormSubmitter:ed-")]
    # the diff as CSV and XLSX, made when clicked, numbers as numbers
    csv = pd.read_csv(io.BytesIO(made_on_click["plan-changes-0-1.csv"]()), encoding="utf-8-sig")
    assert csv[was].tolist() == [6.75, 6.55] and csv[is_].tolist() == [4.0, 4.2]
    assert csv.iloc[:, 7].tolist() == pytest.approx([-2.75, -2.35])  # by how much
    book = load_workbook(io.BytesIO(made_on_click["plan-changes-0-1.xlsx"]()))
    readme = dict(book[t("xlsx.sheet_notes", lang)].iter_rows(values_only=True))
    in_force = editions.plan_in_force(load_plan(), [edition])
    assert readme[t("editions.note_compared", lang)] == t(
        "editions.changes_between", lang, old=tables.edition_label(in_force, 0, lang),
        new=tables.edition_label(in_force, 1, lang), n=2,
    )  # fmt: skip
    sheet = book[t("editions.sheet_diff", lang)]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(csv.columns)
    assert [r[5:8] for r in rows[1:]] == [(6.75, 4.0, pytest.approx(-2.75)), (6.55, 4.2, pytest.approx(-2.35))]


BROKEN_CELL = {
    "kk": "broken.txt, {line}-жол, 9-баған (2027 жыл): «abc» сан емес",
    "ru": "broken.txt, строка {line}, столбец 9 (2027 год): «abc» — не число",
    "en": "broken.txt, line {line}, column 9 (2027): “abc” is not a number",
}
NO_TABLE = {
    "kk": "no-table.docx: файлда 4-бөлімнің кестесі жоқ",
    "ru": "no-table.docx: в файле нет таблицы раздела 4",
    "en": "no-table.docx: the file has no table of section 4",
}


def editions_shown(at, lang) -> pd.DataFrame:
    """The Editions page's list of editions (printed as HTML)."""
    return next(table for table in html_tables(at) if i18n.t("editions.col_name", lang) in table.columns)


def docx_without_the_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("4. Негізгі бағыттар, мақсаттар, нысаналы индикаторлар, міндеттер")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_file_is_refused_on_the_page_naming_file_row_and_column(hashed, lang):
    at = sign_in(editions_page(hashed, lang), COORDINATOR)
    text = h.table_text()
    row = h.row_named(text, INFANT)
    at.text_input(key="ed-name").input("Қате")
    upload(at, h.set_cell(text, row, 9, "abc").encode(), "broken.txt")
    no_exceptions(at)
    assert [e.value for e in at.error if e.value.startswith(escape(BROKEN_CELL[lang].format(line=row.lines[8])))]
    assert not [b for b in at.button if b.key == "ed-load"]  # nothing to load
    upload(at, docx_without_the_table(), "no-table.docx")
    assert [e.value for e in at.error if e.value.startswith(escape(NO_TABLE[lang]))]
    assert not [b for b in at.button if b.key == "ed-load"]
    assert Store().revision() == 0 and Store().editions(load_plan().document_id) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_coordinator_loads_a_text_edition_after_the_preview_and_withdraws_it(hashed, lang):
    at = sign_in(editions_page(hashed, lang), COORDINATOR)
    text = h.table_text()
    row = h.row_named(text, INFANT)
    at.text_input(key="ed-name").input("Түзету")
    at.selectbox(key="ed-year").select(2028)
    upload(at, h.set_cell(text, row, 10, "4,1").encode(), "amended.txt")
    no_exceptions(at)
    # the preview: the one target it changes, against the plan in force; nothing stored yet
    preview = next(d.value for d in at.dataframe if WAS_IS[lang][1] in d.value.columns)
    assert len(preview) == 1 and preview[WAS_IS[lang][1]].tolist() == [{"en": "4.1"}.get(lang, "4,1")]
    assert Store().revision() == 0
    at.button(key="ed-load").click().run()
    no_exceptions(at)
    [stored] = Store().editions(load_plan().document_id)
    assert (stored.name, stored.effective_year, stored.source_file) == ("Түзету", 2028, "amended.txt")
    assert editions_shown(at, lang).iloc[1, 1] == "Түзету"
    # the same file again: it would change nothing, and the page says so
    upload(at, h.set_cell(text, row, 10, "4,1").encode(), "amended.txt")
    assert [w.value for w in at.warning if w.value.startswith(t("editions.preview_nothing", lang, against="")[:12])]
    # withdrawn with a reason: kept, shown as withdrawn, no longer in force
    at.selectbox(key="ed-withdraw-which").select("1")
    at.text_input(key="ed-withdraw-reason").input("wrong file")
    at.button(key="FormSubmitter:ed-withdraw-" + t("editions.withdraw", lang)).click().run()
    no_exceptions(at)
    assert Store().editions(load_plan().document_id) == []  # not in force
    states = Store().edition_states(load_plan().document_id)
    assert states[["state", "withdrawn_by", "withdraw_reason"]].values.tolist() == [
        ["withdrawn", COORDINATOR, "wrong file"]
    ]
    overview = editions_shown(at, lang)
    assert overview.iloc[1, 1] == "Түзету"
    assert overview.iloc[1, 4] == f"{t('editions.state_withdrawn', lang)} ({COORDINATOR}: wrong file)"
    assert t("editions.only_published", lang) in texts(at)


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
    # each faint path is labelled where it leaves the path in force, so labels of paths that meet don't overlap
    labelled = faint[faint["labelled"].astype(bool)]
    assert sorted(zip(labelled["year"], labelled["value"], strict=True)) == [(2026, 4.0), (2027, 6.55)]
    assert labelled.loc[labelled["year"] == 2027, "series_label"].tolist() == [label]
    shown = texts(at)
    assert "Өзгерістер 2027" in shown  # the edition whose 2027 target is in force
    values = html_tables(at)[0]
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
    assert "<details" in "".join(str(h.value) for h in at.get("html")) and published != amended


def test_the_editions_page_compares_any_two_editions_by_the_link(hashed):
    edition = _load()
    at = editions_page(hashed, "en", **{"from": "0", "to": str(edition.number)})
    no_exceptions(at)
    assert "2 changes" in texts(at)
    diff = next(d.value for d in at.dataframe if "Was" in d.value.columns)
    assert diff["Change"].tolist() == ["value changed", "value changed"]
    assert diff["Was"].tolist() == ["6.75", "6.55"] and diff["Is"].tolist() == ["4", "4.2"]
