"""Project map: where the plan's money goes, filterable, readable without internet."""

import streamlit as st

from zhez import geo, tables, ui
from zhez.plan import YEARS

ui.page_start()

plan = ui.plan()
lang = ui.lang()
projects = geo.located_projects(plan, ui.project_corrections())

st.title(ui.t("map.title"))
st.caption(ui.t("map.intro"))

# ── filters, kept in the link ──
sectors = geo.sectors_in(projects)
direction_ids = [*plan.directions["id"], geo.NO_DIRECTION]
direction_names = {**tables.direction_names(plan, lang), geo.NO_DIRECTION: ui.t("map.no_direction")}
max_cost = float(projects["cost_mln_kzt"].max())
with st.expander(ui.t("map.filters"), expanded=True):
    c1, c2, c3 = st.columns(3)
    chosen_sectors = c1.multiselect(
        ui.t("map.sector"),
        sectors,
        default=ui.query_list("sector", sectors),
        format_func={s: ui.t(f"sector.{s}") for s in sectors}.get,
        placeholder=ui.t("common.all"),
        key="map-sector",
    )
    chosen_directions = c2.multiselect(
        ui.t("filter.direction"),
        direction_ids,
        default=ui.query_list("mdir", direction_ids),
        format_func=direction_names.get,
        placeholder=ui.t("common.all"),
        key="map-direction",
    )
    chosen_precisions = c3.multiselect(
        ui.t("col.precision"),
        geo.PRECISIONS,
        default=ui.query_list("prec", geo.PRECISIONS),
        format_func={p: ui.t(f"precision.{p}") for p in geo.PRECISIONS}.get,
        placeholder=ui.t("common.all"),
        key="map-precision",
    )
    c4, c5 = st.columns(2)
    year_options = ["all", *(str(y) for y in YEARS)]
    year = c4.select_slider(
        ui.t("map.year"),
        year_options,
        value=ui.query_value("year", year_options, "all"),
        format_func={"all": ui.t("map.all_years"), **{y: y for y in year_options[1:]}}.get,
        key="map-year",
    )
    c4.caption(ui.t("map.years_note"))
    cost_range = c5.slider(
        ui.t("map.cost_range"),
        0.0,
        max_cost,
        value=ui.query_range("cost", 0.0, max_cost),
        step=100.0,
        key="map-cost",
    )
    include_no_cost = c5.toggle(
        ui.t("map.include_no_cost"), value=st.query_params.get("nocost", "1") != "0", key="map-nocost"
    )
ui.set_query(
    sector=chosen_sectors,
    mdir=chosen_directions,
    prec=chosen_precisions,
    year=None if year == "all" else year,
    cost=None if cost_range == (0.0, max_cost) else f"{cost_range[0]:g}-{cost_range[1]:g}",
    nocost=None if include_no_cost else "0",
)
chosen = geo.ProjectFilter(
    sectors=tuple(chosen_sectors),
    directions=tuple(chosen_directions),
    year=None if year == "all" else int(year),
    cost_range=None if cost_range == (0.0, max_cost) else cost_range,
    include_no_cost=include_no_cost,
    precisions=tuple(chosen_precisions),
)
shown = geo.filter_projects(projects, chosen)

# ── the map and the chosen project's detail ──
c1, c2 = st.columns([2, 1])
view = (
    c1.segmented_control(
        ui.t("map.view"),
        ["city", "region"],
        default=ui.query_value("view", ["city", "region"], "city"),
        format_func={v: ui.t(f"map.view_{v}") for v in ("city", "region")}.get,
        key="map-view",
    )
    or "city"
)
basemap = c2.toggle(ui.t("map.basemap"), value=st.query_params.get("basemap") == "1", key="map-basemap")
ui.set_query(view=None if view == "city" else view, basemap="1" if basemap else None)
st.caption(ui.t("map.count", shown=len(shown), n=len(projects)) + " · " + ui.t("map.offline"))

map_column, detail_column = st.columns([3, 2], gap="medium")
with map_column:
    project_id = ui.project_map(shown, view, basemap)
    ui.sector_legend(shown)
with detail_column:
    ui.project_detail(shown, project_id)

# ── the filtered projects as a table ──
st.subheader(ui.t("map.table"))
if shown.empty:
    st.info(ui.t("map.nothing"))
else:
    frame = tables.projects_table(plan, lang, projects=shown)
    ui.table(frame, key="map-table")
    ui.downloads(frame, "zhezkazgan-projects", key="map-table")

if ui.editor() is not None:
    ui.correct_point_form(projects)
