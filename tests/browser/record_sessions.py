"""Editors writing values through the Record page in real browser sessions (Playwright's async API, so that
many sessions run at once in one Chromium): used by the two-server test and the load run in ``bench/``.

Each editor signs in on the Record page (the legacy ``[editors]`` table: every body), opened on its own
first indicator by the link, and submits its values one after another (another indicator picked in the list) through the Submit form, waiting
for the page to confirm each before typing the next.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

from browser_helpers import RENDERED

from zhez.auth import hash_password
from zhez.i18n import t
from zhez.numbers import parse_number

PASSWORD = "load test 2026"
ERRORS = "[data-testid=stException], [data-testid=stAlertContentError]"
# The text of the page's "Submitted for review. …" confirmation (shown once, after the rerun that saved), or null.
CONFIRMATION = (
    "() => { const found = [...document.querySelectorAll('[data-testid=stAlertContentSuccess]')]"
    f".map(e => e.innerText).filter(t => t.includes({json.dumps(t('record.submitted', 'en'))}));"
    " return found.length ? found[0] : null; }"
)
VALUE = re.compile("^" + re.escape(t("cycle.field.value", "en")))  # "Value (unit)": the unit is the indicator's


def editors_secrets(names: list[str]) -> str:
    """A secrets file's ``[editors]`` table: each name with the same password, every body (hashed once)."""
    hashed = hash_password(PASSWORD)
    return "[editors]\n" + "".join(f'"{name}" = "{hashed}"\n' for name in names)


@dataclass
class Written:
    """What one editor's session did: the values confirmed by the page, the errors it showed, the seconds
    each submission took from the click to the confirmation."""

    name: str
    confirmed: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


async def _rendered(page, timeout: float = 120_000) -> None:
    await page.wait_for_function(RENDERED, timeout=timeout)
    await page.wait_for_timeout(300)
    await page.wait_for_function(RENDERED, timeout=timeout)


async def write_values(
    browser, base: str, name: str, values: list[tuple[str, float]], labels: dict[str, str]
) -> Written:
    """Sign ``name`` in on ``base``'s Record page and submit ``values`` (indicator id, value) one by one, picking
    each indicator in the page's list by its English label (``labels``; the first comes in the link)."""
    done = Written(name)
    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(180_000)  # many sessions on a shared machine: slow is measured, not an error
    page = await context.new_page()
    try:
        await page.goto(f"{base}/record?lang=en&ind={values[0][0]}", wait_until="commit")  # then: rendered
        await _rendered(page)
        main = page.locator("[data-testid=stMain]")  # the Submit page shows the sign-in form itself
        await main.get_by_label(t("auth.name", "en"), exact=True).fill(name)
        await main.get_by_label(t("auth.password", "en"), exact=True).fill(PASSWORD)
        await main.get_by_role("button", name=t("auth.sign_in", "en"), exact=True).click()
        await main.get_by_role("textbox", name=VALUE).wait_for(timeout=180_000)
        await _rendered(page)
        for number, (indicator_id, value) in enumerate(values, start=1):
            if number > 1:
                box = main.get_by_role("combobox", name=t("indicator.pick", "en"))
                await box.click()
                await box.fill(labels[indicator_id])
                await page.keyboard.press("Enter")
                await _rendered(page)
            await main.get_by_role("textbox", name=VALUE).fill(f"{value}")
            reason = main.get_by_role(
                "textbox", name=re.compile("^" + re.escape(t("cycle.field.deviation_reason", "en")))
            )
            await reason.fill("load run")
            source = main.get_by_role("textbox", name=re.compile("^" + re.escape(t("cycle.field.source", "en"))))
            await source.fill(f"load run, {name}, value {number}")
            await source.press("Tab")  # the fields are read on the rerun that leaving them makes
            # The run that read the value says so under the field; the "is this right?" question of a value far
            # from the path comes in that same run, so only once it has finished can the page say whether it asks.
            read_back = t("number.read_as", "en", shown=parse_number(f"{value}", "en").shown)
            await main.get_by_text(read_back, exact=True).wait_for()
            await _rendered(page)
            far = main.get_by_label(t("record.far_confirm", "en"))
            if await far.count():  # the page asks "is this right?" of a value far from the path: the editor says yes
                await main.get_by_text(t("record.far_confirm", "en"), exact=True).click()  # the box itself is hidden
                await _rendered(page)
            before = await page.evaluate(CONFIRMATION)
            start = time.perf_counter()
            await main.get_by_role("button", name=t("record.submit", "en"), exact=True).click()
            try:  # the confirmation names its batch: a new one, not the previous submission's
                await page.wait_for_function(
                    f"(before) => {{ const now = ({CONFIRMATION})(); return now && now !== before; }}",
                    arg=before,
                    timeout=120_000,
                )
            except Exception:
                done.errors.append(f"value {number}: no confirmation")
            await _rendered(page)
            done.seconds.append(time.perf_counter() - start)
            shown = await page.locator(ERRORS).all_inner_texts()
            if shown:
                done.errors += [f"value {number}: {text[:200]}" for text in shown]
            elif not done.errors or not done.errors[-1].startswith(f"value {number}:"):
                done.confirmed.append((indicator_id, value))
    except Exception as error:
        done.errors.append(f"session: {error!r}"[:300])
    finally:
        await context.close()
    return done
