"""Every page runs in every language with AppTest, and shows the plan's numbers."""

from __future__ import annotations

import json

import pytest
from apptest_helpers import LANGS, ROOT, chart_specs, no_exceptions, open_page, texts

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_every_language(page, lang):
    at = open_page(page, lang=lang)
    no_exceptions(at)
    assert at.title, "every page has a title"
    assert at.query_params.get("lang") == lang


def test_the_overview_shows_the_plan_total_from_the_data():
    at = open_page(lang="ru")
    no_exceptions(at)
    assert "184\u00a0716,0\u00a0млн ₸" in texts(at)
    (spec,) = chart_specs(at)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "Финансирование по годам" in json.dumps(spec["title"], ensure_ascii=False)


def test_the_language_switch_changes_the_page_and_the_link():
    at = open_page(lang="kk")
    assert at.title[0].value.startswith("Жезқазған қаласының")
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Zhezkazgan city development plan 2026–2030"
    assert at.query_params["lang"] == "en"


def test_an_unknown_language_in_the_link_falls_back_to_kazakh():
    at = open_page(lang="de")
    no_exceptions(at)
    assert at.query_params["lang"] == "kk"


def test_the_data_page_filters_by_direction_and_keeps_it_in_the_link():
    at = open_page("pages/data.py", lang="en")
    at.multiselect(key="data-dir").set_value(["od-2"]).run()
    no_exceptions(at)
    assert at.query_params["dir"] == "od-2"
    indicators = at.dataframe[0].value
    assert len(indicators) == 5


def test_the_data_page_search_uses_the_current_language():
    at = open_page("pages/data.py", lang="ru", q="туберкул")
    no_exceptions(at)
    frame = at.dataframe[0].value
    assert frame.iloc[:, 1].tolist() == ["Снижение заболеваемости туберкулёзом"]


def test_the_audit_page_filters_by_severity_from_the_link():
    at = open_page("pages/audit.py", lang="en", sev="error")
    no_exceptions(at)
    assert "error**: 9" in texts(at)
    assert "warning**: 0" in texts(at)
