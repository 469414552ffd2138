"""The Project map screen: its filters (kept in the link through ``geo.ProjectFilter``), the deck with
the project chosen on it or in the list, the chosen project's detail, the sector legend, and the form
where editors correct a project's point. Its widget and session keys start with ``map-``; its look is
in ``map.css``."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from zhez import execution_tables, geo, i18n, rollups, tables
from zhez.auth import Person
from zhez.markdown import escape
from zhez.numbers import Reading
from zhez.plan import PRECISIONS, STAGES, YEARS
from zhez.store import Correction, StoreError
from zhez.ui import link
from zhez.ui.language import lang, money, name, number, t, when
from zhez.ui.loaders import assessment, execution_reports, plan, project_corrections, revision, store
from zhez.ui.render import status_badge, stylesheet
from zhez.ui.signin import editor
from zhez.ui.widgets import indicator_link, number_field

PROJECT_KEY = "map-project"
LAST_PICK_KEY = "map-last-pick"
POINT_SAVED_KEY = "map-point-saved"
ALL_YEARS = "all"


# deck.gl puts a point's tooltip below and right of the pointer, whatever room there is: near the map's right or
# bottom edge the map's frame cut it off. Each time deck.gl moves a tooltip, this shifts it (CSS ``translate``,
# which adds to deck.gl's ``transform``) to the pointer's other side where it would run out, and keeps it inside.
# Registered once per browser tab; a tooltip the script misses is only where deck.gl put it.
TOOLTIP_INSIDE = """<script>
(() => {
  if (window.zhezDeckTooltips) return;
  window.zhezDeckTooltips = true;
  const MARGIN = 6, GAP = 14;
  const place = (tip) => {
    const frame = tip.parentElement;
    const at = /translate\\(([-\\d.e]+)px,\\s*([-\\d.e]+)px\\)/.exec(tip.style.transform);
    if (!frame || !at || tip.style.display === "none") return;
    const x = Number(at[1]), y = Number(at[2]);
    const width = frame.clientWidth, height = frame.clientHeight, w = tip.offsetWidth, h = tip.offsetHeight;
    let left = x + GAP, top = y + GAP;
    if (left + w > width - MARGIN) left = x - GAP - w;
    if (top + h > height - MARGIN) top = y - GAP - h;
    left = Math.max(MARGIN, Math.min(left, width - w - MARGIN));
    top = Math.max(MARGIN, Math.min(top, height - h - MARGIN));
    const shift = `${Math.round(left - x)}px ${Math.round(top - y)}px`;
    if (tip.style.translate !== shift) tip.style.translate = shift;
  };
  new MutationObserver((changes) => {
    for (const change of changes)
      if (change.target.classList && change.target.classList.contains("deck-tooltip")) place(change.target);
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ["style"]});
})();
</script>"""


def projects_on_map() -> pd.DataFrame:
    """Every project at the point in force, with where it stands by its approved reports."""
    located = geo.located_projects(plan(), project_corrections())
    return geo.with_execution(located, rollups.project_table(plan(), execution_reports()))


def project_filter(projects: pd.DataFrame) -> geo.ProjectFilter:
    """The filters, starting from the link's, and the filter they make (written back into the link)."""
    sectors = geo.sectors_in(projects)
    direction_names = {**tables.direction_names(plan(), lang()), geo.NO_DIRECTION: t("map.no_direction")}
    direction_ids = list(direction_names)
    max_cost = float(projects["cost_mln_kzt"].max())
    linked = geo.ProjectFilter.from_query(link.query(), sectors, direction_ids, max_cost)
    with st.expander(t("map.filters"), expanded=True):
        c1, c2, c3 = st.columns(3)
        sector_names = {s: t(f"sector.{s}") for s in sectors}
        chosen_sectors = _pick(c1, t("map.sector"), sector_names, linked.sectors, key="map-sector")
        chosen_directions = _pick(c2, t("filter.direction"), direction_names, linked.directions, key="map-direction")
        precision_names = {p: t(f"precision.{p}") for p in PRECISIONS}
        chosen_precisions = _pick(c3, t("col.precision"), precision_names, linked.precisions, key="map-precision")
        c4, c5, c6 = st.columns(3)
        stage_names = {s: t(f"stage.{s}") for s in STAGES}
        chosen_stages = _pick(c6, t("col.stage"), stage_names, linked.stages, key="map-stage")
        year_options = [ALL_YEARS, *(str(y) for y in YEARS)]
        year = c4.select_slider(
            t("map.year"),
            year_options,
            value=ALL_YEARS if linked.year is None else str(linked.year),
            format_func={ALL_YEARS: t("map.all_years"), **{y: y for y in year_options[1:]}}.__getitem__,
            key="map-year",
        )
        c4.caption(t("map.years_note"))
        # stops a round step apart, written the reader's way (``24 100``), never a float's ``24100.00``
        stops = geo.cost_steps(max_cost)
        low, high = linked.cost_range or (stops[0], stops[-1])
        cost_range = c5.select_slider(
            t("map.cost_range"),
            stops,
            value=(geo.snap_cost(low, stops), geo.snap_cost(high, stops)),
            format_func=functools.partial(_number_in, lang()),  # bound to the language now, not when called
            key="map-cost",
        )
        cost_range = (float(cost_range[0]), float(cost_range[1]))
        include_no_cost = c5.toggle(t("map.include_no_cost"), value=linked.include_no_cost, key="map-nocost")
        c7, c8 = st.columns(2)
        status_names = {s: t(f"exec.status.{s}") for s in rollups.STATUS_ORDER}
        chosen_statuses = _pick(c7, t("exec.map.status_filter"), status_names, linked.statuses, key="map-status")
        late_only = c8.toggle(t("exec.map.late_only"), value=linked.late_only, key="map-late")
    chosen = geo.ProjectFilter(
        sectors=chosen_sectors,
        directions=chosen_directions,
        year=None if year == ALL_YEARS else int(year),
        cost_range=None if cost_range == (stops[0], stops[-1]) else cost_range,
        include_no_cost=include_no_cost,
        precisions=chosen_precisions,
        statuses=chosen_statuses,
        late_only=late_only,
        stages=chosen_stages,
    )
    link.put(**chosen.to_query())
    return chosen


def _number_in(lang: str, value: float) -> str:
    """``i18n.number`` with the language first, to bind it (a widget's ``format_func`` may be called outside the run)."""
    return i18n.number(value, lang)


def _pick(container: Any, label: str, names: Mapping[str, str], chosen: Sequence[str], key: str) -> tuple[str, ...]:
    """A multiselect of a filter (nothing chosen: everything), starting from what the link chose."""
    picked = container.multiselect(
        label,
        list(names),
        default=list(chosen),
        format_func=names.__getitem__,
        placeholder=t("common.all"),
        key=key,
        select_all=False,
    )
    return tuple(picked)


@st.cache_resource(show_spinner=False, max_entries=32)
def _deck_at(
    revision: int, lang: str, shown_ids: tuple[str, ...], view: str, basemap: bool, chosen: str | None, colour_by: str
) -> geo.CompactDeck:
    """The map of these projects, kept while the data stands (drawing thousands of points costs)."""
    projects = projects_on_map()
    shown = projects[projects["id"].isin(set(shown_ids))]
    return geo.deck(plan(), shown, lang, view=view, basemap=basemap, selected=chosen, colour_by=colour_by)


def project_map(shown: pd.DataFrame, view: str, basemap: bool, colour_by: str = "sector") -> str | None:
    """The deck with the shown projects; returns the project chosen on the map or in the list."""
    chosen = st.session_state.get(PROJECT_KEY) or link.value("project")
    if chosen not in set(shown["id"]):
        chosen = None
    deck = _deck_at(revision(), lang(), tuple(shown["id"]), view, basemap, chosen, colour_by)
    st.html(TOOLTIP_INSIDE, unsafe_allow_javascript=True, width="content")
    event = st.pydeck_chart(
        deck,
        height=int(geo.PAGE_FRAME[1]),  # the height its names are laid out in
        on_select="rerun",
        selection_mode="single-object",
        key="map-deck",
        alt=t("map.alt", n=len(shown)),
    )
    if view == "city":  # the regional view writes no numbers
        st.caption(t("map.numbers_legend"))
    picked = geo.selected_project(getattr(event, "selection", None))
    if picked and picked != st.session_state.get(LAST_PICK_KEY):
        # a click on the map wins over the list until the next click
        st.session_state[LAST_PICK_KEY] = picked
        st.session_state[PROJECT_KEY] = picked
        link.put(project=picked)
        st.rerun()
    return chosen


def sector_legend(shown: pd.DataFrame, colour_by: str = "sector") -> None:
    """Sector (or execution status) colours with their names and counts, and the mark of a late project;
    sizes explained in the page's intro."""
    items = geo.legend(shown, lang(), colour_by)
    if shown["late"].any():
        st.caption(t("exec.map.late_legend"))
    if not items:
        return
    stylesheet("map")
    swatches = " ".join(
        f"<span class='zhez-legend-item'><span class='zhez-swatch' style='background:{color}'></span>{label} ({count})</span>"
        for label, color, count in items
    )
    title = t("exec.map.status_filter") if colour_by == "status" else t("map.legend")
    st.markdown(f"**{title}:** {swatches}", unsafe_allow_html=True)
    st.caption(t("map.completed_legend", mark=geo.COMPLETED_MARK))


def project_detail(shown: pd.DataFrame, chosen: str | None) -> None:
    """The chosen project as the plan describes it, with its linked indicators and their status."""
    options = ["", *shown["id"]]
    if st.session_state.get(PROJECT_KEY) not in options:
        st.session_state[PROJECT_KEY] = chosen if chosen in options else ""
    numbered = geo.numbered_names(shown, lang())
    project_id = st.selectbox(
        t("map.pick"),
        options,
        format_func={**numbered, "": t("map.none_selected")}.__getitem__,
        key=PROJECT_KEY,
        help=t("map.pick_help"),
    )
    link.put(project=project_id or None)
    if not project_id:
        st.caption(t("map.pick_help"))
        return
    row = shown[shown["id"] == project_id].iloc[0]
    st.subheader(numbered[project_id])
    if lang() != "kk":
        st.caption("ℹ " + t("map.translated"))
    has_cost = not pd.isna(row["cost_mln_kzt"])
    capacity = row[i18n.translated_column("capacity", lang())]
    facts = [
        (t("col.sector"), t(f"sector.{row['sector']}")),
        (t("col.direction"), tables.direction_names(plan(), lang()).get(row["direction_id"], t("map.no_direction"))),
        (t("col.years"), tables.years_text(row["start_year"], row["end_year"], lang())),
        (t("col.cost"), number(row["cost_mln_kzt"]) if has_cost else t("map.no_cost")),
        (t("col.capacity"), capacity if isinstance(capacity, str) and capacity else "—"),
        (t("col.stage"), t(f"stage.{row['stage']}")),
        (t("col.precision"), geo.precision_text(row, tables.place_names(plan(), lang()), lang())),
    ]
    st.markdown("\n".join(f"- **{k}:** {v}" for k, v in facts))
    if row["corrected_by"]:
        st.caption(t("map.corrected", who=escape(row["corrected_by"]), when=when(row["corrected_at"])))
    execution_detail(project_id)
    st.markdown(f"**{t('map.quote')}**")
    st.markdown(f"> {row['source_quote']}")
    st.markdown(f"**{t('map.linked')}**")
    linked = [i for i in str(row["indicator_ids"] or "").split(";") if i]
    if not linked:
        st.caption(t("map.no_linked"))
        return
    st.caption(t(f"map.basis.{row['link_basis']}"))
    statuses = assessment().set_index("indicator_id")["status"]
    for indicator_id in linked:
        indicator = plan().indicator(indicator_id)
        label = f"{indicator['code'] or '—'} {name(indicator)}"
        st.markdown(f"{status_badge(statuses[indicator_id])} {escape(label)}", unsafe_allow_html=True)
        indicator_link(indicator_id, t("map.open_indicator"))


def execution_detail(project_id: str) -> None:
    """Where the project stands by its approved reports, and every approved change of status: who, when."""
    st.markdown(f"**{t('exec.map.section')}**")
    projects = rollups.project_table(plan(), execution_reports())
    state = projects[projects["project_id"] == project_id].to_dict("records")[0]
    if not state["reported"]:
        st.caption(t("exec.map.no_report"))
        return
    completion = rollups.pct_text(state["completion_pct"], lang()) if pd.notna(state["completion_pct"]) else "—"
    status = execution_tables.status_text(str(state["status"]), lang())
    lines = [t("exec.map.status_line", status=status, completion=completion, as_of=str(state["as_of"]))]
    if state["delayed"]:
        lines.append("**! " + rollups.delay_text(state, lang()) + "**")
    cost = money(state["cost_mln_kzt"]) if pd.notna(state["cost_mln_kzt"]) else t("map.no_cost")
    lines.append(t("exec.map.spent_line", spent=money(state["spent_total_mln_kzt"]), cost=cost))
    if state["over_cost"]:
        lines.append(t("exec.map.over_cost", reason=state["over_cost_reason"]))
    st.markdown("\n".join(f"- {line}" for line in lines))
    history = rollups.status_history(store().reports("project", subject_id=project_id))
    st.markdown(f"**{t('exec.map.history')}**")
    st.markdown("\n".join(f"- {line}" for line in execution_tables.history_lines(history, lang())))


def correct_point_form(projects: pd.DataFrame) -> None:
    """Editors place a project where it really is; the plan's point stays as published. Latitude and
    longitude are typed the reader's way (``47,78`` or ``47.78``) and read back under their fields, so
    the fields stand outside a form (a form would hold the read-back until the point is saved)."""
    who = editor()
    if who is None:
        return
    with st.expander(t("map.correct"), icon=":material/edit_location_alt:"):
        st.caption(t("map.correct_help"))
        numbered = geo.numbered_names(projects, lang())
        project_id = st.selectbox(
            t("map.pick"), list(projects["id"]), format_func=numbered.__getitem__, key="map-fix-project"
        )
        current = projects[projects["id"] == project_id].iloc[0]
        c1, c2 = st.columns(2)
        # keyed by project so the fields start from the chosen project's point in force, all its decimals
        lat = number_field(
            t("map.lat"), f"map-fix-lat-{project_id}", float(current["lat"]), container=c1, max_decimals=6
        )
        lon = number_field(
            t("map.lon"), f"map-fix-lon-{project_id}", float(current["lon"]), container=c2, max_decimals=6
        )
        precision = str(
            st.selectbox(
                t("col.precision"),
                PRECISIONS,
                index=PRECISIONS.index(current["precision"]),
                format_func={p: t(f"precision.{p}") for p in PRECISIONS}.__getitem__,
                key=f"map-fix-precision-{project_id}",
            )
        )
        note = st.text_input(t("map.note"), key=f"map-fix-note-{project_id}")
        if st.button(t("map.save_point"), type="primary", key="map-fix-save"):
            _save_point(who, Correction(project_id, _coordinate(lat), _coordinate(lon), precision, note))
        if st.session_state.pop(POINT_SAVED_KEY, None):
            st.success(t("map.saved_point"))


def _coordinate(reading: Reading) -> float:
    """A typed coordinate, or NaN when it could not be read (the store refuses it, saying why)."""
    return reading.value if reading.ok and reading.value is not None else math.nan


def _save_point(who: Person, correction: Correction) -> None:
    try:
        store().correct_point(plan(), who, correction)
    except StoreError as error:
        problems = error.text(lang())
        if "coordinates" in error.keys:
            problems += " — " + t("map.problem.coordinates")
        st.error(t("map.bad_point", problems=escape(problems)))
        return
    st.session_state[POINT_SAVED_KEY] = correction.project_id
    st.rerun()  # the map above is drawn again with the corrected point
