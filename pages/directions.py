"""Directions: for one direction, its scorecard and every indicator's trajectory, worst first."""

import streamlit as st

from zhez import tables, ui
from zhez.progress import STATUSES, WORST_FIRST
from zhez.summary import direction_financing, financing_by_year

ui.page_start()

plan = ui.plan()
lang = ui.lang()

directions = list(plan.directions["id"])
names = tables.direction_names(plan, lang)
st.title(ui.t("directions.title"))
direction = ui.select(ui.t("filter.direction"), directions, "dir", directions[0], names.get, key="dir-direction")

# ── scorecard (the whole direction, before any filter) ──
in_direction = ui.progress_rows(lang, direction)
ui.scorecard(
    in_direction["status"].value_counts().to_dict(),
    direction_financing(plan, direction),
    financing_by_year(plan, direction),
)
ui.translation_note()

# ── filters, kept in the link ──
goal_ids = [g for g in plan.goals[plan.goals["direction_id"] == direction]["id"]]
goal_options = [tables.GOAL_HEADLINE, *goal_ids]
goal_names = {**tables.goal_names(plan, lang), tables.GOAL_HEADLINE: ui.t("col.headline")}
bodies = sorted(
    b for b in plan.indicators[plan.indicators["direction_id"] == direction]["responsible_body"].unique() if b
)
body_names = ui.body_names()
with st.expander(ui.t("directions.filters"), expanded=bool({"goal", "status", "resp", "q"} & set(st.query_params))):
    c1, c2 = st.columns(2)
    goals = c1.multiselect(
        ui.t("filter.goal"),
        goal_options,
        default=ui.query_list("goal", goal_options),
        format_func=goal_names.get,
        placeholder=ui.t("common.all"),
        key="dir-goal",
    )
    statuses = c2.multiselect(
        ui.t("filter.status"),
        WORST_FIRST,
        default=ui.query_list("status", STATUSES),
        format_func=lambda s: ui.status_text(s),
        placeholder=ui.t("common.all"),
        key="dir-status",
    )
    c3, c4 = st.columns(2)
    chosen_bodies = c3.multiselect(
        ui.t("filter.responsible"),
        bodies,
        default=ui.query_list("resp", bodies),
        format_func=lambda b: f"{b} — {body_names.get(b, '')}",
        placeholder=ui.t("common.all"),
        key="dir-resp",
    )
    search = c4.text_input(ui.t("common.search"), value=st.query_params.get("q", ""), key="dir-q")
ui.set_query(goal=goals, status=statuses, resp=chosen_bodies, q=search)

rows = ui.progress_rows(lang, direction, goals, statuses, chosen_bodies, search)
if rows.empty:
    st.info(ui.t("directions.nothing"))
    st.stop()

# ── small multiples, worst first, a page at a time ──
page_rows, page_number, pages = ui.paginate(rows, per_page=18, param="p", key="dir-page")
title = ui.t("directions.grid_title", shown=len(page_rows), total=len(rows), page=page_number, pages=pages)
ui.chart(ui.trajectory_grid(page_rows, title, columns=3), key="dir-grid")

# ── the list: pick a row to open the indicator ──
st.subheader(ui.t("directions.list_title"))
st.caption(ui.t("directions.list_hint"))
picked = ui.pick_row(tables.progress_display(rows, lang), key="dir-list")
if picked is not None:
    st.switch_page("pages/indicator.py", query_params={"ind": rows.iloc[picked]["indicator_id"], "lang": lang})
