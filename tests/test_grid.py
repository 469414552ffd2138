"""The grid of trajectories (Directions page, the report, the meeting slides): panels level in rows whatever
their headings' length, the status above each plot rather than over its points, years under every row of
panels, each value axis at its own data's precision (issue 23 §4)."""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pandas as pd
import pytest
import vl_convert as vlc

from zhez import charts, export, progress, tables
from zhez.progress import STATUS_COLORS

NO_ACTUALS = pd.DataFrame(columns=["indicator_id", "year", "recorded_at"])


def panels_of(plan, lang: str, direction: str | None = "rp-1", n: int = 9) -> list[charts.Panel]:
    rows = tables.progress_rows(plan, progress.assess(plan), lang, direction).head(n)
    return export.direction_panels(plan, rows, progress.observed_by_indicator(plan), NO_ACTUALS, lang)


def mixed_rows(plan, lang: str) -> list[charts.Panel]:
    """Nine panels, three a row, each row with a heading of one, of two and of three lines (real names, cut
    at a word to the length each needs)."""
    width = charts.line_chars(250)
    panels = sorted(panels_of(plan, lang, direction=None, n=60), key=lambda p: -len(p.heading))[:9]
    lengths = (width - 8, 2 * width - 12, 4 * width)
    mixed = [
        p._replace(heading=textwrap.shorten(p.heading, lengths[i % 3], placeholder="")) for i, p in enumerate(panels)
    ]
    assert [len(charts._lines(p.heading, width, charts.TITLE_LINES)) for p in mixed] == [1, 2, 3] * 3
    return mixed


def svg_of(grid) -> str:
    return str(vlc.vegalite_to_svg(charts.finished(grid, "kk", font=charts.EXPORT_FONT)))


def plots(svg: str, width: int = 250, height: int = 120) -> list[tuple[float, float]]:
    """Where each panel's plot (its framed rectangle) is drawn."""
    frame = rf'<g transform="translate\(([-\d.]+),([-\d.]+)\)"><path class="background" aria-hidden="true" d="M0\.5,0\.5h{width}v{height}h-{width}Z"'
    return [(float(x), float(y)) for x, y in re.findall(frame, svg)]


def layer(spec: dict, mark_has: str) -> dict:
    return next(x for x in spec["spec"]["layer"] if mark_has in str(x.get("transform", "")))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_panels_stand_level_in_rows_with_years_under_each_row(plan, lang):
    panels = mixed_rows(plan, lang)
    svg = svg_of(charts.small_multiples(panels, lang, "T", columns=3))
    drawn = plots(svg)
    assert len(drawn) == 9
    rows = Counter(y for _, y in drawn)
    assert sorted(rows.values()) == [3, 3, 3]  # three rows, each level: its three plots start at one height
    assert len(Counter(x for x, _ in drawn)) <= 9
    assert svg.count(">2024<") == svg.count(">2030<") == 9  # the years under every panel, not the last row only


def test_a_headings_block_has_one_height_in_the_whole_grid(plan):
    panels = panels_of(plan, "ru")
    spec = charts.small_multiples(panels, "ru", "T").to_dict()
    (data,) = spec["datasets"].values()
    headings = [row for row in data if row["series"] == "heading"]
    assert len(headings) == len(panels)
    assert {row["heading"].count("\n") for row in headings} == {charts.TITLE_LINES - 1}  # all three lines tall
    cut = [row for row in headings if row["heading"].endswith("…")]
    assert cut and all(row["panel_name"].startswith(row["heading"].split("\n")[0]) for row in cut)
    assert all(len(line) <= charts.line_chars(250) for row in headings for line in row["heading"].split("\n"))
    heading_layer = layer(spec, "heading")
    assert heading_layer["encoding"]["tooltip"]["field"] == "panel_name"  # the whole name, where a heading is cut


def test_the_status_is_written_above_the_plot_not_over_its_points(plan):
    panels = panels_of(plan, "kk", n=3)
    panels[1] = panels[1]._replace(note="⚑ үйлестіруші: ● Жоспар бойынша")
    spec = charts.small_multiples(panels, "kk", "T").to_dict()
    (data,) = spec["datasets"].values()
    status = [row["status_label"] for row in data if row["series"] == "heading"]
    assert status[0].endswith("▼ Кері кету") and "· ⚑ үйлестіруші: ● Жоспар бойынша" in status[1].replace("\n", " ")
    drawn = layer(spec, "heading")  # the heading and status layers are filtered on the same rows
    texts = [x for x in spec["spec"]["layer"] if x["mark"].get("type") == "text" and "status_label" in str(x)]
    (status_layer,) = texts
    lines = status_layer["encoding"]["text"]
    assert lines["field"] == "status_label"
    top, line_height = status_layer["encoding"]["y"]["value"], status_layer["mark"]["lineHeight"]
    block = {label.count("\n") + 1 for label in status}  # every status block as tall: two lines here
    assert block == {2} and status_layer["mark"]["baseline"] == "top"
    assert top + 2 * line_height <= 0  # its last line ends above the plot's top (y = 0)
    assert drawn["encoding"]["y"]["value"] < top  # the heading above the status
    colours = {c["value"] for c in status_layer["encoding"]["color"]["condition"]}
    assert colours == set(STATUS_COLORS.values())


def test_each_panels_axis_is_at_its_own_datas_precision(plan):
    assert charts.axis_ticks([49.0, 50.0, 55.0], [49.0, 50.0]) == ([48.0, 50.0, 52.0, 54.0, 56.0], 0)
    assert charts.axis_ticks([5.0, 6.0, 8.0], [5.0, 6.0, 8.0]) == ([5.0, 6.0, 7.0, 8.0], 0)  # never 5,5 for whole data
    assert charts.axis_ticks([40.2, 41.6], [40.2, 41.6]) == ([40.0, 40.5, 41.0, 41.5, 42.0], 1)
    assert charts.axis_ticks([17.0, 17.0], [17.0]) == ([16.0, 17.0, 18.0], 0)  # a flat series: a step either side
    assert charts.axis_ticks([-0.5, 1.25], [1.25]) == ([-0.5, 0.0, 0.5, 1.0, 1.5], 1)
    assert charts.axis_ticks([], []) == ([], 0)
    spec = charts.small_multiples(panels_of(plan, "ru"), "ru", "T").to_dict()
    (data,) = spec["datasets"].values()
    ticks: dict[int, list[str]] = {}
    for row in data:
        if row["series"] == "tick":
            ticks.setdefault(row["panel_order"], []).append(row["value_text"])
    assert all(len(labels) >= 3 for labels in ticks.values())
    whole = [labels for labels in ticks.values() if not any("," in v for v in labels)]
    tenths = [labels for labels in ticks.values() if any("," in v for v in labels)]
    assert whole and tenths  # panels of whole numbers next to panels of tenths, each written its own way
    assert all(re.fullmatch(r"\d+,\d", v) for labels in tenths for v in labels)  # "41,5", the Russian way
    assert layer(spec, "tick")["encoding"]["y"]["axis"] is None  # no shared Vega axis forcing one format on all
