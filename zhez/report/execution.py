"""What the report prints of project and budget execution: the execution kinds of the cycle (``zhez.execution``)
rolled up by ``zhez.rollups``, the same figures the Execution screen shows.

``execution_of`` keeps the reports in view up to the end of the reporting period (a half-year's report does not
print the year's later figures) and says when they were last approved; ``None`` when there is none, so the report
says "no execution data approved yet" beside the plan's own figures rather than printing zeros.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from zhez import clock
from zhez.cycle import Period


@dataclass(frozen=True)
class Execution:
    """The project and financing-line reports in view for a reporting period (``Store.execution`` rows:
    ``kind``, ``subject_id``, ``period``, ``payload``, …), up to its end."""

    reports: pd.DataFrame
    as_of: dt.date | None = None  # the latest approval among them (in a draft, the latest submission too)


def execution_of(reports: pd.DataFrame, period: Period) -> Execution | None:
    """The execution reports of ``period`` and the periods before it, or ``None`` when there are none."""
    if reports.empty:
        return None
    kept = reports[[Period.parse(str(p)).position <= period.position for p in reports["period"]]]
    if kept.empty:
        return None
    moments = [
        reviewed if approval == "approved" else submitted
        for approval, reviewed, submitted in zip(
            kept.get("approval", pd.Series("approved", index=kept.index)),
            kept["reviewed_at"],
            kept["submitted_at"],
            strict=True,
        )
    ]
    days = [d for d in (clock.day(pd.Timestamp(m)) for m in moments if m is not None and not pd.isna(m)) if d]
    return Execution(kept.reset_index(drop=True), max(days) if days else None)
