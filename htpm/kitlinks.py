"""Links from the toolkit to the kit's own files: the meeting backgrounds, the presentation, its
empty template and the graphics (a `digital.blocks` item names them with `kit:`).

A link is relative to the kit folder (`slides/presentation.pptx`: the toolkit sits at the folder's
top, so the link works wherever the folder is unpacked), or absolute under `social.image_base_url`
when it is set: that is where the kit folder is hosted (the posts' image addresses are that base
followed by a path in the folder, the same rule).
"""

from __future__ import annotations

from urllib.parse import quote

from htpm.campaign import Campaign
from htpm.model import KitFile

PRESENTATION = "slides/presentation.pptx"  # htpm.generators.slides writes these
SLIDES_TEMPLATE = "slides/template.pptx"
GRAPHICS_INDEX = "graphics/index.html"
MEETING_SIZE = "meeting_background"
BANNER_SIZES = ("email_header", "web_banner")


def kit_href(campaign: Campaign, path: str) -> str:
    """The address of a file of the kit: `path` itself, or under social.image_base_url."""
    base = campaign.config.social.image_base_url
    return f"{base.rstrip('/')}/{quote(path)}" if base else quote(path)


def kit_links(campaign: Campaign, items: list[KitFile] | tuple[KitFile, ...]) -> list[tuple[str, str]]:
    """(text, address) of each file the items name, in order; files the config does not make
    (no meeting layout, say) are left out."""
    label = campaign.labels_of("kit")
    out: list[tuple[str, str]] = []
    for item in items:
        if item == "presentation":
            out.append((label["presentation"], PRESENTATION))
        elif item == "slides_template":
            out.append((label["slides_template"], SLIDES_TEMPLATE))
        elif item == "graphics":
            out.append((label["graphics"], GRAPHICS_INDEX))
        else:
            out.extend(_graphics(campaign, item, label))
    return [(text, kit_href(campaign, path)) for text, path in out]


def _graphics(campaign: Campaign, item: KitFile, label: dict[str, str]) -> list[tuple[str, str]]:
    from htpm.graphics.plan import plan
    from htpm.labels import fill

    sizes = (MEETING_SIZE,) if item == "meeting_backgrounds" else BANNER_SIZES
    titles = {w.number: w.week.title for w in campaign.weeks}
    out = []
    for job in plan(campaign):
        for graphic in job.graphics:
            if graphic.size not in sizes:
                continue
            if item == "banners":
                text = fill(label["banner"], size=graphic.size_label)
            elif graphic.week is None:
                text = fill(label["meeting_theme"], theme=campaign.config.theme.name)
            else:
                text = fill(label["meeting_week"], number=graphic.week, title=titles[graphic.week])
            out.append((text, graphic.path))
    return out
