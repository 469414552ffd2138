"""Plan editions: synthetic editions made from the real table load with exactly the expected differences,
broken ones are refused naming file, row and column and leave nothing behind, and every year is judged
against the targets of the edition in force in it — with nothing recorded lost or moved."""

from __future__ import annotations

import math
import subprocess
import sys

import edition_helpers as h
import pandas as pd
import pytest
from cycle_helpers import approve_values

from zhez import editions, i18n, progress, tables
from zhez.audit import DOCUMENT_KINDS
from zhez.auth import AuthError
from zhez.backup import dump_store
from zhez.ingest import SourceError
from zhez.store import StoreError

INFANT = "Нәресте өлімінің төмендеуі"  # 2.1 in direction 1, one block
NEONATAL = "Неонаталдық өлім-жітімнің төмендеуі"
MATERNAL = "Аналар өлім-жітімін төмендету"  # the only 2.4 of direction 1
GAS = "Газбен жабдықтаумен қамтамасыз ету"
POWER = "Электр желілерінің тозуын азайту"
RESCUE = "Авариялық-құтқару"  # НИ-2, НИ-3, НИ-4 of direction od-2 follow it
MEDIA = "Шалғайдағы және ауылдық"
ALERT = "Азаматтық қорғау органдарының"
SPORT = "Дене шынықтырумен"  # 4.1, in %
SPORT_REST = " және спортпен шұғылданатын азаматтар санын жалпы халықтың 50% - на дейін жеткізу"
WALKING = "Жаяу серуендеумен"


def read(text: str, file: str = "amended.txt"):
    return editions.read(text.encode("utf-8"), file)


def load(store, coordinator, plan, text: str, number_hint: str = "", effective: int = 2027, file: str = ""):
    data = text.encode("utf-8") if isinstance(text, str) else text
    file = file or f"amended{number_hint}.txt"
    return store.import_edition(
        coordinator,
        plan,
        editions.read(data, file),
        name=f"Amendment {number_hint or effective}",
        basis="maslikhat decision No. 12 of 2027-03-01",
        effective_year=effective,
        source_file=file,
        source_sha256=h.sha(data),
    )


def changes_of(plan, edition) -> list[tuple]:
    d = editions.diff(plan, editions.edition_plan(plan, edition))

    def plain(v):
        return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v

    return [
        (r.change, r.indicator_id, r.line_id, plain(r.year) and int(r.year), plain(r.before), plain(r.after))
        for r in d.itertuples()
    ]


def id_of(plan, name_start: str) -> str:
    found = plan.indicators[plan.indicators["name_kk"].str.startswith(name_start)]
    assert len(found) == 1
    return str(found["id"].iloc[0])


def target(plan, indicator_id: str, year: int) -> float:
    values = plan.values
    return float(values[(values["indicator_id"] == indicator_id) & (values["year"] == year)]["value"].iloc[0])


# ── synthetic editions: exactly the expected differences ──────────────────


def test_the_same_table_as_text_or_as_a_word_file_is_the_published_plan(store, coordinator, plan):
    text = h.table_text()
    for data, file in ((text.encode(), "same.txt"), (h.docx_bytes(text), "same.docx")):
        section = editions.read(data, file)
        tables_, matching = editions.match(section, plan, 1)
        assert set(matching["match"]) == {"same"}
        assert list(tables_["indicators"]["id"]) == list(plan.indicators["id"])
        edition = editions.Edition(1, file, "", 2027, file, "", None, tables_, matching)
        assert editions.diff(plan, editions.edition_plan(plan, edition)).empty
        for column in ("code", "code_raw", "name_kk", "unit", "responsible", "source", "indicator_raw", "goal"):
            assert tables_["indicators"][column].tolist() == plan.indicators[column].tolist(), column
        assert tables_["values"]["raw"].tolist() == plan.values["raw"].tolist()


def test_changed_targets_are_the_only_differences(store, coordinator, plan):
    text = h.table_text()
    row = h.row_named(text, INFANT)
    amended = h.set_cell(h.set_cell(text, row, 8, "6,0"), row, 9, "5,5")  # 2026 and 2027
    edition = load(store, coordinator, plan, amended)
    i10 = id_of(plan, INFANT)
    assert changes_of(plan, edition) == [
        ("value_changed", i10, "", 2026, target(plan, i10, 2026), 6.0),
        ("value_changed", i10, "", 2027, target(plan, i10, 2027), 5.5),
    ]
    diff = editions.diff(plan, editions.edition_plan(plan, edition))
    assert diff["delta"].tolist() == [round(6.0 - target(plan, i10, 2026), 9), round(5.5 - target(plan, i10, 2027), 9)]
    assert set(diff["kind"]) == {"target"}


def test_one_row_added_and_one_removed(store, coordinator, plan):
    text = h.table_text()
    removed = h.remove_row(text, h.row_named(text, GAS))
    amended = h.insert_copy_after(
        removed, h.row_named(removed, SPORT), SPORT, WALKING, "4.1 көрсеткіш", "4.2 көрсеткіш"
    )
    edition = load(store, coordinator, plan, amended)
    added = edition.matching[edition.matching["match"] == "new"]
    assert len(added) == 1 and added["code"].iloc[0] == "4.2"
    new_id = str(added["indicator_id"].iloc[0])
    assert new_id == f"e{edition.number}.i{int(added['order'].iloc[0]):02d}"
    new_name = WALKING + SPORT_REST
    assert changes_of(plan, edition) == [
        ("added", new_id, "", None, None, new_name),
        ("removed", id_of(plan, GAS), "", None, GAS, None),
    ]
    new = edition.tables["indicators"].set_index("id").loc[new_id]
    assert (new["desired"], new["measure"], new["name_ru"], new["untranslated"]) == (
        "unknown",
        "unknown",
        new_name,
        True,
    )
    # the unit "%" has one reviewed translation: it is used; the name has none: Kazakh everywhere
    assert (new["unit"], new["unit_ru"]) == ("%", "%")


def test_renumbered_codes_keep_their_indicators(store, coordinator, plan):
    text = h.table_text()
    amended = text
    for name, old, new in ((RESCUE, "НИ-2", "НИ-6"), (MEDIA, "НИ-3", "НИ-7"), (ALERT, "НИ-4", "НИ-8")):
        amended = h.replace_in_cell(amended, h.row_named(amended, name), 2, old, new)
    edition = load(store, coordinator, plan, amended)
    assert sorted(changes_of(plan, edition)) == sorted(
        [
            ("code_changed", id_of(plan, RESCUE), "", None, "НИ-2", "НИ-6"),
            ("code_changed", id_of(plan, MEDIA), "", None, "НИ-3", "НИ-7"),
            ("code_changed", id_of(plan, ALERT), "", None, "НИ-4", "НИ-8"),
        ]
    )
    assert (edition.matching["match"] == "code_changed").sum() == 3


def test_a_renamed_indicator_with_the_same_code_is_the_same_indicator(store, coordinator, plan):
    text = h.table_text()
    amended = h.replace_in_cell(text, h.row_named(text, MATERNAL), 2, MATERNAL, "Ана өлімін азайту")
    edition = load(store, coordinator, plan, amended)
    i = id_of(plan, MATERNAL)
    assert changes_of(plan, edition) == [("renamed", i, "", None, MATERNAL, "Ана өлімін азайту")]
    row = edition.tables["indicators"].set_index("id").loc[i]
    # the reviewed translations are of the old name: shown in Kazakh; the desired direction stays
    assert (row["name_ru"], row["untranslated"], row["desired"]) == ("Ана өлімін азайту", True, "decrease")


def test_a_row_split_across_blank_lines_in_a_new_place_reads_the_same(store, coordinator, plan):
    text = h.table_text()
    amended = h.split_after(text, h.row_named(text, NEONATAL), 8)
    assert amended.count("\n\n") == text.count("\n\n") + 1
    edition = load(store, coordinator, plan, amended)
    assert changes_of(plan, edition) == []


def test_a_changed_financing_line_is_the_only_difference(store, coordinator, plan):
    text = h.table_text()
    closing = [r for r in h.financing_rows(text) if r.cells[1].strip() == "Финансовые ресурсы"][1]
    edition = load(store, coordinator, plan, h.set_cell(text, closing, 9, "61 000,0"))
    assert changes_of(plan, edition) == [("financing_changed", "", "rp-1", 2027, 60482.7, 61000.0)]


def test_a_word_file_of_an_amended_table_loads_like_its_text(store, coordinator, plan):
    text = h.table_text()
    row = h.row_named(text, INFANT)
    amended = h.set_cell(text, row, 9, "5,5")
    edition = load(store, coordinator, plan, h.docx_bytes(amended), file="amended.docx")
    assert changes_of(plan, edition) == [
        ("value_changed", id_of(plan, INFANT), "", 2027, target(plan, id_of(plan, INFANT), 2027), 5.5)
    ]
    assert edition.source_file == "amended.docx"


# ── matching: what is the same indicator ──────────────────────────────────


def test_an_indicator_split_into_two_rows_matches_at_most_one(plan):
    text = h.table_text()
    row = h.row_named(text, MATERNAL)
    # two rows with the old code and new names: neither name is known, the code is not unique
    amended = h.insert_copy_after(text, row, MATERNAL, "Аналар өлімі (қала)", "2.4", "2.4")
    amended = h.replace_in_cell(amended, h.row_named(amended, MATERNAL), 2, MATERNAL, "Аналар өлімі (ауыл)")
    tables_, matching = editions.match(read(amended), plan, 3)
    assert matching.set_index("name_kk").loc[["Аналар өлімі (қала)", "Аналар өлімі (ауыл)"], "match"].tolist() == [
        "new",
        "new",
    ]
    assert id_of(plan, MATERNAL) not in set(tables_["indicators"]["id"])  # dropped: nothing matched on a guess
    # one of them keeps the old name: that one is the indicator, the other is new
    kept = h.insert_copy_after(text, row, MATERNAL, "Аналар өлімі (ауыл)", "2.4", "2.4")
    _, matching = editions.match(read(kept), plan, 3)
    assert matching.set_index("name_kk").loc[[MATERNAL, "Аналар өлімі (ауыл)"], "match"].tolist() == ["same", "new"]


def test_a_code_and_a_name_both_changed_is_a_new_indicator(plan):
    text = h.table_text()
    row = h.row_named(text, MATERNAL)
    amended = h.replace_in_cell(h.replace_in_cell(text, row, 2, MATERNAL, "Ана өлімі"), row, 2, "2.4", "2.9")
    _, matching = editions.match(read(amended), plan, 2)
    assert matching.set_index("name_kk").loc["Ана өлімі", "match"] == "new"


# ── broken editions: refused whole, naming file, row and column ───────────


def _broken_cases():
    text = h.table_text()
    row = h.row_named(text, INFANT)
    lines = text.split("\n")
    missing = "\n".join(lines[: row.lines[11] - 1] + lines[row.lines[11] :])  # the 2030 cell gone
    return {
        "missing_cell": (missing.encode(), "row_incomplete", row.lines[0], None),
        "not_a_number": (h.set_cell(text, row, 9, "12,3 млн").encode(), "not_a_number", row.lines[8], 9),
        "duplicated_code": (
            h.insert_copy_after(text, row, INFANT, INFANT, "2.1", "2.1").encode(),
            "indicator_twice",
            None,
            2,
        ),
        "empty_file": (b"  \n", "empty_file", None, None),
    }


@pytest.mark.parametrize("case", ["missing_cell", "not_a_number", "duplicated_code", "empty_file"])
def test_a_broken_text_edition_is_refused_with_where_and_why(case):
    data, key, line, column = _broken_cases()[case]
    with pytest.raises(SourceError) as refused:
        editions.read(data, "broken.txt")
    error = refused.value
    assert error.key == key
    assert error.place is not None and error.place.file == "broken.txt"
    if line is not None:
        assert error.place.line == line
    assert error.column == column
    for lang in ("kk", "ru", "en"):
        assert error.text(lang).startswith("broken.txt")
    if line is not None:
        assert f"строка {line}" in error.text("ru") and f"{line}-жол" in error.text("kk")


def test_a_missing_cell_and_a_wrong_number_are_placed_in_the_reader_s_words():
    data, *_ = _broken_cases()["not_a_number"]
    with pytest.raises(SourceError) as refused:
        editions.read(data, "broken.txt")
    line = _broken_cases()["not_a_number"][2]
    assert refused.value.text("ru") == (
        f"broken.txt, строка {line}, столбец 9 (2027 год): «12,3 млн» — не число "
        "(нужно число, «-», если значения нет, или пустая ячейка)"
    )
    assert refused.value.text("kk").startswith(f"broken.txt, {line}-жол, 9-баған (2027 жыл): «12,3 млн» сан емес")
    data, *_ = _broken_cases()["missing_cell"]
    with pytest.raises(SourceError) as refused:
        editions.read(data, "broken.txt")
    assert "11" in refused.value.text("en") and "12" in refused.value.text("en")


def test_a_word_file_without_the_table_is_refused():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("4. Негізгі бағыттар")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text = "Индикатор"
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(SourceError) as refused:
        editions.read(buffer.getvalue(), "plan.docx")
    assert refused.value.key == "no_table_docx"
    assert refused.value.text("ru").startswith("plan.docx: в файле нет таблицы раздела 4")
    with pytest.raises(SourceError) as refused:
        editions.read(b"PK\x03\x04 not really a zip", "plan.docx")
    assert refused.value.key == "not_docx"


def test_a_row_missing_a_cell_in_a_word_table_is_refused_at_its_row():
    text = h.table_text()
    data = h.docx_bytes(text)
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    victim = next(r for r in table.rows if INFANT in r.cells[1].text)
    number = [r._tr for r in table.rows].index(victim._tr) + 1
    victim._tr.remove(victim._tr.tc_lst[-1])
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(SourceError) as refused:
        editions.read(buffer.getvalue(), "plan.docx")
    assert refused.value.key == "row_cells"
    assert (refused.value.place.table, refused.value.place.row) == (1, number)
    assert refused.value.text("en").startswith(f"plan.docx, table 1, row {number}: cells in the row: 11")


def test_a_refused_edition_leaves_the_store_and_data_unchanged(store, coordinator, plan, root, tmp_path):
    """Refused by the parser (before the store) or by the store itself (a financing line the plan does not
    have, found while matching inside the write, or a second edition of the same name): nothing stays."""
    data_before = h.tree_digest(root / "data")
    first = load(store, coordinator, plan, h.set_cell(h.table_text(), h.row_named(h.table_text(), INFANT), 9, "5,5"))
    before = dump_store(store)["tables"]
    revision = store.plan_revision()
    for data, *_ in _broken_cases().values():
        with pytest.raises(SourceError):
            editions.read(data, "broken.txt")
    text = h.table_text()
    closing = [r for r in h.financing_rows(text) if r.cells[1].strip() == "Финансовые ресурсы"][1]
    unknown_line = h.replace_in_cell(text, closing, 2, "Финансовые ресурсы", "Қаржы ресурстары")
    with pytest.raises(SourceError) as refused:
        load(store, coordinator, plan, unknown_line, "x")
    assert refused.value.key == "unknown_financing_line"
    with pytest.raises(StoreError) as taken:
        store.import_edition(coordinator, plan, read(text), name=first.name, effective_year=2028)
    assert taken.value.keys == {"edition_name_taken"}
    with pytest.raises(StoreError) as year:
        store.import_edition(coordinator, plan, read(text), name="Too late", effective_year=2031)
    assert year.value.keys == {"effective_year"}
    assert dump_store(store)["tables"] == before
    assert store.plan_revision() == revision
    assert h.tree_digest(root / "data") == data_before


def test_only_a_coordinator_loads_an_edition(store, editor, plan):
    section = read(h.table_text())
    for who in (editor, None, "Dana Coordinator"):
        with pytest.raises(AuthError):
            store.import_edition(who, plan, section, name="Sneaky", effective_year=2027)  # type: ignore[arg-type]
    assert store.editions(plan.document_id) == []


# ── judging against the edition in force ─────────────────────────────────


def test_each_year_is_judged_against_the_edition_in_force_in_it(store, coordinator, plan):
    text = h.table_text()
    i10 = id_of(plan, INFANT)
    old_2026, old_2027 = target(plan, i10, 2026), target(plan, i10, 2027)
    row = h.row_named(text, INFANT)
    # the edition effective 2027 reprints 2026 too, differently: 2026 stays judged on what was in force
    amended = h.set_cell(h.set_cell(text, row, 8, "4,0"), row, 9, "4,2")
    edition = load(store, coordinator, plan, amended, effective=2027)
    approve_values(store, plan, [(i10, 2026, 6.0), (i10, 2027, 5.0)])
    in_force = store.plan_in_force(plan)
    assert (target(in_force, i10, 2026), target(in_force, i10, 2027)) == (old_2026, 4.2)
    actuals = store.actuals()
    in_2026 = progress.assess(in_force, actuals, as_of=2026).set_index("indicator_id").loc[i10]
    in_2027 = progress.assess(in_force, actuals, as_of=2027).set_index("indicator_id").loc[i10]
    assert (in_2026["target_year"], in_2026["target_value"], in_2026["edition"]) == (2026, old_2026, 0)
    assert (in_2027["target_year"], in_2027["target_value"], in_2027["edition"]) == (2027, 4.2, edition.number)
    # the status says which edition it is judged against, in every language
    for lang, words in (("ru", f"«{edition.name}»"), ("kk", f"«{edition.name}»"), ("en", f"“{edition.name}”")):
        rows = tables.progress_rows(in_force, progress.assess(in_force, actuals, as_of=2027), lang)
        explanation = rows.set_index("indicator_id").loc[i10, "explanation"]
        assert words in explanation and "2027" in explanation
        rows = tables.progress_rows(in_force, progress.assess(in_force, actuals, as_of=2026), lang)
        assert tables.edition_label(in_force, 0, lang) in rows.set_index("indicator_id").loc[i10, "explanation"]
    # the superseded path stays, labelled with its edition
    paths = in_force.paths[in_force.paths["indicator_id"] == i10]
    assert sorted(set(paths["edition"])) == [0, edition.number]
    assert paths[(paths["edition"] == 0) & (paths["year"] == 2027)]["value"].iloc[0] == old_2027


def test_with_no_edition_the_plan_in_force_is_the_published_plan(store, plan):
    assert store.plan_in_force(plan) is plan
    assessed = progress.assess(plan)
    assert set(assessed["edition"].dropna()) == {0}


def test_an_identical_edition_changes_no_status(store, coordinator, plan):
    load(store, coordinator, plan, h.table_text())
    in_force = store.plan_in_force(plan)
    pd.testing.assert_frame_equal(
        progress.assess(in_force).drop(columns="edition"), progress.assess(plan).drop(columns="edition")
    )
    assert in_force.values["value"].fillna(-1).tolist() == plan.values["value"].fillna(-1).tolist()
    assert (
        in_force.financing["amount_mln_kzt"].fillna(-1).tolist() == plan.financing["amount_mln_kzt"].fillna(-1).tolist()
    )


def test_editions_take_effect_in_order_of_their_year_and_the_later_loaded_wins_a_tie(store, coordinator, plan):
    text = h.table_text()
    row = h.row_named(text, INFANT)
    i10 = id_of(plan, INFANT)
    e2029 = load(store, coordinator, plan, h.set_cell(text, row, 11, "3,0"), "a", effective=2029)
    e2028 = load(store, coordinator, plan, h.set_cell(text, row, 10, "3,5"), "b", effective=2028)
    in_force = store.plan_in_force(plan)
    assert editions.edition_in_force(in_force, 2027) == 0
    assert editions.edition_in_force(in_force, 2028) == e2028.number
    assert editions.edition_in_force(in_force, 2029) == e2029.number
    series = in_force.series(i10).set_index("year")
    assert series.loc[2028, "value"] == 3.5 and series.loc[2028, "edition"] == e2028.number
    assert series.loc[2029, "value"] == 3.0 and series.loc[2029, "edition"] == e2029.number
    again = load(store, coordinator, plan, h.set_cell(text, row, 11, "2,5"), "c", effective=2029)
    assert editions.edition_in_force(store.plan_in_force(plan), 2029) == again.number


def test_approved_actuals_stay_with_their_indicator_through_editions(store, coordinator, plan):
    text = h.table_text()
    gas, maternal = id_of(plan, GAS), id_of(plan, MATERNAL)
    approve_values(store, plan, [(gas, 2026, 88.0, "gas note"), (maternal, 2026, 10.0)])
    before = store.actuals()[["indicator_id", "year", "value", "note"]]
    amended = h.replace_in_cell(
        h.remove_row(text, h.row_named(text, GAS)),
        h.row_named(h.remove_row(text, h.row_named(text, GAS)), MATERNAL),
        2,
        MATERNAL,
        "Ана өлімін азайту",
    )
    edition = load(store, coordinator, plan, amended, effective=2028)
    pd.testing.assert_frame_equal(store.actuals()[["indicator_id", "year", "value", "note"]], before)
    in_force = store.plan_in_force(plan)
    dropped = in_force.indicator(gas)
    assert (dropped["until_year"], dropped["dropped_in"]) == (2027, edition.number)
    assert gas not in in_force.in_force_in(2028) and gas in in_force.in_force_in(2027)
    assert in_force.indicator(maternal)["name_kk"] == "Ана өлімін азайту"  # renamed, the same id
    rows = tables.progress_rows(in_force, progress.assess(in_force, store.actuals()), "ru").set_index("indicator_id")
    assert "Исключён из плана" in rows.loc[gas, "explanation"] and "2028" in rows.loc[gas, "explanation"]
    assert store.indicator_history(gas)["value"].tolist() == [88.0]


def test_a_new_indicator_is_unrated_until_a_coordinator_sets_its_direction(store, coordinator, editor, plan):
    text = h.table_text()
    amended = h.insert_copy_after(
        text, h.row_named(text, POWER), POWER, "Жылу желілерінің тозуын азайту", "6.2 көрсеткіш", "6.6 көрсеткіш"
    )
    edition = load(store, coordinator, plan, amended, effective=2026)
    new_id = str(edition.matching.loc[edition.matching["match"] == "new", "indicator_id"].iloc[0])
    in_force = store.plan_in_force(plan)
    new = in_force.indicator(new_id)
    assert bool(new["needs_review"]) and new["name_ru"] == new["name_kk"] == "Жылу желілерінің тозуын азайту"
    assessed = progress.assess(in_force).set_index("indicator_id").loc[new_id]
    assert (assessed["status"], assessed["reason"]) == ("no_rating", "needs_review")
    assert tables.review_queue(in_force, "ru")["ID"].tolist() == [new_id]
    with pytest.raises(AuthError):
        store.review_indicator(editor, in_force, new_id, desired="decrease")
    with pytest.raises(StoreError) as refused:
        store.review_indicator(coordinator, in_force, new_id, name_ru="Снижение износа тепловых сетей")
    assert refused.value.keys == {"desired_needed"}
    with pytest.raises(StoreError) as refused:
        store.review_indicator(coordinator, in_force, id_of(plan, INFANT), desired="increase")
    assert refused.value.keys == {"indicator_reviewed_already"}
    store.review_indicator(coordinator, in_force, new_id, desired="decrease", name_ru="Снижение износа тепловых сетей")
    reviewed = store.plan_in_force(plan)
    row = reviewed.indicator(new_id)
    assert (row["desired"], row["needs_review"], row["name_ru"]) == (
        "decrease",
        False,
        "Снижение износа тепловых сетей",
    )
    assert bool(row["untranslated"])  # English still missing
    assert progress.assess(reviewed).set_index("indicator_id").loc[new_id, "status"] != "no_rating"
    log = store.history(entity="indicator_review")
    assert log["who"].tolist() == [coordinator.name] and log["after"].iloc[0]["desired"] == "decrease"


def test_a_withdrawn_edition_is_kept_but_no_longer_in_force(store, coordinator, plan):
    text = h.table_text()
    row = h.row_named(text, INFANT)
    edition = load(store, coordinator, plan, h.set_cell(text, row, 9, "5,5"))
    with pytest.raises(StoreError):
        store.withdraw_edition(coordinator, plan, edition.number, "  ")
    store.withdraw_edition(coordinator, plan, edition.number, "loaded by mistake")
    assert store.plan_in_force(plan) is plan
    states = store.edition_states(plan.document_id)
    assert states[["number", "state", "withdraw_reason"]].values.tolist() == [
        [edition.number, "withdrawn", "loaded by mistake"]
    ]
    # the same file can be loaded again once its edition is withdrawn
    load(store, coordinator, plan, h.set_cell(text, row, 9, "5,5"), "again")


def test_an_edition_whose_new_indicator_has_reports_cannot_be_withdrawn(store, coordinator, plan):
    text = h.table_text()
    amended = h.insert_copy_after(
        text, h.row_named(text, POWER), POWER, "Жылу желілерінің тозуын азайту", "6.2 көрсеткіш", "6.6 көрсеткіш"
    )
    edition = load(store, coordinator, plan, amended, effective=2026)
    new_id = str(edition.matching.loc[edition.matching["match"] == "new", "indicator_id"].iloc[0])
    in_force = store.plan_in_force(plan)
    approve_values(store, in_force, [(new_id, 2026, 40.0)])
    with pytest.raises(StoreError) as refused:
        store.withdraw_edition(coordinator, plan, edition.number, "mistake")
    assert refused.value.keys == {"edition_has_reports"}


def test_every_edition_gets_its_audit_saying_which_it_belongs_to(store, coordinator, plan):
    text = h.table_text()
    edition = load(store, coordinator, plan, h.set_cell(text, h.row_named(text, INFANT), 9, "5,5"))
    published = editions.audit_edition(plan, None)
    amended = editions.audit_edition(plan, edition)
    assert set(published["edition"]) == {0} and set(amended["edition"]) == {edition.number}
    # the table's own checks run on both; the passport and text checks belong to the published document
    assert set(published["kind"]) & set(amended["kind"])
    assert set(published["kind"]) & set(DOCUMENT_KINDS) and not set(amended["kind"]) & set(DOCUMENT_KINDS)
    assert not amended["kind"].str.startswith("narrative").any()


# ── the command line ──────────────────────────────────────────────────────


def test_the_cli_imports_diffs_and_lists_editions(store, plan, root, tmp_path):
    from zhez.auth import hash_password

    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[users."Dana"]\npassword = "{hash_password("x" * 10)}"\nrole = "coordinator"\n'
        f'[users."Aigul"]\npassword = "{hash_password("x" * 10)}"\nrole = "editor"\nbodies = ["ББ"]\n',
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "zhez", "--database", store.url, "--secrets", str(secrets), "--lang", "ru"]
    text = h.table_text()
    amended = tmp_path / "amended.docx"
    amended.write_bytes(h.docx_bytes(h.set_cell(text, h.row_named(text, INFANT), 9, "5,5")))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*run, *args], cwd=root, capture_output=True, text=True)

    preview = cli("plan", "diff", "0", str(amended), "--csv", str(tmp_path / "d.csv"))
    assert preview.returncode == 0, preview.stderr
    assert "1 изменение" in preview.stdout and "значение изменено" in preview.stdout
    assert store.editions(plan.document_id) == []  # a file compared is not loaded
    refused = cli("plan", "import", str(amended), "--name", "Изменения 2027", "--effective", "2027", "--by", "Aigul")
    assert refused.returncode == 1 and "координатор" in refused.stderr
    done = cli("plan", "import", str(amended), "--name", "Изменения 2027", "--basis", "решение № 5", "--effective", "2027", "--by", "Dana")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Загружена редакция" in done.stdout and "Изменения 2027" in done.stdout
    diff = cli("plan", "diff", "0", "Изменения 2027", "--xlsx", str(tmp_path / "d.xlsx"))
    assert diff.returncode == 0 and (tmp_path / "d.xlsx").stat().st_size > 0
    listed = cli("plan", "list")
    assert "Изменения 2027" in listed.stdout and "решение № 5" in listed.stdout
    broken = tmp_path / "broken.txt"
    broken.write_text(h.set_cell(text, h.row_named(text, INFANT), 9, "abc"), encoding="utf-8")
    before = dump_store(store)["tables"]
    refused = cli("plan", "import", str(broken), "--name", "Сломанная", "--effective", "2028", "--by", "Dana")
    assert refused.returncode == 1
    assert refused.stderr.startswith("broken.txt, строка") and "столбец 9 (2027 год)" in refused.stderr
    assert dump_store(store)["tables"] == before
    csv = (tmp_path / "d.csv").read_bytes().decode("utf-8-sig")
    assert "Изменение" in csv.splitlines()[0] and "5.5" in csv


def test_a_diff_table_reads_in_every_language(store, coordinator, plan):
    text = h.table_text()
    row = h.row_named(text, INFANT)
    edition = load(store, coordinator, plan, h.set_cell(text, row, 9, "5,5"))
    new = editions.edition_plan(plan, edition)
    changes = editions.diff(plan, new)
    for lang in ("kk", "ru", "en"):
        shown = tables.diff_table(plan, new, changes, lang, for_screen=True)
        assert len(shown) == 1
        assert all(isinstance(v, str) or v is None for v in shown.iloc[0])
    kept = tables.diff_table(plan, new, changes, "ru")
    assert kept.iloc[0, 6] == 5.5 and math.isclose(kept.iloc[0, 7], 5.5 - target(plan, id_of(plan, INFANT), 2027))
    assert tables.diff_table(plan, new, changes, "ru", for_screen=True).iloc[0, 6] == "5,5"


def test_two_coordinators_see_the_same_editions_through_a_shared_store(store_url, coordinator, plan):
    """Editions live in the store: a second app server on the same database sees what the first loaded."""
    from zhez.store import Store

    first, second = Store(store_url), Store(store_url)
    first.migrate()
    text = h.table_text()
    load(first, coordinator, plan, h.set_cell(text, h.row_named(text, INFANT), 9, "5,5"))
    assert [e.name for e in second.editions(plan.document_id)] == ["Amendment 2027"]
    assert target(second.plan_in_force(plan), id_of(plan, INFANT), 2027) == 5.5
    first.dispose()
    second.dispose()


def test_editions_of_another_plan_are_not_mixed_in(store, coordinator, plan):
    import dataclasses

    load(store, coordinator, plan, h.table_text())
    other = dataclasses.replace(plan, document=plan.document.assign(id="other-city-2026-2030"))
    assert store.plan_in_force(other) is other


def test_the_command_line_prints_an_empty_cell_as_nothing():
    from zhez import cli

    frame = pd.DataFrame({"change": ["indicator added", "value changed"], "by how much": [None, "−2.75"]})
    frame["delta"] = [float("nan"), -2.75]  # a missing number, as pandas keeps it
    assert cli._rows(frame) == "change\tby how much\tdelta\nindicator added\t\t\nvalue changed\t−2.75\t-2.75"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_editions_table_numbers_the_amendments_not_the_published_plan(store, coordinator, plan, lang):
    """The Editions page listed the published plan as "№ 0", a programmer's count; it has no amendment number."""
    text = h.table_text()
    edition = load(store, coordinator, plan, h.set_cell(text, h.row_named(text, INFANT), 9, "5,5"))
    shown = tables.editions_table(plan, store.edition_states(plan.document_id), lang)
    assert shown[i18n.t("editions.col_number", lang)].tolist() == ["—", str(edition.number)]
