"""The what-if page: moves through the widgets, refused moves, shared links, saved scenarios, the export."""

from __future__ import annotations

import io

import pytest
from apptest_helpers import LANGS, chart_data, html_tables, no_exceptions, open_page, texts
from openpyxl import load_workbook

from zhez import i18n, load_plan
from zhez.auth import trusted_person
from zhez.numbers import parse_number
from zhez.store import Store


def readable(at):
    """The page's text as read: no-break spaces as spaces, Markdown escapes (``zhez.markdown.escape``) undone."""
    return texts(at).replace("\u00a0", " ").replace("\u2060", "").replace("\\", "")


def table_of(at, lang="en"):
    """The year-by-year scenario table (the one with a Δ % column), its figures read back as numbers."""
    table = next(t for t in html_tables(at) if "Δ, %" in t.columns)
    figures = table.columns[1:]
    table[figures] = table[figures].map(lambda text: figure(text, lang))
    return table


def figure(text, lang):
    """A figure as the table writes it (``+10 000,0``, ``−500,0``; "—" none) as a number."""
    if text == i18n.NO_VALUE:
        return float("nan")
    reading = parse_number(text.removeprefix("+").replace("\u2212", "-"), lang)
    assert reading.ok, text
    return reading.value


def table_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def open_tab(at, tab, lang="en"):
    """Open one of the ways to change the scenario: a tab's form is made only while it is open."""
    at.session_state["wi-tab"] = i18n.t(f"whatif.tab_{tab}", lang)
    at.run()
    return at


def submit(at, label):
    next(b for b in at.get("button") if getattr(b, "label", "") == label).click().run()
    return at


def test_a_move_through_the_form_changes_the_chart_the_table_and_the_link():
    at = open_page("pages/whatif.py", lang="en")
    no_exceptions(at)
    assert "No change yet" in texts(at)
    at.text_input(key="wi-amount").input("10,000").run()
    at.selectbox(key="wi-from").set_value(2026)
    at.selectbox(key="wi-to").set_value(2028)
    submit(at, "Move")
    no_exceptions(at)
    assert at.query_params["m"] == "rp-1,2026,2028,10000"
    table = table_of(at).set_index("Year")
    assert table.loc["2026", "Scenario, mln ₸"] == 78779.7 - 10_000
    assert table.loc["2028", "Δ, mln ₸"] == 10_000
    data = chart_data(at)
    scenario = data[data["series"] == "Scenario (hypothetical)"].drop_duplicates("year").set_index("year")
    assert scenario.loc[2028, "amount"] == 30846.9 + 10_000 and scenario.loc[2028, "delta_text"] == "+10,000.0"
    assert "HYPOTHETICAL SCENARIO" in texts(at)
    assert "2026: −10,000.0 mln ₸ (−12.7 %), 2028: +10,000.0 mln ₸ (+32.4 %); total kept." in readable(at)


def test_an_invalid_move_shows_why_and_keeps_the_previous_scenario():
    at = open_page("pages/whatif.py", lang="ru", m="rp-1,2026,2028,10000")
    at.text_input(key="wi-amount").input("999 999").run()
    submit(at, "Переместить")
    no_exceptions(at)
    assert any("только" in e.value and "млн\u00a0₸" in e.value for e in at.error)
    assert at.query_params["m"] == "rp-1,2026,2028,10000"
    assert table_of(at, "ru").set_index("Год").loc["2028", "Δ, млн ₸"] == 10_000


def test_a_shared_link_reopens_the_same_scenario_and_a_broken_one_falls_back_to_the_plan():
    at = open_page("pages/whatif.py", lang="en", m=["rp-1,2026,2028,10000", "rp-1,2027,2025,500"], line="rp-1")
    no_exceptions(at)
    table = table_of(at).set_index("Year")
    assert table.loc["2025", "Δ, mln ₸"] == 500 and table.loc["Total 2026–2030", "Δ, mln ₸"] == -500
    assert "the 2026–2030 total changes by −500.0 mln ₸" in readable(at)
    broken = open_page("pages/whatif.py", lang="en", m="total,2026,2027,5")
    no_exceptions(broken)
    assert "could not be read" in texts(broken) and "is a total" in texts(broken)
    assert (table_of(broken)["Δ, mln ₸"] == 0).all()


def test_undo_and_reset():
    at = open_page("pages/whatif.py", lang="en", m=["rp-1,2026,2028,100", "rp-1,2026,2029,100"])
    at.button(key="wi-undo").click().run()
    assert at.query_params["m"] == "rp-1,2026,2028,100"
    at.button(key="wi-reset").click().run()
    assert "m" not in at.query_params


def test_percentage_form_and_the_by_year_inputs_reduce_to_moves():
    at = open_page("pages/whatif.py", lang="en", line="od-3")
    at.toggle(key="wi-pct").set_value(True).run()
    at.text_input(key="wi-amount-pct").input("50").run()
    at.selectbox(key="wi-from").set_value(2026)
    at.selectbox(key="wi-to").set_value(2027)
    submit(at, "Move")
    assert at.query_params["m"] == "od-3,2026,2027,33.65"
    open_tab(at, "years")
    at.selectbox(key="wi-balance").set_value(2029).run()
    at.text_input(key="wi-year-2030").input("70").run()
    submit(at, "Apply by year")
    no_exceptions(at)
    assert at.query_params.get("m") == ["od-3,2026,2027,33.65", "od-3,2029,2030,7.4"]


def test_exposed_projects_are_listed_with_their_indicators():
    at = open_page("pages/whatif.py", lang="en", m="rp-1,2027,2029,30000")
    exposed = table_with(at, "Project")
    assert "Rebuilding the sewage treatment plant" in set(exposed["Project"])
    assert "2027 · High quality of life: −30,000.0 mln ₸" in readable(at)
    assert "exposure list, not a prediction" in texts(at)


def test_saving_needs_an_editor_and_a_saved_scenario_reopens():
    viewer = open_tab(open_page("pages/whatif.py", lang="en", m="rp-1,2026,2028,10000"), "saved")
    save = next(b for b in viewer.get("button") if getattr(b, "label", "") == "Save")
    assert save.disabled  # before pressing, not refused after
    assert "Sign in to save or delete scenarios." in [c.value for c in viewer.caption]
    assert Store().scenarios().empty

    at = open_page(None, lang="en", m="rp-1,2026,2028,10000")
    at.session_state["editor"] = trusted_person("Aigul", every_body=True)
    at.switch_page("pages/whatif.py").run()
    open_tab(at, "saved")
    at.text_input(key="wi-name").input("June proposal")
    submit(at, "Save")
    no_exceptions(at)
    saved = Store().scenarios()
    assert saved["name"].tolist() == ["June proposal"] and saved["created_by"].tolist() == ["Aigul"]
    assert at.selectbox(key="wi-saved-pick").options == ["June proposal"]  # the list is read again after saving
    assert "Scenario “June proposal” saved." in readable(at)

    fresh = open_tab(open_page("pages/whatif.py", lang="en"), "saved")
    fresh.selectbox(key="wi-saved-pick").set_value("June proposal")
    fresh.button(key="wi-open").click().run()
    assert fresh.query_params["m"] == "rp-1,2026,2028,10000"


def test_the_export_is_marked_hypothetical_with_baseline_scenario_delta_and_moves(made_on_click):
    at = open_page("pages/whatif.py", lang="en", m="rp-1,2026,2028,10000")
    assert at.download_button(key="wi-export").proto.label == "Download the scenario (.xlsx)"
    book = load_workbook(io.BytesIO(made_on_click["zhezkazgan-scenario.xlsx"]()))
    assert book.sheetnames == ["About this file", "Scenario financing", "The scenario's moves", "Projects exposed"]
    assert book["About this file"]["A1"].value == "HYPOTHETICAL SCENARIO"
    rows = {(r[5], r[1]): r[2:5] for r in book["Scenario financing"].iter_rows(min_row=2, values_only=True)}
    assert rows[("rp-1", 2026)] == (78779.7, 68779.7, -10000.0)
    assert book["The scenario's moves"].max_row == 2


# ── issue 23 §1: the consequence where the change is made, budget-simulator habits, viewers, amounts ──

SENTENCES = {
    "kk": "2026: −10 000,0 млн ₸ (−12,7 %), 2028: +10 000,0 млн ₸ (+32,4 %); жиынтық сақталды.",
    "ru": "2026: −10 000,0 млн ₸ (−12,7 %), 2028: +10 000,0 млн ₸ (+32,4 %); итог сохранён.",
    "en": "2026: −10,000.0 mln ₸ (−12.7 %), 2028: +10,000.0 mln ₸ (+32.4 %); total kept.",
}


def band(at):
    """The text of the band that stays in view: the running balance and the sentence."""
    return next(str(h.value) for h in at.get("html") if "zhez-sentence" in str(h.value)).replace("\u00a0", " ")


@pytest.mark.parametrize("lang", LANGS)
def test_after_a_move_one_sentence_says_what_changed_beside_the_running_balance(lang):
    at = open_page("pages/whatif.py", lang=lang)
    at.text_input(key="wi-amount").input("10 000" if lang != "en" else "10,000").run()
    next(b for b in at.get("button") if getattr(b, "key", "") == "wi-add").click().run()
    no_exceptions(at)
    text = band(at)
    assert SENTENCES[lang] in text
    assert {"kk": "Теңгерім", "ru": "Баланс", "en": "Balance"}[lang] in text and "184" in text
    assert "10000.00" not in readable(at)


@pytest.mark.parametrize("lang", LANGS)
def test_each_cut_is_stated_once_and_its_projects_listed_under_it_with_their_indicators(lang):
    at = open_page("pages/whatif.py", lang=lang, m="rp-1,2026,2028,10000")
    no_exceptions(at)
    cuts = [m.value for m in at.markdown if str(m.value).startswith("**2026")]
    assert len(cuts) == 1  # today the amount was repeated on every 2026 project
    projects = table_with(at, {"kk": "Жоба", "ru": "Проект", "en": "Project"}[lang])
    assert len(projects) > 5
    assert not [c for c in projects.columns if "млн" in c or "mln" in c]  # no amount beside each project
    linked = next(str(h.value) for h in at.get("html") if "zhez-linked" in str(h.value))
    assert "zhez-badge" in linked and linked.count("<li>") >= 5  # each indicator once, with its status


@pytest.mark.parametrize("lang", LANGS)
def test_step_buttons_move_money_against_the_balancing_year_and_show_the_plan_beside_each_input(lang):
    at = open_tab(open_page("pages/whatif.py", lang=lang), "years", lang)
    marker = f"▸ {i18n.t('whatif.plan_marker', lang)}: <b>{i18n.number(30846.9, lang, 1)}</b>"
    assert any(marker in str(h.value) for h in at.get("html"))  # the plan's value beside 2028's input
    at.button(key="wi-step-2028+mln").click().run()
    assert at.query_params["m"] == "rp-1,2025,2028,100"
    at.button(key="wi-step-2027-pct").click().run()
    assert at.query_params.get("m") == ["rp-1,2025,2028,100", "rp-1,2027,2025,604.827"]
    # the input shows the scenario now in force, written the reader's way
    assert at.text_input(key="wi-year-2028").value == i18n.number(30946.9, lang, 1)


@pytest.mark.parametrize("lang", LANGS)
def test_a_locked_year_is_left_alone_by_even_out_and_steps_and_refuses_new_moves(lang):
    at = open_page(None, lang=lang)
    at.session_state["wi-locks"] = [2026]
    at.switch_page("pages/whatif.py").run()
    at.button(key="wi-even").click().run()
    no_exceptions(at)
    table = table_of(at, lang).set_index(i18n.t("common.year", lang))
    delta = next(c for c in table.columns if c.startswith("Δ") and "%" not in c)
    assert table.loc["2026", delta] == 0 and table.loc["2027", delta] != 0
    open_tab(at, "years", lang)
    assert at.button(key="wi-step-2026+mln").disabled
    open_tab(at, "move", lang)
    before = at.query_params.get("m")
    at.text_input(key="wi-amount").input("5").run()
    at.button(key="wi-add").click().run()  # from 2026, which is locked
    locked = i18n.t("budget.locked", lang, year="2026")
    assert any(locked in e.value.replace("\\", "").replace("\u2060", "") for e in at.error)
    assert at.query_params.get("m") == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_sees_save_and_delete_disabled_with_the_reason(lang):
    saved = Store()
    saved.migrate()
    saved.save_scenario(
        load_plan(),
        trusted_person("Aigul", every_body=True),
        "June",
        [{"line_id": "rp-1", "from_year": 2026, "to_year": 2028, "amount_mln_kzt": 5.0}],
    )
    at = open_tab(open_page("pages/whatif.py", lang=lang, m="rp-1,2026,2028,10000"), "saved", lang)
    assert at.button(key="wi-delete").disabled
    assert next(b for b in at.get("button") if "wi-save" in str(getattr(b, "id", ""))).disabled
    reason = {"kk": "Сценарийлерді сақтау", "ru": "Войдите, чтобы сохранять", "en": "Sign in to save"}[lang]
    assert sum(reason in c.value for c in at.caption) == 2  # beside Save and beside Delete


def test_the_amounts_read_the_reader_s_way_and_the_table_of_moves_takes_them_as_written():
    at = open_page("pages/whatif.py", lang="ru", m="rp-1,2026,2028,1500.5")
    assert at.text_input(key="wi-amount").value == "1\u00a0000"
    open_tab(at, "table", "ru")
    shown = next(d.value for d in at.dataframe if "amount_mln_kzt" in d.value.columns)  # the moves table's editor
    assert list(shown["amount_mln_kzt"]) == ["1\u00a0500,5"]
