"""The microsite read back as a browser's parser reads it: every page's language, landmarks,
headings, links that stay inside the folder, the toolkit in the document's order, endnotes
linked both ways, downloads from what the build produced."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.generators.toolkit import build_document
from htpm.site.locales import site_locales
from htpm.site.pages import SiteBuilder

PAGES = ("index.html", "toolkit.html", "graphics.html", "copy.html", "calendar.html", "downloads.html")


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append((int(tag[1]), ""))
            self._heading = []

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and len(tag) == 2 and tag[0] == "h":
            level, _ = self.headings[-1]
            self.headings[-1] = (level, " ".join("".join(self._heading).split()))
            self._heading = None

    def attrs(self, tag: str, name: str) -> list[str]:
        return [a[name] or "" for t, a in self.tags if t == tag and a.get(name) is not None]

    def ids(self) -> set[str]:
        return {a["id"] or "" for _t, a in self.tags if a.get("id")}


def pages(site_files: dict[str, bytes]) -> dict[str, Page]:
    return {n: Page(d.decode()) for n, d in site_files.items() if n.endswith(".html") and "/" not in n}


def test_every_page_is_there_with_lang_landmarks_and_headings_in_order(site_files: dict[str, bytes]) -> None:
    parsed = pages(site_files)
    assert set(PAGES) <= set(parsed)
    assert {f"week-{n}.html" for n in range(1, 6)} <= set(parsed)  # water safety has five weeks
    for name, page in parsed.items():
        html = [a for t, a in page.tags if t == "html"][0]
        assert html["lang"] == "en-US", name
        tags = [t for t, _a in page.tags]
        for landmark in ("header", "nav", "main", "aside", "footer"):
            assert landmark in tags, (name, landmark)
        levels = [level for level, _ in page.headings]
        assert levels[0] == 1 and levels.count(1) == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, page.headings)


def test_links_and_sources_stay_inside_the_folder(site_files: dict[str, bytes]) -> None:
    for name, page in pages(site_files).items():
        for ref in page.attrs("img", "src") + page.attrs("script", "src") + page.attrs("link", "href"):
            if ref == "data:,":  # the empty icon: no request for /favicon.ico
                continue
            assert not urlsplit(ref).scheme and not ref.startswith("/"), (name, ref)
            assert ref in site_files, (name, ref)
        for ref in page.attrs("a", "href"):
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto", "tel"):
                continue
            assert not ref.startswith("/"), (name, ref)
            target = parts.path or name
            assert target in site_files, (name, ref)
            if parts.fragment:
                assert parts.fragment in Page(site_files[target].decode()).ids(), (name, ref)
    css = site_files["assets/site.css"].decode()
    assert "http" not in css and 'url("fonts/NotoSans-Regular.ttf")' in css
    assert "assets/fonts/NotoSans-Regular.ttf" in site_files


def test_the_toolkit_page_has_the_documents_headings_in_order(water_safety: Campaign) -> None:
    from htpm.site.toolkit import Labels, toolkit_page

    document = build_document(water_safety, lambda _m: None, None)
    page = toolkit_page(water_safety, lambda _m: None, Labels("Note {number}", "Back"))
    parsed = Page(page.body)
    assert [(level - 1, text) for level, text in parsed.headings] == [
        (h.level, h.text) for h in document.headings
    ]


def test_endnotes_link_both_ways(site_files: dict[str, bytes]) -> None:
    page = Page(site_files["toolkit.html"].decode())
    refs = [href for href in page.attrs("a", "href") if href.startswith("#endnote_")]
    backs = [href for href in page.attrs("a", "href") if href.startswith("#ref-")]
    assert refs and backs
    ids = page.ids()
    assert all(r[1:] in ids for r in refs + backs)
    assert {b[len("#ref-") :] for b in backs} == {r[len("#endnote_") :] for r in refs}


def test_posts_show_htpms_count_and_tags(site_files: dict[str, bytes], water_build: list[Artifact]) -> None:
    import json

    posts = json.loads(next(a for a in water_build if a.path == "social/posts.json").data)
    page = site_files["week-1.html"].decode()
    for post in (p for p in posts if p["week"] == 1):
        assert f'id="{post["platform"]}-{post["id"]}"' in page
        assert f'data-length="{post["length"]}" data-limit="{post["limit"]}"' in page
    assert "Copy post" in page


def test_downloads_are_every_document_the_build_made(
    water_safety: Campaign, water_build: list[Artifact]
) -> None:
    deck = Artifact("slides/presentation.pptx", b"PK\x03\x04 a deck")
    produced = [a for a in water_build if not a.path.startswith("site/")] + [deck]
    files = {a.path: a.data for a in SiteBuilder(water_safety, produced, lambda _m: None, ["en-US"]).build()}
    page = files["site/downloads.html"].decode()
    assert 'href="downloads/slides/presentation.pptx"' in page and "PowerPoint presentation" in page
    assert files["site/downloads/slides/presentation.pptx"] == deck.data
    documents = [a.path for a in produced if PurePosixPath(a.path).suffix in (".docx", ".ics", ".pptx")]
    for path in documents:
        assert f'href="downloads/{path}"' in page


def test_config_strings_are_escaped(water_safety: Campaign, water_build: list[Artifact]) -> None:
    hostile = '<script>alert(1)</script> & "quotes"'
    config = water_safety.config.model_copy(
        update={"theme": water_safety.config.theme.model_copy(update={"name": hostile})}
    )
    campaign = Campaign(config, water_safety.path, water_safety.config_dirs, water_safety.sources)
    produced = [a for a in water_build if not a.path.startswith("site/")]
    for artifact in SiteBuilder(campaign, produced, lambda _m: None, ["en-US"]).build():
        if artifact.path.endswith(".html"):
            assert b"<script>alert" not in artifact.data, artifact.path
    index = next(
        a
        for a in SiteBuilder(campaign, produced, lambda _m: None, ["en-US"]).build()
        if a.path == "site/index.html"
    )
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in index.data


@pytest.mark.parametrize(
    ("here", "page", "expected"),
    [
        ("en-US", "toolkit.html", {"en-US": None, "es-US": "../es-US/site/toolkit.html"}),
        ("es-US", "week-2.html", {"en-US": "../../site/week-2.html", "es-US": None}),
    ],
)
def test_the_language_switch_links_the_sites_relatively(
    water_safety: Campaign, here: str, page: str, expected: dict[str, str | None]
) -> None:
    config = water_safety.config.model_copy(update={"locale": here})
    campaign = Campaign(config, water_safety.path, water_safety.config_dirs, water_safety.sources)
    builder = SiteBuilder(campaign, [], lambda _m: None, ["en-US", "es-US"])
    links = {item["lang"]: (None if item["current"] else item["href"]) for item in builder.languages(page)}
    assert links == expected
    assert SiteBuilder(campaign, [], lambda _m: None, ["en-US"]).languages(page) == []


def test_locales_are_the_config_locale_then_its_translations(tmp_path, water_safety: Campaign) -> None:  # noqa: ANN001
    from htpm.config import load_campaign
    from tests.conftest import WATER_SAFETY

    path = tmp_path / "config.yaml"
    extra = "\ntranslations:\n  es-US:\n    theme:\n      name: Nademos seguros juntos\n"
    path.write_text(WATER_SAFETY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert site_locales(load_campaign(path)) == ["en-US", "es-US"]
    assert site_locales(load_campaign(path, locale="es-US")) == ["en-US", "es-US"]
    assert site_locales(water_safety) == ["en-US"]
