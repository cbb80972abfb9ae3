"""The prose tree as python-docx paragraphs and runs, in the base document's own styles.

Bold and italic are run properties, links are `w:hyperlink`s (external relationships, only to
http, https or mailto), hard line breaks are `w:br`, lists use `List Bullet`/`List Number` (and
their ` 2`, ` 3` styles for nested levels; a second paragraph of an item uses `List Continue`).
Each numbered list gets its own numbering instance, so it starts at its own first number
instead of continuing the previous list. Endnote references are written by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.text.paragraph import Paragraph

from htpm.docx.oxml import add_hyperlink, add_link_run
from htpm.prose.tree import (
    Block,
    FillIn,
    Inline,
    LineBreak,
    NoteRef,
    OrderedList,
    Placeholder,
    Text,
    is_safe_target,
    segments,
)
from htpm.prose.tree import (
    Paragraph as ProseParagraph,
)

NoteWriter = Callable[[Paragraph, str], None]
"""Writes the mark of endnote `id` at the end of a paragraph (the toolkit's roman numerals)."""


@dataclass(frozen=True)
class DocxStyles:
    """Paragraph styles (by name) for prose blocks, and the character style id of links."""

    paragraph: str | None = None
    bullets: tuple[str, ...] = ("List Bullet", "List Bullet 2", "List Bullet 3")
    numbers: tuple[str, ...] = ("List Number", "List Number 2", "List Number 3")
    continued: tuple[str, ...] = ("List Continue", "List Continue 2", "List Continue 3")
    link: str | None = None


LIST_STYLES = (*DocxStyles.bullets, *DocxStyles.numbers, *DocxStyles.continued)


def write_inlines(
    paragraph: Paragraph, inlines: tuple[Inline, ...], *, note: NoteWriter, link_style: str | None
) -> None:
    """Append `inlines` to `paragraph`: one run per formatted stretch, one hyperlink per link."""
    link_el = None
    link_target: str | None = None
    for seg in segments(inlines):
        target = seg.link if seg.link is not None and is_safe_target(seg.link) else None
        node = seg.node
        if isinstance(node, NoteRef):
            link_el, link_target = None, None
            note(paragraph, node.id)
            continue
        text = (
            node.text
            if isinstance(node, Text)
            else node.blank
            if isinstance(node, FillIn)
            else f"{{{node.name}}}"
            if isinstance(node, Placeholder)
            else ""
        )
        brk = isinstance(node, LineBreak)
        if target is not None:
            if link_el is not None and target == link_target:
                add_link_run(
                    link_el, text, run_style=link_style, bold=seg.bold, italic=seg.italic, line_break=brk
                )
            elif brk:
                link_el = add_hyperlink(paragraph, "", url=target, run_style=link_style)
                add_link_run(link_el, line_break=True)
            else:
                link_el = add_hyperlink(
                    paragraph, text, url=target, run_style=link_style, bold=seg.bold, italic=seg.italic
                )
            link_target = target
            continue
        link_el, link_target = None, None
        run = paragraph.add_run(text)
        if brk:
            run.add_break()
        run.bold = seg.bold or None
        run.italic = seg.italic or None
        if isinstance(node, FillIn):  # a blank to complete: highlighted, as Word users expect
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def write_blocks(
    new_paragraph: Callable[[str | None], Paragraph],
    blocks: tuple[Block, ...],
    *,
    note: NoteWriter,
    styles: DocxStyles,
    first: Callable[[Paragraph], None] | None = None,
) -> list[Paragraph]:
    """Paragraphs for `blocks`, made by `new_paragraph(style)`; `first` runs on the first one
    before its words (a bold run-in, a note number)."""
    out: list[Paragraph] = []

    def paragraph(style: str | None) -> Paragraph:
        p = new_paragraph(style)
        if not out and first is not None:
            first(p)
        out.append(p)
        return p

    def walk(blocks: tuple[Block, ...], depth: int, item_style: str | None, continued: str | None) -> None:
        # item_style: the style of the first paragraph of a list item; continued: the next ones
        for index, block in enumerate(blocks):
            if isinstance(block, ProseParagraph):
                style = (
                    item_style if index == 0 and item_style else continued if item_style else styles.paragraph
                )
                write_inlines(paragraph(style), block.children, note=note, link_style=styles.link)
                continue
            level = min(depth, 2)
            numbered = isinstance(block, OrderedList)
            style = (styles.numbers if numbered else styles.bullets)[level]
            num_id: int | None = None
            for item in block.items:
                before = len(out)
                walk(item.blocks, depth + 1, style, styles.continued[level])
                if isinstance(block, OrderedList) and len(out) > before:
                    num_id = _number(out[before], style, block.start, num_id)

    walk(blocks, 0, None, None)
    return out


def _number(paragraph: Paragraph, style: str, start: int, num_id: int | None) -> int | None:
    """Put `paragraph` in the numbering instance `num_id`, or a new one of `style`'s list
    starting at `start`; returns the instance (None when the style has no numbering)."""
    if num_id is None:
        part = cast(DocumentPart, paragraph.part)
        style_el = part.document.styles[style].element
        style_num = style_el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if style_num is None:
            return None
        numbering = part.numbering_part.element
        abstract = numbering.num_having_numId(int(style_num.get(qn("w:val")))).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        num_id = int(num.numId)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
    return num_id
