"""Every page runs in every language with AppTest, and shows the plan's numbers."""

from __future__ import annotations

import json
import re

import pytest
from apptest_helpers import LANGS, ROOT, chart_data, chart_specs, html_tables, no_exceptions, open_page, texts

from zhez import tables
from zhez.editions import audit_edition
from zhez.i18n import t
from zhez.plan import load_plan

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
    assert "184\u00a0716,0\u00a0млн\u00a0₸" in texts(at)
    (spec,) = chart_specs(at)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "Финансирование по годам" in json.dumps(spec["title"], ensure_ascii=False)


def test_the_language_switch_changes_the_page_and_the_link():
    at = open_page(lang="kk")
    assert at.title[0].value.startswith("Жезқазған қаласының")
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Zhezkazgan city development plan 2026–\u20602030"  # the span kept whole
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


@pytest.mark.parametrize("lang", LANGS)
def test_each_data_tab_makes_its_own_table_when_opened_and_only_that_one(lang):
    plan = load_plan()
    at = open_page("pages/data.py", lang=lang)
    no_exceptions(at)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 59  # the indicators, the first tab
    made = {
        "values": tables.values_table(plan, lang),
        "financing": tables.financing_table(plan, lang),
        "projects": tables.projects_table(plan, lang),
    }
    shown = {}
    for tab, expected in made.items():
        at.session_state["data-tab"] = t(f"data.tab_{tab}", lang)
        at.run()
        no_exceptions(at)
        (frame,) = [d.value for d in at.dataframe]
        shown[tab] = frame
        assert frame.columns.tolist() == expected.columns.tolist() and len(frame) == len(expected), tab
    assert len(shown["values"]) > 59 and len(shown["projects"]) > 0
    assert len(at.get("download_button")) == 2  # the open tab's CSV and XLSX


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_list_is_one_block_per_kind_and_its_table_is_a_tab_away(lang):
    at = open_page("pages/audit.py", lang=lang)
    no_exceptions(at)
    (block,) = [str(h.value) for h in at.get("html") if "<details" in str(h.value)]
    findings = audit_edition(load_plan(), None)
    assert block.count("<details") == findings["kind"].nunique() and block.count("<li>") == len(findings)
    assert not at.dataframe  # the table is made only when its tab is opened
    at.session_state["audit-tab"] = t("audit.tab_table", lang)
    at.run()
    no_exceptions(at)
    assert len(at.dataframe[0].value) == len(findings)
    assert not [h for h in at.get("html") if "<details" in str(h.value)]


def test_the_audit_page_filters_by_severity_from_the_link():
    at = open_page("pages/audit.py", lang="en", sev="error")
    no_exceptions(at)
    assert "error**: 8" in texts(at)  # 7 totals that do not add up, 1 “of which” larger than its total
    assert "warning**: 0" in texts(at)


def test_a_link_opens_the_right_indicator_with_target_and_actual_series():
    at = open_page("pages/indicator.py", lang="en", ind="i46")
    no_exceptions(at)
    assert at.title[0].value.startswith("6.2 Wear of power networks")
    assert at.selectbox(key="ind-select").value == "i46"
    data = chart_data(at)
    assert set(data["series"]) == {"target", "actual", "estimate", "projection"}
    target = data[data["series"] == "target"].set_index("year")["value"]
    assert target[2030] == 49.6 and target[2025] == 50.0
    assert data[data["series"] == "actual"]["year"].tolist() == [2024]
    assert "Moving away" in texts(at)


def test_the_indicator_page_shows_the_cell_text_and_audit_findings():
    at = open_page("pages/indicator.py", lang="ru", ind="i42")
    no_exceptions(at)
    values = html_tables(at)[0]
    assert "60\xa0" in values.iloc[:, 3].tolist()  # the 2030 cell as printed, trailing no-break space included
    assert "Разрыв ряда" in texts(at)


def test_the_directions_page_lists_every_indicator_worst_first():
    at = open_page("pages/directions.py", lang="en", dir="od-2")
    no_exceptions(at)
    (listing,) = html_tables(at)
    assert len(listing) == 5
    assert at.selectbox(key="dir-direction").value == "od-2"
    (spec,) = chart_specs(at)
    assert spec["facet"]["field"] == "panel_order"  # one panel an indicator, in the order given


@pytest.mark.parametrize("lang", LANGS)
def test_the_directions_list_links_each_name_to_its_indicator_page_in_the_readers_language(lang):
    """The list is printed (its reasons wrapped in full); a name is a link to that indicator's page."""
    at = open_page("pages/directions.py", lang=lang, dir="od-2")
    no_exceptions(at)
    (listing,) = html_tables(at)
    html = next(str(e.value) for e in at.get("html") if "zhez-printed" in str(e.value) and "<a href" in str(e.value))
    plan = load_plan()
    ids = plan.indicators.loc[plan.indicators["direction_id"] == "od-2", "id"]
    assert {f"<a href='indicator?ind={i}&amp;lang={lang}'>" for i in ids} == set(re.findall(r"<a href='[^']*'>", html))
    assert len(listing) == len(ids)


def test_the_directions_page_filters_by_status_from_the_link():
    at = open_page("pages/directions.py", lang="kk", dir="rp-1", status="moving_away")
    no_exceptions(at)
    (listing,) = html_tables(at)
    assert len(listing) == 7 and listing.iloc[:, 0].str.startswith("▼").all()
    assert at.query_params["status"] == "moving_away"


def test_the_directions_page_filters_by_responsible_body_and_search():
    at = open_page("pages/directions.py", lang="ru", dir="rp-1", resp="ТКШБ")
    no_exceptions(at)
    assert set(html_tables(at)[0].iloc[:, 1]) == {"НИ", "6.1", "6.4", "7.2"}
    at = open_page("pages/directions.py", lang="ru", dir="rp-1", q="износ")
    assert len(html_tables(at)[0]) == 2


def test_the_method_page_explains_with_the_plan_numbers():
    at = open_page("pages/method.py", lang="ru")
    no_exceptions(at)
    body = texts(at)
    assert (
        "оценка 2025 (6,84\u00a0на 1000 живорождённых): 0,62\u00a0на 1000 живорождённых в год в нужную сторону" in body
    )
    assert "▼ Удаляется от цели" in body


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_s_downloads_are_made_when_its_menu_is_opened(lang):
    at = open_page(lang=lang)
    no_exceptions(at)
    assert not [b for b in at.get("download_button") if str(b.proto.label) in ("PNG", "SVG", "PDF")]
    at.session_state["financing-menu"] = True  # the Overview's financing chart (key "financing")
    at.run()
    no_exceptions(at)
    assert [str(b.proto.label) for b in at.get("download_button")][-3:] == ["PNG", "SVG", "PDF"]


def _sidebar_frames(at) -> list[int]:
    """The bordered frames of the sidebar, by how many things each holds."""
    found = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        proto = getattr(node, "proto", None)
        kind = proto.WhichOneof("type") if type(proto).__name__ == "Block" else None
        if kind == "flex_container" and proto.flex_container.border:
            found.append(len(getattr(node, "children", None) or {}))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at.sidebar)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_where_the_page_has_its_own_sign_in_form_gets_no_empty_frame_in_the_sidebar(lang):
    at = open_page("pages/execution.py", lang=lang)  # its sign-in form is on the page
    no_exceptions(at)
    assert _sidebar_frames(at) == []
    at = open_page(lang=lang)  # elsewhere the sidebar's frame holds the sign-in form
    assert _sidebar_frames(at) == [1]
