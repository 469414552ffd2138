"""The map's layer builders: projects in, layer data out."""

from __future__ import annotations

import base64
import io
import json
import math

import pandas as pd
import pytest
from PIL import Image

from zhez import geo, map_labels
from zhez.store import Correction


def words(spec: dict, kind: str) -> list[dict]:
    (labels,) = [layer for layer in spec["layers"] if layer["id"] == "labels"]
    return [label for label in labels["data"] if label["kind"] == kind]


@pytest.fixture(scope="module")
def projects(plan):
    return geo.located_projects(plan)


def test_every_project_is_located_and_coarse_places_are_flagged_approximate(plan, projects):
    assert len(projects) == len(plan.projects) == 53
    assert projects[["lat", "lon"]].notna().all().all()
    by_id = projects.set_index("id")
    assert not by_id.loc["p02", "approximate"]  # the CHP's own site
    assert by_id.loc["p09", "approximate"]  # Kengir clinic: only the village is known
    assert by_id.loc["p23", "approximate"] and by_id.loc["p23", "precision"] == "schematic"


def test_area_is_proportional_to_cost_and_no_cost_has_its_own_size():
    big, small = geo.point_radius(24100.0, 24100.0), geo.point_radius(6025.0, 24100.0)
    assert big == geo.MAX_RADIUS_PX
    assert math.isclose((small / big) ** 2, 6025.0 / 24100.0)
    assert geo.point_radius(None, 24100.0) == geo.NO_COST_RADIUS_PX
    assert geo.point_radius(float("nan"), 24100.0) == geo.NO_COST_RADIUS_PX
    assert geo.point_radius(1.0, 24100.0) == geo.MIN_RADIUS_PX  # never invisible


def test_records_carry_cost_as_filled_and_no_cost_as_hollow(plan, projects):
    records = {r["id"]: r for r in geo.project_records(plan, projects, "en")}
    assert records["p40"]["has_cost"] and records["p40"]["fill"][3] > 0
    assert records["p40"]["radius"] == geo.MAX_RADIUS_PX  # the heating network, 24.1 bn, the largest cost
    assert not records["p01"]["has_cost"] and records["p01"]["fill"][3] == 0
    assert records["p01"]["cost"] == "cost not stated"
    assert records["p34"]["cost"] == "16,100.0\u00a0mln\u00a0₸"
    assert records["p09"]["where"] == "settlement (approximate) — placed at Kengir"
    assert records["p02"]["where"] == "site: Zhezkazgan CHP"


def test_points_sharing_a_place_are_spread_apart_and_keep_their_anchor(projects):
    spread = geo.spread_shared_points(projects)
    at_centre = spread[spread["place"] == "zhezkazgan"]
    drawn = set(zip(at_centre["draw_lat"].round(6), at_centre["draw_lon"].round(6), strict=True))
    assert len(drawn) == len(at_centre) > 20  # no two points drawn on top of each other
    assert (at_centre["lat"] == 47.79278).all()  # the anchor is still the published point
    alone = spread[spread["id"] == "p41"].iloc[0]  # the airport runway is alone at the airport
    assert (alone["draw_lat"], alone["draw_lon"]) == (alone["lat"], alone["lon"])
    distances = [
        math.hypot((a - 47.79278) * 110_574, (b - 67.71333) * 111_320 * math.cos(math.radians(47.79)))
        for a, b in zip(at_centre["draw_lat"], at_centre["draw_lon"], strict=True)
    ]
    assert max(distances) < 3_000  # still clearly the city, not another place


def test_regional_roads_are_schematic_corridors_labelled_with_their_length(plan, projects):
    corridors = {c["id"]: c for c in geo.corridor_records(plan, projects, "ru")}
    assert set(corridors) == {"p22", "p23", "p24"}
    assert "335 км" in corridors["p23"]["label"] and "схема" in corridors["p23"]["label"]
    assert corridors["p23"]["path"][0] == [67.71333, 47.79278]


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (geo.ProjectFilter(), 53),
        (geo.ProjectFilter(sectors=("sewer",)), 3),
        (geo.ProjectFilter(directions=(geo.NO_DIRECTION,)), 14),
        (geo.ProjectFilter(precisions=("site",)), 2),  # the pipeline to the CHP is not a site: no route given
        (geo.ProjectFilter(include_no_cost=False), 17),
        (geo.ProjectFilter(cost_range=(1000.0, 3000.0), include_no_cost=False), 8),
        (geo.ProjectFilter(stages=("completed",)), 11),
        (geo.ProjectFilter(stages=("planned", "under_way")), 42),
        (geo.ProjectFilter(stages=("completed",), year=2027), 0),  # completed before the plan period
    ],
)
def test_filters(projects, chosen, expected):
    assert len(geo.filter_projects(projects, chosen)) == expected


def test_the_year_filter_keeps_what_is_under_way_that_year(projects):
    in_2024 = set(geo.filter_projects(projects, geo.ProjectFilter(year=2024))["id"])
    assert "p40" in in_2024  # heating network 2024–2025
    assert "p34" not in in_2024  # sewage plant 2026–2027
    in_2028 = set(geo.filter_projects(projects, geo.ProjectFilter(year=2028))["id"])
    assert "p40" not in in_2028 and "p34" not in in_2028
    assert "p03" in in_2028  # years not stated: the whole plan period


def test_a_correction_moves_the_point_and_says_who(plan):
    corrections = pd.DataFrame(
        [
            {
                "project_id": "p09",
                "lat": 47.8411,
                "lon": 67.6102,
                "precision": "site",
                "note": "survey",
                "corrected_by": "Aigul",
                "corrected_at": pd.Timestamp("2026-11-01", tz="UTC"),
            }
        ]
    )
    fixed = geo.located_projects(plan, corrections).set_index("id")
    assert (fixed.loc["p09", "lat"], fixed.loc["p09", "precision"]) == (47.8411, "site")
    assert not fixed.loc["p09", "approximate"] and fixed.loc["p09", "corrected_by"] == "Aigul"
    assert plan.projects.set_index("id").loc["p09", "lat"] == 47.84028  # the plan itself untouched


def test_a_stored_correction_reaches_the_map(plan, store, editor):
    store.correct_point(plan, editor, Correction("p09", 47.8411, 67.6102, "site", "survey"))
    fixed = geo.located_projects(plan, store.project_points()).set_index("id")
    assert fixed.loc["p09", "corrected_by"] == editor.name


def test_the_deck_draws_without_any_basemap_and_names_places_in_every_language(plan, projects):
    for lang, name in (("kk", "Кеңгір"), ("ru", "Кенгир"), ("en", "Kengir")):
        spec = json.loads(geo.deck(plan, projects, lang).to_json())
        assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's marker for "no basemap": nothing fetched
        layers = {layer["id"]: layer for layer in spec["layers"]}
        assert len(layers["projects"]["data"]) == 53
        assert name in {p["text"] for p in words(spec, "place")}
        # literal props must not become data accessors ("@@=…"), or deck.gl fails to draw
        assert layers["projects"]["radiusUnits"] == "pixels"
        assert layers["labels"]["iconAtlas"].startswith("data:image/png;base64,")
        assert layers["labels"]["sizeUnits"] == "pixels"
    with_tiles = json.loads(geo.deck(plan, projects, "en", basemap=True).to_json())
    assert with_tiles["mapProvider"] == "carto"


def test_selection_state_is_read_safely():
    assert geo.selected_project({"objects": {"projects": [{"id": "p07"}]}}) == "p07"
    assert geo.selected_project({"objects": {}}) is None
    assert geo.selected_project(None) is None


def test_a_project_filter_travels_in_the_link_and_back(projects):
    sectors, directions = geo.sectors_in(projects), ["rp-1", "od-2", geo.NO_DIRECTION]
    chosen = geo.ProjectFilter(
        ("sewer", "water"), ("rp-1", "none"), 2028, (1000.0, 3000.0), False, ("site",), stages=("completed",)
    )
    query = chosen.to_query()
    assert query == {
        "estatus": None,
        "late": None,
        "sector": "sewer,water",
        "mdir": "rp-1,none",
        "prec": "site",
        "stage": "completed",
        "year": "2028",
        "cost": "1000-3000",
        "nocost": "0",
    }
    linked = {key: value for key, value in query.items() if value is not None}  # what link.put leaves in the link
    assert geo.ProjectFilter.from_query(linked, sectors, directions, max_cost=24100.0) == chosen
    everything = geo.ProjectFilter()
    assert set(everything.to_query().values()) == {None}  # "everything" leaves the link empty
    assert geo.ProjectFilter.from_query({}, sectors, directions, max_cost=24100.0) == everything


def test_a_project_filter_ignores_what_it_cannot_use(projects):
    sectors = geo.sectors_in(projects)
    odd = {
        "sector": "sewer,lava,",
        "mdir": "zz",
        "prec": "roughly",
        "year": "1999",
        "cost": "5000-99999",
        "nocost": "no",
    }
    read = geo.ProjectFilter.from_query(odd, sectors, ["rp-1"], max_cost=24100.0)
    assert read == geo.ProjectFilter(sectors=("sewer",), cost_range=(5000.0, 24100.0))  # clipped to the largest cost
    assert geo.ProjectFilter.from_query({"cost": "0-24100"}, sectors, [], 24100.0).cost_range is None  # the whole span
    assert geo.ProjectFilter.from_query({"cost": "3000-1000"}, sectors, [], 24100.0).cost_range is None
    assert geo.ProjectFilter.from_query({"cost": "cheap"}, sectors, [], 24100.0).cost_range is None


def test_projects_are_numbered_as_the_plan_numbers_them(projects):
    assert geo.number_text("p07") == "7" and geo.number_text("p34") == "34" and geo.number_text("x1") == "x1"
    names = geo.numbered_names(projects, "ru")
    assert names["p34"] == "34. " + projects.set_index("id").loc["p34", "name_ru"]
    assert len(names) == len(projects)


def test_the_cost_slider_stops_are_round_and_reach_the_largest_cost():
    stops = geo.cost_steps(24100.0)
    assert stops[:3] == [0.0, 100.0, 200.0] and stops[-1] == 24100.0 and len(stops) == 242
    assert geo.cost_steps(24150.0)[-1] == 24200.0  # the last stop covers the largest cost
    assert all(len(geo.cost_steps(top)) <= geo.COST_STOPS + 1 for top in (1.0, 804.0, 24100.0, 3.7e6))
    assert geo.cost_steps(float("nan"))[0] == 0.0 and len(geo.cost_steps(0.0)) > 1  # no costs: still a slider
    assert geo.snap_cost(1049.5, stops) == 1000.0 and geo.snap_cost(2960.0, stops) == 3000.0
    assert geo.snap_cost(99999.0, stops) == 24100.0


# ── issue 23 §4: every project's number readable on the city view ──


def written_texts(spec: dict, kinds: tuple[str, ...] = ("number", "place")) -> list[tuple[str, tuple[float, ...]]]:
    """Every text of these ``kinds`` the deck writes, with its box in pixels at the initial zoom (from the view's
    centre), read from the deck's JSON as deck.gl would place it (position, pixel offset, text anchor, size)."""
    state = geo.pdk.ViewState(**spec["initialViewState"])
    written = []
    for kind in kinds:
        for datum in words(spec, kind):
            text = datum["text"]
            x, y = (float(v) for v in geo.to_screen(*datum["position"], state))
            x, y = x + datum["offset"][0], y + datum["offset"][1]
            em = geo.NAME_EM if kind == "place" else geo.NUMBER_EM
            written.append((text, geo.Placed(text, text, x, y, datum["size"], datum["anchor"], em).box))
    return written


def outside(box: tuple[float, ...], frame: tuple[float, float]) -> bool:
    return not (
        -frame[0] / 2 <= box[0] and box[2] <= frame[0] / 2 and -frame[1] / 2 <= box[1] and box[3] <= frame[1] / 2
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    "chosen",
    [geo.ProjectFilter(), geo.ProjectFilter(stages=("completed",)), geo.ProjectFilter(include_no_cost=False)],
    ids=["all", "completed", "with-cost"],
)
def test_no_two_texts_overlap_on_the_city_view(plan, projects, lang, chosen):
    """At the map's initial zoom ~40 projects sat on top of each other in the city centre, their numbers
    unreadable; now no number or place name runs into another."""
    shown = geo.filter_projects(projects, chosen)
    spec = json.loads(geo.deck(plan, shown, lang).to_json())
    written = written_texts(spec)
    assert len([t for t, _ in written if t[0].isdigit()]) == len(shown)  # every project's number is written
    clashes = [(written[a][0], written[b][0]) for a, b in geo.overlapping([box for _, box in written])]
    assert clashes == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("view", ["city", "region"])
@pytest.mark.parametrize(
    "chosen",
    [geo.ProjectFilter(), geo.ProjectFilter(sectors=("school",)), geo.ProjectFilter(sectors=("road",))],
    ids=["all", "schools", "roads"],
)
def test_every_name_is_written_inside_the_map_and_clear_of_the_others(plan, projects, lang, view, chosen):
    """On the regional view the roads' names ran past the map's right edge (ru) and over the city's name and
    crowd; with schools only the reservoir's name ran past the edge; Satpayev's name hung off the city view."""
    shown = geo.filter_projects(projects, chosen)
    spec = json.loads(geo.deck(plan, shown, lang, view=view).to_json())
    written = written_texts(spec, ("number", "place", "road", "scale"))
    named = written_texts(spec, ("place", "road", "scale"))
    (roads,) = [layer["data"] for layer in spec["layers"] if layer["id"] == "corridors"]
    state = geo.VIEWS[view]
    starting_on_map = [r for r in roads if not outside((*geo.to_screen(*r["path"][0], state),) * 2, geo.PAGE_FRAME)]
    assert len(words(spec, "road")) == len(starting_on_map)  # named, even where it runs off the map
    assert [text for text, box in named if outside(box, geo.PAGE_FRAME)] == []
    clashes = [(written[a][0], written[b][0]) for a, b in geo.overlapping([box for _, box in written])]
    assert clashes == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_neighbouring_city_has_its_dot_and_its_name_beside_it(plan, projects, lang):
    """On the regional view Satpayev had no dot (only the plan's city has none: its projects stand around it),
    and its name stood right above Zhezkazgan's, the two read as one name."""
    spec = json.loads(geo.deck(plan, projects, lang, view="region").to_json())
    state = geo.VIEWS["region"]
    (dots,) = [layer["data"] for layer in spec["layers"] if layer["id"] == "places"]
    satpayev = plan.places.set_index("id").loc["satpayev"]
    dot = geo.to_screen(satpayev["lon"], satpayev["lat"], state)
    assert any(math.dist(geo.to_screen(*d["position"], state), dot) < 0.5 for d in dots)
    home = plan.places.set_index("id").loc[geo.HOME]
    assert not any(
        math.dist(geo.to_screen(*d["position"], state), geo.to_screen(home["lon"], home["lat"], state)) < 0.5
        for d in dots
    )
    (name,) = [box for text, box in written_texts(spec, ("place",)) if text == satpayev[f"name_{lang}"]]
    gap = math.dist(((name[0] + name[2]) / 2, (name[1] + name[3]) / 2), dot)
    assert gap < (name[2] - name[0]) / 2 + 2 * geo.NAME_GAP_PX + 5  # beside its dot


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("view", ["city", "region"])
def test_a_name_moved_clear_keeps_a_gap_and_does_not_read_as_the_next_line_of_another(plan, projects, lang, view):
    """The reservoir's name, moved up clear of the numbers, stood 1 px under the Karaganda road's three lines and
    read as their fourth."""
    spec = json.loads(geo.deck(plan, projects, lang, view=view).to_json())
    names = written_texts(spec, ("place", "road"))
    written = written_texts(spec, ("number", "place", "road", "scale"))
    near = geo.overlapping([box for _, box in names] + [box for _, box in written], margin=geo.CLEAR_PX - 1)
    pairs = {(a, b - len(names)) for a, b in near if a < len(names) <= b}
    assert [(names[a][0], written[b][0]) for a, b in pairs if names[a] != written[b]] == []


def test_a_slides_map_names_no_road_and_keeps_its_names_inside(plan, projects):
    """The execution slide's map (every project, the city's view, 680 × 320) had the roads' three-line names
    beside its crowd, one below it for a road leaving at the top."""
    frame = (680.0, 320.0)
    spec = json.loads(geo.deck(plan, projects, "kk", numbered=False, frame=frame).to_json())
    assert words(spec, "road") == [] and words(spec, "place")
    assert [text for text, box in written_texts(spec, ("place", "scale")) if outside(box, frame)] == []


def test_a_roads_name_is_wrapped_but_never_inside_its_quoted_name():
    lines = geo.road_name_lines("Реконструкция автодороги «Жезказган – Караганда»")
    assert lines == ["Реконструкция автодороги", "«Жезказган – Караганда»"]
    assert geo.road_name_lines("«Жезқазған – Қарағанды» автожолын қайта жаңарту") == [
        "«Жезқазған – Қарағанды»",
        "автожолын қайта жаңарту",
    ]


@pytest.mark.parametrize(("view", "km"), [("city", 2.0), ("region", 20.0)])
def test_the_scale_bar_is_a_round_length_at_the_maps_lower_left(view, km):
    bar = geo.scale_bar(geo.VIEWS[view], geo.PAGE_FRAME)
    assert bar["km"] == km
    (x0, x1), (y0, y1) = geo.to_screen(*zip(*bar["path"], strict=True), geo.VIEWS[view])
    assert y0 == pytest.approx(y1) and x0 == pytest.approx(-geo.PAGE_FRAME[0] / 2 + 24)
    metres = geo.EARTH_CIRCUMFERENCE_M * math.cos(math.radians(bar["path"][0][1])) / (512 * 2 ** geo.VIEWS[view].zoom)
    assert (x1 - x0) * metres == pytest.approx(km * 1000, rel=1e-6)  # as long as it says
    assert x1 - x0 <= geo.PAGE_FRAME[0] / 5


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("direction", ["rp-1", "rp-2", ""])
def test_a_slides_fitted_map_names_its_places_and_has_a_scale(plan, projects, lang, direction):
    """A slide's map is fitted to its projects; its names and scale bar were laid out for the city's view, so the
    slide showed circles with no name and no scale (ru slide 3: two circles on white)."""
    frame = (800.0, 460.0)
    spec = json.loads(
        geo.deck(
            plan, projects[projects["direction_id"] == direction], lang, numbered=False, frame=frame, fitted=True
        ).to_json()
    )
    named = written_texts(spec, ("place", "road", "scale"))
    assert len(words(spec, "place")) >= 1 and len(words(spec, "scale")) == 1
    assert [text for text, box in named if outside(box, frame)] == []
    assert geo.overlapping([box for _, box in named]) == []
    (scale,) = words(spec, "scale")
    assert scale["text"].split()[0] in {"0,5", "0.5", "1", "2", "5", "10", "20", "50", "100"}


def test_a_crowd_is_numbered_in_columns_joined_to_its_points(plan, projects):
    spec = json.loads(geo.deck(plan, projects, "kk").to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    state = geo.VIEWS["city"]
    drawn = {p["number"]: p for p in layers["projects"]["data"]}
    numbers = {n["text"]: n for n in words(spec, "number")}
    lines = {tuple(map(tuple, (d["source"], d["target"]))) for d in layers["number-leaders"]["data"]}
    in_columns = [n for n in numbers.values() if n["anchor"] != "middle"]
    assert len(in_columns) >= 40 and len(lines) == len(in_columns)  # the city's crowd and Kengir's
    columns: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for number in in_columns:
        x, y = (float(v) for v in geo.to_screen(*number["position"], state))
        point = drawn[number["text"]]
        px, py = (float(v) for v in geo.to_screen(*point["position"], state))
        (line,) = [line for line in lines if math.dist(geo.to_screen(*line[0], state), (x, y)) < 3]
        ex, ey = (float(v) for v in geo.to_screen(*line[1], state))
        assert math.isclose(math.dist((ex, ey), (px, py)), point["radius"], abs_tol=0.5)  # ends at its circle
        assert (x < px) == (number["anchor"] == "end")  # the left column's numbers end left of their points
        columns.setdefault((number["anchor"], round(x)), []).append((y, py))
    for rows in columns.values():  # top-to-bottom as their points are, so the lines do not cross
        assert [p for _, p in sorted(rows)] == sorted(p for _, p in rows)
    lone = numbers["41✓"]  # the airport runway, alone: its number just above its point
    assert lone["anchor"] == "middle" and "41✓" not in {n for n in numbers if numbers[n]["anchor"] != "middle"}


def test_labelling_keeps_every_point_where_it_is_drawn(plan, projects):
    spread = geo.spread_shared_points(projects).set_index("id")
    spec = json.loads(geo.deck(plan, projects, "ru").to_json())
    (drawn,) = [layer["data"] for layer in spec["layers"] if layer["id"] == "projects"]
    for point in drawn:
        assert point["position"] == [spread.loc[point["id"], "draw_lon"], spread.loc[point["id"], "draw_lat"]]
        assert point["approximate"] == bool(spread.loc[point["id"], "approximate"])


def test_screen_pixels_and_map_coordinates_convert_both_ways():
    state = geo.VIEWS["city"]
    assert [float(v) for v in geo.to_screen(state.longitude, state.latitude, state)] == [0.0, 0.0]
    x, y = geo.to_screen(67.71333, 47.79278, state)  # the city centre: east and north of the view's centre
    assert x > 0 > y
    lon, lat = geo.from_screen(x, y, state)
    assert math.isclose(float(lon), 67.71333, abs_tol=1e-9) and math.isclose(float(lat), 47.79278, abs_tol=1e-9)
    assert geo.overlapping([(0, 0, 10, 10), (9, 9, 20, 20), (30, 0, 40, 10)]) == [(0, 1)]
    assert geo.overlapping([(0, 0, 10, 10), (12, 0, 20, 10)], margin=3) == [(0, 1)]


def test_a_corrected_point_beside_the_crowd_joins_it_and_nothing_overlaps(plan):
    corrections = pd.DataFrame(
        [{"project_id": "p41", "lat": 47.7935, "lon": 67.7260, "precision": "site", "note": "",
          "corrected_by": "Aigul", "corrected_at": pd.Timestamp("2026-03-01", tz="UTC")}]
    )  # fmt: skip
    moved = geo.located_projects(plan, corrections)
    spec = json.loads(geo.deck(plan, moved, "kk").to_json())
    written = written_texts(spec)
    assert geo.overlapping([box for _, box in written]) == []


@pytest.mark.parametrize("direction", ["rp-1", "rp-2", ""])
def test_a_fitted_view_shows_every_point_inside_the_map(plan, direction):
    """A slide's map is fitted to its projects: each circle whole inside the map, the crowd not a speck."""
    projects = geo.located_projects(plan)
    points = geo.project_records(plan, projects[projects["direction_id"] == direction], "kk")
    view = geo.fitted_view(points, 800, 250)
    x, y = geo.to_screen([p["position"][0] for p in points], [p["position"][1] for p in points], view)
    r = [float(p["radius"]) for p in points]
    assert all(abs(px) + pr <= 400 and abs(py) + pr <= 125 for px, py, pr in zip(x, y, r, strict=True))
    assert max(x) - min(x) > 300 or max(y) - min(y) > 100  # spread over the map, not a speck at the city's zoom


def test_a_fitted_view_of_one_point_or_none_is_a_close_or_the_city_view(plan):
    points = geo.project_records(plan, geo.located_projects(plan).head(1), "kk")
    assert geo.fitted_view(points, 800, 250).zoom == 14.0
    assert geo.fitted_view([], 800, 250) is geo.VIEWS["city"]


@pytest.mark.parametrize("view", ["city", "region"])
def test_the_map_draws_with_three_kinds_of_layer_and_roads_run_from_start_to_end(plan, projects, view):
    """Every kind of layer is a WebGL program a browser compiles on a page's first load (without a GPU, ~0.7 s
    for PathLayer's, ~1 s for TextLayer's): roads and the scale bar are straight segments, drawn by LineLayer like
    the leaders, and the words are pictures drawn on the server (IconLayer)."""
    spec = json.loads(geo.deck(plan, projects, "kk", view=view).to_json())
    assert {layer["@@type"] for layer in spec["layers"]} == {"ScatterplotLayer", "LineLayer", "IconLayer"}
    layers = {layer["id"]: layer for layer in spec["layers"]}
    for road in ("corridors", "scale-bar"):
        assert (layers[road]["getSourcePosition"], layers[road]["getTargetPosition"]) == ("@@=path[0]", "@@=path[1]")
        assert all(len(row["path"]) == 2 for row in layers[road]["data"])  # one segment each, nothing dropped


def atlas_picture(layer: dict) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(layer["iconAtlas"].split(",", 1)[1]))).convert("RGBA")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_word_of_the_map_is_drawn_in_its_picture(plan, projects, lang):
    spec = json.loads(geo.deck(plan, projects, lang).to_json())
    (layer,) = [layer for layer in spec["layers"] if layer["id"] == "labels"]
    sheet, mapping = atlas_picture(layer), layer["iconMapping"]
    kinds = {label["kind"] for label in layer["data"]}
    assert kinds == {"number", "place", "road", "scale"} and len(words(spec, "number")) == 53
    for label in layer["data"]:
        box = mapping[label["icon"]]
        assert box["x"] + box["width"] <= sheet.width and box["y"] + box["height"] <= sheet.height
        assert math.isclose(label["height"], box["height"] / map_labels.SCALE)  # shown at its drawn size
        picture = sheet.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
        ink = sum(1 for r, g, b, a in picture.get_flattened_data() if a > 200 and r < 80)
        halo = sum(1 for r, g, b, a in picture.get_flattened_data() if a > 200 and r > 240)
        assert ink > 10 * len(label["text"].replace(" ", "")) and halo > ink / 2, label["text"]  # dark on white
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[label["anchor"]]
        assert math.isclose(box["anchorX"], 4 + (box["width"] - 8) * shift)  # at the text, not at its halo
    place = next(p for p in words(spec, "place") if p["text"] == {"kk": "Кеңгір", "ru": "Кенгир", "en": "Kengir"}[lang])
    assert mapping[place["icon"]]["width"] / map_labels.SCALE == pytest.approx(
        geo.text_width(place["text"], place["size"]), abs=1.0
    )  # the layout keeps clear of the width drawn


def test_the_same_word_in_the_same_style_is_drawn_once():
    atlas = map_labels.atlas([map_labels.Label("12", 12.0), map_labels.Label("12", 12.0), map_labels.Label("12", 13.0)])
    assert atlas.keys[0] == atlas.keys[1] != atlas.keys[2] and len(atlas.mapping) == 2
    lines = map_labels.Label("«Ұлытау – Арқалық»\n109 км", 13.0, bold=False, anchor="end")
    one_line = map_labels.Label("«Ұлытау – Арқалық»", 13.0, bold=False, anchor="end")
    two, one = map_labels.atlas([lines]), map_labels.atlas([one_line])
    assert two.heights[0] == pytest.approx(2 * one.heights[0] - 2 * map_labels.HALO_PX, abs=0.5)  # two lines
    assert map_labels.width(lines) == map_labels.width(one_line)  # as wide as its longest line


@pytest.mark.parametrize("why", ["no DejaVu Sans", "too many words"])
def test_without_dejavu_or_with_hundreds_of_words_the_browser_writes_the_same_words(plan, projects, monkeypatch, why):
    drawn = json.loads(geo.deck(plan, projects, "kk").to_json())
    if why == "no DejaVu Sans":
        monkeypatch.setattr(map_labels, "available", lambda: False)
    else:
        monkeypatch.setattr(map_labels, "MOST", len(projects))  # the numbers and a few names are more
    written = json.loads(geo.deck(plan, projects, "kk").to_json())
    (layer,) = [layer for layer in written["layers"] if layer["id"] == "labels"]
    assert layer["@@type"] == "TextLayer" and layer["characterSet"] == "auto"  # Kazakh letters, the tick
    assert (layer["getText"], layer["getSize"], layer["getTextAnchor"]) == ("@@=text", "@@=size", "@@=anchor")
    assert [w["text"] for w in layer["data"]] == [
        w["text"] for k in ("number", "place", "road", "scale") for w in words(drawn, k)
    ]
