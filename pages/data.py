"""Data: the indicators, their values and the financing as published, filterable and downloadable."""

import streamlit as st

from zhez import tables, ui

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()

st.title(ui.t("data.title"))
st.caption(ui.t("data.caption"))
ui.translation_note()

names = tables.direction_names(plan, lang)
c1, c2 = st.columns([2, 3])
chosen = ui.multiselect(ui.t("filter.direction"), list(names), "dir", names.get, key="data-dir", container=c1)
search = ui.search(ui.t("common.search"), "q", key="data-q", container=c2)

# Only the open tab's table is made and sent (a tab switch reruns): four styled tables took most of the run.
indicators, values, financing, projects = st.tabs(
    [ui.t("data.tab_indicators"), ui.t("data.tab_values"), ui.t("data.tab_financing"), ui.t("data.tab_projects")],
    key="data-tab",
    on_change="rerun",
)
if indicators.open:
    with indicators:
        frame = tables.indicators_table(plan, lang, chosen, search)
        ui.table(frame, key="ind")
        ui.table_downloads(frame, "indicators", key="ind", sheet=ui.t("export.sheet_indicators"))
if values.open:
    with values:
        frame = tables.values_table(plan, lang, chosen, search)
        ui.table(frame, key="val")
        ui.table_downloads(frame, "values", key="val", sheet=ui.t("export.sheet_values"))
if financing.open:
    with financing:
        frame = tables.financing_table(plan, lang, chosen)
        ui.table(frame, key="fin")
        ui.table_downloads(frame, "financing", key="fin", sheet=ui.t("export.sheet_financing"))
if projects.open:
    with projects:
        frame = tables.projects_table(plan, lang, chosen, search)
        ui.table(frame, key="prj")
        ui.table_downloads(frame, "projects", key="prj", sheet=ui.t("export.sheet_projects"))
