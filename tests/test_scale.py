"""The scale benchmark's generated plan is a valid plan, and long tables stay usable on it."""

from __future__ import annotations

import sys

import pytest
from apptest_helpers import ROOT, no_exceptions, open_page, texts

from zhez import load_plan, tables
from zhez.audit import audit

sys.path.insert(0, str(ROOT / "bench"))
from scaled_plan import write_scaled_plan


@pytest.fixture(scope="module")
def scaled_dir(tmp_path_factory):
    return write_scaled_plan(tmp_path_factory.mktemp("scaled") / "plan", factor=11)


def test_the_scaled_plan_loads_with_every_indicator_and_project_copied(scaled_dir, plan):
    big = load_plan(scaled_dir)
    assert (len(big.indicators), len(big.values), len(big.projects)) == (59 * 11, 413 * 11, 53 * 11)
    assert big.indicator("i07x10")["name_en"] == plan.indicator("i07")["name_en"] + " [10]"
    assert big.series("i07x10")["value"].tolist() == plan.series("i07")["value"].tolist()
    assert big.projects.set_index("id").loc["p01x3", "indicator_ids"] == "i51x3;i52x3"
    assert len(big.financing) == len(plan.financing), "financing is the real plan's"
    # findings about one indicator's own series are found again on each of its copies
    own = ["series_break", "series_jump", "target_against_desired", "missing_value", "missing_metadata"]
    real_counts = audit(plan)["kind"].value_counts().reindex(own, fill_value=0)
    assert (real_counts > 0).all()
    assert (audit(big)["kind"].value_counts().reindex(own, fill_value=0) == 11 * real_counts).all()


def test_a_long_table_is_shown_a_page_at_a_time_in_the_readers_language(scaled_dir, monkeypatch):
    monkeypatch.setenv("ZHEZ_PLAN_DIR", str(scaled_dir))
    at = open_page("pages/data.py", lang="ru")
    no_exceptions(at)
    assert "Показаны строки 1–500 из 649" in texts(at)
    assert len(at.dataframe[0].value) == 500
    at.segmented_control(key="ind-page-2").set_value("2").run()
    no_exceptions(at)
    assert "Показаны строки 501–649 из 649" in texts(at)
    assert at.dataframe[0].value.iloc[0, 1] == tables.indicators_table(load_plan(scaled_dir), "ru").iloc[500, 1]
    assert at.query_params["ind-page"] == "2"
