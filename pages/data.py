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

indicators, values, financing, projects = st.tabs(
    [ui.t("data.tab_indicators"), ui.t("data.tab_values"), ui.t("data.tab_financing"), ui.t("data.tab_projects")]
)
with indicators:
    frame = tables.indicators_table(plan, lang, chosen, search)
    ui.table(frame, key="ind")
    ui.table_downloads(frame, "indicators", key="ind", sheet=ui.t("export.sheet_indicators"))
with values:
    frame = tables.values_table(plan, lang, chosen, search)
    ui.table(frame, key="val")
    ui.table_downloads(frame, "values", key="val", sheet=ui.t("export.sheet_values"))
with financing:
    frame = tables.financing_table(plan, lang, chosen)
    ui.table(frame, key="fin")
    ui.table_downloads(frame, "financing", key="fin", sheet=ui.t("export.sheet_financing"))
with projects:
    frame = tables.projects_table(plan, lang, chosen, search)
    ui.table(frame, key="prj")
    ui.table_downloads(frame, "projects", key="prj", sheet=ui.t("export.sheet_projects"))
