"""load_plan refuses a broken plan with one message naming the file, the row and the column."""

from __future__ import annotations

import shutil

import pytest

from zhez import PlanError, load_plan
from zhez.plan import project_number


@pytest.fixture
def plan_dir(tmp_path, root):
    target = tmp_path / "plan"
    shutil.copytree(root / "data" / "plan", target)
    return target


def edit(path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_committed_plan_loads(plan):
    assert len(plan.indicators) == 59 and len(plan.values) == 59 * 7 and len(plan.financing) == 9 * 7


def test_a_missing_column_is_named(plan_dir):
    edit(plan_dir / "values.csv", "indicator_id,year,kind,value,raw", "indicator_id,year,kind,amount,raw")
    with pytest.raises(PlanError, match=r"^values\.csv, column 'value': column is missing$"):
        load_plan(plan_dir)


def test_a_non_number_where_a_number_belongs_names_file_row_and_column(plan_dir):
    edit(plan_dir / "values.csv", "i01,2024,actual,73.6,", "i01,2024,actual,73;6,")
    with pytest.raises(PlanError) as error:
        load_plan(plan_dir)
    assert str(error.value) == "values.csv, row 1, column 'value': '73;6' is not a number"
    assert (error.value.file, error.value.row, error.value.column) == ("values.csv", 1, "value")


def test_a_comma_decimal_is_not_silently_coerced(plan_dir):
    edit(plan_dir / "financing.csv", ",2024,60.0,", ',2024,"60,0",')
    with pytest.raises(PlanError, match=r"financing\.csv, row 1, column 'amount_mln_kzt': '60,0' is not a number"):
        load_plan(plan_dir)


def test_an_unknown_direction_is_refused(plan_dir):
    edit(plan_dir / "indicators.csv", ",rp-1,,", ",rp-9,,")
    with pytest.raises(PlanError, match=r"indicators\.csv, row 1, column 'direction_id': unknown direction 'rp-9'"):
        load_plan(plan_dir)


def test_an_unknown_indicator_is_refused(plan_dir):
    edit(plan_dir / "values.csv", "\ni59,2030,", "\ni99,2030,")
    with pytest.raises(PlanError, match=r"values\.csv, row 413, column 'indicator_id': unknown indicator 'i99'"):
        load_plan(plan_dir)


def test_a_project_linked_to_an_unknown_indicator_is_refused(plan_dir):
    edit(plan_dir / "projects.csv", ",i29,explicit,", ",i29;i77,explicit,")
    with pytest.raises(PlanError, match=r"projects\.csv, row 3, column 'indicator_ids': unknown indicator 'i77'"):
        load_plan(plan_dir)


def test_a_duplicate_key_is_refused(plan_dir):
    edit(plan_dir / "values.csv", "i01,2025,estimate", "i01,2024,estimate")
    with pytest.raises(
        PlanError, match=r"values\.csv, row 2, column 'year': duplicate key \(indicator_id='i01', year=2024\)"
    ):
        load_plan(plan_dir)


def test_a_year_outside_the_plan_is_refused(plan_dir):
    edit(plan_dir / "values.csv", "i01,2030,target", "i01,2031,target")
    with pytest.raises(PlanError, match=r"values\.csv, row 7, column 'year': 2031 is outside 2024–2030"):
        load_plan(plan_dir)


def test_an_unknown_kind_is_refused(plan_dir):
    edit(plan_dir / "values.csv", "i01,2024,actual", "i01,2024,fact")
    with pytest.raises(PlanError, match=r"values\.csv, row 1, column 'kind': 'fact' is not one of"):
        load_plan(plan_dir)


def test_a_bad_boolean_is_refused(plan_dir):
    edit(plan_dir / "financing.csv", ",false,", ",no,")
    with pytest.raises(PlanError, match=r"financing\.csv, row 1, column 'is_total': 'no' is not true or false"):
        load_plan(plan_dir)


def test_an_empty_key_is_refused(plan_dir):
    edit(plan_dir / "directions.csv", "\nrp-2,", "\n,")
    with pytest.raises(PlanError, match=r"directions\.csv, row 2, column 'id': is empty"):
        load_plan(plan_dir)


def test_a_missing_file_is_named(plan_dir):
    (plan_dir / "projects.csv").unlink()
    with pytest.raises(PlanError, match=r"^projects\.csv: file not found in "):
        load_plan(plan_dir)


def test_a_file_that_is_not_utf8_is_refused(plan_dir):
    (plan_dir / "bodies.csv").write_bytes("abbr,name_kk\nДСБ,x\n".encode("cp1251"))
    with pytest.raises(PlanError, match=r"^bodies\.csv: cannot be read as UTF-8 CSV"):
        load_plan(plan_dir)


def test_a_blank_value_cell_is_no_value_not_zero(plan):
    cell = plan.values[(plan.values["indicator_id"] == "i26") & (plan.values["year"] == 2024)].iloc[0]
    assert cell["raw"] == "-" and cell["value"] != cell["value"]  # NaN


def test_zhez_plan_dir_points_the_default_load_at_another_plan(plan_dir, monkeypatch):
    edit(plan_dir / "indicators.csv", "Life expectancy at birth (region)", "Life expectancy at birth (moved plan)")
    monkeypatch.setenv("ZHEZ_PLAN_DIR", str(plan_dir))
    assert load_plan().indicator("i01")["name_en"] == "Life expectancy at birth (moved plan)"
    monkeypatch.delenv("ZHEZ_PLAN_DIR")
    assert load_plan().indicator("i01")["name_en"] == "Life expectancy at birth (region)"


def test_lookups_by_id_give_the_row_and_a_series_the_caller_may_change(plan):
    assert plan.indicator("i07")["code"] == "1.1" and plan.indicator("i07")["goal"] == "rp-1.g2"
    with pytest.raises(KeyError):
        plan.indicator("i99")
    series = plan.series("i07")
    assert series["year"].tolist() == list(range(2024, 2031))
    assert series["kind"].tolist() == ["actual", "estimate", *["target"] * 5]
    series.loc[series.index[0], "value"] = -1.0
    assert plan.series("i07")["value"].iloc[0] == 72.3, "the plan itself is never changed through a series"
    assert plan.series("i99").empty


def test_project_numbers_come_from_the_id():
    assert project_number("p01") == 1 and project_number("p43") == 43
    assert project_number("road-1") is None
