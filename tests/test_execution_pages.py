"""Execution through the app: what viewers see is what the coordinator approved — on the Execution screen, the
map, the Overview and the Meeting slide; bodies report and the coordinator reviews on the Execution screen;
the What-if page keeps money already spent where it was spent."""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_helpers import LANGS, as_read, deck_layers, html_tables, no_exceptions, open_page, texts
from streamlit.testing.v1 import AppTest
from workbook_helpers import fill

from zhez import i18n
from zhez.auth import hash_password, trusted_person
from zhez.cycle import Entry, Period
from zhez.execution import FinancingReport, ProjectReport
from zhez.i18n import t
from zhez.store import Store, StoreError

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
    assert f"0 / {len(store_plan().projects)}" in texts(at)

    store.approve(store_plan(), COORDINATOR, [version], "checked against the act")
    at = open_page("pages/map.py", lang="en", project="p34", colour="status")
    no_exceptions(at)
    page = texts(at)
    assert "construction, 40.0\u00a0% as of 2026-12-31" in page and "Spent so far: 6,000.0\u00a0mln\u00a0₸" in page
    assert "entered by Tolegen Utilities, approved by Dana Coordinator" in page  # the history, who and when
    points = {p["id"]: p for p in deck_layers(at)["projects"]["data"]}
    assert points["p34"]["status"] == "construction" and points["p34"]["fill"][:3] == [238, 119, 51]
    at = open_page("pages/execution.py", lang="en")
    assert f"1 / {len(store_plan().projects)}" in texts(at) and "40.0\u00a0%" in texts(at)


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
    at.text_input(key=f"{prefix}-pct").input("40")
    at.date_input(key=f"{prefix}-start").set_value(dt.date(2026, 4, 1))
    at.text_input(key=f"{prefix}-spent").input("6,000")  # as an English reader writes it
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
        [int(held["id"].iloc[0]), "№34", "construction, 40.0\u00a0%, spent 6,000.0\u00a0mln\u00a0₸", "Tolegen"]
    ]
    next(b for b in at.button if b.label == "Approve").click().run()
    no_exceptions(at)
    assert Store().reports("project")["state"].tolist() == ["approved"]
    assert Store().execution()["approval"].tolist() == ["approved"]


def test_the_overview_the_directions_and_the_meeting_carry_execution():
    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.approve(store_plan(), COORDINATOR, submit(store, sports, "p33", LATE))
    at = open_page(None, lang="ru")
    no_exceptions(at)
    assert "Исполнение 2026" in texts(at) and "из 1 с одобренным отчётом" in texts(at)
    at = open_page("pages/directions.py", lang="ru", dir="rp-1")  # the direction the academy belongs to
    no_exceptions(at)
    assert "Исполнение 2026:" in texts(at) and "отстают: 1" in texts(at)
    other = open_page("pages/directions.py", lang="ru", dir="od-2")
    assert "Исполнение 2026:" in texts(other) and "отстают: 0" in texts(other)
    at = open_page("pages/meeting.py", lang="ru", slide="7")
    no_exceptions(at)
    assert "Исполнение: отстающие проекты и деньги года" in texts(at)
    assert "Спортивная академия «НАМЫС»" in texts(at) and "окончание по плану — 2026 г." in texts(at)
    late = next(frame for frame in html_tables(at) if "Отставание: почему и насколько" in frame.columns)
    assert late[["№", "Статус"]].values.tolist() == [["33", "строительство"]]


def move_money(at: AppTest, lang: str, amount: float, from_year: int | None = None, to_year: int | None = None) -> None:
    """A move on the What-if page's form (the years kept as they are when not given)."""
    whole = amount == int(amount)
    at.text_input(key="wi-amount").input(
        str(int(amount)) if whole else str(amount).replace(".", "." if lang == "en" else ",")
    )
    if from_year is not None:
        at.selectbox(key="wi-from").set_value(from_year)
    if to_year is not None:
        at.selectbox(key="wi-to").set_value(to_year)
    next(b for b in at.get("button") if getattr(b, "key", "") == "wi-add").click().run()
    no_exceptions(at)


def test_the_whatif_page_refuses_to_move_executed_money_and_shows_what_remains():
    store = opened()
    spent = FinancingReport(70_000.0, source="treasury")
    store.approve(store_plan(), SECOND, submit(store, COORDINATOR, "rp-1", spent, "financing"))
    at = open_page("pages/whatif.py", lang="ru")
    no_exceptions(at)
    remaining = frame_with(at, "Можно ещё перенести, млн ₸").set_index("Год")
    assert remaining.loc[2026, "Можно ещё перенести, млн ₸"] == pytest.approx(8_779.7)
    move_money(at, "ru", 10_000.0, 2026, 2028)
    assert any("уже освоено 70\u00a0000" in e.value for e in at.error)
    assert "m" not in at.query_params  # nothing applied
    move_money(at, "ru", 8_000.0)
    assert at.query_params["m"] == "rp-1,2026,2028,8000"


def test_the_brief_carries_the_execution_slide(plan):
    import io

    from pptx import Presentation

    from zhez import export, progress, summary, tables
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
    # title, agenda; per direction its statuses, its indicators behind their path (where any), its financing
    # (where printed); execution; the audit
    funded = [d for d in plan.directions["id"] if summary.direction_financing(plan, d) is not None]
    assessment = progress.assess(plan)
    behind = [
        d
        for d in plan.directions["id"]
        if len(summary.furthest_behind(tables.progress_rows(plan, assessment, "ru", d), limit=4))
    ]
    assert len(slides) == 2 + len(plan.directions) + len(behind) + len(funded) + 1 + 1
    words = " ".join(s.text_frame.text for s in slides[-2].shapes if s.has_text_frame)
    assert (
        "Исполнение: отстающие проекты и деньги года" in words
        and f"Отчитались 1 из {len(store_plan().projects)} проектов" in words
    )
    grid = next(s for s in slides[-2].shapes if s.has_table).table
    assert grid.cell(1, 1).text == "Спортивная академия «НАМЫС» для детей и юношества"
    assert pct_text(85.0, "ru") == "85,0\u00a0%"


# ── reporting on the Execution screen: the checks, the scopes, in every language ──


def signed_in(lang: str, users: dict) -> AppTest:  # type: ignore[type-arg]
    """The Execution screen with the first account of ``users`` (name: (role, bodies)) signed in."""
    hashed = hash_password(PASSWORD)
    at = open_page(None, lang=lang)
    at.secrets["users"] = {n: {"password": hashed, "role": r, "bodies": b} for n, (r, b) in users.items()}
    at.switch_page("pages/execution.py").run()
    at.text_input[0].input(next(iter(users)))
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == t("auth.sign_in", lang)).click().run()
    no_exceptions(at)
    return at


def fill_project(at: AppTest, subject: str, **fields: object) -> None:
    """Set the form's fields; numbers are typed as text, the way the reader writes them (``17,5``, ``1 700``)."""
    prefix = f"ex-project-{subject}-2026"
    widgets = {"status": at.selectbox, "start": at.date_input, "end": at.date_input, "reason": at.text_area}
    for name, value in fields.items():
        if name in ("pct", "spent"):
            at.text_input(key=f"{prefix}-{name}").input(str(value))
        else:
            widgets[name](key=f"{prefix}-{name}").set_value(value)


def press(at: AppTest, key: str, lang: str) -> None:
    next(b for b in at.button if b.label == t(key, lang).capitalize()).click().run()
    no_exceptions(at)


REFUSED = {
    "kk": ("Пайдалануға берілген жоба аяқталған", "құрылыс басталғанға (2026-04-01) дейін",
           "мәлімделген құнынан (16", "себебін жазыңыз"),
    "ru": ("Введённый в эксплуатацию проект завершён", "раньше начала строительства (2026-04-01)",
           "больше заявленной стоимости проекта (16", "объясните почему"),
    "en": ("A commissioned project is complete", "before construction started (2026-04-01)",
           "goes beyond the project's stated cost (16", "say why"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_body_reports_a_project_and_the_store_refuses_what_cannot_be(lang):
    opened()
    at = signed_in(lang, {"Tolegen": ("editor", ["ТКШБ"])})
    at.selectbox(key="ex-project-pick").set_value("p34").run()  # the sewage treatment plant, cost 16 100
    fill_project(at, "p34", status="commissioned", pct="40", start=dt.date(2026, 4, 1), end=dt.date(2026, 3, 1),
                 spent=i18n.number(6000, lang))  # fmt: skip
    press(at, "cycle.action.submit", lang)
    errors = as_read(" ".join(e.value for e in at.error))
    assert REFUSED[lang][0] in errors and REFUSED[lang][1] in errors, errors  # commissioned at 40 %, before start
    assert Store().reports("project").empty  # a refused write leaves the store as it was

    fill_project(at, "p34", status="construction", end=None, spent=i18n.number(17_000, lang))
    press(at, "cycle.action.submit", lang)
    errors = as_read(" ".join(e.value for e in at.error))
    assert REFUSED[lang][2] in errors and REFUSED[lang][3] in errors, errors  # beyond the cost: say why
    assert Store().reports("project").empty

    fill_project(at, "p34", pct=i18n.number(42.5, lang), reason="the design was revised: a second line of filters")
    at.run()  # leaving the field: the page reads the number back before anything is submitted
    assert t("number.read_as", lang, shown=i18n.number(42.5, lang)) in [c.value for c in at.caption]
    press(at, "cycle.action.submit", lang)
    assert at.success and not at.error, [e.value for e in at.error]
    held = Store().reports("project")
    assert held[["subject_id", "state"]].values.tolist() == [["p34", "submitted"]]
    assert held["payload"].iloc[0]["spent_mln_kzt"] == 17_000.0
    assert held["payload"].iloc[0]["completion_pct"] == 42.5  # "42,5" in kk/ru is 42.5, never 425
    assert held["payload"].iloc[0]["over_cost_reason"] == "the design was revised: a second line of filters"

    coordinator = signed_in(lang, {"Dana": ("coordinator", [])})
    press(coordinator, "cycle.action.approve", lang)
    assert Store().reports("project")["state"].tolist() == ["approved"]
    every = frame_with(coordinator, t("exec.col.over_cost", lang))
    row = every[every.iloc[:, 0] == 34].iloc[0]
    assert row[t("exec.col.over_cost", lang)] == t("common.yes", lang)  # flagged for everyone to see
    assert row[t("exec.col.approved_by", lang)] == "Dana"


def project_workbook(lang: str, cells: dict) -> bytes:  # type: ignore[type-arg]
    from zhez.body_workbook import template_bytes

    return fill(template_bytes(store_plan(), "project", ["ТКШБ"], Period(2026), Store().reports("project"), lang),
                cells, kind="project")  # fmt: skip


def upload(at: AppTest, data: bytes, kind: str = "project") -> None:
    at.file_uploader(key=f"ex-{kind}-upload").set_value(("report.xlsx", data, "application/octet-stream")).run()
    no_exceptions(at)


WORKBOOK_REFUSED = {
    "kk": ("Физикалық дайындық 0-ден 100 %-ға дейін", "«Жұмсалды, млн ₸» теріс бола алмайды",
           "2019-05-01 2020–2035 жылдардан тыс"),
    "ru": ("Физическая готовность — от 0 до 100 %", "«Израсходовано, млн ₸» не может быть отрицательным",
           "2019-05-01 — вне 2020–2035 годов"),
    "en": ("Physical completion is 0 to 100 %", "“Spent, mln ₸” cannot be negative",
           "2019-05-01 is outside 2020–2035"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_projects_workbook_is_checked_on_the_execution_screen(lang):
    opened()
    at = signed_in(lang, {"Tolegen": ("editor", ["ТКШБ"])})
    construction = t("exec.status.construction", lang)
    bad = project_workbook(lang, {
        ("p34", "status"): construction, ("p34", "completion_pct"): 150, ("p34", "started_on"): "2026-04-01",
        ("p34", "spent_mln_kzt"): 6000,
        ("p35", "status"): construction, ("p35", "completion_pct"): 10, ("p35", "started_on"): "2026-05-01",
        ("p35", "spent_mln_kzt"): -5,
        ("p36", "status"): construction, ("p36", "completion_pct"): 10, ("p36", "started_on"): "2019-05-01",
        ("p36", "spent_mln_kzt"): 100,
    })  # fmt: skip
    upload(at, bad)
    errors = as_read(" ".join(e.value for e in at.error))
    assert all(words in errors for words in WORKBOOK_REFUSED[lang]), errors
    assert Store().reports("project").empty and not [b for b in at.button if b.key == "ex-project-apply"]

    good = project_workbook(lang, {
        ("p34", "status"): construction, ("p34", "completion_pct"): 40, ("p34", "started_on"): "2026-04-01",
        ("p34", "spent_mln_kzt"): 6000,
    })  # fmt: skip
    upload(at, good)
    assert t("record.preview", lang, new=1, changed=0, unchanged=0, rejected=0) in texts(at)
    assert Store().reports("project").empty  # nothing before confirmation
    at.button(key="ex-project-apply").click().run()
    no_exceptions(at)
    held = Store().reports("project")
    assert held[["subject_id", "state", "submitted_by"]].values.tolist() == [["p34", "submitted", "Tolegen"]]
    assert held["payload"].iloc[0]["completion_pct"] == 40.0 and held["payload"].iloc[0]["spent_mln_kzt"] == 6000.0


def test_an_editor_of_another_body_is_refused_by_the_store():
    opened()
    workbook = project_workbook("ru", {
        ("p34", "status"): "строительство", ("p34", "completion_pct"): 40, ("p34", "started_on"): "2026-04-01",
        ("p34", "spent_mln_kzt"): 6000,
    })  # fmt: skip
    at = signed_in("ru", {"Dana Sport": ("editor", ["ДШСБ"])})
    assert "p34" not in at.selectbox(key="ex-project-pick").options  # the form offers only the body's projects
    upload(at, workbook)
    errors = as_read(" ".join(e.value for e in at.error))
    assert "Файл отклонён, ничего не сохранено" in errors and "вы отвечаете за" in errors, errors
    assert Store().reports("project").empty
    with pytest.raises(StoreError) as refused:  # and the store itself, whatever the screen offers
        submit(Store(), trusted_person("Dana Sport", "editor", ["ДШСБ"]), "p34", LATE)
    assert "out_of_scope" in refused.value.keys and Store().reports("project").empty


def test_the_coordinator_reports_a_financing_line_and_another_approves_it():
    opened()
    at = signed_in("kk", {"Dana": ("coordinator", [])})
    at.radio(key="ex-kind").set_value("financing").run()
    at.selectbox(key="ex-financing-pick").set_value("rp-1").run()
    prefix = "ex-financing-rp-1-2026"
    assert "2026 жылға 78\u00a0779,7\u00a0млн\u00a0₸ береді" in texts(
        at
    )  # the plan's figure for the year, as published
    at.text_input(key=f"{prefix}-exec").input("41 250")  # a space groups thousands in Kazakh
    at.text_input(key=f"{prefix}-source").input("қазынашылық, 2026-12-31")
    press(at, "cycle.action.submit", "kk")
    assert at.success, [e.value for e in at.error]
    press(at, "cycle.action.approve", "kk")
    assert any("Өз жіберген нұсқаңызды бекіте алмайсыз" in e.value for e in at.error)  # four eyes
    assert Store().reports("financing")["state"].tolist() == ["submitted"]
    at = signed_in("kk", {"Erlan": ("coordinator", [])})
    press(at, "cycle.action.approve", "kk")
    assert Store().reports("financing")["state"].tolist() == ["approved"]
    column = t("exec.field.executed_mln_kzt", "kk")
    cash = next(table for table in html_tables(at) if column in table.columns)  # printed, the reader's way
    assert i18n.number(41_250.0, "kk", 1) in cash[column].tolist()  # one decimal, as the plan prints money
    assert set(cash[t("common.year", "kk")]) == {"2026"}  # a year is written as a year, never "2 026"


def test_the_coordinator_reports_financing_lines_by_workbook():
    from zhez.body_workbook import bodies_of, template_bytes

    opened()
    coordinator = trusted_person("Dana", "coordinator")
    blank = template_bytes(store_plan(), "financing", bodies_of(store_plan(), coordinator), Period(2026),
                           Store().reports("financing"), "en")  # fmt: skip
    at = signed_in("en", {"Dana": ("coordinator", [])})
    upload(at, fill(blank, {("rp-1", "executed_mln_kzt"): -41_250, ("rp-1", "source"): "treasury"}, "financing"),
           "financing")  # fmt: skip
    assert any("“Executed, mln ₸” cannot be negative" in e.value for e in at.error), at.error
    assert Store().reports("financing").empty
    upload(at, fill(blank, {("rp-1", "executed_mln_kzt"): 41_250, ("rp-1", "source"): "treasury"}, "financing"),
           "financing")  # fmt: skip
    at.button(key="ex-financing-apply").click().run()
    no_exceptions(at)
    held = Store().reports("financing")
    assert held[["subject_id", "state"]].values.tolist() == [["rp-1", "submitted"]]
    assert held["payload"].iloc[0]["executed_mln_kzt"] == 41_250.0


def test_a_late_project_says_how_far_behind_it_is():
    store = opened()
    sports = trusted_person("Dana Sport", "editor", ["ДШСБ"])
    store.open_round(COORDINATOR, Period(2028), dt.date(2029, 3, 1))
    (version,) = store.save(store_plan(), sports, [Entry("p33", Period(2028), LATE, kind="project")], submit=True).saved
    store.approve(store_plan(), COORDINATOR, [version])
    at = open_page("pages/execution.py", lang="ru", year="2028")
    no_exceptions(at)
    late = frame_with(at, "Отставание: почему и насколько")
    assert late["Отставание: почему и насколько"].tolist() == [
        "окончание по плану — 2026 г.; не введён в эксплуатацию на 31.12.2028 (прошло 2 года)"
    ]


def test_the_whatif_page_refuses_to_move_money_executed_in_a_past_year():
    store = opened()
    store.open_round(COORDINATOR, Period(2025), dt.date(2026, 3, 1))
    spent = FinancingReport(34_000.0, source="treasury, 2025")
    version = store.save(store_plan(), COORDINATOR, [Entry("rp-1", Period(2025), spent, kind="financing")],
                         submit=True).saved  # fmt: skip
    store.approve(store_plan(), SECOND, version)
    at = open_page("pages/whatif.py", lang="en")
    no_exceptions(at)
    remaining = frame_with(at, "Can still be moved, mln ₸").set_index("Year")
    assert remaining.loc[2025, "Can still be moved, mln ₸"] == pytest.approx(417.6)
    move_money(at, "en", 1_000.0, 2025, 2027)
    shown = [e.value.replace("\\", "") for e in at.error]  # as read: the page escapes Markdown punctuation
    assert any("in 2025" in e and "34,000" in e and "at most 417.6" in e for e in shown)
    assert "m" not in at.query_params  # nothing applied


def test_a_printed_tables_heading_keeps_its_unit_with_its_word():
    # at 1366 px "В утверждённом бюджете, млн ₸" wrapped with "₸" alone on its last line
    from zhez.ui.render import html_table

    printed = html_table(["В утверждённом бюджете, млн ₸", "Освоено, % плана", "■ Отставание"], [["1", "2", "3"]],
                         [True, True, False])  # fmt: skip
    assert "млн\u00a0₸</th>" in printed and "млн ₸" not in printed
    assert "Освоено,\u00a0% плана" in printed and ">■\u00a0Отставание</th>" in printed  # nor "%", nor "■" alone


@pytest.mark.parametrize("lang", LANGS)
def test_the_agenda_keeps_a_span_of_years_whole(lang):
    """The meeting's agenda headed its money column "Қаржыландыру 2026–" / "2030" at 1920: a line may end before
    the span of years, never inside it."""
    at = open_page("pages/meeting.py", lang=lang)
    no_exceptions(at)
    page = texts(at)
    assert "2026–\u20602030" in page and "2026–2030<" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_money_table_writes_the_plans_one_decimal(lang):
    # the line after block 6 prints "58,0" for 2026: the table wrote "58" beside "78 779,7"
    store = opened()
    store.approve(
        store_plan(),
        SECOND,
        submit(store, COORDINATOR, "rp-1", FinancingReport(41_250.0, source="treasury"), "financing"),
    )
    at = open_page("pages/execution.py", lang=lang)
    no_exceptions(at)
    plan_column = t("exec.col.plan", lang)
    money = next(frame for frame in html_tables(at) if plan_column in frame.columns)
    point = "." if lang == "en" else ","
    assert f"58{point}0" in money[plan_column].tolist()
    reports = money[t("exec.col.report", lang)].tolist()  # lines no report covers yet: "—", not pandas' "<NA>"
    assert i18n.NO_VALUE in reports and "<NA>" not in money.to_string()
    assert i18n.number(41_250.0, lang, 1) in money[t("exec.field.executed_mln_kzt", lang)].tolist()
    by_direction = next(frame for frame in html_tables(at) if t("exec.col.late_count", lang) in frame.columns)
    executed = [v for v in by_direction[t("exec.col.executed_year", lang, year="2026")] if v != i18n.NO_VALUE]
    assert executed and all(v[-2] == point for v in executed)  # one decimal each
