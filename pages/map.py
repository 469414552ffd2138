"""Project map: where the plan's money goes, filterable, readable without internet."""

import streamlit as st

from zhez import geo, tables, ui
from zhez.ui import map as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
projects = screen.projects_on_map()

st.title(ui.t("map.title"))
st.caption(ui.t("map.intro"))

# ── filters, kept in the link ──
shown = geo.filter_projects(projects, screen.project_filter(projects))

# ── the map and the chosen project's detail ──
c1, c2 = st.columns([2, 1])
views = {v: ui.t(f"map.view_{v}") for v in ("city", "region")}
view = ui.segmented(ui.t("map.view"), list(views), "view", "city", views.get, key="map-view", container=c1)
basemap = ui.toggle(ui.t("map.basemap"), "basemap", False, key="map-basemap", container=c2)
colours = {c: ui.t(f"exec.map.colour_{c}") for c in geo.COLOUR_BY}
colour_by = ui.segmented(ui.t("exec.map.colour_by"), list(colours), "colour", "sector", colours.get, key="map-colour")
st.caption(ui.t("map.count", shown=len(shown), n=len(projects)) + " · " + ui.t("map.offline"))

map_column, detail_column = st.columns([3, 2], gap="medium")
with map_column:
    project_id = screen.project_map(shown, view, basemap, colour_by)
    screen.sector_legend(shown, colour_by)
with detail_column:
    screen.project_detail(shown, project_id)

# ── the filtered projects as a table ──
st.subheader(ui.t("map.table"))
if shown.empty:
    st.info(ui.t("map.nothing"))
else:
    frame = tables.projects_table(plan, lang, projects=shown)
    ui.table(frame, key="map-table")
    ui.table_downloads(frame, "zhezkazgan-projects", key="map-table")

if ui.editor() is not None:
    screen.correct_point_form(projects)
