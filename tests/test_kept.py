"""zhez.kept: a result is made once while the same object is in use, and the store stays bounded."""

from __future__ import annotations

from zhez.kept import KeptPerObject


class Thing:
    """An object that cannot be hashed, as an Altair chart."""

    __hash__ = None  # type: ignore[assignment]


def test_a_result_is_made_once_per_object_and_key():
    kept: KeptPerObject[str] = KeptPerObject(4)
    made: list[str] = []
    thing = Thing()

    def make(text: str):
        return lambda: made.append(text) or text

    assert kept.get(thing, "kk", make("a")) == "a"
    assert kept.get(thing, "kk", make("b")) == "a"  # kept: not made again
    assert kept.get(thing, "ru", make("c")) == "c"  # another key
    assert kept.get(Thing(), "kk", make("d")) == "d"  # an equal-looking but other object
    assert made == ["a", "c", "d"]


def test_the_oldest_result_goes_first_when_full():
    kept: KeptPerObject[int] = KeptPerObject(2)
    first, second, third = Thing(), Thing(), Thing()
    kept.get(first, None, lambda: 1)
    kept.get(second, None, lambda: 2)
    kept.get(first, None, lambda: 0)  # used again: now the latest
    kept.get(third, None, lambda: 3)  # full: the second goes
    assert kept.get(first, None, lambda: -1) == 1
    assert kept.get(second, None, lambda: 20) == 20  # made again
