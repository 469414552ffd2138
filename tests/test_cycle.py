"""What the screens read: completeness per body, My tasks, manual status beside the computed one; the body's
report workbook out and in (scopes, idempotent round trip), the command line's scopes, and reminders."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from cycle_helpers import approve_values, open_round
from openpyxl import load_workbook
from workbook_helpers import fill

from zhez import cycle, progress
from zhez.auth import trusted_person
from zhez.backup import dump_store
from zhez.body_workbook import FIRST_DATA_ROW, HEADER_ROW, read_workbook, template_bytes
from zhez.cycle import Entry, IndicatorReport, Period

Y2026 = Period(2026)
TODAY = dt.date(2027, 3, 5)  # four days after the round's due date (cycle_helpers.DUE)


@pytest.fixture
def opened(store, coordinator):
    open_round(store, Y2026, coordinator)
    return store


def test_completeness_counts_each_bodys_indicators_overdue_first(opened, plan, editor, coordinator):
    store = opened
    (returned,) = store.save(plan, editor, [Entry("i29", Y2026, IndicatorReport(98.5, source="s"))], submit=True).saved
    store.send_back(plan, coordinator, [returned], "source?")
    store.save(plan, editor, [Entry("i31", Y2026, IndicatorReport(96.0, source="s"))])  # a draft
    store.save(plan, editor, [Entry("i01", Y2026, IndicatorReport(73.5, source="s"))], submit=True)
    approve_values(store, plan, [("i36", 2026, 88.0)])
    round_ = store.rounds().iloc[0].to_dict()
    board = cycle.completeness(plan, round_, store.reports(), TODAY).set_index("body")
    bb, dsb, tkshb = board.loc["ББ"], board.loc["ДСБ"], board.loc["ТКШБ"]
    assert (bb["expected"], bb["returned"], bb["draft"], bb["missing"], bb["owed"]) == (11, 1, 1, 9, 11)
    assert (dsb["submitted"], dsb["missing"], dsb["owed"]) == (1, 20, 20)
    assert (tkshb["approved"], tkshb["missing"]) == (1, 3)
    assert bb["days_to_due"] == -4 and bb["overdue"]
    assert board["expected"].sum() == len(plan.indicators)
    assert list(board.index[:2]) == ["ДСБ", "ББ"]  # overdue, most owed first


def test_my_tasks_returned_first_with_the_comment_then_missing_values_and_explanations(
    opened, plan, editor, coordinator
):
    store = opened
    (returned,) = store.save(plan, editor, [Entry("i31", Y2026, IndicatorReport(96.0, source="s"))], submit=True).saved
    store.send_back(plan, coordinator, [returned], "Attach form 1-T")
    approve_values(store, plan, [("i29", 2026, 96.5)])  # approved, off track and with no reason (the helper gives one)
    held = store.reports(subject_id="i29").iloc[-1]
    assert held["deviation_reason"] == "test"
    tasks = cycle.my_tasks(plan, editor, store.rounds(), store.reports(), store.actuals(), TODAY)
    assert tasks.iloc[0][["subject_id", "task", "comment"]].tolist() == ["i31", "returned", "Attach form 1-T"]
    assert set(tasks["task"]) == {"returned", "missing_value"}
    assert "i29" not in set(tasks["subject_id"])  # approved with its explanation: nothing to do
    assert set(tasks["body"]) <= {"ББ", "ДСБ"}  # only their bodies
    assert len(tasks) == 11 + 21 - 1  # ББ and ДСБ indicators, less the one done


def test_an_approved_off_track_value_without_its_reason_is_a_task(store, plan, coordinator, tmp_path):
    from zhez.backup import restore  # a schema-1 store: values recorded before explanations existed
    from zhez.store import Store

    upgraded = Store(f"sqlite:///{tmp_path / 'up.sqlite'}")
    from test_migrations import SCHEMA1

    restore(upgraded, SCHEMA1)
    open_round(upgraded, Y2026, coordinator)
    health = trusted_person("Health Editor", "editor", ["ДСБ"])
    tasks = cycle.my_tasks(plan, health, upgraded.rounds(), upgraded.reports(), upgraded.actuals(), TODAY)
    explain = tasks[tasks["task"] == "missing_explanation"]["subject_id"].tolist()
    for indicator_id in explain:
        value = upgraded.actuals().set_index("indicator_id").loc[indicator_id, "value"]
        assert cycle.needs_explanation(plan, indicator_id, 2026, value, upgraded.actuals())
    assert explain  # i01 71.2 against a 73.3 target for 2026
    upgraded.dispose()


def test_the_manual_status_stands_beside_the_computed_one(store, plan, coordinator):
    store.set_manual_status(plan, coordinator, "i10", 2026, "at_risk", "the statistics office changed the method")
    assessment = cycle.with_manual_status(progress.assess(plan, store.actuals()), store.manual_statuses())
    row = assessment.set_index("indicator_id").loc["i10"]
    assert (row["manual_status"], row["manual_by"], row["manual_year"]) == ("at_risk", "Dana Coordinator", 2026)
    assert row["status"] in progress.STATUSES  # the computed status is kept
    assert assessment.set_index("indicator_id").loc["i11", "manual_status"] == ""


# ── the body's report workbook ─────────────────────────────────────────────


def test_the_template_holds_only_the_bodys_indicators(opened, plan):
    book = load_workbook(io.BytesIO(template_bytes(plan, "indicator", ["ББ"], Y2026, opened.reports(), "ru")))
    sheet = book.active
    ids = [sheet.cell(row=r, column=1).value for r in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert ids == list(plan.indicators[plan.indicators["responsible_body"] == "ББ"]["id"])
    headings = [sheet.cell(row=HEADER_ROW, column=c).value for c in range(1, 16)]
    assert any("Причина отклонения" in str(h) for h in headings) and any("ауытқу себебі" in str(h) for h in headings)
    assert sheet["B7"].value == "2026" and sheet.protection.sheet


def test_an_import_submits_never_approves_and_an_untouched_template_changes_nothing(opened, plan, editor, coordinator):
    store = opened
    tricky = IndicatorReport(100.0, measures="=SUM(A1) is not a formula", source="@form 1-T", note="'quoted on purpose")
    store.approve(plan, coordinator, store.save(plan, editor, [Entry("i33", Y2026, tricky)], submit=True).saved)
    filled = fill(
        template_bytes(plan, "indicator", ["ББ"], Y2026, store.reports(), "kk"),
        {
            ("i29", "value"): 96.5,
            ("i29", "deviation_reason"): "late data",
            ("i29", "measures"): "-5 % of pupils moved; +2 classes",
            ("i29", "source"): "form 1-T",
            ("i31", "value"): 96.0,
            ("i31", "source"): "department records",
        },
    )
    result = read_workbook(filled, plan, editor, "indicator", Y2026, store.reports(), store.actuals())
    assert result.ok, result.problem_lines("en")
    assert sorted(e.subject_id for e in result.entries) == ["i29", "i31"]  # i33 came back as it was
    outcome = store.save(plan, editor, result.entries, submit=True, source_file="june.xlsx")
    assert store.actuals()["indicator_id"].tolist() == ["i33"]  # an import never approves
    held = store.reports().set_index("subject_id")
    assert held.loc["i29", "measures"] == "-5 % of pupils moved; +2 classes"
    assert (held.loc["i33", "measures"], held.loc["i33", "note"]) == ("=SUM(A1) is not a formula", "'quoted on purpose")
    store.approve_batch(plan, coordinator, outcome.batch)
    assert sorted(store.actuals()["indicator_id"]) == ["i29", "i31", "i33"]
    open_round(store, Period(2027), coordinator)
    store.save(plan, editor, [Entry("i29", Period(2027), IndicatorReport(None, note="another year's note"))])
    before = dump_store(store)["tables"]
    again = template_bytes(plan, "indicator", ["ББ"], Y2026, store.reports(), "kk")
    result = read_workbook(again, plan, editor, "indicator", Y2026, store.reports(), store.actuals())
    assert result.ok and result.entries == []
    assert set(result.preview["status"]) == {"unchanged"}
    store.save(plan, editor, result.entries, submit=True, source_file="again.xlsx")
    assert dump_store(store)["tables"] == before  # row-identical: no note of 2027 or any text touched


def test_an_import_with_one_row_outside_the_editors_bodies_is_refused_whole(opened, plan, coordinator):
    store = opened
    education = trusted_person("Education Editor", "editor", ["ББ"])
    every = template_bytes(plan, "indicator", ["ББ", "ДСБ"], Y2026, store.reports(), "kk")
    filled = fill(
        every, {("i29", "value"): 98.5, ("i29", "source"): "s", ("i10", "value"): 6.7, ("i10", "source"): "s"}
    )
    before = dump_store(store)["tables"]
    result = read_workbook(filled, plan, education, "indicator", Y2026, store.reports(), store.actuals())
    assert not result.ok
    outside = [p for p in result.problems if p.key == "out_of_scope"]
    rows_of = list(plan.indicators[plan.indicators["responsible_body"].isin(["ББ", "ДСБ"])]["id"])
    assert len(outside) == 21  # every ДСБ row of the file, each named
    assert f"A{FIRST_DATA_ROW + rows_of.index('i10')}" in {p.where for p in outside}
    outside = outside[0]
    for lang, word in (("kk", "ДСБ құзырында"), ("ru", "относится к ДСБ"), ("en", "belongs to ДСБ")):
        assert word in outside.text(lang)
    assert dump_store(store)["tables"] == before


def test_an_import_names_the_cell_of_a_bad_value_and_the_period(opened, plan, editor):
    data = fill(template_bytes(plan, "indicator", ["ББ"], Y2026, opened.reports(), "kk"), {("i29", "value"): "много"})
    result = read_workbook(data, plan, editor, "indicator", Y2026, opened.reports(), opened.actuals())
    assert [p.key for p in result.problems] == ["text_in_value"]
    other = read_workbook(
        template_bytes(plan, "indicator", ["ББ"], Period(2027), opened.reports(), "kk"),
        plan,
        editor,
        "indicator",
        Y2026,
        opened.reports(),
        opened.actuals(),
    )
    assert [p.key for p in other.problems] == ["report_period"]


# ── the command line ───────────────────────────────────────────────────────


def test_the_cli_checks_the_accounts_scope(opened, plan, root, tmp_path):
    from zhez.auth import hash_password

    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[users."Aigul"]\npassword = "{hash_password("x" * 10)}"\nrole = "editor"\nbodies = ["ББ"]\n', encoding="utf-8"
    )
    run = [sys.executable, "-m", "zhez", "--database", opened.url, "--secrets", str(secrets), "--lang", "ru"]
    template = tmp_path / "t.xlsx"
    done = subprocess.run([*run, "actuals", "template", str(template), "--by", "Aigul"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    refused = subprocess.run([*run, "actuals", "template", str(template), "--by", "Aigul", "--body", "ДСБ"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert refused.returncode == 1 and "ДСБ" in refused.stderr
    every = tmp_path / "every.xlsx"
    every.write_bytes(
        fill(
            template_bytes(plan, "indicator", ["ББ", "ДСБ"], Y2026, opened.reports(), "kk"),
            {("i10", "value"): 6.7, ("i10", "source"): "s"},
        )
    )
    before = dump_store(opened)["tables"]
    done = subprocess.run([*run, "actuals", "import", str(every), "--by", "Aigul"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "относится к ДСБ" in done.stderr
    assert dump_store(opened)["tables"] == before
    unknown = subprocess.run([*run, "actuals", "import", str(every), "--by", "Nobody"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert unknown.returncode == 2 and "Nobody" in unknown.stderr
    mine = tmp_path / "mine.xlsx"
    mine.write_bytes(fill(template.read_bytes(), {("i29", "value"): 98.5, ("i29", "source"): "form 1-T"}))
    done = subprocess.run([*run, "actuals", "import", str(mine), "--by", "Aigul"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "Подано на проверку: 1" in done.stdout, done.stderr
    assert opened.reports()["state"].tolist() == ["submitted"] and opened.actuals().empty


# ── reminders ──────────────────────────────────────────────────────────────


def test_reminders_as_a_workbook_and_by_mail_to_a_local_server(opened, plan):
    from aiosmtpd.controller import Controller

    from zhez import mail
    from zhez.auth import Account
    from zhez.excel import reminders_bytes

    round_ = opened.rounds().iloc[0].to_dict()
    owed = cycle.owed(plan, round_, opened.reports())
    assert len(owed) == len(plan.indicators)
    sheet = load_workbook(io.BytesIO(reminders_bytes(plan, owed, Y2026, round_["due"], "ru")))["Ещё не сдано"]
    assert sheet.max_row == len(owed) + 1

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        accounts = {
            "Aigul": Account("Aigul", "", "editor", frozenset({"ББ"}), "aigul@example.kz"),
            "Old": Account("Old", "", "editor", frozenset(), "old@example.kz", every_body=True),
        }
        config = mail.SmtpConfig("127.0.0.1", port, "monitoring@example.kz", starttls=False)
        sent = mail.send_reminders(config, plan, owed, accounts, Y2026, round_["due"], "ru")
    finally:
        controller.stop()
    assert sent.sent == {"ББ": ["aigul@example.kz"]}
    assert "ДСБ" in sent.without_address
    (message,) = received
    assert message.rcpt_tos == ["aigul@example.kz"]
    import email
    from email import policy

    parsed = email.message_from_bytes(message.content, policy=policy.default)
    assert parsed["Subject"] == "Мониторинг плана 2026: за ББ остаётся 11 индикаторов"
    text = parsed.get_content()
    code = plan.indicator("i29")["code"]
    assert f"- {code} " in text and "срок 2027-03-01" in text
