"""Execution through the app: what viewers see is what the coordinator approved — on the Execution screen, the
map, the Overview and the Meeting slide; bodies report and the coordinator reviews on the Execution screen;
the What-if page keeps money already spent where it was spent."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from apptest_helpers import LANGS, no_exceptions, open_page, texts

from zhez.auth import hash_password, trusted_person
from zhez.cycle import Entry, Period
from zhez.execution import FinancingReport, ProjectReport
from zhez.store import Store

PASSWORD = "correct horse 2026"
COORDINATOR = trusted_person("Dana Coordinator", "coordinator")
SECOND = trusted_person("Erlan Coordinator", "coordinator")
UTILITIES = trusted_person("Tolegen Utilities", "editor", ["ТКШБ"])
LATE = ProjectReport("construction", 85.0, dt.date(2025, 5, 10), None, 1900.0)  # p33 was to be finished in 2026


def opened() -> Store:
    store = Store()
    store.migrate()
    store.open_round(COORDINATOR, Period(2026), dt.date(2027, 3, 1))
    return store


def submit(store: Store, person, subject: str, report, kind: str = "project") -> list[int]:  # type: ignore[no-untyped-def]
    return store.save(store_plan(), person, [Entry(subject, Period(2026), report, kind=kind)], submit=True).saved


def store_plan():  # type: ignore[no-untyped-def]
    from zhez import load_plan

    return load_plan()


def deck_layers(at) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    (deck,) = at.get("deck_gl_json_chart")
    return {layer["id"]: layer for layer in json.loads(deck.proto.json)["layers"]}


def frame_with(at, column):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_the_execution_screen_answers_in_every_language(lang):
    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.approve(store_plan(), COORDINATOR, submit(store, sports, "p33", LATE))
    money = FinancingReport(41_250.0, 79_100.0, source="treasury")
    store.approve(store_plan(), SECOND, submit(store, COORDINATOR, "rp-1", money, "financing"))
    at = open_page("pages/execution.py", lang=lang)
    no_exceptions(at)
    page = texts(at)
    words = {"kk": "Кешігіп жатқан жобалар", "ru": "Отстающие проекты", "en": "Late projects"}[lang]
    assert words in page and "41" in page
    assert not [c.value for c in at.caption if "{" in c.value]  # every placeholder filled
    late = frame_with(at, {"kk": "Кешігу: себебі және қаншалықты", "ru": "Отставание: почему и насколько",
                           "en": "Late: why and how far"}[lang])  # fmt: skip
    assert late.iloc[:, 0].tolist() == [33]
    approver = {"kk": "Бекіткен", "ru": "Одобрил", "en": "Approved by"}[lang]
    assert late[approver].tolist() == ["Dana Coordinator"]  # every figure traceable to an approved entry


def test_an_approved_status_change_shows_on_the_map_and_in_the_rollup_a_submitted_one_does_not():
    store = opened()
    (version,) = submit(store, UTILITIES, "p34", ProjectReport("construction", 40.0, dt.date(2026, 4, 1), None, 6000.0))
    at = open_page("pages/map.py", lang="en", project="p34", colour="status")
    no_exceptions(at)
    assert "No approved report on this project yet." in texts(at)
    points = {p["id"]: p for p in deck_layers(at)["projects"]["data"]}
    assert points["p34"]["status"] == "no approved report"
    at = open_page("pages/execution.py", lang="en")
    assert "0 / 43" in texts(at)

    store.approve(store_plan(), COORDINATOR, [version], "checked against the act")
    at = open_page("pages/map.py", lang="en", project="p34", colour="status")
    no_exceptions(at)
    page = texts(at)
    assert "construction, 40.0\u00a0% as of 2026-12-31" in page and "Spent so far: 6,000.0\u00a0mln ₸" in page
    assert "entered by Tolegen Utilities, approved by Dana Coordinator" in page  # the history, who and when
    points = {p["id"]: p for p in deck_layers(at)["projects"]["data"]}
    assert points["p34"]["status"] == "construction" and points["p34"]["fill"][:3] == [238, 119, 51]
    at = open_page("pages/execution.py", lang="en")
    assert "1 / 43" in texts(at) and "40.0\u00a0%" in texts(at)


def test_a_late_project_is_marked_on_the_map_and_can_be_filtered():
    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.approve(store_plan(), COORDINATOR, submit(store, sports, "p33", LATE))
    at = open_page("pages/map.py", lang="ru", late="1")
    no_exceptions(at)
    layers = deck_layers(at)
    assert [p["id"] for p in layers["projects"]["data"]] == ["p33"]
    assert layers["projects"]["data"][0]["number"] == "33!" and len(layers["late"]["data"]) == 1
    assert "красное кольцо: отстаёт" in texts(at)


def test_a_body_reports_and_the_coordinator_approves_on_the_execution_screen():
    opened()
    hashed = hash_password(PASSWORD)
    at = open_page(None, lang="en")
    at.secrets["users"] = {
        "Tolegen": {"password": hashed, "role": "editor", "bodies": ["ТКШБ"]},
        "Dana": {"password": hashed, "role": "coordinator"},
    }
    at.switch_page("pages/execution.py").run()
    at.text_input[0].input("Tolegen")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    no_exceptions(at)
    at.selectbox(key="ex-project-pick").set_value("p34").run()
    prefix = "ex-project-p34-2026"
    at.selectbox(key=f"{prefix}-status").set_value("construction")
    at.number_input(key=f"{prefix}-pct").set_value(40.0)
    at.date_input(key=f"{prefix}-start").set_value(dt.date(2026, 4, 1))
    at.number_input(key=f"{prefix}-spent").set_value(6000.0)
    next(b for b in at.button if b.label == "Submit").click().run()
    no_exceptions(at)
    assert any("Submitted for review: 1" in s.value for s in at.success), [e.value for e in at.error]
    held = Store().reports("project")
    assert held[["subject_id", "state", "submitted_by"]].values.tolist() == [["p34", "submitted", "Tolegen"]]

    at = open_page(None, lang="en")
    at.secrets["users"] = {"Dana": {"password": hashed, "role": "coordinator"}}
    at.switch_page("pages/execution.py").run()
    at.text_input[0].input("Dana")
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    review = frame_with(at, "Submitted on")
    assert review[["Report no.", "Code", "Report", "Entered by"]].values.tolist() == [
        [int(held["id"].iloc[0]), "№34", "construction, 40 %, spent 6,000.0\u00a0mln ₸", "Tolegen"]
    ]
    next(b for b in at.button if b.label == "Approve").click().run()
    no_exceptions(at)
    assert Store().reports("project")["state"].tolist() == ["approved"]
    assert Store().execution()["approval"].tolist() == ["approved"]


def test_the_overview_and_the_meeting_carry_execution():
    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.approve(store_plan(), COORDINATOR, submit(store, sports, "p33", LATE))
    at = open_page(None, lang="ru")
    no_exceptions(at)
    assert "Исполнение 2026" in texts(at) and "из 1 с одобренным отчётом" in texts(at)
    at = open_page("pages/meeting.py", lang="ru", slide="7")
    no_exceptions(at)
    assert "Исполнение: отстающие проекты и деньги года" in texts(at)
    assert "Спортивная академия «НАМЫС»" in texts(at) and "окончание по плану — 2026 г." in texts(at)


def test_the_whatif_page_refuses_to_move_executed_money_and_shows_what_remains():
    store = opened()
    spent = FinancingReport(70_000.0, source="treasury")
    store.approve(store_plan(), SECOND, submit(store, COORDINATOR, "rp-1", spent, "financing"))
    at = open_page("pages/whatif.py", lang="ru")
    no_exceptions(at)
    remaining = frame_with(at, "Можно ещё перенести, млн ₸").set_index("Год")
    assert remaining.loc[2026, "Можно ещё перенести, млн ₸"] == pytest.approx(8_779.7)
    at.number_input(key="wi-amount").set_value(10_000.0)
    at.selectbox(key="wi-from").set_value(2026)
    at.selectbox(key="wi-to").set_value(2028)
    next(b for b in at.button if b.label == "Переместить").click().run()
    no_exceptions(at)
    assert any("уже освоено 70\u00a0000" in e.value for e in at.error)
    assert "m" not in at.query_params  # nothing applied
    at.number_input(key="wi-amount").set_value(8_000.0)
    next(b for b in at.button if b.label == "Переместить").click().run()
    assert at.query_params["m"] == "rp-1,2026,2028,8000"


def test_the_brief_carries_the_execution_slide(plan):
    import io

    from pptx import Presentation

    from zhez import export, progress
    from zhez.audit import audit
    from zhez.export import Provenance
    from zhez.rollups import pct_text

    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.approve(plan, COORDINATOR, submit(store, sports, "p33", LATE))
    observed = progress.observed_by_indicator(plan, None)
    data = export.brief_pptx(
        plan, progress.assess(plan), observed, store.actuals(), audit(plan), Provenance("ru", dt.date(2027, 1, 20)),
        execution=store.execution(),
    )  # fmt: skip
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 2 + len(plan.directions) + 1 + 1
    words = " ".join(s.text_frame.text for s in slides[-2].shapes if s.has_text_frame)
    assert "Исполнение: отстающие проекты и деньги года" in words and "Отчитались 1 из 43 проектов" in words
    grid = next(s for s in slides[-2].shapes if s.has_table).table
    assert grid.cell(1, 1).text == "Спортивная академия «НАМЫС» для детей и юношества"
    assert pct_text(85.0, "ru") == "85,0\u00a0%"
