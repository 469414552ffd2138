"""The command line: ``python -m zhez actuals template|import|export`` and ``python -m zhez users add``.

Import applies directly (the person at the server's shell is trusted as an editor, named
with ``--by``); it exits 0 when applied and 1 with one line per problem when refused.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from zhez import i18n
from zhez.auth import AuthError, cli_editor, secrets_line
from zhez.excel import export_bytes, read_actuals_workbook, template_bytes
from zhez.plan import Plan, load_plan
from zhez.store import Store, StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhez", description="Zhezkazgan plan 2026–2030: data tools")
    parser.add_argument("--database", help="store URL (default: ZHEZ_DATABASE_URL or data/local/zhez.sqlite)")
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help="language of names and messages"
    )
    groups = parser.add_subparsers(dest="group", required=True)

    actuals = groups.add_parser("actuals", help="recorded actual values").add_subparsers(dest="command", required=True)
    template = actuals.add_parser("template", help="write the workbook officials fill")
    template.add_argument("out", type=Path)
    template.add_argument("--with-recorded", action="store_true", help="pre-fill what is already recorded")
    imported = actuals.add_parser("import", help="validate a filled workbook and apply it")
    imported.add_argument("path", type=Path)
    imported.add_argument("--by", required=True, help="the editor's name, stored with every change")
    exported = actuals.add_parser("export", help="write everything recorded, with who and when")
    exported.add_argument("out", type=Path)

    users = groups.add_parser("users", help="editors").add_subparsers(dest="command", required=True)
    add = users.add_parser("add", help="print the secrets.toml line for a new editor (asks for the password)")
    add.add_argument("name")

    args = parser.parse_args(argv)
    if args.group == "users":
        return _add_user(args.name)
    plan = load_plan()
    store = Store(args.database)
    store.migrate()
    if args.command == "template":
        recorded = store.actuals() if args.with_recorded else None
        args.out.write_bytes(template_bytes(plan, args.lang, recorded))
        print(args.out)
        return 0
    if args.command == "export":
        args.out.write_bytes(
            export_bytes(plan, store.actuals(), store.history(entity="actual", limit=100_000), args.lang)
        )
        print(args.out)
        return 0
    return _import(plan, store, args.path, args.by, args.lang)


def _import(plan: Plan, store: Store, path: Path, by: str, lang: str) -> int:
    try:
        editor = cli_editor(by)
    except AuthError as error:
        print(error, file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"{path}: {i18n.t('cli.no_file', lang)}", file=sys.stderr)
        return 1
    result = read_actuals_workbook(path.read_bytes(), plan, store.actuals(), path.name)
    if not result.ok:
        for line in result.problem_lines(lang):
            print(line, file=sys.stderr)
        return 1
    try:
        changed = store.record(plan, editor, result.changes, source_file=path.name, action="import")
    except StoreError as error:  # checked above already; a race with another writer lands here
        print(error, file=sys.stderr)
        return 1
    unchanged = int((result.preview["status"] == "unchanged").sum())
    print(i18n.t("cli.applied", lang, changed=changed, unchanged=unchanged))
    return 0


def _add_user(name: str) -> int:
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Again: ")
    if first != second:
        print("The two passwords differ.", file=sys.stderr)
        return 1
    try:
        line = secrets_line(name, first)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print("Add under [editors] in .streamlit/secrets.toml:")
    print(line)
    return 0
