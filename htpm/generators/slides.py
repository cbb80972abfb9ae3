"""The presentation deck, `slides/presentation.pptx`, and its empty branded master,
`slides/template.pptx` (`slides/presentation.pdf` with `--pdf`).

Both start from the designer-owned `templates/slides/base.pptx` (made by
scripts/make_slides_base.py; a campaign overrides it with `slides/base.pptx` beside its config),
with its theme colours and fonts set from `branding`. The deck, from the config: a title slide
(observance, year, theme, organization, logo), what the month is, its goals, one slide per focus
week (dates, audience, what to share, two or three resources), the hotline, how to take part
(hashtags, events, awareness days) and a closing slide with the call to action. Every text is in
a real placeholder (a presenter edits it), every slide has a unique title, pictures carry alt text
(`descr`), shapes are in reading order, and speaker notes carry the introductions. Text goes
through htpm.prose (one parser; `htpm.prose.pptx` renders it). Fixed words:
templates/labels/<lang>/slides.yaml. Zip entries carry a fixed time: the same config gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide, SlideLayout

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.docx.package import external_parts, normalise_zip
from htpm.errors import HtpmError
from htpm.labels import fill
from htpm.problems import Problem, problems_of
from htpm.prose import parse, parse_inline, parse_plain
from htpm.prose.pptx import write_pptx, write_pptx_inlines
from htpm.prose.tree import Block, BulletList, Link, ListItem, Paragraph, Prose, Strong, Text

__all__ = ["BASE", "DECK", "LAYOUTS", "TEMPLATE", "check", "generate"]

BASE = "slides/base.pptx"
DECK = "slides/presentation.pptx"
TEMPLATE = "slides/template.pptx"
LAYOUTS = {  # the layout each kind of slide uses, and the placeholders (idx) it fills
    "title": ("Title Slide", (0, 1, 13)),
    "content": ("Title and Content", (0, 1)),
    "two": ("Two Content", (0, 1, 2)),
    "closing": ("Section Header", (0, 1, 13)),
}
LOGO_IDX = 13
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FIXED_SLIDES = ("title", "about", "goals", "hotline", "take_part", "closing")


def check(campaign: Campaign) -> list[Problem]:
    """The base presentation (htpm's, or a designer's beside the config) opens and has every
    layout and placeholder the deck fills."""
    try:
        open_base(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    return []


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    ctx.progress("slides: writing the deck")
    deck = build_deck(campaign)
    ctx.want_pdf(DECK)
    return [Artifact(DECK, deck), Artifact(TEMPLATE, build_template(campaign))]


# -- the base -------------------------------------------------------------------------------------
def open_base(campaign: Campaign) -> Deck:
    path = campaign.find_template(BASE)
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises zip, XML and key errors alike for a bad file
        raise HtpmError(f"{BASE}: not a PowerPoint (.pptx) file ({type(exc).__name__})", path) from None
    external_parts(path, "the base presentation")  # LibreOffice would embed a linked file
    names = {layout.name: layout for layout in prs.slide_layouts}
    for name, wanted in LAYOUTS.values():
        layout = names.get(name)
        if layout is None:
            raise HtpmError(f"{BASE}: no slide layout named {name!r} (keep the layout names)", path)
        have = {p.placeholder_format.idx for p in _shapes(layout)}
        missing = [str(i) for i in wanted if i not in have]
        if missing:
            raise HtpmError(f"{BASE}: layout {name!r} lacks placeholder(s) idx {', '.join(missing)}", path)
    return prs


def _shapes(layout: SlideLayout) -> list[Any]:
    """A layout's placeholders (python-pptx's type hints for iterating them confuse mypy)."""
    return list(cast(Any, layout).placeholders)


def branded(campaign: Campaign) -> Deck:
    """The base with the campaign's palette as theme colours and its fonts as theme fonts."""
    prs = open_base(campaign)
    part = prs.slide_master.part.part_related_by(THEME_REL)
    root = etree.fromstring(part.blob)
    p = campaign.config.branding.palette
    colours = {
        "dk1": p.dark,
        "lt1": p.light,
        "dk2": p.primary,
        "lt2": p.light,
        "accent1": p.primary,
        "accent2": p.secondary,
        "accent3": p.accent,
    }
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    for name, value in colours.items():
        slot = scheme.find(f"{_A}{name}")
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{_A}srgbClr").set("val", value.lstrip("#").upper())
    fonts = campaign.config.branding.fonts
    for kind, family in (("majorFont", fonts.docx_heading), ("minorFont", fonts.docx_body)):
        latin = root.find(f"{_A}themeElements/{_A}fontScheme/{_A}{kind}/{_A}latin")
        if family and latin is not None:
            latin.set("typeface", family)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for element in prs.slide_master.element.iter(qn("a:defRPr")):
        element.set("lang", campaign.locale)
    return prs


def _save(prs: Deck, campaign: Campaign, title_key: str) -> bytes:
    props = prs.core_properties
    c = campaign.config
    props.title = label(campaign, title_key)
    props.author = c.organization.name
    props.last_modified_by = c.organization.name
    props.subject = c.theme.name
    props.language = campaign.locale
    props.keywords = c.hashtags.primary
    props.revision = 1
    props.created = props.modified = dt.datetime(campaign.year, campaign.month, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalise_zip(buffer.getvalue())


def label(campaign: Campaign, key: str, **values: object) -> str:
    c = campaign.config
    common = {
        "observance": c.observance.short_name or c.observance.name,
        "year": campaign.year,
        "organization": c.organization.name,
    }
    return fill(campaign.label(f"slides.{key}"), **{**common, **values})


# -- the template -----------------------------------------------------------------------------------
def build_template(campaign: Campaign) -> bytes:
    """The branded master with empty layouts: the theme, and the logo in the layouts that hold it."""
    prs = branded(campaign)
    logo = _logo(campaign)
    for layout in prs.slide_layouts:
        holder = next((p for p in _shapes(layout) if p.placeholder_format.idx == LOGO_IDX), None)
        if holder is None or logo is None:
            continue
        path, alt = logo
        _layout_picture(layout, holder, path, alt)
    return _save(prs, campaign, "template_title")


def _layout_picture(layout: SlideLayout, holder: object, path: Path, alt: str) -> None:
    """Replace the layout's logo placeholder by the logo itself (shown on every slide of it)."""
    from pptx.oxml.shapes.picture import CT_Picture

    _image_part, rid = layout.part.get_or_add_image_part(str(path))
    left, top, width, height = _fit(path, holder.left, holder.top, holder.width, holder.height)  # type: ignore[attr-defined]
    element = holder._element  # type: ignore[attr-defined]
    shape_id = int(element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").get("id"))
    pic = CT_Picture.new_pic(shape_id, "Logo", alt, rid, left, top, width, height)
    element.addprevious(pic)
    element.getparent().remove(element)


def _fit(path: Path, left: int, top: int, width: int, height: int) -> tuple[int, int, int, int]:
    """The largest box of the image's proportions inside the given one, at its left and middle."""
    with Image.open(path) as im:
        ratio = im.width / im.height
    w, h = (width, round(width / ratio)) if width / height < ratio else (round(height * ratio), height)
    return left, top + (height - h) // 2, w, h


def _logo(campaign: Campaign) -> tuple[Path, str] | None:
    b = campaign.config.branding
    if not b.logo:
        return None
    return campaign.asset(b.logo), (b.logo_alt or label(campaign, "logo_alt")).strip()


# -- the deck -----------------------------------------------------------------------------------------
@dataclass
class SlideText:
    """One slide: its kind (the layout), its title and what goes in each body placeholder."""

    kind: str
    title: str
    bodies: tuple[Sequence[Block], ...]
    notes: Prose | None = None


def build_deck(campaign: Campaign) -> bytes:
    prs = branded(campaign)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    lang = campaign.locale
    seen: set[str] = set()
    for spec in deck_slides(campaign):
        layout_name, _ = LAYOUTS[spec.kind]
        slide = prs.slides.add_slide(layouts[layout_name])
        title = _unique(spec.title, seen)
        _placeholder(slide, 0).text_frame.clear()
        write_pptx_inlines(_placeholder(slide, 0).text_frame.paragraphs[0], parse_inline(title), lang)
        for index, body in enumerate(spec.bodies, 1):
            write_pptx(_placeholder(slide, index).text_frame, list(body), lang)
        if spec.kind in ("title", "closing"):
            _place_logo(campaign, slide)
        if spec.notes is not None:
            write_pptx(slide.notes_slide.notes_text_frame, spec.notes, lang)
    return _save(prs, campaign, "deck_title")


def _unique(title: str, seen: set[str]) -> str:
    """Titles tell slides apart (screen readers list them): a repeated one gets a number."""
    candidate, number = title, 2
    while candidate.casefold() in seen:
        candidate, number = f"{title} ({number})", number + 1
    seen.add(candidate.casefold())
    return candidate


def _placeholder(slide: Slide, idx: int):  # noqa: ANN202 - a python-pptx placeholder
    return next(p for p in slide.placeholders if p.placeholder_format.idx == idx)


def _place_logo(campaign: Campaign, slide: Slide) -> None:
    """The logo in the layout's logo placeholder, uncropped; no logo: the placeholder goes."""
    holder = _placeholder(slide, LOGO_IDX)
    logo = _logo(campaign)
    if logo is None:
        holder._element.getparent().remove(holder._element)
        return
    path, alt = logo
    box = (holder.left, holder.top, holder.width, holder.height)  # inherited from the layout
    picture = holder.insert_picture(str(path))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0.0
    picture.left, picture.top, picture.width, picture.height = _fit(path, *box)
    c_nv_pr = picture._element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}")
    c_nv_pr.set("descr", alt)
    c_nv_pr.set("name", "Logo")


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
