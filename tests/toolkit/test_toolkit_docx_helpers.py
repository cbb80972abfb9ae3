"""htpm.docx: the Markdown subset, roman numerals, labels, XML helpers and reproducible zips."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from htpm.contrast import contrast_ratio as contrast
from htpm.docx.oxml import (
    BookmarkIds,
    TocEntry,
    add_field,
    add_hyperlink,
    document_language,
    set_core_properties,
    set_language,
    toc_field,
)
from htpm.docx.package import FIXED_TIME, document_bytes
from htpm.docx.styles import text_colour
from htpm.docx.text import illegal_characters, strip_illegal, to_roman
from htpm.labels import fill


@pytest.mark.parametrize(("n", "roman"), [(1, "i"), (2, "ii"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl")])
def test_roman(n: int, roman: str) -> None:
    assert to_roman(n) == roman


def test_fill_does_not_reach_into_objects() -> None:
    assert fill("Week {number}: {title}", number=2, title="Gear") == "Week 2: Gear"
    assert fill("{title.__class__} {missing}", title="x") == "{title.__class__} {missing}"


def test_illegal_characters() -> None:
    assert illegal_characters("a\x00b\x1fc\td\n") == ["U+0000", "U+001F"]
    assert strip_illegal("a\x07b\ufffe") == "ab"


def test_contrast() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#1A3A5F", "#FFFFFF"), 1) == 11.6
    assert text_colour("#FFD700", "#1B1B1B") == "#1B1B1B"
    assert text_colour("#00507A", "#1B1B1B") == "#00507A"


def test_hyperlink_bookmark_field_and_language_read_back() -> None:
    document = docx.Document()
    p = document.add_paragraph("See ")
    add_hyperlink(p, "the site", url="https://a.org/x", run_style="Hyperlink")
    add_hyperlink(p, "note", anchor="endnote_1")
    BookmarkIds().wrap(p, "_Toc00001")
    add_field(document.add_paragraph(), "PAGE", "3")
    set_language(document, "es-US")
    set_core_properties(
        document, title="T", language="es-US", author="A", date=__import__("datetime").datetime(2025, 5, 1)
    )
    again = docx.Document(io.BytesIO(document_bytes(document)))
    links = again.paragraphs[0].hyperlinks
    assert [(h.text, h.address, h.fragment) for h in links] == [
        ("the site", "https://a.org/x", ""),
        ("note", "", "endnote_1"),
    ]
    assert again.paragraphs[0].text == "See the sitenote"
    names = [b.get(qn("w:name")) for b in again.element.body.iter(qn("w:bookmarkStart"))]
    assert names == ["_Toc00001"]
    assert [t.text for t in again.element.body.iter(qn("w:instrText"))] == [" PAGE "]
    assert document_language(again) == "es-US"
    assert (again.core_properties.title, again.core_properties.language) == ("T", "es-US")


def test_toc_field_spans_its_entries() -> None:
    document = docx.Document()
    anchor = document.add_paragraph("Contents")
    entries = [TocEntry(1, "Intro", "_Toc1", 3), TocEntry(2, "Goals", "_Toc2", None)]
    toc_field(anchor, entries, levels=2, styles={1: "Normal", 2: "Normal"})
    paragraphs = document.paragraphs[1:]
    assert [p.text for p in paragraphs] == ["Intro\t3", "Goals"]
    kinds = [f.get(qn("w:fldCharType")) for f in document.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert paragraphs[1]._p.findall(qn("w:r"))[-1].find(qn("w:fldChar")) is not None  # ends in the last entry


def test_saved_bytes_do_not_depend_on_the_clock() -> None:
    document = docx.Document()
    document.add_paragraph("x")
    data = document_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {FIXED_TIME}
