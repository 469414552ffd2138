"""Every workbook the app writes names its sheets in the reader's language, as Excel takes them (issue 23 §3);
a body's workbook is read whatever language it was made in."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from apptest_helpers import LANGS, no_exceptions, open_page
from openpyxl import load_workbook

from zhez import budget, cycle, export, progress
from zhez.auth import trusted_person
from zhez.body_workbook import bodies_of, read_workbook, template_bytes
from zhez.budget import Move
from zhez.cycle import Period
from zhez.excel import export_bytes, reminders_bytes, scenario_bytes, sheet_title, workbook_bytes
from zhez.export import Provenance
from zhez.i18n import t
from zhez.store import Store

COORDINATOR = trusted_person("Dana Coordinator", "coordinator")
Y2026 = Period(2026)
LATIN = re.compile(r"[A-Za-z]")


def sheets_of(data: bytes) -> list[str]:
    return load_workbook(io.BytesIO(data), read_only=True).sheetnames


def taken_by_excel(name: str) -> bool:
    return 0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) and not name.startswith("'")


def test_a_sheet_title_is_one_excel_takes_and_unlike_the_others():
    assert sheet_title("Факт / план: 2026 [млн ₸]?") == "Факт план 2026 млн ₸"
    assert sheet_title("а" * 40) == "а" * 31
    assert sheet_title("Кесте", ["кесте"]) == "Кесте (2)"
    assert sheet_title("а" * 40, ["а" * 31]) == "а" * 27 + " (2)"
    assert sheet_title("'quoted'") == "quoted" and sheet_title("/:") == "—"
    book = load_workbook(io.BytesIO(workbook_bytes({"Кесте": pd.DataFrame(), "кесте": pd.DataFrame()})))
    assert book.sheetnames == ["Кесте", "кесте (2)"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_workbook_names_its_sheets_in_the_reader_s_language(plan, lang):
    store = Store()
    store.migrate()
    store.open_round(COORDINATOR, Y2026, pd.Timestamp("2027-03-01").date())
    round_ = store.rounds().iloc[0].to_dict()
    owed = cycle.owed(plan, round_, store.reports())
    assessment = progress.assess(plan)
    moves = [Move("rp-1", 2026, 2028, 10_000.0)]
    scenario = budget.apply(plan, moves)
    notes = t("xlsx.sheet_notes", lang)
    books = {
        "actuals": (export_bytes(plan, store.actuals(), store.history(), lang), [notes, t("xlsx.sheet_actuals", lang), t("xlsx.sheet_history", lang)]),
        "reminders": (reminders_bytes(plan, owed, Y2026, round_["due"], lang), [notes, t("cycle.col.owed", lang)]),
        "scenario": (
            scenario_bytes(plan, scenario, moves, budget.exposure(plan, scenario), assessment, "June", "Aigul", "today", lang),
            [notes, t("xlsx.sheet_scenario", lang), t("whatif.moves", lang), t("whatif.exposure", lang)],
        ),
        "direction": (
            export.plan_workbook(plan, assessment, Provenance(lang, pd.Timestamp("2026-12-01").date()), "rp-2"),
            [notes, *(t(f"export.sheet_{s}", lang) for s in ("statuses", "indicators", "values", "financing", "projects"))],
        ),
        **{
            kind: (
                template_bytes(plan, kind, bodies_of(plan, COORDINATOR), Y2026, store.reports(kind), lang),
                [t(f"exec.kind.{kind}", lang)],
            )
            for kind in ("indicator", "project", "financing")
        },
    }  # fmt: skip
    for what, (data, expected) in books.items():
        names = sheets_of(data)
        assert names == expected, what
        assert all(taken_by_excel(n) for n in names), (what, names)
        if lang != "en":
            assert not [n for n in names if LATIN.search(n)], (what, names)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_table_downloaded_from_a_page_names_its_sheet_in_the_reader_s_language(made_on_click, lang):
    at = open_page("pages/data.py", lang=lang)
    no_exceptions(at)
    names = sheets_of(made_on_click["indicators.xlsx"]())
    assert names == [t("export.sheet_indicators", lang)]
    at = open_page("pages/audit.py", lang=lang)
    at.session_state["audit-tab"] = t("audit.tab_table", lang)  # the table and its downloads are in that tab
    at.run()
    no_exceptions(at)
    assert sheets_of(made_on_click["audit.xlsx"]()) == [t("page.audit", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_body_workbook_made_in_any_language_is_read_back_unchanged(plan, lang):
    store = Store()
    store.migrate()
    store.open_round(COORDINATOR, Y2026, pd.Timestamp("2027-03-01").date())
    for kind in ("indicator", "project", "financing"):
        data = template_bytes(plan, kind, bodies_of(plan, COORDINATOR), Y2026, store.reports(kind), lang)
        read = read_workbook(data, plan, COORDINATOR, kind, Y2026, store.reports(kind), store.check_context(kind))
        assert read.ok, (kind, read.problem_lines("en")[:3])
        assert read.entries == [], kind  # untouched: nothing to submit
