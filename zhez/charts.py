"""Chart builders: data in, Altair chart out. No Streamlit here.

Every chart carries a title, a number locale matching the page language (``78 935,3``
in kk/ru, ``78,935.3`` in en) and a font with every Kazakh letter, so the same spec
renders in the browser and, through vl-convert, in exported images.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Iterable, Sequence
from typing import Any, Literal, NamedTuple

import altair as alt
import pandas as pd

from zhez import i18n
from zhez.i18n import t
from zhez.plan import PLAN_YEARS, YEARS
from zhez.progress import STATUS_COLORS, Point, possible_range, projection, status_label

FONT = "Source Sans Pro, Source Sans 3, DejaVu Sans, Noto Sans, sans-serif"
EXPORT_FONT = "DejaVu Sans"

SERIES = ("target", "actual", "estimate", "projection")
SERIES_COLORS = {"target": "#0072B2", "actual": "#1A1A1A", "estimate": "#1A1A1A", "projection": "#777777"}
SERIES_DASH = {"target": [6, 4], "actual": [1, 0], "estimate": [1, 0], "projection": [2, 3]}
PENDING_COLOR = "#B00020"  # the mark of a value not yet approved
DIRECTION_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

# A chart that can be shown on its own (what the builders below return).
Chart = alt.Chart | alt.LayerChart | alt.FacetChart | alt.HConcatChart | alt.VConcatChart | alt.ConcatChart

# The area of each series' point (px² at size 1, as Vega sizes a point); the legend draws them at the same size.
SERIES_POINT_AREA = {"target": 55, "actual": 55, "estimate": 110, "projection": 20}
HOLLOW_SERIES = ("estimate", "projection")
# A legend symbol's box (px² at size 1, a square: Vega draws its path in -1…1 of it, and a legend row is as tall
# as the box), and how far its line reaches out of it on either side, in halves of the box, for room to show dashes.
LEGEND_SYMBOL_AREA = 300
LEGEND_LINE_REACH = 1.5


def _ring(r: float) -> str:
    return f"M{-r:.3f},0a{r:.3f},{r:.3f} 0 1,0 {2 * r:.3f},0a{r:.3f},{r:.3f} 0 1,0 {-2 * r:.3f},0"


def legend_symbol(series: str) -> str:
    """The series' legend symbol as an SVG path, drawn as the chart draws the series: its line with its dashes
    written into the path (a stroke dash would break the point's outline too) and its point; the 2025 estimate
    is one point, no line. (Points and box both grow with the square root of a chart's size: sizes are areas.)"""
    unit = math.sqrt(LEGEND_SYMBOL_AREA) / 2
    radius = math.sqrt(SERIES_POINT_AREA[series] / math.pi) / unit
    if series == "estimate":
        return _ring(radius)
    dash, gap = (length / unit for length in SERIES_DASH[series])
    if not gap:  # a solid line
        dash = 2 * LEGEND_LINE_REACH
    segments, at = [], -LEGEND_LINE_REACH
    while at < -radius:  # dashes from the left end in to the point, mirrored on the right
        end = min(at + dash, -radius)
        segments.append((at, end))
        at = end + gap
    path = "".join(f"M{a:.3f},0L{b:.3f},0M{-b:.3f},0L{-a:.3f},0" for a, b in segments)
    return path + _ring(radius)


def _series_legend(size: float) -> alt.Legend:
    """The series' legend: symbols (``legend_symbol``) in their box, labels clear of the lines reaching out of it;
    rows as close as the strokes' legend had them (the brief's grids fill their slide to the last pixel)."""
    reach = (LEGEND_LINE_REACH - 1) * math.sqrt(LEGEND_SYMBOL_AREA * size) / 2
    return alt.Legend(
        symbolStrokeWidth=2.2 * size, symbolSize=LEGEND_SYMBOL_AREA * size, labelOffset=4 + reach, rowPadding=0
    )


def finished(chart: Chart, lang: str, font: str = FONT, size: float = 1.0, contrast: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite spec with the top-level config: language number format, font, sober look. ``size``
    scales text for big screens; ``contrast`` makes every label black and the grid darker, for weak projectors.

    Written into the spec's dict, not through Altair's ``configure_*`` (each copies the whole chart) nor its
    schema validation: a page reruns on every click, and for the trajectory grid the two cost more than the
    rest of the page. The builders' specs are validated by the tests (``tests/test_charts_valid.py``)."""
    ink, grid = ("#000000", "#9A9A9A") if contrast else ("#333333", "#E6E6E6")
    spec: dict[str, Any] = chart.to_dict(validate=False)
    if isinstance(chart, alt.Chart | alt.LayerChart):
        # the width fits the page; the height is the plot's, with title, axes and legend added (never squeezed in)
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["config"] = {
        **spec.get("config", {}),
        "locale": {"number": i18n.VEGA_NUMBER_LOCALE[lang]},
        "font": font,
        "background": "white",
        "padding": 8,
        "axis": {"labelFontSize": 12 * size, "titleFontSize": 12 * size, "gridColor": grid, "labelColor": ink,
                 "titleColor": ink},
        "legend": {"labelFontSize": 12 * size, "titleFontSize": 12 * size, "orient": "bottom", "labelLimit": 400,
                   "labelColor": ink},
        "title": {"fontSize": 15 * size, "anchor": "start", "subtitleFontSize": 12 * size,
                  "subtitleColor": ink if contrast else "#555555", "color": "#1A1A1A"},
        "header": {"labelFontSize": 12 * size, "labelAnchor": "start", "labelAlign": "left", "labelColor": "#1A1A1A",
                   "labelLimit": 0},
        "text": {"fontSize": 12 * size},
        "view": {"stroke": "#DDDDDD"},
    }  # fmt: skip
    return spec


def decimals(values: Iterable[float], most: int = 3) -> int:
    """How many decimals the numbers need (at most ``most``): an axis shows the data's precision, never
    ``100,000000`` (Vega's default for a flat series) nor ``17,0`` for whole numbers."""
    needed = 0
    for value in values:
        if value != value:  # NaN
            continue
        while needed < most and abs(round(value, needed) - value) > 1e-9 * max(1.0, abs(value)):
            needed += 1
    return needed


def value_axis(values: Iterable[float]) -> alt.Axis:
    """A value axis at the precision of ``values``: up to as many decimals as they have, trailing zeros trimmed,
    no tick finer than that precision."""
    places = decimals(values)
    return alt.Axis(format=f",.{places}~f", tickMinStep=10.0**-places)


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width) or [""]


# ── financing ──────────────────────────────────────────────────────────────


def line_colours(financing: pd.DataFrame) -> dict[str, str]:
    """Each financing line's colour, by its place among all the plan's lines: a line is one colour on every chart
    (od-3 was orange on the Overview and blue on its own slide, the first of one)."""
    ids = dict.fromkeys(financing[financing["role"] == "line"].sort_values("order")["line_id"])
    return {line: DIRECTION_PALETTE[n % len(DIRECTION_PALETTE)] for n, line in enumerate(ids)}


def financing_by_year(
    financing: pd.DataFrame,
    lang: str,
    years: tuple[int, ...] = PLAN_YEARS,
    legend: Literal["bottom", "right"] = "bottom",
    only: Collection[str] | None = None,
) -> alt.LayerChart:
    """Direction lines stacked per year, with the printed grand total as a marker beside them; ``only`` these
    lines (ids) without the total, for one direction. ``legend`` is where the lines' names go (``right`` on a
    wide, short slide).

    The plan's lines do not add up to its printed totals (the audit says where); the chart
    shows both rather than choosing one.
    """
    colours = line_colours(financing)
    fin = financing[financing["year"].isin(years)]
    if only is not None:
        fin = fin[fin["line_id"].isin(set(only))]
    lines = fin[fin["role"] == "line"].copy()
    lines["label"] = lines[f"label_{lang}"]
    lines["amount"] = lines["amount_mln_kzt"].fillna(0.0)
    lines["amount_text"] = [
        i18n.money(v, lang) if pd.notna(v) else t("chart.no_value", lang) for v in lines["amount_mln_kzt"]
    ]
    shown = lines.sort_values("order").drop_duplicates("label")
    order, order_colours = list(shown["label"]), [colours[line] for line in shown["line_id"]]
    total = fin[(fin["role"] == "total") & (fin["parent_line_id"] == "")].copy()  # the plan's TOTAL
    total["label"] = t("chart.printed_total", lang)
    total["amount_text"] = [i18n.money(v, lang) for v in total["amount_mln_kzt"]]
    year_axis = alt.X("year:O", title=t("common.year", lang), axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart(lines)
        .mark_bar()
        .encode(
            x=year_axis,
            y=alt.Y("sum(amount):Q", title=t("unit.mln_kzt", lang), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "label:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order, range=order_colours),
                legend=alt.Legend(columns=1, labelLimit=0, orient=legend),  # a label a row: names are never cut
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("common.year", lang)),
                alt.Tooltip("label:N", title=t("chart.line", lang)),
                alt.Tooltip("amount_text:N", title=t("common.value", lang)),
            ],
        )
    )
    marks = (
        alt.Chart(total)
        .mark_point(shape="diamond", size=140, filled=True, color="#1A1A1A")
        .encode(
            x=year_axis,
            y=alt.Y("amount_mln_kzt:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("common.year", lang)),
                alt.Tooltip("label:N", title=t("chart.line", lang)),
                alt.Tooltip("amount_text:N", title=t("common.value", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(total)
        .mark_text(dy=-14, color="#1A1A1A")
        .encode(x=year_axis, y="amount_mln_kzt:Q", text=alt.Text("amount_mln_kzt:Q", format=",.1f"))
    )
    return alt.LayerChart(layer=[bars, marks, labels]).properties(
        title=alt.TitleParams(t("chart.financing_title", lang), subtitle=[t("chart.financing_subtitle", lang)]),
        height=320,
    )


# ── trajectories ───────────────────────────────────────────────────────────


def trajectory_data(
    published: pd.DataFrame,
    observed: list[Point],
    lang: str,
    recorded_at: dict[int, str] | None = None,
    superseded: Sequence[tuple[str, Sequence[tuple[int, float, str]]]] = (),
    percent: bool = False,
) -> pd.DataFrame:
    """Long table of one indicator's chart: target path, actuals, the estimate, the projection (which ends
    where it would leave what the indicator can be: below zero, or past 100 for a percentage, ``percent``).

    ``published`` is ``plan.series(id)``; ``observed`` the points ``progress`` rates
    (recorded actuals already in place of what they replace). ``superseded``: the target paths other
    editions print (edition label, (year, value, cell text) …), drawn faintly and labelled.
    """
    rows: list[dict[str, Any]] = []
    in_force = {
        int(y): float(v)
        for y, v, k in zip(published["year"], published["value"], published["kind"], strict=True)
        if k == "target" and pd.notna(v)
    }
    for label, path in superseded:
        # labelled where it first leaves the path in force: where paths meet, labels would lie on each other
        leaves = [year for year, value, _ in path if in_force.get(year) != value]
        labelled_at = leaves[0] if leaves else path[-1][0]
        for year, value, raw in path:
            source = t("chart.source_edition_cell", lang, edition=label, cell=raw.strip())
            rows.append(
                {
                    **_row("superseded", year, value, lang, source),
                    "series_label": label,
                    "labelled": year == labelled_at,
                }
            )
    by_year = published.set_index("year")
    observed_years = {p.year for p in observed}
    for year, value, kind, raw in zip(
        published["year"], published["value"], published["kind"], published["raw"], strict=True
    ):
        # The target path starts from the 2025 "plan (fact)" cell and runs to 2030.
        if pd.notna(value) and (kind == "target" or (kind == "estimate" and year == 2025)):
            rows.append(
                _row("target", int(year), float(value), lang, t("chart.source_plan_cell", lang, cell=raw.strip()))
            )
    for point in observed:
        if point.recorded_by:
            source = t(
                "chart.source_recorded", lang, who=point.recorded_by, when=(recorded_at or {}).get(point.year, "")
            )
        else:
            source = t("chart.source_plan_cell", lang, cell=str(by_year.loc[point.year, "raw"]).strip())
        if point.pending:
            source = f"{source} · {t('cycle.not_approved', lang).upper()}"
        rows.append({**_row(point.kind, point.year, point.value, lang, source), "pending": point.pending})
    seen = [*published["value"], *(p.value for p in observed)]
    line = projection(observed, within=possible_range(seen, percent))
    stop = projection_stop(observed, line, lang)
    for year, value in line:
        note = stop if year == line[-1][0] else ""
        source = "; ".join(filter(None, [t("chart.source_projection", lang), note]))
        start = {"from_year": line[0][0], "from_value": line[0][1]}
        rows.append({**_row("projection", year, value, lang, source), **start, "note": note})
    columns = [
        "series", "series_label", "year", "value", "value_text", "source", "from_year", "from_value", "labelled",
        "pending", "note",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["pending"] = frame["pending"].astype("boolean").fillna(False).astype(bool)
    frame.attrs["observed_years"] = sorted(observed_years)
    frame.attrs["superseded"] = [label for label, _ in superseded]
    return frame


def projection_stop(observed: list[Point], line: list[tuple[int, float]], lang: str) -> str:
    """Why a projection ends before 2030, written at its last point ("" if it runs on): it would fall below 0,
    or past 100 %, the year after (an official saw the line stop at 2027 and nothing said why)."""
    whole = projection(observed)
    if not line or len(whole) <= len(line):
        return ""
    year, value = whole[len(line)]
    return t("chart.projection_below" if value < line[-1][1] else "chart.projection_above", lang, year=str(year))


def _row(series: str, year: int, value: float, lang: str, source: str) -> dict[str, Any]:
    return {
        "series": series,
        "series_label": t(f"series.{series}", lang),
        "year": year,
        "value": value,
        "value_text": i18n.number(value, lang),
        "source": source,
    }


def _trajectory_layers(
    data: pd.DataFrame, lang: str, size: float = 1.0, legend: bool = True, own_axis: float | None = None
) -> list[alt.Chart]:
    """The series' lines and points. ``own_axis`` (a grid's text size): no value axis of Vega's, a domain exactly
    that of the values drawn (the grid draws each panel's axis itself, at that panel's precision:
    ``small_multiples``), and year labels of that size, whatever size the chart's config gives axes."""
    domain = [t(f"series.{s}", lang) for s in SERIES]
    series_legend = _series_legend(size) if legend else None
    color = alt.Color(
        "series_label:N",
        title=None,
        sort=domain,
        scale=alt.Scale(domain=domain, range=[SERIES_COLORS[s] for s in SERIES]),
        legend=series_legend,
    )
    # Out of the legend, by the series' code (Vega-Lite merges a channel of the legend's field into it anyway):
    # the legend's symbols draw each series' dashes themselves (``legend_symbol``).
    dash = alt.StrokeDash(
        "series:N",
        title=None,
        legend=None,
        scale=alt.Scale(domain=list(SERIES), range=[SERIES_DASH[s] for s in SERIES]),
    )
    years = alt.Axis(labelAngle=0) if own_axis is None else alt.Axis(labelAngle=0, labelFontSize=12 * own_axis)
    x = alt.X("year:O", title=None, scale=alt.Scale(domain=list(YEARS)), axis=years)
    printed: pd.Series | list[float] = (
        data.loc[data["series"].isin(["target", "actual", "estimate"]), "value"] if "series" in data else []
    )
    y = (
        alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, nice=False, padding=6 * size), axis=None)
        if own_axis is not None
        else alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, nice=True, padding=8), axis=value_axis(printed))
    )
    tooltip = [
        alt.Tooltip("year:O", title=t("common.year", lang)),
        alt.Tooltip("value_text:N", title=t("common.value", lang)),
        alt.Tooltip("series_label:N", title=t("common.kind", lang)),
        alt.Tooltip("source:N", title=t("chart.source", lang)),
    ]
    if "panel_name" in data:  # a grid's panel: its whole name, which its heading may cut
        tooltip.insert(0, alt.Tooltip("panel_name:N", title=t("col.name", lang)))
    base = alt.Chart(data)
    lines = (
        base.transform_filter(alt.FieldOneOfPredicate("series", ["target", "actual", "projection"]))
        .mark_line(strokeWidth=2.2 * size)
        .encode(x=x, y=y, color=color, strokeDash=dash, detail="series:N")
    )
    # The target path starts at the 2025 cell without a marker of its own: the estimate's hollow circle is there.
    filled = (
        base.transform_filter(
            alt.FieldEqualPredicate(field="series", equal="actual")
            | (alt.FieldEqualPredicate(field="series", equal="target") & alt.FieldRangePredicate("year", [2026, None]))
        )
        .mark_point(filled=True, size=SERIES_POINT_AREA["actual"] * size, opacity=1)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    hollow = (
        base.transform_filter(alt.FieldEqualPredicate(field="series", equal="estimate"))
        .mark_point(filled=False, size=SERIES_POINT_AREA["estimate"] * size, strokeWidth=2.2 * size, opacity=1)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    projected = (
        base.transform_filter(alt.FieldEqualPredicate(field="series", equal="projection"))
        .transform_filter("datum.year > datum.from_year")
        .mark_point(filled=False, size=SERIES_POINT_AREA["projection"] * size, opacity=0.8)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    # A submitted value not yet approved (drawn only for a signed-in person who asked) wears a red diamond.
    pending = (
        base.transform_filter(alt.FieldEqualPredicate(field="pending", equal=True))
        .mark_point(shape="diamond", filled=False, size=260 * size, strokeWidth=2.2 * size, color=PENDING_COLOR)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    layers = [lines, filled, hollow, projected, pending]
    if own_axis is None:
        # where the projection stops before 2030, why, beside its last point (to its left near the right edge);
        # a grid's panel has no room for it: there its last point's tooltip says it
        stop = base.transform_filter("datum.note && datum.series === 'projection'")
        ink = SERIES_COLORS["projection"]
        layers += [
            stop.transform_filter("datum.year <= 2027")
            .mark_text(align="left", dx=5 * size, dy=-9 * size, fontSize=11 * size, color=ink)
            .encode(x=x, y=y, text="note:N"),
            # near the right edge, written to its left: under a falling line's end, above a rising one's
            stop.transform_filter("datum.year > 2027 && datum.value < datum.from_value")
            .mark_text(align="right", dx=-5 * size, dy=14 * size, fontSize=11 * size, color=ink)
            .encode(x=x, y=y, text="note:N"),
            stop.transform_filter("datum.year > 2027 && datum.value >= datum.from_value")
            .mark_text(align="right", dx=-5 * size, dy=-9 * size, fontSize=11 * size, color=ink)
            .encode(x=x, y=y, text="note:N"),
        ]
    if series_legend is not None:
        layers.insert(0, _series_key(base, domain, color, series_legend))
    if "superseded" in set(data["series"]):
        # Other editions' target paths: faint, out of the legend, each labelled with its edition where it first
        # leaves the path in force.
        earlier = base.transform_filter(alt.FieldEqualPredicate(field="series", equal="superseded"))
        faint = earlier.mark_line(
            color=SERIES_COLORS["target"], opacity=0.35, strokeDash=[3, 3], strokeWidth=1.6 * size
        )
        marks = earlier.mark_point(color=SERIES_COLORS["target"], opacity=0.35, size=30 * size)
        label = (
            earlier.transform_filter("datum.labelled")
            .mark_text(align="left", dx=6, dy=-8, fontSize=11 * size, color="#555555", opacity=0.9)
            .encode(x=x, y=y, text="series_label:N")
        )
        layers = [
            faint.encode(x=x, y=y, detail="series_label:N"),
            marks.encode(x=x, y=y, tooltip=tooltip),
            label,
            *layers,
        ]
    return layers


def _series_key(base: alt.Chart, domain: list[str], color: alt.Color, legend: alt.Legend) -> alt.Chart:
    """A layer that draws nothing and gives the series' legend its symbols and fills (merged with the colour's):
    the lines alone made every symbol a stroke, "Actual" and "2025 estimate" (a dot, a hollow circle) the same
    black line."""
    symbols = alt.Shape(
        "series_label:N", sort=domain, title=None, legend=legend,
        scale=alt.Scale(domain=domain, range=[legend_symbol(s) for s in SERIES]),
    )  # fmt: skip
    fills = alt.Fill(
        "series_label:N", sort=domain, title=None, legend=legend,
        scale=alt.Scale(domain=domain, range=["white" if s in HOLLOW_SERIES else SERIES_COLORS[s] for s in SERIES]),
    )  # fmt: skip
    return (
        base.transform_filter("false").mark_point(filled=True, opacity=1).encode(color=color, shape=symbols, fill=fills)
    )


def trajectory(
    data: pd.DataFrame, title: str, subtitle: str, lang: str, height: int = 360, size: float = 1.0
) -> alt.LayerChart:
    """The indicator chart: target path dashed, actuals solid, 2025 estimate hollow, projection dotted
    (a value not yet approved in a red diamond, said under the title)."""
    subtitles = [subtitle, *pending_note(data, lang)]
    return alt.LayerChart(layer=_trajectory_layers(data, lang, size)).properties(
        title=alt.TitleParams(wrap(title, 90), subtitle=subtitles), height=height
    )


def pending_note(data: pd.DataFrame, lang: str) -> list[str]:
    """The line under a chart's title that explains the red diamond, when the chart has one."""
    pending = data["pending"] if "pending" in data else pd.Series(dtype=bool)
    return [t("chart.pending_note", lang)] if bool(pending.fillna(False).astype(bool).any()) else []


class Panel(NamedTuple):
    """One indicator of a grid of trajectories: its status, its heading (code and name), its chart's data
    (``trajectory_data``) and a note beside the status (the coordinator's own status, when set)."""

    status: str
    heading: str
    data: pd.DataFrame
    note: str = ""


TITLE_LINES = 3  # a panel's heading takes at most this many lines, cut with "…" (the whole name is in its tooltip)
STATUS_LINES = 2  # the status line, with the coordinator's status beside it, at most this many
TICKS = 4  # about this many values on a panel's axis
BLANK = "\u200b"  # a line with nothing on it: a zero-width space (Vega trims spaces, and the image renderer then
# drops the empty line's height)


def _lines(text: str, width: int, most: int) -> list[str]:
    """``text`` wrapped to ``width`` characters, at most ``most`` lines, the last cut with "…" if it runs on."""
    lines = wrap(text, width)
    if len(lines) > most:
        lines = [*lines[: most - 1], textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder=" …")]
    return lines


def line_chars(panel_width: float, size: float = 1.0) -> int:
    """How many characters of a heading a panel's line holds: wide letters of the export font (DejaVu Sans)
    take 7.6 px at 12 px; the screen's font is narrower."""
    return max(24, int(panel_width / (7.6 * size)))


def axis_ticks(values: Iterable[float], printed: Iterable[float], count: int = TICKS) -> tuple[list[float], int]:
    """A panel's value axis: round ticks (1, 2 or 5 × 10ⁿ apart, never finer than the last decimal of the
    ``printed`` values) covering every drawn value, and how many decimals they need."""
    drawn = [float(v) for v in values if v == v]
    if not drawn:
        return [], 0
    finest = 10.0 ** -decimals(printed)
    low, high = min(drawn), max(drawn)
    wanted = max((high - low) / count, finest)
    power = 10.0 ** math.floor(math.log10(wanted))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= wanted * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    if first == last:  # a flat series: one step either side
        first, last = first - step, last + step
    ticks = [round(first + k * step, 9) for k in range(round((last - first) / step) + 1)]
    return ticks, max(0, -math.floor(math.log10(step) + 1e-9))


def title_text(chart: Chart) -> str:
    """A chart's title as one line of text ("" when it has none): its alternative text where it is an image."""
    title = getattr(chart, "title", alt.Undefined)
    text = getattr(title, "text", title)
    if isinstance(text, str):
        return text
    return " ".join(str(line) for line in text) if isinstance(text, list | tuple) else ""


def small_multiples(
    panels: Sequence[Panel],
    lang: str,
    title: str,
    columns: int = 3,
    panel_width: int = 250,
    panel_height: int = 120,
    size: float = 1.0,
    title_lines: int = TITLE_LINES,
) -> alt.FacetChart:
    """A grid of trajectories, in the given order, panels aligned in rows and columns.

    Above each plot, never over its points: the heading (code and name) in one number of lines for the whole
    grid (at most ``title_lines``, cut with "…"; the whole name is in its tooltip and every point's), then the
    status line in the status's colour with its icon and word (colour is never the only signal), the
    coordinator's own status beside it when set. Every panel has its year labels and a value axis of its own,
    at its data's precision (``axis_ticks``), written the language's way.
    """
    per_line = line_chars(panel_width, size)
    headings = [_lines(p.heading, per_line, title_lines) for p in panels]
    statuses = [
        _lines(" · ".join(filter(None, [status_label(p.status, lang), p.note])), per_line, STATUS_LINES) for p in panels
    ]
    title_lines = max((len(h) for h in headings), default=1)  # as many as the longest heading needs
    status_lines = max((len(s) for s in statuses), default=1)
    frames = []
    for index, (panel, heading, status) in enumerate(zip(panels, headings, statuses, strict=True)):
        common: dict[str, Any] = {
            "panel_order": index,
            "status": panel.status,
            "panel_name": " · ".join(filter(None, [panel.heading, panel.note])),
        }
        printed = panel.data.loc[panel.data["series"].isin(["target", "actual", "estimate"]), "value"]
        marks, places = axis_ticks(panel.data["value"], printed)
        frames += [
            panel.data.assign(**common),
            # the heading and the status as blocks of one height in every panel, blank lines first: each stands
            # right above the next, and the plots of a row start level
            pd.DataFrame(
                [
                    {
                        **common,
                        "series": "heading",
                        "heading": "\n".join([BLANK] * (title_lines - len(heading)) + heading),
                        "status_label": "\n".join([BLANK] * (status_lines - len(status)) + status),
                    }
                ]
            ),
            pd.DataFrame(
                [{**common, "series": "tick", "value": v, "value_text": i18n.number(v, lang, places)} for v in marks]
            ),
        ]
    data = pd.concat(frames, ignore_index=True)
    y = alt.Y("value:Q", title=None, axis=None)
    ticks = alt.Chart(data).transform_filter(alt.FieldEqualPredicate(field="series", equal="tick"))
    grid = ticks.mark_rule(color="#E6E6E6", strokeWidth=1).encode(y=y)
    values = ticks.mark_text(align="right", baseline="middle", dx=-5, fontSize=12 * size, color="#333333").encode(
        x=alt.value(0), y=y, text="value_text:N"
    )
    line_height = 15 * size
    status_top = -(status_lines * line_height) - 4
    above = alt.Chart(data).transform_filter(alt.FieldEqualPredicate(field="series", equal="heading"))

    def lines(**style: Any) -> alt.Chart:  # a block of lines, its first at the top, no wider than the panel
        return above.mark_text(
            align="left",
            baseline="top",
            lineBreak="\n",
            lineHeight=line_height,
            limit=panel_width,  # should a font run wider than its wrapping guessed: cut with "…"
            fontSize=12 * size,
            **style,
        )

    heading_text = lines(color="#1A1A1A").encode(
        x=alt.value(0),
        y=alt.value(status_top - 3 - title_lines * line_height),
        text="heading:N",
        tooltip=alt.Tooltip("panel_name:N", title=t("col.name", lang)),
    )
    # The status in its colour, chosen by conditions rather than a colour scale (a shared scale would mix with the
    # series'), right above the plot.
    status_color = {
        "condition": [
            {"test": f"datum.status === '{status}'", "value": color} for status, color in STATUS_COLORS.items()
        ],
        "value": "#1A1A1A",
    }
    status_text = lines(fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(status_top), text="status_label:N", color=status_color
    )
    layers = _trajectory_layers(data, lang, size * 0.8, own_axis=size)
    chart = alt.layer(grid, values, *layers, heading_text, status_text, data=data).properties(
        width=panel_width, height=panel_height
    )
    return (
        chart.facet(
            # no header: each panel writes its own heading (Vega-Lite ignores ``labels=False`` in a wrapped facet)
            facet=alt.Facet(
                "panel_order:O", title=None, header=alt.Header(labelExpr="''", labelPadding=0, labelFontSize=0)
            ),
            columns=columns,
            spacing={"row": 18, "column": 20},
        )
        .resolve_scale(y="independent")
        .resolve_axis(x="independent")  # the years under every row of panels
        .properties(title=alt.TitleParams(title, subtitle=note) if (note := pending_note(data, lang)) else title)
    )


# ── what-if ────────────────────────────────────────────────────────────────


def scenario_bars(rows: pd.DataFrame, lang: str, title: str, height: int = 300) -> alt.LayerChart:
    """Baseline against scenario per year for one line; the scenario is labelled hypothetical and its change shown.

    The legend (plan / scenario) sits above the bars, so it is read before them; colour, outline and dash share
    one field and domain, so it shows the scenario's dashed outline too."""
    plan_label, scenario_label = t("whatif.series_plan", lang), t("whatif.series_scenario", lang)
    long = pd.concat(
        [
            rows.assign(series=plan_label, amount=rows["baseline_mln_kzt"].fillna(0.0)),
            rows.assign(series=scenario_label, amount=rows["amount_mln_kzt"].fillna(0.0)),
        ],
        ignore_index=True,
    )
    long["amount_text"] = [i18n.money(v, lang) for v in long["amount"]]
    long["delta_text"] = [i18n.signed(d, lang, 1) if abs(d) > 1e-6 else "" for d in long["delta_mln_kzt"]]
    # the change is written above the taller of the year's two bars, never across the plan's
    long["label_at"] = long.groupby("year")["amount"].transform("max")
    domain = [plan_label, scenario_label]
    legend = alt.Legend(title=None, orient="top", columns=1, symbolType="square", symbolSize=220, symbolStrokeWidth=2)
    x = alt.X("year:O", title=t("common.year", lang), axis=alt.Axis(labelAngle=0))
    tooltip = [
        alt.Tooltip("year:O", title=t("common.year", lang)),
        alt.Tooltip("series:N", title=t("common.kind", lang)),
        alt.Tooltip("amount_text:N", title=t("common.value", lang)),
    ]
    bars = (
        alt.Chart(long)
        .mark_bar(strokeWidth=2)
        .encode(
            x=x,
            xOffset=alt.XOffset("series:N", sort=domain),
            y=alt.Y("amount:Q", title=t("unit.mln_kzt", lang), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "series:N",
                title=None,
                sort=domain,
                legend=legend,
                scale=alt.Scale(domain=domain, range=["#0072B2", "#F6C98B"]),
            ),
            stroke=alt.Stroke(
                "series:N", sort=domain, legend=legend, scale=alt.Scale(domain=domain, range=["#0072B2", "#B5651D"])
            ),
            strokeDash=alt.StrokeDash(
                "series:N", sort=domain, legend=legend, scale=alt.Scale(domain=domain, range=[[1, 0], [5, 3]])
            ),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(long[long["series"] == scenario_label])
        .mark_text(dy=-8, fontWeight="bold", fontSize=12, color="#1A1A1A")
        .encode(x=x, xOffset=alt.XOffset("series:N", sort=domain), y="label_at:Q", text="delta_text:N")
    )
    return alt.LayerChart(layer=[bars, labels]).properties(
        title=alt.TitleParams(wrap(title, 40), subtitle=wrap(t("whatif.chart_subtitle", lang), 60)), height=height
    )
