"""One page, as LibreOffice lays it out: the blank and the longest accepted fill, for both bundled
campaigns; the signature block never alone on a page; the seal box only on the blank.

"The longest accepted values": every placeholder at its `max_length`, made of the widest Latin
capitals ('WMWM...', no spaces, so nothing wraps early and every line is as full as it gets).
`max_length` is the longest value the layout takes, so this is the promise the configs make; if
a layout change breaks it, lower the `max_length` or fix the layout. Scripts with wider glyphs
(CJK, emoji) are not covered by this worst case.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Inches
from PIL import Image as PILImage
from pypdf import PdfReader

from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.pdf import convert_to_pdf, soffice_available
from htpm.proclamation import blank_docx, compile_proclamation, fill_one
from tests.conftest import ROOT, WATER_SAFETY


def longest_values(campaign: Campaign) -> dict[str, str]:
    """Every placeholder at its max_length, in the widest capitals."""
    return {p.name: ("WM" * p.max_length)[: p.max_length] for p in campaign.config.proclamation.placeholders}


def _text(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.extract_text().split())


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice not installed")
def test_one_page_blank_and_longest_fill(campaign_2023, water_safety, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    documents: dict[str, bytes] = {}
    for name, campaign in (("2023", campaign_2023), ("water-safety", water_safety)):
        documents[f"{name}-blank"] = blank_docx(campaign)
        documents[f"{name}-longest"] = fill_one(campaign, longest_values(campaign))  # accepted: checked
    # past the limits (bypassing the checks): two pages, and the resolution goes with the signatures
    too_long = {p.name: "WM" * 60 for p in campaign_2023.config.proclamation.placeholders}
    documents["2023-too-long"] = compile_proclamation(campaign_2023).fill(too_long)
    paths = []
    for name, data in documents.items():
        paths.append(tmp_path / f"{name}.docx")
        paths[-1].write_bytes(data)
    pdfs = {p.stem: PdfReader(p) for p in convert_to_pdf(paths, tmp_path / "pdf")}  # one soffice
    pages = {name: len(reader.pages) for name, reader in pdfs.items()}
    assert pages == {
        "2023-blank": 1,
        "2023-longest": 1,
        "water-safety-blank": 1,
        "water-safety-longest": 1,
        "2023-too-long": 2,
    }
    last = _text(pdfs["2023-too-long"].pages[-1])
    assert "Now, therefore, I, as" in last and "Date" in last  # never the signatures alone
    blank = _text(pdfs["water-safety-blank"].pages[0])
    assert "Seal or logo" in blank and "Month. Date (title)" in blank
    longest = _text(pdfs["water-safety-longest"].pages[0])
    assert "Seal or logo" not in longest and "Signature, Title" not in longest


def _with_signer(data: dict) -> None:  # type: ignore[type-arg]
    data["proclamation"]["placeholders"].append(
        {"name": "signer_name", "label": "Name of the signer", "blank": "(name)", "required": False}
    )


def test_signature_block_shows_the_signer(tmp_path: Path) -> None:
    campaign = _variant(tmp_path, _with_signer)
    blank = Document(io.BytesIO(blank_docx(campaign))).tables[-1].rows[0].cells[2]
    assert [p.text for p in blank.paragraphs] == ["", "(name)", "(title)"]
    assert [r.text for p in blank.paragraphs for r in p.runs if r.font.highlight_color] == [
        "(name)",
        "(title)",
    ]
    values = {
        "organization": "Lakeside Swim Club",
        "title": "Mayor",
        "jurisdiction": "Springfield",
        "signer_name": "Jane Q. Public",
    }
    doc = Document(io.BytesIO(fill_one(campaign, values)))
    signature = doc.tables[-1]
    date, _gap, sign = (cell.paragraphs for cell in signature.rows[0].cells)
    assert [p.text for p in date] == ["", "Date"]  # a rule for the date, its caption under it
    assert [p.text for p in sign] == ["", "Jane Q. Public", "Mayor"]  # the rule to sign on
    assert [p.style.name for p in sign] == ["Signer Rule", "Signer", "Signer"]
    xml = doc.element.xml
    assert "Signature, Title" not in xml
    # the resolution keeps with the signature block, whose row never splits
    resolution = next(p for p in doc.paragraphs if p.text.startswith("Now, therefore"))
    assert resolution.style.paragraph_format.keep_with_next
    assert (
        signature.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
        )
        is not None
    )


def _variant(tmp_path: Path, change) -> Campaign:  # type: ignore[no-untyped-def]
    """The water-safety campaign with `change(data)` applied to its YAML, in its own folder."""
    data = yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_campaign(tmp_path / "config.yaml")


def test_without_signer_fields_the_signature_lines(tmp_path: Path) -> None:
    def no_signer(data: dict) -> None:  # type: ignore[type-arg]
        proclamation = data["proclamation"]
        proclamation["resolution"] = proclamation["resolution"].replace("{title}", "mayor")
        proclamation["placeholders"] = [
            p for p in proclamation["placeholders"] if p["name"] not in ("title", "signer_name")
        ]

    campaign = _variant(tmp_path, no_signer)
    texts = [p.text for p in Document(io.BytesIO(blank_docx(campaign))).paragraphs]
    assert texts[-4:] == ["", "Signature, Title", "", "Date"]  # a rule and a caption per line


def _dashed(data: bytes) -> bool:
    """Whether the seal cell holds the dashed seal box (a paragraph in the bordered style)."""
    cell = Document(io.BytesIO(data)).tables[0].rows[0].cells[0]
    return any(p.style.name == "Seal Box" for p in cell.paragraphs)


def test_seal_box_only_on_the_blank(water_safety) -> None:  # type: ignore[no-untyped-def]
    blank = blank_docx(water_safety)
    filled = fill_one(water_safety, {"organization": "A", "title": "Mayor", "jurisdiction": "B"})
    assert _dashed(blank) and "Seal or logo" in Document(io.BytesIO(blank)).tables[0].rows[0].cells[0].text
    assert not _dashed(filled) and Document(io.BytesIO(filled)).tables[0].rows[0].cells[0].text == ""
    assert not Document(io.BytesIO(filled)).inline_shapes


FEW = {"organization": "A", "title": "B", "jurisdiction": "C"}


def test_a_logo_takes_the_seal_box_place(tmp_path: Path) -> None:
    shutil.copy(ROOT / "brand_assets" / "logos" / "wa-wordmark.png", tmp_path / "seal.png")

    def with_logo(data: dict) -> None:  # type: ignore[type-arg]
        data["branding"].update(logo="seal.png", logo_alt="Seal of Lakeside County")

    campaign = _variant(tmp_path, with_logo)
    for data in (blank_docx(campaign), fill_one(campaign, FEW)):
        doc = Document(io.BytesIO(data))
        assert not _dashed(data) and "Seal or logo" not in doc.element.xml
        (shape,) = doc.inline_shapes
        assert shape._inline.docPr.get("descr") == "Seal of Lakeside County"
        assert shape.width <= Inches(1.1) and shape.height <= Inches(0.85)
        assert doc.tables[0].rows[0].cells[0]._tc.xpath(".//wp:inline")  # in the seal cell
        # embedded at print resolution (300 dpi), not the 750 px of the file
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        with PILImage.open(io.BytesIO(blob)) as picture:
            assert picture.width == round(300 * shape.width / Inches(1)) < 750
    assert fill_one(campaign, FEW) == fill_one(campaign, dict(FEW))  # same bytes


def test_bundled_2023_has_its_logo_with_alt_text(campaign_2023) -> None:  # type: ignore[no-untyped-def]
    (shape,) = Document(io.BytesIO(fill_one(campaign_2023, FEW))).inline_shapes
    assert shape._inline.docPr.get("descr") == campaign_2023.config.branding.logo_alt
