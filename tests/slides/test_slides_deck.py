"""The presentation deck and its template, read back with python-pptx as PowerPoint reads them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from htpm.artifacts import BuildContext
from htpm.build import build
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.generators import slides
from htpm.pdf import soffice_available
from htpm.prose import parse, plain
from tests.conftest import CONFIG_2023, WATER_SAFETY

FIXED = 6  # title, about the month, goals, hotline, how to take part, closing


def deck_of(campaign: Campaign) -> bytes:
    return {a.path: a.data for a in slides.generate(campaign, BuildContext())}[slides.DECK]


def read(data: bytes):  # noqa: ANN201 - a python-pptx Presentation
    return Presentation(io.BytesIO(data))


def title_of(slide) -> str:  # noqa: ANN001
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def text_of(slide) -> str:  # noqa: ANN001
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def pictures(slide) -> list:  # noqa: ANN001
    return [
        s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE or s._element.tag == qn("p:pic")
    ]


@pytest.fixture(scope="module")
def deck_2023(campaign_2023: Campaign):  # noqa: ANN201
    return read(deck_of(campaign_2023))


def test_one_slide_per_week_around_the_fixed_ones(deck_2023, campaign_2023: Campaign) -> None:  # noqa: ANN001
    assert len(deck_2023.slides) == FIXED + len(campaign_2023.weeks) == 10


def test_every_slide_has_a_unique_title(deck_2023) -> None:  # noqa: ANN001
    titles = [title_of(s) for s in deck_2023.slides]
    assert all(t.strip() for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    assert titles[0] == "National Human Trafficking Prevention Month 2023"
    assert titles[1] == "About Human Trafficking Prevention Month"
    assert titles[-1] == "Learn how you can #Partner2Prevent"


def test_week_slides_hold_their_title_dates_and_resources(deck_2023, campaign_2023: Campaign) -> None:  # noqa: ANN001
    for week in campaign_2023.weeks:
        slide = deck_2023.slides[2 + week.number]
        assert title_of(slide) == f"Week {week.number}: {week.week.title}"
        text = text_of(slide)
        assert campaign_2023.date_range(week.start, week.end) in text
        assert f"Audience: {week.week.audience}" in text
        resources = text.split("Resources:\n", 1)[1].splitlines()
        assert 2 <= len(resources) <= 3, resources
        # the resources are bulleted, the lines above them are not
        paragraphs = slide.placeholders[1].text_frame.paragraphs
        unbulleted = [p.text for p in paragraphs if p._p.find(f"{qn('a:pPr')}/{qn('a:buNone')}") is not None]
        assert unbulleted[-1] == "Resources:" and not set(resources) & set(unbulleted)
    assert "SOAR Online: SOAR for Indigenous Communities" in text_of(deck_2023.slides[4])


def test_speaker_notes_carry_the_introductions(deck_2023, campaign_2023: Campaign) -> None:  # noqa: ANN001
    for slide in deck_2023.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    for week in campaign_2023.weeks:
        notes = deck_2023.slides[2 + week.number].notes_slide.notes_text_frame.text
        assert " ".join(notes.split()) == plain(parse(week.week.introduction or ""))


def test_pictures_have_alt_text_and_text_is_in_placeholders(deck_2023) -> None:  # noqa: ANN001
    found = 0
    for slide in deck_2023.slides:
        for picture in pictures(slide):
            found += 1
            assert picture._element.find(f".//{qn('p:cNvPr')}").get("descr") == (
                "U.S. Department of Health and Human Services"
            )
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert shape.is_placeholder, (title_of(slide), shape.name)
    assert found == 2  # the logo on the title and closing slides


def test_reading_order_is_the_visual_order(deck_2023) -> None:  # noqa: ANN001
    """Shapes in the tree's order (what a screen reader follows) go top to bottom, and left to right
    within a row (the two columns of how to take part)."""
    for slide in deck_2023.slides:
        shapes = [s for s in slide.shapes if s.has_text_frame or s in pictures(slide)]
        assert shapes[0] == slide.shapes.title
        for before, after in zip(shapes, shapes[1:], strict=False):
            assert after.top > before.top or (after.top == before.top and after.left > before.left)


def test_language_and_properties(deck_2023) -> None:  # noqa: ANN001
    assert deck_2023.core_properties.title == "Human Trafficking Prevention Month 2023: presentation"
    assert deck_2023.core_properties.language == "en-US"
    langs = {r.get("lang") for slide in deck_2023.slides for r in slide._element.iter(qn("a:rPr"))}
    assert langs == {"en-US"}


def test_theme_colours_come_from_the_palette(campaign_2023: Campaign) -> None:
    data = {a.path: a.data for a in slides.generate(campaign_2023, BuildContext())}
    for path in (slides.DECK, slides.TEMPLATE):
        prs = read(data[path])
        theme = prs.slide_master.part.part_related_by(slides.THEME_REL).blob.decode()
        palette = campaign_2023.config.branding.palette
        assert re.search(rf'<a:accent1><a:srgbClr val="{palette.primary[1:]}"', theme)
        assert re.search(rf'<a:accent3><a:srgbClr val="{palette.accent[1:]}"', theme)


def test_the_template_is_the_branded_master_with_empty_layouts(campaign_2023: Campaign) -> None:
    data = {a.path: a.data for a in slides.generate(campaign_2023, BuildContext())}
    prs = read(data[slides.TEMPLATE])
    assert len(prs.slides) == 0
    names = [layout.name for layout in prs.slide_layouts]
    assert {"Title Slide", "Title and Content", "Two Content", "Section Header"} <= set(names)
    logos = [pic for layout in prs.slide_layouts for pic in layout.shapes._spTree.iter(qn("p:pic"))]
    assert len(logos) == 2
    assert all(p.find(f".//{qn('p:cNvPr')}").get("descr") for p in logos)
    assert prs.core_properties.title.endswith("presentation template")


def test_same_config_same_bytes(campaign_2023: Campaign) -> None:
    first = slides.generate(campaign_2023, BuildContext())
    second = slides.generate(load_campaign(CONFIG_2023), BuildContext())
    assert [(a.path, a.data) for a in first] == [(a.path, a.data) for a in second]


def test_water_safety_has_five_weeks_and_no_trafficking_words(water_safety: Campaign) -> None:
    prs = read(deck_of(water_safety))
    assert len(prs.slides) == FIXED + 5
    weeks = [title_of(s) for s in prs.slides if title_of(s).startswith("Week ")]
    assert weeks == [f"Week {w.number}: {w.week.title}" for w in water_safety.weeks]
    words = " ".join(
        text_of(s) + " " + (s.notes_slide.notes_text_frame.text if s.has_notes_slide else "")
        for s in prs.slides
    )
    words += " " + prs.core_properties.title
    assert "Swim Smart Together" in words
    assert water_safety.date_range(water_safety.weeks[4].start, water_safety.weeks[4].end) in words
    for word in ("traffick", "HHS", "January", "hotline"):
        assert word.casefold() not in words.casefold().replace("pool safety line", ""), word
    # no logo in this config: no picture, and the empty logo placeholder is removed
    assert not [p for s in prs.slides for p in pictures(s)]
    assert not [
        s
        for slide in prs.slides
        for s in slide.placeholders
        if not s.has_text_frame or not s.text_frame.text.strip()
    ]


def test_a_base_without_the_layouts_is_a_problem(tmp_path: Path) -> None:
    shutil.copy(WATER_SAFETY, tmp_path / "config.yaml")
    (tmp_path / "slides").mkdir()
    prs = Presentation()
    prs.save(str(tmp_path / "slides" / "base.pptx"))
    problems = slides.check(load_campaign(tmp_path / "config.yaml"))
    assert [p.message for p in problems] == [
        "slides/base.pptx: layout 'Title Slide' lacks placeholder(s) idx 13"
    ]
    (tmp_path / "slides" / "base.pptx").write_bytes(b"not a zip")
    problems = slides.check(load_campaign(tmp_path / "config.yaml"))
    assert [p.message for p in problems] == [
        "slides/base.pptx: not a PowerPoint (.pptx) file (PackageNotFoundError)"
    ]


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice not installed")
def test_pdf_comes_from_the_same_libreoffice_batch(tmp_path: Path, campaign_2023: Campaign) -> None:
    result = build(CONFIG_2023, tmp_path, only=["slides", "proclamation"], pdf=True, lint=False)
    assert not [w for w in result.warnings if w.kind == "pdf"]
    reader = PdfReader(tmp_path / "slides" / "presentation.pdf")
    assert len(reader.pages) == FIXED + len(campaign_2023.weeks)
    assert "Week 2: Social Service Providers" in reader.pages[4].extract_text()
    assert (tmp_path / "proclamation" / "proclamation.pdf").is_file()
