"""A small writer over a python-docx Document: headings with bookmarks, prose, links, endnotes.

Every string it writes comes with the config path it came from, so a bad link or an illegal
character is reported at the user's line. It only uses styles that exist in the starting
document (python-docx silently ignores a missing one, so `require_styles` checks first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.table import Table
from docx.text.paragraph import Paragraph

from htpm import problems
from htpm.docx.oxml import BookmarkIds, add_hyperlink, set_alt_text, style_id
from htpm.docx.text import illegal_characters, strip_illegal, to_roman
from htpm.errors import HtpmError, Location
from htpm.prose import Inline, inline_text, is_safe_target, parse, parse_inline, require_valid_prose
from htpm.prose.docx import DocxStyles, write_blocks, write_inlines
from htpm.prose.tree import LINK_FILL_IN, FillIn

SourcePath = tuple[str | int, ...]
TABLE_CELL_PADDING = 108  # twips: Word's (and base.docx's Toolkit Table's) left cell margin


def dotted(path: SourcePath) -> str:
    return problems.dotted(path) or "(config)"


@dataclass(frozen=True)
class HeadingRef:
    level: int
    text: str
    bookmark: str


@dataclass
class Notes:
    """Endnotes numbered in the order of their first reference (i, ii, ...)."""

    known: dict[str, SourcePath]  # id -> where the note is defined
    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, note_id: str) -> int:
        return self.numbers.setdefault(note_id, len(self.numbers) + 1)


class DocWriter:
    def __init__(
        self,
        document: Document,
        *,
        locate: Callable[[SourcePath], Location],
        warn: Callable[[str], None],
        notes: Notes,
    ) -> None:
        self.doc = document
        self.locate = locate
        self.warn = warn
        self.notes = notes
        self.headings: list[HeadingRef] = []
        self.bookmarks = BookmarkIds()
        self.link_style = style_id(document, "Hyperlink")
        self.note_style = style_id(document, "Note Reference")
        self._paragraph_styles: dict[str, str | None] = {}
        self._body_end = document.element.body.sectPr  # new blocks go before it

    # -- text ---------------------------------------------------------------------------------
    def clean(self, text: str, src: SourcePath) -> str:
        bad = illegal_characters(text)
        if bad:
            self.warn(f"{self.locate(src)}: {dotted(src)}: removed control characters {', '.join(bad)}")
            return strip_illegal(text)
        return text

    def check_url(self, url: str, src: SourcePath) -> str:
        if not is_safe_target(url):
            raise HtpmError(
                f"{dotted(src)}: link target {url!r} is not an http, https or mailto address",
                self.locate(src),
            )
        return url

    # -- blocks -------------------------------------------------------------------------------
    def paragraph(self, style: str | None = None) -> Paragraph:
        """A new paragraph at the end of the body, as `add_paragraph` makes it but in constant time
        (python-docx searches the whole body for its section properties on each add); the style's id
        is looked up once per name (python-docx walks every style of the document on each look-up)."""
        element = OxmlElement("w:p")
        end = self._body_end
        if end is not None and end.getparent() is not None:
            end.addprevious(element)
        else:
            self.doc.element.body.append(element)
        paragraph = Paragraph(element, self.doc._body)
        if style is not None:
            if style not in self._paragraph_styles:
                found = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
                self._paragraph_styles[style] = found
            paragraph._p.style = self._paragraph_styles[style]
        return paragraph

    def heading(self, level: int, text: str, src: SourcePath = ()) -> Paragraph:
        """A heading (Heading 1-4) with a bookmark for the table of contents; [^id] marks allowed."""
        if self.headings and level > self.headings[-1].level + 1:
            raise ValueError(f"heading level {level} after {self.headings[-1].level}: {text!r}")
        if not self.headings and level != 1:
            raise ValueError("the first heading must be level 1")
        p = self.paragraph(f"Heading {level}")
        inlines = parse_inline(self.clean(text, src))
        self.inlines(p, inlines, src)
        bookmark = f"_Toc{len(self.headings) + 1:05d}"
        self.bookmarks.wrap(p, bookmark)
        self.headings.append(HeadingRef(level, inline_text(inlines).strip(), bookmark))
        return p

    def text(self, text: str, src: SourcePath, style: str | None = None, *, bold: bool = False) -> Paragraph:
        """A paragraph of plain text (no Markdown), e.g. a sample post."""
        p = self.paragraph(style)
        p.add_run(self.clean(text, src)).bold = bold or None
        return p

    def check_prose(self, source: str, src: SourcePath) -> str:
        """`source` cleaned, or the first construct outside the prose subset as a located error."""
        text = self.clean(source, src)
        require_valid_prose(text, dotted(src), self.locate(src))
        return text

    def prose(
        self,
        source: str,
        src: SourcePath,
        *,
        style: str | None = None,
        first: Callable[[Paragraph], None] | None = None,
        lead: str | None = None,
    ) -> list[Paragraph]:
        """Markdown paragraphs and lists; `lead` is a bold run-in before the first paragraph,
        `first` writes anything else there (a note's number)."""
        prose = parse(self.check_prose(source, src))

        def start(p: Paragraph) -> None:
            if first is not None:
                first(p)
            if lead is not None:
                p.add_run(lead).bold = True
                p.add_run(" ")

        return write_blocks(
            self.paragraph,
            prose.blocks,
            note=lambda p, note_id: self.note_ref(p, note_id, src),
            styles=DocxStyles(paragraph=style, link=self.link_style),
            first=start,
        )

    def inline(self, paragraph: Paragraph, source: str, src: SourcePath) -> None:
        """Append one line of Markdown to `paragraph` (line breaks become spaces)."""
        # only ASCII whitespace folds: babel's thin and no-break spaces are meant
        text = re.sub(r"[ \t\r\n]+", " ", self.check_prose(source, src)).strip()
        self.inlines(paragraph, parse_inline(text), src)

    def inlines(self, paragraph: Paragraph, inlines: Sequence[Inline], src: SourcePath) -> None:
        write_inlines(
            paragraph,
            tuple(inlines),
            note=lambda p, note_id: self.note_ref(p, note_id, src),
            link_style=self.link_style,
        )

    def link(
        self,
        paragraph: Paragraph,
        text: str,
        url: str,
        src: SourcePath,
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        add_hyperlink(
            paragraph,
            self.clean(text, src),
            url=self.check_url(url, src),
            run_style=self.link_style,
            bold=bold,
            italic=italic,
        )

    def kit_link(self, paragraph: Paragraph, text: str, href: str) -> None:
        """A link to one of the kit's own files (htpm.kitlinks: relative to the kit folder, or
        absolute under the configured base address); htpm makes the address, so it is not checked
        as a config's address is."""
        add_hyperlink(paragraph, text, url=href, run_style=self.link_style)

    def link_or_blank(
        self, paragraph: Paragraph, text: str, url: str | None, src: SourcePath, *, text_key: str = "text"
    ) -> None:
        """A link to `url`, or, while its address is unknown, its text as a fill-in (highlighted,
        as an open blank is; the lint's link-target-unknown rule names it)."""
        if url:
            self.link(paragraph, text, url, (*src, "url"))
        else:
            self.inlines(paragraph, (FillIn(LINK_FILL_IN, self.clean(text, (*src, text_key))),), src)

    def note_ref(self, paragraph: Paragraph, note_id: str, src: SourcePath) -> None:
        if note_id not in self.notes.known:
            raise HtpmError(
                f"{dotted(src)}: no endnote with id {note_id!r} (see endnotes:)", self.locate(src)
            )
        number = self.notes.number(note_id)
        add_hyperlink(paragraph, to_roman(number), anchor=f"endnote_{number}", run_style=self.note_style)

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        self.bookmarks.wrap(paragraph, name)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
        """A table with a repeating header row (marked as such for screen readers)."""
        if self.doc.paragraphs:  # what introduces the table stays on its page
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(header), style="Toolkit Table")
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Inches(width)  # the grid, which LibreOffice follows
        for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.text = text
            cell.width = Inches(width)
        indent = OxmlElement("w:tblInd")  # the cell's left padding: the table's edge on the margin
        indent.set(qn("w:w"), str(TABLE_CELL_PADDING))
        indent.set(qn("w:type"), "dxa")
        table._tbl.tblPr.append(indent)
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tbl_header = OxmlElement("w:tblHeader")
        tbl_header.set(qn("w:val"), "true")
        tr_pr.append(tbl_header)
        for values in rows:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, values, widths, strict=True):
                cell.text = text
                cell.width = Inches(width)
        return table

    def image(self, path: Path, alt: str, width_in: float, style: str | None = None) -> Paragraph:
        p = self.paragraph(style)
        shape = p.add_run().add_picture(str(path), width=Inches(width_in))
        set_alt_text(shape, alt)
        return p

    def page_break(self) -> None:
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)
