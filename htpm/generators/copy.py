"""Newsletter and website copy from `digital.newsletter` and `digital.website`:
`copy/newsletter.html` (email: tables, 600 px, CSS inlined), `copy/newsletter.txt` (its plain-
text part), `copy/newsletter.md`, `copy/website.html` (a fragment for a CMS), `copy/website.md`,
and the images they show under `copy/images/`.

Images are addressed under `digital.image_base_url` (where `copy/images/` will be hosted): an email
client shows no image at a relative address. Without it the newsletter leaves its images out, with a
warning naming each one and the key to set; the website fragment keeps `images/<file>`, for a CMS
that hosts the images beside the page.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign, SourcePath
from htpm.checks import problem_at
from htpm.contrast import NORMAL_TEXT, contrast_ratio
from htpm.errors import HtpmError
from htpm.graphics.images import image_header, read_image_file
from htpm.model import CopyBlock
from htpm.problems import Problem, dotted
from htpm.prose import (
    Notes,
    note_ids,
    parse,
    plain,
    require_valid_prose,
    to_html,
    to_html_inline,
    to_markdown,
    to_text,
)
from htpm.templating import make_env, render

GMAIL_CLIP_BYTES = 102 * 1024
CONTENT_WIDTH = 552  # 600 px less 24 px padding each side
LOGO_MAX_WIDTH = 240
DARK_BACKGROUND = "#1E1E1E"  # the container's colour in clients that honour prefers-color-scheme: dark
BASE_URL_KEY = ("digital", "image_base_url")
HEADER_SIZE = "email_header"  # templates/graphics/sizes.yaml
HEADER_FILE = "email-header.png"
TEMPLATES = {
    "newsletter.html": "copy/newsletter.html.j2",
    "newsletter.txt": "copy/newsletter.txt.j2",
    "newsletter.md": "copy/newsletter.md.j2",
    "website.html": "copy/website.html.j2",
    "website.md": "copy/website.md.j2",
}


def check(campaign: Campaign) -> list[Problem]:
    """`digital.image_base_url`, when set, is an https:// address that file names can follow."""
    base = campaign.config.digital.image_base_url
    if base is None:
        return []
    parts = urlsplit(base)
    if parts.scheme != "https" or not parts.hostname or any(ch.isspace() for ch in base):
        where = "the address where copy/images/ will be hosted"
        return [
            problem_at(
                campaign, BASE_URL_KEY, f"expected an absolute https:// address ({where}), got {base!r}"
            )
        ]
    if parts.query or parts.fragment:
        return [
            problem_at(
                campaign,
                BASE_URL_KEY,
                f"{base!r} has a query or fragment; give the folder's address (file names are added to it)",
            )
        ]
    return []


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    """The newsletter (HTML email, text, Markdown) and website copy (HTML fragment, Markdown)."""
    env = make_env(campaign.template_dirs)
    images: dict[str, Artifact] = {}
    common = _common(campaign, images, ctx.dry)
    artifacts = []
    for kind in ("newsletter", "website"):
        context = {**common, **_block(campaign, kind, images)}
        context.update(_placed_images(campaign, kind, context, ctx))
        for fmt in ("html", "txt", "md"):
            name = f"{kind}.{fmt}"
            if name not in TEMPLATES:
                continue
            text = render(env, TEMPLATES[name], context)
            if name == "newsletter.html":
                text = inline_css(text)
                if len(text.encode("utf-8")) > GMAIL_CLIP_BYTES:
                    ctx.warn(
                        f"copy/newsletter.html is {len(text.encode('utf-8')) // 1024} KB; Gmail clips "
                        "messages over 102 KB: shorten digital.newsletter.body",
                        kind="email-size",
                    )
            artifacts.append(Artifact(f"copy/{name}", text.encode("utf-8")))
    return artifacts + sorted(images.values(), key=lambda a: a.path)


def inline_css(html: str) -> str:
    """Move the <style> rules onto the elements (Outlook and others ignore <style>). A
    `<style data-css-inline="keep">` (the template's @media rules: narrow screens, dark mode) stays
    as written, for the clients that read it. Nothing is fetched: <link> stylesheets are dropped."""
    import css_inline

    inliner = css_inline.CSSInliner(
        inline_style_tags=True,
        keep_style_tags=False,
        keep_link_tags=False,
        keep_at_rules=False,
        load_remote_stylesheets=False,
    )
    return inliner.inline(html)


# -- colours --------------------------------------------------------------------------------------
def _colours(campaign: Campaign) -> dict[str, str]:
    p = campaign.config.branding.palette
    on_primary = (
        p.light if contrast_ratio(p.light, p.primary) >= contrast_ratio(p.dark, p.primary) else p.dark
    )
    readable = p.primary if contrast_ratio(p.primary, "#FFFFFF") >= NORMAL_TEXT else p.dark
    on_dark = next(
        (c for c in (p.accent, p.secondary, p.light) if contrast_ratio(c, DARK_BACKGROUND) >= NORMAL_TEXT),
        "#FFFFFF",
    )
    return {
        "primary": p.primary,
        "on_primary": on_primary,
        "accent": p.accent,
        "text": p.dark if contrast_ratio(p.dark, "#FFFFFF") >= NORMAL_TEXT else "#1A1A1A",
        "heading": readable,
        "link": readable,
        "dark_heading": on_dark,  # headings and links in dark mode
    }


# -- images ---------------------------------------------------------------------------------------
def _image(
    campaign: Campaign, key: SourcePath, name: str, alt: str, max_width: int, images: dict[str, Artifact]
) -> dict[str, Any]:
    """An image beside the config or in brand_assets, copied to copy/images/, with its size (its
    `src` is set per output by `_placed_images`)."""
    path = campaign.asset(name)
    try:
        width, height, _fmt = image_header(path, name, ("PNG", "JPEG", "GIF"))
    except HtpmError as exc:
        raise HtpmError(f"{exc.message}; email and web copy take PNG, JPEG or GIF", path) from None
    file = PurePosixPath(path.name).name
    images.setdefault(file, Artifact(f"copy/images/{file}", read_image_file(path, name)))
    shown = min(width, max_width)
    return {"key": key, "file": file, "alt": alt, "width": shown, "height": round(height * shown / width)}


def _placed_images(
    campaign: Campaign, kind: str, context: dict[str, Any], ctx: BuildContext
) -> dict[str, Any]:
    """The context's images with the `src` this output gives them: under digital.image_base_url;
    without it, `images/<file>` on the website and none in the email (which says so)."""
    base = campaign.config.digital.image_base_url
    placed: dict[str, Any] = {}
    for slot in ("header", "logo", "image"):
        image = context.get(slot)
        if image is None:
            continue
        if base:
            placed[slot] = {**image, "src": f"{base.rstrip('/')}/{quote(image['file'])}"}
        elif kind == "website":
            placed[slot] = {**image, "src": f"images/{quote(image['file'])}"}
        else:
            placed[slot] = None
            ctx.warn(
                f"{campaign.locate(image['key'])}: {dotted(image['key'])}: {image['file']} is left out of "
                "copy/newsletter.html (an email shows images only from an absolute address): set "
                "digital.image_base_url to the https:// address where copy/images/ will be hosted",
                kind="email-image",
            )
    return placed


def _tel(phone: str) -> str:
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


# -- context --------------------------------------------------------------------------------------
def _labels(campaign: Campaign) -> dict[str, str]:
    return campaign.labels_of("copy")


def email_header(campaign: Campaign, images: dict[str, Artifact], dry: bool) -> dict[str, Any] | None:
    """The email header graphic (the first layout drawn at size `email_header`, by default
    templates/graphics/banner.yaml), copied to copy/images/ and shown full width: the newsletter's
    top in place of the logo. None when no layout draws that size."""
    from htpm.graphics.plan import plan
    from htpm.graphics.render import render_scene

    for job in plan(campaign):
        if job.scene.size != HEADER_SIZE or not job.graphics:
            continue
        graphic = job.graphics[0]
        data = b"" if dry else render_scene(job.scene, [graphic.item])[0]  # validate draws it dry
        images.setdefault(HEADER_FILE, Artifact(f"copy/images/{HEADER_FILE}", data))
        index = campaign.config.graphics.layouts.index(graphic.layout)
        return {
            "key": ("graphics", "layouts", index),
            "file": HEADER_FILE,
            "alt": graphic.alt,
            "width": 600,
            "height": round(600 * graphic.height / graphic.width),
        }
    return None


def _common(campaign: Campaign, images: dict[str, Artifact], dry: bool = False) -> dict[str, Any]:
    c = campaign.config
    org = c.organization
    branding = c.branding
    header = email_header(campaign, images, dry)
    logo = None
    if branding.logo and header is None:  # the header shows the logo
        alt = branding.logo_alt or org.name
        logo = _image(campaign, ("branding", "logo"), branding.logo, alt, LOGO_MAX_WIDTH, images)
    hotline = None
    if c.hotline:
        h = c.hotline
        hotline = {
            "heading": h.heading or h.name,
            "name": h.name,
            "phone": h.phone,
            "phone_uri": _tel(h.phone) if h.phone else None,
            "text": h.text,
            "tty": h.tty,
            "chat_url": h.chat_url,
            "website": h.website,
            "hours": h.hours,
        }
    return {
        "lang": campaign.locale,
        "observance": c.observance.name,
        "year": campaign.year,
        "theme": c.theme.name,
        "tagline": c.theme.tagline,
        "hashtag": c.hashtags.primary,
        "organization": {"name": org.name, "office": org.office, "email": org.email},
        "cta": {"label": org.website_label or org.website, "url": org.website} if org.website else None,
        "accounts": [{"label": a.label, "handle": a.handle, "url": a.url} for a in org.accounts],
        "hotline": hotline,
        "logo": logo,
        "header": header,
        "colours": _colours(campaign),
        "labels": _labels(campaign),
    }


def _block(campaign: Campaign, kind: str, images: dict[str, Artifact]) -> dict[str, Any]:
    block: CopyBlock = getattr(campaign.config.digital, kind)
    where = campaign.locate(("digital", kind, "body"))
    endnotes = {n.id: n.text for n in campaign.config.endnotes}
    html_notes, text_notes, md_notes = Notes.of(endnotes), Notes.of(endnotes), Notes.of(endnotes)
    image = None
    if block.image:
        if not (block.image_alt or "").strip():
            raise HtpmError(
                f"digital.{kind}.image_alt: the image needs alt text (what it shows, for who cannot see it)",
                campaign.locate(("digital", kind, "image")),
            )
        key = ("digital", kind, "image")
        image = _image(campaign, key, block.image, block.image_alt or "", CONTENT_WIDTH, images)
    require_valid_prose(block.body, f"digital.{kind}.body", where)
    body = parse(block.body)
    body_html = to_html(body, html_notes.numbering(where))
    body_text = to_text(body, text_notes.numbering(where))
    body_md = to_markdown(body)
    for note_id in note_ids(body):  # the Markdown keeps [^id]: check the ids all the same
        md_notes.number(note_id, where)
    subject = plain(parse(block.subject)) if block.subject else campaign.config.observance.name
    return {
        "kind": kind,
        "subject": subject,
        "heading": subject if kind == "newsletter" else campaign.config.observance.name,
        "preheader": plain(parse(block.preheader or campaign.config.theme.tagline or "")),
        "image": image,
        "body_html": Markup(body_html),  # noqa: S704 - htpm.prose escapes every character of text
        "body_text": body_text,
        "body_md": Markup(body_md),  # noqa: S704 - rendered Markdown, every text escaped
        "notes_html": [
            {"number": i, "html": Markup(to_html_inline(parse(text)))}  # noqa: S704
            for i, _nid, text in html_notes.used()
        ],
        "notes_text": [{"number": i, "text": plain(parse(text))} for i, _nid, text in text_notes.used()],
        "notes_md": Markup(  # noqa: S704 - rendered Markdown, every text escaped
            "\n".join(f"[^{nid}]: {to_markdown(parse(text))}" for _i, nid, text in md_notes.used())
        ),
    }
