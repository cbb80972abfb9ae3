"""Cells a spreadsheet will show as text, never run as a formula (every CSV htpm writes)."""

from __future__ import annotations

#: A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice, Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def needs_neutralising(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(cell: object) -> str:
    """The cell as text, prefixed with `'` when a spreadsheet would treat it as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if needs_neutralising(text) else text


__all__ = ["FORMULA_START", "needs_neutralising", "neutralise"]
