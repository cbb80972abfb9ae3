"""The config's Markdown subset, parsed into blocks of styled spans (no HTML, nothing executed).

Blocks: paragraphs separated by blank lines; lines starting with '- ' or '* ' are bullet items.
Inline: **bold**, *italic*, [text](url) links, bare http(s) addresses (linked to themselves),
[^id] endnote references, backslash escapes.
Anything else is text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

ALLOWED_URL = re.compile(r"^(https?://|mailto:)\S+$")

_INLINE = re.compile(
    r"\\(?P<esc>[\\*\[\]()_#])"
    r"|\[\^(?P<note>[A-Za-z0-9_-]+)\]"
    r"|\[(?P<ltext>(?:[^\[\]\\]|\\.)+)\]\((?P<url>[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\*(?P<ital>[^\s*](?:.*?[^\s*])?)\*",
    re.DOTALL,
)
_BULLET = re.compile(r"^\s*[-*]\s+")
# A bare address in text becomes a link to itself; closing punctuation stays outside.
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting; `note` spans carry an endnote id and no text."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "bullet"]
    spans: tuple[Span, ...]


def parse_inline(
    text: str, *, bold: bool = False, italic: bool = False, url: str | None = None
) -> list[Span]:
    """Spans of one paragraph's text; neighbouring spans of equal format are merged."""
    spans: list[Span] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            spans.extend(_text(text[pos : m.start()], bold, italic, url))
        if m["esc"] is not None:
            spans.append(Span(m["esc"], bold, italic, url))
        elif m["note"] is not None:
            spans.append(Span("", bold, italic, url, note=m["note"]))
        elif m["ltext"] is not None:
            spans.extend(parse_inline(m["ltext"], bold=bold, italic=italic, url=m["url"]))
        elif m["bold"] is not None:
            spans.extend(parse_inline(m["bold"], bold=True, italic=italic, url=url))
        else:
            spans.extend(parse_inline(m["ital"], bold=bold, italic=True, url=url))
        pos = m.end()
    if pos < len(text):
        spans.extend(_text(text[pos:], bold, italic, url))
    return _merge(spans)


def _text(text: str, bold: bool, italic: bool, url: str | None) -> list[Span]:
    if url is not None:
        return [Span(text, bold, italic, url)]
    out, pos = [], 0
    for m in _BARE_URL.finditer(text):
        out.append(Span(text[pos : m.start()], bold, italic))
        out.append(Span(m[0], bold, italic, m[0]))
        pos = m.end()
    out.append(Span(text[pos:], bold, italic))
    return out


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if span.note is None and not span.text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and last.note is None
            and span.note is None
            and (last.bold, last.italic, last.url) == (span.bold, span.italic, span.url)
        ):
            out[-1] = replace(last, text=last.text + span.text)
        else:
            out.append(span)
    return out


def parse_blocks(source: str) -> list[Block]:
    """Paragraphs and bullet items of `source`; single line breaks inside a paragraph are spaces."""
    items: list[tuple[Literal["paragraph", "bullet"], list[str]]] = []
    for chunk in re.split(r"\n[ \t]*\n", source.strip()):
        kind: Literal["paragraph", "bullet"] = "paragraph"
        items.append((kind, []))
        for line in chunk.splitlines():
            if not line.strip():
                continue
            if _BULLET.match(line):
                items.append(("bullet", [_BULLET.sub("", line, count=1)]))
            else:
                items[-1][1].append(line)  # a paragraph line, or a bullet item's continuation
    blocks = [Block(kind, tuple(parse_inline(" ".join(x.strip() for x in lines)))) for kind, lines in items]
    return [b for b in blocks if b.spans]


def links(source: str) -> list[str]:
    """Every link target in `source`, in order (for validation and tests)."""
    return [s.url for b in parse_blocks(source) for s in b.spans if s.url is not None]


def plain(source: str) -> str:
    """The text a reader sees, without markup or endnote marks (paragraphs joined by newlines)."""
    return "\n".join("".join(s.text for s in b.spans) for b in parse_blocks(source))


def autolink(text: str) -> list[Span]:
    """Plain text (no Markdown) with its bare http(s) addresses as links, e.g. a sample post."""
    return _merge(_text(text, False, False, None))
