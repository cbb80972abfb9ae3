"""Bad or unusual input: refused with the config line, or handled without a crash."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from toolkit_helpers import open_docx, outline

from htpm.artifacts import BuildContext
from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.generators import toolkit
from htpm.generators.toolkit import build_document
from htpm.pdf import pdf_artifacts

WATER = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"


def campaign_with(tmp_path: Path, change: Any) -> Any:  # noqa: ANN401
    data = yaml.safe_load(WATER.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_campaign(path)


def build(campaign: Any) -> tuple[Any, list[str]]:  # noqa: ANN401
    warnings: list[str] = []
    return open_docx(build_document(campaign, warnings.append, None).data), warnings


def test_a_javascript_link_in_prose_is_refused_with_its_line(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["weeks"][1]["introduction"] = "Read [the rules](javascript:alert(1)) first."

    campaign = campaign_with(tmp_path, change)
    with pytest.raises(HtpmError) as info:
        build(campaign)
    message = str(info.value)
    assert (
        "weeks.1.introduction: link target 'javascript:alert(1)' is not an http, https or mailto address"
        in message
    )
    line = campaign.locate(("weeks", 1, "introduction")).line
    assert line > 0 and message.startswith(f"{tmp_path / 'config.yaml'}:{line}")


def test_a_relative_link_is_refused_too(tmp_path: Path) -> None:
    campaign = campaign_with(tmp_path, lambda d: d["events"].update(calendar="See [events](events.html)."))
    with pytest.raises(HtpmError, match="events.calendar: link target 'events.html'"):
        build(campaign)


def test_an_unknown_endnote_is_refused(tmp_path: Path) -> None:
    campaign = campaign_with(tmp_path, lambda d: d.update(introduction="Lessons are free.[^nope]"))
    with pytest.raises(HtpmError, match=r"introduction: no endnote with id 'nope'"):
        build(campaign)


def test_control_characters_are_removed_and_named(tmp_path: Path) -> None:
    def change(d: dict) -> None:
        d["weeks"][0]["sections"][0]["posts"][0]["text"] = "Free swim\x07 lessons #SwimSmart"

    document, warnings = build(campaign_with(tmp_path, change))
    assert any(p.text == "Free swim lessons #SwimSmart" for p in document.paragraphs)
    assert len(warnings) == 1
    assert "weeks.0.sections.0.posts.0.text: removed control characters U+0007" in warnings[0]


def test_a_missing_logo_leaves_the_cover_without_it(tmp_path: Path) -> None:
    campaign = campaign_with(tmp_path, lambda d: d["branding"].update(logo="logos/none.png", logo_alt="Logo"))
    document, warnings = build(campaign)
    assert not list(document.inline_shapes)
    assert len(warnings) == 1 and "logo left off the cover" in warnings[0]
    assert document.paragraphs[0].text == "Lakeside County Parks & Recreation"


def test_a_logo_beside_the_config_gets_its_alt_text(tmp_path: Path) -> None:
    logo = Path(__file__).resolve().parents[2] / "brand_assets" / "logos" / "wa-wordmark.png"
    shutil.copy(logo, tmp_path / "mark.png")
    campaign = campaign_with(
        tmp_path, lambda d: d["branding"].update(logo="mark.png", logo_alt="Lakeside Parks")
    )
    document, _ = build(campaign)
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "Lakeside Parks"


def test_headings_take_the_palette_colour_only_when_it_reads_on_white(tmp_path: Path) -> None:
    dark, _ = build(campaign_with(tmp_path, lambda d: d["branding"]["palette"].update(primary="#123456")))
    assert str(dark.styles["Heading 1"].font.color.rgb) == "123456"
    pale, _ = build(campaign_with(tmp_path, lambda d: d["branding"]["palette"].update(primary="#FFD700")))
    assert str(pale.styles["Heading 1"].font.color.rgb) == "1A1A1A"  # the palette's dark


def test_labels_can_be_overridden_by_the_config(tmp_path: Path) -> None:
    campaign = campaign_with(tmp_path, lambda d: d.update(labels={"toolkit.goals": "Objectives"}))
    document, _ = build(campaign)
    assert (2, "Objectives") in outline(document)


def test_a_base_document_without_a_needed_style_is_refused(tmp_path: Path) -> None:
    base = docx.Document()  # python-docx's default template: no Callout, no Note Text ...
    (tmp_path / "toolkit").mkdir()
    base.save(str(tmp_path / "toolkit" / "base.docx"))
    campaign = campaign_with(tmp_path, lambda d: None)
    with pytest.raises(HtpmError, match="base document lacks the style"):
        build(campaign)


def test_without_libreoffice_the_docx_is_still_written(
    monkeypatch: pytest.MonkeyPatch, water_safety: Any
) -> None:  # noqa: ANN401
    monkeypatch.setattr(toolkit, "soffice_available", lambda: False)
    monkeypatch.setattr("htpm.pdf.find_soffice", lambda: None)
    ctx = BuildContext(pdf=True)
    artifacts = toolkit.generate(water_safety, ctx)
    assert [a.path for a in artifacts] == ["toolkit.docx"]
    assert ctx.pdf_requests == ["toolkit.docx"]
    assert pdf_artifacts(artifacts, ctx) == []
    assert ctx.warnings == ["pdf: LibreOffice (soffice) not found; wrote the .docx only"]
    document = open_docx(artifacts[0].data)
    toc = [p for p in document.paragraphs if p.style.name == "toc 1"]
    assert toc and not any(p._p.findall(f".//{qn('w:tab')}") for p in toc)  # no numbers, no dots


def test_copy_images_carry_alt_text_or_a_named_stand_in(tmp_path: Path) -> None:
    logo = Path(__file__).resolve().parents[2] / "brand_assets" / "logos" / "wa-wordmark.png"
    shutil.copy(logo, tmp_path / "banner.png")

    def change(d: dict) -> None:
        d["digital"]["newsletter"].update(image="banner.png", image_alt="Swim Smart banner")
        d["digital"]["website"].update(image="banner.png")

    document, warnings = build(campaign_with(tmp_path, change))
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts == ["Swim Smart banner", "Sample Website Content"]
    assert len(warnings) == 1 and "image banner.png has no alt text" in warnings[0]
