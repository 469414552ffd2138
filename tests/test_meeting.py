"""Meeting mode and the files handed out: slides in the link, exports that say what the screen said."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest
from apptest_helpers import LANGS, chart_specs, deck_layers, no_exceptions, open_page, texts, words
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from zhez import charts, export, i18n, progress, summary, tables
from zhez.audit import audit
from zhez.export import Provenance

KAZAKH_LETTERS = "әғқңөұүһі"  # the letters Kazakh adds to Russian Cyrillic: a font without them draws boxes

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_renders_in_every_language(lang):
    at = open_page("pages/meeting.py", lang=lang)
    no_exceptions(at)
    assert at.query_params["slide"] == "1"
    for number in range(2, 9):  # the agenda, five directions, execution, the audit
        at.button(key="mt-next").click().run()
        no_exceptions(at)
        assert at.query_params["slide"] == str(number)
    assert at.button(key="mt-next").disabled


def test_a_direction_slide_maps_its_projects_without_the_map_pages_numbers():
    """A slide gives the map a third of the map page's height: the numbers' columns would be cut, and no table
    of numbers goes with a slide, so its map shows where the projects are, not their numbers."""
    at = open_page("pages/meeting.py", lang="kk", slide="2")
    layers = deck_layers(at)
    assert len(layers["projects"]["data"]) > 10
    assert words(layers, "number") == [] and layers["number-leaders"]["data"] == []
    assert words(deck_layers(open_page("pages/map.py", lang="kk")), "number")  # the map page keeps them


def test_navigating_changes_the_content_and_the_link():
    at = open_page("pages/meeting.py", lang="en")
    assert "Agenda: the directions and their status" in texts(at)
    at.button(key="mt-next").click().run()
    assert [t.value for t in at.title] == ["High quality of life"]
    assert at.get("deck_gl_json_chart")  # the direction's projects on the map
    at.button(key="mt-prev").click().run()
    assert at.query_params["slide"] == "1"
    at.selectbox(key="mt-jump-1").set_value(8).run()
    assert [t.value for t in at.title] == ["Plan audit: open findings"]
    assert at.query_params["slide"] == "8"

    jumped = open_page("pages/meeting.py", lang="ru", slide="3", hc="1")
    assert "Слайд 3 из 8" in texts(jumped)
    assert at.toggle(key="mt-contrast").value is False and jumped.toggle(key="mt-contrast").value is True
    grid = next(s for s in (json.loads(c.proto.spec) for c in jumped.get("vega_lite_chart")) if "facet" in s)
    assert grid["config"]["axis"]["labelColor"] == "#000000"  # high contrast reaches the charts


def test_a_slide_number_out_of_range_is_clamped():
    at = open_page("pages/meeting.py", lang="en", slide="99")
    no_exceptions(at)
    assert at.query_params["slide"] == "8"


def test_chart_images_carry_every_kazakh_letter_in_their_text(plan):
    chart = charts.financing_by_year(plan.financing, "kk").properties(title=f"Әріптер: {KAZAKH_LETTERS}")
    stamp = Provenance("kk", TODAY)
    svg = export.chart_bytes(chart, "svg", stamp).decode("utf-8")
    assert KAZAKH_LETTERS in svg and "DejaVu Sans" in svg
    pdf = PdfReader(io.BytesIO(export.chart_bytes(chart, "pdf", stamp)))
    text = pdf.pages[0].extract_text()
    assert all(letter in text for letter in KAZAKH_LETTERS)
    assert "24.11.2026" in text
    assert export.chart_bytes(chart, "png", stamp)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_scenario_image_says_hypothetical(plan):
    chart = charts.financing_by_year(plan.financing, "en")
    svg = export.chart_bytes(chart, "svg", Provenance("en", TODAY, scenario="June")).decode("utf-8")
    assert "HYPOTHETICAL SCENARIO" in svg and "June" in svg


def test_the_direction_workbook_holds_numbers_as_numbers(plan):
    assessment = progress.assess(plan)
    book = load_workbook(io.BytesIO(export.plan_workbook(plan, assessment, Provenance("en", TODAY), "rp-2")))
    assert book.sheetnames == ["About this file", "Statuses", "Indicators", "Values", "Financing", "Projects"]
    readme = {r[0]: r[1] for r in book["About this file"].iter_rows(values_only=True)}
    assert readme["Scope"] == "Cross-cutting transformation of the economy and society"
    assert readme["Source"] == "Source: the published plan"
    statuses = list(book["Statuses"].iter_rows(values_only=True))
    expected = assessment[
        assessment["indicator_id"].isin(plan.indicators[plan.indicators["direction_id"] == "rp-2"]["id"])
    ]
    assert len(statuses) - 1 == len(expected)
    ratio = statuses[0].index(i18n.t("export.col_ratio", "en"))  # after the coordinator's status column
    ratios = [r[ratio] for r in statuses[1:] if r[ratio] is not None]
    assert ratios and all(isinstance(r, float) for r in ratios)
    financing = list(book["Financing"].iter_rows(values_only=True))
    header = financing[0]
    rp2 = next(r for r in financing if r[header.index("ID")] == "rp-2")
    assert all(rp2[header.index(str(y))] is None for y in range(2024, 2031))  # "-" in the plan: no value, not 0
    whole = load_workbook(io.BytesIO(export.plan_workbook(plan, assessment, Provenance("en", TODAY))))
    rows = list(whole["Financing"].iter_rows(values_only=True))
    rp1 = next(r for r in rows if r[rows[0].index("ID")] == "rp-1")
    assert rp1[rows[0].index("2026")] == 78779.7


def behind_in(plan, assessment, direction_id):  # type: ignore[no-untyped-def]
    return summary.furthest_behind(tables.progress_rows(plan, assessment, "en", direction_id), limit=4)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_brief_has_slides_per_direction_that_fit_and_says_its_source(plan, lang):
    assessment = progress.assess(plan)
    observed = progress.observed_by_indicator(plan, None)
    none_recorded = pd.DataFrame(columns=["indicator_id", "year", "value", "recorded_at"])
    data = export.brief_pptx(plan, assessment, observed, none_recorded, audit(plan), Provenance(lang, TODAY))
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    funded = [d for d in plan.directions["id"] if summary.direction_financing(plan, d) is not None]
    behind = [d for d in plan.directions["id"] if len(behind_in(plan, assessment, d))]
    # title, agenda, per direction: statuses, the indicators behind their path (where any), financing (where
    # printed); audit
    assert 0 < len(behind) < len(plan.directions)  # od-3's one indicator is on track: no "furthest behind" slide
    assert len(slides) == 2 + len(plan.directions) + len(behind) + len(funded) + 1
    titles = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    names = tables.direction_names(plan, lang)
    if lang == "kk":
        assert titles[0] == "Жезқазған қаласының 2026–2030 жылдарға арналған даму жоспары"
        assert titles[2] == "Өмірдің жоғары сапасы"
    assert titles[3] == i18n.t("ux.brief.worst_slide", lang, direction=names["rp-1"])
    assert titles[4] == i18n.t("ux.brief.financing_slide", lang, direction=names["rp-1"])
    source = i18n.t("export.source_plan", lang)
    for slide in slides:
        shapes = sorted(slide.shapes, key=lambda s: s.top)
        words = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
        assert "24.11.2026" in words and source in words
        # the title's box holds its lines, and nothing starts inside it (kk slide 6 overprinted its status line)
        title = shapes[0]
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        per_line = int(title.width / 12_700 / (0.55 * size))
        assert title.height >= -(-len(title.text_frame.text) // per_line) * size * 1.2 * 12_700
        assert all(s.top >= title.top + title.height for s in shapes[1:])
        # text in a font Windows PCs have, with every Kazakh letter
        for shape in shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            assert {r.font.name or p.font.name for f in frames for p in f.paragraphs for r in p.runs} <= {"Arial"}
        # a chart fills the width, its 12 px labels drawn at 1.5× come out ≥ 14 pt
        for picture in (s for s in shapes if s.shape_type == 13):
            pixels_wide = Image.open(io.BytesIO(picture.image.blob)).size[0]
            label_pt = 12 * export.BRIEF_CHART_SIZE * 2.0 * picture.width / pixels_wide / 12_700
            assert label_pt >= 14, (slide.slide_id, label_pt)
    agenda = next(s for s in slides[1].shapes if s.has_table).table
    rp1 = [agenda.cell(1, c).text for c in range(len(agenda.columns))]
    rp1_statuses = assessment[
        assessment["indicator_id"].isin(plan.indicators[plan.indicators["direction_id"] == "rp-1"]["id"])
    ]
    assert sum(int(v) for v in rp1[1:]) == len(rp1_statuses)
    # a count's cell in its status colour, an empty one white
    for c, status in enumerate(progress.WORST_FIRST, start=1):
        fill = str(agenda.cell(1, c).fill.fore_color.rgb)
        assert (fill != "FFFFFF") == (int(rp1[c]) > 0)
        header = agenda.cell(0, c).text_frame.paragraphs[0].font.color.rgb
        assert f"#{header}" == progress.STATUS_COLORS[status]
    # names whole, never cut mid-word
    statuses = next(s for s in slides[2].shapes if s.has_table).table
    shown = [statuses.cell(r, 1).text for r in range(1, len(statuses.rows))]
    assert shown and all(name in set(plan.indicators[f"name_{lang}"]) for name in shown)
    assert [s.shape_type for s in slides[3].shapes].count(13) == 1  # one chart a slide
    assert [s.shape_type for s in slides[4].shapes].count(13) == 1


def test_every_chart_of_the_brief_writes_its_text_at_the_briefs_size(plan, monkeypatch):
    # the financing charts' axes and every legend were drawn at the screen's 12 px, ~9 pt on the slide
    drawn = []
    chart_bytes = export.chart_bytes

    def recorded(chart, fmt, provenance, scale=2.0, size=1.0):  # type: ignore[no-untyped-def]
        drawn.append(size)
        return chart_bytes(chart, fmt, provenance, scale, size)

    monkeypatch.setattr(export, "chart_bytes", recorded)
    none_recorded = pd.DataFrame(columns=["indicator_id", "year", "value", "recorded_at"])
    assessment, observed = progress.assess(plan), progress.observed_by_indicator(plan, None)
    export.brief_pptx(plan, assessment, observed, none_recorded, audit(plan), Provenance("kk", TODAY))
    assert len(drawn) >= 6 and set(drawn) == {export.BRIEF_CHART_SIZE}  # 3 grids, 3 financing charts


@pytest.mark.parametrize("lang", LANGS)
def test_a_slide_never_calls_an_indicator_on_track_one_of_the_worst(plan, lang):
    # slide 6 called od-3's one indicator, on track, "the worst indicator"; slide 5 "the 4 worst" over 3 on track
    assessment = progress.assess(plan)
    for number, direction_id in enumerate(plan.directions["id"], start=2):
        at = open_page("pages/meeting.py", lang=lang, slide=str(number))
        no_exceptions(at)
        behind = behind_in(plan, assessment, direction_id)
        titles = json.dumps([spec.get("title") for spec in chart_specs(at)], ensure_ascii=False)
        if behind.empty:
            assert i18n.t("ux.overview.worst_none", lang) in texts(at)
            assert "facet" not in json.dumps(chart_specs(at))  # no grid of trajectories
        else:
            assert i18n.t("ux.overview.worst_title", lang, n=len(behind)) in titles, (direction_id, titles)
