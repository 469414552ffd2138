"""The My tasks screen (an editor's first screen after signing in): what they still owe in the open rounds,
returned versions first with the coordinator's comment, each one click from its entry form. Its widget
keys start with ``tasks-``."""

from __future__ import annotations

import streamlit as st

from zhez import cycle, cycle_tables
from zhez.auth import Person
from zhez.markdown import escape
from zhez.ui.language import lang, t, today
from zhez.ui.loaders import approved_actuals, plan, reports, rounds
from zhez.ui.signin import role_text

RECORD_PAGE = "pages/record.py"
TASK_ICONS = {"returned": ":material/undo:", "missing_value": ":material/edit:", "missing_explanation": ":material/help:",
              "draft": ":material/draft:"}  # fmt: skip


def intro(person: Person) -> None:
    st.caption(t("tasks.intro", who=escape(role_text(person))))


def open_rounds_line() -> bool:
    """The open rounds with their due dates; False (and says so) when none is open."""
    held = rounds()
    open_rounds = held[held["state"] == "open"]
    if open_rounds.empty:
        st.info(t("tasks.no_round"), icon=":material/event_busy:")
        return False
    for period, due in zip(open_rounds["period"], open_rounds["due"], strict=True):
        label = cycle.Period.parse(period).label(lang())
        st.caption(
            f"{t('tasks.round', period=label)} · {cycle_tables.due_text(cycle_tables.cycle_date(due), today(), lang())}"
        )
    return True


def task_list(person: Person) -> None:
    """Every task of ``person``, returned ones first, each with a link to its entry form."""
    tasks = cycle.my_tasks(plan(), person, rounds(), reports(), approved_actuals(), today())
    if tasks.empty:
        st.success(t("tasks.all_done"), icon=":material/task_alt:")
        return
    counts = cycle_tables.task_counts(tasks)
    st.markdown(" · ".join(f"**{t(f'tasks.count.{k}', n=n)}**" for k, n in counts.items() if n))
    for item in cycle_tables.tasks_list(plan(), tasks, lang()):
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"**{escape(item['code'])} {escape(item['name'])}** · {item['period_label']}")
            left.markdown(f"{'⚠ ' if item['task'] == 'returned' else ''}{item['task_text']}")
            if item["comment"]:
                left.markdown(f"> {t('tasks.comment')}: {escape(item['comment'])}")
            with right:
                st.page_link(
                    RECORD_PAGE,
                    label=t("tasks.open_form"),
                    icon=TASK_ICONS[item["task"]],
                    query_params={"ind": item["subject_id"], "period": item["period"], "lang": lang()},
                )


def coordinator_note() -> None:
    """A coordinator reviews rather than reports: where their work is."""
    st.info(t("tasks.coordinator"), icon=":material/approval:")
    st.page_link("pages/review.py", label=t("page.review"), icon=":material/approval:", query_params={"lang": lang()})
    st.page_link("pages/board.py", label=t("page.board"), icon=":material/grading:", query_params={"lang": lang()})
