"""Prose text to the tree: markdown-it tokens, read once, into `htpm.prose.tree` nodes.

One markdown-it configuration (CommonMark, reference definitions off, an `[^id]` rule) serves
every output; `check_prose` reads the same tokens. Syntax outside the subset never fails here:
it degrades to words (a heading to a paragraph, raw HTML to text the renderers escape, an
unsafe link to its label) and `check_prose` reports it. Bare URLs and bare domains become
links by one rule (`htpm.social.urls.find_links`, the rule X uses), wherever text is not
already a link or code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from htpm.prose.tree import (
    LINK_FILL_IN,
    UNKNOWN_TARGET,
    Block,
    BulletList,
    Emphasis,
    FillIn,
    Inline,
    LineBreak,
    Link,
    ListItem,
    NoteRef,
    OrderedList,
    Paragraph,
    Placeholder,
    Prose,
    Strong,
    Text,
    inline_text,
    is_safe_target,
)
from htpm.social.urls import find_links
from htpm.values import FILL_IN  # an open fill-in, as htpm.values leaves it in prose and posts

# C0 controls but tab and newlines, DEL, and the two noncharacters XML refuses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NOTE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# HTML comments carry lint directives (`<!-- htpm-lint disable ... -->`): no output shows them.
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def without_comments(html: str) -> str:
    """Raw HTML less its comments: what would reach a page if it were passed through."""
    return COMMENT.sub("", html)


def clean(text: str) -> str:
    """`text` without control characters (they reach no output)."""
    return CONTROL.sub("", text)


def _note_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _NOTE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("note_ref", "", 0)
        token.meta = {"id": match.group(1)}
    state.pos = match.end()
    return True


def _fill_in_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{\ue020", state.pos):
        return False
    match = FILL_IN.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        state.push("fill_in", "", 0).meta = {"name": match.group(1), "blank": match.group(2)}
    state.pos = match.end()
    return True


def _placeholder_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] not in "{}":
        return False
    match = _PLACEHOLDER.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        if match.group(1) is None:
            state.push("text", "", 0).content = match.group(0)[0]
        else:
            state.push("placeholder", "", 0).meta = {"name": match.group(1).strip()}
    state.pos = match.end()
    return True


@cache
def markdown() -> MarkdownIt:
    """The one markdown-it configuration for prose (raw HTML is tokenised so it can be reported)."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.disable(["reference"])
    md.inline.ruler.before("link", "note_ref", _note_rule)
    md.inline.ruler.before("text", "fill_in", _fill_in_rule)
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # judged by is_safe_target
    return md


@cache
def clause_markdown() -> MarkdownIt:
    """Proclamation clause text: words, `**bold**`, backslash escapes and `{name}` placeholders."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["backticks", "link", "image", "autolink", "entity", "newline", "text_join"])
    md.inline.ruler.before("emphasis", "placeholder", _placeholder_rule)
    md.inline.ruler.before("text", "fill_in", _fill_in_rule)
    return md


@lru_cache(maxsize=256)
def parse(text: str) -> Prose:
    """The tree of a prose value (Markdown subset; see `docs/prose.md`). The tree is immutable, so
    a value every output renders is parsed once (120 KB of prose takes seconds each time)."""
    tokens = markdown().parse(clean(text))
    blocks, _ = _blocks(tokens, 0, None)
    return Prose(tuple(blocks))


def parse_inline(text: str) -> tuple[Inline, ...]:
    """One line of prose (a list entry, a label's value): inline syntax only, line folds as spaces."""
    tokens = markdown().parseInline(clean(text).strip())
    return _inlines(tokens[0].children or []) if tokens else ()


def parse_clause_tree(text: str) -> tuple[tuple[Inline, ...], bool]:
    """Proclamation clause text as Text, Strong, Emphasis and Placeholder nodes, and whether a
    `**` was left unmatched (an escaped one is text, not unmatched)."""
    tokens = clause_markdown().parseInline(text)
    children = tokens[0].children or [] if tokens else []
    unmatched = any(t.type == "text" and "**" in t.content for t in children)
    return _inlines(children, autolink=False), unmatched


def parse_plain(text: str) -> tuple[Inline, ...]:
    """Plain text that is not Markdown (a post): its bare URLs and domains as links, newlines
    as line breaks, everything else as written."""
    out: list[Inline] = []
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            out.append(LineBreak())
        pos = 0
        for match in FILL_IN.finditer(line):
            out.extend(autolink(line[pos : match.start()]))
            out.append(FillIn(match.group(1), match.group(2)))
            pos = match.end()
        out.extend(autolink(line[pos:]))
    return tuple(_merge(out))


def link_target(url: str, has_protocol: bool) -> str:
    """Where a bare address found in text points: itself, or https:// before a bare domain."""
    return normalizeLink(url if has_protocol else f"https://{url}")


def autolink(text: str) -> list[Inline]:
    """`text` split into Text and Link nodes at its bare URLs and bare domains."""
    out: list[Inline] = []
    pos = 0
    for found in find_links(text):
        if found.start > pos:
            out.append(Text(text[pos : found.start]))
        out.append(Link(link_target(found.url, found.has_protocol), (Text(found.url),)))
        pos = found.end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


# -- tokens to tree ---------------------------------------------------------------------------
_CONTAINERS = {"strong_open": "strong_close", "em_open": "em_close", "link_open": "link_close"}


def _inlines(tokens: Sequence[Token], *, autolink: bool = True) -> tuple[Inline, ...]:
    # A stack of (opening token, children so far); the bottom frame is the result.
    stack: list[tuple[Token | None, list[Inline]]] = [(None, [])]
    for token in tokens:
        children = stack[-1][1]
        if token.type in _CONTAINERS:
            stack.append((token, []))
        elif token.type in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            opener, inner = stack.pop()
            stack[-1][1].extend(_close(opener, _merge(inner)))
        elif token.type in ("text", "code_inline"):  # inline code is words like any others
            in_link = any(o is not None and o.type == "link_open" for o, _ in stack)
            children.extend(_autolinked(token.content) if autolink and not in_link else [Text(token.content)])
        elif token.type == "html_inline":
            if without_comments(token.content):
                children.append(Text(token.content))  # shown as words; check_prose reports it
        elif token.type == "text_special":
            children.append(Text(token.content))  # words as written; check_prose reports html
        elif token.type == "image":
            children.append(Text(token.content))  # its alt text; check_prose reports it
        elif token.type == "softbreak":
            children.append(Text(" "))
        elif token.type == "hardbreak":
            children.append(LineBreak())
        elif token.type == "note_ref":
            children.append(NoteRef(token.meta["id"]))
        elif token.type == "placeholder":
            children.append(Placeholder(token.meta["name"]))
        elif token.type == "fill_in":
            children.append(FillIn(token.meta["name"], token.meta["blank"]))
    while len(stack) > 1:  # unbalanced tokens cannot happen with markdown-it; be safe anyway
        _opener, inner = stack.pop()
        stack[-1][1].extend(inner)
    return tuple(_merge(stack[0][1]))


def _autolinked(text: str) -> list[Inline]:
    return autolink(text) if "." in text else [Text(text)]


def _close(opener: Token | None, inner: list[Inline]) -> list[Inline]:
    if opener is None or not inner:
        return inner
    if opener.type == "strong_open":
        return [Strong(tuple(inner))]
    if opener.type == "em_open":
        return [Emphasis(tuple(inner))]
    href = str(opener.attrGet("href") or "")
    if is_safe_target(href):
        return [Link(href, tuple(_unlink(inner)))]
    if href == UNKNOWN_TARGET:  # an address still to find: a blank to fill in, never a dead link
        return [FillIn(LINK_FILL_IN, inline_text(tuple(_unlink(inner))))]
    return inner  # an unsafe link shows as its words; check_prose reports it


def _unlink(inlines: list[Inline]) -> list[Inline]:
    """A link's label holds no links of its own (an autolinked domain inside a label)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Link):
            out.extend(node.children)
        elif isinstance(node, Strong):
            out.append(Strong(tuple(_unlink(list(node.children)))))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(tuple(_unlink(list(node.children)))))
        else:
            out.append(node)
    return out


def _merge(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return out


def _trim(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A paragraph neither starts nor ends with spaces (inline code can leave some)."""
    out = list(children)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(_merge(out))


def _blocks(tokens: list[Token], i: int, close: str | None) -> tuple[list[Block], int]:
    """Blocks from tokens[i] up to the token of type `close`; returns them and the index after it."""
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == close:
            return blocks, i + 1
        if kind in ("paragraph_open", "heading_open"):
            children = _trim(_inlines(tokens[i + 1].children or []))
            if children:
                blocks.append(Paragraph(children))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i)
            blocks.append(block)
        elif kind == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            blocks.extend(inner)
        elif kind in ("code_block", "fence", "html_block"):
            content = without_comments(token.content) if kind == "html_block" else token.content
            lines = content.strip("\n").split("\n")
            parts: list[Inline] = []
            for n, line in enumerate(lines):
                parts += [LineBreak(), Text(line)] if n else [Text(line)]
            if content.strip():
                blocks.append(Paragraph(tuple(_merge(parts))))
            i += 1
        else:  # hr, and closings of what was skipped
            i += 1
    return blocks, i


def _list(tokens: list[Token], i: int) -> tuple[Block, int]:
    opener = tokens[i]
    close = opener.type.replace("_open", "_close")
    items: list[ListItem] = []
    tight = True
    level = opener.level
    i += 1
    while tokens[i].type != close:
        # list_item_open: its paragraphs are hidden exactly when the list is tight
        for token in tokens[i + 1 :]:
            if token.type == "list_item_close" and token.level == level + 1:
                break
            if token.type == "paragraph_open" and token.level == level + 2 and not token.hidden:
                tight = False
        inner, i = _blocks(tokens, i + 1, "list_item_close")
        items.append(ListItem(tuple(inner)))
    if opener.type == "bullet_list_open":
        return BulletList(tuple(items), tight), i + 1
    return OrderedList(tuple(items), int(opener.attrGet("start") or 1), tight), i + 1
