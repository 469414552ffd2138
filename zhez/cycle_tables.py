"""The monitoring cycle for people: what an editor still owes, the coordinator's review queue, where each
body stands in a round, an indicator's reported history, rounds and manual statuses — as tables with
headings and words in the reader's language, times on Zhezkazgan's clock. No Streamlit here.

``Store`` gives the rows (``reports``, ``rounds``, ``manual_statuses``, ``actuals``); ``zhez.cycle`` the rules
(``my_tasks``, ``completeness``, ``status_with``). Numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from zhez import clock, cycle, i18n
from zhez.cycle import Period
from zhez.i18n import t
from zhez.plan import Plan
from zhez.progress import status_label

EXPLANATION_FIELDS = ("no_data_reason", "deviation_reason", "measures", "source", "note")
REVIEW_COLUMNS = [
    "id", "subject_id", "code", "name", "unit", "body", "period", "year", "half", "version", "value",
    *EXPLANATION_FIELDS, "previous_value", "previous_period", "would_be", "created_by", "updated_by",
    "submitted_by", "submitted_at", "batch", "source_file",
]  # fmt: skip


def due_text(due: dt.date, today: dt.date, lang: str) -> str:
    """``due 01.03.2027 · 89 days left``, ``… · due today`` or ``… · overdue by 3 days``."""
    days = (due - today).days
    if days > 0:
        left = t("cycle.days_left", lang, n=days)
    elif days == 0:
        left = t("cycle.due_today", lang)
    else:
        left = t("cycle.overdue_by", lang, n=-days)
    return f"{t('cycle.due_on', lang, date=due.strftime('%d.%m.%Y'))} · {left}"


def names(plan: Plan, lang: str) -> pd.DataFrame:
    """code, name and unit of every indicator in ``lang``, by id."""
    ind = plan.indicators.set_index("id")
    return pd.DataFrame(
        {
            "code": ind["code"].fillna(""),
            "name": ind[f"name_{lang}"],
            "unit": [i18n.unit_of(row, lang) for _, row in ind.iterrows()],
        },
        index=ind.index,
    )


# ── an editor's tasks ──────────────────────────────────────────────────────


def tasks_list(plan: Plan, tasks: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """``cycle.my_tasks`` as items to show, in its order (returned first): subject, period, code, name,
    what to do, the coordinator's comment."""
    label = names(plan, lang)
    return [
        {
            "subject_id": row["subject_id"],
            "period": row["period"],
            "period_label": Period.parse(row["period"]).label(lang),
            "code": label.at[row["subject_id"], "code"],
            "name": label.at[row["subject_id"], "name"],
            "task": row["task"],
            "task_text": t(f"cycle.task.{row['task']}", lang),
            "comment": row["comment"],
        }
        for row in tasks.to_dict("records")
    ]


def task_counts(tasks: pd.DataFrame) -> dict[str, int]:
    """How many tasks of each kind (``cycle.TASK_ORDER``)."""
    counts = tasks["task"].value_counts()
    return {task: int(counts.get(task, 0)) for task in cycle.TASK_ORDER}


# ── the coordinator's review queue ─────────────────────────────────────────


def review_queue(plan: Plan, reports: pd.DataFrame, approved: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every submitted version awaiting review, by body and indicator: its value and explanation, the value
    in force before it (the approved version of the same period, else the latest approved earlier year),
    and the status the value would give (``cycle.status_with``; a full year's value only).
    ``approved``: ``Store.actuals()``."""
    waiting = reports[reports["state"] == "submitted"] if not reports.empty else reports
    label = names(plan, lang)
    in_force = reports[reports["state"] == "approved"] if not reports.empty else reports
    records = []
    for row in waiting.to_dict("records"):
        subject, period = str(row["subject_id"]), Period.parse(row["period"])
        previous_value, previous_period = _previous(subject, period, in_force, approved)
        value = row["value"]
        has_value = value is not None and not (isinstance(value, float) and math.isnan(value))
        would_be = (
            cycle.status_with(plan, subject, period.year, float(value), approved)
            if has_value and period.half is None
            else ""
        )
        records.append(
            {
                **{k: row[k] for k in ("id", "subject_id", "period", "year", "half", "version", "value")},
                "code": label.at[subject, "code"],
                "name": label.at[subject, "name"],
                "unit": label.at[subject, "unit"],
                "body": str(plan.indicator(subject)["responsible_body"] or ""),
                **{k: str(row[k] or "") for k in EXPLANATION_FIELDS},
                "previous_value": previous_value,
                "previous_period": previous_period,
                "would_be": would_be,
                **{k: row[k] for k in ("created_by", "updated_by", "submitted_by", "submitted_at")},
                "batch": row["batch"],
                "source_file": row["source_file"],
            }
        )
    frame = pd.DataFrame(records, columns=REVIEW_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    frame["previous_value"] = frame["previous_value"].astype("float64")
    return frame.sort_values(["body", "code", "period"], kind="stable").reset_index(drop=True)


def _previous(subject: str, period: Period, in_force: pd.DataFrame, approved: pd.DataFrame) -> tuple[float | None, str]:
    if len(in_force) and len(
        same := in_force[(in_force["subject_id"] == subject) & (in_force["period"] == period.key)]
    ):
        value = same.sort_values("version")["value"].iloc[-1]
        return (None if pd.isna(value) else float(value)), period.key
    if len(approved) and len(
        earlier := approved[(approved["indicator_id"] == subject) & (approved["year"] < period.year)]
    ):
        last = earlier.sort_values("year").iloc[-1]
        return float(last["value"]), str(int(last["year"]))
    return None, ""


def batches(queue: pd.DataFrame) -> pd.DataFrame:
    """The imports (uploaded workbooks) with versions awaiting review: batch, file, who, when, how many."""
    imported = queue[queue["source_file"].astype(bool)]
    if imported.empty:
        return pd.DataFrame(columns=["batch", "source_file", "submitted_by", "submitted_at", "n", "bodies"])
    grouped = imported.groupby("batch", sort=False)
    return (
        pd.DataFrame(
            {
                "source_file": grouped["source_file"].first(),
                "submitted_by": grouped["submitted_by"].first(),
                "submitted_at": grouped["submitted_at"].max(),
                "n": grouped.size(),
                "bodies": grouped["body"].agg(lambda b: ", ".join(sorted(set(b)))),
            }
        )
        .reset_index()
        .sort_values("submitted_at", ascending=False)
        .reset_index(drop=True)
    )


def queue_table(queue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The queue (or one import of it) as a table to read before approving it whole."""
    return pd.DataFrame(
        {
            t("cycle.col.body", lang): queue["body"],
            t("col.code", lang): queue["code"],
            t("col.name", lang): queue["name"],
            t("cycle.col.period", lang): queue["period"],
            t("cycle.col.previous", lang): queue["previous_value"],
            t("cycle.field.value", lang): queue["value"],
            t("cycle.col.would_be", lang): [status_label(s, lang) if s else "—" for s in queue["would_be"]],
            **{t(f"cycle.field.{k}", lang): queue[k] for k in EXPLANATION_FIELDS},
        }
    )


# ── where each body stands ─────────────────────────────────────────────────


def board_table(plan: Plan, board: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``cycle.completeness`` for people: body, its name, expected, each standing, owed, overdue."""
    bodies = plan.bodies.set_index("abbr")
    return pd.DataFrame(
        {
            t("cycle.col.body", lang): [b or "—" for b in board["body"]],
            i18n.marked_ours(t("cycle.col.body_name", lang), lang): [
                i18n.localized(bodies.loc[b], "name", lang) if b in bodies.index else t("cycle.no_body", lang)
                for b in board["body"]
            ],
            t("cycle.col.expected", lang): board["expected"],
            **{t(f"cycle.standing.{s}", lang): board[s] for s in cycle.STANDINGS},
            t("cycle.col.owed", lang): board["owed"],
            t("cycle.col.overdue", lang): [t("cycle.overdue_mark", lang) if late else "" for late in board["overdue"]],
        }
    )


def board_totals(board: pd.DataFrame) -> dict[str, int]:
    """The round's totals: expected, each standing, owed, and how many bodies are overdue."""
    totals = {column: int(board[column].sum()) for column in ("expected", *cycle.STANDINGS, "owed")}
    totals["overdue_bodies"] = int(board["overdue"].sum())
    return totals


# ── an indicator's reported history ────────────────────────────────────────


SEEN_BY_VIEWERS = ("approved", "superseded")  # versions that were approved once: everyone may read them


def in_force(reports: pd.DataFrame, subject_id: str) -> list[dict[Hashable, Any]]:
    """The approved version in force of every period of ``subject_id``, latest period first."""
    if not len(reports):
        return []
    rows = reports[(reports["subject_id"] == subject_id) & (reports["state"] == "approved")]
    if not len(rows):
        return []
    latest = rows.sort_values("version").groupby("period").tail(1)
    return sorted(latest.to_dict("records"), key=lambda r: Period.parse(r["period"]), reverse=True)


def history_table(
    reports: pd.DataFrame, subject_id: str, lang: str, zone: zoneinfo.ZoneInfo, everything: bool
) -> pd.DataFrame:
    """Every version of an indicator's values and explanations, newest first: period, version, state,
    value, explanation, who entered, submitted and reviewed it and when, the reviewer's comment.
    ``everything`` false (a viewer): only versions that were approved."""
    rows = reports[reports["subject_id"] == subject_id] if len(reports) else reports
    if not everything and len(rows):
        rows = rows[rows["state"].isin(SEEN_BY_VIEWERS)]
    rows = rows.sort_values(["year", "period", "version"], ascending=False) if len(rows) else rows
    return pd.DataFrame(
        {
            t("cycle.col.period", lang): rows["period"],
            t("cycle.col.version", lang): rows["version"],
            t("cycle.col.state", lang): [t(f"cycle.state.{s}", lang) for s in rows["state"]],
            t("cycle.field.value", lang): rows["value"].astype("float64"),
            **{t(f"cycle.field.{k}", lang): rows[k] for k in EXPLANATION_FIELDS},
            t("cycle.col.entered", lang): _who_when(rows, "created_by", "created_at", zone),
            t("cycle.col.submitted", lang): _who_when(rows, "submitted_by", "submitted_at", zone),
            t("cycle.col.reviewed", lang): _who_when(rows, "reviewed_by", "reviewed_at", zone),
            t("cycle.col.comment", lang): rows["review_comment"],
        }
    )


def _who_when(rows: pd.DataFrame, who: str, when: str, zone: zoneinfo.ZoneInfo) -> list[str]:
    return [f"{w}, {clock.when(at, zone)}" if w else "" for w, at in zip(rows[who], rows[when], strict=True)]


# ── rounds and manual statuses ─────────────────────────────────────────────


def rounds_table(rounds: pd.DataFrame, today: dt.date, lang: str, zone: zoneinfo.ZoneInfo) -> pd.DataFrame:
    """Every round: period, state, due date and days left, who opened and closed it, when."""
    return pd.DataFrame(
        {
            t("cycle.col.period", lang): [Period.parse(p).label(lang) for p in rounds["period"]],
            t("cycle.col.round_state", lang): [t(f"cycle.round.{s}", lang) for s in rounds["state"]],
            t("cycle.col.due", lang): [
                due_text(cycle_date(d), today, lang) if s == "open" else cycle_date(d).strftime("%d.%m.%Y")
                for d, s in zip(rounds["due"], rounds["state"], strict=True)
            ],
            t("cycle.col.opened", lang): _who_when(rounds, "opened_by", "opened_at", zone),
            t("cycle.col.closed", lang): _who_when(rounds, "closed_by", "closed_at", zone),
            t("cycle.field.note", lang): rounds["note"],
        }
    )


def manual_table(plan: Plan, manual: pd.DataFrame, lang: str, zone: zoneinfo.ZoneInfo) -> pd.DataFrame:
    """The coordinator's statuses beside the computed ones: indicator, year, status, why, who, when."""
    label = names(plan, lang)
    return pd.DataFrame(
        {
            t("col.code", lang): [label.at[i, "code"] for i in manual["indicator_id"]],
            t("col.name", lang): [label.at[i, "name"] for i in manual["indicator_id"]],
            t("common.year", lang): manual["year"].astype(str),
            t("col.manual_status", lang): [status_label(s, lang) for s in manual["status"]],
            t("cycle.field.reason", lang): manual["reason"],
            t("cycle.col.set", lang): _who_when(manual, "set_by", "set_at", zone),
        }
    )


def cycle_date(value: object) -> dt.date:
    """A round's due date as a date (the store gives a date; a backup restored from JSON, text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def explanation_lines(report: Mapping[Hashable, Any], lang: str) -> list[tuple[str, str]]:
    """(heading, text) of each explanation field a version fills, in the form's order."""
    return [(t(f"cycle.field.{k}", lang), str(report.get(k) or "")) for k in EXPLANATION_FIELDS if report.get(k)]
