"""The completeness board (the coordinator; read-only for everyone): per responsible body, the indicators
expected in a round and how many are missing, drafted, submitted, returned, approved, overdue bodies first,
days to the due date; and the coordinator's reminders (the list as a workbook, and e-mails when ``[smtp]``
is configured). It shows counts, never a value. Its widget keys start with ``board-``."""

from __future__ import annotations

import smtplib
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from zhez import cycle, cycle_tables, excel, mail
from zhez.auth import Person
from zhez.cycle import Period
from zhez.export import XLSX_MIME
from zhez.markdown import escape
from zhez.ui.language import lang, number, t, today
from zhez.ui.loaders import plan, reports, rounds
from zhez.ui.render import kpis, short_table
from zhez.ui.signin import accounts, secrets_dict
from zhez.ui.widgets import select


def chosen_round() -> dict[str, Any] | None:
    """The round shown (the link's ``period=``; the latest open one, else the latest); None when there is none."""
    held = rounds()
    if held.empty:
        st.info(t("board.no_rounds"), icon=":material/event_busy:")
        return None
    periods = list(held["period"])
    open_periods = list(held[held["state"] == "open"]["period"])
    default = open_periods[0] if open_periods else periods[0]
    labels = {
        p: f"{Period.parse(p).label(lang())} · {t(f'cycle.round.{s}')}"
        for p, s in zip(held["period"], held["state"], strict=True)
    }
    period = select(t("cycle.col.period"), periods, "period", default, labels.get, key="board-period")
    return dict(held[held["period"] == period].iloc[0])


def board(round_: dict[str, Any]) -> pd.DataFrame:
    """The round's totals and the table per body, overdue first; returns ``cycle.completeness``."""
    frame = cycle.completeness(plan(), round_, reports(), today())
    due = cycle_tables.cycle_date(round_["due"])
    state = t(f"cycle.round.{round_['state']}")
    if round_["state"] == "open":
        st.markdown(f"**{state}** · {cycle_tables.due_text(due, today(), lang())}")
    else:
        st.markdown(f"**{state}** · {t('cycle.due_on', date=due.strftime('%d.%m.%Y'))}")
    totals = cycle_tables.board_totals(frame)
    kpis(
        [
            (t("cycle.col.expected"), number(totals["expected"]), t("board.in_bodies", n=len(frame))),
            (t("cycle.standing.approved"), number(totals["approved"]), t("board.share", share=_share(totals, "approved"))),
            (t("cycle.standing.submitted"), number(totals["submitted"]), t("board.awaiting")),
            (t("cycle.col.owed"), number(totals["owed"]), t("board.owed_note", missing=totals["missing"], returned=totals["returned"], draft=totals["draft"])),
            (t("board.overdue_bodies"), number(totals["overdue_bodies"]), t("board.overdue_note")),
        ]
    )  # fmt: skip
    # printed whole, wrapped: a body a row, every column in view at 1366 (the data grid cut the last three)
    short_table(cycle_tables.board_table(plan(), frame, lang()))
    st.caption(t("board.counts_only"))
    return frame


def _share(totals: dict[str, int], standing: str) -> str:
    return number(100 * totals[standing] / totals["expected"], 0) if totals["expected"] else "0"


def reminders(person: Person, round_: Mapping[Hashable, Any]) -> None:
    """What each body still owes: a workbook to send round, and (with ``[smtp]``) e-mails to the editors."""
    period = Period.parse(round_["period"])
    due = cycle_tables.cycle_date(round_["due"])
    owed = cycle.owed(plan(), round_, reports())
    st.subheader(t("board.reminders"))
    if owed.empty:
        st.success(t("board.nothing_owed"), icon=":material/task_alt:")
        return
    language = lang()
    st.download_button(
        t("board.owed_download"),
        lambda: excel.reminders_bytes(plan(), owed, period, due, language),
        f"zhezkazgan-owed-{period.key}.xlsx",
        XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="board-owed",
    )
    config = mail.SmtpConfig.from_secrets(secrets_dict())
    if config is None:
        st.caption(t("board.no_smtp"))
        return
    known = accounts()
    bodies = [b for b in dict.fromkeys(owed["body"]) if b]
    lines = [
        f"- {escape(b)}: " + (escape(", ".join(mail.recipients(known, b))) or t("board.no_address")) for b in bodies
    ]
    st.markdown(t("board.will_send", n=len(bodies)) + "\n" + "\n".join(lines))
    sure = st.checkbox(t("board.send_sure", n=len(bodies)), key="board-send-sure")
    if st.button(t("board.send"), key="board-send", type="primary", disabled=not sure, icon=":material/mail:"):
        try:
            sent = mail.send_reminders(config, plan(), owed, known, period, due, language)
        except (smtplib.SMTPException, OSError) as error:
            st.error(t("board.send_failed", reason=escape(str(error) or type(error).__name__)), icon=":material/error:")
            return
        results = [f"- {escape(b)}: {t('board.sent_to', to=escape(', '.join(to)))}" for b, to in sent.sent.items()]
        results += [f"- {escape(b)}: {t('board.no_address')}" for b in sent.without_address]
        st.success(t("board.sent", n=len(sent.sent)) + "\n" + "\n".join(results), icon=":material/mark_email_read:")
