"""toolkit.docx read back: outline, posts, resources, links, properties, alt text (no LibreOffice)."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from toolkit_helpers import (
    all_text,
    config_urls,
    expected_outline,
    external_links,
    open_docx,
    outline,
    placed,
)

from htpm.campaign import Campaign
from htpm.docx.oxml import document_language
from htpm.generators.toolkit import build_document
from htpm.kitlinks import kit_links
from htpm.labels import fill
from htpm.prose import links as prose_links
from htpm.prose import parse
from htpm.values import shown


def build(campaign: Campaign) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    return build_document(campaign, warnings.append, None).data, warnings


@pytest.fixture(scope="module")
def ws(water_safety: Campaign):  # type: ignore[no-untyped-def]
    data, warnings = build(water_safety)
    return open_docx(data), warnings, data


@pytest.fixture(scope="module")
def doc_2023(campaign_2023: Campaign):  # type: ignore[no-untyped-def]
    data, warnings = build(campaign_2023)
    assert warnings == []
    return open_docx(data)


@pytest.mark.parametrize("which", ["ws", "doc_2023"])
def test_heading_outline_is_the_configs(which: str, request: pytest.FixtureRequest) -> None:
    campaign = request.getfixturevalue("water_safety" if which == "ws" else "campaign_2023")
    document = request.getfixturevalue(which)
    document = document[0] if isinstance(document, tuple) else document
    got = outline(document)
    assert got == expected_outline(campaign)
    levels = [level for level, _ in got]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), "a heading level is skipped"


def test_five_weeks_give_five_week_parts(ws, water_safety: Campaign) -> None:  # type: ignore[no-untyped-def]
    document = ws[0]
    weeks = [text for level, text in outline(document) if level == 1 and text.startswith("Week ")]
    assert weeks == [f"Week {n}: {w.title}" for n, w in enumerate(water_safety.config.weeks, 1)]
    assert len(weeks) == 5
    dates_lines = [p.text for p in placed(document) if p.text.startswith("Dates:")]
    assert (
        dates_lines[4]
        == f"Dates: {water_safety.date_range(water_safety.weeks[4].start, water_safety.weeks[4].end)}"
    )
    # the overview table lists every week with its dates
    overview = document.tables[-1]
    assert [row.cells[0].text for row in overview.rows] == ["Week"] + [f"Week {n}" for n in range(1, 6)]


def _week_heading(campaign: Campaign, number: int) -> str:
    title = campaign.config.weeks[number - 1].title
    return fill(campaign.label("toolkit.week_heading"), number=number, title=title)


@pytest.mark.parametrize("which", ["ws", "doc_2023"])
def test_every_post_is_in_its_week_and_section(which: str, request: pytest.FixtureRequest) -> None:
    campaign = request.getfixturevalue("water_safety" if which == "ws" else "campaign_2023")
    document = request.getfixturevalue(which)
    document = document[0] if isinstance(document, tuple) else document
    paragraphs = list(placed(document))
    count = 0
    for number, week in enumerate(campaign.config.weeks, 1):
        for section in week.sections:
            for post in section.posts:
                text = shown(post.text)  # an open fill-in reads as its blank
                where = [p.path for p in paragraphs if p.text == text and p.style == "List Bullet"]
                assert where, f"post missing: {post.text[:60]}"
                assert where[0][0] == _week_heading(campaign, number)
                assert where[0][2] == section.title
                if post.topic:
                    assert where[0][3] == post.topic
                count += 1
    if which == "doc_2023":
        assert count == 36


@pytest.mark.parametrize("which", ["ws", "doc_2023"])
def test_every_resource_is_in_its_category(which: str, request: pytest.FixtureRequest) -> None:
    campaign = request.getfixturevalue("water_safety" if which == "ws" else "campaign_2023")
    document = request.getfixturevalue(which)
    document = document[0] if isinstance(document, tuple) else document
    paragraphs = list(placed(document))
    links = dict((text, url) for text, url in external_links(document))
    heading = campaign.label("toolkit.resources")
    count = 0
    for category in campaign.config.resources:
        for res in category.resources:
            first_line = f"{res.type}: {res.title}"
            where = [p.path for p in paragraphs if p.text.split("\n")[0].startswith(first_line)]
            assert where, f"resource missing: {first_line}"
            assert where[0][:2] == (heading, category.name)
            if res.url:
                assert links[res.title] == res.url
            if res.description:
                assert [p for p in paragraphs if res.description in p.text]
            count += 1
    if which == "doc_2023":
        assert count == 66
        assert len(campaign.config.resources) == 10


def test_2023_resource_type_is_bold_and_title_linked(doc_2023) -> None:  # type: ignore[no-untyped-def]
    for p in doc_2023.paragraphs:
        if p.style.name == "List Bullet" and p.text.startswith(
            "SOAR Online: Responding to Human Trafficking"
        ):
            assert p.runs[0].bold and p.runs[0].text == "SOAR Online:"
            assert p.hyperlinks[0].address == "https://www.train.org/main/course/1107319"
            return
    pytest.fail("resource not found")


@pytest.mark.parametrize("which", ["ws", "doc_2023"])
def test_every_link_goes_where_the_config_says(which: str, request: pytest.FixtureRequest) -> None:
    campaign = request.getfixturevalue("water_safety" if which == "ws" else "campaign_2023")
    document = request.getfixturevalue(which)
    document = document[0] if isinstance(document, tuple) else document
    links = external_links(document)
    allowed = config_urls(campaign)
    # the kit's own files (digital.blocks' kit:), relative inside the kit folder
    blocks = [*campaign.config.digital.blocks, *campaign.config.digital.social_blocks]
    kit = {href for block in blocks for _t, href in kit_links(campaign, block.kit)}
    assert links
    for text, url in links:
        assert url in allowed | kit, (text, url)
        assert url in kit or url.startswith(("http://", "https://", "mailto:"))
        assert text.strip() and text.strip().lower() not in {"click here", "here", "link"}
    # and every link the prose gives is there
    shown = {url for _, url in links}
    assert set(prose_links(parse(campaign.config.introduction))) <= shown


def test_title_language_and_update_on_open(ws, water_safety: Campaign) -> None:  # type: ignore[no-untyped-def]
    document = ws[0]
    props = document.core_properties
    assert props.title == "National Water Safety Month Toolkit 2025"
    assert props.language == "en-US"
    assert props.author == "Lakeside County Parks & Recreation"
    assert document_language(document) == "en-US"
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    # the running header carries the title; the footer a PAGE field
    section = document.sections[0]
    assert section.header.paragraphs[0].text == props.title
    assert "PAGE" in section.footer._element.xml


def test_every_image_has_alt_text(doc_2023, campaign_2023: Campaign) -> None:  # type: ignore[no-untyped-def]
    shapes = list(doc_2023.inline_shapes)
    assert shapes, "the 2023 logo is on the cover"
    for shape in shapes:
        assert shape._inline.docPr.get("descr")
    assert shapes[0]._inline.docPr.get("descr") == campaign_2023.config.branding.logo_alt
    for doc_pr in doc_2023.element.body.iter(qn("wp:docPr")):
        assert doc_pr.get("descr"), "an image without alt text"


def test_no_error_text_and_cover_filled(ws) -> None:  # type: ignore[no-untyped-def]
    document, warnings, _ = ws
    text = all_text(document)
    assert "Error!" not in text
    assert "{" not in text.replace("{organization}", "")  # no cover placeholder left
    cover = [p.text for p in document.paragraphs[:5]]
    assert cover[:4] == [
        "Lakeside County Parks & Recreation",
        "National Water Safety Month Toolkit",
        "2025",
        "Swim Smart Together",
    ]
    assert warnings == []


def test_toc_is_a_field_prefilled_with_the_headings(ws) -> None:  # type: ignore[no-untyped-def]
    document = ws[0]
    body = document.element.body
    instr = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-2"') for i in instr)
    toc = [p for p in document.paragraphs if p.style.name.startswith("toc ")]
    expected = [text for level, text in outline(document) if level <= 2]
    assert [p.text for p in toc] == expected
    anchors = {h.fragment for p in toc for h in p.hyperlinks}
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors <= bookmarks


def test_proclamation_shows_its_blanks(ws, water_safety: Campaign) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for p in ws[0].paragraphs]
    assert any("[Organization] is committed" in t for t in texts)
    assert any("I, as (title) of (city or county)" in t for t in texts)
    assert not any("{organization}" in t for t in texts)


def test_endnotes_are_numbered_in_roman(doc_2023) -> None:  # type: ignore[no-untyped-def]
    notes = [p.text for p in doc_2023.paragraphs if p.style.name == "Note Text"]
    assert [n.split(".\t")[0] for n in notes] == ["i", "ii", "iii", "iv"]
    marks = [
        h.text for p in doc_2023.paragraphs for h in p.hyperlinks if (h.fragment or "").startswith("endnote_")
    ]
    assert marks == ["i", "ii", "iii", "iv"]


def test_same_config_same_bytes(ws, water_safety: Campaign) -> None:  # type: ignore[no-untyped-def]
    assert build(water_safety)[0] == ws[2]
