"""`htpm build`'s blank: placeholders visibly marked, text and metadata right, bytes repeatable."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from proclamation_helpers import PRIVATE_USE, docx_texts, xml_parts

from htpm.artifacts import BuildContext
from htpm.generators.proclamation import generate


@pytest.fixture(scope="module")
def artifacts(water_safety):  # type: ignore[no-untyped-def]
    ctx = BuildContext()
    made = {a.path: a.data for a in generate(water_safety, ctx)}
    assert ctx.warnings == []
    return made


def test_paths(artifacts) -> None:  # type: ignore[no-untyped-def]
    assert sorted(artifacts) == ["proclamation/proclamation.docx", "proclamation/proclamation.md"]


def test_blank_text_shows_each_blank(artifacts) -> None:  # type: ignore[no-untyped-def]
    texts = docx_texts(artifacts["proclamation/proclamation.docx"])
    assert "Water Safety Month Proclamation" in texts
    assert (
        "Whereas drowning is preventable and [Organization] is committed to teaching every child to swim;"
        in texts
    )
    assert (
        "Now, therefore, I, as (title) of (city or county), do hereby proclaim May (2025) as"
        " Water Safety Month." in texts
    )
    # the signature block: a rule and "Date"; a rule to sign on, the signer's name and title under it
    assert texts[-5:] == ["", "Date", "", "", "(title)"]
    assert "Signature, Title" not in texts
    assert "National Water Safety Month 2025" in texts  # letterhead
    for xml in xml_parts(artifacts["proclamation/proclamation.docx"]).values():
        assert not PRIVATE_USE.search(xml)
        assert "{{" not in xml and "{%" not in xml


def test_placeholders_and_only_they_are_highlighted(artifacts) -> None:  # type: ignore[no-untyped-def]
    doc = Document(io.BytesIO(artifacts["proclamation/proclamation.docx"]))
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted == ["[Organization]", "(title)", "(city or county)", "(2025)"]
    marked = [r for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert {r.font.highlight_color for r in marked} == {WD_COLOR_INDEX.YELLOW}
    assert {p.style.name for p in doc.paragraphs if "[Organization]" in p.text} == {"Whereas"}


def test_title_language_and_fixed_dates(artifacts) -> None:  # type: ignore[no-untyped-def]
    doc = Document(io.BytesIO(artifacts["proclamation/proclamation.docx"]))
    assert doc.core_properties.title == "Water Safety Month Proclamation"
    assert doc.core_properties.language == "en-US"
    assert doc.core_properties.created.year == 2025 and doc.core_properties.created.month == 5
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-US"


def test_same_config_same_bytes(water_safety, artifacts) -> None:  # type: ignore[no-untyped-def]
    again = {a.path: a.data for a in generate(water_safety, BuildContext())}
    assert again == artifacts


def test_markdown(artifacts) -> None:  # type: ignore[no-untyped-def]
    md = artifacts["proclamation/proclamation.md"].decode("utf-8")
    assert md.startswith("# Water Safety Month Proclamation\n")
    assert "Whereas drowning is preventable and **\\[Organization\\]** is committed" in md
    assert "I, as **(title)** of **(city or county)**, do hereby proclaim May **(2025)** as" in md
    assert "Water Safety Month.\n\n**(title)**\n\nDate: ____" in md
    assert "Signature, Title" not in md
    assert "| `year` | Year | (2025) | yes | 120 | 2025 |" in md


def test_no_proclamation_no_files(water_safety) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    config = water_safety.config.model_copy(update={"proclamation": None})
    assert generate(replace(water_safety, config=config), BuildContext()) == []


def test_unused_placeholder_is_a_warning(water_safety) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from htpm.model import Placeholder

    proclamation = water_safety.config.proclamation
    extra = Placeholder(name="county_seat", label="Seat", blank="(seat)")
    changed = proclamation.model_copy(update={"placeholders": [*proclamation.placeholders, extra]})
    config = water_safety.config.model_copy(update={"proclamation": changed})
    ctx = BuildContext()
    generate(replace(water_safety, config=config), ctx)
    assert ctx.warnings == [
        "proclamation.placeholders: county_seat is declared but the proclamation never shows it"
    ]


def test_2023_blank(campaign_2023) -> None:  # type: ignore[no-untyped-def]
    made = {a.path: a.data for a in generate(campaign_2023, BuildContext())}
    doc = Document(io.BytesIO(made["proclamation/proclamation.docx"]))
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert "27.6 million people are subjected to human trafficking globally" in bold
    texts = docx_texts(made["proclamation/proclamation.docx"])
    assert sum(t.count("[State/Organization]") for t in texts) == 4
    assert any("(title: Governor, Mayor, etc.) of (insert State, City, County, etc.)" in t for t in texts)
    assert not any("**" in t for t in texts)
