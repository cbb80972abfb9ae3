"""The prose tree as python-pptx paragraphs and runs, in a placeholder's own text styles.

Bold and italic are run properties, links are run hyperlinks (only to http, https or mailto),
hard line breaks are `a:br`, list items are paragraphs at the list's depth (level 0, 1, 2) with
the placeholder's bullets, and a plain paragraph has no bullet. Endnote references are left out
(a slide has no endnotes); open fill-ins show their blank. Every run carries the campaign's
language (`lang`), so spelling and screen readers use it.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame, _Paragraph

from htpm.prose.tree import (
    Block,
    FillIn,
    Inline,
    LineBreak,
    Paragraph,
    Placeholder,
    Prose,
    Text,
    is_safe_target,
    segments,
)

__all__ = ["write_pptx", "write_pptx_inlines"]


def write_pptx(frame: TextFrame, prose: Prose | list[Block], lang: str) -> None:
    """Replace the text of `frame` with `prose`: one paragraph per prose paragraph or list item
    (list items with the placeholder's bullets, plain paragraphs without)."""
    blocks = prose.blocks if isinstance(prose, Prose) else tuple(prose)
    frame.clear()
    first = [True]

    def paragraph(level: int, bullet: bool) -> _Paragraph:
        p = frame.paragraphs[0] if first[0] else frame.add_paragraph()
        first[0] = False
        p.level = level
        if not bullet:
            no_bullet(p)
        return p

    def walk(blocks: tuple[Block, ...], depth: int) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                write_pptx_inlines(paragraph(max(depth - 1, 0), depth > 0), block.children, lang)
                continue
            for item in block.items:
                walk(item.blocks, min(depth + 1, 3))

    walk(blocks, 0)


def write_pptx_inlines(paragraph: _Paragraph, inlines: tuple[Inline, ...], lang: str) -> None:
    """Append `inlines` to `paragraph`, one run per formatted stretch."""
    for seg in segments(inlines):
        node = seg.node
        if isinstance(node, LineBreak):
            paragraph.add_line_break()
            continue
        if isinstance(node, Text):
            text = node.text
        elif isinstance(node, FillIn):
            text = node.blank
        elif isinstance(node, Placeholder):
            text = f"{{{node.name}}}"
        else:  # an endnote reference: no mark on a slide
            continue
        if not text:
            continue
        run = paragraph.add_run()
        run.text = text
        run._r.get_or_add_rPr().set("lang", lang)  # python-pptx's language enum lacks most locales
        if seg.bold:
            run.font.bold = True
        if seg.italic:
            run.font.italic = True
        if seg.link is not None and is_safe_target(seg.link):
            run.hyperlink.address = seg.link


def no_bullet(paragraph: _Paragraph) -> None:
    """A paragraph without the placeholder's bullet and its hanging indent."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for old in ppr.findall(qn("a:buNone")):
        ppr.remove(old)
    etree.SubElement(ppr, qn("a:buNone"))
