"""The implementation report: whole-plan DOCX and PDF on the real plan and on the 100× plan, and sheets.

Every indicator that has a 2026 target gets an approved value near it (with an explanation), so every
table row is full. The store holds them for the real plan (``gather`` is timed too); for the scaled plan
the approved rows are given to the report as the store would (``Store.report_view``'s columns), since
approving 5 900 values one review at a time is the cycle's cost, not the report's.

Targets (issue 17): DOCX < 5 s and PDF < 15 s on the real plan; the cost grows linearly with the plan.

    python bench/report.py [FACTOR]
"""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from cycle_helpers import approve_values  # noqa: E402
from scaled_plan import write_scaled_plan  # noqa: E402

from zhez import report  # noqa: E402
from zhez.audit import audit  # noqa: E402
from zhez.auth import trusted_person  # noqa: E402
from zhez.cycle import Period  # noqa: E402
from zhez.plan import Plan, load_plan  # noqa: E402
from zhez.store import REPORT_COLUMNS, Store  # noqa: E402

Y2026 = Period(2026)


def values(plan: Plan) -> list[tuple[str, int, float]]:
    rows = plan.values[(plan.values["kind"] == "target") & (plan.values["year"] == 2026)]
    out = []
    for index, (indicator_id, target) in enumerate(zip(rows["indicator_id"], rows["value"], strict=True)):
        if math.isnan(target):
            continue
        value = round(target * (0.9 + 0.04 * (index % 5)), 1)
        if plan.indicator(indicator_id)["unit"].strip() == "%":
            value = min(value, 100.0)
        out.append((indicator_id, 2026, value))
    return out


def in_view(plan: Plan) -> pd.DataFrame:
    """Approved 2026 rows for every indicator with a target, in ``Store.report_view``'s columns."""
    now = pd.Timestamp("2027-01-20 10:00", tz="UTC")
    records = []
    for number, (indicator_id, year, value) in enumerate(values(plan), start=1):
        records.append(
            {
                "id": number, "kind": "indicator", "subject_id": indicator_id, "period": "2026", "year": year,
                "half": None, "version": 1, "state": "approved", "value": value, "no_data_reason": "",
                "deviation_reason": "Жұмыстар кестеден кейін басталды.", "measures": "Кесте қайта қаралды.",
                "source": "ресми статистика", "note": "", "payload": {}, "created_by": "Editor", "created_at": now,
                "updated_by": "Editor", "updated_at": now, "submitted_by": "Editor", "submitted_at": now,
                "reviewed_by": "Coordinator", "reviewed_at": now, "review_comment": "", "batch": "b",
                "source_file": "", "approval": "approved",
            }
        )  # fmt: skip
    frame = pd.DataFrame(records, columns=[*REPORT_COLUMNS, "approval"])
    frame["half"] = frame["half"].astype("Int64")
    return frame


def timed(work, repeat: int = 1) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(name: str, sources: report.Sources, lang: str = "ru") -> dict[str, float]:
    """Content, then DOCX, then PDF of the whole report, each printed as soon as it is timed."""
    from pypdf import PdfReader

    build, content = timed(lambda: report.build(sources, lang))
    indicators = len(sources.plan.indicators)
    print(f"{name:<14} {indicators:>6} indicators  content {build:7.2f} s", flush=True)
    docx, docx_data = timed(lambda: report.docx_bytes(content))
    print(
        f"{name:<14} {indicators:>6} indicators  DOCX    {build + docx:7.2f} s ({len(docx_data) / 1e6:.1f} MB)",
        flush=True,
    )
    pdf, pdf_data = timed(lambda: report.pdf_bytes(content))
    pages = len(PdfReader(io.BytesIO(pdf_data)).pages)
    print(
        f"{name:<14} {indicators:>6} indicators  PDF     {build + pdf:7.2f} s ({len(pdf_data) / 1e6:.1f} MB, {pages} pages)",
        flush=True,
    )
    return {"build": build, "docx": build + docx, "pdf": build + pdf, "indicators": indicators}


def main(factor: int = 100) -> None:
    print(f"{dt.date.today()}  (each file: content + layout, charts included; the first run warms vl-convert up)")
    plan = load_plan()
    findings = audit(plan)
    store = Store(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")
    store.migrate()
    store.open_round(trusted_person("Coordinator", "coordinator"), Y2026, dt.date(2027, 1, 25))
    approve_values(store, plan, values(plan))
    gather, sources = timed(lambda: report.gather(store, plan, Y2026, findings))
    print(f"gather from the store (real plan): {gather:.2f} s")
    report.pdf_bytes(report.build(sources, "kk"))  # warm-up: vl-convert starts its JavaScript engine once
    real = measure("real plan", sources)
    measure("real plan (kk)", sources, "kk")

    scaled_plan = load_plan(write_scaled_plan(Path(tempfile.mkdtemp()) / "plan", factor))
    seconds, scaled_findings = timed(lambda: audit(scaled_plan))
    print(
        f"the {factor}× plan's audit (not timed below): {len(scaled_findings)} findings in {seconds:.1f} s", flush=True
    )
    scaled_sources = report.Sources(
        scaled_plan,
        Y2026,
        in_view(scaled_plan),
        store.manual_statuses(),
        store.rounds(),
        scaled_findings,
    )
    scaled = measure(f"{factor}× plan", scaled_sources)
    ratio = scaled["indicators"] / real["indicators"]
    for kind in ("docx", "pdf"):
        per_real, per_scaled = real[kind] / real["indicators"], scaled[kind] / scaled["indicators"]
        print(
            f"{kind.upper()}: {per_real * 1000:.1f} ms per indicator on the real plan, {per_scaled * 1000:.1f} ms on "
            f"the {factor}× plan ({scaled[kind] / real[kind]:.0f}× the time for {ratio:.0f}× the indicators)"
        )

    ids = list(plan.indicators[plan.indicators["direction_id"] == "rp-1"]["id"])
    seconds, _ = timed(lambda: report.sheets_pdf(report.indicator_sheets(sources, ids, "ru")))
    print(f"indicator sheets of a direction: {len(ids)} pages in {seconds:.2f} s ({seconds / len(ids):.2f} s a sheet)")
    seconds, _ = timed(lambda: report.sheets_pdf(report.indicator_sheets(sources, ["i10"], "ru")), repeat=3)
    print(f"one indicator sheet: {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
