"""What is made from an object and kept while that same object is in use: a chart kept by a loader's or a report's
cache is the same object on every run, and drawing it again (a finished spec, an SVG) costs far more than a lookup.

Objects are told apart by identity (charts cannot be hashed). Each entry holds its object, so its id cannot be
reused while the entry lives; objects built afresh each time only pass through, the oldest entries dropped.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Made = TypeVar("Made")


class KeptPerObject(Generic[Made]):
    """At most ``size`` results, each made from one object (and any other key), the latest used kept longest."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held: OrderedDict[tuple[int, Hashable], tuple[object, Made]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, source: object, key: Hashable, make: Callable[[], Made]) -> Made:
        """The result for ``source`` and ``key``: the kept one, else ``make()`` (kept from now on)."""
        slot = (id(source), key)
        with self._lock:
            held = self._held.get(slot)
            if held is not None and held[0] is source:
                self._held.move_to_end(slot)
                return held[1]
        made = make()
        with self._lock:
            self._held[slot] = (source, made)
            while len(self._held) > self.size:
                self._held.popitem(last=False)
        return made
