"""What a reader and a designer see in toolkit.docx: live links, visible blanks for lost ones,
no line printed twice, a base.docx saved by LibreOffice, and the colour rule (no PDF needed,
except for the LibreOffice round trip)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from toolkit_helpers import open_docx, outline

from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.generators.toolkit import build_document
from htpm.generators.toolkit.document import REQUIRED_STYLES
from htpm.lint import lint_campaign
from htpm.paths import templates_dir
from htpm.pdf import soffice_available
from htpm.social.urls import find_links

CONFIGS = Path(__file__).resolve().parents[2] / "campaign_configs"
BASE = templates_dir() / "toolkit" / "base.docx"


@pytest.fixture(scope="module")
def doc(campaign_2023: Campaign) -> Any:  # noqa: ANN401
    return open_docx(build_document(campaign_2023, lambda _m: None, None).data)


def _unlinked_text(paragraph: Any) -> str:  # noqa: ANN401
    """The words of a paragraph outside its hyperlinks."""
    return "".join(
        t.text or ""
        for t in paragraph._p.iter(qn("w:t"))
        if next(t.iterancestors(qn("w:hyperlink")), None) is None
    )


def _paragraphs(document: Any) -> list[Any]:  # noqa: ANN401
    cells = [p for table in document.tables for row in table.rows for c in row.cells for p in c.paragraphs]
    return [*document.paragraphs, *cells]


def test_every_web_address_in_the_text_is_a_link(doc: Any) -> None:  # noqa: ANN401
    plain = [(p.text, found.url) for p in _paragraphs(doc) for found in find_links(_unlinked_text(p))]
    assert plain == []
    linked = {h.address for p in doc.paragraphs for h in p.hyperlinks if h.address}
    assert "https://acf.hhs.gov/otip" in linked  # the proclamation's "visit acf.hhs.gov/otip"
    assert "https://train.org/main/course/1107319" in linked  # a post's bare domain


def test_link_texts_without_an_address_are_fill_ins_named_by_the_lint(
    doc: Any,
    campaign_2023: Campaign,  # noqa: ANN401
) -> None:
    # the English document's (the lint also names those of the Spanish translation, in its own lines)
    spanish = campaign_2023.locate(("translations",)).line
    findings = [
        f
        for f in lint_campaign(campaign_2023)
        if f.rule_id == "link-target-unknown"
        and not (f.location.file.endswith("2023.yaml") and f.location.line >= spanish)
        and "es-US" not in f.location.file
    ]
    named = {f.match for f in findings}
    assert {
        "OTIP Connect",
        "@ACFHHS",
        "Starter Guide",
        "confidentiality policy",
        "hotline statistics",
    } <= named
    assert all(f.severity == "warning" and f.location.line > 0 for f in findings)
    confidentiality = next(f for f in findings if f.match == "confidentiality policy")
    assert confidentiality.message == "link 'confidentiality policy' has no address; it is shown as a fill-in"
    highlighted = {
        run.text
        for p in doc.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    }
    assert named <= highlighted
    # the slides engineer's paragraphs stay plain until they point at the kit's files
    for text in ("virtual meeting backgrounds", "PowerPoint template", "editable template"):
        assert text not in named


def test_the_hotline_box_does_not_repeat_the_paragraphs_below_it(doc: Any) -> None:  # noqa: ANN401
    box = [p.text for p in doc.paragraphs if p.style.name == "Callout"]
    assert box == [
        "National Human Trafficking Hotline",
        "Call: 1-888-373-7888",
        "Text: 233733 (BEFREE)",
        "Live Chat",
        "TTY: 711",
    ]


def test_social_media_holds_sample_graphics_then_sample_content(doc: Any) -> None:  # noqa: ANN401
    headings = outline(doc)
    start = headings.index((1, "Resources for Digital Engagement"))
    assert headings[start + 5 : start + 11] == [
        (2, "Social Media"),
        (3, "Sample Graphics"),
        (3, "Sample Content"),
        (4, "Primary Hashtag"),
        (4, "Secondary Hashtags"),
        (1, "Human Trafficking Prevention Month Focus Weeks"),
    ]


def _campaign_with_base(tmp_path: Path, base: Path, colours: str | None = None) -> Campaign:
    """The 2023 campaign with a base.docx of its own beside the config."""
    for item in CONFIGS.iterdir():
        if item.name.startswith("2023"):
            (shutil.copytree if item.is_dir() else shutil.copy)(item, tmp_path / item.name)
    (tmp_path / "toolkit").mkdir()
    shutil.copy(base, tmp_path / "toolkit" / "base.docx")
    if colours:
        data = yaml.safe_load((tmp_path / "2023.yaml").read_text(encoding="utf-8"))
        data["branding"]["document_colours"] = colours
        (tmp_path / "2023.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_campaign(tmp_path / "2023.yaml")


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")
def test_a_base_document_saved_by_libreoffice_builds_the_same_document(
    tmp_path: Path,
    doc: Any,
    campaign_2023: Campaign,  # noqa: ANN401
) -> None:
    saved = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(saved), str(BASE)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = docx.Document(str(saved / "base.docx"))
    names = {s.name for s in resaved.styles}
    assert "toc 1" not in names and "TOC 1" in names  # LibreOffice's spelling: found all the same
    campaign = _campaign_with_base(tmp_path / "campaign", saved / "base.docx")
    again = open_docx(build_document(campaign, lambda _m: None, None).data)
    assert outline(again) == outline(doc)
    assert [p.style.name for p in again.paragraphs] == [p.style.name for p in doc.paragraphs]


def test_a_missing_style_is_one_line_naming_it_and_the_file(tmp_path: Path) -> None:
    base = docx.Document(str(BASE))
    style = base.styles["toc 2"]
    style.element.getparent().remove(style.element)
    broken = tmp_path / "broken.docx"
    base.save(str(broken))
    campaign = _campaign_with_base(tmp_path / "campaign", broken)
    with pytest.raises(HtpmError) as info:
        build_document(campaign, lambda _m: None, None)
    where = tmp_path / "campaign" / "toolkit" / "base.docx"
    assert str(info.value) == f"{where}: base document lacks the style(s) toc 2"
    assert "toc 2" in REQUIRED_STYLES


def _heading_colour(document: Any) -> str:  # noqa: ANN401
    return str(document.styles["Heading 1"].font.color.rgb)


def test_headings_take_the_palette_on_htpm_base_and_a_designer_base_keeps_its_own(
    tmp_path: Path,
    doc: Any,
    campaign_2023: Campaign,  # noqa: ANN401
) -> None:
    primary = campaign_2023.config.branding.palette.primary.lstrip("#").upper()
    designer = docx.Document(str(BASE))
    designer.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor.from_string("7A1F5C")
    own = tmp_path / "own.docx"
    designer.save(str(own))
    kept = _campaign_with_base(tmp_path / "auto", own)
    assert _heading_colour(open_docx(build_document(kept, lambda _m: None, None).data)) == "7A1F5C"
    asked = _campaign_with_base(tmp_path / "palette", own, colours="palette")
    assert _heading_colour(open_docx(build_document(asked, lambda _m: None, None).data)) == primary
    assert _heading_colour(doc) == primary  # htpm's own base: the palette, by default
