"""WordprocessingML that python-docx has no API for: links, bookmarks, fields, alt text, language.

Each helper writes the smallest markup Word and LibreOffice both read; tests read it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.text.paragraph import Paragraph


def _run(
    text: str = "",
    style: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    nobreak: bool = False,
) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    if style or bold or italic:
        rpr = OxmlElement("w:rPr")
        if style:
            rstyle = OxmlElement("w:rStyle")
            rstyle.set(qn("w:val"), style)
            rpr.append(rstyle)
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    pieces = text.split("-") if nobreak else [text]
    for index, piece in enumerate(pieces):
        if index:  # a hyphen no line breaks at (read back as "-" by PDF text and python-docx)
            r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            r.append(t)
    return r


def is_address(text: str, url: str) -> bool:
    """The link's words are its address (a bare domain or URL in a post), which must not break
    at its hyphens: a reader copying it would get a broken address."""
    shown = text.strip().lower()
    return bool(shown) and not any(c.isspace() for c in shown) and shown in url.lower()


def style_id(document: Document, name: str) -> str:
    """The styleId Word uses in markup for the style called `name` (e.g. 'Hyperlink')."""
    return document.styles[name].style_id


def add_hyperlink(
    paragraph: Paragraph,
    text: str,
    *,
    url: str | None = None,
    anchor: str | None = None,
    run_style: str | None = None,
    bold: bool = False,
    italic: bool = False,
) -> BaseOxmlElement:
    """Append a clickable link: to an external `url` (a relationship) or an internal bookmark `anchor`.

    `run_style` is a character style id (e.g. the id of 'Hyperlink').
    """
    if (url is None) == (anchor is None):
        raise ValueError("give exactly one of url and anchor")
    link = OxmlElement("w:hyperlink")
    if url is not None:
        rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel_id)
    else:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    nobreak = url is not None and is_address(text, url)
    link.append(_run(text, run_style, bold=bold, italic=italic, nobreak=nobreak))
    paragraph._p.append(link)
    return link


def add_link_run(
    link: BaseOxmlElement,
    text: str = "",
    *,
    run_style: str | None = None,
    bold: bool = False,
    italic: bool = False,
    line_break: bool = False,
) -> None:
    """Append one more run (differently formatted words, or a line break) to a hyperlink."""
    run = _run(text, run_style, bold=bold, italic=italic)
    if line_break:
        run.append(OxmlElement("w:br"))
    link.append(run)


class BookmarkIds:
    """Bookmark ids must be unique in the document; hand them out in order (deterministic)."""

    def __init__(self) -> None:
        self.next_id = 0

    def wrap(self, paragraph: Paragraph, name: str) -> None:
        """Bookmark the whole content of `paragraph` as `name` (call after filling it)."""
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        ppr = paragraph._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)


def _fld_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    if dirty:
        fld.set(qn("w:dirty"), "true")
    r.append(fld)
    return r


def _instr(instruction: str) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction.strip()} "
    r.append(instr)
    return r


def add_field(paragraph: Paragraph, instruction: str, result: str = "") -> None:
    """Append a complex field (e.g. 'PAGE', 'NUMPAGES') with a cached `result` shown until updated."""
    p = paragraph._p
    p.append(_fld_char("begin"))
    p.append(_instr(instruction))
    p.append(_fld_char("separate"))
    p.append(_run(result or "1"))
    p.append(_fld_char("end"))


@dataclass(frozen=True)
class TocEntry:
    """One pre-filled line of a table of contents."""

    level: int  # 1-based heading level
    text: str
    bookmark: str  # the heading's bookmark name (the entry links to it)
    page: int | None = None  # None: no number is printed (LibreOffice absent)


def toc_field(
    anchor: Paragraph,
    entries: Sequence[TocEntry],
    *,
    levels: int,
    styles: dict[int, str],
    link_style: str | None = None,
) -> None:
    """Insert a TOC field after `anchor`, its result pre-filled with `entries`.

    LibreOffice prints a field's cached result as it is, so an empty TOC would stay empty;
    Word rebuilds it when fields are updated. `styles` maps a level to a paragraph style id
    ('TOC1' ...). Each entry links to its heading's bookmark; its number follows a tab.
    """
    if not entries:
        raise ValueError("a table of contents needs at least one entry")
    previous = anchor._p
    count = len(entries)
    for index, entry in enumerate(entries):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), styles[entry.level])
        ppr.append(pstyle)
        p.append(ppr)
        if index == 0:
            p.append(_fld_char("begin", dirty=True))
            p.append(_instr(f'TOC \\o "1-{levels}" \\h \\z \\u'))
            p.append(_fld_char("separate"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), entry.bookmark)
        link.set(qn("w:history"), "1")
        link.append(_run(entry.text, link_style))
        if entry.page is not None:
            tab = _run(style=link_style)
            tab.append(OxmlElement("w:tab"))
            link.append(tab)
            link.append(_run(str(entry.page), link_style))
        p.append(link)
        if index == count - 1:
            p.append(_fld_char("end"))
        previous.addnext(p)
        previous = p


def set_alt_text(shape: InlineShape, description: str, title: str | None = None) -> None:
    """Alt text read by screen readers and carried into tagged PDF (`descr` on `wp:docPr`)."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", description)
    if title:
        doc_pr.set("title", title)


def set_language(document: Document, tag: str) -> None:
    """Document language (`w:lang` in the style defaults) for spelling, speech and PDF /Lang."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # schema order: w:lang comes before these, if a designer's base document has them
        later = [rpr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        anchor = next((e for e in later if e is not None), None)
        if anchor is None:
            rpr.append(lang)
        else:
            anchor.addprevious(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def document_language(document: Document) -> str | None:
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    return None if lang is None else lang.get(qn("w:val"))


def set_update_fields(document: Document, on: bool = True) -> None:
    """Ask Word to update fields (the TOC's page numbers) when the document is opened, or (`on`
    False) not: a document whose contents are filled in opens without the prompt."""
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if not on:
        if update is not None:
            settings.remove(update)
        return
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def set_core_properties(
    document: Document,
    *,
    title: str,
    language: str,
    author: str,
    subject: str = "",
    keywords: str = "",
    date: dt.datetime,
) -> None:
    """Title (Word's default is 'Word Document'), language and fixed dates for reproducible files."""
    props = document.core_properties
    props.title = title
    props.language = language
    props.author = author
    props.last_modified_by = author
    props.subject = subject
    props.keywords = keywords
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = date
    props.modified = date
    props.last_printed = date
