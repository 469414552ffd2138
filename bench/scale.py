"""Scale: every page on a plan with 100× the indicators and projects, against the real plan.

Writes the scaled plan (bench/scaled_plan.py) to a temporary folder and points a second
app at it (``ZHEZ_PLAN_DIR``). Prints, per page:

* server side (AppTest, bench/server.py run once per plan): opening the page in a new
  session and the median rerun after a widget change;
* in the browser (headless Chromium, as bench/pages.py): the median cold load until the
  page has finished running and drawn its charts and maps.

Target (issue 9): every page ≤ 2× its time on the real plan. ``python bench/scale.py [FACTOR]``
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

from browser_helpers import CHROMIUM_ARGS, chromium_path, start_app  # noqa: E402
from scaled_plan import write_scaled_plan  # noqa: E402

# bench/pages.py by its path: the name ``pages`` is also the app's folder of pages.
_spec = importlib.util.spec_from_file_location("bench_pages", HERE / "pages.py")
bench_pages = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(bench_pages)  # type: ignore[union-attr]
PAGES, measure, timed = bench_pages.PAGES, bench_pages.measure, bench_pages.timed


def server_times(plan_dir: Path | None) -> dict[str, list[float]]:
    env = {**os.environ, "ZHEZ_DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"}
    if plan_dir is not None:
        env["ZHEZ_PLAN_DIR"] = str(plan_dir)
    out = subprocess.run(
        [sys.executable, str(HERE / "server.py"), "--page-times-json"], env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def browser_times(plan_dir: Path) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp())
    real, real_base = start_app(work / "real")
    scaled, scaled_base = start_app(work / "scaled", {"ZHEZ_PLAN_DIR": str(plan_dir)})
    times = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            warm = browser.new_page()
            for path in PAGES:  # fill both servers' caches, as earlier visitors would
                timed(warm, real_base + path + "?lang=kk")
                timed(warm, scaled_base + path + "?lang=kk")
            for path in PAGES:
                times[path] = (
                    measure(browser, real_base, path + "?lang=kk")[0],
                    measure(browser, scaled_base, path + "?lang=kk")[0],
                )
            browser.close()
    finally:
        real.terminate()
        scaled.terminate()
    return times


def main(factor: int) -> None:
    plan_dir = write_scaled_plan(Path(tempfile.mkdtemp()) / "plan", factor)
    from zhez.plan import load_plan

    real, scaled = load_plan(), load_plan(plan_dir)
    print(
        f"plan ×{factor}: {len(scaled.indicators)} indicators (real {len(real.indicators)}), "
        f"{len(scaled.values)} values, {len(scaled.projects)} projects (real {len(real.projects)})"
    )
    real_server, scaled_server = server_times(None), server_times(plan_dir)
    print("\nserver (AppTest)        open ms: real  scaled      ×   rerun ms: real  scaled      ×")
    for page, (opened, rerun) in real_server.items():
        big_open, big_rerun = scaled_server[page]
        flag = "  over 2×" if big_open > 2 * opened or big_rerun > 2 * rerun else ""
        print(
            f"  {page:22s} {opened:13.0f} {big_open:7.0f} {big_open / opened:6.2f}"
            f" {rerun:16.0f} {big_rerun:7.0f} {big_rerun / rerun:6.2f}{flag}"
        )
    print("\nbrowser, cold load (median)   real s  scaled s      ×")
    for path, (small, big) in browser_times(plan_dir).items():
        flag = "  over 2×" if big > 2 * small else ""
        print(f"  {path:26s} {small:7.2f} {big:9.2f} {big / small:6.2f}{flag}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
