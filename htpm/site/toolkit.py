"""The toolkit as HTML: the document's own walk (`htpm.generators.toolkit.sections.Body`) written
through an HTML writer instead of python-docx, so the page has the document's sections in the
document's order, and its prose goes through the one prose HTML renderer (`htpm.prose`).

`HtmlWriter` answers the calls `Body` makes of a `DocWriter` (headings, paragraphs and their
runs, prose, links, tables, images, bookmarks, endnote references). Heading levels move down
one, under the page's own `<h1>`. Endnote references link to their note, and each note links
back to its first reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from PIL import Image

from htpm.campaign import Campaign
from htpm.docx.text import to_roman
from htpm.docx.writer import DocWriter, HeadingRef, Notes, SourcePath, dotted
from htpm.errors import HtpmError
from htpm.prose import escape, inline_html, inline_text, parse, parse_inline, to_html

NOTE_BOOKMARK = "endnote_"  # the bookmark Body gives each endnote (endnote_1, ...)
LIST_LEVELS = {"List Bullet": 1, "List Bullet 2": 2, "List Bullet 3": 3}
GROUPS = {  # consecutive paragraphs of these styles share one box
    "Callout": "callout",
    "Proclamation Title": "proclamation",
    "Proclamation Text": "proclamation",
    "Signature Line": "proclamation",
}


def style_class(style: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (style or "").lower()).strip("-")


class HtmlRun:
    """A run as `Body` uses one: text with bold, italic, a character style and line breaks."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.bold: bool | None = None
        self.italic: bool | None = None
        self.style: str | None = None
        self.breaks = 0

    def add_break(self, *_kind: object) -> None:
        self.breaks += 1

    def html(self) -> str:
        out = escape(self.text.replace("\t", " "))
        if self.bold:
            out = f"<strong>{out}</strong>"
        if self.italic:
            out = f"<em>{out}</em>"
        if self.style:
            out = f'<span class="{style_class(self.style)}">{out}</span>'
        return out + "<br>" * self.breaks


class _Format:
    keep_with_next: bool | None = None


class HtmlParagraph:
    def __init__(self, style: str | None) -> None:
        self.style = style
        self.parts: list[HtmlRun | str] = []  # runs, or HTML already escaped
        self.id: str | None = None
        self.paragraph_format = _Format()

    def add_run(self, text: str = "") -> HtmlRun:
        run = HtmlRun(text)
        self.parts.append(run)
        return run

    def inner(self) -> str:
        return "".join(p if isinstance(p, str) else p.html() for p in self.parts)


@dataclass
class Block:
    kind: str  # "p", "heading", "html"
    style: str | None = None
    paragraph: HtmlParagraph | None = None
    html: str = ""
    level: int = 0
    id: str | None = None


class _Styles:
    def __getitem__(self, name: str) -> str:
        return name


class _Doc:
    styles = _Styles()


@dataclass
class SiteImage:
    name: str  # the file under the site's images/
    data: bytes


@dataclass
class Labels:
    note: str  # "Note {number}", the reference's accessible name
    back: str  # "Back to the text", the note's link back


class HtmlWriter(DocWriter):
    """A `DocWriter` for HTML. Blocks are collected, then `html()` joins them (lists and boxes)."""

    def __init__(
        self,
        *,
        locate: Callable[[SourcePath], Any],
        warn: Callable[[str], None],
        notes: Notes,
        labels: Labels,
        shift: int = 1,
    ) -> None:
        self.doc = cast(Any, _Doc())
        self.locate = locate
        self.warn = warn
        self.notes = notes
        self.labels = labels
        self.shift = shift
        self.headings: list[HeadingRef] = []
        self.blocks: list[Block] = []
        self.images: dict[str, SiteImage] = {}
        self.first_refs: set[int] = set()

    # -- blocks -------------------------------------------------------------------------------
    def paragraph(self, style: str | None = None) -> Any:
        p = HtmlParagraph(style)
        self.blocks.append(Block("p", style, p))
        return p

    def heading(self, level: int, text: str, src: SourcePath = ()) -> Any:
        if self.headings and level > self.headings[-1].level + 1:
            raise ValueError(f"heading level {level} after {self.headings[-1].level}: {text!r}")
        inlines = parse_inline(self.clean(text, src))
        anchor = f"s{len(self.headings) + 1}"
        html = inline_html(inlines, self.notes.number, self._note_html(src))
        self.blocks.append(Block("heading", html=html, level=level + self.shift, id=anchor))
        self.headings.append(HeadingRef(level, inline_text(inlines).strip(), anchor))
        return HtmlParagraph(None)

    def text(self, text: str, src: SourcePath, style: str | None = None, *, bold: bool = False) -> Any:
        p = self.paragraph(style)
        p.add_run(self.clean(text, src)).bold = bold or None
        return p

    def prose(
        self,
        source: str,
        src: SourcePath,
        *,
        style: str | None = None,
        first: Callable[[Any], None] | None = None,
        lead: str | None = None,
    ) -> list[Any]:
        prose = parse(self.check_prose(source, src))
        start = HtmlParagraph(style)
        if first is not None:
            first(start)
        if lead is not None:
            start.add_run(lead).bold = True
            start.add_run(" ")
        html = to_html(prose, self.notes.number, self._note_html(src))
        prefix = start.inner()
        if prefix:
            html = (
                html.replace("<p>", f"<p>{prefix}", 1) if html.startswith("<p>") else f"<p>{prefix}</p>{html}"
            )
        if start.id and start.id.startswith(NOTE_BOOKMARK):
            number = int(start.id[len(NOTE_BOOKMARK) :])
            if number in self.first_refs:
                back = (
                    f' <a class="back" href="#ref-{number}" aria-label="{escape(self.labels.back)}">'
                    "\u21a9\ufe0e</a>"
                )
                html = html[: -len("</p>")] + back + "</p>" if html.endswith("</p>") else html + back
        self.blocks.append(Block("html", style, html=html, id=start.id))
        return [start]

    def inline(self, paragraph: Any, source: str, src: SourcePath) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", self.check_prose(source, src)).strip()
        self.inlines(paragraph, parse_inline(text), src)

    def inlines(self, paragraph: Any, inlines: Sequence[Any], src: SourcePath) -> None:
        paragraph.parts.append(inline_html(tuple(inlines), self.notes.number, self._note_html(src)))

    def link(
        self,
        paragraph: Any,
        text: str,
        url: str,
        src: SourcePath,
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        html = f'<a href="{escape(self.check_url(url, src))}">{escape(self.clean(text, src))}</a>'
        html = f"<strong>{html}</strong>" if bold else html
        paragraph.parts.append(f"<em>{html}</em>" if italic else html)

    def kit_link(self, paragraph: Any, text: str, href: str) -> None:
        """A link to one of the kit's own files: relative ones are relative to the kit folder, and
        the site's pages are one folder down (site/)."""
        if not re.match(r"^[a-z][a-z0-9+.-]*:", href):
            href = "../" + href
        paragraph.parts.append(f'<a href="{escape(href)}">{escape(text)}</a>')

    def _note_html(self, src: SourcePath) -> Callable[[str], str]:
        def note(note_id: str) -> str:
            if note_id not in self.notes.known:
                raise HtpmError(
                    f"{dotted(src)}: no endnote with id {note_id!r} (see endnotes:)", self.locate(src)
                )
            number = self.notes.number(note_id)
            anchor = ""
            if number not in self.first_refs:
                self.first_refs.add(number)
                anchor = f' id="ref-{number}"'
            name = escape(self.labels.note.replace("{number}", to_roman(number)))
            return (
                f'<sup class="note-ref"><a{anchor} href="#{NOTE_BOOKMARK}{number}" '
                f'aria-label="{name}">{to_roman(number)}</a></sup>'
            )

        return note

    def note_ref(self, paragraph: Any, note_id: str, src: SourcePath) -> None:
        paragraph.parts.append(self._note_html(src)(note_id))

    def bookmark(self, paragraph: Any, name: str) -> None:
        paragraph.id = name

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
        html = f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"
        self.blocks.append(Block("html", html=html))
        return None

    def image(self, path: Path, alt: str, width_in: float, style: str | None = None) -> Any:
        with Image.open(path) as im:
            width, height = im.size
        self.images.setdefault(path.name, SiteImage(path.name, path.read_bytes()))
        html = (
            f'<figure><img src="images/{escape(path.name)}" alt="{escape(alt)}" '
            f'width="{width}" height="{height}"></figure>'
        )
        self.blocks.append(Block("html", style, html=html))
        return HtmlParagraph(style)

    def page_break(self) -> None:
        return None

    # -- the page -----------------------------------------------------------------------------
    def html(self) -> str:
        out: list[str] = []
        depth = 0  # list levels open
        group: str | None = None

        def close_lists(to: int) -> None:
            nonlocal depth
            while depth > to:
                out.append("</li></ul>\n")
                depth -= 1

        for block in self.blocks:
            level = LIST_LEVELS.get(block.style or "", 0) if block.kind == "p" else 0
            wanted = GROUPS.get(block.style or "") if block.kind != "heading" else None
            if level == 0:
                close_lists(0)
            if group and group != wanted:
                out.append("</div>\n")
                group = None
            if wanted and group != wanted:
                out.append(f'<div class="{wanted}">\n')
                group = wanted
            if level:
                assert block.paragraph is not None
                if level <= depth:
                    close_lists(level)
                    out.append("</li>\n")
                else:
                    out.append("<ul>\n" * (level - depth))
                    depth = level
                out.append(f"<li>{block.paragraph.inner()}")
            elif block.kind == "heading":
                out.append(f'<h{block.level} id="{block.id}">{block.html}</h{block.level}>\n')
            elif block.kind == "html":
                ident = f' id="{block.id}"' if block.id else ""
                cls = style_class(block.style)
                boxed = ident or cls
                out.append(
                    f'<div{ident} class="{cls}">\n{block.html}\n</div>\n' if boxed else block.html + "\n"
                )
            else:
                assert block.paragraph is not None
                p = block.paragraph
                ident = f' id="{p.id}"' if p.id else ""
                cls = f' class="{style_class(p.style)}"' if p.style else ""
                out.append(f"<p{ident}{cls}>{p.inner()}</p>\n")
        close_lists(0)
        if group:
            out.append("</div>\n")
        return "".join(out)


@dataclass
class ToolkitPage:
    title: str
    toc: list[dict[str, Any]]  # level-1 entries, each with its level-2 children
    body: str
    images: list[SiteImage] = field(default_factory=list)


def toolkit_page(campaign: Campaign, warn: Callable[[str], None], labels: Labels) -> ToolkitPage:
    """The toolkit's body as HTML, with a table of contents of its parts and their sections."""
    from htpm.generators.toolkit.sections import Body
    from htpm.labels import fill

    cfg = campaign.config
    notes = Notes(known={n.id: ("endnotes", i) for i, n in enumerate(cfg.endnotes)})
    writer = HtmlWriter(locate=campaign.locate, warn=warn, notes=notes, labels=labels)
    Body(campaign, writer).write()
    toc: list[dict[str, Any]] = []
    for ref in writer.headings:
        entry = {"text": ref.text, "id": ref.bookmark, "children": []}
        if ref.level == 1 or not toc:
            toc.append(entry)
        elif ref.level == 2:
            toc[-1]["children"].append(entry)
    title = fill(campaign.label("toolkit.document_title"), observance=cfg.observance.name, year=campaign.year)
    return ToolkitPage(title, toc, writer.html(), list(writer.images.values()))
