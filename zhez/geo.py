"""The project map: projects in, pydeck layers out (pure functions, no Streamlit).

Most of the plan's projects are located only to their settlement: the plan names no street or
site. They are drawn around the settlement's point, each joined to it by a thin line, and marked
approximate wherever they are shown. Regional roads are schematic corridors from where they start
(the city, or Ulytau village for the Ulytau–Arkalyk road) towards their far end. Completed projects
(the plan's account of the current state) are drawn pale, with a tick beside their number. Where points
crowd (the city's ~40 around its centre), their numbers stand in a column beside the crowd, each joined to its
circle by a thin dark line; no number, place or road name runs into another at the map's initial zoom, and every
name stays inside the map (``label_layout``; a slide's map fitted to its projects is laid out in its own view,
its scale bar a round length of that view).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from zhez import i18n, map_labels
from zhez.i18n import t
from zhez.plan import PLAN_YEARS, PRECISIONS, STAGES, YEARS, Plan, project_number, year_or_none
from zhez.rollups import NOT_REPORTED, STATUS_ORDER, delay_text
from zhez.tables import place_names, years_text

# Located to the object itself; anything coarser is approximate and says so (PRECISIONS: finest first).
LOCATED = ("exact", "site")
NO_DIRECTION = "none"

# Fourteen sectors, colours from Paul Tol's colour-blind-safe "muted" and "bright" schemes.
# Colour is never alone: every point carries its number, and sector is in the tooltip, detail and table.
SECTOR_COLORS: dict[str, tuple[int, int, int]] = {
    "water": (51, 34, 136),
    "sewer": (136, 204, 238),
    "heating": (204, 102, 119),
    "gas": (221, 204, 119),
    "power": (238, 102, 119),
    "road": (68, 119, 170),
    "transport": (102, 102, 102),
    "school": (17, 119, 51),
    "kindergarten": (153, 153, 51),
    "health": (170, 51, 119),
    "housing": (136, 34, 85),
    "sport": (68, 170, 153),
    "culture": (102, 204, 238),
    "ecology": (34, 136, 51),
    "economy": (238, 119, 51),  # Tol's "vibrant" orange
}

# Execution statuses (``rollups.STATUS_ORDER``), from Paul Tol's colour-blind-safe "vibrant" scheme; colour is
# never alone: the status is in the tooltip, the detail and the table, and a late project's number carries "!".
EXECUTION_COLORS: dict[str, tuple[int, int, int]] = {
    "planned": (51, 187, 238),
    "design": (0, 119, 187),
    "tender": (238, 51, 119),
    "construction": (238, 119, 51),
    "commissioned": (0, 153, 136),
    "suspended": (204, 51, 17),
    "cancelled": (51, 51, 51),
    NOT_REPORTED: (187, 187, 187),
}
LATE_RING = (204, 51, 17)
COLOUR_BY = ("sector", "status")

# Point sizes in screen pixels: the largest cost gets MAX_RADIUS_PX; area is proportional to cost.
MAX_RADIUS_PX = 34.0
MIN_RADIUS_PX = 5.0
NO_COST_RADIUS_PX = 9.0  # drawn hollow, so it cannot be read as a small cost

SPREAD_STEP_M = 380.0  # distance between neighbours when points sharing one place are spread out
CITY = (47.79, 67.71)
HOME = "zhezkazgan"  # the plan's city among the places: its projects stand around it, it has no dot of its own
# pydeck reads a bare string as a data accessor; quoted, it stays a literal. deck.gl's TextLayer draws
# only ASCII unless its character set is "auto" (collected from the labels: Kazakh letters included).
AUTO_CHARACTERS = '"auto"'
PIXELS = '"pixels"'
NO_BREAK = "\u00a0"
FONT = '"Source Sans Pro, DejaVu Sans, sans-serif"'


@dataclass(frozen=True)
class ProjectFilter:
    """What the reader chose to see; empty tuples mean everything.

    It travels in the link as ``sector=sewer,water&mdir=rp-1,none&prec=site&year=2028&cost=1000-3000&nocost=0``
    (``to_query``/``from_query``); what is left at "everything" is left out of the link.
    """

    sectors: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()  # NO_DIRECTION stands for projects of no direction line (regional roads, airport)
    year: int | None = None
    cost_range: tuple[float, float] | None = None
    include_no_cost: bool = True
    precisions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # execution statuses (``rollups.STATUS_ORDER``), as approved reports give them
    late_only: bool = False
    stages: tuple[str, ...] = ()

    def to_query(self) -> dict[str, str | None]:
        """The filter as link parameters; ``None`` removes a parameter (its "everything")."""
        return {
            "estatus": ",".join(self.statuses) or None,
            "late": "1" if self.late_only else None,
            "sector": ",".join(self.sectors) or None,
            "mdir": ",".join(self.directions) or None,
            "prec": ",".join(self.precisions) or None,
            "stage": ",".join(self.stages) or None,
            "year": None if self.year is None else str(self.year),
            "cost": None if self.cost_range is None else f"{self.cost_range[0]:g}-{self.cost_range[1]:g}",
            "nocost": None if self.include_no_cost else "0",
        }

    @classmethod
    def from_query(
        cls, query: Mapping[str, str], sectors: Sequence[str], directions: Sequence[str], max_cost: float
    ) -> ProjectFilter:
        """The filter a link asks for, keeping only known sectors, directions, precisions and plan years;
        the cost range clipped to 0…``max_cost`` (the whole span is no range). Anything unreadable is "everything"."""

        def known(param: str, options: Sequence[str]) -> tuple[str, ...]:
            return tuple(v for v in query.get(param, "").split(",") if v in options)

        year = query.get("year", "")
        return cls(
            sectors=known("sector", sectors),
            directions=known("mdir", directions),
            year=int(year) if year in {str(y) for y in YEARS} else None,
            cost_range=cost_span(query.get("cost", ""), max_cost),
            include_no_cost=query.get("nocost") != "0",
            precisions=known("prec", PRECISIONS),
            statuses=known("estatus", STATUS_ORDER),
            late_only=query.get("late") == "1",
            stages=known("stage", STAGES),
        )


def cost_span(text: str, max_cost: float) -> tuple[float, float] | None:
    """``"1000-3000"`` as a cost range within 0…``max_cost``; None for the whole span or an unreadable text."""
    try:
        first, last = (float(v) for v in text.split("-", 1))
    except ValueError:
        return None
    first, last = max(0.0, min(first, max_cost)), max(0.0, min(last, max_cost))
    if first > last or (first, last) == (0.0, max_cost):
        return None
    return (first, last)


COST_STOPS = 250  # at most this many steps on the cost slider


def cost_steps(max_cost: float, most: int = COST_STOPS) -> list[float]:
    """The cost slider's stops: 0 up to the first stop at or above ``max_cost``, a round step apart
    (1, 2 or 5 × 10ⁿ million tenge), at most ``most`` steps: ``0, 100, …, 24 100`` for the plan's largest cost."""
    top = max_cost if max_cost == max_cost and max_cost > 0 else 1.0  # NaN or nothing: a slider still shows
    step = 10.0 ** math.floor(math.log10(top / most))
    step = next(s for s in (step, 2 * step, 5 * step, 10 * step) if math.ceil(top / s - 1e-9) <= most)
    count = max(1, math.ceil(top / step - 1e-9))
    return [round(k * step, 6) for k in range(count + 1)]


def snap_cost(value: float, steps: Sequence[float]) -> float:
    """The slider's stop nearest to ``value`` (a link's cost that falls between stops)."""
    return min(steps, key=lambda stop: (abs(stop - value), stop))


def located_projects(plan: Plan, corrections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every project with the point it is drawn at: the plan's, or an editor's correction.

    Adds ``lat``/``lon``/``precision`` in force, ``corrected_by``/``corrected_at`` (empty when the
    plan's point is used) and ``approximate``.
    """
    frame = plan.projects.copy()
    frame["precision"] = frame["location_precision"]
    frame["corrected_by"] = ""
    frame["corrected_at"] = None
    frame["correction_note"] = ""
    if corrections is not None and not corrections.empty:
        fixed = corrections.set_index("project_id")
        hit = frame["id"].isin(fixed.index)
        ids = frame.loc[hit, "id"]
        frame.loc[hit, "lat"] = fixed.loc[ids, "lat"].to_numpy()
        frame.loc[hit, "lon"] = fixed.loc[ids, "lon"].to_numpy()
        frame.loc[hit, "precision"] = fixed.loc[ids, "precision"].to_numpy()
        frame.loc[hit, "corrected_by"] = fixed.loc[ids, "corrected_by"].to_numpy()
        frame.loc[hit, "corrected_at"] = fixed.loc[ids, "corrected_at"].to_numpy()
        frame.loc[hit, "correction_note"] = fixed.loc[ids, "note"].fillna("").to_numpy()
    frame["approximate"] = ~frame["precision"].isin(LOCATED)
    return frame.reset_index(drop=True)


EXECUTION_COLUMNS = ["execution", "late", "completion_pct", "delay", "delay_since", "delay_years", "as_of"]


def with_execution(projects: pd.DataFrame, execution: pd.DataFrame | None) -> pd.DataFrame:
    """``located_projects`` with where each project stands by its approved reports (``rollups.project_table``):
    ``execution`` (a status, or ``not_reported``), ``late`` and why, ``completion_pct``."""
    frame = projects.copy()
    if execution is None or execution.empty:
        frame["execution"], frame["late"] = NOT_REPORTED, False
        for column in EXECUTION_COLUMNS[2:]:
            frame[column] = None
        frame["delay"], frame["delay_years"] = "", 0
        return frame
    state = execution.set_index("project_id").rename(columns={"status": "execution", "delayed": "late"})
    for column in EXECUTION_COLUMNS:
        frame[column] = frame["id"].map(state[column])
    frame["execution"] = frame["execution"].fillna(NOT_REPORTED)
    frame["late"] = frame["late"].fillna(False).astype(bool)
    frame["delay"] = frame["delay"].fillna("")
    return frame


def under_way(start: object, end: object, year: int, stage: str = "planned") -> bool:
    """Whether a project runs in ``year``; a missing start or end means the plan period's edge — but a
    completed project without years ran before the plan period, in none of its years."""
    first, last = year_or_none(start), year_or_none(end)
    if stage == "completed" and first is None and last is None:
        return False
    return (PLAN_YEARS[0] if first is None else first) <= year <= (PLAN_YEARS[-1] if last is None else last)


def filter_projects(projects: pd.DataFrame, chosen: ProjectFilter) -> pd.DataFrame:
    """The projects the filter keeps, in the plan's order."""
    keep = pd.Series(True, index=projects.index)
    if chosen.sectors:
        keep &= projects["sector"].isin(chosen.sectors)
    if chosen.directions:
        keep &= projects["direction_id"].fillna(NO_DIRECTION).replace("", NO_DIRECTION).isin(chosen.directions)
    if chosen.precisions:
        keep &= projects["precision"].isin(chosen.precisions)
    if chosen.statuses:
        keep &= projects["execution"].isin(chosen.statuses)
    if chosen.late_only:
        keep &= projects["late"].astype(bool)
    if chosen.stages:
        keep &= projects["stage"].isin(chosen.stages)
    if chosen.year is not None:
        runs = [
            under_way(s, e, chosen.year, stage)
            for s, e, stage in zip(projects["start_year"], projects["end_year"], projects["stage"], strict=True)
        ]
        keep &= pd.Series(runs, index=projects.index, dtype=bool)
    cost = projects["cost_mln_kzt"]
    if chosen.cost_range is not None:
        low, high = chosen.cost_range
        in_range = cost.between(low, high)
        keep &= in_range | (cost.isna() & chosen.include_no_cost)
    elif not chosen.include_no_cost:
        keep &= cost.notna()
    return projects[keep]


def point_radius(cost: float | None, max_cost: float) -> float:
    """Screen radius of a project's point: area proportional to cost; a fixed size when there is none."""
    if cost is None or pd.isna(cost) or not max_cost or max_cost <= 0:
        return NO_COST_RADIUS_PX
    return max(MIN_RADIUS_PX, MAX_RADIUS_PX * math.sqrt(float(cost) / max_cost))


def spread_shared_points(projects: pd.DataFrame, step_m: float = SPREAD_STEP_M) -> pd.DataFrame:
    """Where to draw each point: points sharing one place are laid out on a sunflower spiral around it.

    Adds ``draw_lat``/``draw_lon``; ``lat``/``lon`` stay the place the plan (or an editor) gives,
    so a leader line can join the two. Deterministic: the order is the projects' order.
    """
    frame = projects.copy()
    lat, lon = frame["lat"].astype(float), frame["lon"].astype(float)
    by_place = frame.assign(lat=lat, lon=lon).groupby([lat.round(6), lon.round(6)], sort=False)
    k = by_place.cumcount().to_numpy()  # position within its place
    shared = (by_place["lat"].transform("size") > 1).to_numpy()
    lat0 = by_place["lat"].transform("first").to_numpy()
    lon0 = by_place["lon"].transform("first").to_numpy()
    radius = step_m * np.sqrt(k + 0.5)
    angle = k * math.pi * (3 - math.sqrt(5))  # the golden angle
    metres_per_deg_lon = 111_320.0 * np.cos(np.radians(lat0))
    frame["draw_lat"] = np.where(shared, lat0 + radius * np.sin(angle) / 110_574.0, lat)
    frame["draw_lon"] = np.where(shared, lon0 + radius * np.cos(angle) / metres_per_deg_lon, lon)
    return frame


def precision_text(row: i18n.Row, names: Mapping[str, str], lang: str) -> str:
    """“approximate: placed at Kengir” or “site: Zhezkazgan CHP” — what the point is worth.

    ``names``: ``tables.place_names(plan, lang)``."""
    place = names.get(str(row["place"]), "")
    key = "map.placed_approx" if row["approximate"] else "map.placed_at"
    return t(key, lang, precision=t(f"precision.{row['precision']}", lang), place=place)


COMPLETED_MARK = "✓"


def project_records(
    plan: Plan, projects: pd.DataFrame, lang: str, colour_by: str = "sector"
) -> list[dict[str, object]]:
    """One record per drawn project: geometry, size, colour (by sector, or by execution status where
    ``with_execution`` added it) and the tooltip's words. A late project's number carries "!"; a completed one
    (as the plan's text says) is pale (its colour at a third) with a grey outline, and its number carries a tick."""
    if projects.empty:
        return []
    names = place_names(plan, lang)
    spread = spread_shared_points(projects)
    max_cost = float(plan.projects["cost_mln_kzt"].max(skipna=True) or 0.0)
    capacity = i18n.translated_column("capacity", lang)
    records = []
    for row in spread.to_dict("records"):  # plain dicts: iterrows is slow for thousands of projects
        status = str(row.get("execution", NOT_REPORTED))
        late = bool(row.get("late", False))
        color = EXECUTION_COLORS[status] if colour_by == "status" else SECTOR_COLORS.get(row["sector"], (90, 90, 90))
        has_cost = not pd.isna(row["cost_mln_kzt"])
        completed = row["stage"] == "completed"
        fill_alpha = (80 if completed else 215) if has_cost else 0
        records.append(
            {
                "id": row["id"],
                "number": number_text(row["id"]) + ("!" if late else "") + (COMPLETED_MARK if completed else ""),
                "status": t(f"exec.status.{status}", lang),
                "late_text": delay_text(row, lang) if late else "",
                "late": late,
                "name": str(row[f"name_{lang}"]),
                "title": f"{number_text(row['id'])}. {row[f'name_{lang}']}",  # as the table and the list number it
                "stage": t(f"stage.{row['stage']}", lang),
                "completed": completed,
                "sector": t(f"sector.{row['sector']}", lang),
                "years": years_text(row["start_year"], row["end_year"], lang),
                "cost": i18n.money(row["cost_mln_kzt"], lang) if has_cost else t("map.no_cost", lang),
                "capacity": str(row[capacity]) if isinstance(row[capacity], str) and row[capacity] else "—",
                "where": precision_text(row, names, lang),
                "position": [float(row["draw_lon"]), float(row["draw_lat"])],
                "anchor": [float(row["lon"]), float(row["lat"])],
                "moved": bool(row["draw_lat"] != row["lat"] or row["draw_lon"] != row["lon"]),
                "radius": point_radius(row["cost_mln_kzt"], max_cost),
                "fill": [*color, fill_alpha],
                "line": [110, 110, 110, 255] if completed else [*color, 255],
                "stroke": 1.5 if has_cost else 3.0,
                "approximate": bool(row["approximate"]),
                "has_cost": has_cost,
            }
        )
    return records


def number_text(project_id: str) -> str:
    """``p07`` → ``7``: the short number printed beside a point and in the table (the id if it has none)."""
    number = project_number(project_id)
    return project_id if number is None else str(number)


def numbered_names(projects: pd.DataFrame, lang: str) -> dict[str, str]:
    """Project id → ``7. Its name`` in ``lang``, as the map's lists show them."""
    names = projects[f"name_{i18n.check_language(lang)}"]
    return {pid: f"{number_text(pid)}. {name}" for pid, name in zip(projects["id"], names, strict=True)}


def corridor_records(plan: Plan, projects: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Regional roads as schematic lines from where they start (``route_from``: the city centre, or Ulytau
    village) towards their far end, with their length."""
    points = {
        p: (float(lon), float(lat))
        for p, lon, lat in zip(plan.places["id"], plan.places["lon"], plan.places["lat"], strict=True)
    }
    rows = []
    for _, row in projects[projects["geometry"] == "corridor"].iterrows():
        centre = points[str(row.get("route_from") or HOME)]
        end = points[str(row["place"])]
        length = t("map.km", lang, km=i18n.number(row["length_km"], lang)) if not pd.isna(row["length_km"]) else ""
        rows.append(
            {
                "id": row["id"],
                "path": [list(centre), list(end)],
                "label": "\n".join(
                    [*road_name_lines(str(row[f"name_{lang}"])), f"{length} · {t('precision.schematic', lang)}"]
                ),
                "label_at": list(end),
                "color": [*SECTOR_COLORS.get(row["sector"], (90, 90, 90)), 230],
            }
        )
    return rows


ROAD_LINE_CHARS = 30  # a road's name on the map: lines about this long, so it fits beside the road's end


def road_name_lines(name: str) -> list[str]:
    """A road's name in lines of about ``ROAD_LINE_CHARS``, never broken inside its quoted «…» part."""
    kept = re.sub(r"«[^»]*»", lambda quoted: quoted.group(0).replace(" ", NO_BREAK), name)
    return [line.replace(NO_BREAK, " ") for line in textwrap.wrap(kept, ROAD_LINE_CHARS)] or [name]


# ── where labels go on screen ──────────────────────────────────────────────
# The numbers of a crowd of points (the city's ~40 projects placed at its centre) cannot sit beside their points:
# they are written in a column left and right of the crowd, in the points' top-to-bottom order, each joined to its
# point by a thin line. A point on its own keeps its number just above it. Place names go above or below the crowd
# they belong to, clear of the numbers, and a road's name beside its end; names stay inside the map's frame (a
# place whose dot is off the map goes unnamed). Everything is laid out in screen pixels at the view's initial zoom
# (``VIEWS``, or a slide's fitted view), then turned back into map coordinates, so zooming in only spreads it
# further apart.

TILE_PX = 512.0  # deck.gl's zoom counts 512-pixel tiles
VIEWS: dict[str, pdk.ViewState] = {
    "city": pdk.ViewState(latitude=47.777, longitude=67.675, zoom=10.6),
    "region": pdk.ViewState(latitude=48.22, longitude=67.30, zoom=7.5),  # the city and Ulytau village
}
NUMBER_SIZE_PX = 12.0
NUMBER_PITCH_PX = 15.0  # one number a row in a column: 12 px text and its outline, 1 px apart
NUMBER_EM = 0.62  # a digit's (or "!", "✓") width in its font size, bold, generous
NAME_EM = 0.76  # a letter's of a place name, bold: Cyrillic runs wide (Ж, Ш, Қ), measured at 0.72 at most
COLUMN_GAP_PX = 12.0  # from a crowd's outermost circle to its column of numbers
LINK_PX = 4.0  # points whose circles come closer than this are one crowd
NAME_GAP_PX = 6.0  # between a crowd (or a place's dot) and the place's name
CLEAR_PX = 10.0  # a name keeps at least this from every other text: closer, one reads as the next line of the other
ROAD_SIZE_PX = 13.0  # a road's name and the scale bar's
LINE_SPACING = 1.17  # a line of a label below the one above it, in its font size (DejaVu Sans: 1.164)
PAGE_FRAME = (528.0, 620.0)  # the Map page's map in pixels at 1366 × 768, the narrowest it is usually shown:
# its names are kept inside this, and a wider screen only shows more around them
FRAME_MARGIN_PX = 6.0  # a name's box keeps this far from the map's edge (its letters reach ~3 px beyond the box)


@dataclass(frozen=True)
class Placed:
    """A text on screen at the view's initial zoom: ``x``/``y`` in pixels from the view's centre (y down) is
    where it hangs (``anchor``: ``start`` runs right of x, ``end`` left of it, ``middle`` centred); the text's
    box is estimated from its length, size and ``em``."""

    key: str
    text: str
    x: float
    y: float
    size: float
    anchor: str = "middle"
    em: float = NUMBER_EM

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.em)

    @property
    def height(self) -> float:
        """Its lines' height (a name of several lines is centred on ``y``, as the map writes it)."""
        return self.size + 2 + self.text.count("\n") * self.size * LINE_SPACING

    @property
    def box(self) -> tuple[float, float, float, float]:
        """left, top, right, bottom in pixels."""
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[self.anchor]
        left = self.x - shift * self.width
        return (left, self.y - self.height / 2, left + self.width, self.y + self.height / 2)


def text_width(text: str, size: float, em: float = NUMBER_EM) -> float:
    """Width of a line of bold text in pixels, with its 2-pixel outline: measured in the font the server draws
    labels with, or estimated (``em``: a character's width in its font size) where the browser draws them."""
    if map_labels.available():
        return map_labels.width(map_labels.Label(text, size))
    return len(text) * size * em + 2 * map_labels.HALO_PX


def to_screen(lon: Any, lat: Any, view: pdk.ViewState) -> tuple[np.ndarray, np.ndarray]:
    """Map coordinates as pixels from the view's centre at its zoom (Web Mercator, y down)."""
    scale = TILE_PX * 2.0**view.zoom

    def world(lo: Any, la: Any) -> tuple[np.ndarray, np.ndarray]:
        la = np.radians(np.asarray(la, dtype=float))
        return (np.asarray(lo, dtype=float) + 180.0) / 360.0 * scale, (
            1.0 - np.log(np.tan(np.pi / 4 + la / 2)) / np.pi
        ) / 2.0 * scale

    x, y = world(lon, lat)
    cx, cy = world(view.longitude, view.latitude)
    return x - cx, y - cy


def from_screen(x: Any, y: Any, view: pdk.ViewState) -> tuple[np.ndarray, np.ndarray]:
    """Pixels from the view's centre at its zoom back to map coordinates (``to_screen`` reversed)."""
    scale = TILE_PX * 2.0**view.zoom
    cx, cy = to_screen(-180.0, 0.0, view)  # the world's left edge and equator, from the centre
    wx, wy = np.asarray(x, dtype=float) - cx, np.asarray(y, dtype=float) - cy + scale / 2
    lon = wx / scale * 360.0 - 180.0
    lat = np.degrees(2 * np.arctan(np.exp(np.pi * (1.0 - 2.0 * wy / scale))) - np.pi / 2)
    return lon, lat


def fitted_view(points: Sequence[Mapping[str, Any]], width: float, height: float, pad: float = 24.0) -> pdk.ViewState:
    """The view that shows every point (``position``, ``radius`` in pixels) on a map of ``width`` × ``height``
    pixels, centred on them; never closer than the streets of a district (zoom 14)."""
    if not points:
        return VIEWS["city"]
    lon = [float(p["position"][0]) for p in points]
    lat = [float(p["position"][1]) for p in points]
    world = pdk.ViewState(latitude=0.0, longitude=0.0, zoom=0.0)
    x, y = to_screen(lon, lat, world)  # pixels at zoom 0
    margin = pad + max(float(p["radius"]) for p in points)
    span_x, span_y = float(x.max() - x.min()), float(y.max() - y.min())
    room_x, room_y = max(width - 2 * margin, 1.0), max(height - 2 * margin, 1.0)
    fits = [room_x / span_x if span_x else math.inf, room_y / span_y if span_y else math.inf]
    zoom = min(14.0, math.log2(min(fits))) if min(fits) < math.inf else 14.0
    (centre_lon,), (centre_lat,) = from_screen([(x.max() + x.min()) / 2], [(y.max() + y.min()) / 2], world)
    return pdk.ViewState(latitude=float(centre_lat), longitude=float(centre_lon), zoom=round(zoom, 2))


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float], margin: float) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def overlapping(boxes: Sequence[tuple[float, float, float, float]], margin: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of boxes (left, top, right, bottom) that overlap or come within ``margin`` of each other; sweeps top
    to bottom (a column of numbers holds only its neighbours in view), so thousands of boxes cost little."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    pairs: list[tuple[int, int]] = []
    active: list[int] = []
    for i in order:
        left, top, right, _ = boxes[i]
        active = [j for j in active if boxes[j][3] + margin > top]
        pairs += [
            (min(i, j), max(i, j)) for j in active if boxes[j][0] < right + margin and left < boxes[j][2] + margin
        ]
        active.append(i)
    return sorted(pairs)


@dataclass
class _Crowd:
    members: list[int]  # indexes of its points
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # around its circles, in pixels


def _merge(crowds: list[_Crowd], pairs: Iterable[tuple[int, int]]) -> list[_Crowd]:
    """Crowds joined along ``pairs`` (indexes into ``crowds``)."""
    parent = list(range(len(crowds)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    joined: dict[int, list[int]] = {}
    for i, crowd in enumerate(crowds):
        joined.setdefault(root(i), []).extend(crowd.members)
    return [_Crowd(sorted(members)) for members in joined.values()]


def _boxed(crowds: list[_Crowd], x: np.ndarray, y: np.ndarray, r: np.ndarray) -> list[_Crowd]:
    for crowd in crowds:
        m = crowd.members
        crowd.box = (float(min(x[m] - r[m])), float(min(y[m] - r[m])), float(max(x[m] + r[m])), float(max(y[m] + r[m])))
    return crowds


def _column(indexes: list[int], x: np.ndarray, y: np.ndarray) -> dict[int, float]:
    """Rows of a column of numbers: each as near its point's height as the pitch allows, in the points'
    top-to-bottom order (so leader lines do not cross), the column centred on its points."""
    ranked = sorted(indexes, key=lambda i: (y[i], x[i]))
    rows: list[float] = []
    for i in ranked:
        rows.append(float(y[i]) if not rows else max(float(y[i]), rows[-1] + NUMBER_PITCH_PX))
    shift = float(np.mean(y[ranked]) - np.mean(rows))
    return {i: row + shift for i, row in zip(ranked, rows, strict=True)}


Leader = tuple[float, float, float, float]  # from (x, y) beside the text to (x, y) on the circle's edge


def _number_labels(
    crowds: list[_Crowd], x: np.ndarray, y: np.ndarray, r: np.ndarray, texts: Sequence[str], keys: Sequence[str]
) -> list[tuple[int, int, Placed, Leader | None]]:
    """(crowd, point, its number, its leader line) for every point: a lone point's number just above it, a
    crowd's in a column left and right of it — its left half's on the left."""
    placed: list[tuple[int, int, Placed, Leader | None]] = []
    for c, crowd in enumerate(crowds):
        if len(crowd.members) == 1:
            (i,) = crowd.members
            above = float(y[i] - r[i] - 2 - NUMBER_SIZE_PX / 2)
            placed.append((c, i, Placed(keys[i], texts[i], float(x[i]), above, NUMBER_SIZE_PX), None))
            continue
        left, _, right, _ = crowd.box
        by_x = sorted(crowd.members, key=lambda i: (x[i], y[i]))
        half = len(by_x) // 2
        for side, indexes in (("end", by_x[:half]), ("start", by_x[half:])):
            edge = left - COLUMN_GAP_PX if side == "end" else right + COLUMN_GAP_PX
            for i, row in _column(indexes, x, y).items():
                start = edge + (2.0 if side == "end" else -2.0)  # just beside the text
                dx, dy = start - float(x[i]), row - float(y[i])
                reach = max(math.hypot(dx, dy), 1e-9)
                edge_x, edge_y = float(x[i]) + dx / reach * r[i], float(y[i]) + dy / reach * r[i]
                label = Placed(keys[i], texts[i], edge, row, NUMBER_SIZE_PX, side)
                placed.append((c, i, label, (start, row, float(edge_x), float(edge_y))))
    return placed


NAMES_ABOVE = ("city", "water")  # the reservoir lies north of the city: both named above the crowd
NAME_ORDER = {"city": 0, "water": 1, "village": 2, "airport": 3, "plant": 4}


def _inside(
    box: tuple[float, float, float, float], frame: tuple[float, float], margin: float = FRAME_MARGIN_PX
) -> bool:
    half_width, half_height = frame[0] / 2 - margin, frame[1] / 2 - margin
    return box[0] >= -half_width and box[2] <= half_width and box[1] >= -half_height and box[3] <= half_height


def _nudged(label: Placed, frame: tuple[float, float]) -> Placed:
    """A centred name moved sideways back inside the frame, where it fits (a name beside a dot stays beside it)."""
    left, _, right, _ = label.box
    room = frame[0] / 2 - FRAME_MARGIN_PX
    if label.anchor != "middle" or right - left > 2 * room:
        return label
    return dataclasses.replace(label, x=label.x + max(0.0, -room - left) - max(0.0, right - room))


def _hits(at: tuple[float, float, float, float], boxes: np.ndarray, margin: float = 1.0) -> np.ndarray:
    """The rows of ``boxes`` (left, top, right, bottom) that the box ``at`` runs into, as ``_meets`` has it; at
    once for thousands (a plan a hundred times this one numbers 5 000 points)."""
    left, top, right, bottom = at
    return boxes[
        (left < boxes[:, 2] + margin)
        & (boxes[:, 0] < right + margin)
        & (top < boxes[:, 3] + margin)
        & (boxes[:, 1] < bottom + margin)
    ]


def _slid_clear(label: Placed, boxes: np.ndarray, upward: bool, frame: tuple[float, float]) -> Placed:
    """The name moved further up (or down) until it runs into none of ``boxes``, or off the map."""
    half = label.height / 2
    for _ in range(len(boxes) + 1):
        hits = _hits(label.box, boxes, CLEAR_PX)
        if not len(hits) or abs(label.y) - half > frame[1] / 2:
            break
        y = float(hits[:, 1].min()) - half - CLEAR_PX if upward else float(hits[:, 3].max()) + half + CLEAR_PX
        label = dataclasses.replace(label, y=y)
    return label


def _spot(
    candidates: Sequence[Placed], taken: Sequence[tuple[float, float, float, float]], frame: tuple[float, float],
    from_y: float,
) -> Placed:  # fmt: skip
    """Where a name goes: the first of its ``candidates`` (preferred first) inside the frame and clear of what is
    written; failing that, the first that, moved up or down clear of it, is still inside and moved no more than
    its size, else the first still inside; failing that, the first so moved (the map is too small for every
    name: it runs over the edge rather than over another name)."""
    boxes = np.asarray(taken, dtype=float).reshape(-1, 4)
    candidates = [_nudged(c, frame) for c in candidates]
    for candidate in candidates:
        at = candidate.box
        if _inside(at, frame) and not len(_hits(at, boxes, CLEAR_PX)):
            return candidate
    slid = [_slid_clear(c, boxes, c.y < from_y, frame) for c in candidates]
    inside = [
        (abs(moved.y - c.y) > c.size, i)  # moved further than its size, it stands beside something else
        for i, (c, moved) in enumerate(zip(candidates, slid, strict=True))
        if _inside(moved.box, frame)
    ]
    return slid[min(inside)[1]] if inside else slid[0]


def _place_names(
    places: Sequence[Mapping[str, Any]], taken: list[tuple[float, float, float, float]], crowds: list[_Crowd],
    state: pdk.ViewState, frame: tuple[float, float], one_per_crowd: bool = False,
) -> list[tuple[dict[str, Any], Placed]]:  # fmt: skip
    """Each place's name above (the city, the reservoir) or below the crowd it lies in, or beside its dot where
    there is room, moved further up or down until it runs into nothing written before it. ``one_per_crowd``:
    a place in a crowd already named goes unnamed (on the regional view the city's crowd covers Kengir and
    the airport). A place off the map goes unnamed. ``taken`` gains the places' dots and names."""
    named, crowds_named, located = [], set(), []
    for place in places:
        lon, lat = place["position"]
        px, py = (float(v) for v in to_screen(lon, lat, state))
        if place["dot"]:  # no name over another place's dot
            taken.append((px - 5, py - 5, px + 5, py + 5))
        home = next((c for c, crowd in enumerate(crowds) if _meets(crowd.box, (px, py, px, py), 0.0)), None)
        located.append((place, px, py, home))
    # a name beside its own dot first: a crowd's name has another side to go to, a dot's name is only near its dot
    for place, px, py, home in sorted(located, key=lambda p: (p[3] is not None, NAME_ORDER.get(str(p[0]["kind"]), 9))):
        if not _inside((px, py, px, py), frame, margin=0.0):
            continue
        size, text = float(place["size"]), str(place["text"])
        up = place["kind"] in NAMES_ABOVE
        if home is not None and one_per_crowd and home in crowds_named:
            continue
        if home is not None:
            crowds_named.add(home)
            box = crowds[home].box
            above = Placed(text, text, px, box[1] - NAME_GAP_PX - size / 2 - 1, size, em=NAME_EM)
            below = Placed(text, text, px, box[3] + NAME_GAP_PX + size / 2 + 1, size, em=NAME_EM)
            candidates = [above, below] if up else [below, above]  # the other side where the map has no room
        else:  # beside its dot (5 px), the preferred side first
            side = _beside(text, px, py, 5 + NAME_GAP_PX, size, NAME_EM)
            candidates = [
                side[s] for s in (("above", "below", "left", "right") if up else ("below", "above", "right", "left"))
            ]
        named.append(_written(place, _spot(candidates, taken, frame, py), taken, state))
    return named


def _beside(text: str, px: float, py: float, reach: float, size: float, em: float) -> dict[str, Placed]:
    """A name ``reach`` pixels above, below, left or right of a point."""
    half = Placed(text, text, px, py, size, em=em).height / 2
    return {
        "above": Placed(text, text, px, py - reach - half, size, em=em),
        "below": Placed(text, text, px, py + reach + half, size, em=em),
        "left": Placed(text, text, px - reach, py, size, "end", em),
        "right": Placed(text, text, px + reach, py, size, "start", em),
    }


def _written(
    record: Mapping[str, Any], label: Placed, taken: list[tuple[float, float, float, float]], state: pdk.ViewState
) -> tuple[dict[str, Any], Placed]:
    """The name's record where it is written (map coordinates, anchor); ``taken`` gains its box."""
    taken.append(label.box)
    (at_lon,), (at_lat,) = from_screen([label.x], [label.y], state)
    return {**record, "position": [float(at_lon), float(at_lat)], "anchor": label.anchor}, label


ROAD_EDGE_PX = 40.0  # a road that runs off the map is named this far inside the edge it crosses
ROAD_STEPS = (0.8, 0.6, 0.4)  # where along the road (from its start) its name goes when its end has no room


def _leaving(sx: float, sy: float, px: float, py: float, frame: tuple[float, float]) -> tuple[float, float]:
    """The road's end, or, where it runs off the map, the point ``ROAD_EDGE_PX`` inside the edge it crosses."""
    half_width, half_height = frame[0] / 2 - ROAD_EDGE_PX, frame[1] / 2 - ROAD_EDGE_PX
    reach = 1.0  # how far along from start to end the road stays inside
    for start, run, half in ((sx, px - sx, half_width), (sy, py - sy, half_height)):
        if run:
            reach = min(reach, max(0.0, ((half if run > 0 else -half) - start) / run))
    return sx + reach * (px - sx), sy + reach * (py - sy)


def _road_names(
    roads: Sequence[Mapping[str, Any]], taken: list[tuple[float, float, float, float]], x: np.ndarray,
    y: np.ndarray, r: np.ndarray, state: pdk.ViewState, frame: tuple[float, float],
) -> list[tuple[dict[str, Any], Placed]]:  # fmt: skip
    """Each road's name beside the circle at its end: beyond the end first (the way the road runs), then across
    it, over the road last; failing those, beside the road further back; clear of every name, number and circle,
    inside the frame (``taken`` gains them). A road that runs off the map is named where it leaves it; one that
    starts off the map goes unnamed."""
    named = []
    for road in roads:
        (px, sx), (py, sy) = (
            (float(v) for v in axis)
            for axis in to_screen(
                [road["position"][0], road["start"][0]], [road["position"][1], road["start"][1]], state
            )
        )
        if not _inside((sx, sy, sx, sy), frame, margin=0.0):
            continue
        px, py = _leaving(sx, sy, px, py, frame)
        at_end = r[np.hypot(x - px, y - py) < 1.0]  # the circles drawn at the road's end
        reach = (float(at_end.max()) if len(at_end) else 5.0) + NAME_GAP_PX
        text, across = str(road["text"]), abs(px - sx) >= abs(py - sy)  # across: above or below a road run sideways
        if across:
            order = ("right", "above", "below", "left") if px >= sx else ("left", "above", "below", "right")
        else:
            order = ("below", "right", "left", "above") if py >= sy else ("above", "right", "left", "below")
        side = _beside(text, px, py, reach, ROAD_SIZE_PX, NUMBER_EM)
        candidates = [side[s] for s in order]
        for along in ROAD_STEPS:  # then beside the road further back towards its start
            at = _beside(text, sx + along * (px - sx), sy + along * (py - sy), NAME_GAP_PX, ROAD_SIZE_PX, NUMBER_EM)
            candidates += [at[s] for s in (("above", "below") if across else ("right", "left"))]
        named.append(_written(road, _spot(candidates, taken, frame, py), taken, state))
    return named


def label_layout(
    points: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
    state: pdk.ViewState = VIEWS["city"],
    numbers: bool = True,
    frame: tuple[float, float] = PAGE_FRAME,
    roads: Sequence[Mapping[str, Any]] = (),
    keep_clear: Sequence[tuple[float, float, float, float]] = (),
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Placed]]:
    """Where the projects' numbers, the places' and the roads' names are written (see the section's comment).

    ``points``: ``project_records`` (``position`` where drawn, ``anchor`` its place, ``radius``, ``number``);
    ``places``: ``place_labels``; ``roads``: each road's ``text``, ``position`` (its end) and ``start``;
    ``state`` and ``frame``: the view and the map's size in pixels; ``keep_clear``: boxes (pixels) no name goes
    over (the scale bar). Returns the numbers (``position``, ``number``, ``anchor`` and, for a crowded point,
    ``leader``: its line; map coordinates), the names (places', then roads') with ``position`` moved to where
    they are written and their ``anchor``, and every text as ``Placed`` in pixels (what the tests check for
    overlaps). Without ``numbers`` (the regional view, a slide) the names still keep clear of the points."""
    lon = [float(p["position"][0]) for p in points]
    lat = [float(p["position"][1]) for p in points]
    x, y = to_screen(lon, lat, state)
    r = np.asarray([float(p["radius"]) for p in points])
    texts = [str(p["number"]) for p in points]
    keys = [str(p["id"]) for p in points]
    by_place: dict[tuple[float, float], list[int]] = {}
    for i, p in enumerate(points):  # points spread around one place are a crowd
        by_place.setdefault((round(float(p["anchor"][0]), 6), round(float(p["anchor"][1]), 6)), []).append(i)
    crowds = _boxed([_Crowd(m) for m in by_place.values()], x, y, r)
    crowds = _boxed(_merge(crowds, overlapping([c.box for c in crowds], LINK_PX)), x, y, r)  # and touching crowds
    placed = _number_labels(crowds, x, y, r, texts, keys)
    for _ in range(len(crowds)):
        # a crowd's numbers running into another crowd's numbers or circles make the two one crowd
        boxes = [label.box for _, _, label, _ in placed] + [c.box for c in crowds]
        owners = [c for c, _, _, _ in placed] + list(range(len(crowds)))
        clash = [(owners[a], owners[b]) for a, b in overlapping(boxes, 1.0) if owners[a] != owners[b]]
        if not numbers or not clash:
            break
        crowds = _boxed(_merge(crowds, clash), x, y, r)
        placed = _number_labels(crowds, x, y, r, texts, keys)
    if not numbers:
        placed = []
    taken = [label.box for _, _, label, _ in placed] + [c.box for c in crowds] + list(keep_clear)
    names = _place_names(places, taken, crowds, state, frame, one_per_crowd=not numbers)
    names += _road_names(roads, taken, x, y, r, state, frame)
    written = []
    for _, _, label, leader in placed:
        (at_lon,), (at_lat,) = from_screen([label.x], [label.y], state)
        record: dict[str, Any] = {
            "position": [float(at_lon), float(at_lat)],
            "number": label.text,
            "anchor": label.anchor,
        }
        if leader is not None:
            (lon0, lon1), (lat0, lat1) = from_screen(leader[::2], leader[1::2], state)
            record["leader"] = [[float(lon0), float(lat0)], [float(lon1), float(lat1)]]
        written.append(record)
    return written, [n for n, _ in names], [label for _, _, label, _ in placed] + [p for _, p in names]


def place_labels(plan: Plan, lang: str, view: str = "city") -> list[dict[str, object]]:
    """Names of the city, Kengir, the reservoir, the airport, the CHP and Satpayev: readable without a basemap.

    The reservoir and the CHP sit beside the centre: named on the city view only, where they do not collide.
    """
    kinds = ["city", "village", "water", "airport", "plant"] if view == "city" else ["city", "village", "airport"]
    shown = plan.places[plan.places["kind"].isin(kinds)]
    # far ends of the roads are off any map; the region view reaches Ulytau village, ~95 km north
    near = shown[(shown["lat"] - CITY[0]).abs() < (0.5 if view == "city" else 1.0)]
    return [
        {
            "text": i18n.localized(row, "name", lang),
            "position": [float(row["lon"]), float(row["lat"])],
            "size": 20 if row["id"] == HOME else 15,
            "dot": row["id"] != HOME,
            "kind": row["kind"],
        }
        for _, row in near.iterrows()
    ]


EARTH_CIRCUMFERENCE_M = 40_075_016.686  # at the equator, as Web Mercator takes it
SCALE_BAR_AT = (24.0, 32.0)  # px: the bar's left end from the map's left edge and bottom


def scale_bar(state: pdk.ViewState, frame: tuple[float, float]) -> dict[str, Any]:
    """An east–west bar of a round length (1, 2 or 5 × 10ⁿ km, at most a fifth of the map's width) at the map's
    lower left, so distances read without tiles; ``box``: where it and its words are, in pixels."""
    left, y = -frame[0] / 2 + SCALE_BAR_AT[0], frame[1] / 2 - SCALE_BAR_AT[1]
    (lon,), (lat,) = from_screen([left], [y], state)
    lon, lat = float(lon), float(lat)
    metres_per_pixel = EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / (TILE_PX * 2.0**state.zoom)
    most = frame[0] / 5 * metres_per_pixel / 1000
    power = 10.0 ** math.floor(math.log10(most))
    km = max(m * power for m in (1, 2, 5) if m * power <= most * (1 + 1e-9))
    span = km * 1000 / (EARTH_CIRCUMFERENCE_M / 360 * math.cos(math.radians(lat)))
    width = km * 1000 / metres_per_pixel
    return {
        "path": [[lon, lat], [lon + span, lat]],
        "label_at": [lon + span / 2, lat],
        "km": round(km, 9),
        "box": (left - 2, y - 12 - ROAD_SIZE_PX, left + width + 2, y + 4),  # its words stand 12 px above it
    }


def _label(
    kind: str,
    text: Any,
    position: Any,
    size: Any,
    bold: bool = True,
    anchor: Any = "middle",
    offset: tuple[float, float] = (0, 0),
) -> dict[str, Any]:
    """A word the map writes: a project's ``number``, a ``place``'s or a ``road``'s name, the ``scale`` (the
    values as the layout's records hold them)."""
    return {
        "kind": kind,
        "text": str(text),
        "position": position,
        "size": float(size),
        "bold": bold,
        "anchor": str(anchor),
        "offset": list(offset),
    }


def label_layer(labels: Sequence[Mapping[str, Any]]) -> pdk.Layer:
    """Every word of the map in one layer: pictures drawn on the server (``zhez.map_labels``), or text the browser
    draws (bold, in the page's font) on a machine without DejaVu Sans or for more words than a picture carries."""
    common = {
        "id": "labels",
        "get_position": "position",
        "get_pixel_offset": "offset",
        "pickable": False,
    }
    if not map_labels.available() or len(labels) > map_labels.MOST:
        return pdk.Layer(
            "TextLayer",
            data=list(labels),
            get_text="text",
            get_text_anchor="anchor",
            get_size="size",
            character_set=AUTO_CHARACTERS,  # Kazakh letters and the tick of a completed project
            font_family=FONT,
            font_weight=700,
            get_color=list(map_labels.INK),
            outline_width=3,
            outline_color=list(map_labels.HALO),
            font_settings={"sdf": True},  # the outline needs it
            **common,
        )
    atlas = map_labels.atlas(
        [map_labels.Label(str(x["text"]), float(x["size"]), bool(x["bold"]), str(x["anchor"])) for x in labels]
    )
    return pdk.Layer(
        "IconLayer",
        data=[
            {**x, "icon": key, "height": height}
            for x, key, height in zip(labels, atlas.keys, atlas.heights, strict=True)
        ],
        icon_atlas=f'"{atlas.url}"',  # quoted: a literal, not a data accessor
        icon_mapping=atlas.mapping,
        get_icon="icon",
        get_size="height",
        size_units=PIXELS,
        **common,
    )


class CompactDeck(pdk.Deck):
    """pydeck's Deck, serialised compactly. pydeck indents its JSON, which makes Python use its
    pure-Python encoder (~2 s for 4 000 projects, the C encoder takes a tenth), and escapes
    every Cyrillic letter into six bytes."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, ensure_ascii=False)


def deck(
    plan: Plan,
    projects: pd.DataFrame,
    lang: str,
    view: str = "city",
    basemap: bool = False,
    selected: str | None = None,
    colour_by: str = "sector",
    numbered: bool = True,
    frame: tuple[float, float] = PAGE_FRAME,
    fitted: bool = False,
) -> pdk.Deck:
    """The map: labels and a scale bar first (they need no tiles), corridors, leader lines, projects, a red ring
    around each late project. ``colour_by``: ``sector`` or execution ``status`` (``with_execution``). Without
    ``numbered`` (a slide, where no table goes with the map and the numbers' columns need more height than a
    slide gives the map) the projects are drawn without their numbers and the roads without their names (three
    lines each, which a slide's small map has no room for beside its crowd; the Map page names them).
    ``frame``: the map's width and height in pixels, which its names stay inside. ``fitted``: the view is the one
    that shows every drawn project in that frame, not the city's or the region's."""
    points = project_records(plan, projects, lang, colour_by)
    corridors = corridor_records(plan, projects, lang)
    state = fitted_view(points, *frame) if fitted else VIEWS[view]
    bar = scale_bar(state, frame)
    # the regional view shows where the roads run; the city's projects are numbered on the city view
    places = place_labels(plan, lang, view)
    roads = [
        {"text": c["label"], "position": c["label_at"], "start": c["path"][0], "kind": "road"}
        for c in (corridors if numbered else [])
    ]
    numbers, names, _ = label_layout(
        points, places, state, numbers=numbered and view == "city", frame=frame, roads=roads, keep_clear=[bar["box"]]
    )
    scale_text = t("map.km", lang, km=i18n.number(bar["km"], lang))
    labels = [
        *(_label("number", n["number"], n["position"], NUMBER_SIZE_PX, anchor=n["anchor"]) for n in numbers),
        *(
            _label("place", p["text"], p["position"], p["size"], anchor=p["anchor"])
            for p in names
            if p["kind"] != "road"
        ),
        *(
            _label("road", p["text"], p["position"], ROAD_SIZE_PX, bold=False, anchor=p["anchor"])
            for p in names
            if p["kind"] == "road"
        ),
        _label("scale", scale_text, bar["label_at"], ROAD_SIZE_PX, bold=False, offset=(0, -12)),
    ]
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            id="places",
            data=[{"position": p["position"]} for p in places if p["dot"]],
            get_position="position",
            get_radius=5,
            radius_units=PIXELS,
            get_fill_color=[40, 40, 40, 200],
            pickable=False,
        ),
        # A road and the scale bar are one straight segment each: LineLayer draws them as PathLayer would, and
        # the leaders need it anyway. Each kind of layer is a WebGL program the browser compiles on the first
        # load (without a GPU, ~0.7 s for PathLayer's), so the map uses as few kinds as it can.
        pdk.Layer(
            "LineLayer",
            id="corridors",
            data=corridors,
            get_source_position="path[0]",
            get_target_position="path[1]",
            get_color="color",
            width_units=PIXELS,
            get_width=5,
            pickable=False,
        ),
        pdk.Layer(
            "LineLayer",
            id="leaders",
            # each layer gets only the fields it draws: the map's JSON stays a third the size
            data=[{"anchor": p["anchor"], "position": p["position"]} for p in points if p["moved"]],
            get_source_position="anchor",
            get_target_position="position",
            get_color=[90, 90, 90, 110],
            get_width=1,
            width_units=PIXELS,
            pickable=False,
        ),
        pdk.Layer(
            "LineLayer",
            id="number-leaders",
            # a crowded point's number, in a column beside the crowd, joined to its circle
            data=[{"source": n["leader"][0], "target": n["leader"][1]} for n in numbers if "leader" in n],
            get_source_position="source",
            get_target_position="target",
            get_color=[40, 40, 40, 200],
            get_width=1,
            width_units=PIXELS,
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="projects",
            data=points,
            get_position="position",
            get_radius="radius",
            radius_units=PIXELS,
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="stroke",
            line_width_units=PIXELS,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "LineLayer",
            id="scale-bar",
            data=[{"path": bar["path"]}],
            get_source_position="path[0]",
            get_target_position="path[1]",
            get_color=[20, 20, 20, 255],
            get_width=4,
            width_units=PIXELS,
            pickable=False,
        ),
        label_layer(labels),
    ]
    late = [p for p in points if p["late"]]
    if late:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="late",
                data=[{"position": p["position"], "radius": float(p["radius"]) + 5} for p in late],  # type: ignore[arg-type]
                get_position="position",
                get_radius="radius",
                radius_units=PIXELS,
                filled=False,
                stroked=True,
                get_line_color=[*LATE_RING, 255],
                get_line_width=3,
                line_width_units=PIXELS,
                pickable=False,
            )
        )
    if selected:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="selected",
                data=[p for p in points if p["id"] == selected],
                get_position="position",
                get_radius="radius",
                radius_units=PIXELS,
                radius_min_pixels=14,
                filled=False,
                stroked=True,
                get_line_color=[0, 0, 0, 255],
                get_line_width=4,
                line_width_units=PIXELS,
                pickable=False,
            )
        )
    tooltip = {
        "html": "<b>{title}</b><br/>{stage} · {sector} · {years}<br/>{cost}<br/>{capacity}<br/><i>{where}</i>"
        "<br/><b>{status}</b> {late_text}",
        # dark on white like the page, never wider than the map (zhez.ui.map keeps it inside the map's frame)
        "style": {
            "fontSize": "14px",
            "lineHeight": "1.35",
            "maxWidth": "min(360px, calc(100% - 12px))",
            "color": "#1A1A1A",
            "backgroundColor": "#FFFFFF",
            "border": "1px solid #8C8C8C",
            "borderRadius": "4px",
            "boxShadow": "0 2px 6px rgba(0, 0, 0, 0.25)",
            "padding": "8px 10px",
        },
    }
    # Without a basemap, pydeck's default style marker tells Streamlit not to fetch its own (Carto) style:
    # nothing is requested from the internet and the background stays plain.
    tiles = {"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers,
        initial_view_state=state,
        tooltip=tooltip,
        **tiles,
    )


def legend(projects: pd.DataFrame, lang: str, colour_by: str = "sector") -> list[tuple[str, str, int]]:
    """Sector (or execution status), its colour as CSS, and how many of the shown projects it has — in the
    legend's order."""
    if colour_by == "status":
        statuses = projects["execution"].value_counts()
        return [
            (t(f"exec.status.{s}", lang), "rgb({},{},{})".format(*EXECUTION_COLORS[s]), int(statuses.get(s, 0)))
            for s in STATUS_ORDER
            if statuses.get(s, 0)
        ]
    counts = projects["sector"].value_counts()
    return [
        (t(f"sector.{s}", lang), "rgb({},{},{})".format(*SECTOR_COLORS[s]), int(counts.get(s, 0)))
        for s in SECTOR_COLORS
        if counts.get(s, 0)
    ]


def sectors_in(projects: pd.DataFrame) -> list[str]:
    """The plan's sectors in the legend's order."""
    present = set(projects["sector"])
    return [s for s in SECTOR_COLORS if s in present]


def selected_project(selection: object, layer: str = "projects") -> str | None:
    """The project id picked on the map, from Streamlit's pydeck selection state (a plain mapping)."""
    try:
        objects = selection["objects"]  # type: ignore[index]  # Streamlit's state is a mapping; anything else fails below
        picked: Sequence[dict[str, object]] = objects.get(layer, [])
    except (KeyError, TypeError, AttributeError):
        return None
    return str(picked[0]["id"]) if picked else None
