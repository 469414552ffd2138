"""Data: the indicators, their values and the financing as published, filterable and downloadable."""

import streamlit as st

from zhez import tables, ui

ui.page_start()

plan = ui.plan()
lang = ui.lang()

st.title(ui.t("data.title"))
st.caption(ui.t("data.caption"))
ui.translation_note()

directions = list(plan.directions["id"])
names = {d: ui.name(row) for d, row in plan.directions.set_index("id").iterrows()}
c1, c2 = st.columns([2, 3])
chosen = c1.multiselect(
    ui.t("filter.direction"),
    directions,
    default=ui.query_list("dir", directions),
    format_func=names.get,
    placeholder=ui.t("common.all"),
    key="data-dir",
)
search = c2.text_input(ui.t("common.search"), value=st.query_params.get("q", ""), key="data-q")
ui.set_query(dir=chosen, q=search)

indicators, values, financing, projects = st.tabs(
    [ui.t("data.tab_indicators"), ui.t("data.tab_values"), ui.t("data.tab_financing"), ui.t("data.tab_projects")]
)
with indicators:
    frame = tables.indicators_table(plan, lang, chosen, search)
    ui.table(frame, key="ind")
    ui.downloads(frame, "indicators", key="ind")
with values:
    frame = tables.values_table(plan, lang, chosen, search)
    ui.table(frame, key="val")
    ui.downloads(frame, "values", key="val")
with financing:
    frame = tables.financing_table(plan, lang, chosen)
    ui.table(frame, key="fin")
    ui.downloads(frame, "financing", key="fin")
with projects:
    frame = tables.projects_table(plan, lang, chosen, search)
    ui.table(frame, key="prj")
    ui.downloads(frame, "projects", key="prj")
