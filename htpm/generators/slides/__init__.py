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
same bytes. What each slide says is in `content` (prose trees); this module writes them into the
base presentation.
"""

from __future__ import annotations

import datetime as dt
import io
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
from htpm.generators.slides.content import deck_slides, label
from htpm.problems import Problem, problems_of
from htpm.prose import parse_inline
from htpm.prose.pptx import write_pptx, write_pptx_inlines

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
