"""Accessibility basics checked on every page that draws: charts have titles, maps have a text alternative."""

from __future__ import annotations

import pytest
from apptest_helpers import LANGS, chart_specs, open_page

DRAWING_PAGES = [
    "pages/overview.py",
    "pages/directions.py",
    "pages/indicator.py",
    "pages/whatif.py",
    "pages/meeting.py",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", DRAWING_PAGES)
def test_every_chart_has_a_title(page, lang):
    specs = chart_specs(open_page(page, lang=lang))
    assert specs, page
    for spec in specs:
        title = spec.get("title")
        text = title.get("text") if isinstance(title, dict) else title
        assert text, f"a chart without a title on {page}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_has_a_text_alternative_in_the_readers_language(lang):
    (deck,) = open_page("pages/map.py", lang=lang).get("deck_gl_json_chart")
    assert {"kk": "Жезқазған картасы", "ru": "Карта Жезказгана", "en": "Map of Zhezkazgan"}[lang] in deck.proto.alt
