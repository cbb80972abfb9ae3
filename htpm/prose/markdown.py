"""The prose tree as normalised Markdown: `**strong**`, `*emphasis*`, `[text](url)` (a bare
address as `<url>`, a bare domain as `[domain](https://domain)`), `\\` line breaks, `[^id]`
notes, `-` and `n.` lists indented under their items. Parsing the result gives the same tree.
"""

from __future__ import annotations

import re

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
)

# Characters that could start Markdown syntax anywhere in a line; `&` only before an entity.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>!{}~|])|&(?=#?[A-Za-z0-9]+;)")
# What would start a block at the beginning of a line: a heading, quote, list marker, rule, fence.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str, *, line_start: bool = False) -> str:
    """`text` with every character Markdown could read as syntax escaped; `line_start` when the
    text begins a line (where `#`, `>`, `-`, `+`, `=` and `1.` start blocks)."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text, count=1)
    return text


# What turns plain text in a Markdown file into raw HTML, a link or code: `<script>`, `[x](javascript:..)`
_MARKUP_START = re.compile(r"([\\`<\[\]])|&(?=#?[A-Za-z0-9]+;)")


def escape_markup(text: str) -> str:
    """Plain text (a post, a title, a label) made inert in a Markdown file: raw HTML, links,
    autolinks and code spans cannot start, and nothing else changes (`#tags`, `!` and `_` stay as
    written). `escape` is the full rule for text inside prose."""
    return _MARKUP_START.sub(lambda m: "\\" + m.group(0), text)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


def to_markdown(prose: Prose) -> str:
    """Normalised Markdown of `prose`; blocks apart by a blank line."""
    return "\n\n".join(_block(b, "") for b in prose.blocks)


def inline_markdown(inlines: tuple[Inline, ...], star: bool = True) -> str:
    """Inline Markdown; emphasis nested in emphasis alternates `*` and `_` (`**` would be strong)."""
    out = []
    for index, node in enumerate(inlines):
        if isinstance(node, Text):
            out.append(escape(node.text, line_start=index == 0 or isinstance(inlines[index - 1], LineBreak)))
        elif isinstance(node, Strong | Emphasis):
            # right after a closing `*`, an opening `*` would join the two (`*a**a*`): use `_`
            own = star if not (out and out[-1].endswith("*" if star else "_")) else not star
            mark = ("*" if own else "_") * (2 if isinstance(node, Strong) else 1)
            out.append(f"{mark}{inline_markdown(node.children, not own)}{mark}")
        elif isinstance(node, Link):
            out.append(_link(node))
        elif isinstance(node, LineBreak):
            out.append("\\\n")
        elif isinstance(node, NoteRef):
            out.append(f"[^{node.id}]")
        elif isinstance(node, Placeholder):
            out.append(f"{{{node.name}}}")
        elif isinstance(node, FillIn):
            out.append(escape(node.blank, line_start=index == 0 or isinstance(inlines[index - 1], LineBreak)))
    return "".join(out)


def _link(node: Link) -> str:
    label = inline_markdown(node.children)
    if not is_safe_target(node.target):
        return label
    target = re.sub(r"([()<>\\])", r"\\\1", node.target).replace(" ", "%20")
    words = "".join(c.text for c in node.children if isinstance(c, Text))
    if len(node.children) == 1 and words == node.target and target == node.target:
        return f"<{target}>"
    return f"[{label}]({target})"


def _block(block: Block, indent: str) -> str:
    if isinstance(block, Paragraph):
        text = inline_markdown(block.children)
        return "\n".join(indent + line if n else line for n, line in enumerate(text.split("\n")))
    items = []
    for index, item in enumerate(block.items):
        marker = "- " if isinstance(block, BulletList) else f"{block.start + index}. "
        items.append(marker + _item(item, indent + " " * len(marker), block.tight))
    return ("\n" if block.tight else "\n\n").join(
        indent + item if n else item for n, item in enumerate(items)
    )


def _item(item: ListItem, indent: str, tight: bool) -> str:
    parts = [_block(b, indent) for b in item.blocks]
    joined = ""
    for index, part in enumerate(parts):
        if index == 0:
            joined = part
        else:
            gap = "\n" if tight and not isinstance(item.blocks[index], Paragraph) else "\n\n"
            joined += gap + indent + part
    return joined
