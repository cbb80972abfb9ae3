"""The review layer `htpm serve` puts on each page of the site (the published site has none):
config errors, lint findings (marked beside the words they flag by review.js, each with the
file:line to fix), open fill-ins, posts left out of a platform and why, build warnings, the
contrast of the site's colours, and the toolkit and proclamation as page images.

Every string from a config or a build is escaped here; the data review.js reads is JSON with
`<` escaped, so no string can close the script element.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from htpm.prose import escape
from htpm.serve.kit import Kit

ASSETS = "/_htpm/"


def _list(items: list[str], none: str) -> str:
    if not items:
        return f"<p>{escape(none)}</p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _section(title: str, body: str, open_: bool = False) -> str:
    return f"<details{' open' if open_ else ''}><summary>{escape(title)}</summary>{body}</details>"


def panel(kit: Kit | None, errors: list[str], labels: Mapping[str, str], images_state: str) -> str:
    """The review panel's HTML (an `<aside>`), placed after the page's `<main>`."""
    label = dict(labels)
    parts = ['<aside class="htpm-review" id="htpm-review" aria-labelledby="htpm-review-title">']
    parts.append(f'<h2 id="htpm-review-title">{escape(label["review"])}</h2>')
    if errors:
        heading = label["review_errors"] if kit else label["review_no_kit"]
        lines = "".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
        parts.append(f'<div class="htpm-errors" role="alert"><p>{escape(heading)}</p><ul>{lines}</ul></div>')
    if kit is None:
        parts.append("</aside>")
        return "".join(parts)
    none = label["review_none"]
    flags = [
        f"<code>{escape(f.where)}</code> {escape(f.severity)} <code>{escape(f.rule)}</code>: "
        + escape(f.message)
        for f in kit.flags
    ]
    parts.append(_section(label["review_lint"].replace("{count}", str(len(flags))), _list(flags, none)))
    fills = [f"<code>{{{escape(name)}}}</code> <code>{escape(where)}</code>" for name, where in kit.fill_ins]
    parts.append(_section(label["review_fill_ins"].replace("{count}", str(len(fills))), _list(fills, none)))
    left = [escape(line) for line in kit.left_out]
    parts.append(_section(label["review_left_out"].replace("{count}", str(len(left))), _list(left, none)))
    warnings = [escape(line) for line in kit.warnings]
    parts.append(
        _section(label["review_warnings"].replace("{count}", str(len(warnings))), _list(warnings, none))
    )
    rows = "".join(
        f"<tr><td>{escape(label.get('contrast_' + f.what, f.what))}</td>"
        f'<td><span class="htpm-swatch" style="color:{f.foreground};background:{f.background}">Aa</span> '
        f"<code>{f.foreground}</code> / <code>{f.background}</code></td>"
        f"<td>{f.ratio:.2f}:1{'' if f.passes else ' ✗'}</td><td>{f.needed:g}:1</td></tr>"
        for f in kit.contrast
    )
    table = (
        f'<table><thead><tr><th scope="col">{escape(label["review_pair"])}</th><th scope="col">#</th>'
        f'<th scope="col">{escape(label["review_ratio"])}</th>'
        f'<th scope="col">{escape(label["review_needed"])}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    parts.append(_section(label["review_contrast"], table))
    if images_state == "ready" and kit.page_images:
        figures = []
        for name, pages in kit.page_images.items():
            for number in range(1, len(pages) + 1):
                src = f"{ASSETS}pages/{escape(name)}/{number}.png"
                figures.append(
                    f'<a href="{src}"><img src="{src}" alt="{escape(name)} {number}" loading="eager"></a>'
                )
        body = f'<div class="htpm-pages">{"".join(figures)}</div>'
    elif images_state == "pending":
        body = f"<p>{escape(label['review_pages_pending'])}</p>"
    else:
        body = f"<p>{escape(label['review_no_office'])}</p>"
    parts.append(_section(label["review_pages"], body))
    parts.append("</aside>")
    return "".join(parts)


def data(kit: Kit | None, generation: int) -> str:
    """The JSON review.js reads: the flags to mark on the page and the build's generation."""
    payload = {
        "generation": generation,
        "flags": [f.__dict__ for f in kit.flags if f.match] if kit else [],
    }
    text = json.dumps(payload, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def inject(
    page: str, kit: Kit | None, errors: list[str], labels: Mapping[str, str], state: str, generation: int
) -> str:
    """`page` with the review layer: its styles and script in the head, the panel after main."""
    head = (
        f'<link rel="stylesheet" href="{ASSETS}review.css">'
        f'<script type="application/json" id="htpm-review-data">{data(kit, generation)}</script>'
        f'<script src="{ASSETS}review.js" defer></script>'
    )
    page = page.replace("</head>", head + "</head>", 1)
    marker = "</main>"
    if marker in page:
        return page.replace(marker, marker + panel(kit, errors, labels, state), 1)
    return page.replace("</body>", panel(kit, errors, labels, state) + "</body>", 1)


def error_page(errors: list[str], labels: Mapping[str, str], lang: str = "en") -> str:
    """What every page shows when the config has never built."""
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>htpm serve</title></head><body><main><h1>htpm serve</h1></main></body></html>"
    )
