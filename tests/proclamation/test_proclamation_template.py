"""The designer's template: reproducible, overridable per campaign, sandboxed, strict."""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from proclamation_helpers import docx_texts

from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.proclamation import compile_proclamation, fill_one
from tests.conftest import ROOT, WATER_SAFETY

VALUES = {
    "organization": "Lakeside Swim Club",
    "title": "Mayor",
    "jurisdiction": "Springfield",
    "year": "2025",
}


def test_committed_template_is_what_the_script_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "scripts" / "make_proclamation_template.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.make() == (ROOT / "templates" / "proclamation" / "proclamation.docx").read_bytes()


def _campaign_with_template(tmp_path: Path, paragraphs: list[str], header: str | None = None):  # type: ignore[no-untyped-def]
    shutil.copy(WATER_SAFETY, tmp_path / "config.yaml")
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    (tmp_path / "proclamation").mkdir()
    doc.save(tmp_path / "proclamation" / "proclamation.docx")
    return load_campaign(tmp_path / "config.yaml")


def test_a_campaign_overrides_the_template(tmp_path: Path) -> None:
    campaign = _campaign_with_template(
        tmp_path,
        [
            "{{ title }}",
            "{%p for clause in whereas %}",
            "Clause: {{ clause }}.",
            "{%p endfor %}",
            "{{ resolution }}",
        ],
        header="Office of the {{ fields.title }} of {{ fields.jurisdiction }}",
    )
    data = fill_one(campaign, VALUES)
    assert docx_texts(data) == [
        "Water Safety Month Proclamation",
        "Clause: Whereas drowning is preventable and Lakeside Swim Club is committed to teaching every child"
        " to swim;.",
        "Clause: Whereas lifeguards and parents keep our lakes and pools safe;.",
        "Now, therefore, I, as Mayor of Springfield, do hereby proclaim May 2025 as Water Safety Month.",
    ]
    doc = Document(io.BytesIO(data))
    assert doc.sections[0].header.paragraphs[0].text == "Office of the Mayor of Springfield"


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{{ seal_image }}", "proclamation template: 'seal_image' is undefined"),
        (
            "{{ title.__class__.__mro__ }}",
            "proclamation template tried something unsafe: access to attribute",
        ),
        ("{{ labels.nonexistent }}", "proclamation template: 'dict object' has no attribute 'nonexistent'"),
        ("{% for x in whereas %}", "proclamation template: syntax error"),
    ],
)
def test_template_mistakes_are_one_line_errors(tmp_path: Path, tag: str, message: str) -> None:
    campaign = _campaign_with_template(tmp_path, ["{{ title }}", tag])
    with pytest.raises(HtpmError) as info:
        compile_proclamation(campaign)
    assert info.value.message.startswith(message)
    assert info.value.location.file.endswith("proclamation.docx")


def test_not_a_word_document(tmp_path: Path) -> None:
    campaign = _campaign_with_template(tmp_path, [])
    (tmp_path / "proclamation" / "proclamation.docx").write_bytes(b"not a zip")
    with pytest.raises(HtpmError, match="proclamation template: not a Word"):
        compile_proclamation(campaign)


def test_combined_keeps_drawing_ids_unique(tmp_path: Path) -> None:
    import re

    from PIL import Image
    from proclamation_helpers import xml_parts

    Image.new("RGB", (8, 8), "navy").save(tmp_path / "seal.png")
    campaign = _campaign_with_template(tmp_path, ["{{ title }}", "{{ resolution }}"])
    doc = Document(tmp_path / "proclamation" / "proclamation.docx")
    doc.add_picture(str(tmp_path / "seal.png"))
    doc.save(tmp_path / "proclamation" / "proclamation.docx")
    data = compile_proclamation(campaign).fill_combined([VALUES, VALUES, VALUES])
    ids = re.findall(r'<wp:docPr [^>]*?\bid="(\d+)"', xml_parts(data)["word/document.xml"])
    assert len(ids) == 3 and len(set(ids)) == 3
    assert len(Document(io.BytesIO(data)).inline_shapes) == 3
