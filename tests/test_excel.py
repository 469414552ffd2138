"""Workbooks: the template officials fill, every malformed file refused with its reason, and safe exports."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from cycle_helpers import approve_values
from openpyxl import load_workbook

from zhez.actuals import ActualChange
from zhez.auth import trusted_person
from zhez.excel import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    csv_bytes,
    export_bytes,
    read_actuals_workbook,
    safe_text,
    template_bytes,
    template_headers,
    workbook_bytes,
)
from zhez.store import Store

DATA = Path(__file__).resolve().parent / "data"
COLUMNS = [key for key, _ in template_headers()]

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


def test_every_bad_file_is_kept_and_listed():
    assert {p.name for p in (DATA / "bad").glob("*.xlsx")} == set(BAD)


@pytest.mark.parametrize(("name", "problem"), sorted(BAD.items()))
def test_a_bad_workbook_is_refused_with_its_reason_and_nothing_is_stored(name, problem, plan, store, editor):
    approve_values(store, plan, [("i01", 2026, 73.0)], editor=editor)
    before = store.actuals().to_dict("records"), store.revision()
    result = read_actuals_workbook((DATA / "bad" / name).read_bytes(), plan, store.actuals(), name)
    assert not result.ok
    assert problem in {p.key for _where, p in result.problems}
    for lang in ("kk", "ru", "en"):
        lines = result.problem_lines(lang)
        assert lines and all(len(line) > 10 for line in lines if not line.startswith("…"))
    assert (store.actuals().to_dict("records"), store.revision()) == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_refusal_reads_as_a_sentence_never_a_traceback_or_a_path(name, plan):
    data = (DATA / "bad" / name).read_bytes()
    result = read_actuals_workbook(data, plan)
    for lang in ("kk", "ru", "en"):
        text = "\n".join(result.problem_lines(lang))
        assert "Traceback" not in text and "Error" not in text and "{" not in text
        assert str(DATA.parents[1]) not in text and "site-packages" not in text  # no server path
        assert len(result.problem_lines(lang)) <= 21
    again = read_actuals_workbook(data, plan)  # a function of the bytes: a page may cache it by their hash
    assert again.problems == result.problems and again.omitted == result.omitted
    assert again.preview.equals(result.preview)


def test_the_list_of_problems_is_capped_and_says_how_many_more(plan):
    result = read_actuals_workbook((DATA / "bad" / "many-problems.xlsx").read_bytes(), plan)
    assert len(result.problems) + result.omitted == 59 * 7
    lines = {lang: result.problem_lines(lang) for lang in ("kk", "ru", "en")}
    assert all(len(each) == 21 for each in lines.values())
    assert lines["en"][-1] == "…and 393 more"
    assert lines["ru"][-1] == "…и ещё 393" and lines["kk"][-1] == "…және тағы 393"
    assert len(result.problem_lines("en", limit=500)) == 200 + 1  # kept, then the count of the rest


def test_refusals_say_what_to_do_in_the_officials_words(plan):
    def line(name, lang):
        return " ".join(read_actuals_workbook((DATA / "bad" / name).read_bytes(), plan).problem_lines(lang))

    assert "пароль" in line("password-protected.xlsx", "ru") and "құпиясөз" in line("password-protected.xlsx", "kk")
    assert ".xlsx" in line("old-format-xls.xlsx", "ru") and "повреждён" in line("bad-crc.xlsx", "ru")
    assert "бүлінген" in line("truncated-sheet.xlsx", "kk")
    assert line("percent-formatted.xlsx", "ru").startswith("O37: ") and "введите 97,5" in line(
        "percent-formatted.xlsx", "ru"
    )
    assert "enter 97.5" in line("percent-formatted.xlsx", "en")
    assert line("edited-target.xlsx", "ru").startswith(f"L{FIRST_DATA_ROW + 9}: ")  # the 2030 target of i10
    assert "«6»" in line("edited-target.xlsx", "ru") and "«9,9»" in line("edited-target.xlsx", "ru")


def test_a_percentage_formatted_cell_is_never_stored_as_its_fraction(plan):
    result = read_actuals_workbook((DATA / "bad" / "percent-formatted.xlsx").read_bytes(), plan)
    assert not result.ok and result.changes == []
    (row,) = result.preview.itertuples()
    assert (row.indicator_id, row.year, row.status, row.reason) == ("i29", 2026, "rejected", "percent_format")


def test_every_locked_cell_of_a_template_in_any_language_is_accepted_as_written(plan):
    for lang in ("kk", "ru", "en"):
        result = read_actuals_workbook(fill(template_bytes(plan, lang), {("i10", "actual:2026"): 6.7}), plan)
        assert result.ok, result.problem_lines("en")
        assert result.changes == [ActualChange("i10", 2026, 6.7, "")]


def test_a_workbook_saved_with_shared_strings_reads_like_the_template(plan):
    """Excel and LibreOffice write text as shared strings; openpyxl writes it inline: both read the same."""
    import zipfile

    data = fill(template_bytes(plan, "ru"), {("i10", "actual:2026"): 6.7, ("i10", "note"): "стат. комитет"})
    strings, rewritten = [], []
    source = zipfile.ZipFile(io.BytesIO(data))

    def shared(match):
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    import re

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
    rewritten = out.getvalue()
    assert len(strings) > 300
    result = read_actuals_workbook(rewritten, plan)
    assert result.ok, result.problem_lines("en")
    assert result.changes == [ActualChange("i10", 2026, 6.7, "стат. комитет")]


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


def test_reasons_name_the_cell():
    from zhez import load_plan

    result = read_actuals_workbook((DATA / "bad" / "text-value.xlsx").read_bytes(), load_plan())
    (line,) = result.problem_lines("ru")
    assert line.startswith(f"O{FIRST_DATA_ROW + 9}: ") and "текст" in line


def test_a_formula_counts_with_its_saved_value_and_is_never_evaluated(plan):
    result = read_actuals_workbook((DATA / "good" / "formula-with-saved-value.xlsx").read_bytes(), plan)
    assert result.ok, result.problem_lines("en")
    assert result.changes == [ActualChange("i10", 2026, 7.0, "")]


def fill(data: bytes, cells: dict[tuple[str, str], object]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for (indicator_id, key), value in cells.items():
        sheet.cell(row=FIRST_DATA_ROW + int(indicator_id[1:]) - 1, column=COLUMNS.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILLED = {
    ("i10", "actual:2026"): 6.7,
    ("i10", "note"): "stat. committee, June",
    ("i29", "actual:2025"): 97.5,
    ("i46", "actual:2026"): 49.2,
    ("i52", "actual:2030"): 301.5,
    ("i59", "actual:2024"): 90.0,
    ("i23", "actual:2026"): 1750,
}


def test_round_trip_template_filled_imported_exported(plan, store, editor):
    workbook = fill(template_bytes(plan, "ru"), FILLED)
    result = read_actuals_workbook(workbook, plan, store.actuals(), "filled.xlsx")
    assert result.ok, result.problem_lines("en")
    assert set(result.preview["status"]) == {"new"}
    recorder = trusted_person("Aigul Test", every_body=True)
    changes = [(c.indicator_id, c.year, c.value, c.note) for c in result.changes]
    assert len(approve_values(store, plan, changes, editor=recorder, source_file="filled.xlsx")) == 6
    exported = load_workbook(io.BytesIO(export_bytes(plan, store.actuals(), store.history(), "en")))["actuals"]
    rows = list(exported.iter_rows(min_row=2, values_only=True))
    got = {(r[0], r[3]): r[4] for r in rows}
    want = {(i, int(k.split(":")[1])): v for (i, k), v in FILLED.items() if k.startswith("actual:")}
    assert got == want
    assert {r[6] for r in rows} == {"Aigul Test"} and {r[8] for r in rows} == {"filled.xlsx"}
    notes = {r[0]: r[5] for r in rows}
    assert notes["i10"] == "stat. committee, June"


def test_reimporting_the_prefilled_template_changes_nothing(plan, store, editor):
    approve_values(store, plan, [("i10", 2026, 6.7, "n")], editor=editor)
    again = read_actuals_workbook(template_bytes(plan, "kk", store.actuals()), plan, store.actuals())
    assert again.ok and again.changes == []
    assert set(again.preview["status"]) == {"unchanged"}
    edited = fill(template_bytes(plan, "kk", store.actuals()), {("i10", "actual:2026"): 6.6})
    changed = read_actuals_workbook(edited, plan, store.actuals())
    assert changed.changes == [ActualChange("i10", 2026, 6.6, "n")]
    assert changed.preview.set_index("indicator_id").loc["i10", "status"] == "changed"


def test_the_template_is_one_locked_sheet_with_input_cells_and_validation(plan):
    book = load_workbook(io.BytesIO(template_bytes(plan, "kk")))
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet.protection.sheet
    assert sheet.cell(row=HEADER_ROW, column=1).value == "ID"
    assert sheet.max_row == FIRST_DATA_ROW + 58
    id_cell = sheet.cell(row=FIRST_DATA_ROW, column=1)
    actual_cell = sheet.cell(row=FIRST_DATA_ROW, column=COLUMNS.index("actual:2026") + 1)
    assert id_cell.protection.locked and not actual_cell.protection.locked
    rules = sheet.data_validations.dataValidation
    assert {(r.type, r.operator, r.formula2) for r in rules} == {
        ("decimal", "between", "100"),
        ("decimal", "greaterThanOrEqual", None),
    }
    percent_rule = next(r for r in rules if r.formula2 == "100")
    assert actual_cell.coordinate not in percent_rule.sqref  # i01 is in years, not %
    texts = " ".join(str(sheet.cell(row=r, column=1).value) for r in range(1, HEADER_ROW))
    assert "сары" in texts and "жёлтые" in texts  # instructions in Kazakh and Russian
    assert sheet.cell(row=FIRST_DATA_ROW + 9, column=COLUMNS.index("target:2030") + 1).value == 6.0


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_like_text_is_neutralised_in_every_export(text, plan, store, editor):
    assert safe_text(text).startswith("'")
    approve_values(store, plan, [("i10", 2026, 6.7, text)], editor=editor)
    sheet = load_workbook(io.BytesIO(export_bytes(plan, store.actuals(), store.history(), "kk")))["actuals"]
    cell = sheet.cell(row=2, column=6)
    assert cell.data_type == "s" and cell.value == "'" + text
    table = load_workbook(io.BytesIO(workbook_bytes({"t": pd.DataFrame({"note": [text]})})))["t"]
    assert table.cell(row=2, column=1).data_type == "s"


def test_the_command_line_exports_and_refuses_a_workbook_of_another_layout(tmp_path, root, plan):
    env_url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(env_url)
    store.migrate()
    approve_values(store, plan, [("i10", 2026, 6.7), ("i29", 2026, 98.5)])
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[users."Aigul Test"]\npassword = "x"\nrole = "editor"\nbodies = ["ДСБ"]\n', encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "zhez", "--database", env_url, "--secrets", str(secrets), "--lang", "en", *args],  # noqa: E731
                                       cwd=root, capture_output=True, text=True)  # fmt: skip
    refused = run("actuals", "import", str(DATA / "bad" / "text-value.xlsx"), "--by", "Aigul Test")
    assert refused.returncode == 1 and refused.stderr.strip()
    out = tmp_path / "export.xlsx"
    assert run("actuals", "export", str(out)).returncode == 0
    assert load_workbook(out)["actuals"].max_row == 3
    assert (
        run("actuals", "import", str(DATA / "bad" / "text-value.xlsx"), "--by", "x").returncode == 2
    )  # no such account


def test_a_failure_no_test_foresaw_is_refused_in_words_and_logged(plan, monkeypatch, caplog):
    import zhez.excel

    def broken(data, limits):
        raise RuntimeError("/srv/app/zhez/xlsx.py: a bug")

    monkeypatch.setattr(zhez.excel, "read_sheet", broken)
    result = read_actuals_workbook(template_bytes(plan, "kk"), plan)
    assert [p.key for _w, p in result.problems] == ["damaged"]
    assert "/srv" not in " ".join(result.problem_lines("ru"))
    assert "a bug" in caplog.text
