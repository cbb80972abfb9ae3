"""Text that may enter a Word document: XML-illegal characters, roman numerals, label filling."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates and
# U+FFFE/U+FFFF; lxml (and so python-docx) raises ValueError on them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def illegal_characters(text: str) -> list[str]:
    """The XML-illegal characters in `text`, as 'U+0007' codes, in order of appearance."""
    return [f"U+{ord(ch):04X}" for ch in XML_ILLEGAL.findall(text)]


def strip_illegal(text: str) -> str:
    """`text` without XML-illegal characters (see `illegal_characters` to report them)."""
    return XML_ILLEGAL.sub("", text)


def to_roman(number: int) -> str:
    """Lower-case roman numeral (1 -> 'i', 4 -> 'iv', 14 -> 'xiv') for endnote marks."""
    if number < 1:
        raise ValueError(f"no roman numeral for {number}")
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
