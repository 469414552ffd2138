"""What the report prints of project and budget execution: the seam to the execution subjects of the cycle.

Execution (issue 18) adds project and financing-line subject kinds to the monitoring cycle; their approved
versions arrive here as ``Store.report_view(kind)`` frames. ``execution_of`` turns them into an
``Execution`` — or ``None`` when nothing is approved, so the report says "no execution data approved yet"
rather than printing zeros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from zhez.cycle import Period
from zhez.plan import Plan

EXECUTION_KINDS = ("project", "financing")  # the cycle's subject kinds the report reads, once registered
PROJECT_COLUMNS = ["project_id", "status", "completion_pct", "spent_mln_kzt", "cost_mln_kzt", "delay", "note"]
FINANCING_COLUMNS = ["line_id", "direction_id", "year", "executed_mln_kzt"]


@dataclass(frozen=True)
class Execution:
    """Approved execution for a reporting period: per project and per financing line and year."""

    projects: pd.DataFrame  # PROJECT_COLUMNS
    financing: pd.DataFrame  # FINANCING_COLUMNS
    as_of: dt.date | None = None  # the latest approval among them

    def financing_by_direction(self) -> dict[tuple[str, int], float]:
        """Executed money summed per direction and year (mln ₸)."""
        if self.financing.empty:
            return {}
        sums = self.financing.groupby(["direction_id", "year"], as_index=False)["executed_mln_kzt"].sum(min_count=1)
        return {
            (str(d), int(y)): float(v)
            for d, y, v in zip(sums["direction_id"], sums["year"], sums["executed_mln_kzt"], strict=True)
            if not pd.isna(v)
        }


def execution_of(plan: Plan, approved: Mapping[str, pd.DataFrame], period: Period) -> Execution | None:
    """The execution of ``period`` from the cycle's execution kinds (``Store.report_view`` frames by kind), or
    ``None`` when nothing is in view for it.

    The reports this reads: a ``project`` subject (a project id) with ``status``, ``completion_pct``,
    ``spent_mln_kzt``, ``delay``, ``note`` in its payload; a ``financing`` subject (a financing line id) with
    ``executed_mln_kzt``. A line's direction and a project's cost are the plan's."""
    chosen = {
        kind: frame[frame["period"] == period.key]
        for kind, frame in approved.items()
        if not frame.empty and "period" in frame
    }
    chosen = {kind: frame for kind, frame in chosen.items() if not frame.empty}
    if not chosen:
        return None
    projects = chosen.get("project", pd.DataFrame(columns=["subject_id", "payload"]))
    costs = plan.projects.set_index("id")["cost_mln_kzt"]
    project_rows = pd.DataFrame(
        [
            {
                "project_id": subject,
                "status": str(payload.get("status", "")),
                "completion_pct": _number(payload.get("completion_pct")),
                "spent_mln_kzt": _number(payload.get("spent_mln_kzt")),
                "cost_mln_kzt": costs.get(subject),
                "delay": str(payload.get("delay", "") or ""),
                "note": str(payload.get("note", "") or ""),
            }
            for subject, payload in zip(projects["subject_id"], projects["payload"], strict=True)
        ],
        columns=PROJECT_COLUMNS,
    )
    lines = chosen.get("financing", pd.DataFrame(columns=["subject_id", "payload", "year"]))
    directions = plan.financing.drop_duplicates("line_id").set_index("line_id")["direction_id"]
    financing_rows = pd.DataFrame(
        [
            {
                "line_id": subject,
                "direction_id": directions.get(subject, ""),
                "year": int(year),
                "executed_mln_kzt": _number(payload.get("executed_mln_kzt")),
            }
            for subject, payload, year in zip(lines["subject_id"], lines["payload"], lines["year"], strict=True)
        ],
        columns=FINANCING_COLUMNS,
    )
    moments = [
        pd.Timestamp(m).date()
        for frame in chosen.values()
        for m in frame.get("reviewed_at", pd.Series(dtype="object"))
        if m is not None and not pd.isna(m)
    ]
    return Execution(project_rows, financing_rows, max(moments) if moments else None)


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")
