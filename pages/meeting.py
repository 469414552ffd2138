"""Meeting mode: one slide per direction and one for the execution of projects and money, large type, the slide
in the link, run from the keyboard; the brief."""

import streamlit as st

from zhez import tables, ui
from zhez.markdown import escape
from zhez.summary import finding_counts, furthest_behind, worst_findings
from zhez.ui import meeting as screen

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
names = tables.direction_names(plan, lang)
slides = ["agenda", *plan.directions["id"], "execution", "closing"]
number = screen.slide_number(len(slides))
slide = slides[number - 1]
titles = [ui.t("meeting.agenda"), *(names[d] for d in slides[1:-2]), ui.t("page.execution"), ui.t("meeting.closing")]
direction = slide if slide in names else None
contrast = screen.toolbar(titles, number, exit_page="pages/overview.py", direction_id=direction)
screen.meeting_style(contrast)

# ── the slide ──
if slide == "agenda":
    st.title(ui.t("meeting.agenda"))
    ui.estimate_banner()
    ui.status_table(ui.status_overview(), links=False, money_column=True)
    financing = ui.financing_chart(legend="right", height=220)
    ui.chart(financing, key="mt-financing", size=screen.SIZE, contrast=contrast, downloads=False)
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
    ui.estimate_banner(rows)
    ui.scorecard(rows, slide)
    ui.execution_line(slide, link=False)
    left, right = st.columns(2, gap="large")
    with left:
        worst = furthest_behind(rows, limit=4)  # as the Overview: never an indicator on track called "worst"
        if worst.empty:
            st.subheader(ui.t("ux.overview.worst_none"))
        else:
            title = ui.t("ux.overview.worst_title", n=len(worst))
            grid = ui.trajectory_grid(worst, title, columns=2, panel_width=360, panel_height=130, size=screen.SIZE)
            ui.chart(grid, key="mt-grid", size=screen.SIZE, contrast=contrast, downloads=False)
        if len(rows) > len(worst):
            st.caption(ui.t("meeting.more", n=len(rows) - len(worst)))
    with right:
        st.subheader(ui.t("meeting.projects"))
        projects = screen.projects_with_execution()
        mine = projects[projects["direction_id"] == slide]
        if mine.empty:
            st.write(ui.t("meeting.no_projects"))
        else:
            screen.static_map(mine, key="mt-map", height=250)
        st.subheader(ui.t("meeting.financing"))
        screen.financing_or_sentence(slide, size=screen.SIZE, contrast=contrast, height=150)
