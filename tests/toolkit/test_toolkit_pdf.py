"""toolkit.pdf through LibreOffice, checked with pypdf: tagged, titled, bookmarked, linked, TOC filled.

LibreOffice runs once for the module (two conversions: measuring pages, then the PDF).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf
import pytest
from pypdf import PdfReader
from toolkit_helpers import expected_outline, open_docx

from htpm.artifacts import BuildContext
from htpm.generators.toolkit import generate
from htpm.pdf import pdf_artifacts, soffice_available

pytestmark = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def built(campaign_2023: Any) -> dict[str, Any]:  # noqa: ANN401
    ctx = BuildContext(pdf=True)
    made = generate(campaign_2023, ctx)
    artifacts = {a.path: a.data for a in [*made, *pdf_artifacts(made, ctx)]}
    reader = PdfReader(io.BytesIO(artifacts["toolkit.pdf"]))
    pages = [page.extract_text() or "" for page in reader.pages]
    return {"ctx": ctx, "artifacts": artifacts, "reader": reader, "pages": pages}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_both_files_and_no_warnings(built: dict[str, Any]) -> None:
    assert sorted(built["artifacts"]) == ["toolkit.docx", "toolkit.pdf"]
    assert built["ctx"].warnings == []
    assert len(built["reader"].pages) > 10


def test_title_language_and_tags(built: dict[str, Any], campaign_2023: Any) -> None:  # noqa: ANN401
    reader = built["reader"]
    assert reader.metadata.title == "National Human Trafficking Prevention Month Toolkit 2023"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert "/StructTreeRoot" in root  # tagged PDF
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_links_are_annotations(built: dict[str, Any]) -> None:
    uris = []
    for page in built["reader"].pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot["/A"]:
                uris.append(annot["/A"]["/URI"])
    assert "https://www.train.org/main/course/1107319" in uris
    assert len(uris) >= 20


def test_every_heading_is_printed_and_no_error_text(built: dict[str, Any], campaign_2023: Any) -> None:  # noqa: ANN401
    text = _squash(" ".join(built["pages"]))
    for _, heading in expected_outline(campaign_2023):
        assert _squash(heading) in text, heading
    assert "Error!" not in text
    assert "Bookmark not defined" not in text


def test_toc_numbers_are_the_pages_the_headings_are_on(built: dict[str, Any]) -> None:
    document = open_docx(built["artifacts"]["toolkit.docx"])
    entries = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert entries
    pages = built["pages"]
    first_body_page = min(int(e.rsplit("\t", 1)[1]) for e in entries)
    # the contents start on page 2 and may run over more than one page
    toc_text = _squash(" ".join(pages[1 : first_body_page - 1]))
    assert "Table of Contents" in _squash(pages[1])
    for entry in entries:
        title, number = entry.rsplit("\t", 1)
        assert number.isdigit(), entry
        # printed in the PDF's TOC with its number, and the heading is on that page
        assert re.search(re.escape(_squash(title)) + r"\s*\.*\s*" + number, toc_text), entry
        assert _squash(title) in _squash(pages[int(number) - 1]), entry


# -- PDF/UA-1 (the checkpoints docs/toolkit.md lists as tested) -------------------------------
def _pike(built: dict[str, Any]) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(built["artifacts"]["toolkit.pdf"]))


def _elements(node: Any) -> Iterator[Any]:  # noqa: ANN401 - pikepdf structure elements
    kids = node.get("/K")
    for kid in [] if kids is None else kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _standard(pdf: pikepdf.Pdf, element: Any) -> str:  # noqa: ANN401
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    kind = element.S
    return str(role_map.get(kind, kind))


def test_pdfua_identification_title_and_language_in_xmp(built: dict[str, Any]) -> None:
    pdf = _pike(built)
    xmp = pdf.open_metadata()
    assert xmp["pdfuaid:part"] == "1"
    assert xmp["dc:title"] == "National Human Trafficking Prevention Month Toolkit 2023"
    assert set(xmp["dc:language"]) == {"en-US"}  # an rdf:Bag (a list in pikepdf 9, a set in 10)
    assert str(pdf.Root.Lang) == "en-US"
    assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
    assert "2000-01-01" in xmp["xmp:CreateDate"]  # fixed, like the document information


def test_tab_order_is_the_name_s_on_every_page_with_annotations(built: dict[str, Any]) -> None:
    pdf = _pike(built)
    with_annots = [page.obj for page in pdf.pages if "/Annots" in page.obj]
    assert len(with_annots) > 10
    for page in with_annots:
        assert isinstance(page.Tabs, pikepdf.Name) and page.Tabs == pikepdf.Name.S


def test_bookmarks_are_the_heading_text_alone(built: dict[str, Any], campaign_2023: Any) -> None:  # noqa: ANN401
    titles: list[str] = []

    def walk(items: list) -> None:  # noqa: ANN001
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(_squash(str(item.title)).strip())

    walk(built["reader"].outline)
    assert titles == [_squash(text) for _, text in expected_outline(campaign_2023)]
    assert "Guidelines for Messaging and Images" in titles  # not "...Imagesi": the mark is left out


def test_endnotes_are_notes_with_ids(built: dict[str, Any], campaign_2023: Any) -> None:  # noqa: ANN401
    pdf = _pike(built)
    notes = [e for e in _elements(pdf.Root.StructTreeRoot) if _standard(pdf, e) == "/Note"]
    assert len(notes) == len(campaign_2023.config.endnotes)
    ids = [str(e.ID) for e in notes]
    assert len(set(ids)) == len(ids) and all(ids)


def test_figures_have_alt_text_and_table_headers_a_scope(built: dict[str, Any]) -> None:
    pdf = _pike(built)
    elements = list(_elements(pdf.Root.StructTreeRoot))
    figures = [e for e in elements if _standard(pdf, e) == "/Figure"]
    assert figures and all(str(e.get("/Alt", "")).strip() for e in figures)
    headers = [e for e in elements if _standard(pdf, e) == "/TH"]
    assert len(headers) == 5  # the awareness days' 2 and the focus weeks' 3 column headers
    for header in headers:
        attributes = header.A if isinstance(header.A, pikepdf.Array) else [header.A]
        assert any(a.get("/O") == "/Table" and a.get("/Scope") == "/Column" for a in attributes)


# -- the contents page and the layout, read as pdftotext reads them ---------------------------
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "toolkit.pdf"
    path.write_bytes(pdf)
    count = len(PdfReader(path).pages)
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@needs_pdftotext
def test_contents_page_numbers_are_where_the_headings_land(built: dict[str, Any], tmp_path: Path) -> None:
    document = open_docx(built["artifacts"]["toolkit.docx"])
    entries = []
    for p in document.paragraphs:
        if re.fullmatch(r"toc \d", p.style.name if p.style is not None else "") and p.text.strip():
            words, _, number = p.text.rpartition("\t")
            entries.append((_squash(words), int(number)))
    assert len(entries) >= 40
    pages = _page_texts(built["artifacts"]["toolkit.pdf"], tmp_path)
    assert [n for _, n in entries] == sorted(n for _, n in entries)
    for words, number in entries:  # the heading starts a line of its page (it may wrap)
        lines = [_squash(line) for line in pages[number - 1].splitlines() if line.strip()]
        joined = [" ".join(lines[i : i + 2]) for i in range(len(lines))]
        assert any(line.startswith(words) for line in joined), (words, number)


@needs_pdftotext
def test_no_page_is_left_nearly_empty(built: dict[str, Any], tmp_path: Path) -> None:
    """No part starts a page of its own where the page before it would be mostly white: each page
    but the cover and the last reaches at least 40% down the text area (pdftotext's boxes)."""
    path = tmp_path / "toolkit.pdf"
    path.write_bytes(built["artifacts"]["toolkit.pdf"])
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True).stdout
    pages = boxes.split("<page ")[1:]
    for number, page in enumerate(pages[1:-1], start=2):
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in bottoms if 72 < y < 720]  # below the header, above the footer
        assert body and (max(body) - 72) / (720 - 72) >= 0.4, f"page {number} is nearly empty"


def test_the_package_names_htpm_with_real_counts(built: dict[str, Any]) -> None:
    data = built["artifacts"]["toolkit.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        app = ElementTree.fromstring(package.read("docProps/app.xml"))
        settings = package.read("word/settings.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ns}Application") == "htpm"
    assert int(app.findtext(f"{ns}Pages") or 0) == len(built["reader"].pages)
    words = sum(len(p.text.split()) for p in open_docx(data).paragraphs)
    assert int(app.findtext(f"{ns}Words") or 0) >= words > 5000
    assert not [n for n in names if n.startswith("customXml/") or "thumbnail" in n]
    assert b"updateFields" not in settings  # the contents are filled: Word need not ask
