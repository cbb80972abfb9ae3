"""The email and web copy read back as a mail client or browser reads them (html.parser): images at
absolute addresses or left out with a warning, the preheader hidden, dark mode declared, the layout
inline, and nothing fetched while inlining."""

from __future__ import annotations

import copy
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from htpm.artifacts import BuildContext
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.contrast import contrast_ratio
from htpm.generators import copy as copy_generator
from htpm.generators.copy import DARK_BACKGROUND, GMAIL_CLIP_BYTES, inline_css
from tests.conftest import CONFIG_2023, WATER_SAFETY

BASE = "https://cdn.example.org/swim/copy-images/"
LOGO = "logos/hhs-wordmark.png"  # any image in brand_assets
PREHEADER_HIDING = {"display": "none", "max-height": "0", "overflow": "hidden", "mso-hide": "all"}


class Page(HTMLParser):
    """What a client sees: elements with their attributes, <style> texts, <meta> tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.text_of: dict[int, str] = {}  # index in elements -> text directly inside it
        self._open: list[int] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"
        if tag not in ("img", "meta", "br", "link"):
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        while self._open and self.elements[self._open[-1]][0] != tag:
            self._open.pop()
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
        elif self._open:
            self.text_of[self._open[-1]] = self.text_of.get(self._open[-1], "") + data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for t, attrs in self.elements if t == tag]


def declarations(style: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in style.split(";") if ":" in part)
    return {k.strip().lower(): v.strip() for k, v in pairs}


@pytest.fixture
def make_campaign(tmp_path: Path) -> Callable[..., Campaign]:
    """The config with an overlay (`extends:` the bundled 2023 campaign, or a copy of water-safety)."""

    def make(config: Path = WATER_SAFETY, overlay: dict[str, Any] | None = None) -> Campaign:
        if config == CONFIG_2023:
            parent = "htpm:2023"
        else:
            parent = "parent.yaml"
            (tmp_path / parent).write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
        data = {"extends": parent, **copy.deepcopy(overlay or {})}
        path = tmp_path / "campaign.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_campaign(path)

    return make


def _files(campaign: Campaign) -> tuple[dict[str, bytes], list[str]]:
    ctx = BuildContext()
    return {a.path: a.data for a in copy_generator.generate(campaign, ctx)}, list(ctx.warnings)


def _with_images(base: str | None) -> dict[str, Any]:
    """An overlay showing a logo and an image in both copies (under `base`, when given)."""
    block = {"image": LOGO, "image_alt": "The wordmark, large"}
    digital: dict[str, Any] = {"newsletter": block, "website": dict(block)}
    if base is not None:
        digital["image_base_url"] = base
    return {"branding": {"logo": LOGO, "logo_alt": "The wordmark"}, "digital": digital}


@pytest.mark.parametrize("config", [WATER_SAFETY, CONFIG_2023], ids=["water-safety", "2023"])
def test_with_a_base_url_every_address_in_the_email_and_the_web_copy_is_absolute(
    config: Path, make_campaign: Callable[..., Campaign]
) -> None:
    files, warnings = _files(make_campaign(config, _with_images(BASE)))
    assert not warnings
    for name in ("copy/newsletter.html", "copy/website.html"):
        page = Page(files[name].decode("utf-8"))
        images = page.all("img")
        assert len(images) == (2 if name.endswith("newsletter.html") else 1), name
        if name.endswith("newsletter.html"):  # the email header graphic comes first, in place of the logo
            assert images[0]["src"] == BASE + "email-header.png"
            assert (images[0]["width"], images[0]["height"]) == ("600", "150")
            assert "banner with this year's theme" in images[0]["alt"]
            images = images[1:]
        for img in images:
            assert img["src"] == BASE + "hhs-wordmark.png", name
            assert img["alt"].strip() and img["width"].isdigit() and img["height"].isdigit(), img
        for attrs in page.all("a"):
            assert urlsplit(attrs["href"]).scheme in ("http", "https", "mailto", "tel"), attrs["href"]
        for _tag, attrs in page.elements:
            for key in ("src", "href", "background"):
                if key in attrs:
                    assert urlsplit(attrs[key]).scheme, f"{name}: relative {key}={attrs[key]!r}"
    email = Page(files["copy/newsletter.html"].decode("utf-8"))
    assert not [a for t, a in email.elements if t == "td" and "logo-cell" in a.get("class", "")]
    assert files["copy/images/hhs-wordmark.png"].startswith(b"\x89PNG")  # still shipped, to upload
    assert files["copy/images/email-header.png"].startswith(b"\x89PNG")


def test_without_a_base_url_the_email_leaves_images_out_and_says_which(
    make_campaign: Callable[..., Campaign], tmp_path: Path
) -> None:
    files, warnings = _files(make_campaign(WATER_SAFETY, _with_images(None)))
    email = Page(files["copy/newsletter.html"].decode("utf-8"))
    assert email.all("img") == []
    assert [w.split(": ", 1)[1] for w in warnings] == [
        f"{key}: {file} is left out of copy/newsletter.html (an email shows images only from an "
        "absolute address): set digital.image_base_url to the https:// address where copy/images/ will be "
        "hosted"
        for key, file in (
            ("graphics.layouts.5", "email-header.png"),  # the banner layout draws the header
            ("digital.newsletter.image", "hhs-wordmark.png"),
        )
    ]
    assert [w.split(":")[0] for w in warnings] == [str(tmp_path / "campaign.yaml")] * 2
    assert [w.kind for w in warnings] == ["email-image", "email-image"]  # type: ignore[attr-defined]
    # the organization's name stands in for the logo
    logo_cell = next(i for i, (t, a) in enumerate(email.elements) if "logo-cell" in a.get("class", ""))
    assert email.text_of[logo_cell].strip() == "Lakeside County Parks & Recreation"
    # the website fragment keeps the image beside it, for a CMS that hosts both
    [img] = Page(files["copy/website.html"].decode("utf-8")).all("img")
    assert img["src"] == "images/hhs-wordmark.png"
    assert "copy/images/hhs-wordmark.png" in files


def test_image_file_names_are_escaped_in_addresses(
    make_campaign: Callable[..., Campaign], tmp_path: Path
) -> None:
    logo = Path(__file__).resolve().parents[2] / "brand_assets" / LOGO
    (tmp_path / "team photo #1.png").write_bytes(logo.read_bytes())
    overlay = {
        "digital": {
            "newsletter": {"image": "team photo #1.png", "image_alt": "The team"},
            "image_base_url": "https://cdn.example.org/swim",
        }
    }
    campaign = make_campaign(WATER_SAFETY, overlay)
    files, _ = _files(campaign)
    [header, img] = Page(files["copy/newsletter.html"].decode("utf-8")).all("img")
    assert header["src"] == "https://cdn.example.org/swim/email-header.png"
    assert img["src"] == "https://cdn.example.org/swim/team%20photo%20%231.png"
    assert "copy/images/team photo #1.png" in files


@pytest.mark.parametrize("which", ["water_safety", "campaign_2023"])
def test_the_email_reads_as_mail_clients_need(which: str, request: pytest.FixtureRequest) -> None:
    campaign: Campaign = request.getfixturevalue(which)
    files, _ = _files(campaign)
    raw = files["copy/newsletter.html"]
    assert len(raw) < GMAIL_CLIP_BYTES // 4  # far under Gmail's clip
    html = raw.decode("utf-8")
    assert html.find('<meta charset="utf-8">') < 1024  # where browsers look for it
    page = Page(html)
    metas = {m.get("name"): m.get("content") for m in page.all("meta")}
    assert metas["color-scheme"] == "light dark" and metas["supported-color-schemes"] == "light dark"
    # the preheader: the first thing in the body, hidden everywhere, padded so no body text follows it
    body = next(i for i, (t, _a) in enumerate(page.elements) if t == "body")
    tag, attrs = page.elements[body + 1]
    assert tag == "div" and "preheader" in attrs["class"]
    assert PREHEADER_HIDING.items() <= declarations(attrs["style"]).items()
    preview = page.text_of[body + 1]
    assert preview.startswith(copy_generator._block(campaign, "newsletter", {})["preheader"])
    assert preview.count("\u034f") >= 50  # combining grapheme joiners, zero-width non-joiners, nbsp
    # layout needs no <style>: only @media rules remain, every table and cell carries its styles
    assert all(s.strip().startswith("@media") for s in page.styles if s.strip())
    assert not page.all("link") and not page.all("script")
    for tag, attrs in page.elements:
        if tag in ("table", "p", "h1", "h2", "a") or (tag == "td" and "class" in attrs):
            assert attrs.get("style"), (tag, attrs)
    [container] = [a for a in page.all("table") if "container" in a.get("class", "")]
    assert container["width"] == "600" and declarations(container["style"])["width"] == "600px"
    # the plain-text part goes with it
    text = files["copy/newsletter.txt"].decode("utf-8")
    assert text.strip() and "<" not in text


def test_the_footer_is_padded_once(water_safety: Campaign) -> None:
    files, _ = _files(water_safety)
    page = Page(files["copy/newsletter.html"].decode("utf-8"))
    [cell] = [a for t, a in page.elements if t == "td" and a.get("class") == "footer"]
    assert declarations(cell["style"])["padding"] == "16px 24px 24px 24px"
    paragraphs = [a for t, a in page.elements if t == "p" and "footer-text" in a.get("class", "")]
    assert len(paragraphs) == 3
    for attrs in paragraphs:
        assert "padding" not in declarations(attrs["style"]), attrs
    assert declarations(paragraphs[-1]["style"])["margin"] == "0"  # no space under the last line


def test_dark_mode_headings_keep_contrast(campaign_2023: Campaign, water_safety: Campaign) -> None:
    for campaign in (campaign_2023, water_safety):
        colours = copy_generator._colours(campaign)
        assert contrast_ratio(colours["dark_heading"], DARK_BACKGROUND) >= 4.5
        html = _files(campaign)[0]["copy/newsletter.html"].decode("utf-8")
        assert "@media (prefers-color-scheme: dark)" in html and colours["dark_heading"] in html


def test_inlining_fetches_nothing() -> None:
    # a stylesheet on the loopback's discard port: loading it would fail the inlining outright
    html = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        "<style>p { color: #123456; }</style>"
        '<style data-css-inline="keep">@media (max-width: 600px) { p { color: #000 !important; } }</style>'
        "</head><body><p>x</p></body></html>"
    )
    out = inline_css(html)
    page = Page(out)
    assert not page.all("link")
    assert declarations(page.all("p")[0]["style"]) == {"color": "#123456"}
    assert [s.strip() for s in page.styles] == ["@media (max-width: 600px) { p { color: #000 !important; } }"]
    assert inline_css(html) == out


NOT_HTTPS = "expected an absolute https:// address (the address where copy/images/ will be hosted), got "


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("http://cdn.example.org/x/", NOT_HTTPS + "'http://cdn.example.org/x/'"),
        ("cdn.example.org/x/", NOT_HTTPS + "'cdn.example.org/x/'"),
        ("https:///x/", NOT_HTTPS + "'https:///x/'"),
        ("https://cdn.example.org/x/?v=2", "'https://cdn.example.org/x/?v=2' has a query or fragment; give"),
    ],
)
def test_the_base_url_is_checked(base: str, message: str, make_campaign: Callable[..., Campaign]) -> None:
    campaign = make_campaign(WATER_SAFETY, {"digital": {"image_base_url": base}})
    [problem] = copy_generator.check(campaign)
    assert problem.key == "digital.image_base_url" and problem.message.startswith(message)
    assert problem.location.file.endswith("campaign.yaml") and problem.location.line == 3
    assert copy_generator.check(make_campaign(WATER_SAFETY, {"digital": {"image_base_url": BASE}})) == []
