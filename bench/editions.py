"""Plan editions: how long reading, matching, loading and composing the plan in force take, and what the
plan in force costs the status lens, on the real plan and on one with 100× the indicators.

    python bench/editions.py

Prints the median of several runs (ms). The 100× case composes three editions made from the scaled plan's
own tables (each changing one target), since no 100× document exists to read.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import edition_helpers as h
from scaled_plan import write_scaled_plan

from zhez import editions, load_plan, progress
from zhez.auth import trusted_person
from zhez.store import Store


def ms(work, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic(plan, number: int, year: int) -> editions.Edition:  # type: ignore[no-untyped-def]
    """An edition that is ``plan``'s own tables with every indicator's ``year`` target raised by 1."""
    values = plan.values.drop(columns="edition").copy()
    values.loc[values["year"] == year, "value"] += 1
    tables = {
        "directions": plan.directions,
        "goals": plan.goals,
        "indicators": plan.indicators[[*editions.SCHEMAS["indicators"], "untranslated"]],
        "values": values,
        "financing": plan.financing.drop(columns="edition"),
    }
    return editions.Edition(number, f"E{number}", "", year, "", "", None, tables, editions.pd.DataFrame())


def main() -> None:
    plan = load_plan()
    text = h.table_text()
    amended = h.set_cell(text, h.row_named(text, "Нәресте өлімінің"), 9, "5,5")
    word = h.docx_bytes(amended)
    section = editions.read(amended.encode(), "a.txt")
    print(f"{'step':58} {'ms':>9}")
    print(
        f"{'read the table as text (' + str(len(amended.encode()) // 1000) + ' kB)':58} {ms(lambda: editions.read(amended.encode(), 'a.txt')):9.1f}"
    )
    print(
        f"{'read the table as a Word file (' + str(len(word) // 1000) + ' kB)':58} {ms(lambda: editions.read(word, 'a.docx')):9.1f}"
    )
    print(f"{'match 59 rows against the plan':58} {ms(lambda: editions.match(section, plan, 1)):9.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/s.sqlite")
        store.migrate()
        coordinator = trusted_person("Bench Coordinator", "coordinator")
        counter = iter(range(1000))
        load = ms(
            lambda: store.import_edition(
                coordinator, plan, section, name=f"E{next(counter)}", effective_year=2027 + next(counter) % 3
            ),
            runs=3,
        )
        print(f"{'load an edition into the store (SQLite, one transaction)':58} {load:9.1f}")
        print(f"{'the plan in force from the store, 3 editions':58} {ms(lambda: store.plan_in_force(plan)):9.1f}")
        in_force = store.plan_in_force(plan)
        print(f"{'assess, the published plan':58} {ms(lambda: progress.assess(plan)):9.1f}")
        print(f"{'assess, the plan in force (3 editions)':58} {ms(lambda: progress.assess(in_force)):9.1f}")
        store.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        scaled = load_plan(write_scaled_plan(Path(tmp) / "plan", 100))
        three = [synthetic(scaled, n, 2026 + n) for n in (1, 2, 3)]
        size = len(scaled.indicators)
        print(
            f"{f'the plan in force, {size} indicators, 3 editions':58} {ms(lambda: editions.plan_in_force(scaled, three), runs=3):9.1f}"
        )
        composed = editions.plan_in_force(scaled, three)
        print(f"{f'assess, {size} indicators, published':58} {ms(lambda: progress.assess(scaled), runs=3):9.1f}")
        print(f"{f'assess, {size} indicators, in force':58} {ms(lambda: progress.assess(composed), runs=3):9.1f}")
        changes = ms(lambda: editions.diff(scaled, editions.edition_plan(scaled, three[0])), runs=3)
        print(f"{f'diff, {size} indicators':58} {changes:9.1f}")


if __name__ == "__main__":
    main()
