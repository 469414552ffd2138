"""The monitoring cycle in three browsers at once (issue 16): an editor of one body submits a value with its
explanation on the Submit page, the coordinator approves it on the Review page, and a viewer — never signed
in — sees it on the Indicator page only then: not while it waits for review.

Each role has its own browser context (its own cookies and Streamlit session) on one app server and store.
That a coordinator cannot approve their own submission is tested in ``tests/test_cycle_pages.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from browser_helpers import start_app, stop_app, wait_rendered

from zhez import i18n, load_plan, tables
from zhez.auth import hash_password, trusted_person
from zhez.cycle import Period
from zhez.i18n import t
from zhez.store import Store

BODY = "ББ"  # the education department
EDITOR, COORDINATOR, PASSWORD = "Aigul Bekova", "Dana Coordinator", "three roles 2026"
PERIOD = Period(2026)
EXPLANATION = "Three roles check, the autumn enrolment came in late"
LANG = "en"


def chosen_indicator(plan) -> tuple[str, float]:
    """The first indicator of ``BODY`` with a 2026 target, and that target (a plausible value, asked nothing)."""
    values = plan.values
    mine = set(plan.indicators[plan.indicators["responsible_body"] == BODY]["id"])
    targets = values[(values["year"] == PERIOD.year) & values["value"].notna() & values["indicator_id"].isin(mine)]
    first = targets.iloc[0]
    return str(first["indicator_id"]), float(first["value"])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("three-roles")
    store = Store(f"sqlite:///{tmp / 'store.sqlite'}")  # the server's store (start_app's default place)
    store.migrate()
    store.open_round(trusted_person("Round Opener", "coordinator"), PERIOD, dt.date(2027, 3, 1))
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        f'[users."{EDITOR}"]\npassword = "{hash_password(PASSWORD)}"\nrole = "editor"\nbodies = ["{BODY}"]\n\n'
        f'[users."{COORDINATOR}"]\npassword = "{hash_password(PASSWORD)}"\nrole = "coordinator"\n',
        encoding="utf-8",
    )
    proc, base = start_app(tmp, {"STREAMLIT_SECRETS_FILES": str(secrets)})
    yield base, store
    stop_app(proc)
    store.dispose()


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def status_line(page) -> str:
    """The Indicator page's status badge and what it rests on."""
    return page.locator(".zhez-status-line").inner_text()


def sign_in(page, name: str) -> None:
    """The page's own sign-in form (the Submit and Review pages show it to someone not signed in)."""
    form = page.locator("[data-testid=stMain]")
    form.get_by_label(t("auth.name", LANG), exact=True).fill(name)
    form.get_by_label(t("auth.password", LANG), exact=True).fill(PASSWORD)
    form.get_by_role("button", name=t("auth.sign_in", LANG), exact=True).click()
    page.locator("[data-testid=stSidebar]").get_by_text(name).wait_for()
    wait_rendered(page)


def wait_for_text(page, text: str) -> None:
    page.locator("[data-testid=stMain]").get_by_text(text, exact=False).first.wait_for()
    wait_rendered(page)


def test_a_value_reaches_viewers_only_once_the_coordinator_approves_it(browser, served):
    base, store = served
    plan = load_plan()
    indicator_id, value = chosen_indicator(plan)
    row = plan.indicator(indicator_id)
    unit = tables.unit_text(plan, row, LANG)
    measured = t("basis.actual", LANG, year=str(PERIOD.year))  # "actual 2026": what a status rests on
    shown = f"{PERIOD.label(LANG)}: {i18n.number(value, LANG)} {unit}".strip()  # the approved value's heading
    roles = {role: browser.new_context(viewport={"width": 1366, "height": 1000}) for role in ("editor", "coordinator", "viewer")}  # fmt: skip
    editor, coordinator, viewer = (roles[r].new_page() for r in ("editor", "coordinator", "viewer"))
    try:
        viewer.goto(f"{base}/indicator?lang={LANG}&ind={indicator_id}")
        wait_rendered(viewer)
        assert t("explain.none", LANG) in main_text(viewer)
        assert EXPLANATION not in main_text(viewer)
        assert measured not in status_line(viewer)  # the status rests on the plan's 2025 estimate, no actual

        # The editor: sign in on the Submit page, type the value and the explanation, submit for review.
        editor.goto(f"{base}/record?lang={LANG}&ind={indicator_id}")
        wait_rendered(editor)
        sign_in(editor, EDITOR)
        main = editor.locator("[data-testid=stMain]")
        main.get_by_role("textbox", name=f"{t('cycle.field.value', LANG)} ({unit})", exact=True).fill(
            i18n.number(value, LANG)
        )
        main.get_by_role("textbox", name=t("cycle.field.deviation_reason", LANG)).fill(EXPLANATION)
        main.get_by_role("textbox", name=t("cycle.field.source", LANG)).fill("statistical form 85-K")
        main.get_by_role("textbox", name=t("cycle.field.source", LANG)).press("Tab")
        wait_rendered(editor)
        main.get_by_role("button", name=t("record.submit", LANG)).click()
        wait_for_text(editor, t("record.submitted", LANG))
        assert t("cycle.state.submitted", LANG) in main_text(editor)  # the page's "Now: …, submitted" line
        held = store.reports(period=PERIOD)
        submitted = held[(held["subject_id"] == indicator_id) & (held["state"] == "submitted")]
        assert len(submitted) == 1 and float(submitted["value"].iloc[0]) == value
        assert submitted["deviation_reason"].iloc[0] == EXPLANATION

        # The viewer's next look: submitted is not approved, so nothing of it shows.
        viewer.reload()
        wait_rendered(viewer)
        assert t("explain.none", LANG) in main_text(viewer)
        assert EXPLANATION not in main_text(viewer) and shown not in main_text(viewer)
        assert measured not in status_line(viewer)

        # The coordinator: sign in on the Review page, read the submission, approve it.
        coordinator.goto(f"{base}/review?lang={LANG}")
        wait_rendered(coordinator)
        sign_in(coordinator, COORDINATOR)
        queue = main_text(coordinator)
        assert EXPLANATION in queue and EDITOR in queue
        approve = coordinator.locator(f".st-key-rev-{int(submitted['id'].iloc[0])}-approve")  # this submission's button
        approve.get_by_role("button", name=t("review.approve", LANG)).click()
        wait_for_text(coordinator, t("review.approved", LANG, code=f"{row['code']} {row[f'name_{LANG}']}"))
        assert t("review.queue_empty", LANG) in main_text(coordinator)

        # The viewer again: the approved value, its explanation, who approved it.
        viewer.reload()
        wait_rendered(viewer)
        text = main_text(viewer)
        assert measured in status_line(viewer)  # the status now rests on the approved 2026 actual
        assert shown in text
        assert EXPLANATION in text
        assert t("explain.approved_by", LANG, who=COORDINATOR, when="")[:-2] in text
        assert t("explain.none", LANG) not in text
    finally:
        for context in roles.values():
            context.close()
