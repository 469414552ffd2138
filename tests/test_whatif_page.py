"""The what-if page: moves through the widgets, refused moves, shared links, saved scenarios, the export."""

from __future__ import annotations

import io

from apptest_helpers import chart_data, no_exceptions, open_page, texts
from openpyxl import load_workbook

from zhez.auth import trusted_person
from zhez.store import Store


def table_of(at):
    """The year-by-year scenario table: the one with a Δ % column."""
    return next(d.value for d in at.dataframe if any(c == "Δ, %" for c in d.value.columns))


def table_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def submit(at, label):
    next(b for b in at.get("button") if getattr(b, "label", "") == label).click().run()
    return at


def test_a_move_through_the_form_changes_the_chart_the_table_and_the_link():
    at = open_page("pages/whatif.py", lang="en")
    no_exceptions(at)
    assert "No change yet" in texts(at)
    at.number_input(key="wi-amount").set_value(10_000.0)
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
    assert "The 2026–2030 total is kept" in texts(at)


def test_an_invalid_move_shows_why_and_keeps_the_previous_scenario():
    at = open_page("pages/whatif.py", lang="ru", m="rp-1,2026,2028,10000")
    at.number_input(key="wi-amount").set_value(999_999.0)
    submit(at, "Переместить")
    no_exceptions(at)
    assert any("только" in e.value and "млн ₸" in e.value for e in at.error)
    assert at.query_params["m"] == "rp-1,2026,2028,10000"
    assert table_of(at).set_index("Год").loc["2028", "Δ, млн ₸"] == 10_000


def test_a_shared_link_reopens_the_same_scenario_and_a_broken_one_falls_back_to_the_plan():
    at = open_page("pages/whatif.py", lang="en", m=["rp-1,2026,2028,10000", "rp-1,2027,2025,500"], line="rp-1")
    no_exceptions(at)
    table = table_of(at).set_index("Year")
    assert table.loc["2025", "Δ, mln ₸"] == 500 and table.loc["Total 2026–2030", "Δ, mln ₸"] == -500
    assert "changes by −500.0 mln ₸" in texts(at)
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
    at.number_input(key="wi-amount").set_value(50.0)
    at.selectbox(key="wi-from").set_value(2026)
    at.selectbox(key="wi-to").set_value(2027)
    submit(at, "Move")
    assert at.query_params["m"] == "od-3,2026,2027,33.65"
    at.number_input(key="wi-year-2030").set_value(70.0)
    at.selectbox(key="wi-balance").set_value(2029)
    submit(at, "Apply by year")
    no_exceptions(at)
    assert at.query_params.get("m") == ["od-3,2026,2027,33.65", "od-3,2029,2030,7.4"]


def test_exposed_projects_are_listed_with_their_indicators():
    at = open_page("pages/whatif.py", lang="en", m="rp-1,2027,2029,30000")
    exposed = table_with(at, "Project")
    assert "Rebuilding the sewage treatment plant" in set(exposed["Project"])
    assert set(exposed["Year"]) == {"2027"}
    assert "exposure list, not a prediction" in texts(at)


def test_saving_needs_an_editor_and_a_saved_scenario_reopens():
    viewer = open_page("pages/whatif.py", lang="en", m="rp-1,2026,2028,10000")
    viewer.text_input(key="wi-name").input("June proposal")
    submit(viewer, "Save")
    assert any("Only editors" in e.value for e in viewer.error)
    assert Store().scenarios().empty

    at = open_page(None, lang="en", m="rp-1,2026,2028,10000")
    at.session_state["editor"] = trusted_person("Aigul", every_body=True)
    at.switch_page("pages/whatif.py").run()
    at.text_input(key="wi-name").input("June proposal")
    submit(at, "Save")
    no_exceptions(at)
    saved = Store().scenarios()
    assert saved["name"].tolist() == ["June proposal"] and saved["created_by"].tolist() == ["Aigul"]

    fresh = open_page("pages/whatif.py", lang="en")
    fresh.selectbox(key="wi-saved-pick").set_value("June proposal")
    fresh.button(key="wi-open").click().run()
    assert fresh.query_params["m"] == "rp-1,2026,2028,10000"


def test_the_export_is_marked_hypothetical_with_baseline_scenario_delta_and_moves(downloads):
    at = open_page("pages/whatif.py", lang="en", m="rp-1,2026,2028,10000")
    assert at.download_button(key="wi-export").proto.label == "Download the scenario (.xlsx)"
    book = load_workbook(io.BytesIO(downloads["zhezkazgan-scenario.xlsx"]))
    assert book.sheetnames == ["README", "scenario", "moves", "exposure"]
    assert book["README"]["A1"].value == "HYPOTHETICAL SCENARIO"
    rows = {(r[5], r[1]): r[2:5] for r in book["scenario"].iter_rows(min_row=2, values_only=True)}
    assert rows[("rp-1", 2026)] == (78779.7, 68779.7, -10000.0)
    assert book["moves"].max_row == 2
