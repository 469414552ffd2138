"""Download buttons whose files are made only when clicked: a table as CSV and XLSX, a chart as
PNG/SVG/PDF, an indicator's sheet as PDF. Every file says when it was made and what its data is as of
(``provenance``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from zhez import charts, clock, report
from zhez.cycle import Period
from zhez.excel import csv_bytes, workbook_bytes
from zhez.export import FORMATS, XLSX_MIME, Provenance, chart_bytes, data_as_of, editions_text
from zhez.plan import PLAN_YEARS
from zhez.ui import session
from zhez.ui.language import lang, t, time_zone
from zhez.ui.loaders import audit_findings, plan, recorded_actuals, store


def provenance(scenario: str | None = None) -> Provenance:
    """What every export says about itself: made today (in Zhezkazgan), data as of the last recorded actual,
    source, the editions it judges by, the time zone; ``scenario`` (a name, or "") makes it hypothetical;
    drawn with submitted values ("include submitted"), it says on every page that they are not yet approved."""
    zone = time_zone()
    return Provenance(
        lang(),
        clock.today(zone),
        data_as_of(recorded_actuals(), zone),
        scenario,
        editions=editions_text(plan(), lang()),
        unapproved=session.include_submitted(),
        time_zone=clock.zone_label(zone),
    )


def chart_downloads(spec: charts.Chart, key: str, scenario: str | None = None) -> None:
    """The chart as PNG, SVG or PDF, drawn on the server when a button is clicked; the buttons are made when
    the menu is opened (its click reruns the page), so a page of charts does not draw three more each."""
    menu = st.popover(t("export.chart"), icon=":material/download:", key=f"{key}-menu", on_change="rerun")
    if not menu.open:
        return
    stamp = provenance(scenario)
    with menu:
        for fmt, mime in FORMATS.items():
            st.download_button(
                fmt.upper(),
                functools.partial(chart_bytes, spec, fmt, stamp),
                f"zhezkazgan-{key}.{fmt}",
                mime,
                key=f"{key}-{fmt}",
                on_click="ignore",
                width="stretch",
            )


def table_downloads(
    frame: pd.DataFrame, file_stem: str, key: str, notes: Mapping[str, str] | None = None, sheet: str | None = None
) -> None:
    """CSV and XLSX downloads of a table, side by side, made only when clicked; ``notes`` (what the table
    is) become the workbook's first sheet, and the table's sheet is named ``sheet`` (in the reader's language;
    "Table" in it when not given)."""
    language = lang()
    title = sheet or t("xlsx.sheet_table")
    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"),
        lambda: csv_bytes(frame),  # formula-like text neutralised, as in the XLSX
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        t("common.download_xlsx"),
        lambda: workbook_bytes({title: frame}, notes, language),
        f"{file_stem}.xlsx",
        XLSX_MIME,
        key=f"{key}-xlsx",
        on_click="ignore",
        width="stretch",
    )


def _sheets(indicator_ids: tuple[str, ...], sheet_lang: str) -> bytes:
    """The sheets of approved values for the latest round's period (the first plan year before any round)."""
    rounds = store().rounds()
    period = Period.parse(str(rounds["period"].iloc[0])) if not rounds.empty else Period(PLAN_YEARS[0])
    sources = report.gather(store(), plan(), period, audit_findings())
    return report.sheets_pdf(
        report.indicator_sheets(sources, list(indicator_ids), sheet_lang, clock.today(time_zone()))
    )


def sheet_downloads(indicator_id: str) -> None:
    """The indicator's one-page sheet, and all the sheets of its direction, as PDF (approved values)."""
    row = plan().indicator(indicator_id)
    mine = plan().indicators[plan().indicators["direction_id"] == row["direction_id"]]
    left, right = st.columns(2)
    left.download_button(
        t("sheet.download"), functools.partial(_sheets, (indicator_id,), lang()),
        f"zhezkazgan-{indicator_id}-{lang()}.pdf", report.PDF_MIME, key="ind-sheet", on_click="ignore",
        icon=":material/picture_as_pdf:", width="stretch",
    )  # fmt: skip
    right.download_button(
        t("sheet.download_direction"), functools.partial(_sheets, tuple(mine["id"]), lang()),
        f"zhezkazgan-{row['direction_id']}-{lang()}.pdf", report.PDF_MIME, key="ind-sheets", on_click="ignore",
        icon=":material/picture_as_pdf:", width="stretch",
    )  # fmt: skip
