"""Meeting mode: one slide per direction, large type, the slide in the link; the brief to hand out."""

import streamlit as st

from zhez import charts, export, geo, tables, ui
from zhez.summary import directions_overview

ui.page_start()

plan = ui.plan()
lang = ui.lang()
assessment = ui.assessment()
names = tables.direction_names(plan, lang)
slides = ["agenda", *plan.directions["id"], "closing"]
number = ui.slide_number(len(slides))
slide = slides[number - 1]

contrast = st.toggle(ui.t("meeting.contrast"), value=st.query_params.get("hc") == "1", key="mt-contrast")
ui.set_query(hc="1" if contrast else None, slide=str(number))
ui.meeting_style(contrast)

# ── navigation: previous, where we are, next, jump ──
c1, c2, c3, c4 = st.columns([1, 2, 1, 2], vertical_alignment="center")
if c1.button(ui.t("meeting.previous"), icon=":material/arrow_back:", disabled=number == 1, key="mt-prev"):
    ui.go_to_slide(number - 1)
    st.rerun()
c2.markdown(f"**{ui.t('meeting.slide', n=number, total=len(slides))}**")
if c3.button(ui.t("meeting.next"), icon=":material/arrow_forward:", disabled=number == len(slides), key="mt-next"):
    ui.go_to_slide(number + 1)
    st.rerun()
titles = [ui.t("meeting.agenda"), *(names[d] for d in slides[1:-1]), ui.t("meeting.closing")]
jump = c4.selectbox(
    ui.t("meeting.jump"),
    list(range(1, len(slides) + 1)),
    index=number - 1,
    format_func={i: f"{i}. {title}" for i, title in enumerate(titles, start=1)}.get,
    key=f"mt-jump-{number}",  # a new widget per slide: it always starts at the slide shown
)
if jump != number:
    ui.go_to_slide(jump)
    st.rerun()

# ── the slide ──
if slide == "agenda":
    st.title(ui.t("meeting.agenda"))
    overview = directions_overview(plan, assessment)
    overview["direction"] = [names[d] for d in overview["direction_id"]]
    ui.agenda_table(overview)
    ui.chart(charts.financing_by_year(plan.financing, lang), key="mt-financing", size=1.6, contrast=contrast)
elif slide == "closing":
    findings = ui.audit_findings()
    st.title(ui.t("meeting.closing"))
    errors = findings[findings["severity"] == "error"]
    st.markdown(ui.t("meeting.findings_count", n=len(findings), errors=len(errors)))
    st.markdown("\n".join(f"- ✖ {m}" for m in errors[f"message_{lang}"].head(8)))
else:
    st.title(names[slide])
    rows = ui.progress_rows(lang, slide)
    ui.scorecard(rows["status"].value_counts().to_dict(), *ui.direction_money(slide))
    left, right = st.columns([3, 2], gap="large")
    with left:
        worst = rows.head(6)
        title = ui.t("meeting.worst_title", n=len(worst))
        grid = ui.trajectory_grid(worst, title, columns=2, panel_width=420, panel_height=150, size=1.7)
        ui.chart(grid, key="mt-grid", contrast=contrast)
        if len(rows) > len(worst):
            st.caption(ui.t("meeting.more", n=len(rows) - len(worst)))
    with right:
        st.subheader(ui.t("meeting.projects"))
        projects = geo.located_projects(plan, ui.project_corrections())
        mine = projects[projects["direction_id"] == slide]
        if mine.empty:
            st.write(ui.t("meeting.no_projects"))
        else:
            ui.static_map(mine, key="mt-map")
        st.subheader(ui.t("meeting.financing"))
        if slide in set(plan.financing["direction_id"]):
            ui.chart(
                export.direction_financing_chart(plan, slide, lang), key="mt-dir-financing", size=1.4, contrast=contrast
            )
        else:
            st.write(ui.t("meeting.no_financing"))

# ── to hand out afterwards ──
with st.expander(ui.t("meeting.downloads"), icon=":material/download:"):
    ui.export_downloads(None if slide in ("agenda", "closing") else slide)
