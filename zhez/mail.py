"""Reminders by e-mail: what each body still owes in a round, to that body's editors (stdlib smtplib).

Configured by ``[smtp]`` in ``.streamlit/secrets.toml``::

    [smtp]
    host = "mail.example.kz"
    port = 587
    starttls = true            # or ssl = true for port 465
    user = "monitoring"        # optional
    password = "…"             # optional
    sender = "monitoring@example.kz"

An editor receives reminders when their account has an ``email``. The list as a workbook
(``excel.reminders_bytes``) needs no mail server.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

import pandas as pd

from zhez.auth import Account
from zhez.cycle import Period
from zhez.execution import subject_names
from zhez.i18n import t
from zhez.plan import Plan

# Headers unfolded up to RFC 5322's 998 characters: Python 3.11 folds a long Cyrillic subject into encoded
# words and loses the space between two of them ("за ББ" arrives as "заББ").
POLICY = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    sender: str = ""
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True
    ssl: bool = False
    timeout: float = 30.0

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, object]) -> SmtpConfig | None:
        """``[smtp]`` of the secrets file, or None when it is not configured."""
        table = secrets.get("smtp")
        if not isinstance(table, Mapping) or not table.get("host"):
            return None
        return cls(
            host=str(table["host"]),
            port=int(table.get("port", 587)),
            sender=str(table.get("sender", "") or table.get("user", "")),
            user=str(table.get("user", "")),
            password=str(table.get("password", "")),
            starttls=bool(table.get("starttls", not table.get("ssl", False))),
            ssl=bool(table.get("ssl", False)),
        )


@dataclass
class Sent:
    """Which bodies were written to (with the addresses), and which have no editor with an e-mail."""

    sent: dict[str, list[str]] = field(default_factory=dict)
    without_address: list[str] = field(default_factory=list)


def recipients(accounts: Mapping[str, Account], body: str) -> list[str]:
    """The e-mails of the editors who answer for ``body`` (named for it, not those of every body)."""
    return sorted({a.email for a in accounts.values() if a.role == "editor" and a.email and body in a.bodies})


def reminder(plan: Plan, owed: pd.DataFrame, body: str, period: Period, due: dt.date, lang: str) -> tuple[str, str]:
    """(subject, text) of the reminder to ``body``."""
    names = subject_names(plan, lang)
    mine = owed[owed["body"] == body]
    items = "\n".join(
        f"- {names[i][0]} {names[i][1]} — {t(f'cycle.standing.{s}', lang)}" + (f" ({c})" if c else "")
        for i, s, c in zip(mine["subject_id"], mine["standing"], mine["comment"], strict=True)
    )
    subject = t("cycle.reminder.subject", lang, n=len(mine), period=period.label(lang), body=body)
    text = t("cycle.reminder.body", lang, period=period.label(lang), due=due.isoformat(), body=body, items=items)
    return subject, text


def send_reminders(
    config: SmtpConfig,
    plan: Plan,
    owed: pd.DataFrame,
    accounts: Mapping[str, Account],
    period: Period,
    due: dt.date,
    lang: str = "kk",
) -> Sent:
    """One e-mail per body that still owes something, to its editors, over one SMTP connection."""
    result = Sent()
    bodies = [b for b in dict.fromkeys(owed["body"]) if b]
    messages = []
    for body in bodies:
        to = recipients(accounts, body)
        if not to:
            result.without_address.append(body)
            continue
        subject, text = reminder(plan, owed, body, period, due, lang)
        message = EmailMessage(policy=POLICY)
        message["From"], message["To"], message["Subject"] = config.sender, ", ".join(to), subject
        message.set_content(text)
        messages.append((body, to, message))
    if not messages:
        return result
    context = ssl.create_default_context()
    connection = (
        smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
        if config.ssl
        else smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    )
    with connection as server:
        if config.starttls and not config.ssl:
            server.starttls(context=context)
        if config.user:
            server.login(config.user, config.password)
        for body, to, message in messages:
            server.send_message(message)
            result.sent[body] = to
    return result
