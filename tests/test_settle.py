"""What a server holds after its first run is left out of the garbage collection Streamlit runs after every
run (``zhez.ui.startup.settle``), and what later runs leave behind is still collected."""

from __future__ import annotations

import json
import subprocess
import sys

from apptest_helpers import ROOT

# In a process of its own, as a fresh server: another test file run first in the same worker would have
# settled it already, and what that file left behind would blur the counts.
FIRST_RUN = """
import gc, json, sys
sys.path.insert(0, "tests")
from apptest_helpers import open_page
frozen_before = gc.get_freeze_count()
at = open_page("pages/method.py")
class Cycle:
    def __init__(self):
        self.me = self
leftover = Cycle()
del leftover  # a reference cycle made after the freeze: only a collection frees it
print(json.dumps({"exception": bool(at.exception), "before": frozen_before, "frozen": gc.get_freeze_count(),
                  "tracked": len(gc.get_objects()), "freed": gc.collect()}))
"""


def test_the_first_run_settles_the_server_and_later_garbage_is_still_collected():
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert not counts["exception"] and counts["before"] == 0
    assert counts["frozen"] > 100_000  # the libraries and the plan, out of every later collection
    assert counts["tracked"] < counts["frozen"] / 4  # a collection walks a small part of what the server holds
    assert counts["freed"] > 0  # what came after is still collected
