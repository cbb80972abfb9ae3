"""Read a generated toolkit.docx back, and what its outline should be according to the config."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from htpm.campaign import Campaign
from htpm.labels import fill
from htpm.prose import inline_text, is_safe_target, links, parse, parse_inline

HEADING = re.compile(r"^Heading ([1-9])$")


def open_docx(data: bytes) -> DocumentType:
    return Document(io.BytesIO(data))


def heading_text(paragraph: Paragraph) -> str:
    """A heading's words without its endnote marks (links to an endnote_* bookmark)."""
    parts = []
    for child in paragraph._p.iter(qn("w:t")):
        link = next((a for a in child.iterancestors(qn("w:hyperlink"))), None)
        if link is not None and (link.get(qn("w:anchor")) or "").startswith("endnote_"):
            continue
        parts.append(child.text or "")
    return "".join(parts).strip()


def outline(document: DocumentType) -> list[tuple[int, str]]:
    out = []
    for p in document.paragraphs:
        m = HEADING.match(p.style.name if p.style is not None else "")
        if m:
            out.append((int(m[1]), heading_text(p)))
    return out


@dataclass(frozen=True)
class Placed:
    """A body paragraph with the headings above it (level 1 to 4)."""

    path: tuple[str, ...]
    text: str
    style: str


def placed(document: DocumentType) -> Iterator[Placed]:
    path: list[str] = []
    for p in document.paragraphs:
        style = p.style.name if p.style is not None else ""
        m = HEADING.match(style)
        if m:
            level = int(m[1])
            path = [*path[: level - 1], heading_text(p)]
        else:
            yield Placed(tuple(path), p.text, style)


def all_text(document: DocumentType) -> str:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            texts += [p.text for p in part.paragraphs]
    return "\n".join(texts)


def external_links(document: DocumentType) -> list[tuple[str, str]]:
    """(text, url) of every link to an address outside the document."""
    return [(h.text, h.address) for p in document.paragraphs for h in p.hyperlinks if h.address]


def expected_outline(c: Campaign) -> list[tuple[int, str]]:
    """The headings the config calls for, in order (the rules of docs/toolkit.md)."""
    cfg = c.config

    def label(key: str, **values: object) -> str:
        return fill(c.label(f"toolkit.{key}"), **values)

    out = [(1, label("introduction")), (2, label("goals")), (2, label("who_should_use"))]
    org = cfg.organization
    if org.newsletter or org.newsletter_intro or org.accounts:
        out.append((1, label("stay_connected")))
        if org.newsletter or org.newsletter_intro:
            out.append((2, label("newsletter")))
        if org.accounts:
            out.append((2, label("social_media")))
    if cfg.guidelines:
        g = cfg.guidelines
        out.append((1, _heading(g.title)))
        level = 2
        if g.subtitle:
            out.append((2, _heading(g.subtitle)))
            level = 3
        out += [(level, _heading(s.title)) for s in g.sections]
    ev = cfg.events
    if ev.calendar or ev.days or ev.features or cfg.hotline or cfg.proclamation:
        out.append((1, label("events")))
        if ev.calendar:
            out.append((2, label("event_calendar")))
        if ev.days:
            out.append((2, label("awareness_days")))
        out += [(2, f.title) for f in ev.features]
        if cfg.hotline:
            out.append((2, cfg.hotline.heading or label("hotline_heading", name=cfg.hotline.name)))
        if cfg.proclamation:
            out.append((2, label("sample_proclamation")))
    dig = cfg.digital
    out.append((1, label("digital")))
    out.append((2, dig.newsletter.title or label("sample_newsletter")))
    out.append((2, dig.website.title or label("sample_website")))
    out += [(2, b.title) for b in dig.blocks]
    out.append((2, label("social_media")))
    out += [(3, b.title) for b in dig.social_blocks]
    out += [(3, label("sample_content")), (4, label("primary_hashtag"))]
    if cfg.hashtags.secondary:
        out.append((4, label("secondary_hashtags")))
    out.append((1, label("focus_weeks", observance=cfg.observance.short_name or cfg.observance.name)))
    for number, week in enumerate(cfg.weeks, 1):
        out.append((1, label("week_heading", number=number, title=week.title)))
        if week.sections:
            out.append((2, label("sample_posts")))
        for section in week.sections:
            out.append((3, section.title))
            topic = None
            for post in section.posts:
                if post.topic and post.topic != topic:
                    out.append((4, post.topic))
                topic = post.topic
    if cfg.resources:
        out.append((1, label("resources")))
        out += [(2, cat.name) for cat in cfg.resources]
    if cfg.endnotes:
        out.append((1, label("endnotes")))
    return out


def _heading(text: str) -> str:
    return inline_text(parse_inline(text)).strip()


def config_urls(c: Campaign) -> set[str]:
    """Every address the config gives: url fields, Markdown links and bare addresses in text."""
    urls: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            if is_safe_target(value):
                urls.add(value)
            urls.update(links(parse(value)))

    walk(c.config.model_dump())
    return urls
