"""Tables for people: the plan's data with headings and words in the reader's language.

Numbers stay numbers (pages format them for display; downloads keep them as numbers).
"""

from __future__ import annotations

import numbers
import zoneinfo
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from zhez import clock, financing, i18n
from zhez.actuals import Problem
from zhez.budget import Move, project_years
from zhez.i18n import t
from zhez.plan import PLAN_YEARS, YEARS, Plan, project_number, year_or_none
from zhez.progress import basis_label, explain, status_label, worst_first

SEVERITY_ICONS = {"error": "✖", "warning": "⚠", "info": "ℹ"}  # glyphs every common font has
GOAL_HEADLINE = "headline"  # filter value for rows that head a block rather than sit under a goal


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


def indicator_labels(plan: Plan, lang: str, separator: str = " · ") -> dict[str, str]:
    """Indicator id → ``code · name`` (``—`` where the table prints no code)."""
    ind = plan.indicators
    return dict(
        zip(ind["id"], ind["code"].replace("", "—") + separator + ind[f"name_{i18n.check_language(lang)}"], strict=True)
    )


def place_names(plan: Plan, lang: str) -> dict[str, str]:
    """Place id → its name in ``lang``."""
    return dict(zip(plan.places["id"], plan.places[f"name_{i18n.check_language(lang)}"], strict=True))


def direction_names(plan: Plan, lang: str) -> dict[str, str]:
    return {row["id"]: i18n.localized(row, "name", lang) for _, row in plan.directions.iterrows()}


def goal_names(plan: Plan, lang: str) -> dict[str, str]:
    return {row["id"]: f"{row['number']}. {i18n.localized(row, 'name', lang)}" for _, row in plan.goals.iterrows()}


def line_labels(plan: Plan, lang: str) -> dict[str, str]:
    """Financing line id → its label in ``lang`` (one label a line, as printed or translated)."""
    lines = financing.lines(plan)
    return dict(zip(lines.index, lines[f"label_{i18n.check_language(lang)}"], strict=True))


@dataclass(frozen=True)
class Printed:
    """A responsible, source or unit cell of the table for a reader: ``text`` to show, ``note`` saying what it is
    when that needs saying (our translation; printed in Russian; as printed), ``printed`` the cell itself."""

    text: str
    note: str
    printed: str
    lang: str
    translated: bool = False

    def cell(self) -> str:
        """For a table whose heading says the column is our translation (``i18n.marked_ours``)."""
        return f"{self.text} ({self.note})" if self.note and not self.translated else self.text

    def inline(self) -> str:
        """For a sentence or a list: the note, and the cell as printed beside our translation."""
        if self.translated:
            return f"{self.text} ({self.note}; {t('printed.original', self.lang, text=self.printed)})"
        return f"{self.text} ({self.note})" if self.note else self.text


def printed_text(plan: Plan, field: str, printed: str, lang: str) -> Printed:
    """A ``field`` (responsible, source) as printed, for a ``lang`` reader: as printed in Kazakh (saying so when
    the plan prints it in Russian); in ru and en our reviewed translation, marked as ours (a text printed in
    the reader's language as printed; one nobody has reviewed, as printed, saying so)."""
    reviewed = plan.printed_text(field, printed)
    language = str(reviewed["language"]) if reviewed else i18n.DEFAULT_LANGUAGE
    if not printed:
        return Printed("", "", "", lang)
    if lang == i18n.DEFAULT_LANGUAGE or language == lang:
        note = t("printed.in_russian", lang) if language == "ru" and lang != "ru" else ""
        return Printed(printed, note, printed, lang)
    translated = str(reviewed[i18n.check_language(lang)]) if reviewed else ""
    if translated:
        return Printed(translated, t("printed.ours", lang), printed, lang, translated=True)
    return Printed(printed, t("printed.as_printed", lang), printed, lang)


def body_names(plan: Plan, lang: str) -> dict[str, str]:
    """Responsible bodies: abbreviation → full name in ``lang`` (our expansion of the plan's abbreviations)."""
    return {row["abbr"]: i18n.localized(row, "name", lang) for _, row in plan.bodies.iterrows()}


def goal_options(plan: Plan, direction_id: str, lang: str) -> dict[str, str]:
    """A direction's goals to filter by, id → label; ``GOAL_HEADLINE`` first, for the rows that head a block."""
    goals = goal_names(plan, lang)
    ids = plan.goals.loc[plan.goals["direction_id"] == direction_id, "id"]
    return {GOAL_HEADLINE: t("col.headline", lang), **{g: goals[g] for g in ids}}


def body_options(plan: Plan, direction_id: str, lang: str) -> dict[str, str]:
    """The bodies responsible for a direction's indicators, sorted: abbreviation → ``abbr — full name``."""
    names = body_names(plan, lang)
    ind = plan.indicators
    bodies = sorted(b for b in ind.loc[ind["direction_id"] == direction_id, "responsible_body"].unique() if b)
    return {b: f"{b} — {names.get(b, '')}" for b in bodies}


def indicators_table(plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "") -> pd.DataFrame:
    ind = filter_indicators(plan, lang, directions, search)
    dirs, goals = direction_names(plan, lang), goal_names(plan, lang)
    return pd.DataFrame(
        {
            t("col.code", lang): ind["code"],
            t("col.name", lang): ind[f"name_{lang}"],
            t("col.unit", lang): [_unit(plan, r, lang) for r in ind.to_dict("records")],
            t("col.desired", lang): [t(f"desired.{d}", lang) for d in ind["desired"]],
            t("col.direction", lang): ind["direction_id"].map(dirs),
            t("col.goal", lang): ind["goal"].map(goals).fillna(t("col.headline", lang)),
            t("col.scope", lang): [t(f"scope.{s}", lang) for s in ind["scope"]],
            i18n.marked_ours(t("col.responsible", lang), lang): [
                printed_text(plan, "responsible", r, lang).cell() for r in ind["responsible"]
            ],
            i18n.marked_ours(t("col.source", lang), lang): [
                printed_text(plan, "source", s, lang).cell() for s in ind["source"]
            ],
            t("col.name_original", lang): ind["name_kk"],
            t("col.responsible_printed", lang): ind["responsible"],
            t("col.source_printed", lang): ind["source"],
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
    # one row per printed line, even when all its cells are "-" (pivot_table with dropna=False would
    # multiply rows into every order × line pair)
    wide = fin.set_index(["order", "line_id", "year"])["amount_mln_kzt"].unstack("year")
    wide = wide.reindex(columns=list(YEARS)).sort_index().reset_index()
    roles = financing.lines(plan)["role"]
    out = pd.DataFrame(
        {
            t("col.line", lang): wide["line_id"].map(line_labels(plan, lang)),
            t("col.role", lang): [t(f"role.{roles[i]}", lang) for i in wide["line_id"]],
        }
    )
    for year in YEARS:
        out[str(year)] = wide[year].to_numpy()
    out[t("col.period_total", lang)] = [plan.period_total(i) for i in wide["line_id"]]
    out[t("col.id", lang)] = wide["line_id"].to_numpy()
    return out


def projects_table(
    plan: Plan, lang: str, directions: Sequence[str] = (), search: str = "", projects: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Projects for people; ``projects`` (e.g. the map's, with corrected points) defaults to the plan's.

    The cost, years and stage come right after the name: at 1366 px a screen shows them without scrolling
    sideways (the long names take half of it); where and how precisely follow."""
    prj = plan.projects if projects is None else projects
    if directions:
        prj = prj[prj["direction_id"].isin(directions)]
    if search.strip():
        needle = search.strip().casefold()
        prj = prj[
            (prj[f"name_{lang}"].str.casefold() + " " + prj["name_kk"].str.casefold()).str.contains(needle, regex=False)
        ]
    places = place_names(plan, lang)
    dirs = direction_names(plan, lang)
    precision = prj["precision"] if "precision" in prj else prj["location_precision"]  # corrected, if any
    return pd.DataFrame(
        {
            t("col.number", lang): [project_number(p) for p in prj["id"]],
            t("col.project", lang): prj[f"name_{lang}"],
            t("col.cost", lang): prj["cost_mln_kzt"],
            t("col.years", lang): [
                years_text(s, e, lang) for s, e in zip(prj["start_year"], prj["end_year"], strict=True)
            ],
            t("col.stage", lang): [t(f"stage.{s}", lang) for s in prj["stage"]],
            t("col.sector", lang): [t(f"sector.{s}", lang) for s in prj["sector"]],
            t("col.direction", lang): prj["direction_id"].map(dirs).fillna(""),
            t("col.capacity", lang): prj[i18n.translated_column("capacity", lang)],
            t("col.place", lang): prj["place"].map(places),
            t("col.precision", lang): [t(f"precision.{p}", lang) for p in precision],
            t("col.id", lang): prj["id"],
        }
    )


def years_text(start: object, end: object, lang: str) -> str:
    """``2026–2027``, ``… 2029``, ``2025 …`` or “not stated”, never a guessed year."""
    first, last = year_or_none(start), year_or_none(end)
    if first is not None and last is not None:
        return str(first) if first == last else f"{first}–{last}"
    if last is not None:
        return t("years.until", lang, year=str(last))
    if first is not None:
        return t("years.from", lang, year=str(first))
    return t("years.not_stated", lang)


def where_texts(plan: Plan, findings: pd.DataFrame, lang: str) -> list[str]:
    """Where each finding is: indicator code and name, financing line, direction, year."""
    indicators = indicator_labels(plan, lang, separator=" ")
    lines = line_labels(plan, lang)
    directions = direction_names(plan, lang)
    texts = []
    for row in findings[["indicator_id", "line_id", "direction_id", "year"]].to_dict("records"):
        if row["indicator_id"]:
            parts = [indicators[row["indicator_id"]]]
        elif row["line_id"]:
            parts = [lines[row["line_id"]]]
        elif row["direction_id"]:
            parts = [directions[row["direction_id"]]]
        else:
            parts = [t("audit.where_plan", lang)]
        if not pd.isna(row["year"]):
            parts.append(str(int(row["year"])))
        texts.append(" · ".join(parts))
    return texts


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
            t("col.where", lang): where_texts(plan, rows, lang),
            t("col.finding", lang): rows[f"message_{lang}"],
            t("col.id", lang): rows["finding_id"],
        }
    ).reset_index(drop=True)


# ── progress ───────────────────────────────────────────────────────────────


def progress_rows(
    plan: Plan,
    assessment: pd.DataFrame,
    lang: str,
    direction: str | None = None,
    goals: Sequence[str] = (),
    statuses: Sequence[str] = (),
    bodies: Sequence[str] = (),
    search: str = "",
    themes: Sequence[str] = (),
) -> pd.DataFrame:
    """Indicators with their status, filtered, worst first: what the Directions page lists and draws
    (and the Overview finds across directions, by ``themes`` and ``search``)."""
    ind = filter_indicators(plan, lang, [direction] if direction else (), search)
    if themes:
        ind = ind[ind["theme"].isin(themes)]
    if goals:
        wanted = {g for g in goals if g != GOAL_HEADLINE}
        ind = ind[ind["goal"].isin(wanted) | ((ind["goal"] == "") & (GOAL_HEADLINE in goals))]
    if bodies:
        ind = ind[ind["responsible_body"].isin(bodies)]
    rows = worst_first(assessment[assessment["indicator_id"].isin(ind["id"])])
    if statuses:
        rows = rows[rows["status"].isin(statuses)]
    meta = ind.set_index("id")
    out = rows.copy()
    out["code"] = out["indicator_id"].map(meta["code"])
    out["name"] = out["indicator_id"].map(meta[f"name_{lang}"])
    out["unit"] = out["indicator_id"].map(meta[i18n.translated_column("unit", lang)])
    out["status_label"] = [status_label(s, lang) for s in out["status"]]
    records = out.to_dict("records")  # plain dicts: iterrows builds a Series per row, too slow for thousands
    out["basis"] = [basis_label(r, lang) for r in records]
    out["explanation"] = [explain(r, str(r["unit"]), lang) for r in records]
    out["manual_label"] = [manual_text(r, lang) for r in records]
    if len(plan.editions) > 1:  # which edition's target each status rests on, and what editions did to it
        notes = [edition_note(plan, r, meta.loc[r["indicator_id"]], lang) for r in records]
        out["explanation"] = [f"{e} {n}".strip() for e, n in zip(out["explanation"], notes, strict=True)]
    return out.reset_index(drop=True)


def manual_text(row: Mapping[Hashable, Any], lang: str) -> str:
    """The coordinator's status beside the computed one, with who set it, for which year and why ("" if none)."""
    status = str(row.get("manual_status") or "")
    if not status:
        return ""
    year = row.get("manual_year")
    return t(
        "status.manual",
        lang,
        status=status_label(status, lang),
        who=str(row.get("manual_by") or ""),
        year=str(year) if year is not None and not pd.isna(year) else "—",
        reason=str(row.get("manual_reason") or ""),
    )


def progress_display(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns of ``progress_rows`` a reader sees, with headings in their language (the coordinator's
    status beside the computed one when any is set)."""
    columns = {
        t("col.status", lang): rows["status_label"],
        t("col.code", lang): rows["code"],
        t("col.name", lang): rows["name"],
        t("col.basis", lang): rows["basis"],
        t("col.explanation", lang): rows["explanation"],
    }
    manual = rows["manual_label"] if "manual_label" in rows else pd.Series(dtype=str)
    if manual.astype(bool).any():
        columns = {t("col.status", lang): rows["status_label"], t("col.manual_status", lang): manual, **columns}
    return pd.DataFrame(columns)


def found_display(plan: Plan, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``progress_rows`` found across directions, for people: status, code, name, sector, direction, why."""
    meta = plan.indicators.set_index("id")
    return pd.DataFrame(
        {
            t("col.status", lang): rows["status_label"],
            t("col.code", lang): rows["code"],
            t("col.name", lang): rows["name"],
            t("ux.overview.theme", lang): [t(f"theme.{meta.loc[i, 'theme']}", lang) for i in rows["indicator_id"]],
            t("col.direction", lang): rows["indicator_id"].map(meta["direction_id"]).map(direction_names(plan, lang)),
            t("col.explanation", lang): rows["explanation"],
        }
    )


def recorded_at_by_year(actuals: pd.DataFrame, indicator_id: str) -> dict[int, str]:
    """When each recorded actual of an indicator was saved, for chart tooltips (``2026-11-24``)."""
    rows = actuals[actuals["indicator_id"] == indicator_id]
    return {int(y): clock.day_text(pd.Timestamp(at)) for y, at in zip(rows["year"], rows["recorded_at"], strict=True)}


def unit_text(plan: Plan, row: pd.Series, lang: str) -> str:
    """The unit, or a plain statement that the table gives none. On a Kazakh screen a unit the plan prints in
    Russian (``млрд тенге``) says so: it is shown as printed, never put into Kazakh as if printed so."""
    return _unit(plan, row, lang) or t("indicator.no_unit", lang)


def unit_in_sentence(plan: Plan, row: pd.Series | Mapping[Hashable, Any], lang: str) -> str:
    """The unit as it follows a number in a sentence: ``unit_text``'s, but nothing where the plan gives none
    ("45 no unit given" would read as if that were the unit), and a word the plan starts with a capital in lower
    case ("72,9 жыл саны", not "72,9 Жыл саны"; an abbreviation in capitals stays)."""
    unit = _unit(plan, row, lang)
    return unit[0].lower() + unit[1:] if unit[:2].istitle() and unit[:1].isalpha() else unit


def _unit(plan: Plan, row: pd.Series | Mapping[Hashable, Any], lang: str) -> str:
    unit = i18n.unit_of(row, lang)
    reviewed = plan.printed_text("unit", str(row["unit"]))
    if unit and lang == i18n.DEFAULT_LANGUAGE and reviewed is not None and reviewed["language"] == "ru":
        return f"{unit} ({t('printed.in_russian_short', lang)})"
    return unit


def printed_code(row: pd.Series | Mapping[Hashable, Any], lang: str) -> str:
    """An indicator's code as the plan prints it ("1.2 көрсеткіш"); in Russian and English the code, with the
    printed form beside it in quotes, so a Kazakh word does not sit in the reader's sentence unexplained."""
    printed, code = str(row["code_raw"] or ""), str(row["code"] or "")
    if not printed:
        return "—"
    if lang == i18n.DEFAULT_LANGUAGE or printed == code or not code:
        return printed
    return t("indicator.code_printed", lang, code=code, printed=printed)


def facts_markdown(plan: Plan, row: pd.Series, lang: str) -> str:
    """What the plan says about an indicator, as a short list (empty fields said to be empty)."""
    bodies = body_names(plan, lang)
    given = t("common.not_given", lang)
    body = row["responsible_body"]
    responsible = printed_text(plan, "responsible", row["responsible"], lang).inline() or given
    if body in bodies:
        responsible += f" ({body}: {bodies[body]}, {t('indicator.expansion_note', lang)})"
    goal = goal_names(plan, lang).get(row["goal"], t("col.headline", lang))
    items = [
        (t("col.code", lang), printed_code(row, lang)),
        (t("col.direction", lang), direction_names(plan, lang)[row["direction_id"]]),
        (t("col.goal", lang), goal),
        (t("col.unit", lang), unit_text(plan, row, lang)),
        (t("col.desired", lang), f"{t('desired.' + row['desired'], lang)} — {t('indicator.desired_note', lang)}"),
        (t("col.scope", lang), t(f"scope.{row['scope']}", lang)),
        (t("col.responsible", lang), responsible),
        (t("col.source", lang), printed_text(plan, "source", row["source"], lang).inline() or given),
    ]
    return "\n".join(f"- **{k}**: {v}" for k, v in items)


def indicator_values(plan: Plan, actuals: pd.DataFrame, indicator_id: str, lang: str) -> pd.DataFrame:
    """Year by year: what the plan prints (with the cell text) and what was recorded since."""
    values = plan.series(indicator_id)
    recorded = actuals[actuals["indicator_id"] == indicator_id].set_index("year")
    return pd.DataFrame(
        {
            t("common.year", lang): values["year"].astype(str),
            t("common.kind", lang): [t(f"kind.{k}", lang) for k in values["kind"]],
            t("indicator.plan_value", lang): values["value"],
            t("common.source_cell", lang): values["raw"],
            t("indicator.recorded_value", lang): [recorded["value"].get(y) for y in values["year"]],
            t("indicator.recorded_by", lang): [
                f"{recorded.loc[y, 'recorded_by']}, {clock.day_text(pd.Timestamp(recorded.loc[y, 'recorded_at']))}"
                + (f" · {t('cycle.not_approved', lang).upper()}" if _pending(recorded.loc[y]) else "")
                if y in recorded.index
                else ""
                for y in values["year"]
            ],
            **(
                {t("editions.col_edition", lang): [edition_label(plan, e, lang) for e in values["edition"]]}
                if len(plan.editions) > 1
                else {}
            ),
        }
    ).astype({t("indicator.recorded_value", lang): "float64"})


def _pending(row: pd.Series) -> bool:
    return bool(row.get("approval") == "submitted")


def linked_projects(plan: Plan, indicator_id: str, lang: str) -> pd.DataFrame:
    """Projects the plan (or our reading of it, marked) links to an indicator."""
    prj = plan.projects[plan.projects["indicator_ids"].str.split(";").apply(lambda ids: indicator_id in ids)]
    return pd.DataFrame(
        {
            t("col.number", lang): [project_number(p) for p in prj["id"]],
            t("col.project", lang): prj[f"name_{lang}"],
            t("col.sector", lang): [t(f"sector.{s}", lang) for s in prj["sector"]],
            t("col.years", lang): [
                years_text(s, e, lang) for s, e in zip(prj["start_year"], prj["end_year"], strict=True)
            ],
            t("col.cost", lang): prj["cost_mln_kzt"],
            t("col.stage", lang): [t(f"stage.{s}", lang) for s in prj["stage"]],
            t("col.link", lang): [t(f"link.{b}", lang) for b in prj["link_basis"]],
            t("col.id", lang): prj["id"],
        }
    )


# ── recording ──────────────────────────────────────────────────────────────


def import_preview(result_preview: pd.DataFrame, plan: Plan, lang: str) -> pd.DataFrame:
    """The row-by-row preview of a body workbook's import (any kind), for people."""
    names = {
        **dict(zip(plan.indicators["id"], plan.indicators[f"name_{lang}"], strict=True)),
        **dict(zip(plan.projects["id"], plan.projects[f"name_{lang}"], strict=True)),
        **{
            str(i): str(label)
            for i, label in zip(plan.financing["line_id"], plan.financing[f"label_{lang}"], strict=True)
        },
    }
    return pd.DataFrame(
        {
            t("col.row", lang): result_preview["row"],
            t("col.code", lang): result_preview["code"],
            t("col.name", lang): result_preview["subject_id"].map(names).fillna(""),
            t("cycle.col.period", lang): result_preview["period"].astype("string").fillna(""),
            t("col.old", lang): pd.to_numeric(result_preview["old"], errors="coerce"),
            t("col.new", lang): pd.to_numeric(result_preview["new"], errors="coerce"),
            t("col.result", lang): [t(f"status_word.{s}", lang) for s in result_preview["status"]],
            t("col.reason", lang): [
                p.message(lang) if isinstance(p, Problem) else "" for p in result_preview["problem"]
            ],
        }
    )


def actuals_history(plan: Plan, history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Changes of recorded actuals, newest first: when, who, what, before → after."""
    rows = history[history["action"].isin(["record", "import", "undo"])]
    codes = plan.indicators.set_index("id")
    keys = rows["entity_key"].str.split(":", expand=True) if not rows.empty else pd.DataFrame({0: [], 1: []})
    return pd.DataFrame(
        {
            t("col.when", lang): [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in rows["at"]],
            t("col.who", lang): rows["who"],
            t("col.action", lang): [t(f"action.{a}", lang) for a in rows["action"]],
            t("col.code", lang): keys[0].map(codes["code"]) if not rows.empty else [],
            t("col.name", lang): keys[0].map(codes[f"name_{lang}"]) if not rows.empty else [],
            t("common.year", lang): keys[1] if not rows.empty else [],
            t("col.old", lang): [b.get("value") if isinstance(b, dict) else None for b in rows["before"]],
            t("col.new", lang): [a.get("value") if isinstance(a, dict) else None for a in rows["after"]],
            t("export.source_file", lang): rows["source_file"],
        }
    ).astype({t("col.old", lang): "float64", t("col.new", lang): "float64"})


# ── what-if ────────────────────────────────────────────────────────────────


def scenario_rows(scenario: pd.DataFrame, line_id: str) -> pd.DataFrame:
    """One line of a scenario, year by year (2024–2030)."""
    return scenario[scenario["line_id"] == line_id].sort_values("year").reset_index(drop=True)


def scenario_table(scenario: pd.DataFrame, line_id: str, lang: str) -> pd.DataFrame:
    """Year by year: plan, scenario, change and change in %, then the 2026–2030 sum."""
    rows = scenario_rows(scenario, line_id)
    period = rows[rows["year"].isin(PLAN_YEARS)]
    base_sum = period["baseline_mln_kzt"].sum(min_count=1)
    scen_sum = period["amount_mln_kzt"].sum(min_count=1)
    years = [str(y) for y in rows["year"]] + [t("whatif.period_total", lang)]
    baseline = [*rows["baseline_mln_kzt"], base_sum]
    amounts = [*rows["amount_mln_kzt"], scen_sum]
    delta = [*rows["delta_mln_kzt"], period["delta_mln_kzt"].sum()]
    # no change is 0 %; a change from nothing has no percentage
    share = [
        0.0 if not d else (d / b if b and not pd.isna(b) else float("nan"))
        for b, d in zip(baseline, delta, strict=True)
    ]
    return pd.DataFrame(
        {
            t("common.year", lang): years,
            t("whatif.col_plan", lang): pd.Series(baseline, dtype="float64"),
            t("whatif.col_scenario", lang): pd.Series(amounts, dtype="float64"),
            t("whatif.col_delta", lang): pd.Series(delta, dtype="float64"),
            t("whatif.col_delta_pct", lang): pd.Series([s * 100 for s in share], dtype="float64"),
        }
    )


def moves_table(moves: Sequence[Move], plan: Plan, lang: str) -> pd.DataFrame:
    """The moves of a scenario, readable: from which line and year, to which, how much."""
    labels = line_labels(plan, lang)
    return pd.DataFrame(
        {
            t("whatif.col_n", lang): list(range(1, len(moves) + 1)),
            t("whatif.col_from", lang): [f"{labels.get(m.line_id, m.line_id)} · {m.from_year}" for m in moves],
            t("whatif.col_to", lang): [f"{labels.get(m.target_line, m.target_line)} · {m.to_year}" for m in moves],
            t("whatif.col_amount", lang): pd.Series([m.amount_mln_kzt for m in moves], dtype="float64"),
        }
    )


def _indicators_with_status(plan: Plan, ids: Sequence[str], assessment: pd.DataFrame, lang: str) -> str:
    """``code name (status)`` of each indicator, ``; ``-separated."""
    ind = plan.indicators.set_index("id")
    statuses = assessment.set_index("indicator_id")["status"]
    return "; ".join(
        f"{str(ind.loc[i, 'code']) or '—'} {ind.loc[i, f'name_{lang}']!s} ({status_label(statuses[i], lang)})"
        for i in ids
    )


def _project_years(project: pd.Series, stated: bool, lang: str) -> str:
    """The years the plan gives, and those assumed for an exposure list where it gives them not or in part."""
    if stated:
        return years_text(project["start_year"], project["end_year"], lang)
    if year_or_none(project["start_year"]) is None and year_or_none(project["end_year"]) is None:
        return t("whatif.years_assumed_all", lang, years=_span(project))
    return (
        years_text(project["start_year"], project["end_year"], lang)
        + " "
        + t("whatif.years_assumed", lang, years=_span(project))
    )


def exposure_table(plan: Plan, exposed: pd.DataFrame, assessment: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Exposed projects, one row per project and year, with what their direction loses that year (shared by every
    project under way then, so not to be added up) and their indicators' statuses: the workbook's flat list."""
    projects = plan.projects.set_index("id")
    return pd.DataFrame(
        {
            t("col.project", lang): exposed["project_id"].map(projects[f"name_{lang}"]),
            t("common.year", lang): exposed["year"].astype(str),
            t("whatif.col_removed", lang): exposed["removed_mln_kzt"].astype("float64"),
            t("whatif.col_share", lang): [i18n.percent(s, lang, 1) for s in exposed["share_removed"]],
            t("whatif.col_years_stated", lang): [
                _project_years(projects.loc[p], stated, lang)
                for p, stated in zip(exposed["project_id"], exposed["years_stated"], strict=True)
            ],
            t("whatif.col_indicators", lang): [
                _indicators_with_status(plan, [i for i in ids.split(";") if i], assessment, lang)
                for ids in exposed["indicator_ids"]
            ],
        }
    )


def exposure_projects(plan: Plan, project_ids: Sequence[str], lang: str) -> pd.DataFrame:
    """The projects sharing one year's cut: number, name, years, the codes of their linked indicators (no amount:
    the cut is stated once, above them; the indicators with their status are listed once, below)."""
    projects = plan.projects.set_index("id")
    codes = dict(zip(plan.indicators["id"], plan.indicators["code"].replace("", "—"), strict=True))
    rows = projects.loc[list(project_ids)]
    return pd.DataFrame(
        {
            t("col.number", lang): [project_number(p) for p in project_ids],
            t("col.project", lang): rows[f"name_{lang}"].to_numpy(),
            t("whatif.col_years_stated", lang): [
                _project_years(project, _years_stated(project), lang)
                for _, project in projects.loc[list(project_ids)].iterrows()
            ],
            t("whatif.col_indicator_codes", lang): [
                ", ".join(codes[i] for i in str(ids or "").split(";") if i) or "—" for ids in rows["indicator_ids"]
            ],
        }
    )


def _years_stated(project: pd.Series) -> bool:
    """Whether the plan states the years a project runs (else the whole period is assumed)."""
    return project_years(project["start_year"], project["end_year"])[1]


def _span(project: pd.Series) -> str:
    years, _known = project_years(project["start_year"], project["end_year"])
    return f"{years[0]}–{years[-1]}" if years else "–"


def compare_scenarios(current: pd.DataFrame, other: pd.DataFrame, other_name: str, lang: str) -> pd.DataFrame:
    """Every direction line and the grand total per plan year: plan, this scenario, the other one."""
    keep = current["role"].isin(["line", "total"]) & current["year"].isin(PLAN_YEARS)
    left = current[keep]
    right = other[keep]
    labels = left[f"label_{lang}"]
    return pd.DataFrame(
        {
            t("col.line", lang): labels.to_numpy(),
            t("common.year", lang): left["year"].astype(str).to_numpy(),
            t("whatif.col_plan", lang): left["baseline_mln_kzt"].to_numpy(),
            t("whatif.col_scenario", lang): left["amount_mln_kzt"].to_numpy(),
            other_name: right["amount_mln_kzt"].to_numpy(),
        }
    )


# ── the monitoring cycle ───────────────────────────────────────────────────


def cycle_log(plan: Plan, history: pd.DataFrame, lang: str, zone: zoneinfo.ZoneInfo | None = None) -> pd.DataFrame:
    """The log of submissions (``Store.history(entity="submission")``), newest first, for people: when (on
    ``zone``'s clock, Zhezkazgan's by default), who, what they did, the indicator and period, the value and
    state before → after, the comment."""
    zone = zone or clock.zone()
    rows = history[history["entity"] == "submission"]
    codes = plan.indicators.set_index("id")
    parts = [str(k).split(":") for k in rows["entity_key"]]
    ids = [p[1] if len(p) > 2 else "" for p in parts]

    def value(state: object) -> float | None:
        return (
            state["payload"].get("value")
            if isinstance(state, dict) and isinstance(state.get("payload"), dict)
            else None
        )

    def state_word(state: object) -> str:
        return t(f"cycle.state.{state['state']}", lang) if isinstance(state, dict) and "state" in state else "—"

    return pd.DataFrame(
        {
            t("col.when", lang): [clock.when(v, zone) for v in rows["at"]],
            t("col.who", lang): rows["who"],
            t("col.action", lang): [t(f"cycle.log.{a}", lang) for a in rows["action"]],
            t("col.code", lang): [codes["code"].get(i, i) for i in ids],
            t("col.name", lang): [codes[f"name_{lang}"].get(i, "") for i in ids],
            t("cycle.col.period", lang): [p[2] if len(p) > 2 else "" for p in parts],
            t("col.old", lang): [value(b) for b in rows["before"]],
            t("col.new", lang): [value(a) for a in rows["after"]],
            t("cycle.col.state", lang): [
                f"{state_word(b)} → {state_word(a)}" for b, a in zip(rows["before"], rows["after"], strict=True)
            ],
            t("cycle.field.comment", lang): rows["comment"],
            t("export.source_file", lang): rows["source_file"],
        }
    ).astype({t("col.old", lang): "float64", t("col.new", lang): "float64"})


# ── editions ───────────────────────────────────────────────────────────────


def _edition_number(value: object) -> int | None:
    """An edition's number from a table cell (numpy or pandas integers; None, NA or NaN for none)."""
    return int(float(value)) if isinstance(value, numbers.Real) and value == value else None


def edition_label(plan: Plan, number: object, lang: str) -> str:
    """An edition as a reader names it: ``the published plan`` for edition 0, else «its name»."""
    found = _edition_number(number)
    if found is None:
        return "—"
    if found == 0:
        return t("editions.published", lang)
    return t("editions.quoted", lang, name=plan.edition_names(lang).get(found, str(found)))


def edition_note(plan: Plan, row: Mapping[Any, Any], indicator: pd.Series, lang: str) -> str:
    """What the editions say about one status (a row of ``progress.assess``): which edition's target it is
    judged against, and whether the indicator is new in an edition, dropped by one or awaits review.
    Empty for a plan of one edition."""
    if len(plan.editions) < 2:
        return ""
    notes = []
    if indicator["needs_review"]:
        notes.append(t("editions.note_needs_review", lang))
    edition = _edition_number(row["edition"])
    if edition is not None:
        notes.append(
            t("editions.note_judged", lang, year=str(row["target_year"]), edition=edition_label(plan, edition, lang))
        )
    until = indicator["until_year"]
    if not pd.isna(until):
        dropped_by = edition_label(plan, indicator["dropped_in"], lang)
        notes.append(t("editions.note_dropped", lang, edition=dropped_by, year=str(int(until) + 1)))
    elif pd.isna(indicator["from_year"]):
        notes.append(t("editions.note_never", lang, edition=edition_label(plan, indicator["dropped_in"], lang)))
    elif int(indicator["from_year"]) > YEARS[0]:
        added_by = edition_label(plan, indicator["edition"], lang)
        notes.append(t("editions.note_new", lang, edition=added_by, year=str(int(indicator["from_year"]))))
    return " ".join(notes)


def editions_table(plan: Plan, states: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The editions of the plan, the published one first: name, basis, year in force, who loaded it and when,
    and its state (``states``: ``Store.edition_states``, withdrawn ones included)."""
    rows = [
        {
            t("editions.col_number", lang): i18n.NO_VALUE,  # the published plan: the amendments are numbered 1, 2…
            t("editions.col_name", lang): plan.document[f"name_{lang}"].iloc[0],
            t("editions.col_basis", lang): plan.document["basis"].iloc[0] or t("common.not_given", lang),
            t("editions.col_effective", lang): int(plan.document["effective_year"].iloc[0]),
            t("editions.col_state", lang): t("editions.state_published", lang),
            t("editions.col_loaded", lang): "",
            t("editions.col_file", lang): t("editions.published_file", lang),  # not a path of ours
        }
    ]
    for s in states.to_dict("records"):
        loaded = f"{s['loaded_by']}, {pd.Timestamp(s['loaded_at']):%Y-%m-%d %H:%M} UTC" if s["loaded_at"] else ""
        state = t(f"editions.state_{s['state']}", lang)
        if s["state"] == "withdrawn":
            state += f" ({s['withdrawn_by']}: {s['withdraw_reason']})"
        rows.append(
            {
                t("editions.col_number", lang): str(int(s["number"])),
                t("editions.col_name", lang): s["name"],
                t("editions.col_basis", lang): s["basis"] or t("common.not_given", lang),
                t("editions.col_effective", lang): int(s["effective_year"]),
                t("editions.col_state", lang): state,
                t("editions.col_loaded", lang): loaded,
                t("editions.col_file", lang): s["source_file"],
            }
        )
    return pd.DataFrame(rows)


def diff_table(old: Plan, new: Plan, changes: pd.DataFrame, lang: str, for_screen: bool = False) -> pd.DataFrame:
    """What changed between two editions (``editions.diff``) for people: the change in words, the indicator
    or financing line, the year, what it was and what it is, by how much. Numbers stay numbers in a file;
    ``for_screen`` writes every cell as text the reader's way (a column can then hold names and numbers)."""
    names = {**_labels(old, lang), **_labels(new, lang)}
    lines = {
        **old.financing.drop_duplicates("line_id").set_index("line_id")[f"label_{lang}"].to_dict(),
        **new.financing.drop_duplicates("line_id").set_index("line_id")[f"label_{lang}"].to_dict(),
    }
    dirs = {**direction_names(old, lang), **direction_names(new, lang)}

    def shown(value: object, change: str) -> object:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return t("editions.no_value", lang) if change in ("value_changed", "financing_changed") else ""
        if change == "moved":
            return dirs.get(str(value), str(value))
        if isinstance(value, float) and for_screen:
            return i18n.number(value, lang)
        return value

    records = changes.to_dict("records")
    return pd.DataFrame(
        {
            t("editions.col_change", lang): [t(f"editions.change.{r['change']}", lang) for r in records],
            t("col.code", lang): [r["code"] or ("—" if r["indicator_id"] else "") for r in records],
            t("editions.col_subject", lang): [
                names.get(r["indicator_id"], r["indicator_id"]) if r["indicator_id"] else lines.get(r["line_id"], "")
                for r in records
            ],
            t("common.year", lang): ["" if pd.isna(r["year"]) else str(int(r["year"])) for r in records],
            t("common.kind", lang): [t(f"kind.{r['kind']}", lang) if r["kind"] else "" for r in records],
            t("editions.col_before", lang): [shown(r["before"], r["change"]) for r in records],
            t("editions.col_after", lang): [shown(r["after"], r["change"]) for r in records],
            t("editions.col_delta", lang): [
                (i18n.signed(r["delta"], lang) if for_screen else r["delta"]) if not pd.isna(r["delta"]) else None
                for r in records
            ],
            t("col.id", lang): [r["indicator_id"] or r["line_id"] for r in records],
        }
    )


def _labels(plan: Plan, lang: str) -> dict[str, str]:
    return dict(zip(plan.indicators["id"], plan.indicators[f"name_{lang}"], strict=True))


def review_queue(plan: Plan, lang: str) -> pd.DataFrame:
    """Indicators an edition brought in that await a coordinator's review (no desired direction, or names
    shown in Kazakh), with what each still lacks."""
    ind = plan.indicators[plan.indicators["needs_review"] | plan.indicators["untranslated"]]
    return pd.DataFrame(
        {
            t("col.code", lang): ind["code"],
            t("col.name_original", lang): ind["name_kk"],
            t("col.unit", lang): ind["unit"],
            t("editions.col_lacks", lang): [
                ", ".join(
                    ([t("editions.lacks_desired", lang)] if r else [])
                    + ([t("editions.lacks_names", lang)] if u else [])
                )
                for r, u in zip(ind["needs_review"], ind["untranslated"], strict=True)
            ],
            t("editions.col_from", lang): [edition_label(plan, e, lang) for e in ind["edition"]],
            t("col.id", lang): ind["id"],
        }
    ).reset_index(drop=True)


def superseded_paths(plan: Plan, indicator_id: str, lang: str) -> list[tuple[str, list[tuple[int, float, str]]]]:
    """The target paths other editions print for an indicator (``editions.printed_paths``), each with its
    edition's label: what its trajectory chart shows faintly."""
    from zhez.editions import printed_paths

    return [(edition_label(plan, n, lang), path) for n, path in printed_paths(plan, indicator_id).items()]
