"""What a server holds after its first run is left out of the garbage collection Streamlit runs after every
run (``zhez.ui.startup.settle``), and what later runs leave behind is still collected."""

from __future__ import annotations

import gc

from apptest_helpers import open_page


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_first_run_settles_the_server_and_later_garbage_is_still_collected():
    at = open_page("pages/method.py")
    assert not at.exception
    assert gc.get_freeze_count() > 100_000  # the libraries and the plan, out of every later collection

    tracked = len(gc.get_objects())
    assert tracked < gc.get_freeze_count() / 4  # a collection walks a small part of what the server holds

    leftover = Cycle()
    del leftover  # a reference cycle made after the freeze: only a collection frees it
    assert gc.collect() > 0
