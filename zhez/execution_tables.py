"""Execution for people: the roll-ups of ``zhez.rollups`` as tables with headings and words in the reader's
language, each row keeping the report it comes from (who entered it, who approved it and when, its number).

Numbers stay numbers (pages format them; downloads keep them as numbers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from zhez import clock, financing, rollups
from zhez.i18n import money, t
from zhez.plan import Plan, project_number
from zhez.tables import years_text


def body_text(body: str, basis: str, lang: str) -> str:
    """“ТКШБ (our assignment)”, or the coordinator where no body of the plan answers for it."""
    if not body:
        return t("exec.coordinator_body", lang)
    return body + (" " + t("exec.body_ours", lang) if basis == "ours" else "")


def status_text(status: str, lang: str) -> str:
    return t(f"exec.status.{status}", lang) if status else "—"


def _when(moment: object) -> str:
    return clock.day_text(moment)


def _date(day: object) -> str:
    return day.isoformat() if isinstance(day, dt.date) else ""


def _one(values: pd.Series) -> pd.Series:
    """Money and percentages to one decimal, as the plan prints them (still numbers)."""
    return values.astype("float64").round(1)


def _written_to_one(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``columns`` to one decimal (``_one``) and written with it on screen, as the plan prints its financing
    (``58,0`` beside ``78 779,7``, not ``58``): the screens' tables read ``attrs["decimals"]``."""
    for column in columns:
        frame[column] = _one(frame[column])
    frame.attrs["decimals"] = {**frame.attrs.get("decimals", {}), **dict.fromkeys(columns, 1)}
    return frame


def projects_table(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``rollups.project_table`` for people: number, name, body, plan years and cost, the latest approved status,
    completion, spend, whether late and why, and the report behind it."""
    names = dict(zip(plan.projects["id"], plan.projects[f"name_{lang}"], strict=True))
    return pd.DataFrame(
        {
            t("col.number", lang): [project_number(p) for p in table["project_id"]],
            t("col.project", lang): [names[p] for p in table["project_id"]],
            t("cycle.col.body", lang): [
                body_text(b, s, lang) for b, s in zip(table["body"], table["body_basis"], strict=True)
            ],
            t("col.years", lang): [
                years_text(s, e, lang) for s, e in zip(table["start_year"], table["end_year"], strict=True)
            ],
            t("col.cost", lang): table["cost_mln_kzt"],
            t("exec.field.status", lang): [status_text(s, lang) for s in table["status"]],
            t("exec.field.completion_pct", lang): _one(table["completion_pct"]),
            t("exec.col.spent_total", lang): _one(table["spent_total_mln_kzt"]),
            t("exec.col.late", lang): [
                rollups.delay_text(row, lang)
                for row in table[["delay", "delay_since", "delay_years", "as_of"]].to_dict("records")
            ],
            t("exec.col.over_cost", lang): [t("common.yes", lang) if o else "" for o in table["over_cost"]],
            t("cycle.col.period", lang): table["period"].fillna(""),
            t("exec.col.entered_by", lang): table["entered_by"].fillna(""),
            t("exec.col.approved_by", lang): table["approved_by"].fillna(""),
            t("exec.col.approved_at", lang): [_when(v) for v in table["approved_at"]],
            t("exec.col.report", lang): table["submission_id"],
        }
    )


def late_table(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The late projects only, the furthest behind first; why and how far right after the name."""
    late = table[table["delayed"]].sort_values(["delay_years", "project_id"], ascending=[False, True], kind="stable")
    frame = projects_table(plan, late, lang)
    first = [t(k, lang) for k in ("col.number", "col.project", "exec.col.late", "exec.field.status")]
    return frame[[*first, *(c for c in frame.columns if c not in first and c != t("exec.col.over_cost", lang))]]


def money_display(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``rollups.money_table`` for people: each line and year, planned as published, the approved budget,
    executed, execution against each, the reason for a deviation, and the report behind it."""
    labels = financing.lines(plan)[f"label_{lang}"]
    frame = pd.DataFrame(
        {
            t("col.line", lang): [labels[i] for i in table["line_id"]],
            t("common.year", lang): table["year"],
            t("exec.col.plan", lang): table["plan_mln_kzt"],
            t("exec.field.budget_mln_kzt", lang): table["budget_mln_kzt"],
            t("exec.field.executed_mln_kzt", lang): table["executed_mln_kzt"],
            t("exec.col.pct_of_plan", lang): table["pct_of_plan"],
            t("exec.col.pct_of_budget", lang): table["pct_of_budget"],
            t("exec.field.deviation_reason", lang): table["deviation_reason"],
            t("cycle.col.period", lang): table["period"].fillna(""),
            t("exec.col.entered_by", lang): table["entered_by"].fillna(""),
            t("exec.col.approved_by", lang): table["approved_by"].fillna(""),
            t("exec.col.approved_at", lang): [_when(v) for v in table["approved_at"]],
            t("exec.col.report", lang): table["submission_id"],
        }
    )
    return _written_to_one(frame, list(frame.columns[2:7]))  # planned, budget, executed, and their shares


def by_direction(plan: Plan, approved: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """One row per direction (and the projects of none): projects, reported, late, completion simple and
    cost-weighted, money spent on projects; the direction's money planned for ``year``, executed and %."""
    names = dict(zip(plan.directions["id"], plan.directions[f"name_{lang}"], strict=True))
    rows = []
    scopes = [*plan.directions["id"], ""]
    every_project, every_line = rollups.project_table(plan, approved, year), rollups.money_table(plan, approved, year)
    for direction in scopes:
        projects = rollups.project_rollup(plan, approved, year, direction, projects=every_project)
        if direction == "" and projects.projects == 0:
            continue
        cash = rollups.money_rollup(plan, approved, year, direction, money=every_line) if direction else None
        rows.append(
            {
                t("col.direction", lang): names.get(direction, t("exec.no_direction", lang)),
                t("exec.col.projects", lang): projects.projects,
                t("exec.col.reported", lang): projects.reported,
                t("exec.col.late_count", lang): projects.late,  # None (“—”) while no approved report says
                t("exec.col.completion", lang): projects.simple_completion,
                t("exec.col.completion_weighted", lang): projects.weighted_completion,
                t("exec.col.spent_total", lang): projects.spent_mln_kzt,
                t("exec.col.plan_year", lang, year=str(year)): cash.planned_mln_kzt if cash else None,
                t("exec.col.executed_year", lang, year=str(year)): cash.executed_mln_kzt if cash else None,
                t("exec.col.pct_of_plan", lang): cash.pct_of_plan if cash else None,
            }
        )
    frame = pd.DataFrame(rows)
    return _written_to_one(frame, list(frame.columns[4:]))  # completion, money and its share


def history_lines(history: pd.DataFrame, lang: str) -> list[str]:
    """``rollups.status_history`` as one line per approved version, newest first, for a narrow panel:
    “2027-01-12 · 2026 · construction, 30.0 % — entered by A, approved by C”."""
    lines = []
    for row in history.iloc[::-1].to_dict("records"):
        completion = "" if pd.isna(row["completion_pct"]) else ", " + rollups.pct_text(row["completion_pct"], lang)
        status = status_text(str(row["status"]), lang)
        lines.append(
            t(
                "exec.history_line",
                lang,
                when=_when(row["approved_at"]),
                period=str(row["period"]),
                status=f"**{status}**" if row["status_changed"] else status,
                completion=completion,
                entered=str(row["entered_by"]),
                approved=str(row["approved_by"]),
            )
        )
    return lines


def review_table(plan: Plan, reports: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Submitted execution reports awaiting the coordinator: number, what, period, the report in brief, who."""
    from zhez.execution import FinancingReport, ProjectReport, subject_names

    names = subject_names(plan, lang)
    briefs = []
    for kind, payload in zip(reports["kind"], reports["payload"], strict=True):
        if kind == "project":
            r = ProjectReport.from_payload(payload)
            parts = [status_text(r.status, lang)]
            if r.completion_pct is not None:
                parts.append(rollups.pct_text(r.completion_pct, lang))
            if r.spent_mln_kzt is not None:
                parts.append(t("exec.brief_spent", lang, amount=money(r.spent_mln_kzt, lang)))
            briefs.append(", ".join(parts))
        else:
            f = FinancingReport.from_payload(payload)
            parts = [t("exec.brief_executed", lang, amount=money(f.executed_mln_kzt, lang))]
            if f.budget_mln_kzt is not None:
                parts.append(t("exec.brief_budget", lang, amount=money(f.budget_mln_kzt, lang)))
            briefs.append(", ".join(parts))
    return pd.DataFrame(
        {
            t("exec.col.report", lang): reports["id"],
            t("exec.col.kind", lang): [t(f"exec.kind.{k}", lang) for k in reports["kind"]],
            t("col.code", lang): [names[s][0] for s in reports["subject_id"]],
            t("col.name", lang): [names[s][1] for s in reports["subject_id"]],
            t("cycle.col.period", lang): reports["period"],
            t("exec.col.brief", lang): briefs,
            t("exec.col.entered_by", lang): reports["submitted_by"],
            t("exec.col.submitted_at", lang): [_when(v) for v in reports["submitted_at"]],
        }
    )
