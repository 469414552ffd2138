"""The monitoring cycle's pages (My tasks, Review, Completeness) and the Indicator page, as each role sees them:
a viewer, an editor of one body (never another's), a coordinator (approves, returns with a comment, never their
own submission, opens and closes rounds, sets a manual status with a reason). Every write goes through the
store, which refuses what the person may not do; the pages say so in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from apptest_helpers import LANGS, as_read, chart_data, chart_specs, html_tables, no_exceptions, open_page, texts
from cycle_helpers import DUE, approve_values, open_round

from zhez import load_plan
from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.i18n import t
from zhez.store import Store, StoreError

EDITOR = trusted_person("Aigul Bekova", "editor", ["ББ"])
COORDINATOR = trusted_person("Dana Sarsen", "coordinator")
OTHER_COORDINATOR = trusted_person("Erlan Abenov", "coordinator")


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def of_body(plan, body: str) -> list[str]:
    """The indicators of ``body`` that print a 2026 value (so a test can report a plausible one)."""
    ids = plan.indicators[plan.indicators["responsible_body"] == body]["id"]
    return [i for i in ids if target(plan, i) == target(plan, i)]


def target(plan, indicator_id: str, year: int = 2026) -> float:
    series = plan.series(indicator_id).set_index("year")
    return float(series.loc[year, "value"]) if year in series.index else float("nan")


def store_with_round() -> Store:
    store = Store()
    store.migrate()
    open_round(store, 2026, COORDINATOR)
    return store


def submit(store: Store, plan, who, indicator_id: str, value: float) -> int:
    report = IndicatorReport(value, deviation_reason="the contractor was late", source="form 1-T")
    outcome = store.save(plan, who, [Entry(indicator_id, Period(2026), report)], submit=True)
    return outcome.saved[0]


def page(path: str, lang: str, who=None, **query: str):
    at = open_page(None, lang=lang, **query)
    if who is not None:
        at.session_state["editor"] = who
    at.switch_page(path).run()
    no_exceptions(at)
    return at


def shown_text(at) -> str:
    """The page's text as a reader sees it (user text is Markdown-escaped on the page: ``zhez.markdown``)."""
    return as_read(texts(at))


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


# ── a viewer ──────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_is_asked_to_sign_in_on_tasks_and_review_and_reads_the_board(plan, lang):
    store = store_with_round()
    submit(store, plan, EDITOR, of_body(plan, "ББ")[0], target(plan, of_body(plan, "ББ")[0]))
    tasks = page("pages/tasks.py", lang)
    assert t("tasks.sign_in", lang) in texts(tasks)
    assert t("auth.no_editors", lang) in texts(tasks)  # no accounts configured: whom to ask, not a command
    review = page("pages/review.py", lang)
    assert t("review.coordinators_only", lang) in texts(review)
    assert not [b for b in review.button if str(b.key).startswith("rev-")]
    board = page("pages/board.py", lang)
    assert t("board.title", lang) in texts(board)
    assert t("board.reminders", lang) not in texts(board)  # the coordinator's part only


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_sees_the_approved_figure_only_on_the_indicator_page(plan, lang):
    store = store_with_round()
    approved_id, submitted_id = of_body(plan, "ББ")[:2]
    approved, submitted = round(target(plan, approved_id) * 0.97, 2), round(target(plan, submitted_id) * 0.93, 2)
    approve_values(store, plan, [(approved_id, 2026, approved)], editor=EDITOR, coordinator=COORDINATOR)
    submit(store, plan, EDITOR, submitted_id, submitted)

    shown = page("pages/indicator.py", lang, ind=approved_id)
    assert 2026 in set(chart_data(shown).query("series == 'actual'")["year"])
    assert t("explain.viewers_see_approved", lang) in texts(shown)

    hidden = page("pages/indicator.py", lang, ind=submitted_id)
    actual = chart_data(hidden).query("series == 'actual'")
    assert 2026 not in set(actual["year"]) and submitted not in set(actual["value"])
    assert t("explain.none", lang) in texts(hidden)
    assert t("chart.pending_note", lang) not in texts(hidden)


def test_the_submitted_value_is_drawn_only_when_a_signed_in_person_asks_and_is_marked(plan):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    value = round(target(plan, indicator_id) * 0.93, 2)
    submit(store, plan, EDITOR, indicator_id, value)
    at = open_page(None, lang="ru", ind=indicator_id)
    at.session_state["editor"] = EDITOR
    at.session_state["include-submitted"] = True
    at.switch_page("pages/indicator.py").run()
    no_exceptions(at)
    actual = chart_data(at).query("series == 'actual'")
    assert actual.set_index("year").loc[2026, ["value", "pending"]].tolist() == [value, True]
    assert t("chart.pending_note", "ru") in texts(at) or any(
        t("chart.pending_note", "ru") in str(spec) for spec in chart_specs(at)
    )


# ── an editor of one body ─────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
def test_an_editor_sees_the_tasks_of_their_own_body_only(plan, lang):
    store_with_round()
    at = page("pages/tasks.py", lang, who=EDITOR)
    shown = shown_text(at)
    assert t("tasks.intro", lang, who="").split("(")[0].strip() in shown
    names = plan.indicators.set_index("id")[f"name_{lang}"]
    assert all(str(names[i]) in shown for i in of_body(plan, "ББ"))
    assert not any(str(names[i]) in shown for i in of_body(plan, "ДСБ"))
    review = page("pages/review.py", lang, who=EDITOR)
    assert t("review.coordinators_only", lang) in texts(review)
    assert not [b for b in review.button if str(b.key).startswith("rev-")]


def test_the_store_refuses_an_editor_writing_for_another_body_and_keeps_the_store_as_it_was(plan):
    store = store_with_round()
    before = store.reports()
    other = of_body(plan, "ДСБ")[0]
    with pytest.raises(StoreError) as refused:
        submit(store, plan, EDITOR, other, target(plan, other))
    assert "ДСБ" in refused.value.text("ru")
    assert store.reports().equals(before)


@pytest.mark.parametrize("lang", LANGS)
def test_the_record_page_refuses_a_link_to_another_bodys_indicator(plan, lang):
    store_with_round()
    other = of_body(plan, "ДСБ")[0]
    at = page("pages/record.py", lang, who=EDITOR, ind=other)
    assert any("ДСБ" in e.value for e in at.error)
    assert plan.indicator(at.selectbox(key="rec-ind").value)["responsible_body"] == "ББ"


def test_a_returned_value_comes_first_in_the_editors_tasks_with_the_comment(plan):
    store = store_with_round()
    first, second = of_body(plan, "ББ")[:2]
    submit(store, plan, EDITOR, first, target(plan, first))
    returned = submit(store, plan, EDITOR, second, target(plan, second))
    store.send_back(plan, COORDINATOR, [returned], "Check the source: the form says otherwise")
    at = page("pages/tasks.py", "kk", who=EDITOR)
    shown = shown_text(at)
    assert "Check the source: the form says otherwise" in shown
    names = plan.indicators.set_index("id")["name_kk"]
    assert shown.index(str(names[second])) < min(
        shown.index(str(names[i])) for i in of_body(plan, "ББ")[2:] if str(names[i]) in shown
    )


# ── the coordinator ───────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
def test_the_coordinator_approves_a_submission_from_the_queue(plan, lang):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    submitted = submit(store, plan, EDITOR, indicator_id, target(plan, indicator_id))
    at = page("pages/review.py", lang, who=COORDINATOR)
    assert t("review.tab_queue", lang, n=1) in [tab.label for tab in at.tabs]
    button(at, f"rev-{submitted}-approve").click().run()
    no_exceptions(at)
    row = store.reports().set_index("id").loc[submitted]
    assert (row["state"], row["reviewed_by"]) == ("approved", COORDINATOR.name)
    code, name = plan.indicators.set_index("id").loc[indicator_id, ["code", f"name_{lang}"]]
    # named in full: ББ has two "1.1"s, two "НИ"s, and "НИ: утверждено." said which one to nobody
    assert t("review.approved", lang, code=f"{code} {name}") in [as_read(s.value) for s in at.success]
    assert t("review.queue_empty", lang) in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_return_needs_a_comment_and_then_goes_back_to_the_body(plan, lang):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    submitted = submit(store, plan, EDITOR, indicator_id, target(plan, indicator_id))
    at = page("pages/review.py", lang, who=COORDINATOR)
    button(at, f"rev-{submitted}-return").click().run()
    assert t("review.comment_needed", lang) in [e.value for e in at.error]
    assert store.reports().set_index("id").loc[submitted, "state"] == "submitted"
    at.text_input(key=f"rev-{submitted}-comment").input("Қайнар көзін тексеріңіз")
    button(at, f"rev-{submitted}-return").click().run()
    no_exceptions(at)
    row = store.reports().set_index("id").loc[submitted]
    assert row["state"] == "returned" and row["review_comment"] == "Қайнар көзін тексеріңіз"
    # the editor's screen says who returned it (it named the editor, who had only submitted it)
    at = page("pages/record.py", lang, who=EDITOR, ind=indicator_id)
    now = next(line for line in shown_text(at).split("\n") if t("record.working_now", lang).split(":")[0] in line)
    assert COORDINATOR.name in now and EDITOR.name not in now, now
    # a viewer is told nothing is approved, not that nothing was reported
    at = page("pages/indicator.py", lang, who=None, ind=indicator_id)
    assert t("explain.none", lang) in texts(at) and t("explain.no_history", lang) not in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_coordinator_cannot_approve_their_own_submission(plan, lang):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    own = submit(store, plan, COORDINATOR, indicator_id, target(plan, indicator_id))
    at = page("pages/review.py", lang, who=COORDINATOR)
    assert t("review.own", lang) in texts(at)
    assert button(at, f"rev-{own}-approve").disabled
    with pytest.raises(StoreError):
        store.approve(plan, COORDINATOR, [own])
    assert store.reports().set_index("id").loc[own, "state"] == "submitted"
    other = page("pages/review.py", lang, who=OTHER_COORDINATOR)
    assert not button(other, f"rev-{own}-approve").disabled
    button(other, f"rev-{own}-approve").click().run()
    assert store.reports().set_index("id").loc[own, "state"] == "approved"


@pytest.mark.parametrize("lang", LANGS)
def test_the_coordinator_opens_closes_and_reopens_a_round(plan, lang):
    store = store_with_round()
    at = page("pages/review.py", lang, who=COORDINATOR)
    at.selectbox(key="rev-round-year").set_value(2027)
    button(at, "rev-round-open").click().run()
    no_exceptions(at)
    assert set(store.rounds()["period"]) == {"2026", "2027"}
    assert button(at, "rev-round-2026-close").disabled  # not before saying what closing does
    at.checkbox(key="rev-round-2026-sure").check().run()
    button(at, "rev-round-2026-close").click().run()
    no_exceptions(at)
    assert store.rounds().set_index("period").loc["2026", "state"] == "closed"
    indicator_id = of_body(plan, "ББ")[0]
    with pytest.raises(StoreError):  # a closed round takes nothing
        submit(store, plan, EDITOR, indicator_id, target(plan, indicator_id))
    at.text_input(key="rev-round-2026-reason").input("a late correction from the statistics office").run()
    button(at, "rev-round-2026-reopen").click().run()
    no_exceptions(at)
    assert store.rounds().set_index("period").loc["2026", "state"] == "open"
    assert t("review.reopened", lang, period=Period(2026).label(lang)) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_a_manual_status_needs_a_reason_and_shows_beside_the_computed_one(plan, lang):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    at = page("pages/review.py", lang, who=COORDINATOR)
    at.selectbox(key="rev-manual-ind").set_value(indicator_id)
    at.selectbox(key="rev-manual-year").set_value(2026)
    at.selectbox(key="rev-manual-status").set_value("off_track")
    at.run()
    assert button(at, "rev-manual-save").disabled  # no reason yet
    at.text_area(key="rev-manual-reason").input("the statistics office changed the method").run()
    button(at, "rev-manual-save").click().run()
    no_exceptions(at)
    held = store.manual_statuses()
    assert held[["indicator_id", "year", "status", "reason", "set_by"]].values.tolist() == [
        [indicator_id, 2026, "off_track", "the statistics office changed the method", COORDINATOR.name]
    ]
    shown = shown_text(page("pages/indicator.py", lang, ind=indicator_id))
    assert "the statistics office changed the method" in shown and COORDINATOR.name in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_board_counts_each_body_and_the_coordinator_gets_the_reminders(plan, lang):
    store = store_with_round()
    indicator_id = of_body(plan, "ББ")[0]
    submit(store, plan, EDITOR, indicator_id, target(plan, indicator_id))
    at = page("pages/board.py", lang, who=COORDINATOR)
    assert t("board.reminders", lang) in texts(at)
    (board,) = [frame for frame in html_tables(at) if t("cycle.col.owed", lang) in frame.columns]  # printed whole
    assert "ББ" in board.iloc[:, 0].tolist() and len(board) == len(plan.indicators["responsible_body"].unique())
    assert DUE.strftime("%d.%m.%Y") in texts(at)
    assert dt.date(2027, 3, 1) == DUE
    # the cards read "Ожидается / утверждено / подано / Ещё не сдано": each label starts with a capital
    labels = re.findall(r"<div class='zhez-kpi-label'>(.*?)</div>", " ".join(str(e.value) for e in at.get("html")))
    assert len(labels) == 5 and all(label[:1].isupper() for label in labels), labels
