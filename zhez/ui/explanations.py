"""The Indicator page's section on what the responsible body reported: the approved value and explanation of
each period (to everyone), and the history of its versions — who entered, submitted and reviewed what, when,
with the reviewer's comment. A viewer reads the versions that were approved; a signed-in person every
version and the log of every change. Its widget keys start with ``expl-``."""

from __future__ import annotations

import streamlit as st

from zhez import cycle_tables, tables
from zhez.cycle import Period
from zhez.i18n import unit_for
from zhez.markdown import escape
from zhez.ui import session
from zhez.ui.language import lang, number, t, time_zone, when
from zhez.ui.loaders import plan, reports, store
from zhez.ui.render import table


def section(indicator_id: str) -> None:
    """The approved explanation of each period, then the history (in an expander)."""
    st.subheader(t("explain.title"))
    held = reports()
    unit = tables.unit_in_sentence(plan(), plan().indicator(indicator_id), lang())
    approved = cycle_tables.in_force(held, indicator_id)
    if not approved:
        st.write(t("explain.none"))
    for version in approved:
        value = version["value"]
        shown = (
            f"{number(value)} {unit_for(value, unit, lang())}".strip()
            if value == value and value is not None
            else t("record.no_data")
        )
        with st.container(border=True):
            st.markdown(f"**{Period.parse(version['period']).label(lang())}: {shown}**")
            for heading, text in cycle_tables.explanation_lines(version, lang()):
                st.markdown(f"**{heading}:** {escape(text)}")
            st.caption(
                t("explain.approved_by", who=escape(version["reviewed_by"]), when=when(version["reviewed_at"]))
                + " · "
                + t("explain.reported_by", who=escape(version["submitted_by"] or version["created_by"]))
            )
    signed_in = session.person() is not None
    with st.expander(t("explain.history"), icon=":material/history:"):
        versions = cycle_tables.history_table(held, indicator_id, lang(), time_zone(), everything=signed_in)
        if versions.empty:
            st.write(t("explain.no_history" if signed_in else "explain.none"))  # a viewer sees approved ones only
        else:
            table(versions)
        if not signed_in:
            st.caption(t("explain.viewers_see_approved"))
            return
        log = store().history(entity="submission", key_prefix=f"indicator:{indicator_id}:")
        if not log.empty:
            st.markdown(f"**{t('explain.log')}**")
            table(tables.cycle_log(plan(), log, lang(), time_zone()))
