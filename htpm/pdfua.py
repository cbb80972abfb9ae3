"""PDF/UA-1 finishing of LibreOffice's export: what LibreOffice 7.4 gets wrong or leaves out.

LibreOffice's `PDFUACompliance` export option does most of PDF/UA: a tagged structure tree with
the base document's styles role-mapped to standard types, /Lang, alt text on figures, TH cells with
a column scope, an XMP packet with dc:title and pdfuaid:part. This module fixes the rest, reading
the source .docx where the PDF alone does not say enough:

- `/Tabs /S` (a name, as ISO 32000 requires) on every page with annotations, where LibreOffice
  writes the string `(S)`;
- dc:language in the XMP packet (from the catalog's /Lang), and the XMP dates set to the document
  information's (already fixed) creation date, so the same document gives the same bytes;
- bookmarks that read as their heading: a heading's endnote marks are text to LibreOffice
  ("Guidelines for Messaging and Imagesi"); the marks are the runs in the base document's note
  reference style, taken out of the title;
- endnotes tagged as notes: paragraphs in the note style (`Note Text`) are role-mapped to /Note
  and each gets the unique /ID a Note needs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import pikepdf
from lxml import etree

__all__ = ["NOTE_REFERENCE_STYLE", "NOTE_STYLE", "finish", "heading_titles"]

NOTE_STYLE = "Note Text"  # the paragraph style of an endnote in base.docx
NOTE_REFERENCE_STYLE = "Note Reference"  # the character style of its mark in the text
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "http://purl.org/dc/elements/1.1/"
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})")


def finish(pdf: bytes, source: bytes | None = None) -> bytes:
    """`pdf` (LibreOffice's export of the Word document `source`) finished for PDF/UA-1."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _tab_order(document)
        _metadata(document)
        if source is not None:
            _outline_titles(document, heading_titles(source))
        _notes(document)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _tab_order(document: pikepdf.Pdf) -> None:
    for page in document.pages:
        if "/Annots" in page.obj:
            page.obj.Tabs = pikepdf.Name.S


def _metadata(document: pikepdf.Pdf) -> None:
    language = str(document.Root.get("/Lang", "")) or None
    info = document.docinfo if "/Info" in document.trailer else None
    created = _xmp_date(str(info.get("/CreationDate", ""))) if info is not None else None
    title = str(info.get("/Title", "")) if info is not None else ""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        if language:
            xmp["dc:language"] = [language]
        if title and not xmp.get("dc:title"):
            xmp["dc:title"] = title
        xmp["pdfuaid:part"] = "1"
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            if created and (key in xmp or key == "xmp:CreateDate"):
                xmp[key] = created


def _xmp_date(value: str) -> str | None:
    match = _PDF_DATE.search(value)
    if not match:
        return None
    y, mo, d, h, mi, s = match.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def heading_titles(source: bytes) -> dict[str, str]:
    """Each heading's text as LibreOffice makes its bookmark -> the heading's words alone, for the
    headings that carry endnote marks (runs in the note reference style)."""
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    marks = {
        style.get(f"{_W}styleId")
        for style in styles.iter(f"{_W}style")
        if (style.find(f"{_W}name") is not None)
        and (style.find(f"{_W}name").get(f"{_W}val") or "").casefold() == NOTE_REFERENCE_STYLE.casefold()
    }
    titles: dict[str, str] = {}
    for paragraph in body.iter(f"{_W}p"):
        if paragraph.find(f"{_W}pPr/{_W}outlineLvl") is None and not _is_heading(paragraph):
            continue
        whole, words = [], []
        for run in paragraph.iter(f"{_W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{_W}t"))
            whole.append(text)
            style = run.find(f"{_W}rPr/{_W}rStyle")
            if style is None or style.get(f"{_W}val") not in marks:
                words.append(text)
        full, clean = _squash("".join(whole)), _squash("".join(words))
        if full != clean:
            titles[full] = clean
    return titles


def _is_heading(paragraph: etree._Element) -> bool:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return style is not None and re.fullmatch(r"(?i)heading ?[1-9]", style.get(f"{_W}val") or "") is not None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _outline_titles(document: pikepdf.Pdf, titles: dict[str, str]) -> None:
    if not titles:
        return
    with document.open_outline() as outline:
        for item in _items(outline.root):
            clean = titles.get(_squash(item.title))
            if clean is not None:
                item.title = clean


def _items(items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from _items(item.children)


def _notes(document: pikepdf.Pdf) -> None:
    tree = document.Root.get("/StructTreeRoot")
    if tree is None:
        return
    role_map = tree.get("/RoleMap")
    note_type = pikepdf.Name("/" + NOTE_STYLE)
    if role_map is None or note_type not in role_map:
        return
    role_map[note_type] = pikepdf.Name.Note
    for index, element in enumerate(e for e in _elements(tree) if e.get("/S") == note_type):
        element.ID = pikepdf.String(f"note-{index + 1}")


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)
