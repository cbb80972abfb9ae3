"""The config's prose (a Markdown subset: paragraphs, **bold**, *italic*, [text](url), [^id]
notes) as HTML, plain text and Markdown, for the newsletter and the website copy.

Raw HTML in the config is shown as text, never passed through; links other than http(s) and
mailto are not made links. Note references become numbers in order of first use, with the notes
listed at the end (HTML and text) or as Markdown footnotes.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from htpm.errors import HtpmError, Location

_NOTE_REF = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_MARK = re.compile("\ue000(\\d+)\ue001")
_PRIVATE = re.compile("[\ue000\ue001\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # markers and control characters
_SAFE_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


_MD = _markdown()


@dataclass
class Notes:
    """Note references met so far, numbered in order of first use across one document."""

    texts: dict[str, str]
    order: list[str]

    @classmethod
    def of(cls, endnotes: dict[str, str]) -> Notes:
        return cls(dict(endnotes), [])

    def number(self, note_id: str, where: Location | str) -> int:
        if note_id not in self.texts:
            raise HtpmError(f"note [^{note_id}] is not among the endnotes", where)
        if note_id not in self.order:
            self.order.append(note_id)
        return self.order.index(note_id) + 1

    def used(self) -> list[tuple[int, str, str]]:
        return [(i, nid, self.texts[nid]) for i, nid in enumerate(self.order, 1)]


def _mark_notes(source: str, notes: Notes, where: Location | str) -> str:
    clean = _PRIVATE.sub("", source)
    return _NOTE_REF.sub(lambda m: f"\ue000{notes.number(m.group(1), where)}\ue001", clean)


def to_html(source: str, notes: Notes, where: Location | str = "") -> str:
    """Block HTML of `source`; note references as superscript numbers."""
    rendered = _MD.render(_mark_notes(source, notes, where))
    return _MARK.sub(lambda m: f"<sup>{m.group(1)}</sup>", rendered).strip()


def to_html_inline(source: str, notes: Notes, where: Location | str = "") -> str:
    """Inline HTML of one paragraph of `source` (no <p>)."""
    rendered = _MD.renderInline(_mark_notes(source, notes, where))
    return _MARK.sub(lambda m: f"<sup>{m.group(1)}</sup>", rendered).strip()


def to_markdown(source: str, notes: Notes, where: Location | str = "") -> str:
    """`source` itself, with its note references checked (they stay `[^id]` footnotes)."""
    _mark_notes(source, notes, where)
    return _PRIVATE.sub("", source).replace("<", "&lt;").strip()


def footnotes_markdown(notes: Notes) -> str:
    return "\n".join(f"[^{nid}]: {text}" for _i, nid, text in notes.used())


def to_text(source: str, notes: Notes, where: Location | str = "", width: int = 72) -> str:
    """Plain text: paragraphs wrapped at `width`, links as `text (url)`, notes as `[n]`."""
    tokens = _MD.parse(_mark_notes(source, notes, where))
    out = ""
    prefix: list[str] = []
    counters: list[int | None] = []
    last_in_list = False
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            last_in_list = last_in_list and bool(counters)  # a new list is its own block
            counters.append(None if token.type == "bullet_list_open" else int(token.attrGet("start") or 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif token.type == "list_item_open":
            n = counters[-1]
            prefix.append("- " if n is None else f"{n}. ")
            if n is not None:
                counters[-1] = n + 1
        elif token.type == "list_item_close":
            prefix.pop()
        elif token.type == "inline":
            text = _MARK.sub(lambda m: f"[{m.group(1)}]", _inline_text(token.children or []))
            starts_item = (
                bool(prefix)
                and tokens[i - 1].type == "paragraph_open"
                and tokens[i - 2].type == "list_item_open"
            )
            indent = " " * sum(len(p) for p in prefix)
            first = indent[: -len(prefix[-1])] + prefix[-1] if starts_item else indent
            block = _wrap(text, width, first, indent)
            if out:
                out += "\n" if (prefix and last_in_list and starts_item) else "\n\n"
            out += block
            last_in_list = bool(prefix)
    return out


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    lines = []
    for i, line in enumerate(text.split("\n")):
        lines.append(
            textwrap.fill(
                line,
                width,
                initial_indent=first if i == 0 else rest,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def _inline_text(children: list[Token]) -> str:
    out: list[str] = []
    href: list[str] = []
    start: list[int] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "link_open":
            href.append(str(child.attrGet("href") or ""))
            start.append(len(out))
        elif child.type == "link_close" and href:
            url, label = href.pop(), "".join(out[start.pop() :])
            bare = re.sub(r"^(https?://|mailto:)", "", url).rstrip("/")
            if label.strip().rstrip("/") not in (url, bare):
                out.append(f" ({url})")
    return "".join(out)


def plain(source: str) -> str:
    """One line of prose without markup (for an alt text, a subject, a calendar summary)."""
    text = _inline_text(_MD.parseInline(_PRIVATE.sub("", source))[0].children or [])
    return html.unescape(_NOTE_REF.sub("", text)).strip()
