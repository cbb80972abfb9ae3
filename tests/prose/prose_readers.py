"""Read each rendering of prose back the way its consumer does, into one comparable shape.

docx: python-docx on the saved file (runs' bold and italic, hyperlink targets from the part's
relationships, list paragraphs' styles and numbering instances, `w:br`); HTML: `html.parser`;
Markdown: an independent CommonMark reader (plain markdown-it, not htpm's configuration);
text: its lines. Each gives a `Seen`: what a reader of that output sees.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import docx
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from htpm.docx.oxml import add_hyperlink, style_id
from htpm.prose import Prose, first_use, to_html, to_markdown, to_text
from htpm.prose.docx import DocxStyles, write_blocks
from htpm.social.urls import find_links
from tests.conftest import ROOT

BASE = ROOT / "templates" / "toolkit" / "base.docx"


@dataclass
class Seen:
    links: list[str] = field(default_factory=list)
    bold: list[str] = field(default_factory=list)  # each bold stretch's words
    italic: list[str] = field(default_factory=list)
    items: list[tuple[str, int, int | None, str]] = field(default_factory=list)  # kind, depth, number, words
    breaks: int = 0
    notes: list[int] = field(default_factory=list)
    words: str = ""

    def add_words(self, text: str) -> None:
        self.words = " ".join((self.words + text).split()) + (" " if text[-1:].isspace() else "")


def _stretches(pieces: list[tuple[str, bool]]) -> list[str]:
    """Maximal runs of flagged text, words normalised (adjacent runs are one stretch)."""
    out: list[str] = []
    current: list[str] | None = None
    for text, flagged in pieces:
        if flagged:
            current = [] if current is None else current
            current.append(text)
        elif current is not None and text.strip() == "" and text:
            current.append(text)
        else:
            if current is not None:
                out.append(" ".join("".join(current).split()))
            current = None
    if current is not None:
        out.append(" ".join("".join(current).split()))
    return [s for s in out if s]


# -- docx -------------------------------------------------------------------------------------
def render_docx(prose: Prose) -> bytes:
    document = docx.Document(str(BASE))
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    number = first_use()

    def note(paragraph, note_id: str) -> None:  # noqa: ANN001
        n = number(note_id)
        add_hyperlink(
            paragraph, str(n), anchor=f"endnote_{n}", run_style=style_id(document, "Note Reference")
        )

    styles = DocxStyles(link=style_id(document, "Hyperlink"))
    write_blocks(lambda style: document.add_paragraph(style=style), prose.blocks, note=note, styles=styles)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read_docx(data: bytes) -> Seen:
    document = docx.Document(io.BytesIO(data))
    rels = document.part.rels
    numbering = document.part.numbering_part.element
    seen = Seen()
    bold: list[tuple[str, bool]] = []
    italic: list[tuple[str, bool]] = []
    counters: dict[str, int] = {}
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        words: list[str] = []
        for child in paragraph._p.iterchildren():
            if child.tag == qn("w:hyperlink"):
                if child.get(qn("r:id")):
                    seen.links.append(rels[child.get(qn("r:id"))].target_ref)
                else:
                    seen.notes.append(int("".join(t.text for t in child.iter(qn("w:t")))))
                    continue
                runs = list(child.iterchildren(qn("w:r")))
            elif child.tag == qn("w:r"):
                runs = [child]
            else:
                continue
            for run in runs:
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                brs = len(list(run.iter(qn("w:br"))))
                seen.breaks += brs
                text += " " * brs  # a break parts words as a space does
                rpr = run.find(qn("w:rPr"))
                is_bold = rpr is not None and rpr.find(qn("w:b")) is not None
                is_italic = rpr is not None and rpr.find(qn("w:i")) is not None
                bold.append((text, is_bold))
                italic.append((text, is_italic))
                words.append(text)
        bold.append(("\n", False))
        italic.append(("\n", False))
        text = "".join(words)
        seen.add_words(text + " ")
        match = re.fullmatch(r"List (Bullet|Number)(?: (\d))?", style)
        if match:
            depth = int(match.group(2) or 1)
            number = None
            if match.group(1) == "Number":
                num_id = paragraph._p.pPr.numPr.numId.val
                num = numbering.num_having_numId(num_id)
                start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
                counters[str(num_id)] = counters.get(str(num_id), -1) + 1
                number = int(start.get(qn("w:val"))) + counters[str(num_id)]
            seen.items.append(("-" if number is None else "n", depth, number, " ".join(text.split())))
    seen.bold, seen.italic = _stretches(bold), _stretches(italic)
    seen.words = seen.words.strip()
    return seen


# -- HTML -------------------------------------------------------------------------------------
class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen = Seen()
        self.bold = 0
        self.italic = 0
        self.in_sup = False
        self.lists: list[list[int | None]] = []  # per open list: [next number or None]
        self.item_words: list[list[str]] = []
        self.item_heads: list[tuple[str, int, int | None]] = []
        self.flags: tuple[list[tuple[str, bool]], list[tuple[str, bool]]] = ([], [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "a":
            self.seen.links.append(a["href"] or "")
        elif tag == "br":
            self.seen.breaks += 1
        elif tag == "sup":
            self.in_sup = True
        elif tag in ("ul", "ol"):
            self._end_item_head()
            self.lists.append([int(a.get("start") or 1) if tag == "ol" else None])
        elif tag == "li":
            counter = self.lists[-1]
            number = counter[0]
            if number is not None:
                counter[0] = number + 1
            self.item_heads.append(("-" if number is None else "n", len(self.lists), number))
            self.item_words.append([])
        elif tag == "p":
            self._end_item_head()
            self.flags[0].append(("\n", False))
            self.flags[1].append(("\n", False))

    def _end_item_head(self) -> None:
        # an item's words are those before its first nested block ends
        if (
            self.item_heads
            and len(self.item_heads) == len(self.item_words)
            and "".join(self.item_words[-1]).strip()
        ):
            kind, depth, number = self.item_heads.pop()
            self.seen.items.append((kind, depth, number, " ".join("".join(self.item_words.pop()).split())))

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1
        elif tag == "sup":
            self.in_sup = False
        elif tag in ("li", "p"):
            self._end_item_head()
            if tag == "li" and len(self.item_heads) > len(self.item_words):
                self.item_heads.pop()
        elif tag in ("ul", "ol"):
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.in_sup:
            self.seen.notes.append(int(data))
            return
        if self.item_words and len(self.item_heads) == len(self.item_words):
            self.item_words[-1].append(data)
        self.seen.add_words(data)
        self.flags[0].append((data, self.bold > 0))
        self.flags[1].append((data, self.italic > 0))


def read_html(html: str) -> Seen:
    reader = _HtmlReader()
    reader.feed(html)
    reader.close()
    reader.seen.bold, reader.seen.italic = _stretches(reader.flags[0]), _stretches(reader.flags[1])
    reader.seen.words = reader.seen.words.strip()
    # html.parser gives items in closing order for nested lists; reading order is by position
    return reader.seen


# -- Markdown (read by plain CommonMark) ------------------------------------------------------
def read_markdown(markdown: str) -> Seen:
    tokens = MarkdownIt("commonmark").parse(markdown)
    seen = Seen()
    bold: list[tuple[str, bool]] = []
    italic: list[tuple[str, bool]] = []
    lists: list[list[int | None]] = []
    note_ids: list[str] = []
    pending: tuple[str, int, int | None] | None = None
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else None])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            number = lists[-1][0]
            if number is not None:
                lists[-1][0] = number + 1
            pending = ("-" if number is None else "n", len(lists), number)
        elif token.type == "inline":
            b = i = 0
            words = []
            for child in token.children or []:
                if child.type == "strong_open":
                    b += 1
                elif child.type == "strong_close":
                    b -= 1
                elif child.type == "em_open":
                    i += 1
                elif child.type == "em_close":
                    i -= 1
                elif child.type == "link_open":
                    seen.links.append(str(child.attrGet("href")))
                elif child.type == "hardbreak":
                    seen.breaks += 1
                    words.append(" ")
                elif child.type in ("text", "softbreak"):
                    text = child.content if child.type == "text" else " "
                    for k, part in enumerate(re.split(r"\[\^([A-Za-z0-9_-]+)\]", text)):
                        if k % 2:
                            if part not in note_ids:
                                note_ids.append(part)
                            seen.notes.append(note_ids.index(part) + 1)
                            continue
                        words.append(part)
                        bold.append((part, b > 0))
                        italic.append((part, i > 0))
            bold.append(("\n", False))
            italic.append(("\n", False))
            seen.add_words("".join(words) + " ")
            if pending is not None:
                seen.items.append((*pending, " ".join("".join(words).split())))
                pending = None
    seen.bold, seen.italic = _stretches(bold), _stretches(italic)
    seen.words = seen.words.strip()
    return seen


# -- text -------------------------------------------------------------------------------------
_ITEM = re.compile(r"^( *)(- |(\d+)\. )(.*)$")
_PAREN_URL = r"\((?:https?://|mailto:)\S+?\)(?=\s|$|\[|[.,;:!?]*(?:\s|$))"


def read_text(text: str) -> Seen:
    """Items from their markers and indentation; links from `(url)` and bare addresses (found by
    the same rule any reader of a plain-text email applies); notes from `[n]`."""
    seen = Seen()
    depth_of_indent: dict[int, int] = {}
    for block in text.split("\n\n"):
        for n, line in enumerate(block.split("\n")):
            match = _ITEM.match(line)
            if match:
                indent = len(match.group(1))
                depth = depth_of_indent.setdefault(
                    indent, len([i for i in depth_of_indent if i < indent]) + 1
                )
                number = int(match.group(3)) if match.group(3) else None
                words = re.sub(r" " + _PAREN_URL + r"|\[\d+\]", "", match.group(4))
                seen.items.append(("-" if number is None else "n", depth, number, " ".join(words.split())))
            elif n:
                seen.breaks += 1
                if line.startswith(" ") and seen.items:  # an item's line after a hard break
                    kind, depth, number, words = seen.items[-1]
                    seen.items[-1] = (kind, depth, number, f"{words} {' '.join(line.split())}")
    seen.notes = [int(n) for n in re.findall(r"\[(\d+)\]", re.sub(_PAREN_URL, "", text))]
    seen.links = _links_in_order(text)
    return seen


def _links_in_order(text: str) -> list[str]:
    """Targets of `(url)` marks and bare addresses, in the order they appear in `text`."""
    found: list[tuple[int, str]] = []
    for m in re.finditer(_PAREN_URL, text):
        found.append((m.start(), m.group(0)[1:-1]))
    masked = re.sub(_PAREN_URL, lambda m: "\0" * len(m.group(0)), text)
    for link in find_links(masked):
        found.append((link.start, link.url if link.has_protocol else "https://" + link.url))
    return [url for _pos, url in sorted(found)]


def renderings(prose: Prose) -> dict[str, Seen]:
    return {
        "docx": read_docx(render_docx(prose)),
        "html": read_html(to_html(prose)),
        "markdown": read_markdown(to_markdown(prose)),
        "text": read_text(to_text(prose, width=10_000)),
    }
