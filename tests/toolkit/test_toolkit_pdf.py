"""toolkit.pdf through LibreOffice, checked with pypdf: tagged, titled, bookmarked, linked, TOC filled.

LibreOffice runs once for the module (two conversions: measuring pages, then the PDF).
"""

from __future__ import annotations

import io
import re
from typing import Any

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


def test_outline_holds_the_headings(built: dict[str, Any], campaign_2023: Any) -> None:  # noqa: ANN401
    titles: list[str] = []

    def walk(items: list) -> None:  # noqa: ANN001
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(_squash(str(item.title)).strip())

    walk(built["reader"].outline)
    for _, heading in expected_outline(campaign_2023):
        assert any(t.startswith(heading) for t in titles), heading


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
