"""Tables for people: the plan's data with headings and words in the reader's language.

Numbers stay numbers (pages format them for display; downloads keep them as numbers).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from zhez import i18n
from zhez.i18n import t
from zhez.plan import YEARS, Plan

SEVERITY_ICONS = {"error": "✖", "warning": "⚠", "info": "ℹ"}  # glyphs every common font has


def _matches(frame: pd.DataFrame, text: str, lang: str) -> pd.Series:
    """Rows whose indicator name (in ``lang`` or the Kazakh original) or code contains ``text``."""
    if not text.strip():
        return pd.Series(True, index=frame.index)
    needle = text.strip().casefold()
    names = (
        frame[f"name_{lang}"].str.casefold()
        + " "
        + frame["name_kk"].str.casefold()
        + " "
        + frame["code"].str.casefold()
    )
    return names.str.contains(needle, regex=False)


def filter_indicators(plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "") -> pd.DataFrame:
    ind = plan.indicators
    keep = _matches(ind, search, lang)
    if directions:
        keep &= ind["direction_id"].isin(directions)
    return ind[keep]


def direction_names(plan: Plan, lang: str) -> dict[str, str]:
    return {row["id"]: i18n.localized(row, "name", lang) for _, row in plan.directions.iterrows()}


def goal_names(plan: Plan, lang: str) -> dict[str, str]:
    return {row["id"]: f"{row['number']}. {i18n.localized(row, 'name', lang)}" for _, row in plan.goals.iterrows()}


def indicators_table(plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "") -> pd.DataFrame:
    ind = filter_indicators(plan, lang, directions, search)
    dirs, goals = direction_names(plan, lang), goal_names(plan, lang)
    return pd.DataFrame(
        {
            t("col.code", lang): ind["code"],
            t("col.name", lang): ind[f"name_{lang}"],
            t("col.unit", lang): [i18n.unit_of(r, lang) for _, r in ind.iterrows()],
            t("col.desired", lang): [t(f"desired.{d}", lang) for d in ind["desired"]],
            t("col.direction", lang): ind["direction_id"].map(dirs),
            t("col.goal", lang): ind["goal"].map(goals).fillna(t("col.headline", lang)),
            t("col.scope", lang): [t(f"scope.{s}", lang) for s in ind["scope"]],
            t("col.responsible", lang): ind["responsible"],
            t("col.source", lang): ind["source"],
            t("col.name_original", lang): ind["name_kk"],
            t("col.id", lang): ind["id"],
        }
    )


def values_table(plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "") -> pd.DataFrame:
    ind = filter_indicators(plan, lang, directions, search).set_index("id")
    values = plan.values[plan.values["indicator_id"].isin(ind.index)]
    return pd.DataFrame(
        {
            t("col.code", lang): values["indicator_id"].map(ind["code"]),
            t("col.name", lang): values["indicator_id"].map(ind[f"name_{lang}"]),
            t("common.year", lang): values["year"],
            t("common.kind", lang): [t(f"kind.{k}", lang) for k in values["kind"]],
            t("common.value", lang): values["value"],
            t("common.source_cell", lang): values["raw"],
            t("col.id", lang): values["indicator_id"],
        }
    ).reset_index(drop=True)


def financing_table(plan: Plan, lang: str, directions: Sequence[str] = ()) -> pd.DataFrame:
    fin = plan.financing
    if directions:
        fin = fin[fin["direction_id"].isin(directions) | (fin["direction_id"] == "")]
    wide = fin.pivot_table(
        index=["order", "line_id"], columns="year", values="amount_mln_kzt", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(YEARS)).reset_index()
    lines = fin.drop_duplicates("line_id").set_index("line_id")
    out = pd.DataFrame(
        {
            t("col.line", lang): wide["line_id"].map(lines[f"label_{lang}"]),
            t("col.role", lang): [t(f"role.{lines.loc[i, 'role']}", lang) for i in wide["line_id"]],
        }
    )
    for year in YEARS:
        out[str(year)] = wide[year].to_numpy()
    out[t("col.period_total", lang)] = [plan.period_total(i) for i in wide["line_id"]]
    out[t("col.id", lang)] = wide["line_id"].to_numpy()
    return out


def projects_table(plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "") -> pd.DataFrame:
    prj = plan.projects
    if directions:
        prj = prj[prj["direction_id"].isin(directions)]
    if search.strip():
        needle = search.strip().casefold()
        prj = prj[
            (prj[f"name_{lang}"].str.casefold() + " " + prj["name_kk"].str.casefold()).str.contains(needle, regex=False)
        ]
    places = plan.places.set_index("id")
    dirs = direction_names(plan, lang)
    return pd.DataFrame(
        {
            t("col.project", lang): prj[f"name_{lang}"],
            t("col.sector", lang): [t(f"sector.{s}", lang) for s in prj["sector"]],
            t("col.direction", lang): prj["direction_id"].map(dirs).fillna(""),
            t("col.years", lang): [
                years_text(s, e, lang) for s, e in zip(prj["start_year"], prj["end_year"], strict=True)
            ],
            t("col.cost", lang): prj["cost_mln_kzt"],
            t("col.capacity", lang): prj["capacity" if lang == "kk" else f"capacity_{lang}"],
            t("col.stage", lang): [t(f"stage.{s}", lang) for s in prj["stage"]],
            t("col.place", lang): [i18n.localized(places.loc[p], "name", lang) for p in prj["place"]],
            t("col.precision", lang): [t(f"precision.{p}", lang) for p in prj["location_precision"]],
            t("col.id", lang): prj["id"],
        }
    )


def years_text(start: object, end: object, lang: str) -> str:
    """``2026–2027``, ``… 2029``, ``2025 …`` or “not stated”, never a guessed year."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)  # type: ignore[arg-type]
    if has_start and has_end:
        return str(int(start)) if start == end else f"{int(start)}–{int(end)}"  # type: ignore[call-overload]
    if has_end:
        return t("years.until", lang, year=str(int(end)))  # type: ignore[call-overload]
    if has_start:
        return t("years.from", lang, year=str(int(start)))  # type: ignore[call-overload]
    return t("years.not_stated", lang)


def where_text(plan: Plan, row: pd.Series, lang: str) -> str:
    """Where a finding is: indicator code and name, financing line, direction, year."""
    parts = []
    if row["indicator_id"]:
        ind = plan.indicator(row["indicator_id"])
        parts.append(f"{ind['code'] or '—'} {i18n.localized(ind, 'name', lang)}")
    elif row["line_id"]:
        line = plan.financing[plan.financing["line_id"] == row["line_id"]].iloc[0]
        parts.append(i18n.localized(line, "label", lang))
    elif row["direction_id"]:
        parts.append(direction_names(plan, lang)[row["direction_id"]])
    else:
        parts.append(t("audit.where_plan", lang))
    if not pd.isna(row["year"]):
        parts.append(str(int(row["year"])))
    return " · ".join(parts)


def findings_table(
    plan: Plan,
    findings: pd.DataFrame,
    lang: str,
    severities: Sequence[str] = (),
    kinds: Sequence[str] = (),
    directions: Sequence[str] = (),
) -> pd.DataFrame:
    rows = findings
    if severities:
        rows = rows[rows["severity"].isin(severities)]
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    if directions:
        rows = rows[rows["direction_id"].isin(directions)]
    icons = SEVERITY_ICONS
    return pd.DataFrame(
        {
            "severity_key": rows["severity"],
            t("col.severity", lang): [f"{icons[s]} {t(f'severity.{s}', lang)}" for s in rows["severity"]],
            t("col.kind", lang): [t(f"finding.{k}", lang) for k in rows["kind"]],
            t("col.where", lang): [where_text(plan, r, lang) for _, r in rows.iterrows()],
            t("col.finding", lang): rows[f"message_{lang}"],
            t("col.id", lang): rows["finding_id"],
        }
    ).reset_index(drop=True)
