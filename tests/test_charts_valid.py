"""Every chart the pages draw is valid Vega-Lite: ``charts.finished`` writes the specs without Altair's
schema validation (it cost more than the rest of a page's run), so the schema is checked here instead."""

from __future__ import annotations

import json

import pytest
from altair.vegalite.v6.schema import core
from apptest_helpers import ROOT, chart_specs, no_exceptions, open_page
from jsonschema import ValidationError

from zhez import charts, load_plan

PAGES = sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))
SLIDES = range(1, 9)


def invalid(spec: dict) -> str | None:  # type: ignore[type-arg]
    try:
        core.Root.validate(spec)
    except ValidationError as error:
        return f"{error.message[:200]} at {list(error.absolute_path)}"
    return None


def test_the_check_can_fail():
    spec = charts.finished(charts.financing_by_year(load_plan().financing, "kk"), "kk")
    assert invalid(spec) is None
    spec["mark"] = "pointy"
    assert invalid(spec) is not None


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_of_every_page_is_valid_vega_lite(page):
    at = open_page(page, lang="kk")
    no_exceptions(at)
    for spec in chart_specs(at):
        assert invalid(spec) is None, json.dumps(spec)[:300]


def test_every_chart_of_every_slide_is_valid_vega_lite():
    shown = 0
    for slide in SLIDES:
        at = open_page("pages/meeting.py", lang="ru", slide=str(slide))
        no_exceptions(at)
        for spec in chart_specs(at):
            shown += 1
            assert invalid(spec) is None, (slide, json.dumps(spec)[:300])
    assert shown >= 5
