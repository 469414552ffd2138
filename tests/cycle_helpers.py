"""Test helpers for the monitoring cycle: open a round, submit and approve values in one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from zhez.auth import Person, trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.store import Store

DUE = dt.date(2027, 3, 1)


def open_round(store: Store, period: Period | int, coordinator: Person | None = None) -> Period:
    period = period if isinstance(period, Period) else Period(period)
    if period.key not in set(store.rounds()["period"]):
        store.open_round(coordinator or trusted_person("Round Opener", "coordinator"), period, DUE)
    return period


def approve_values(
    store: Store,
    plan,
    values: Iterable[tuple[str, int, float] | tuple[str, int, float, str]],
    editor: Person | None = None,
    coordinator: Person | None = None,
    source_file: str = "",
) -> list[int]:
    """Submit ``(indicator, year, value[, note])`` as ``editor`` (default: an editor of every body) and approve them."""
    editor = editor or trusted_person("Helper Editor", every_body=True)
    coordinator = coordinator or trusted_person("Helper Coordinator", "coordinator")
    entries = []
    for item in values:
        indicator_id, year, value, *rest = item
        open_round(store, year)
        report = IndicatorReport(value, deviation_reason="test", source="test", note=rest[0] if rest else "")
        entries.append(Entry(indicator_id, Period(year), report))
    outcome = store.save(plan, editor, entries, submit=True, source_file=source_file)
    if outcome.saved:
        store.approve(plan, coordinator, outcome.saved)
    return outcome.saved
