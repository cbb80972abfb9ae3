"""Endnote numbering for the outputs that number notes by first use (newsletter, website copy)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from htpm.errors import HtpmError, Location

NoteNumber = Callable[[str], int]
"""What a renderer asks for each `[^id]`: its number (it may raise for an unknown id)."""


@dataclass
class Notes:
    """Note references met so far, numbered in order of first use across one document."""

    texts: dict[str, str]
    order: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, endnotes: dict[str, str]) -> Notes:
        return cls(dict(endnotes), [])

    def number(self, note_id: str, where: Location | str = "") -> int:
        if note_id not in self.texts:
            raise HtpmError(f"note [^{note_id}] is not among the endnotes", where)
        if note_id not in self.order:
            self.order.append(note_id)
        return self.order.index(note_id) + 1

    def numbering(self, where: Location | str = "") -> NoteNumber:
        """`number` bound to the place errors are reported at, for a renderer."""
        return lambda note_id: self.number(note_id, where)

    def used(self) -> list[tuple[int, str, str]]:
        return [(i, nid, self.texts[nid]) for i, nid in enumerate(self.order, 1)]


def first_use() -> NoteNumber:
    """Numbers in order of first use, any id accepted (when no endnotes are known)."""
    order: list[str] = []

    def number(note_id: str) -> int:
        if note_id not in order:
            order.append(note_id)
        return order.index(note_id) + 1

    return number
