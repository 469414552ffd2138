"""The command line: ``python -m zhez actuals template|import|export`` (the body's report workbook of
indicators, projects or financing lines: ``--kind``), ``users add``, ``store backup|restore``, ``reminders``,
``report``, ``plan import|diff|list|review|withdraw`` (editions of the plan).

Whoever runs it holds the server's files, but a write still goes through the store's checks as the account
named with ``--by`` (looked up in the accounts file with its role and bodies): an editor of ББ cannot submit
for ДСБ from here either. Exit codes: 0 done, 1 refused (one line per problem), 2 unknown account.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import math
import sys
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from zhez import backup as backups
from zhez import body_workbook, clock, cycle, editions, execution, i18n, mail, tables
from zhez.auth import Account, AuthError, Person, accounts_from_secrets, cli_person, secrets_block
from zhez.body_workbook import MAX_BYTES
from zhez.cycle import Period
from zhez.excel import csv_bytes, export_bytes, reminders_bytes, workbook_bytes
from zhez.ingest import MAX_SOURCE_BYTES, SourceError
from zhez.plan import ROOT, Plan, load_plan
from zhez.problems import Problem
from zhez.store import Store, StoreError

SECRETS = ROOT / ".streamlit" / "secrets.toml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhez", description="Zhezkazgan plan 2026–2030: data tools")
    parser.add_argument("--database", help="store URL (default: ZHEZ_DATABASE_URL or data/local/zhez.sqlite)")
    parser.add_argument("--secrets", type=Path, default=SECRETS, help="the accounts file (.streamlit/secrets.toml)")
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language of names and messages"
    )
    groups = parser.add_subparsers(dest="group", required=True)

    actuals = groups.add_parser("actuals", help="body reports: indicators, projects, financing lines").add_subparsers(
        dest="command", required=True
    )
    template = actuals.add_parser("template", help="write the workbook a body fills for a period")
    template.add_argument("out", type=Path)
    template.add_argument("--kind", choices=tuple(body_workbook.LAYOUTS), default="indicator", help="what it reports")
    template.add_argument("--by", required=True, help="the account the workbook is for (their bodies)")
    template.add_argument("--body", action="append", default=[], help="only this body (repeatable; within --by's)")
    template.add_argument("--period", help="2026 or 2026-H1 (default: the latest open round)")
    imported = actuals.add_parser("import", help="check a filled workbook and submit it for review")
    imported.add_argument("path", type=Path)
    imported.add_argument("--by", required=True, help="the account submitting (checked against their bodies)")
    imported.add_argument("--period", help="2026 or 2026-H1 (default: the latest open round)")
    exported = actuals.add_parser("export", help="write every approved value and the history")
    exported.add_argument("out", type=Path)

    users = groups.add_parser("users", help="accounts").add_subparsers(dest="command", required=True)
    add = users.add_parser("add", help="print the secrets.toml block for a new account (asks for the password)")
    add.add_argument("name")
    add.add_argument("--role", choices=("editor", "coordinator"), default="editor")
    add.add_argument("--body", action="append", default=[], help="a responsible body's code (repeatable)")

    stored = groups.add_parser("store", help="the store").add_subparsers(dest="command", required=True)
    backup = stored.add_parser("backup", help="a consistent snapshot while the app runs")
    backup.add_argument("file", type=Path, help="*.sqlite: SQLite's own copy (SQLite stores); else a portable dump")
    restore = stored.add_parser("restore", help="restore a backup into an empty store")
    restore.add_argument("file", type=Path)

    editions_group = groups.add_parser("plan", help="editions of the plan").add_subparsers(
        dest="command", required=True
    )
    loaded = editions_group.add_parser("import", help="load an amended edition (section 4 as .docx or text)")
    loaded.add_argument("file", type=Path)
    loaded.add_argument("--name", required=True, help="the edition's name")
    loaded.add_argument("--basis", default="", help='the decision that approved it ("maslikhat decision No. … of …")')
    loaded.add_argument("--effective", type=int, help="the year its targets take effect (default: this year)")
    loaded.add_argument("--by", required=True, help="the coordinator loading it")
    compared = editions_group.add_parser("diff", help="what changed between two editions")
    compared.add_argument("old", help="an edition's number or name (0: the published plan), or a file")
    compared.add_argument("new", help="an edition's number or name, or a file (matched, not stored)")
    compared.add_argument("--csv", type=Path, help="write the changes as CSV")
    compared.add_argument("--xlsx", type=Path, help="write the changes as a workbook")
    editions_group.add_parser("list", help="the editions loaded, withdrawn ones too")
    reviewed = editions_group.add_parser("review", help="set a new indicator's desired direction and names")
    reviewed.add_argument("indicator", help="the indicator's id (plan list shows those awaiting review)")
    reviewed.add_argument("--desired", default="", choices=("", "increase", "decrease", "maintain"))
    reviewed.add_argument("--measure", default="")
    reviewed.add_argument("--name-ru", default="")
    reviewed.add_argument("--name-en", default="")
    reviewed.add_argument("--by", required=True, help="the coordinator reviewing it")
    withdrawn = editions_group.add_parser("withdraw", help="take an edition out of force (it is kept)")
    withdrawn.add_argument("number", type=int)
    withdrawn.add_argument("--reason", required=True)
    withdrawn.add_argument("--by", required=True, help="the coordinator withdrawing it")

    reminders = groups.add_parser("reminders", help="what each body still owes in a round")
    reminders.add_argument("--period", help="2026 or 2026-H1 (default: the latest open round)")
    reminders.add_argument("--xlsx", type=Path, help="write the list as a workbook")
    reminders.add_argument("--send", action="store_true", help="e-mail each body's editors ([smtp] in secrets)")

    made = groups.add_parser("report", help="the report on the plan's implementation, as DOCX or PDF")
    made.add_argument("--year", required=True, help="a plan year, 2026–2030")
    made.add_argument("--half", help="1 or 2: a half-year's report")
    made.add_argument("--lang", dest="report_lang", help="the report's language: kk, ru or en (default: --lang)")
    made.add_argument("--out", required=True, type=Path, help="FILE.docx (editable Word) or FILE.pdf")
    made.add_argument("--draft", action="store_true", help="include submitted values not yet approved")
    made.add_argument("--by", help="the coordinator making a draft (from the accounts file)")

    args = parser.parse_args(argv)
    lang = args.lang
    if args.group == "report":
        return _report(args)
    if args.group == "users":
        return _add_user(args.name, args.role, args.body)
    store = Store(args.database)
    if args.group == "store":
        try:
            if args.command == "backup":
                rows = backups.backup(store, args.file)
                print(i18n.t("cli.backup_done", lang, path=str(args.file), rows=rows))
            else:
                rows = backups.restore(store, args.file)
                print(i18n.t("cli.restore_done", lang, rows=rows))
        except StoreError as error:
            return _refused(error.lines(lang))
        return 0
    store.migrate()
    published = load_plan()
    plan = store.plan_in_force(published)
    secrets = _secrets(args.secrets)
    accounts = accounts_from_secrets(secrets, plan.bodies["abbr"])
    if args.group == "plan":
        return _plan(args, published, plan, store, accounts, lang)
    if args.group == "reminders":
        return _reminders(plan, store, secrets, accounts, args, lang)
    if args.command == "export":
        args.out.write_bytes(
            export_bytes(plan, store.actuals(), store.history(entity="submission", limit=100_000), lang)
        )
        print(args.out)
        return 0
    try:
        person = cli_person(args.by, accounts)
    except AuthError as error:
        print(error.text(lang), file=sys.stderr)
        return 2
    try:
        period = Period.parse(args.period) if args.period else _open_period(store)
    except (ValueError, StoreError) as error:
        return _refused(error.lines(lang) if isinstance(error, StoreError) else [str(error)])
    if args.command == "template":
        return _template(plan, store, person, period, args.kind, args.body, args.out, lang)
    return _import(plan, store, person, period, args.path, lang)


def _template(
    plan: Plan, store: Store, person: Person, period: Period, kind: str, asked: list[str], out: Path, lang: str
) -> int:
    bodies = asked or body_workbook.bodies_of(plan, person)
    outside = [b for b in asked if not person.answers_for(b)]
    if outside:
        return _refused(
            [i18n.t("problem.out_of_scope", lang, body=", ".join(outside), bodies=", ".join(sorted(person.bodies)))]
        )
    out.write_bytes(body_workbook.template_bytes(plan, kind, bodies, period, store.reports(kind), lang))
    print(out)
    return 0


def _import(plan: Plan, store: Store, person: Person, period: Period, path: Path, lang: str) -> int:
    if not path.is_file():
        return _refused([f"{path}: {i18n.t('cli.no_file', lang)}"])
    if path.stat().st_size > MAX_BYTES:  # refused before the file is read whole
        return _refused([f"{path}: " + i18n.t("problem.too_large", lang, limit=f"{MAX_BYTES // 1_000_000} MB")])
    data = path.read_bytes()
    kind = body_workbook.workbook_kind(data, plan) or "indicator"  # the file says which report it is
    result = body_workbook.read_workbook(
        data, plan, person, kind, period, store.reports(kind, period=period), store.check_context(kind)
    )
    if not result.ok:
        return _refused(result.problem_lines(lang))
    try:
        outcome = store.save(plan, person, result.entries, submit=True, source_file=path.name)
    except StoreError as error:  # checked above already; a race with another writer lands here
        return _refused(error.lines(lang))
    unchanged = int((result.preview["status"] == "unchanged").sum()) + len(outcome.unchanged)
    print(i18n.t("cli.submitted", lang, saved=len(outcome.saved), unchanged=unchanged, batch=outcome.batch))
    return 0


def _reminders(
    plan: Plan, store: Store, secrets: dict[str, Any], accounts: dict[str, Account], args: argparse.Namespace, lang: str
) -> int:
    try:
        period = Period.parse(args.period) if args.period else _open_period(store)
    except (ValueError, StoreError) as error:
        return _refused(error.lines(lang) if isinstance(error, StoreError) else [str(error)])
    rounds = store.rounds()
    chosen = rounds[rounds["period"] == period.key]
    if chosen.empty:
        return _refused([i18n.t("problem.no_round", lang, period=period.key)])
    round_ = chosen.iloc[0].to_dict()
    owed: pd.DataFrame = pd.concat(
        [cycle.owed(plan, round_, store.reports(kind, period=period), kind) for kind in execution.BODY_KINDS],
        ignore_index=True,
    )
    if args.xlsx:
        args.xlsx.write_bytes(reminders_bytes(plan, owed, period, round_["due"], lang))
        print(args.xlsx)
    if args.send:
        config = mail.SmtpConfig.from_secrets(secrets)
        if config is None:
            return _refused(["[smtp] is not configured in the secrets file"])
        sent = mail.send_reminders(config, plan, owed, accounts, period, round_["due"], lang)
        print(i18n.t("cli.reminders_sent", lang, sent=len(sent.sent), skipped=len(sent.without_address)))
    if not args.xlsx and not args.send:
        for row in owed.itertuples():
            print(f"{(row.body or '—')!s}\t{row.subject_id!s}\t{i18n.t(f'cycle.standing.{row.standing}', lang)}")
    return 0


def _report(args: argparse.Namespace) -> int:
    """Write the report; refuse a year outside the plan, an unknown language, a file it cannot write, a draft
    by anyone but a coordinator — each with one line, before anything is written."""
    from zhez import report

    chosen = args.report_lang or args.lang
    if chosen not in i18n.LANGUAGES:
        return _refused([i18n.t("report.problem.lang", args.lang, code=chosen)])
    lang = chosen
    try:
        period = Period(int(args.year), int(args.half) if args.half else None)
    except ValueError:
        return _refused([i18n.t("report.problem.year", lang, year=f"{args.year} {args.half or ''}".strip())])
    problems = report.check_period(period)
    if problems:
        return _refused([i18n.t(f"report.problem.{problems[0]}", lang, year=period.key)])
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        return _refused([i18n.t("report.problem.format", lang, path=str(out))])
    unwritable = _unwritable(out)
    if unwritable:
        reason = i18n.t(f"report.reason.{unwritable}", lang)
        return _refused([i18n.t("report.problem.unwritable", lang, path=str(out), reason=reason)])
    store = Store(args.database)
    store.migrate()
    published = load_plan()
    plan = store.plan_in_force(published)
    person = None
    if args.draft:
        if not args.by:
            return _refused([i18n.t("report.problem.draft_by", lang)])
        accounts = accounts_from_secrets(_secrets(args.secrets), plan.bodies["abbr"])
        try:
            person = cli_person(args.by, accounts)
        except AuthError as error:
            print(error.text(lang), file=sys.stderr)
            return 2
    # The audit of the edition whose targets the year is judged by
    number = editions.edition_in_force(plan, period.year)
    stored = {e.number: e for e in store.editions(published.document_id)}
    findings = editions.audit_edition(published, stored.get(number), store.indicator_reviews(published.document_id))
    try:
        sources = report.gather(store, plan, period, findings, person, draft=args.draft)
    except AuthError as error:
        return _refused([error.text(lang)])
    content = report.build(sources, lang)
    data = report.docx_bytes(content) if suffix == ".docx" else report.pdf_bytes(content)
    try:
        out.write_bytes(data)
    except OSError as error:
        return _refused([i18n.t("report.problem.unwritable", lang, path=str(out), reason=error.strerror or str(error))])
    print(out)
    return 0


def _unwritable(path: Path) -> str:
    """Why ``path`` cannot be written (a ``report.reason.*`` key; "" when it can), before the report is made."""
    import os

    if path.is_dir():
        return "is_folder"
    if not path.parent.is_dir():
        return "no_folder"
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "denied"
    return ""


# ── editions of the plan ───────────────────────────────────────────────────


def _plan(args, published: Plan, plan: Plan, store: Store, accounts: dict[str, Account], lang: str) -> int:  # type: ignore[no-untyped-def]
    if args.command == "list":
        print(_rows(tables.editions_table(published, store.edition_states(published.document_id), lang)))
        queue = tables.review_queue(plan, lang)
        if not queue.empty:
            print()
            print(i18n.t("editions.awaiting_review", lang, n=len(queue)))
            print(_rows(queue))
        return 0
    if args.command == "diff":
        try:
            old, new = (_edition_plan(published, plan, store, which) for which in (args.old, args.new))
        except (SourceError, LookupError) as error:
            return _refused([error.text(lang) if isinstance(error, SourceError) else str(error.args[0])])
        changes = editions.diff(old, new)
        if args.csv:
            args.csv.write_bytes(csv_bytes(tables.diff_table(old, new, changes, lang)))
        if args.xlsx:
            args.xlsx.write_bytes(
                workbook_bytes(
                    {i18n.t("editions.sheet_diff", lang): tables.diff_table(old, new, changes, lang)}, lang=lang
                )
            )
        print(i18n.t("editions.changes", lang, n=len(changes)))
        if not changes.empty:
            print(_rows(tables.diff_table(old, new, changes, lang, for_screen=True)))
        return 0
    try:
        person = cli_person(args.by, accounts)
    except AuthError as error:
        print(error.text(lang), file=sys.stderr)
        return 2
    try:
        if args.command == "import":
            return _import_edition(args, published, plan, store, person, lang)
        if args.command == "review":
            store.review_indicator(
                person, plan, args.indicator, desired=args.desired, measure=args.measure, name_ru=args.name_ru,
                name_en=args.name_en,
            )  # fmt: skip
            print(i18n.t("editions.reviewed", lang, indicator=args.indicator))
            return 0
        store.withdraw_edition(person, published, args.number, args.reason)
        print(i18n.t("editions.withdrawn", lang, number=str(args.number)))
        return 0
    except StoreError as error:
        return _refused(error.lines(lang))
    except AuthError as error:
        return _refused([error.text(lang)])


def _import_edition(args, published: Plan, plan: Plan, store: Store, person: Person, lang: str) -> int:  # type: ignore[no-untyped-def]
    path: Path = args.file
    if not path.is_file():
        return _refused([f"{path}: {i18n.t('cli.no_file', lang)}"])
    if path.stat().st_size > MAX_SOURCE_BYTES:  # refused before the file is read whole
        return _refused([f"{path}: " + i18n.t("source.too_large", lang, limit=f"{MAX_SOURCE_BYTES // 1_000_000} MB")])
    data = path.read_bytes()
    effective = args.effective if args.effective is not None else clock.today(clock.zone()).year
    try:
        section = editions.read(data, path.name)
        edition = store.import_edition(
            person, published, section, name=args.name, basis=args.basis, effective_year=effective,
            source_file=path.name, source_sha256=hashlib.sha256(data).hexdigest(),
        )  # fmt: skip
    except SourceError as error:
        return _refused([error.text(lang)])
    counts = edition.matching["match"].value_counts().to_dict()
    print(
        i18n.t(
            "editions.loaded",
            lang,
            number=str(edition.number),
            name=edition.name,
            year=str(edition.effective_year),
            **{how: int(counts.get(how, 0)) for how in editions.MATCHES},
            dropped=len(set(plan.indicators["id"]) - edition.ids()),
        )
    )
    findings = editions.audit_edition(published, edition, store.indicator_reviews(published.document_id))
    print(i18n.t("editions.audit_count", lang, n=len(findings)))
    return 0


def _edition_plan(published: Plan, plan: Plan, store: Store, which: str) -> Plan:
    """An edition as a plan of its own: by number, by name, or a file read and matched (not stored)."""
    if Path(which).is_file():
        section = editions.read(Path(which).read_bytes(), Path(which).name)
        return editions.edition_plan(published, editions.preview(section, plan))
    stored = store.editions(published.document_id)
    if which in ("0", published.document_id):
        return published
    found = [e for e in stored if str(e.number) == which or e.name == which]
    if not found:
        raise LookupError(f"{which}: " + i18n.t("problem.unknown_edition", i18n.DEFAULT_LANGUAGE, edition=which))
    return editions.edition_plan(published, found[0], store.indicator_reviews(published.document_id))


def _rows(frame) -> str:  # type: ignore[no-untyped-def]
    """A table as tab-separated lines (a terminal or a spreadsheet reads them)."""
    lines = ["\t".join(str(c) for c in frame.columns)]
    lines += ["\t".join(_cell(v) for v in row) for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def _cell(value: object) -> str:
    """A cell as printed: an empty cell (None, or pandas' NaN for a missing number) as nothing."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _open_period(store: Store) -> Period:
    rounds = store.rounds()
    opened = rounds[rounds["state"] == "open"]
    if opened.empty:
        raise StoreError([Problem.of("no_open_round", period="—")])
    return Period.parse(opened.iloc[0]["period"])


def _secrets(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _refused(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def _add_user(name: str, role: str, bodies: list[str]) -> int:
    known = load_plan().bodies["abbr"]
    try:  # check the name, role and bodies before asking for a password
        secrets_block(name, "x" * 8, role, bodies, known)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Again: ")
    if first != second:
        print("The two passwords differ.", file=sys.stderr)
        return 1
    try:
        block = secrets_block(name, first, role, bodies, known)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print("Add to .streamlit/secrets.toml:")
    print(block)
    return 0
