"""Directions: for one direction, its financing, its statuses (counted under the filters, chosen by a click)
and every indicator's trajectory, worst first."""

import streamlit as st

from zhez import tables, ui
from zhez.progress import WORST_FIRST

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()

directions = list(plan.directions["id"])
names = tables.direction_names(plan, lang)
st.title(ui.t("directions.title"))
direction = ui.select(ui.t("filter.direction"), directions, "dir", directions[0], names.get, key="dir-direction")
ui.direction_financing_line(direction)
ui.execution_line(direction)  # its projects and money as approved reports give them
ui.estimate_banner(ui.progress_rows(lang, direction))
ui.translation_note()

# ── filters, kept in the link ──
goals = tables.goal_options(plan, direction, lang)
bodies = tables.body_options(plan, direction, lang)
with ui.filters(ui.t("directions.filters"), ["goal", "resp", "q"]):
    c1, c2, c3 = st.columns(3)
    chosen_goals = ui.multiselect(ui.t("filter.goal"), list(goals), "goal", goals.get, key="dir-goal", container=c1)
    chosen_bodies = ui.multiselect(
        ui.t("filter.responsible"), list(bodies), "resp", bodies.get, key="dir-resp", container=c2
    )
    search = ui.search(ui.t("common.search"), "q", key="dir-q", container=c3)

# ── the statuses under those filters: each a button that chooses it ──
filtered = ui.progress_rows(lang, direction, chosen_goals, (), chosen_bodies, search)
counts = filtered["status"].value_counts()
statuses = ui.pills(
    ui.t("ux.directions.statuses"),
    WORST_FIRST,
    "status",
    lambda s: f"{ui.status_text(s)} · {int(counts.get(s, 0))}",
    key="dir-status",
)
rows = ui.progress_rows(lang, direction, chosen_goals, statuses, chosen_bodies, search)
if rows.empty:
    st.info(ui.t("directions.nothing"))
    st.stop()

# ── small multiples, worst first, a page at a time ──
page_rows, page_number, pages = ui.paginate(rows, per_page=18, param="p", key="dir-page")
title = ui.t("directions.grid_title", shown=len(page_rows), total=len(rows), page=page_number, pages=pages)
ui.chart(ui.trajectory_grid(page_rows, title, columns=3), key="dir-grid")

# ── the list: each indicator's name opens its page ──
st.subheader(ui.t("directions.list_title"))
st.caption(ui.t("directions.list_hint"))
listing = tables.progress_display(rows, lang)
ui.short_table(listing, links={ui.t("col.name"): [ui.indicator_href(i) for i in rows["indicator_id"]]})
