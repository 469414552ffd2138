"""The first screen answers "are we on track?" (issue 20 §2): the plan's status by direction with each count a
link, the indicators furthest behind with their reason, the warning while statuses rest on the 2025 estimate
(Overview, Directions, Meeting), status chips that follow the filters and choose a status, themes and search."""

from __future__ import annotations

import html

import pytest
from apptest_helpers import LANGS, html_tables, no_exceptions, open_page

from zhez import tables
from zhez.i18n import t
from zhez.plan import load_plan
from zhez.progress import STATUSES, WORST_FIRST, assess, status_label
from zhez.summary import directions_overview, estimate_banner, furthest_behind


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def assessment(plan):
    return assess(plan)  # a fresh store holds no values: the plan's own figures alone


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_opens_with_the_plans_status_each_count_opening_its_direction(lang, plan, assessment):
    at = open_page(lang=lang)
    no_exceptions(at)
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0] == t("ux.overview.status_title", lang)  # first, before anything else
    assert subheaders[-1] == t("overview.audit_title", lang)  # the audit moved to the end
    table = next(str(h.value) for h in at.get("html") if "zhez-status-table" in str(h.value))
    overview = directions_overview(plan, assessment)
    for row in overview.to_dict("records"):
        for status in STATUSES:
            count = int(row[status])
            link = html.escape(f"directions?dir={row['direction_id']}&status={status}&lang={lang}")
            assert (f"<a href='{link}' target='_self'>{count}</a>" in table) == (count > 0), (
                row["direction_id"],
                status,
            )
    assert int(overview[list(STATUSES)].to_numpy().sum()) == len(plan.indicators)


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_names_the_five_furthest_behind_with_their_reason(lang, plan, assessment):
    at = open_page(lang=lang)
    worst = furthest_behind(tables.progress_rows(plan, assessment, lang), limit=5)
    assert len(worst) == 5 and "on_track" not in set(worst["status"])
    assert t("ux.overview.worst_title", lang, n=5) in [s.value for s in at.subheader]
    links = [link.proto.label for link in at.get("page_link")]
    captions = [c.value for c in at.caption]
    for row in worst.to_dict("records"):
        assert f"{row['status_label']} · {row['code']} {row['name']}" in links
        assert row["explanation"] in captions


@pytest.mark.parametrize("lang", LANGS)
def test_overview_directions_and_meeting_warn_while_statuses_rest_on_the_2025_estimate(lang, plan, assessment):
    rated = assessment[assessment["status"] != "no_rating"]
    everything = estimate_banner(assessment, lang)
    assert everything == t("ux.banner.estimate_all", lang, n=len(rated))  # "no rating" rests on nothing
    # it counts the rated statuses, and says so: "All 56 statuses" sat above a table of 59 indicators
    assert {"kk": f"Бағаланған барлық {len(rated)} мәртебе", "ru": f"Все {len(rated)} оценённых статусов",
            "en": f"All {len(rated)} rated statuses"}[lang] in everything  # fmt: skip
    for page, query in (("pages/overview.py", {}), ("pages/meeting.py", {"slide": "1"})):
        at = open_page(page, lang=lang, **query)
        assert everything in [w.value for w in at.warning], page
    directions = open_page("pages/directions.py", lang=lang, dir="rp-2")
    mine = assessment[
        assessment["indicator_id"].isin(plan.indicators.loc[plan.indicators["direction_id"] == "rp-2", "id"])
    ]
    assert estimate_banner(mine, lang) in [w.value for w in directions.warning]


def test_no_warning_once_no_status_rests_on_the_estimate(assessment):
    actual = assessment.assign(basis_kind=["actual" if s != "no_rating" else "estimate" for s in assessment["status"]])
    assert estimate_banner(actual, "ru") is None
    one = actual.copy()
    one.loc[one.index[0], "basis_kind"] = "estimate"
    assert estimate_banner(one, "ru") == t(
        "ux.banner.estimate_some", "ru", n=1, total=int((one["status"] != "no_rating").sum())
    )


def test_the_directions_status_chips_count_under_the_filters_and_choose_a_status(plan, assessment):
    at = open_page("pages/directions.py", lang="ru", dir="rp-1", status="off_track")
    no_exceptions(at)
    (chips,) = at.get("button_group")
    rows = tables.progress_rows(plan, assessment, "ru")
    mine = rows[rows["indicator_id"].isin(plan.indicators.loc[plan.indicators["direction_id"] == "rp-1", "id"])]
    counts = mine["status"].value_counts()
    assert [o.content for o in chips.proto.options] == [
        f"{status_label(s, 'ru')} · {int(counts.get(s, 0))}" for s in WORST_FIRST
    ]
    assert list(chips.proto.default) == [WORST_FIRST.index("off_track")]
    (listed,) = html_tables(at)  # the list under the grid
    assert len(listed) == int(counts["off_track"])  # the list holds the chosen status only
    # a filter changes the counts on the chips: the health department's indicators of the direction only
    body = "ДСБ"
    filtered = open_page("pages/directions.py", lang="ru", dir="rp-1", resp=body)
    (chips,) = [g for g in filtered.get("button_group") if g.proto.label == t("ux.directions.statuses", "ru")]
    theirs = plan.indicators.loc[plan.indicators["responsible_body"] == body, "id"]
    narrowed = mine[mine["indicator_id"].isin(theirs)]["status"].value_counts()
    assert 0 < narrowed.sum() < counts.sum()
    assert [o.content for o in chips.proto.options] == [
        f"{status_label(s, 'ru')} · {int(narrowed.get(s, 0))}" for s in WORST_FIRST
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_finds_indicators_by_sector_across_directions_and_by_name(lang, plan):
    education = plan.indicators[plan.indicators["theme"] == "education"]
    assert education["direction_id"].nunique() >= 1 and len(education) >= 3
    at = open_page(lang=lang, theme="education")
    no_exceptions(at)
    assert t("ux.overview.found", lang, n=len(education)) in [m.value for m in at.markdown]
    name = str(education[f"name_{lang}"].iloc[0])
    found = open_page(lang=lang, q=name[:25])
    assert any(t("ux.overview.found", lang, n=n) in [m.value for m in found.markdown] for n in range(1, 60))


@pytest.mark.parametrize("lang", LANGS)
def test_the_titles_span_of_years_never_breaks(lang):
    # the Russian title wrapped as "… на 2026–" / "2030 годы" at 1366
    at = open_page(None, lang=lang)
    no_exceptions(at)
    assert "2026–\u20602030" in at.title[0].value
