"""The prose tree as plain text (an email's text part): paragraphs wrapped, list items marked
`- ` or `n. `, links as `text (url)`, notes as `[n]`, bold and italic as plain words."""

from __future__ import annotations

import re
import textwrap

from htpm.prose.notes import NoteNumber, first_use
from htpm.prose.tree import (
    Block,
    BulletList,
    FillIn,
    Inline,
    LineBreak,
    ListItem,
    NoteRef,
    Paragraph,
    Placeholder,
    Prose,
    Text,
    paragraphs,
    segments,
)

WIDTH = 72


def to_text(prose: Prose, number: NoteNumber | None = None, width: int = WIDTH) -> str:
    """`prose` as wrapped plain text; blocks apart by a blank line, list items on their own lines."""
    number = number or first_use()
    return "\n\n".join(_block(b, number, width, "", "") for b in prose.blocks)


def plain(prose: Prose) -> str:
    """One line of words without markup or note marks, links as `text (url)` (a subject, an
    alt text, a calendar summary)."""
    return " ".join(" ".join(inline_plain(p.children, None) for p in paragraphs(prose.blocks)).split())


def inline_plain(inlines: tuple[Inline, ...], number: NoteNumber | None) -> str:
    """Inline content as text: line breaks as newlines, links as `text (url)` unless the text
    is the address itself."""
    out: list[str] = []
    link: str | None = None
    label: list[str] = []

    def end_link() -> None:
        if link is not None:
            shown = "".join(label).strip().rstrip("/")
            bare = re.sub(r"^(https?://|mailto:)", "", link).rstrip("/")
            if shown not in (link.rstrip("/"), bare):
                out.append(f" ({link})")

    for seg in segments(inlines):
        if seg.link != link:
            end_link()
            link, label = seg.link, []
        node = seg.node
        if isinstance(node, Text):
            piece = node.text
        elif isinstance(node, LineBreak):
            piece = "\n"
        elif isinstance(node, NoteRef):
            piece = f"[{number(node.id)}]" if number is not None else ""
        elif isinstance(node, Placeholder):
            piece = f"{{{node.name}}}"
        elif isinstance(node, FillIn):
            piece = node.blank
        out.append(piece)
        if link is not None:
            label.append(piece)
    end_link()
    return "".join(out)


def _block(block: Block, number: NoteNumber, width: int, first: str, rest: str) -> str:
    if isinstance(block, Paragraph):
        return _wrap(inline_plain(block.children, number), width, first, rest)
    items = []
    for index, item in enumerate(block.items):
        marker = "- " if isinstance(block, BulletList) else f"{block.start + index}. "
        items.append(_item(item, number, width, rest + marker, rest + " " * len(marker)))
    if first != rest:  # a list opening an item: its first line takes the item's marker
        items[0] = first + items[0][len(rest) :] if items else first
    return "\n".join(items)


def _item(item: ListItem, number: NoteNumber, width: int, first: str, rest: str) -> str:
    out = ""
    for index, block in enumerate(item.blocks):
        text = _block(block, number, width, first if index == 0 else rest, rest)
        if index == 0:
            out = text
        else:
            out += ("\n\n" if isinstance(block, Paragraph) else "\n") + text
    return out or first.rstrip()


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    lines = []
    for index, line in enumerate(text.split("\n")):
        lines.append(
            textwrap.fill(
                line,
                width,
                initial_indent=first if index == 0 else rest,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)
