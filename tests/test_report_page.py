"""The Report page: the summary as the file prints it, the downloads, and a draft for coordinators only."""

from __future__ import annotations

import base64
import re

import pytest
from apptest_helpers import LANGS, no_exceptions, open_page, texts
from cycle_helpers import approve_values, open_round

from zhez.auth import trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.i18n import t
from zhez.plan import load_plan
from zhez.store import Store


@pytest.fixture
def reported():
    """The app's store with a 2026 round: one approved value, one submitted and not yet approved."""
    plan, store = load_plan(), Store()
    store.migrate()
    open_round(store, Period(2026))
    approve_values(store, plan, [("i29", 2026, 98.5)])
    store.save(plan, trusted_person("Bolat", every_body=True), [Entry("i10", Period(2026), IndicatorReport(6.1, deviation_reason="кешігу", source="s"))], submit=True)  # fmt: skip
    return store


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_page_shows_the_summary_and_offers_both_files(reported, lang):
    at = open_page("pages/report.py", lang=lang)
    no_exceptions(at)
    page = texts(at)
    assert t("report.title", lang, period="2026") in page
    assert t("report.by_status", lang) in page and t("report.no_execution", lang) in page
    labels = {b.proto.label for b in at.get("download_button")}
    assert {t("report.download_docx", lang), t("report.download_pdf", lang)} <= labels
    assert t("report.draft_mark", lang) not in page
    # approved values only: the submitted one is not counted
    assert t("report.summary_counts", lang, n=59, period="2026", with_value=1, without=58) in page
    assert not at.get("toggle") or all(tg.key != "rp-draft" for tg in at.toggle)  # a viewer is offered no draft


@pytest.mark.parametrize("lang", LANGS)
def test_a_viewer_asking_for_a_draft_by_the_link_is_refused(reported, lang):
    at = open_page("pages/report.py", lang=lang, draft="1")
    no_exceptions(at)
    assert t("problem.sign_in_needed", lang) in texts(at)
    assert t("report.draft_mark", lang) not in texts(at)
    assert not at.get("download_button")  # no file, approved or not


@pytest.mark.parametrize("lang", LANGS)
def test_an_editor_cannot_have_a_draft_either(reported, lang):
    at = open_page(None, lang=lang, draft="1")
    at.session_state["editor"] = trusted_person("Aigul", "editor", ["ББ"])
    at.switch_page("pages/report.py").run()
    no_exceptions(at)
    assert t("problem.coordinators_only", lang) in texts(at)
    assert t("report.draft_mark", lang) not in texts(at)
    assert not at.get("download_button")


@pytest.mark.parametrize("lang", LANGS)
def test_a_coordinators_draft_is_marked_and_counts_the_submitted_value(reported, lang):
    at = open_page(None, lang=lang)
    at.session_state["editor"] = trusted_person("Dana", "coordinator")
    at.switch_page("pages/report.py").run()
    no_exceptions(at)
    assert t("report.draft_mark", lang) not in texts(at)
    assert t("report.page_intro", lang) in texts(at)
    at.toggle(key="rp-draft").set_value(True).run()
    no_exceptions(at)
    assert at.query_params["draft"] == "1"
    page = texts(at)
    assert t("report.draft_mark", lang) in page
    # the intro no longer says "made from approved data only" above a draft that is not
    assert t("report.page_intro_draft", lang) in page and t("report.page_intro", lang) not in page
    assert t("report.summary_counts", lang, n=59, period="2026", with_value=2, without=57) in page
    names = {b.proto.label for b in at.get("download_button")}
    assert t("report.download_pdf", lang) in names


def test_the_indicator_page_offers_its_sheet_and_the_directions(reported):
    at = open_page("pages/indicator.py", lang="kk", ind="i29")
    no_exceptions(at)
    labels = {b.proto.label for b in at.get("download_button")}
    assert {t("sheet.download", "kk"), t("sheet.download_direction", "kk")} <= labels


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_is_one_html_block_with_the_printed_charts(reported, lang):
    """The summary's headings, paragraphs, tables and charts come as one HTML block, the charts as the vector
    images the files print (no Vega chart to fetch and draw): the browser's cost grows with each element."""
    at = open_page("pages/report.py", lang=lang)
    no_exceptions(at)
    (block,) = [str(e.value) for e in at.get("html") if str(e.value).startswith("<div class='zhez-document'>")]
    assert t("report.by_status", lang) in block and "<table class='zhez-printed'>" in block
    images = re.findall(r"<img src='data:image/svg\+xml;base64,([^']+)' alt='([^']+)'>", block)
    assert len(images) == 2  # the worst indicators' trajectories and the financing by year, each described
    assert images[1][1] == t("chart.financing_title", lang)
    images = [data for data, _ in images]
    drawn = base64.b64decode(images[1]).decode("utf-8")
    assert drawn.startswith("<svg") and t("chart.financing_title", lang)[:12] in drawn
    assert not at.get("vega_lite_chart") and not at.header and not at.subheader
