"""Downloads are made when clicked and arrive whole: a table as CSV and XLSX, a chart as PNG."""

from __future__ import annotations

import io

from browser_helpers import wait_rendered


def _download(page, name: str) -> bytes:
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name=name).first.click()
    return info.value.path().read_bytes()


def test_a_table_downloads_as_csv_and_xlsx_with_every_row(page, app_url, plan):
    from openpyxl import load_workbook

    from zhez import tables

    page.goto(f"{app_url}/data?lang=ru")
    wait_rendered(page)
    expected = tables.indicators_table(plan, "ru")
    csv = _download(page, "Скачать CSV").decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].split(",")[:2] == list(expected.columns[:2])
    assert len(lines) == len(expected) + 1 == 60
    assert expected.iloc[0, 1] in lines[1]
    workbook = load_workbook(io.BytesIO(_download(page, "Скачать XLSX")))
    sheet = workbook.worksheets[0]
    names = [c.value for c in next(sheet.iter_cols(min_col=2, max_col=2))]
    assert expected.iloc[58, 1] in names, "the last indicator is in the workbook"


def test_a_chart_downloads_as_a_png_image(page, app_url):
    page.goto(f"{app_url}/directions?lang=en")
    wait_rendered(page)
    page.get_by_role("button", name="Download the chart").first.click()
    png = page.locator("[data-testid=stPopoverBody]").get_by_role("button", name="PNG").first
    png.wait_for()
    with page.expect_download(timeout=60000) as info:
        png.dispatch_event("click")  # the open popover's own button, wherever the popover was placed on screen
    image = info.value.path().read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 20_000
