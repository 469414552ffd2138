"""The map page run headless: one point per filtered project, filters and links, detail, editors' corrections."""

from __future__ import annotations

import json

import pytest
from apptest_helpers import LANGS, deck_layers, no_exceptions, open_page, texts, words

from zhez import i18n
from zhez.auth import trusted_person
from zhez.store import Store


def drawn_projects(at) -> list[str]:
    return [p["id"] for p in deck_layers(at)["projects"]["data"]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_project_is_drawn_in_every_language(lang):
    at = open_page("pages/map.py", lang=lang)
    no_exceptions(at)
    assert len(drawn_projects(at)) == 53
    title = {"kk": "Инфрақұрылым жобалары картада", "ru": "Инфраструктурные проекты на карте"}
    assert title.get(lang, "Infrastructure projects on the map") in texts(at)
    places = {p["text"] for p in words(deck_layers(at), "place")}
    assert {"kk": "Кеңгір", "ru": "Кенгир", "en": "Kengir"}[lang] in places


def test_filters_change_the_points_and_live_in_the_link():
    at = open_page("pages/map.py", lang="en")
    at.multiselect(key="map-sector").set_value(["sewer", "water"]).run()
    no_exceptions(at)
    assert sorted(drawn_projects(at)) == ["p12", "p34", "p35", "p36", "p37", "p38", "p39"]
    assert at.query_params["sector"] == "sewer,water"
    at.select_slider(key="map-year").set_value("2028").run()
    # under way in 2028: not the sewage plant (2026–2027); projects without stated years run all plan long
    assert sorted(drawn_projects(at)) == ["p12", "p35", "p36", "p37", "p38", "p39"]
    assert at.query_params["year"] == "2028"
    assert "6 of 53 projects shown" in texts(at)
    at.select_slider(key="map-year").set_value("2024").run()
    assert drawn_projects(at) == []

    shared = open_page("pages/map.py", lang="en", sector="sewer,water", year="2028")
    assert len(drawn_projects(shared)) == 6


def test_cost_filter_and_projects_without_cost():
    at = open_page("pages/map.py", lang="en")
    at.toggle(key="map-nocost").set_value(False).run()
    assert len(drawn_projects(at)) == 17
    at.select_slider(key="map-cost").set_value((1000.0, 3000.0)).run()
    assert sorted(drawn_projects(at)) == ["p26", "p33", "p41", "p45", "p46", "p48", "p49", "p50"]
    assert at.query_params["cost"] == "1000-3000" and at.query_params["nocost"] == "0"

    shared = open_page("pages/map.py", lang="en", cost="1000-3000", nocost="0")
    assert shared.select_slider(key="map-cost").value == (1000.0, 3000.0)
    assert sorted(drawn_projects(shared)) == ["p26", "p33", "p41", "p45", "p46", "p48", "p49", "p50"]
    between = open_page("pages/map.py", lang="en", cost="1049.5-2960")  # a link between stops: the nearest ones
    assert between.select_slider(key="map-cost").value == (1000.0, 3000.0)
    assert between.query_params["cost"] == "1000-3000"
    back = open_page("pages/map.py", lang="en", cost="1000-3000")
    back.select_slider(key="map-cost").set_value((0.0, 24100.0)).run()
    assert "cost" not in back.query_params  # the whole span is no filter


@pytest.mark.parametrize(
    ("lang", "top", "middle"),
    [("kk", "24\xa0100", "1\xa0000"), ("ru", "24\xa0100", "1\xa0000"), ("en", "24,100", "1,000")],
)
def test_the_cost_slider_writes_millions_the_readers_way(lang, top, middle):
    """Issue 20: the slider read ``0.00 … 24100.00``; its stops are whole round numbers in the language's format."""
    at = open_page("pages/map.py", lang=lang, cost="1000-24100")
    no_exceptions(at)
    cost = at.select_slider(key="map-cost")
    assert cost.options[0] == "0" and cost.options[-1] == top
    assert [cost.format_func(v) for v in cost.value] == [middle, top]  # what the reader sees at the two ends


def test_nothing_matching_says_so():
    at = open_page("pages/map.py", lang="ru", sector="sewer", prec="site")
    no_exceptions(at)
    assert drawn_projects(at) == []
    assert "Нет проектов, подходящих под фильтры." in texts(at)


def test_choosing_a_project_opens_its_detail_with_linked_indicators():
    at = open_page("pages/map.py", lang="en")
    at.selectbox(key="map-project").set_value("p34").run()
    no_exceptions(at)
    page = texts(at)
    assert "34. Rebuilding the sewage treatment plant" in page
    assert "16,100" in page and "2026–2027" in page
    assert "settlement (approximate) — placed at Zhezkazgan" in page
    assert "жалпы құны – 16,1 млрд теңге" in page  # the plan's own words, verbatim
    assert "НҰИ-15" in page.replace("\\", "") and "linked by topic (our reading)" in page  # names escaped as text
    assert at.query_params["project"] == "p34"
    assert [p["id"] for p in deck_layers(at)["selected"]["data"]] == ["p34"]


def test_the_region_preset_and_the_table():
    at = open_page("pages/map.py", lang="en", view="region")
    no_exceptions(at)
    (deck,) = at.get("deck_gl_json_chart")
    assert json.loads(deck.proto.json)["initialViewState"]["zoom"] < 10
    table = next(d.value for d in at.dataframe if "Location precision" in d.value.columns)
    assert len(table) == 53 and table["No."].tolist()[:3] == [1, 2, 3]


@pytest.mark.parametrize("lang", LANGS)
def test_the_projects_table_shows_the_cost_beside_the_name(lang):
    """Issue 23 §4: at 1366 px the cost column was off to the right, behind the sector and the direction."""
    at = open_page("pages/map.py", lang=lang)
    table = next(d.value for d in at.dataframe if i18n.t("col.precision", lang) in d.value.columns)
    columns = [i18n.t(f"col.{c}", lang) for c in ("number", "project", "cost", "years", "stage")]
    assert list(table.columns[:5]) == columns
    assert table.set_index(columns[0]).loc[40, columns[2]] == 24100.0


def editor_on_the_map(lang: str):
    at = open_page(None, lang=lang)
    at.session_state["editor"] = trusted_person("Aigul", every_body=True)
    at.switch_page("pages/map.py").run()
    at.selectbox(key="map-fix-project").set_value("p09").run()
    return at


def save_point(at, lang: str) -> None:
    next(b for b in at.button if b.label == i18n.t("map.save_point", lang)).click().run()


def test_only_editors_correct_points_and_a_bad_point_is_refused():
    viewer = open_page("pages/map.py", lang="en")
    assert not [e for e in viewer.get("expander") if "Correct a project" in e.proto.label]

    at = editor_on_the_map("en")
    assert at.text_input(key="map-fix-lat-p09").value == "47.84028"  # the point in force, every decimal
    at.text_input(key="map-fix-lat-p09").input("95").run()
    save_point(at, "en")
    assert any("Invalid coordinates" in e.value and "within −90…90" in e.value for e in at.error)
    assert Store().project_points().empty

    at.text_input(key="map-fix-lat-p09").input("47.8411").run()
    at.selectbox(key="map-fix-precision-p09").set_value("site").run()
    save_point(at, "en")
    no_exceptions(at)
    saved = Store().project_points()
    assert saved["project_id"].tolist() == ["p09"] and saved["corrected_by"].tolist() == ["Aigul"]
    point = next(p for p in deck_layers(at)["projects"]["data"] if p["id"] == "p09")
    assert point["anchor"][1] == 47.8411 and "site" in point["where"]


@pytest.mark.parametrize(
    ("lang", "typed", "read_back"), [("kk", "47,78", "47,78"), ("ru", "47,78", "47,78"), ("en", "47.78", "47.78")]
)
def test_a_point_is_typed_the_way_the_language_writes_numbers(lang, typed, read_back):
    """Issue 20: ``st.number_input`` read ``47,78`` as 4778. The field reads it as the language writes it, says
    how it read it before anything is saved, and the store keeps 47.78."""
    at = editor_on_the_map(lang)
    lat = at.text_input(key="map-fix-lat-p09")
    assert lat.value == i18n.number(47.84028, lang, max_decimals=6)  # starts from the point in force
    lat.input(typed).run()
    assert i18n.t("number.read_as", lang, shown=read_back) in [c.value for c in at.caption]
    assert Store().project_points().empty  # read back, not yet saved
    at.text_input(key="map-fix-lon-p09").input(i18n.number(67.61528, lang, max_decimals=6)).run()
    save_point(at, lang)
    no_exceptions(at)
    saved = Store().project_points().set_index("project_id")
    assert saved.loc["p09", "lat"] == 47.78 and saved.loc["p09", "lon"] == 67.61528
    assert i18n.t("map.saved_point", lang) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_a_point_out_of_bounds_or_unreadable_is_refused_in_the_readers_language(lang):
    at = editor_on_the_map(lang)
    at.text_input(key="map-fix-lat-p09").input("95").run()
    save_point(at, lang)
    refused = i18n.t("map.bad_point", lang, problems=i18n.t("problem.coordinates", lang))[:-1]  # without its full stop
    assert any(e.value.startswith(refused) and i18n.t("map.problem.coordinates", lang) in e.value for e in at.error)
    at.text_input(key="map-fix-lat-p09").input("47.7.8").run()  # no number: said under the field, never stored
    assert at.error
    save_point(at, lang)
    assert any(e.value.startswith(refused) for e in at.error)
    assert Store().project_points().empty


# ── issue 23 §4: the list's rule, completed projects, the Ulytau–Arkalyk road, the pipeline without a route ──

COMPLETED = ["p40", "p41", "p44", "p45", "p46", "p47", "p49", "p50", "p51", "p52", "p53"]


@pytest.mark.parametrize("lang", LANGS)
def test_completed_projects_are_drawn_apart_filterable_and_the_rule_is_said(lang):
    at = open_page("pages/map.py", lang=lang)
    no_exceptions(at)
    assert i18n.t("map.rule", lang) in [c.value for c in at.caption]
    assert i18n.t("map.completed_legend", lang, mark="✓") in [c.value for c in at.caption]
    points = {p["id"]: p for p in deck_layers(at)["projects"]["data"]}
    numbers = {n["text"] for n in words(deck_layers(at), "number")}
    assert "40✓" in numbers and "34" in numbers  # the heating networks done in 2024–2025, the sewage plant to do
    assert points["p40"]["fill"][3] < points["p34"]["fill"][3] and points["p40"]["line"][:3] == [110, 110, 110]
    assert i18n.t("stage.completed", lang) == points["p40"]["stage"]
    at.multiselect(key="map-stage").set_value(["completed"]).run()
    assert sorted(drawn_projects(at)) == COMPLETED
    assert at.query_params["stage"] == "completed"
    at.multiselect(key="map-stage").set_value(["planned", "under_way"]).run()
    assert not set(drawn_projects(at)) & set(COMPLETED) and len(drawn_projects(at)) == 53 - len(COMPLETED)


@pytest.mark.parametrize("lang", LANGS)
def test_the_ulytau_arkalyk_road_starts_at_ulytau_village_in_the_regional_view(lang):
    at = open_page("pages/map.py", lang=lang, view="region")
    no_exceptions(at)
    corridors = {c["id"]: c for c in deck_layers(at)["corridors"]["data"]}
    start, end = corridors["p24"]["path"]
    assert start == [67.01, 48.65] and end[1] > start[1]  # from Ulytau village, north towards Arkalyk
    assert corridors["p23"]["path"][0] == [67.71333, 47.79278]  # the Karaganda road does leave the city
    places = {p["text"] for p in words(deck_layers(at), "place")}
    assert {"kk": "Ұлытау", "ru": "Улытау", "en": "Ulytau"}[lang] in places


def test_a_gas_pipeline_whose_route_the_plan_does_not_give_is_not_a_site():
    at = open_page("pages/map.py", lang="en", project="p17")
    no_exceptions(at)
    assert "site: Zhezkazgan CHP" not in texts(at)
    assert "schematic (approximate) — placed at Zhezkazgan CHP" in texts(at)
