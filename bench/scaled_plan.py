"""A generated plan with ``factor``× the indicators (and their values) and projects of the real one.

Copy k of indicator ``i07`` is ``i07x{k}``, named “… [k]”, in the same direction and goal with the
same values; copy k of a project points at copy k of its indicators and stands at the same place
(so shared places get crowded, as they would in a bigger plan). Directions, goals, financing,
places and the rest are the real plan's. Used only by ``bench/scale.py``; the app never sees it
unless ``ZHEZ_PLAN_DIR`` points at it.

    python bench/scaled_plan.py OUT_DIR [FACTOR]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data" / "plan"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(REAL / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def _copy_id(original: str, k: int) -> str:
    return original if k == 0 else f"{original}x{k}"


def _copy_ids(joined: str, k: int) -> str:
    return ";".join(_copy_id(i, k) for i in joined.split(";") if i)


def _suffixed(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    if k == 0:
        return frame
    out = frame.copy()
    for language in ("kk", "ru", "en"):
        out[f"name_{language}"] = out[f"name_{language}"] + f" [{k}]"
    return out


def write_scaled_plan(out: Path, factor: int = 100) -> Path:
    """Write the scaled plan's CSVs into ``out`` and return it."""
    out.mkdir(parents=True, exist_ok=True)
    for csv in REAL.glob("*.csv"):
        shutil.copy(csv, out / csv.name)

    indicators, values, projects = _read("indicators"), _read("values"), _read("projects")
    count = len(indicators)
    indicator_copies, value_copies, project_copies = [], [], []
    for k in range(factor):
        copy = _suffixed(indicators, k)
        copy["id"] = copy["id"].map(lambda i, k=k: _copy_id(i, k))
        copy["duplicate_of"] = copy["duplicate_of"].map(lambda i, k=k: _copy_id(i, k) if i else "")
        copy["order"] = (copy["order"].astype(int) + k * count).astype(str)
        indicator_copies.append(copy)

        copy = values.copy()
        copy["indicator_id"] = copy["indicator_id"].map(lambda i, k=k: _copy_id(i, k))
        value_copies.append(copy)

        copy = _suffixed(projects, k)
        copy["id"] = copy["id"].map(lambda i, k=k: _copy_id(i, k))
        copy["indicator_ids"] = copy["indicator_ids"].map(lambda ids, k=k: _copy_ids(ids, k))
        project_copies.append(copy)

    for name, copies in (("indicators", indicator_copies), ("values", value_copies), ("projects", project_copies)):
        pd.concat(copies, ignore_index=True).to_csv(out / f"{name}.csv", index=False, encoding="utf-8")
    return out


if __name__ == "__main__":
    target = write_scaled_plan(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    print(f"wrote {target}")
