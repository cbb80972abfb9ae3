"""What the deck says: every slide's kind, title, body and speaker notes, from the config (the
order and the slides are in htpm.generators.slides' docstring). Plain prose trees: the package's
`build_deck` writes them into the base presentation's placeholders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from htpm.campaign import Campaign
from htpm.labels import fill
from htpm.prose import parse, parse_inline, parse_plain
from htpm.prose.tree import Block, BulletList, Link, ListItem, Paragraph, Prose, Strong, Text


@dataclass
class SlideText:
    """One slide: its kind (the layout), its title and what goes in each body placeholder."""

    kind: str
    title: str
    bodies: tuple[Sequence[Block], ...]
    notes: Prose | None = None


def label(campaign: Campaign, key: str, **values: object) -> str:
    c = campaign.config
    common = {
        "observance": c.observance.short_name or c.observance.name,
        "year": campaign.year,
        "organization": c.organization.name,
    }
    return fill(campaign.label(f"slides.{key}"), **{**common, **values})


def _para(*inlines: object) -> Paragraph:
    return Paragraph(tuple(inlines))  # type: ignore[arg-type]


def _prose(text: str | None) -> Prose:
    return parse(text) if text else Prose(())


def _first_paragraph(text: str | None) -> list[Paragraph]:
    prose = _prose(text)
    return [b for b in prose.blocks if isinstance(b, Paragraph)][:1]


def _lead(name: str, value: str) -> Paragraph:
    """`**Name** value` (value a line of prose)."""
    return _para(Strong((Text(name),)), Text(" "), *parse_inline(value))


def deck_slides(campaign: Campaign) -> list[SlideText]:
    """Every slide of the deck, in order: the fixed ones around one per focus week."""
    c = campaign.config
    lb = lambda key, **v: label(campaign, key, **v)  # noqa: E731
    observance = c.observance.short_name or c.observance.name
    subtitle = [_para(*parse_inline(c.theme.name)), _para(*parse_inline(c.organization.name))]
    slides = [
        SlideText(
            "title",
            lb("title_slide", observance=c.observance.name),
            (subtitle,),
            _prose(c.theme.description or c.theme.tagline),
        ),
        SlideText(
            "content",
            lb("about", observance=observance),
            (
                [
                    *(_first_paragraph(c.introduction) or _first_paragraph(c.theme.description)),
                    _lead(lb("theme", year=campaign.year), c.theme.name),
                    *_first_paragraph(c.theme.tagline),
                ],
            ),
            _prose(c.introduction),
        ),
        SlideText(
            "content",
            lb("goals"),
            ([_bullets([_para(*parse_inline(goal)) for goal in c.goals])],),
            _prose(c.theme.description),
        ),
    ]
    slides.extend(_week(campaign, week) for week in campaign.weeks)
    if c.hotline is not None:
        slides.append(_hotline(campaign))
    slides.append(_take_part(campaign))
    slides.append(_closing(campaign))
    return slides


def _week(campaign: Campaign, info) -> SlideText:  # noqa: ANN001 - a WeekInfo
    week = info.week
    lb = lambda key, **v: label(campaign, key, **v)  # noqa: E731
    body: list[Block] = [_para(Strong((Text(campaign.date_range(info.start, info.end)),)))]
    if week.audience:
        body.append(_lead(lb("audience"), week.audience))
    shared = list(dict.fromkeys(section.title for section in week.sections))
    if shared:
        body.append(_lead(lb("what_to_share"), ", ".join(shared)))
    resources = _week_resources(week)
    if resources:
        body.append(_para(Strong((Text(lb("resources")),))))
        body.append(_bullets(resources))
    return SlideText(
        "content",
        lb("week_title", number=info.number, title=week.title),
        (body,),
        _prose(week.introduction),
    )


def _week_resources(week) -> list[Paragraph]:  # noqa: ANN001 - a model Week
    """Two or three resources of the week: the topics its posts sit under, then the links they give."""
    topics = list(dict.fromkeys(p.topic for s in week.sections for p in s.posts if p.topic))
    found: list[Paragraph] = [_para(*parse_inline(t)) for t in topics[:3]]
    if len(found) < 3:
        for section in week.sections:
            for post in section.posts:
                for node in parse_plain(post.text):
                    item = _para(node)
                    if isinstance(node, Link) and len(found) < 3 and item not in found:
                        found.append(item)
    return found


def _bullets(paragraphs: list[Paragraph]) -> BulletList:
    """Paragraphs as list items: `write_pptx` gives them the placeholder's bullets."""
    return BulletList(tuple(ListItem((p,)) for p in paragraphs))


def _hotline(campaign: Campaign) -> SlideText:
    h = campaign.config.hotline
    assert h is not None
    lb = lambda key, **v: label(campaign, key, **v)  # noqa: E731
    body = []
    for key, value in (("call", h.phone), ("text", h.text), ("tty", h.tty)):
        if value:
            body.append(_lead(lb(key), value))
    if h.chat_url:
        body.append(_lead(lb("chat"), h.chat_url))
    elif h.website:
        body.append(_lead(lb("website"), h.website))
    for extra in (h.hours, h.languages):
        if extra:
            body.append(_para(*parse_inline(extra)))
    return SlideText("content", h.heading or h.name, (body,), _prose(h.description or h.confidentiality))


def _take_part(campaign: Campaign) -> SlideText:
    c = campaign.config
    lb = lambda key, **v: label(campaign, key, **v)  # noqa: E731
    tags = [_para(Strong((Text(lb("hashtags")),)))]
    tags.append(_para(*parse_inline(" ".join([c.hashtags.primary, *c.hashtags.secondary]))))
    events: list[Paragraph] = [_para(Strong((Text(lb("events")),)))]
    for day in c.events.days:
        when = campaign.format_date(dt.date(campaign.year, day.month or campaign.month, day.day))
        events.append(_lead(f"{when}:", day.name))
    events.extend(_first_paragraph(c.events.calendar))
    notes = _prose(c.hashtags.guidance) if c.hashtags.guidance else None
    return SlideText("two", lb("take_part"), (tags, events), notes)


def _closing(campaign: Campaign) -> SlideText:
    c = campaign.config
    lb = lambda key, **v: label(campaign, key, **v)  # noqa: E731
    body = []
    if c.theme.tagline:
        body.append(_para(*parse_inline(c.theme.tagline)))
    if c.organization.website:  # the address itself: a link's colour is unreadable on the dark slide
        address = c.organization.website.split("://", 1)[-1].rstrip("/")
        body.append(_para(Strong((Text(lb("learn_more")),)), Text(" " + address)))
    return SlideText(
        "closing",
        c.theme.call_to_action or lb("closing"),
        (body,),
        _prose(c.theme.description or c.theme.tagline),
    )
