"""Assemble toolkit.docx on the designer-owned base.docx: cover, table of contents, body, properties."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.image.image import Image
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from htpm.campaign import Campaign
from htpm.docx.oxml import (
    TocEntry,
    set_alt_text,
    set_core_properties,
    set_language,
    set_update_fields,
    toc_field,
)
from htpm.docx.package import document_bytes, external_parts, honest_parts
from htpm.docx.styles import recolour, require_styles, text_colour
from htpm.docx.writer import DocWriter, HeadingRef, Notes
from htpm.errors import HtpmError
from htpm.generators.toolkit.sections import Body
from htpm.labels import fill
from htpm.paths import templates_dir

BASE = "toolkit/base.docx"
TOC_LEVELS = 2  # parts and their sections, as in the federal toolkits
PLACEHOLDER_PAGE = 88  # first pass: a two-digit stand-in so the TOC takes its final room

REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Lead",
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
    "List Continue", "List Continue 2", "List Continue 3", "TOC Heading", "toc 1", "toc 2", "toc 3",
    "Hyperlink", "Note Reference", "Note Text", "Resource Description", "Callout", "Proclamation Title",
    "Proclamation Text", "Signature Line", "Toolkit Table",
)  # fmt: skip
BRAND_TEXT_STYLES = ("Title", "Cover Year", "Heading 1", "Heading 2", "Heading 3", "TOC Heading")
BRAND_BORDER_STYLES = ("Heading 1", "Cover Organization", "Callout")
_COVER_KEY = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class BuiltDocument:
    data: bytes
    headings: tuple[HeadingRef, ...]
    # the same document with these page numbers in its table of contents (None: no numbers),
    # without building it again: only the contents' paragraphs change
    with_pages: Callable[[dict[str, int] | None, int | None], bytes] = field(compare=False, repr=False)


def open_base(campaign: Campaign) -> Document:
    """The base document on the campaign's search path, opened, with every style it needs."""
    base = campaign.find_template(BASE)
    external_parts(base, "the base document")
    try:
        document = docx.Document(str(base))
    except Exception:  # a damaged or foreign file: the user's (designer's) mistake
        raise HtpmError("cannot open the base document: not a Word (.docx) file", base) from None
    require_styles(document, REQUIRED_STYLES, base)
    return document


def build_document(
    campaign: Campaign,
    warn: Callable[[str], None],
    pages: dict[str, int] | None,
    *,
    placeholder_pages: bool = False,
    page_count: int | None = None,
) -> BuiltDocument:
    """The toolkit as .docx bytes. `pages` maps heading bookmarks to page numbers for the TOC;
    None prints entries without numbers (or stand-ins with `placeholder_pages`, for measuring).
    `page_count` (from LibreOffice's measuring pass) goes into docProps/app.xml."""
    document = open_base(campaign)
    cfg = campaign.config
    label = campaign.label
    observance = cfg.observance.short_name or cfg.observance.name
    title = fill(label("toolkit.document_title"), observance=cfg.observance.name, year=campaign.year)

    if _palette_colours(campaign):
        palette = cfg.branding.palette
        brand = text_colour(palette.primary, text_colour(palette.dark, "#1A1A1A"))
        recolour(document, brand, text_styles=BRAND_TEXT_STYLES, border_styles=BRAND_BORDER_STYLES)
    for role, family in (
        ("heading", cfg.branding.fonts.docx_heading),
        ("body", cfg.branding.fonts.docx_body),
    ):
        if family:
            _set_font(document, role, family)

    cover = {
        "organization": cfg.organization.name,
        "observance": fill(label("toolkit.cover_title"), observance=cfg.observance.name),
        "year": str(campaign.year),
        "theme": cfg.theme.name,
        "tagline": cfg.theme.tagline,
        "title": title,
    }
    _fill_cover(document, campaign, cover, warn)

    notes = Notes(known={n.id: ("endnotes", i) for i, n in enumerate(cfg.endnotes)})
    writer = DocWriter(document, locate=campaign.locate, warn=warn, notes=notes)
    toc_heading = writer.paragraph("TOC Heading")
    toc_heading.add_run(label("toolkit.table_of_contents"))
    Body(campaign, writer).write()

    listed = [ref for ref in writer.headings if ref.level <= TOC_LEVELS]
    toc_styles = {level: document.styles[f"toc {level}"].style_id for level in (1, 2, 3)}

    def contents(numbers: dict[str, int] | None, placeholder: bool = False) -> None:
        page = PLACEHOLDER_PAGE if placeholder else None
        entries = [
            TocEntry(ref.level, ref.text, ref.bookmark, numbers.get(ref.bookmark) if numbers else page)
            for ref in listed
        ]
        toc_field(toc_heading, entries, levels=TOC_LEVELS, styles=toc_styles, link_style=None)

    contents(pages, placeholder_pages)

    set_language(document, campaign.locale)
    set_update_fields(document, not pages)  # numbers missing: Word fills them in on opening (asking first)
    honest_parts(document, "htpm", page_count, word_count(document))
    set_core_properties(
        document,
        title=title,
        language=campaign.locale,
        author=cfg.organization.name,
        subject=f"{observance} {campaign.year}: {cfg.theme.name}",
        keywords=", ".join([cfg.hashtags.primary, *cfg.hashtags.secondary]),
        date=dt.datetime(campaign.year, campaign.month, 1),
    )

    def with_pages(numbers: dict[str, int] | None, count: int | None = None) -> bytes:
        for _ in listed:  # the contents' paragraphs follow their heading
            toc_heading._p.getparent().remove(toc_heading._p.getnext())
        contents(numbers)
        set_update_fields(document, not numbers)
        honest_parts(document, "htpm", count, word_count(document))
        return document_bytes(document)

    return BuiltDocument(document_bytes(document), tuple(writer.headings), with_pages)


def _palette_colours(campaign: Campaign) -> bool:
    """branding.document_colours: the palette's colour or the base document's own ('auto': the
    palette on htpm's shipped base.docx, the designer's colours on a base of their own)."""
    choice = campaign.config.branding.document_colours
    if choice != "auto":
        return choice == "palette"
    return campaign.find_template(BASE).resolve() == (templates_dir() / BASE).resolve()


def word_count(document: Document) -> int:
    """Words of the body (paragraphs and table cells), counted as Word does: runs of non-spaces."""
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return sum(len(text.split()) for text in texts)


def _paragraphs(document: Document) -> list[Paragraph]:
    found = list(document.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                found.extend(part.paragraphs)
    return found


def _fill_cover(document: Document, campaign: Campaign, values: dict[str, str | None], warn) -> None:  # noqa: ANN001
    """Replace {key} placeholders in the base document; a paragraph whose only content is an
    empty value is removed, and `{logo}` becomes the logo (or goes when there is none)."""
    for paragraph in _paragraphs(document):
        text = paragraph.text
        keys = _COVER_KEY.findall(text)
        if not keys:
            continue
        if text.strip() == "{logo}":
            if not _logo(paragraph, campaign, warn):
                paragraph._p.getparent().remove(paragraph._p)
            continue
        filled = _COVER_KEY.sub(lambda m: values.get(m[1]) or "" if m[1] in values else m[0], text)
        if not filled.strip():
            paragraph._p.getparent().remove(paragraph._p)
            continue
        runs = paragraph.runs
        runs[0].text = filled
        for run in runs[1:]:
            run._r.getparent().remove(run._r)


def _logo(paragraph: Paragraph, campaign: Campaign, warn) -> bool:  # noqa: ANN001
    branding = campaign.config.branding
    if not branding.logo:
        return False
    try:
        path = campaign.asset(branding.logo)
        size = Image.from_blob(path.read_bytes())
    except HtpmError as exc:
        warn(f"{campaign.locate(('branding', 'logo'))}: logo left off the cover: {exc.message}")
        return False
    except Exception:  # not an image python-docx can place
        where = campaign.locate(("branding", "logo"))
        warn(f"{where}: logo left off the cover: {branding.logo} is not a PNG or JPEG")
        return False
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    wide = size.px_width >= 2 * size.px_height
    extent = {"width": Inches(3.2)} if wide else {"height": Inches(1.2)}
    shape = paragraph.add_run().add_picture(io.BytesIO(path.read_bytes()), **extent)
    set_alt_text(shape, branding.logo_alt or campaign.config.organization.name)
    return True


def _set_font(document: Document, role: str, family: str) -> None:
    names = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "TOC Heading")
    targets = names if role == "heading" else ("Normal",)
    for name in targets:
        style = document.styles[name]
        style.font.name = family
