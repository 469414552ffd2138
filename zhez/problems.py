"""Why something is refused: a typed problem that renders in the reader's language.

A problem is a key of ``zhez.i18n`` (``problem.<key>``), its parameters and where it was
found (a cell ``B12``, an indicator and period ``НИ-1 · 2026``). Pages and the command line
show ``problem.text(lang)``; nothing re-validates and nobody sees a raw tuple.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zhez.i18n import LANGUAGES, t


@dataclass(frozen=True)
class Problem:
    """One reason for a refusal: ``key`` (``problem.<key>`` in the locale files, or a whole key such as
    ``budget.not_enough``), its ``params`` (numbers are written the reader's way), and ``where``."""

    key: str
    params: tuple[tuple[str, object], ...] = ()
    where: str = ""

    @classmethod
    def of(cls, key: str, where: str = "", **params: Any) -> Problem:
        return cls(key, tuple(params.items()), where)

    def at(self, where: str) -> Problem:
        """The same problem, placed (``B12``, ``i10 · 2026``)."""
        return Problem(self.key, self.params, where)

    def message(self, lang: str) -> str:
        """The reason alone, without where."""
        return t(self.key if "." in self.key else f"problem.{self.key}", lang, **dict(self.params))

    def text(self, lang: str) -> str:
        """``where: reason`` in ``lang`` (the reason alone when there is no place)."""
        return f"{self.where}: {self.message(lang)}" if self.where else self.message(lang)


def lines(problems: Iterable[Problem], lang: str, limit: int = 50) -> list[str]:
    """Each problem as a line in ``lang``; past ``limit``, one more line says how many were left out."""
    found = list(problems)
    shown = [p.text(lang) for p in found[:limit]]
    if len(found) > limit:
        shown.append(t("problem.and_more", lang, n=len(found) - limit))
    return shown


def term(key: str) -> dict[str, str]:
    """A word in every language, as a problem's parameter (``t`` picks the reader's): ``term("cycle.state.draft")``."""
    return {lang: t(key, lang) for lang in LANGUAGES}
