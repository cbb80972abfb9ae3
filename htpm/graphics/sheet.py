"""`graphics/index.html`: the whole set at a glance, each image with its size and alt text."""

from __future__ import annotations

from html import escape
from itertools import groupby

from htpm.campaign import Campaign
from htpm.graphics.plan import Planned

_STYLE = " ".join(
    [
        'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;',
        "margin:2rem;color:#1b1b1b;background:#f4f5f7}",
        "h1{margin:0 0 .25rem}p.intro{margin:0 0 2rem;color:#444}",
        "h2{margin:2.5rem 0 .5rem}h3{margin:1.5rem 0 .5rem;color:#333}",
        ".row{display:flex;flex-wrap:wrap;gap:1.25rem;align-items:flex-start}",
        "figure{margin:0;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15);",
        "padding:.75rem;width:320px}",
        "figure img{display:block;width:100%;height:auto;border-radius:4px;background:#ddd}",
        "figcaption{font-size:.85rem;margin-top:.5rem;line-height:1.35}",
        "figcaption code{font-size:.8rem;color:#555}.alt{margin:.4rem 0 0;color:#333}",
    ]
)


def contact_sheet(campaign: Campaign, graphics: list[Planned]) -> str:
    """An HTML page listing `graphics` by layout, then week; image paths are relative to graphics/."""
    label = campaign.labels_of("graphics")
    title = f"{campaign.config.observance.name} {campaign.year}: {label.get('sheet_title', 'Graphics')}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(campaign.locale)}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="intro">{escape(label.get("sheet_intro", ""))}</p>',
    ]
    for layout, in_layout in groupby(graphics, key=lambda g: (g.layout, g.layout_title)):
        out.append(f"<h2>{escape(layout[1])}</h2>")
        for week, in_week in groupby(sorted(in_layout, key=lambda g: g.week or 0), key=lambda g: g.week):
            if week is not None:
                out.append(f"<h3>{escape(label.get('week', 'Week'))} {week}</h3>")
            out.append('<div class="row">')
            out.extend(_figure(g, label.get("sheet_alt", "Alt text")) for g in in_week)
            out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _figure(g: Planned, alt_label: str) -> str:
    src = escape(g.path.removeprefix("graphics/"))
    return (
        f'<figure><a href="{src}"><img src="{src}" width="{g.width}" height="{g.height}" '
        f'loading="lazy" alt="{escape(g.alt)}"></a>'
        f"<figcaption><strong>{escape(g.size_label)}</strong> {g.width}\u00d7{g.height}<br><code>{src}</code>"
        f'<p class="alt"><strong>{escape(alt_label)}:</strong> {escape(g.alt)}</p></figcaption></figure>'
    )
