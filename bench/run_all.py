"""Run every benchmark in turn and print their figures (make bench)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for script in ("server.py", "pages.py", "scale.py", "load.py", "hostile_workbooks.py", "report.py"):
    print(f"\n=== {script} ===", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=False)
