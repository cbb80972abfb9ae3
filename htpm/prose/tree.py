"""The prose tree: what a piece of config prose means, whatever the output.

Blocks are paragraphs and lists; list items hold blocks (so lists nest). Inlines are text,
strong, emphasis, links (always to a safe target), line breaks, endnote references and, in
proclamation clauses only, placeholders. Every node is a frozen dataclass, so trees compare
with `==` and can be cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


UNKNOWN_TARGET = "#"
"""`[text](#)`: a link whose address is not known yet (the seed lost it). It is shown as a fill-in
(its text highlighted) named `LINK_FILL_IN`, and the lint names it, instead of a dead link."""
LINK_FILL_IN = "link"


def is_safe_target(url: str) -> bool:
    """True for an http, https or mailto address: the only link targets prose may have."""
    match = _SCHEME.match(url)
    return match is not None and match.group(1).lower() in SAFE_SCHEMES and not any(c.isspace() for c in url)


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A link; `target` is always http, https or mailto (the parser makes no other link)."""

    target: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """A hard line break (two spaces or a backslash at the end of a line)."""


@dataclass(frozen=True)
class NoteRef:
    """An endnote reference `[^id]`; each output numbers or marks it its own way."""

    id: str


@dataclass(frozen=True)
class Placeholder:
    """A `{name}` slot in proclamation clause text."""

    name: str


@dataclass(frozen=True)
class FillIn:
    """An open fill-in (`fill_ins:` without a value): a blank for the kit's user to complete,
    shown as its `blank` text, highlighted where the output can highlight."""

    name: str
    blank: str


Inline = Text | Strong | Emphasis | Link | LineBreak | NoteRef | Placeholder | FillIn


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    tight: bool = True


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    tight: bool = True


Block = Paragraph | BulletList | OrderedList


@dataclass(frozen=True)
class Prose:
    """A parsed prose value: its blocks in order."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Segment:
    """One flat stretch of inline content with the formatting it inherits: text, a line break,
    a note reference or a placeholder. `link` is the enclosing link's target, if any."""

    node: Text | LineBreak | NoteRef | Placeholder | FillIn
    bold: bool = False
    italic: bool = False
    link: str | None = None


def segments(
    inlines: tuple[Inline, ...], *, bold: bool = False, italic: bool = False, link: str | None = None
) -> Iterator[Segment]:
    """The leaves of `inlines` in reading order, each with its bold, italic and link."""
    for node in inlines:
        if isinstance(node, Strong):
            yield from segments(node.children, bold=True, italic=italic, link=link)
        elif isinstance(node, Emphasis):
            yield from segments(node.children, bold=bold, italic=True, link=link)
        elif isinstance(node, Link):
            yield from segments(node.children, bold=bold, italic=italic, link=node.target)
        else:
            yield Segment(node, bold, italic, link)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """The words of `inlines` without markup, links or note marks (line breaks as spaces)."""
    out = []
    for seg in segments(inlines):
        if isinstance(seg.node, Text):
            out.append(seg.node.text)
        elif isinstance(seg.node, FillIn):
            out.append(seg.node.blank)
        elif isinstance(seg.node, LineBreak):
            out.append(" ")
    return "".join(out)


def paragraphs(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
    """Every paragraph of `blocks`, list items' included, in reading order."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for item in block.items:
                yield from paragraphs(item.blocks)


def note_ids(prose: Prose) -> list[str]:
    """Every endnote reference of `prose`, in reading order (repeats included)."""
    return [
        seg.node.id
        for paragraph in paragraphs(prose.blocks)
        for seg in segments(paragraph.children)
        if isinstance(seg.node, NoteRef)
    ]


def links(prose: Prose) -> list[str]:
    """Every link target of `prose`, in reading order (one per link)."""
    out: list[str] = []

    def walk(inlines: tuple[Inline, ...]) -> None:
        for node in inlines:
            if isinstance(node, Link):
                out.append(node.target)
            elif isinstance(node, Strong | Emphasis):
                walk(node.children)

    for paragraph in paragraphs(prose.blocks):
        walk(paragraph.children)
    return out
