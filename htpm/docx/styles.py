"""Styles of the designer-owned starting document: presence checks and brand recolouring."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.styles import BabelFish

from htpm.contrast import NORMAL_TEXT, contrast_ratio
from htpm.errors import HtpmError


def require_styles(document: Document, names: Iterable[str], origin: Path) -> None:
    """python-docx silently ignores a missing style: refuse a starting document that lacks one.

    A style is found by its name in any case or by its style id, so a base document saved by
    LibreOffice (which writes "TOC 1" for Word's "toc 1", and may give two styles one name) works
    like Word's; each found style is given the name htpm asks for, so later look-ups by name
    (python-docx's, exact) find it."""
    missing = []
    # python-docx reads a style's name from the XML on every access: read each once, keep them current
    styles = [
        [style, (style.name or "").casefold(), (style.style_id or "").casefold()] for style in document.styles
    ]
    for name in names:
        wanted = name.casefold()
        found = _find_style(styles, name)
        if found is None:
            missing.append(name)
            continue
        style = found[0]
        for entry in styles:  # a second style of that name would shadow this one
            other = entry[0]
            if entry is not found and entry[1] == wanted and other.style_id != style.style_id:
                other.name = f"{other.name} ({other.style_id})"
                entry[1] = (other.name or "").casefold()
        style.element.name_val = BabelFish.ui2internal(name)  # Word's own form ("heading 1")
        found[1] = (style.name or "").casefold()
    if missing:
        raise HtpmError(f"base document lacks the style(s) {', '.join(missing)}", origin)


def _find_style(styles: list[list[Any]], name: str) -> list[Any] | None:
    """The entry [style, name, id] (both casefolded) of the style `name` names, by name or by id."""
    wanted, wanted_id = name.casefold(), name.replace(" ", "").casefold()
    named = [entry for entry in styles if entry[1] == wanted]
    if named:  # LibreOffice may name two styles alike: prefer the one whose id is the name
        return next((entry for entry in named if entry[2] == wanted_id), named[0])
    return next((entry for entry in styles if entry[2] == wanted_id), None)


def text_colour(
    preferred: str, fallback: str, background: str = "#FFFFFF", minimum: float = NORMAL_TEXT
) -> str:
    """`preferred` if it reads on `background` (WCAG AA for text), else `fallback`."""
    return preferred if contrast_ratio(preferred, background) >= minimum else fallback


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
            if shading is not None and contrast_ratio(colour, "#FFFFFF") >= NORMAL_TEXT:
                shading.set(qn("w:fill"), value)


def _rgb(value: str):  # noqa: ANN202 - docx.shared.RGBColor
    from docx.shared import RGBColor

    return RGBColor.from_string(value)
