"""The prose tree as HTML (email and web): `<p>`, `<ul>`/`<ol start>`, `<strong>`, `<em>`,
`<a href>` (only ever http, https or mailto), `<br />`, and notes as `<sup>n</sup>` (or what a
`NoteHtml` given by the caller writes: the microsite's linked references).

Every character of text is escaped; nothing from the config reaches the page as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from htpm.prose.notes import NoteNumber, first_use
from htpm.prose.tree import (
    Block,
    BulletList,
    Emphasis,
    FillIn,
    Inline,
    LineBreak,
    Link,
    ListItem,
    NoteRef,
    Paragraph,
    Placeholder,
    Prose,
    Strong,
    Text,
    is_safe_target,
    paragraphs,
)

NoteHtml = Callable[[str], str]
"""The HTML of the reference to endnote `id` (in place of `<sup>n</sup>`)."""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def to_html(prose: Prose, number: NoteNumber | None = None, note: NoteHtml | None = None) -> str:
    """Block HTML of `prose` (markdown-it's layout: one element a line, tight list items bare)."""
    number = number or first_use()
    return "".join(_block(block, number, note, tight=False) for block in prose.blocks).strip()


def to_html_inline(prose: Prose, number: NoteNumber | None = None, note: NoteHtml | None = None) -> str:
    """Inline HTML of `prose`'s paragraphs (no `<p>`), joined by spaces: a note's text, a caption."""
    number = number or first_use()
    parts = [inline_html(p.children, number, note) for p in paragraphs(prose.blocks)]
    return " ".join(part for part in parts if part).strip()


def inline_html(inlines: tuple[Inline, ...], number: NoteNumber, note: NoteHtml | None = None) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Strong):
            out.append(f"<strong>{inline_html(node.children, number, note)}</strong>")
        elif isinstance(node, Emphasis):
            out.append(f"<em>{inline_html(node.children, number, note)}</em>")
        elif isinstance(node, Link):
            label = inline_html(node.children, number, note)
            # the parser makes no unsafe link; a hand-built tree must not slip one through either
            out.append(
                f'<a href="{escape(node.target)}">{label}</a>' if is_safe_target(node.target) else label
            )
        elif isinstance(node, LineBreak):
            out.append("<br />\n")
        elif isinstance(node, NoteRef):
            out.append(note(node.id) if note else f"<sup>{number(node.id)}</sup>")
        elif isinstance(node, Placeholder):
            out.append(escape(f"{{{node.name}}}"))
        elif isinstance(node, FillIn):
            out.append(f'<mark class="fill-in">{escape(node.blank)}</mark>')
    return "".join(out)


def _block(block: Block, number: NoteNumber, note: NoteHtml | None, *, tight: bool) -> str:
    if isinstance(block, Paragraph):
        inner = inline_html(block.children, number, note)
        return f"{inner}\n" if tight else f"<p>{inner}</p>\n"
    if isinstance(block, BulletList):
        items = "".join(_item(item, number, note, block.tight) for item in block.items)
        return f"<ul>\n{items}</ul>\n"
    start = f' start="{block.start}"' if block.start != 1 else ""
    items = "".join(_item(item, number, note, block.tight) for item in block.items)
    return f"<ol{start}>\n{items}</ol>\n"


def _item(item: ListItem, number: NoteNumber, note: NoteHtml | None, tight: bool) -> str:
    body = "".join(_block(b, number, note, tight=tight) for b in item.blocks)
    if tight and item.blocks and isinstance(item.blocks[0], Paragraph):
        # markdown-it writes "<li>words" with no newline when the item starts with words
        body = body.rstrip("\n") if len(item.blocks) == 1 else body
        return f"<li>{body}</li>\n"
    return f"<li>\n{body}</li>\n" if body else "<li></li>\n"
