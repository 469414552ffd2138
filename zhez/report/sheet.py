"""An indicator's sheet: one page with everything known about it, for a reader away from the screen.

The trajectory chart the Indicator page draws, the values as printed and as approved (in a draft, also
as submitted), the status with what it rests on and the sentence that explains it, the coordinator's
status where set, the body's explanation for the period and the responsible body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from zhez import charts, clock, i18n, progress, tables
from zhez.actuals import is_percent
from zhez.i18n import t
from zhez.report.content import Sources, Table, assessed, day_text, provenance


@dataclass(frozen=True)
class Sheet:
    lang: str
    indicator_id: str
    heading: str  # code as printed and name
    original_name: str  # the Kazakh name as printed, for a reader in another language ("" in Kazakh)
    facts: Table
    status: str  # icon, word, what it rests on
    status_lines: tuple[str, ...]  # the sentence behind the status; the coordinator's status
    chart: charts.Chart
    values: Table
    explanation_title: str
    explanation: tuple[tuple[str, str], ...]  # (field, the body's text)
    plan_name: str
    footer: str
    draft_mark: str
    page_word: str
    file_title: str


def indicator_sheets(
    sources: Sources, indicator_ids: Sequence[str], lang: str, made_on: dt.date | None = None
) -> list[Sheet]:
    """The sheets of ``indicator_ids`` (one indicator, or a direction's) for ``sources.period``."""
    lang = i18n.check_language(lang)
    made_on = made_on or clock.today(clock.zone())
    _source, footer = provenance(sources, lang, made_on)
    observed = progress.observed_by_indicator(sources.plan, sources.actuals, as_of=sources.period.year)
    rows = {str(r["indicator_id"]): r for _, r in assessed(sources).iterrows()}
    return [_sheet(sources, i, lang, rows[i], observed.get(i, []), footer) for i in indicator_ids]


def _sheet(
    sources: Sources, indicator_id: str, lang: str, status: pd.Series, points: list[progress.Point], footer: str
) -> Sheet:
    plan, period = sources.plan, sources.period
    row = plan.indicator(indicator_id)
    unit = tables.unit_text(plan, row, lang)
    name = str(row[f"name_{lang}"])
    code = str(row["code_raw"] or "—")
    body = str(row["responsible_body"] or "")
    bodies = {b["abbr"]: i18n.localized(b, "name", lang) for _, b in plan.bodies.iterrows()}
    given = t("common.not_given", lang)
    facts = (
        (t("col.direction", lang), tables.direction_names(plan, lang)[row["direction_id"]]),
        (t("col.goal", lang), tables.goal_names(plan, lang).get(row["goal"], t("report.headline", lang))),
        (t("col.unit", lang), unit),
        (t("col.desired", lang), t(f"desired.{row['desired']}", lang)),
        (
            t("report.col_body", lang),
            i18n.marked_ours(f"{body} — {bodies[body]}", lang) if body in bodies else t("report.no_body", lang),
        ),
        (
            t("col.responsible", lang),
            tables.printed_text(plan, "responsible", row["responsible"], lang).inline() or given,
        ),
        (t("col.source", lang), tables.printed_text(plan, "source", row["source"], lang).inline() or given),
    )
    reports = sources.reports
    mine = reports[reports["subject_id"] == indicator_id] if not reports.empty else reports
    data = charts.trajectory_data(
        plan.series(indicator_id), points, lang, _recorded_at(mine), percent=is_percent(row["unit"])
    )
    subtitle = f"{unit} · {t('desired.' + row['desired'], lang)} · {t('chart.estimate_note', lang)}"
    chart = charts.trajectory(data, name, subtitle, lang, height=210)
    basis = progress.basis_label(status, lang)
    lens = progress.lens_label(status, lang)
    lines = [progress.explain(status, tables.unit_in_sentence(plan, row, lang), lang)]
    if status["manual_status"]:
        lines.append(
            t(
                "report.manual_status",
                lang,
                status=progress.status_label(str(status["manual_status"]), lang),
                reason=status["manual_reason"],
                who=status["manual_by"],
            )
        )
    in_period = mine[mine["period"] == period.key] if not mine.empty else mine
    explanation: list[tuple[str, str]] = []
    if not in_period.empty:
        report = in_period.iloc[-1]
        for field_name in ("no_data_reason", "deviation_reason", "measures", "source", "note"):
            text = str(report[field_name] or "").strip()
            if text:
                explanation.append((t(f"cycle.field.{field_name}", lang), text))
    if not explanation:
        explanation.append(("", t("sheet.no_explanation", lang)))
    return Sheet(
        lang=lang,
        indicator_id=indicator_id,
        heading=f"{code} {name}",
        original_name="" if lang == "kk" else f"{t('col.name_original', lang)}: {row['name_kk']}",
        facts=Table("sheet_facts", ("", ""), facts, (0.3, 0.7), (False, False)),
        status=f"{progress.status_label(str(status['status']), lang)} · {t('indicator.based_on', lang)}: {basis}"
        + (f" · {lens}" if lens else ""),
        status_lines=tuple(lines),
        chart=chart,
        values=_values(plan.series(indicator_id), mine, lang),
        explanation_title=t("sheet.explanation", lang, period=period.label(lang)),
        explanation=tuple(explanation),
        plan_name=plan.passport_field("name"),
        footer=footer,
        draft_mark=t("report.draft_mark", lang) if sources.draft else "",
        page_word=t("report.page", lang),
        file_title=f"{code} {name}",
    )


def _recorded_at(rows: pd.DataFrame) -> dict[int, str]:
    full_years = rows[rows["half"].isna()] if not rows.empty else rows
    return {
        int(y): clock.day_text(pd.Timestamp(s if s is not None else c))
        for y, s, c in zip(full_years["year"], full_years["submitted_at"], full_years["created_at"], strict=True)
    }


def _values(series: pd.DataFrame, rows: pd.DataFrame, lang: str) -> Table:
    """Year by year: the plan's cell as printed, and the value in view with who approved (or submitted) it."""
    full_years = rows[rows["half"].isna()] if not rows.empty else rows
    by_year = {int(r["year"]): r for r in full_years.to_dict("records")}
    cells = []
    for year, kind, raw in zip(series["year"], series["kind"], series["raw"], strict=True):
        report = by_year.get(int(year))
        value, who = "", ""
        if report is not None and report["value"] is not None and not pd.isna(report["value"]):
            value = i18n.number(report["value"], lang)
            if report["approval"] == "approved":
                who = f"{report['reviewed_by']}, {day_text(report['reviewed_at'], lang)}"
            else:
                value += "\n" + t("report.not_approved", lang)
                who = f"{report['submitted_by']}, {day_text(report['submitted_at'], lang)}"
        cells.append((str(year), t(f"kind.{kind}", lang), str(raw).strip() or "—", value or "—", who or "—"))
    for report in rows.to_dict("records") if not rows.empty else []:
        if report["half"] is not None and not pd.isna(report["half"]) and report["value"] is not None:
            label = t("cycle.half_year", lang, year=str(report["year"]), half=str(report["half"]))
            who = report["reviewed_by"] if report["approval"] == "approved" else report["submitted_by"]
            cells.append((label, "", "—", i18n.number(report["value"], lang), str(who or "—")))
    return Table(
        "sheet_values",
        (
            t("common.year", lang),
            t("common.kind", lang),
            t("sheet.col_printed", lang),
            t("sheet.col_approved", lang),
            t("sheet.col_approved_by", lang),
        ),
        tuple(cells),
        (0.14, 0.26, 0.16, 0.18, 0.26),
        (False, False, True, True, False),
    )
