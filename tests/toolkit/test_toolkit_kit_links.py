"""The toolkit's paragraphs about the meeting backgrounds, the presentation and the graphics link to
the files the build writes: relative inside the kit folder, absolute under social.image_base_url."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from toolkit_helpers import open_docx

from htpm.build import build
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.generators.toolkit import build_document
from htpm.kitlinks import kit_links
from tests.conftest import CONFIG_2023

BASE = "https://kit.example.org/2023/"


def _links_under(data: bytes, heading: str) -> list[tuple[str, str]]:
    doc = open_docx(data)
    paragraphs = doc.paragraphs
    start = next(
        i for i, p in enumerate(paragraphs) if p.text == heading and p.style.name.startswith("Heading")
    )
    out = []
    for p in paragraphs[start + 1 :]:
        if p.style.name.startswith("Heading"):
            break
        out.extend((h.text, h.address) for h in p.hyperlinks)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    build(CONFIG_2023, out, only=["toolkit", "graphics", "slides"], lint=False)
    return out


def test_relative_links_reach_the_files_the_build_wrote(built: Path) -> None:
    data = (built / "toolkit.docx").read_bytes()
    meeting = _links_under(data, "Virtual Meeting Backgrounds")
    assert [a for _t, a in meeting] == [
        *(f"graphics/meeting_background/meeting-week{n}.png" for n in range(1, 5)),
        "graphics/meeting_background/meeting-theme.png",
    ]
    assert meeting[0][0] == "Meeting background, week 1: General Audiences/Foundational Resources"
    slides = _links_under(data, "PowerPoint Presentation Template")
    assert [a for _t, a in slides] == ["slides/presentation.pptx", "slides/template.pptx"]
    graphics = _links_under(data, "Sample Graphics")
    assert [a for _t, a in graphics] == [
        "graphics/index.html",
        "slides/template.pptx",
        "graphics/email_header/banner.png",
        "graphics/web_banner/banner.png",
    ]
    for _text, address in meeting + slides + graphics:
        assert (built / address).is_file(), address


def test_under_the_hosting_address_the_links_are_absolute(tmp_path: Path) -> None:
    overlay = tmp_path / "hosted.yaml"
    overlay.write_text(
        yaml.safe_dump({"extends": "htpm:2023", "social": {"image_base_url": BASE}}), encoding="utf-8"
    )
    campaign = load_campaign(overlay)
    data = build_document(campaign, lambda _m: None, None).data
    assert [a for _t, a in _links_under(data, "PowerPoint Presentation Template")] == [
        BASE + "slides/presentation.pptx",
        BASE + "slides/template.pptx",
    ]
    assert _links_under(data, "Virtual Meeting Backgrounds")[0][1] == (
        BASE + "graphics/meeting_background/meeting-week1.png"
    )


def test_a_campaign_without_meeting_layouts_gets_no_dead_links(
    campaign_2023: Campaign, tmp_path: Path
) -> None:
    overlay = tmp_path / "plain.yaml"
    overlay.write_text(
        yaml.safe_dump({"extends": "htpm:2023", "graphics": {"layouts": ["week", "theme"]}}), encoding="utf-8"
    )
    assert kit_links(load_campaign(overlay), ["meeting_backgrounds", "presentation"]) == [
        ("The presentation (PowerPoint)", "slides/presentation.pptx")
    ]
    assert len(kit_links(campaign_2023, ["meeting_backgrounds"])) == len(campaign_2023.weeks) + 1
