"""Meeting mode: one slide per direction, large type, the slide in the link; the brief to hand out."""

import streamlit as st

from zhez import charts, export, tables, ui
from zhez.markdown import escape
from zhez.summary import directions_overview, finding_counts, worst_findings
from zhez.ui import meeting as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
names = tables.direction_names(plan, lang)
slides = ["agenda", *plan.directions["id"], "execution", "closing"]
number = screen.slide_number(len(slides))
slide = slides[number - 1]

contrast = ui.toggle(ui.t("meeting.contrast"), "hc", False, key="mt-contrast")
screen.meeting_style(contrast)
titles = [ui.t("meeting.agenda"), *(names[d] for d in slides[1:-2]), ui.t("page.execution"), ui.t("meeting.closing")]
screen.slide_navigation(titles, number)

# ── the slide ──
if slide == "agenda":
    st.title(ui.t("meeting.agenda"))
    overview = directions_overview(plan, ui.assessment())
    overview["direction"] = [names[d] for d in overview["direction_id"]]
    screen.agenda_table(overview)
    ui.chart(charts.financing_by_year(plan.financing, lang), key="mt-financing", size=1.6, contrast=contrast)
elif slide == "execution":
    screen.execution_slide()
elif slide == "closing":
    findings = ui.audit_findings()
    st.title(ui.t("meeting.closing"))
    st.markdown(ui.t("meeting.findings_count", n=len(findings), errors=finding_counts(findings)["error"]))
    st.markdown("\n".join(f"- ✖ {escape(m)}" for m in worst_findings(findings, lang, limit=8)))
else:
    st.title(names[slide])
    rows = ui.progress_rows(lang, slide)
    ui.scorecard(rows, slide)
    ui.execution_line(slide)
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
        projects = screen.projects_with_execution()
        mine = projects[projects["direction_id"] == slide]
        if mine.empty:
            st.write(ui.t("meeting.no_projects"))
        else:
            screen.static_map(mine, key="mt-map")
        st.subheader(ui.t("meeting.financing"))
        if slide in set(plan.financing["direction_id"]):
            ui.chart(
                export.direction_financing_chart(plan, slide, lang), key="mt-dir-financing", size=1.4, contrast=contrast
            )
        else:
            st.write(ui.t("meeting.no_financing"))

# ── to hand out afterwards ──
with st.expander(ui.t("meeting.downloads"), icon=":material/download:"):
    screen.export_downloads(None if slide in ("agenda", "execution", "closing") else slide)
