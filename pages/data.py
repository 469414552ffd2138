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
tabs = st.tabs(
    [ui.t("data.tab_indicators"), ui.t("data.tab_values"), ui.t("data.tab_financing"), ui.t("data.tab_projects")],
    key="data-tab",
    on_change="rerun",
)
made = [  # each tab's table, its file name, widget key and sheet name
    (lambda: tables.indicators_table(plan, lang, chosen, search), "indicators", "ind", "export.sheet_indicators"),
    (lambda: tables.values_table(plan, lang, chosen, search), "values", "val", "export.sheet_values"),
    (lambda: tables.financing_table(plan, lang, chosen), "financing", "fin", "export.sheet_financing"),
    (lambda: tables.projects_table(plan, lang, chosen, search), "projects", "prj", "export.sheet_projects"),
]
for tab, (make, stem, key, sheet) in zip(tabs, made, strict=True):
    if tab.open:
        with tab:
            frame = make()
            ui.table(frame, key=key)
            ui.table_downloads(frame, stem, key=key, sheet=ui.t(sheet))
