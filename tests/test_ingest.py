"""The ingest reproduces the committed CSVs and reads the document's odd cells as printed."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from zhez import ingest
from zhez.ingest import parse_number, split_blocks, split_code


def test_regenerating_the_plan_gives_the_committed_csvs_byte_for_byte(tmp_path, root):
    written = ingest.write(tmp_path)
    assert {p.name for p in written} == {p.name for p in (root / "data" / "plan").glob("*.csv")}
    for path in written:
        assert path.read_bytes() == (root / "data" / "plan" / path.name).read_bytes(), path.name


def test_ingest_main_writes_to_the_directory_given(tmp_path, capsys):
    assert ingest.main([str(tmp_path)]) == 0
    assert (tmp_path / "values.csv").exists()
    assert "values.csv" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("31.0", 31.0),
        ("32,1", 32.1),
        ("46\xa0240,2", 46240.2),
        ("1 700", 1700.0),
        ("87%", 87.0),
        ("60\xa0", 60.0),
        ("1\xa0413,6 ", 1413.6),
        ("0,0", 0.0),
        ("2030,0", 2030.0),
        ("14003,4", 14003.4),
    ],
)
def test_numbers_are_read_as_printed(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["-", "", "- ", "  "])
def test_a_dash_or_empty_cell_is_no_value_never_zero(raw):
    assert parse_number(raw) is None


def test_a_cell_that_is_not_a_number_stops_the_ingest():
    with pytest.raises(ingest.SourceError, match="not a number"):
        parse_number("12,3 млн")


def test_a_lone_tab_is_an_empty_cell_and_a_blank_line_separates_rows():
    blocks = split_blocks("\t1\n\t\n\tname\nmore\n\n\tnext")
    assert blocks == [["1", "", "name\nmore"], ["next"]]


@pytest.mark.parametrize(
    ("cell", "printed", "code", "name_start"),
    [
        ("НҰИ - 6\nХалықтың туылған", "НҰИ - 6", "НҰИ-6", "Халықтың"),
        ("НИ \n2 жастан 6 жасқа", "НИ", "НИ", "2 жастан"),
        ("1.2көрсеткіш \nСоның ішінде", "1.2көрсеткіш", "1.2", "Соның"),
        ("НИ–2. \nСтандартталған", "НИ–2", "НИ-2", "Стандартталған"),
        ("Финансовые ресурсы", "", "", "Финансовые"),
    ],
)
def test_codes_are_split_from_names_on_the_first_line_only(cell, printed, code, name_start):
    got_printed, got_code, name = split_code(cell)
    assert (got_printed, got_code) == (printed, code)
    assert name.startswith(name_start)


def test_the_table_has_59_indicator_rows_in_five_directions(plan):
    assert len(plan.indicators) == 59
    assert plan.indicators.groupby("direction_id").size().to_dict() == {
        "rp-1": 50,
        "rp-2": 2,
        "od-1": 1,
        "od-2": 5,
        "od-3": 1,
    }


def _cell(plan, indicator_id, year):
    row = plan.values[(plan.values["indicator_id"] == indicator_id) & (plan.values["year"] == year)].iloc[0]
    return (None if math.isnan(row["value"]) else row["value"]), row["raw"], row["kind"]


# Checked by hand against the document (data/source/section4_table.txt), odd cells included.
HAND_CHECKED = [
    ("i01", 2024, 73.6, "73,6"),  # НҰИ-6, a row split after its unit
    ("i01", 2030, 74.2, "74,2"),
    ("i04", 2024, 41.61, "41,61"),
    ("i05", 2024, 0.08, "0,08"),
    ("i08", 2025, 29.79, "29,79"),
    ("i08", 2026, 31.0, "31.0"),  # decimal point
    ("i08", 2030, 32.6, "32.6"),
    ("i16", 2027, 18.5, "18.5"),
    ("i21", 2024, 5.7, "5,7"),  # НҰИ-11, split across a blank line
    ("i21", 2025, 2.0, "2"),
    ("i22", 2024, 2004.0, "2004"),
    ("i23", 2025, 2030.0, "2030,0"),
    ("i23", 2026, 1700.0, "1 700"),  # thousands with a space
    ("i26", 2024, None, "-"),  # PISA: no value, not 0
    ("i26", 2029, 417.0, "417"),
    ("i27", 2025, 428.0, "428"),
    ("i32", 2028, None, ""),  # empty cell
    ("i35", 2024, 50.2, "50,2"),  # the lone "6." row
    ("i42", 2026, 51.2, "51,2"),
    ("i42", 2030, 60.0, "60\xa0"),  # trailing no-break space
    ("i44", 2030, None, "-"),
    ("i45", 2027, 100.0, "100"),  # 6.1, split after the responsible cell
    ("i46", 2030, 49.6, "49,6"),
    ("i48", 2024, 59.3, "59,3"),  # 6.4, split twice
    ("i50", 2024, 60.0, "60"),  # 7.2, split after its unit
    ("i50", 2030, 78.0, "78"),
    ("i52", 2026, 188.3, "188,3"),
    ("i53", 2024, 87.0, "87%"),  # a % inside the cell
    ("i55", 2024, 96.3, "96,3"),
    ("i55", 2026, 68.0, "68"),
    ("i59", 2030, 100.0, "100"),
]


@pytest.mark.parametrize(("indicator_id", "year", "value", "raw"), HAND_CHECKED)
def test_cells_match_the_document(plan, indicator_id, year, value, raw):
    got_value, got_raw, kind = _cell(plan, indicator_id, year)
    assert got_raw == raw
    assert got_value == (pytest.approx(value) if value is not None else None)
    assert kind == {2024: "actual", 2025: "estimate"}.get(year, "target")


def test_split_rows_keep_their_metadata(plan):
    water = plan.indicator("i45")
    assert water["code"] == "6.1" and water["unit"] == "%"
    assert water["responsible"].startswith("Жезқазған қ. ТКШБ") and water["source"] == "Әкімшілік деректер"
    heat = plan.indicator("i48")
    assert (heat["unit"], heat["source"]) == ("%", "")
    ecology = plan.indicator("i35")
    assert (ecology["code"], ecology["block"]) == ("НҰИ-15", "6.")
    assert plan.indicator("i21")["code_raw"] == "НҰИ –11"


def test_codes_and_names_are_kept_verbatim(plan):
    assert plan.indicator("i01")["code_raw"] == "НҰИ - 6"
    assert plan.indicator("i29")["name_kk"].startswith("2 жастан 6 жасқа")
    assert plan.indicator("i27")["code"] == "НҰИ-9"  # as printed; the passport says НҰИ-8 (audit)
    assert plan.indicator("i24")["name_kk"] == "Жұмысқа орналастырылған азаматтардың"


def test_the_repeated_employment_rows_stay_two_rows_each_under_its_own_goal(plan):
    assert plan.indicator("i24")["duplicate_of"] == "i22"
    assert plan.indicator("i25")["duplicate_of"] == "i23"
    assert plan.indicator("i22")["goal"] == "rp-1.g4" and plan.indicator("i24")["goal"] == "rp-1.g5"
    assert (plan.indicators["duplicate_of"] != "").sum() == 2


# The financing lines of the table, as printed (mln tenge, 2024 … 2030; None for "-").
FINANCING = {
    "rp-1.waste": [60.0, 225.0, 58.0, 26.0, 26.0, 86.0, 32.0],
    "rp-1": [46240.2, 34417.6, 78779.7, 60482.7, 30846.9, 14003.4, 0.0],
    "rp-2": [None] * 7,
    "od-1": [None] * 7,
    "od-2": [None] * 7,
    "od-3": [30.9, 28.6, 67.3, 54.8, 24.5, 14.1, 62.6],
    "od-total": [30.9, 28.6, 67.3, 54.8, 24.5, 14.1, 62.6],
    "total": [46355.2, 34701.5, 78935.3, 60593.8, 30927.7, 14134.0, 125.2],
    "total.not-covered": [1807.7, 1413.6, 1495.9, 1510.5, 1540.7, 1571.5, 1807.7],
}


@pytest.mark.parametrize("line_id", list(FINANCING))
def test_every_financing_line_matches_the_document(plan, line_id):
    rows = plan.financing[plan.financing["line_id"] == line_id].sort_values("year")
    assert rows["year"].tolist() == list(range(2024, 2031))
    got = [None if math.isnan(v) else v for v in rows["amount_mln_kzt"]]
    assert got == [pytest.approx(v) if v is not None else None for v in FINANCING[line_id]]


def test_financing_totals_and_structure(plan):
    lines = plan.financing.drop_duplicates("line_id").set_index("line_id")
    assert lines.loc["total", "is_total"] and lines.loc["od-total", "is_total"]
    assert not lines.loc["rp-1", "is_total"] and lines.loc["rp-1", "direction_id"] == "rp-1"
    assert lines.loc["total", "direction_id"] == ""
    # printed twice as “Финансовые ресурсы”: a line of its own, which the layout also lets read as part of rp-1
    assert lines.loc["rp-1.waste", ["parent_line_id", "alt_parent_line_id", "role"]].tolist() == [
        "total",
        "rp-1",
        "line",
    ]
    assert set(lines.loc[["rp-1.waste", "rp-1"], "label_printed"]) == {"Финансовые ресурсы"}
    assert plan.period_total() == pytest.approx(184716.0)
    assert plan.period_total("od-1") is None


def test_every_project_quote_is_in_the_plan_text(plan, root):
    text = {
        name: (root / "data" / "source" / name).read_text(encoding="utf-8")
        for name in ("narrative.txt", "passport.txt")
    }
    for _, project in plan.projects.iterrows():
        assert project["source_quote"] in text["narrative.txt"], project["id"]
        if project["cost_raw"]:
            assert project["cost_raw"].split()[0] in project["source_quote"], project["id"]
    for _, check in plan.cross_checks.iterrows():
        assert check["quote"] in text[check["source_file"]]


def test_at_least_thirty_projects_with_honest_precision(plan):
    projects = plan.projects
    assert len(projects) >= 30
    places = plan.places.set_index("id")
    for _, p in projects.iterrows():
        assert (p["lat"], p["lon"]) == (places.loc[p["place"], "lat"], places.loc[p["place"], "lon"])
        if p["geometry"] == "corridor":
            assert p["location_precision"] == "schematic"
    assert set(projects["sector"]) >= {
        "road",
        "water",
        "sewer",
        "heating",
        "gas",
        "power",
        "school",
        "health",
        "sport",
        "culture",
    }


# ── the text around the table: reviewed figures are checked against the document ──


def _sources(tmp_path, root):
    source = tmp_path / "source"
    shutil.copytree(root / "data" / "source", source)
    return source


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_quote_gets_its_document_line(plan):
    lines = dict(zip(plan.cross_checks["quote"], plan.cross_checks["line"], strict=True))
    assert lines["Жалпы, 2024 жылы негізгі капиталға 102,2 млрд теңге инвестиция салынды"] == 151  # narrative.txt: 29
    assert lines["2029 жылы – 14 134 млн теңге"] == 116  # the passport
    figures = plan.narrative_figures.set_index(["relation", "role"])
    assert figures.loc[("industry-2030-growth", "end"), "line"] == 127
    assert figures.loc[("industry-2030-growth", "start"), "line"] == 147


def test_a_reviewed_figure_must_be_a_number_of_its_quote(tmp_path, root):
    source = _sources(tmp_path, root)
    _edit(source / "cross_checks.csv", "indicator,i52,2025,103.1", "indicator,i52,2025,103.2")
    with pytest.raises(ingest.SourceError, match="not a number of the quote"):
        ingest.build(source)


def test_a_quote_that_is_not_in_the_document_stops_the_ingest(tmp_path, root):
    source = _sources(tmp_path, root)
    _edit(source / "narrative_figures.csv", "тау-кен өндіру саласы 310 млрд", "тау кен өндіру саласы 310 млрд")
    with pytest.raises(ingest.SourceError, match="does not contain the quote"):
        ingest.build(source)
    _edit(source / "narrative_figures.csv", "тау кен өндіру саласы 310 млрд", "тау-кен өндіру саласы 320 млрд")
    with pytest.raises(ingest.SourceError, match="not in its quote"):
        ingest.build(source)


def test_a_relation_needs_its_roles(tmp_path, root):
    source = _sources(tmp_path, root)
    _edit(source / "narrative_figures.csv", "retail-2025,growth,rate", "retail-2025,growth,end")
    with pytest.raises(ingest.SourceError, match="retail-2025"):
        ingest.build(source)


def test_the_document_parts_must_follow_each_other(tmp_path, root):
    source = _sources(tmp_path, root)
    _edit(source / "document_parts.csv", "narrative.txt,123", "narrative.txt,124")
    with pytest.raises(ingest.SourceError, match="should start at line 123"):
        ingest.build(source)


# every project or object the plan's text gives with a cost (issue 23 §4): the analysis of the current state
# (section 3) included, its completed ones marked completed
COSTED_IN_THE_TEXT = {
    "геологиялық кластер құрылысы (7,5 млрд теңге)": ("p44", "completed"),
    "металлургтар алаңын реконструкциялау (1,3 млрд теңге)": ("p45", "completed"),
    "мешіт құрылысы (2,5 млрд теңге)": ("p46", "completed"),
    "құны 1 млрд теңге болатын төрт қабатты «Вояж» қонақүйінің": ("p48", "under_way"),
    "жалпы құны 1,3 млрд теңге болатын 30 жаңа нысан ашылды": ("p49", "completed"),
    "2023 жылы қалада 1,8 млрд теңгеге 8 көшеге": ("p50", "completed"),
    "380 млн теңге қаражат жұмсалды": ("p51", "completed"),
    "2024 жылы 3,6 млрд теңгеге 51 көше": ("p52", "completed"),
    "құны 3,8 млрд теңге болатын 14 көшеге": ("p53", "completed"),
    "жалпы құны 24,1 млрд теңге болатын": ("p40", "completed"),
    "1,3 млрд теңге көлемінде әуежайдың": ("p41", "completed"),
    "құны – 804 млн тенге": ("p35", "under_way"),
    "болжамды құны – 6,4 млрд тенге": ("p36", "planned"),
    "жалпы құны – 16,1 млрд теңге": ("p34", "planned"),
    "құны 1,5 млрд теңге болатын қоқысты қайта өңдеу": ("p26", "planned"),
    "инвестиция көлемі 2,4 млрд теңге": ("p33", "under_way"),
    "13,1 млрд теңгеге 34,8 км": ("p18", "planned"),
}


def test_every_project_the_text_gives_with_a_cost_is_listed(plan, root):
    text = (root / "data" / "source" / "narrative.txt").read_text(encoding="utf-8")
    projects = plan.projects.set_index("id")
    for fragment, (project_id, stage) in COSTED_IN_THE_TEXT.items():
        assert fragment in text, fragment
        assert str(projects.loc[project_id, "cost_raw"]).split()[0] in fragment, project_id  # this cost, this project
        assert projects.loc[project_id, "stage"] == stage, project_id
        assert not pd.isna(projects.loc[project_id, "cost_mln_kzt"]), project_id
    completed = projects[projects["stage"] == "completed"]
    assert set(completed["source_section"]) == {"3"}  # only the account of the current state reports them
