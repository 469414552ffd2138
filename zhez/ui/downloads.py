"""Download buttons whose files are made only when clicked: a table as CSV and XLSX, a chart as
PNG/SVG/PDF. Every file says when it was made and what its data is as of (``provenance``)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from zhez import charts
from zhez.excel import csv_bytes, workbook_bytes
from zhez.export import FORMATS, XLSX_MIME, Provenance, chart_bytes, data_as_of, editions_text
from zhez.ui.language import lang, t
from zhez.ui.loaders import plan, recorded_actuals


def provenance(scenario: str | None = None) -> Provenance:
    """What every export says about itself: made today, data as of the last recorded actual, source.
    ``scenario`` (a name, or "") makes it hypothetical."""
    return Provenance(lang(), dt.date.today(), data_as_of(recorded_actuals()), scenario, editions_text(plan(), lang()))


def chart_downloads(spec: charts.Chart, key: str, scenario: str | None = None) -> None:
    """The chart as PNG, SVG or PDF, drawn on the server when a button is clicked."""
    stamp = provenance(scenario)
    with st.popover(t("export.chart"), icon=":material/download:"):
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


def table_downloads(frame: pd.DataFrame, file_stem: str, key: str, notes: Mapping[str, str] | None = None) -> None:
    """CSV and XLSX downloads of a table, side by side, made only when clicked; ``notes`` (what the table
    is) become the workbook's first sheet."""
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
        lambda: workbook_bytes({file_stem[:31]: frame}, notes),
        f"{file_stem}.xlsx",
        XLSX_MIME,
        key=f"{key}-xlsx",
        on_click="ignore",
        width="stretch",
    )
