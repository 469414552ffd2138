"""Workbooks: the body workbook officials fill, every malformed file refused on the live import with its reason,
and safe exports.

The hostile files of tests/data/bad/ are built from the live template (the indicators' report for 2026 of
every body, as a coordinator downloads it: tests/data/make_bad_files.py); each is read here exactly as the
app and the command line read an upload (``zhez.body_workbook.read_workbook``).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from cycle_helpers import approve_values, open_round
from openpyxl import load_workbook
from workbook_helpers import column_of, fill

from zhez.auth import trusted_person
from zhez.backup import dump_store
from zhez.body_workbook import FIRST_DATA_ROW, HEADER_ROW, bodies_of, read_workbook, template_bytes
from zhez.cycle import IndicatorReport, Period
from zhez.excel import csv_bytes, export_bytes, safe_text, workbook_bytes
from zhez.store import Store, empty_context

DATA = Path(__file__).resolve().parent / "data"
Y2026 = Period(2026)
COORDINATOR = trusted_person("Dana Coordinator", "coordinator")
NO_REPORTS = pd.DataFrame()

BAD = {
    "csv-renamed.xlsx": "not_xlsx",
    "pdf-renamed.xlsx": "not_xlsx",
    "random-bytes.xlsx": "not_xlsx",
    "empty.xlsx": "empty_file",
    "zip-bomb.xlsx": "zip_bomb",
    "rows-100000.xlsx": "too_many_rows",
    "missing-header.xlsx": "header_missing",
    "renamed-header.xlsx": "header_renamed",
    "unknown-code.xlsx": "unknown_indicator",
    "year-2031.xlsx": "year_range",
    "text-value.xlsx": "text_in_value",
    "date-value.xlsx": "date_in_value",
    "boolean-value.xlsx": "boolean_in_value",
    "negative-percent.xlsx": "negative",
    "over-100-percent.xlsx": "over_100",
    "duplicated-row.xlsx": "duplicate_row",
    "formula-without-value.xlsx": "formula_no_value",
    "merged-cells.xlsx": "merged_cells",
    "hidden-sheet.xlsx": "hidden_sheet",
    # issue 21 §1: each crashed the reader (a traceback), exhausted it, or was accepted before
    "empty-cells-without-reference.xlsx": "too_many_columns",
    "rows-without-dimension.xlsx": "too_many_rows",
    "columns-16384.xlsx": "too_many_columns",
    "junk-elements.xlsx": "too_complex",
    "deep-nesting.xlsx": "too_complex",
    "nan-number.xlsx": "bad_number",
    "inf-number.xlsx": "bad_number",
    "hex-number.xlsx": "bad_number",
    "digits-300.xlsx": "bad_number",
    "digits-5000.xlsx": "bad_number",
    "underscore-number.xlsx": "bad_number",
    "arabic-indic-digits.xlsx": "bad_number",
    "shared-string-out-of-range.xlsx": "bad_shared_string",
    "shared-string-negative.xlsx": "bad_shared_string",
    "shared-string-not-a-number.xlsx": "bad_shared_string",
    "bad-crc.xlsx": "damaged",
    "truncated-sheet.xlsx": "damaged",
    "illegal-character-reference.xlsx": "damaged",
    "duplicate-cell.xlsx": "damaged",
    "entity-bomb.xlsx": "unsafe_xml",
    "external-entity.xlsx": "unsafe_xml",
    "duplicate-sheet-member.xlsx": "duplicate_part",
    "macro-enabled.xlsx": "macro_enabled",
    "password-protected.xlsx": "password_protected",
    "old-format-xls.xlsx": "old_xls",
    "ods-renamed.xlsx": "save_as_xlsx",
    "error-value.xlsx": "error_in_value",
    "hidden-row-value.xlsx": "hidden_row",
    "hidden-column-value.xlsx": "hidden_column",
    "percent-formatted.xlsx": "percent_format",
    "header-only.xlsx": "no_rows",
    "value-under-no-heading.xlsx": "value_outside_columns",
    "edited-target.xlsx": "locked_changed",
    "implausible-value.xlsx": "implausible",
    "many-problems.xlsx": "text_in_value",
}


def read(data: bytes, plan, store: Store | None = None, person=COORDINATOR, period: Period = Y2026):  # type: ignore[no-untyped-def]
    """An upload read as the app reads it (a coordinator's, by default: every body's rows are theirs)."""
    reports = store.reports("indicator") if store else NO_REPORTS
    context = store.check_context("indicator") if store else empty_context("indicator")
    return read_workbook(data, plan, person, "indicator", period, reports, context)


def bad(name: str, plan, store: Store | None = None):  # type: ignore[no-untyped-def]
    return read((DATA / "bad" / name).read_bytes(), plan, store)


def every_body_template(plan, lang: str = "kk", reports: pd.DataFrame = NO_REPORTS) -> bytes:  # type: ignore[no-untyped-def]
    return template_bytes(plan, "indicator", bodies_of(plan, COORDINATOR), Y2026, reports, lang)


def test_every_bad_file_is_kept_and_listed():
    assert {p.name for p in (DATA / "bad").glob("*.xlsx")} == set(BAD)


@pytest.mark.parametrize(("name", "problem"), sorted(BAD.items()))
def test_a_bad_workbook_is_refused_with_its_reason_and_nothing_is_stored(name, problem, plan, store, editor):
    approve_values(store, plan, [("i01", 2026, 73.0)], editor=editor)
    before = dump_store(store)["tables"]
    result = bad(name, plan, store)
    assert not result.ok and result.entries == []
    assert problem in {p.key for p in result.problems}
    for lang in ("kk", "ru", "en"):
        lines = result.problem_lines(lang)
        assert lines and all(len(line) > 10 for line in lines if not line.startswith("…"))
    store.save(plan, COORDINATOR, result.entries, submit=True)  # what a page would do with nothing to submit
    assert dump_store(store)["tables"] == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_refusal_reads_as_a_sentence_never_a_traceback_or_a_path(name, plan):
    data = (DATA / "bad" / name).read_bytes()
    result = read(data, plan)
    for lang in ("kk", "ru", "en"):
        text = "\n".join(result.problem_lines(lang))
        assert "Traceback" not in text and "Error" not in text and "{" not in text
        assert str(DATA.parents[1]) not in text and "site-packages" not in text  # no server path
        assert len(result.problem_lines(lang)) <= 21
    again = read(data, plan)  # a function of its arguments: a page may cache it by the bytes' hash
    assert again.problems == result.problems and again.omitted == result.omitted
    assert again.preview.equals(result.preview)


def test_the_list_of_problems_is_capped_and_says_how_many_more(plan):
    result = bad("many-problems.xlsx", plan)
    assert len(result.problems) + result.omitted == 59 * 4  # the value as text, the name, unit and target changed
    assert len(result.problems) == 200 and result.omitted == 36
    lines = {lang: result.problem_lines(lang) for lang in ("kk", "ru", "en")}
    assert all(len(each) == 21 for each in lines.values())
    assert lines["en"][-1] == "…and 216 more"
    assert lines["ru"][-1] == "…и ещё 216" and lines["kk"][-1] == "…және тағы 216"
    assert len(result.problem_lines("en", limit=500)) == 200 + 1  # kept, then the count of the rest


def test_refusals_say_what_to_do_in_the_officials_words(plan):
    def line(name: str, lang: str) -> str:
        return " ".join(bad(name, plan).problem_lines(lang))

    assert "пароль" in line("password-protected.xlsx", "ru") and "құпиясөз" in line("password-protected.xlsx", "kk")
    assert ".xlsx" in line("old-format-xls.xlsx", "ru") and "повреждён" in line("bad-crc.xlsx", "ru")
    assert "бүлінген" in line("truncated-sheet.xlsx", "kk")
    i29 = FIRST_DATA_ROW + 28
    assert line("percent-formatted.xlsx", "ru").startswith(f"G{i29}: ") and "введите 97,5" in line(
        "percent-formatted.xlsx", "ru"
    )
    assert "enter 97.5" in line("percent-formatted.xlsx", "en")
    assert line("edited-target.xlsx", "ru").startswith(f"F{FIRST_DATA_ROW + 9}: ")  # the 2026 target of i10
    assert "«6,75»" in line("edited-target.xlsx", "ru") and "«9,9»" in line("edited-target.xlsx", "ru")
    assert "2031" in line("year-2031.xlsx", "ru") and "2024–2030" in line("year-2031.xlsx", "ru")


def test_a_percentage_formatted_cell_is_never_stored_as_its_fraction(plan):
    result = bad("percent-formatted.xlsx", plan)
    assert not result.ok and result.entries == []
    (row,) = result.preview.itertuples()
    assert (row.subject_id, row.period, row.status, row.reason) == ("i29", "2026", "rejected", "percent_format")


def test_every_locked_cell_of_a_template_in_any_language_is_accepted_as_written(plan):
    for lang in ("kk", "ru", "en"):
        filled = fill(every_body_template(plan, lang), {("i10", "value"): 6.7, ("i10", "source"): "form 1"})
        result = read(filled, plan)
        assert result.ok, result.problem_lines("en")
        assert [(e.subject_id, e.report) for e in result.entries] == [("i10", IndicatorReport(6.7, source="form 1"))]


def test_a_workbook_saved_with_shared_strings_reads_like_the_template(plan):
    """Excel and LibreOffice write text as shared strings; openpyxl writes it inline: both read the same."""
    data = fill(every_body_template(plan, "ru"), {("i10", "value"): 6.7, ("i10", "source"): "стат. комитет"})
    strings: list[str] = []
    source = zipfile.ZipFile(io.BytesIO(data))

    def shared(match: re.Match[str]) -> str:
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    sheet = re.sub(
        r'<c r="([A-Z]+[0-9]+)"[^>]*t="inlineStr"><is><t>(.*?)</t></is></c>',
        shared,
        source.read("xl/worksheets/sheet1.xml").decode(),
    )
    table = "".join(f"<si><t>{text}</t></si>" for text in strings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet.encode()
            elif item.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    b'sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
                )
            target.writestr(item.filename, content)
        target.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{table}</sst>',
        )
    assert len(strings) > 300
    result = read(out.getvalue(), plan)
    assert result.ok, result.problem_lines("en")
    assert [e.report for e in result.entries] == [IndicatorReport(6.7, source="стат. комитет")]


def test_csv_downloads_neutralise_formula_payloads_and_keep_numbers():
    frame = pd.DataFrame(
        {
            "=cmd": ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "plain"],
            "value": [1.5, -2.0, 3.0, None, 0.0, 1e25],
            "count": [1, -2, 3, 4, 5, 6],
        }
    )
    text = csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(back.columns) == ["'=cmd", "value", "count"]
    assert all(cell.startswith("'") for cell in back["'=cmd"][:5]) and back["'=cmd"][5] == "plain"
    assert back["count"].tolist() == [1, -2, 3, 4, 5, 6]  # numbers stay numbers, negative ones too
    assert csv_bytes(frame).startswith(b"\xef\xbb\xbf")
    assert (
        csv_bytes(pd.DataFrame({"a": ["x"], "b": ["=1"]}).rename(columns={"b": "a"})).decode("utf-8-sig").split()[1]
        == "x,'=1"
    )  # duplicate headings too
    assert csv_bytes(pd.DataFrame()) == pd.DataFrame().to_csv(index=False).encode("utf-8-sig")


def test_the_command_line_refuses_a_large_file_before_reading_it(tmp_path, root):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(3_000_000)  # sparse: nothing written
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[users."Aigul Test"]\npassword = "x"\nrole = "editor"\nbodies = ["ДСБ"]\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zhez", "--database", f"sqlite:///{tmp_path / 's.sqlite'}", "--secrets", str(secrets),
         "--lang", "ru", "actuals", "import", str(big), "--by", "Aigul Test", "--period", "2026"],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.strip() == f"{big}: Файл слишком большой (предел 2 MB)"


def test_reasons_name_the_cell(plan):
    (line,) = bad("text-value.xlsx", plan).problem_lines("ru")
    assert line.startswith(f"G{FIRST_DATA_ROW + 9}: ") and "текст" in line


def test_a_formula_counts_with_its_saved_value_and_is_never_evaluated(plan):
    result = read((DATA / "good" / "formula-with-saved-value.xlsx").read_bytes(), plan)
    assert result.ok, result.problem_lines("en")
    assert [(e.subject_id, e.report.value) for e in result.entries] == [("i10", 7.0)]


FILLED = {
    ("i10", "value"): 6.7,
    ("i29", "value"): 97.5,
    ("i46", "value"): 49.2,
    ("i23", "value"): 1750,
}


def test_round_trip_template_filled_imported_approved_exported(plan, store, coordinator, second_coordinator):
    open_round(store, Y2026, coordinator)
    cells = dict(FILLED)
    for indicator_id in {i for i, _ in FILLED}:
        cells[(indicator_id, "source")] = "stat. committee, June"
        cells[(indicator_id, "deviation_reason")] = "late data"
    result = read(fill(every_body_template(plan, "ru"), cells), plan, store)
    assert result.ok, result.problem_lines("en")
    assert set(result.preview["status"]) == {"new"}
    outcome = store.save(plan, coordinator, result.entries, submit=True, source_file="filled.xlsx")
    store.approve_batch(plan, second_coordinator, outcome.batch)
    exported = load_workbook(io.BytesIO(export_bytes(plan, store.actuals(), store.history(), "en")))["Actual values"]
    rows = list(exported.iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[3]): r[4] for r in rows} == {(i, 2026): v for (i, _k), v in FILLED.items()}
    assert {r[6] for r in rows} == {"Dana Coordinator"} and {r[8] for r in rows} == {"filled.xlsx"}


def test_reimporting_the_prefilled_template_changes_nothing(plan, store, editor):
    approve_values(store, plan, [("i10", 2026, 6.7, "n")], editor=editor)
    before = dump_store(store)["tables"]
    again = read(every_body_template(plan, "kk", store.reports("indicator")), plan, store)
    assert again.ok and again.entries == []
    assert set(again.preview["status"]) == {"unchanged"} and len(again.preview) == 1
    store.save(plan, COORDINATOR, again.entries, submit=True)
    assert dump_store(store)["tables"] == before
    edited = fill(every_body_template(plan, "kk", store.reports("indicator")), {("i10", "value"): 6.6})
    changed = read(edited, plan, store)
    assert [(e.subject_id, e.report.value, e.report.note) for e in changed.entries] == [("i10", 6.6, "n")]
    assert changed.preview.set_index("subject_id").loc["i10", "status"] == "changed"


def test_the_template_is_one_locked_sheet_with_input_cells_and_validation(plan):
    book = load_workbook(io.BytesIO(every_body_template(plan)))
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet.protection.sheet
    assert sheet.cell(row=HEADER_ROW, column=1).value == "ID"
    assert sheet.max_row == FIRST_DATA_ROW + 58
    id_cell = sheet.cell(row=FIRST_DATA_ROW, column=1)
    value_cell = sheet.cell(row=FIRST_DATA_ROW, column=column_of("value"))
    assert id_cell.protection.locked and not value_cell.protection.locked
    rules = sheet.data_validations.dataValidation
    assert {(r.type, r.operator, r.formula2) for r in rules} == {
        ("decimal", "between", "100"),
        ("decimal", "greaterThanOrEqual", None),
    }
    percent_rule = next(r for r in rules if r.formula2 == "100")
    assert value_cell.coordinate not in percent_rule.sqref  # i01 is in years, not %
    assert f"G{FIRST_DATA_ROW + 28}" in percent_rule.sqref  # i29 is a percentage
    texts = " ".join(str(sheet.cell(row=r, column=1).value) for r in range(1, HEADER_ROW))
    assert "Сары" in texts and "жёлтые" in texts  # instructions in Kazakh and Russian
    assert sheet.cell(row=FIRST_DATA_ROW + 9, column=column_of("target")).value == 6.75


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_like_text_is_neutralised_in_every_export(text, plan, store, editor):
    assert safe_text(text).startswith("'")
    approve_values(store, plan, [("i10", 2026, 6.7, text)], editor=editor)
    sheet = load_workbook(io.BytesIO(export_bytes(plan, store.actuals(), store.history(), "kk")))["Нақты мәндер"]
    cell = sheet.cell(row=2, column=6)
    assert cell.data_type == "s" and cell.value == "'" + text
    table = load_workbook(io.BytesIO(workbook_bytes({"t": pd.DataFrame({"note": [text]})})))["t"]
    assert table.cell(row=2, column=1).data_type == "s"


def test_the_command_line_exports_and_refuses_a_workbook_with_a_bad_value(tmp_path, root, plan):
    env_url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(env_url)
    store.migrate()
    approve_values(store, plan, [("i10", 2026, 6.7), ("i29", 2026, 98.5)])
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[users."Aigul Test"]\npassword = "x"\nrole = "editor"\nbodies = ["ДСБ"]\n', encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "zhez", "--database", env_url, "--secrets", str(secrets), "--lang", "en", *args],  # noqa: E731
                                       cwd=root, capture_output=True, text=True)  # fmt: skip
    refused = run("actuals", "import", str(DATA / "bad" / "text-value.xlsx"), "--by", "Aigul Test")
    assert refused.returncode == 1 and f"G{FIRST_DATA_ROW + 9}: Text in a value cell" in refused.stderr
    out = tmp_path / "export.xlsx"
    assert run("actuals", "export", str(out)).returncode == 0
    assert load_workbook(out)["Actual values"].max_row == 3
    assert (
        run("actuals", "import", str(DATA / "bad" / "text-value.xlsx"), "--by", "x").returncode == 2
    )  # no such account


def test_a_failure_no_test_foresaw_is_refused_in_words_and_logged(plan, monkeypatch, caplog):
    import zhez.body_workbook

    def broken(data, limits):  # type: ignore[no-untyped-def]
        raise RuntimeError("/srv/app/zhez/xlsx.py: a bug")

    monkeypatch.setattr(zhez.body_workbook, "read_sheet", broken)
    result = read(every_body_template(plan), plan)
    assert [p.key for p in result.problems] == ["damaged"]
    assert "/srv" not in " ".join(result.problem_lines("ru"))
    assert "a bug" in caplog.text


def test_a_review_check_names_the_cell_it_is_about(plan):
    cells = {("i10", "value"): 6.7, ("i10", "source"): "form 1", ("i10", "note"): "x" * 501, ("i29", "value"): 96.0}
    result = read(fill(every_body_template(plan), cells), plan)
    lines = result.problem_lines("en")
    assert f"L{FIRST_DATA_ROW + 9}: “Note” is longer than 500 characters" in lines
    assert any(line.startswith(f"K{FIRST_DATA_ROW + 28}: Say where the figure comes from") for line in lines)
