"""Styles of the designer-owned starting document: presence checks and brand recolouring."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn

from htpm.errors import HtpmError


def require_styles(document: Document, names: Iterable[str], origin: Path) -> None:
    """python-docx silently ignores a missing style: refuse a starting document that lacks one."""
    present = {style.name for style in document.styles}
    missing = [name for name in names if name not in present]
    if missing:
        raise HtpmError(f"base document lacks the style(s) {', '.join(missing)}", origin)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two '#RRGGBB' colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_colour(preferred: str, fallback: str, background: str = "#FFFFFF", minimum: float = 4.5) -> str:
    """`preferred` if it reads on `background` (WCAG AA for text), else `fallback`."""
    return preferred if contrast(preferred, background) >= minimum else fallback


def recolour(
    document: Document, colour: str, *, text_styles: Iterable[str], border_styles: Iterable[str]
) -> None:
    """Give the named styles the brand colour: font colour for `text_styles`, paragraph border
    colour for `border_styles`, and header-row shading for every table style's first row."""
    value = colour.lstrip("#").upper()
    by_name = {style.name: style for style in document.styles}
    for name in text_styles:
        style = by_name.get(name)
        if style is not None:
            style.font.color.rgb = None
            style.font.color.rgb = _rgb(value)
    for name in border_styles:
        style = by_name.get(name)
        if style is None:
            continue
        borders = style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
        for edge in () if borders is None else borders:
            if edge.get(qn("w:sz")) and int(edge.get(qn("w:sz"))) >= 12:  # the thick, decorative edges
                edge.set(qn("w:color"), value)
    for style in document.styles:
        for first_row in style.element.findall(qn("w:tblStylePr")):
            if first_row.get(qn("w:type")) != "firstRow":
                continue
            shading = first_row.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            if shading is not None and contrast(colour, "#FFFFFF") >= 4.5:
                shading.set(qn("w:fill"), value)


def _rgb(value: str):  # noqa: ANN202 - docx.shared.RGBColor
    from docx.shared import RGBColor

    return RGBColor.from_string(value)
