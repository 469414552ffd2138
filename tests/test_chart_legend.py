"""The trajectory charts' legend draws each series as the chart draws it: "Actual" (points on a line) and the
"2025 estimate" (one hollow circle) were both a plain black stroke, the target path and the projection bare
dashes without their points."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import vl_convert as vlc

from zhez import charts, export, load_plan, progress, tables
from zhez.i18n import LANGUAGES, t

SYMBOL = re.compile(r'class="mark-symbol role-legend-symbol"[^>]*><path [^>]*d="([^"]*)" fill="([^"]*)"')


def legend_symbols(chart: charts.Chart, lang: str) -> list[tuple[str, str, str]]:
    """Each legend entry's label, symbol path and fill, as drawn (SVG without a browser)."""
    svg = vlc.vegalite_to_svg(export.paper_spec(chart, lang))
    labels = [t(f"series.{s}", lang) for s in charts.SERIES]
    symbols = SYMBOL.findall(svg)
    assert len(symbols) == len(labels), svg[:300]
    return [(label, path, fill) for label, (path, fill) in zip(labels, symbols, strict=True)]


def lines_in(path: str) -> int:
    return path.count("L")


def inked(path: str) -> float:
    """How much of the symbol's line is drawn (px): a dashed line leaves gaps."""
    return sum(abs(float(b) - float(a)) for a, b in re.findall(r"M([-\d.]+),0L([-\d.]+),0", path))


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def one_chart(plan, lang):
    indicator = plan.indicators["id"].iloc[0]
    data = charts.trajectory_data(plan.series(indicator), progress.observed_points(plan, indicator), lang)
    return charts.trajectory(data, "title", "subtitle", lang)


def grid_chart(plan, lang):
    """The Directions page's grid of trajectories (the report's and the slides' too)."""
    rows = tables.progress_rows(plan, progress.assess(plan), lang, "rp-1").head(6)
    empty = pd.DataFrame(columns=["indicator_id", "year", "recorded_at"])
    panels = export.direction_panels(plan, rows, progress.observed_by_indicator(plan), empty, lang)
    return charts.small_multiples(panels, lang, "title")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("build", [one_chart, grid_chart], ids=["indicator", "grid"])
def test_each_series_has_its_own_symbol_as_drawn(plan, lang, build):
    symbols = {label: (path, fill.lower()) for label, path, fill in legend_symbols(build(plan, lang), lang)}
    target, actual, estimate, projection = (symbols[t(f"series.{s}", lang)] for s in charts.SERIES)
    assert len({path + fill for path, fill in symbols.values()}) == 4  # no two alike
    # the estimate: one hollow circle, no line; the actuals: a line through a filled point
    assert lines_in(estimate[0]) == 0 and estimate[1] == "white"
    assert lines_in(actual[0]) >= 1 and actual[1] == charts.SERIES_COLORS["actual"].lower()
    # the target path dashed with filled points, the projection dotted (more, shorter strokes) with hollow ones
    assert inked(target[0]) < inked(actual[0]) and target[1] == charts.SERIES_COLORS["target"].lower()
    assert lines_in(projection[0]) > lines_in(target[0]) and projection[1] == "white"


def test_the_symbols_points_are_the_charts_points():
    # a symbol's circle has the radius of the series' point on the chart (drawn in its box, half a side a unit)
    for series, area in charts.SERIES_POINT_AREA.items():
        radius = float(re.search(r"a([\d.]+),", charts.legend_symbol(series)).group(1))
        assert radius * charts.LEGEND_SYMBOL_AREA**0.5 / 2 == pytest.approx((area / 3.14159265) ** 0.5, abs=0.01)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_projection_that_stops_before_2030_says_why_where_it_stops(plan, lang):
    # НИ (investment, i52) fell at its pace to 20,6 in 2027 and the line just ended there
    data = charts.trajectory_data(plan.series("i52"), progress.observed_points(plan, "i52"), lang)
    note = t("chart.projection_below", lang, year="2028")
    last = data[data["series"] == "projection"].iloc[-1]
    assert last["year"] == 2027 and last["note"] == note and note in last["source"]  # and its tooltip
    svg = vlc.vegalite_to_svg(export.paper_spec(charts.trajectory(data, "title", "subtitle", lang), lang))
    assert f">{note}</text>" in svg
    runs_on = charts.trajectory_data(plan.series("i01"), progress.observed_points(plan, "i01"), lang)
    assert set(runs_on["note"].dropna()) <= {""}  # one that runs to 2030 says nothing


def test_a_grids_panel_leaves_the_why_to_its_tooltip(plan):
    # a panel is 250 px wide: the sentence ran past its edge over the next panel
    rows = tables.progress_rows(plan, progress.assess(plan), "ru", "rp-1")
    rows = rows[rows["indicator_id"].isin(["i07", "i13"])]  # both stop before 2030
    empty = pd.DataFrame(columns=["indicator_id", "year", "recorded_at"])
    panels = export.direction_panels(plan, rows, progress.observed_by_indicator(plan), empty, "ru")
    svg = vlc.vegalite_to_svg(export.paper_spec(charts.small_multiples(panels, "ru", "title"), "ru"))
    assert "проекция ниже 0" not in re.sub(r"aria-label=\"[^\"]*\"", "", svg)
