"""Server-side speed: load_plan (cold, cached), the what-if recompute, and each page's rerun after a widget change.

Prints medians in milliseconds. Targets (issue 9): rerun ≤ 300 ms, what-if ≤ 50 ms, cached plan ≤ 10 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("ZHEZ_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")


def median_ms(work, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    import logging

    logging.disable(logging.WARNING)
    from zhez import budget
    from zhez.plan import load_plan

    print(f"load_plan, cold (parse and check every CSV): {median_ms(load_plan, 10):.1f} ms")
    from zhez import ui

    ui.plan()
    print(f"load_plan via the app's cache (ui.plan):     {median_ms(ui.plan, 200):.3f} ms   target ≤ 10 ms")

    plan = load_plan()
    financing = budget.Financing(plan)
    years = [2024, 2025, 2026, 2027, 2028, 2029]
    moves = [budget.Move("rp-1", years[i % 6], years[(i + 1) % 6], 10.0 + i) for i in range(20)]
    print(
        f"what-if: apply 20 moves + exposure list:     {median_ms(lambda: budget.exposure(plan, budget.apply(financing, moves)), 50):.1f} ms   target ≤ 50 ms"
    )

    import datetime as dt

    from zhez import export, progress
    from zhez.audit import audit

    assessment, findings = progress.assess(plan), audit(plan)
    observed = progress.observed_by_indicator(plan, None)
    none = ui.store().actuals()
    stamp = export.Provenance("kk", dt.date.today())
    brief = median_ms(lambda: export.brief_pptx(plan, assessment, observed, none, findings, stamp), 3)
    print(f"meeting brief, whole plan (PPTX, 12 chart images): {brief / 1000:.2f} s   target < 10 s")
    workbook = median_ms(lambda: export.plan_workbook(plan, assessment, stamp), 5)
    print(f"plan workbook (XLSX):                        {workbook:.0f} ms")

    print("\nrerun after a widget change (AppTest, median of 7):   target ≤ 300 ms")
    for page, (opened, rerun) in page_times().items():
        print(f"  {page:24s} {rerun:7.1f} ms   (opened in a new session: {opened:.0f} ms)")


CHANGES = {
    "pages/overview.py": lambda at: at.radio[0].set_value("ru"),
    "pages/directions.py": lambda at: at.selectbox(key="dir-direction").set_value("rp-2"),
    "pages/indicator.py": lambda at: at.selectbox(key="ind-select").set_value("i07"),
    "pages/map.py": lambda at: at.multiselect(key="map-sector").set_value(["sewer"]),
    "pages/whatif.py": lambda at: at.selectbox(key="wi-line").set_value("od-3"),
    "pages/meeting.py": lambda at: at.toggle(key="mt-contrast").set_value(not at.toggle(key="mt-contrast").value),
    "pages/record.py": lambda at: at.radio[0].set_value("en"),
    "pages/method.py": lambda at: at.radio[0].set_value("en"),
    "pages/data.py": lambda at: at.radio[0].set_value("en"),
    "pages/audit.py": lambda at: at.radio[0].set_value("en"),
}


def page_times(rounds: int = 7) -> dict[str, tuple[float, float]]:
    """Per page: (ms to open it in a new session, median ms of a rerun after a widget change).

    Server caches are filled first, as on a running server; the plan is ``$ZHEZ_PLAN_DIR`` or the real one.
    """
    from apptest_helpers import open_page

    for page in CHANGES:  # fill the server's caches (plan, audit, assessments) as earlier visitors would
        open_page(page, lang="kk", timeout=600)
    times = {}
    for page, change in CHANGES.items():
        start = time.perf_counter()
        at = open_page(page, lang="kk", timeout=600)
        opened = (time.perf_counter() - start) * 1000
        reruns = []
        for _ in range(rounds):
            change(at)
            start = time.perf_counter()
            at.run()
            reruns.append((time.perf_counter() - start) * 1000)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
        times[page] = (opened, statistics.median(reruns))
    return times


if __name__ == "__main__":
    if sys.argv[1:] == ["--page-times-json"]:  # for bench/scale.py, which runs this once per plan
        import json
        import logging

        logging.disable(logging.WARNING)
        print(json.dumps(page_times(5)))
    else:
        main()
