"""Method: the rating rule in plain words, the national SDG platform's reading beside it, and worked examples
computed from the plan, each with its calculation step by step."""

import streamlit as st

from zhez import opensdg, tables, ui
from zhez.progress import WORST_FIRST

ui.run_inside_app()

plan = ui.plan()
lang = ui.lang()
assessment = ui.assessment().set_index("indicator_id")

st.title(ui.t("method.title"))
st.write(ui.t("method.intro"))
st.markdown(ui.t("method.lens1"))
st.markdown(ui.t("method.lens2"))

st.subheader(ui.t("method.thresholds"))
ui.status_thresholds([ui.t(f"method.threshold_{s}") for s in WORST_FIRST])
st.caption(ui.t("method.sources"))
st.write(ui.t("method.chart_grammar"))

# the national SDG platform's reading, beside ours (issue 22 §3)
st.subheader(ui.t("opensdg.method_title"))
st.write(ui.t("opensdg.method_intro"))
st.markdown(ui.t("opensdg.method_formula"))
st.markdown("\n".join(f"- **{ui.t(f'opensdg.status_{s}')}**: {ui.t(f'opensdg.band_{s}')}" for s in opensdg.STATUSES))
st.caption(ui.t("opensdg.method_differs"))

st.subheader(ui.t("method.examples"))
st.caption(ui.t("method.example_intro"))
for indicator_id in plan.choices_for("method", "worked_example"):  # the plan's own reviewed choice
    row = plan.indicator(indicator_id)
    with st.container(border=True):
        st.markdown(f"**{row['code']} {ui.name(row)}** — {ui.t('desired.' + row['desired'])}")
        ui.status_line(assessment.loc[indicator_id], tables.unit_in_sentence(plan, row, lang))
        ui.calculation(indicator_id, assessment.loc[indicator_id])  # every step, to redo by hand
        ui.indicator_link(indicator_id, ui.t("method.open_indicator"))
