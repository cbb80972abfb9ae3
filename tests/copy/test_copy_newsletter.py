"""Newsletter (email HTML with inlined CSS, text part, Markdown) and website copy."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from htpm.artifacts import BuildContext
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.contrast import contrast_ratio as contrast
from htpm.errors import HtpmError
from htpm.generators import copy as copy_generator
from htpm.generators.copy import GMAIL_CLIP_BYTES
from htpm.prose import parse, to_html, to_markdown, to_text

WATER_SAFETY = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"


@pytest.fixture
def make_campaign(tmp_path: Path) -> Callable[..., Campaign]:
    def make(change: Callable[[dict[str, Any]], None] = lambda _c: None) -> Campaign:
        data = copy.deepcopy(yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8")))
        change(data)
        path = tmp_path / "campaign.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_campaign(path)

    return make


def _files(campaign: Campaign) -> tuple[dict[str, bytes], list[str]]:
    ctx = BuildContext()
    return {a.path: a.data for a in copy_generator.generate(campaign, ctx)}, ctx.warnings


@pytest.mark.parametrize("which", ["water_safety", "campaign_2023"])
def test_newsletter_is_email_ready(which: str, request: pytest.FixtureRequest) -> None:
    campaign = request.getfixturevalue(which)
    files, warnings = _files(campaign)
    # no digital.image_base_url: the email leaves its header graphic out, and says so
    assert [w.kind for w in warnings] == ["email-image"]
    raw = files["copy/newsletter.html"]
    assert len(raw) < GMAIL_CLIP_BYTES
    doc = lxml.html.fromstring(raw)
    assert doc.get("lang") == campaign.locale
    container = doc.xpath("//table[contains(@class, 'container')]")[0]
    assert container.get("width") == "600" and "width:600px" in container.get("style").replace(" ", "")
    assert doc.xpath("//table[@role='presentation']")
    for element in doc.xpath("//body//p | //body//h1 | //body//a | //body//td[@class]"):
        assert element.get("style"), lxml.html.tostring(element)[:80]  # CSS inlined
    styles = [s.text_content() for s in doc.xpath("//style")]
    assert all(s.strip().startswith("@media") for s in styles)  # only media queries stay in <style>
    for img in doc.xpath("//img"):
        assert img.get("alt"), "every image has alt text"
    assert not doc.xpath("//script")
    text = files["copy/newsletter.txt"].decode("utf-8")
    assert text.startswith(doc.xpath("//h1")[0].text_content())
    for link in doc.xpath("//a[starts-with(@href, 'http')]/@href"):
        assert link in text, f"text part lacks {link}"
    assert "<" not in text.replace("<b>", "")


def test_text_part_and_markdown_keep_the_words(water_safety) -> None:  # noqa: ANN001
    files, _ = _files(water_safety)
    text = files["copy/newsletter.txt"].decode("utf-8")
    assert "find a free\nlesson on the county pools page (https://parks.example.org/pools)." in text
    assert "Call 555-0100" in text and text.endswith("Lakeside County Parks & Recreation\n")
    assert max(len(line) for line in text.splitlines() if "http" not in line) <= 72
    md = files["copy/newsletter.md"].decode("utf-8")
    assert (
        "[the county pools page](https://parks.example.org/pools)" in md and "**Swim Smart Together**" in md
    )
    website = files["copy/website.html"].decode("utf-8")
    assert website.startswith("<section") and "<html" not in website and "style=" not in website
    assert '<a href="https://parks.example.org/pools">the county pools page</a>' in website
    assert files["copy/website.md"].startswith(b"## National Water Safety Month\n")


def test_notes_are_numbered_and_listed(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign(lambda c: c["digital"]["website"].update(body="Lessons are free.[^1] Come."))
    files, _ = _files(campaign)
    html = files["copy/website.html"].decode("utf-8")
    assert "Lessons are free.<sup>1</sup> Come." in html
    assert "<h3>Notes</h3>\n<ol>\n<li>Lessons are free for county residents.</li>" in html
    assert b"[^1]: Lessons are free for county residents." in files["copy/website.md"]
    bad = make_campaign(lambda c: c["digital"]["website"].update(body="Unknown.[^nope]"))
    with pytest.raises(HtpmError, match=r"note \[\^nope\] is not among the endnotes"):
        _files(bad)


def test_config_html_and_script_links_are_refused_and_never_passed_through(make_campaign) -> None:  # noqa: ANN001
    body = "Hello\x01 <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    with pytest.raises(HtpmError, match=r"digital\.newsletter\.body: raw HTML is not allowed in prose"):
        _files(make_campaign(lambda c: c["digital"]["newsletter"].update(body=body)))
    with pytest.raises(
        HtpmError, match=r"digital\.website\.body: link target 'javascript:alert\(1\)' is not"
    ):
        _files(make_campaign(lambda c: c["digital"]["website"].update(body="[click](javascript:alert(1))")))
    # the renderers on their own pass nothing through either
    html = to_html(parse(body))
    doc = lxml.html.fromstring(f"<div>{html}</div>")
    assert not doc.xpath("//script") and not doc.xpath("//*[@onerror]") and not doc.xpath("//a")
    assert "&lt;script&gt;" in html and "\x01" not in html
    assert "<script>" not in to_markdown(parse(body)) and "\x01" not in to_text(parse(body))


def test_image_needs_alt_text_and_is_copied(make_campaign) -> None:  # noqa: ANN001
    logo = "logos/hhs-wordmark.png"
    with pytest.raises(HtpmError, match="image_alt: the image needs alt text"):
        _files(make_campaign(lambda c: c["digital"]["newsletter"].update(image=logo)))
    campaign = make_campaign(
        lambda c: (
            c["digital"]["newsletter"].update(image=logo, image_alt="The HHS wordmark"),
            c["digital"].update(image_base_url="https://cdn.example.org/campaign/"),
        )
    )
    files, _ = _files(campaign)
    img = lxml.html.fromstring(files["copy/newsletter.html"]).xpath("//img[@alt='The HHS wordmark']")[0]
    assert img.get("src") == "https://cdn.example.org/campaign/hhs-wordmark.png"
    assert int(img.get("width")) <= 552
    assert files["copy/images/hhs-wordmark.png"].startswith(b"\x89PNG")


def test_oversized_newsletter_is_reported(make_campaign) -> None:  # noqa: ANN001
    body = "\n\n".join(f"Paragraph {n} " + "word " * 40 for n in range(500))
    _files_, warnings = _files(make_campaign(lambda c: c["digital"]["newsletter"].update(body=body)))
    sized = [w for w in warnings if w.kind == "email-size"]
    assert len(sized) == 1 and "Gmail clips messages over 102 KB" in sized[0]


def test_header_colours_keep_contrast(water_safety) -> None:  # noqa: ANN001
    files, _ = _files(water_safety)
    band = lxml.html.fromstring(files["copy/newsletter.html"]).xpath("//td[contains(@class, 'band')]")[0]
    style = dict(p.split(":", 1) for p in band.get("style").replace(" ", "").split(";") if p)
    assert contrast(_long(style["color"]), _long(style["background-color"])) >= 4.5


def _long(colour: str) -> str:
    """#FFF -> #FFFFFF (the CSS inliner shortens colours)."""
    return "#" + "".join(ch * 2 for ch in colour[1:]) if len(colour) == 4 else colour


def test_rebuild_gives_identical_bytes(campaign_2023) -> None:  # noqa: ANN001
    assert _files(campaign_2023)[0] == _files(campaign_2023)[0]
