"""Shared helpers for the proclamation tests: read a .docx back as text, and expected text."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from htpm.campaign import Campaign
from htpm.proclamation import blank_docx

PRIVATE_USE = re.compile("[\ue000-\ue01f]")


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text in document order (tables included), as python-docx reads it."""
    doc = Document(io.BytesIO(data))
    return [Paragraph(p, doc).text for p in doc.element.body.iter(qn("w:p"))]


def expected_texts(campaign: Campaign, values: Mapping[str, str]) -> list[str]:
    """The blank's text with each placeholder's blank replaced by its value."""
    texts = docx_texts(blank_docx(campaign))
    seal = campaign.label("proclamation.seal_area")
    texts = ["" if t == seal else t for t in texts]  # the seal box is the blank's only
    for placeholder in campaign.config.proclamation.placeholders:
        texts = [t.replace(placeholder.blank, values.get(placeholder.name, "")) for t in texts]
    return texts


def xml_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels"))
        }


def assert_filled(campaign: Campaign, data: bytes, values: Mapping[str, str]) -> None:
    """Reopens; text equals the blank with each placeholder replaced; no blank or marker left."""
    texts = docx_texts(data)
    assert texts == expected_texts(campaign, values)
    joined = "\n".join(texts)
    for placeholder in campaign.config.proclamation.placeholders:
        if placeholder.blank not in values.values():
            assert placeholder.blank not in joined
    for name, xml in xml_parts(data).items():
        assert not PRIVATE_USE.search(xml), name
