"""Render the meeting brief (PPTX) to slide images with LibreOffice, to look at it as people will see it.

    python tools/render_brief.py [--lang kk ru en] [--out /tmp/brief]

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``) on the machine — a tool for looking, not a
runtime dependency: ``apt-get install -y --no-install-recommends libreoffice-impress poppler-utils``.
Writes ``brief-<lang>.pptx``, ``brief-<lang>.pdf`` and ``brief-<lang>-<n>.png`` (one image a slide).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhez import export, progress
from zhez.audit import audit
from zhez.plan import load_plan
from zhez.store import ACTUAL_COLUMNS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["kk", "ru"], choices=["kk", "ru", "en"])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "zhez-brief")
    parser.add_argument("--resolution", type=int, default=50, help="pixels per inch of the images")
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: apt-get install -y --no-install-recommends libreoffice-impress poppler-utils")
    args.out.mkdir(parents=True, exist_ok=True)
    plan = load_plan()
    assessment = progress.assess(plan)
    observed = progress.observed_by_indicator(plan, None)
    findings = audit(plan)
    none_recorded = pd.DataFrame(columns=ACTUAL_COLUMNS)
    for lang in args.lang:
        stamp = export.Provenance(lang, dt.date.today())
        pptx = args.out / f"brief-{lang}.pptx"
        pptx.write_bytes(export.brief_pptx(plan, assessment, observed, none_recorded, findings, stamp))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(args.out), str(pptx)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(args.resolution),
                "-png",
                str(pptx.with_suffix(".pdf")),
                str(args.out / f"brief-{lang}"),
            ],
            check=True,
        )
        print(*sorted(str(p) for p in args.out.glob(f"brief-{lang}-*.png")), sep="\n")


if __name__ == "__main__":
    main()
