"""What a layout's text templates can say, and the alt text that says it all again.

The context holds plain values only (text, numbers, dicts of text): a value the config leaves out
is the empty string, so `{{ week.audience }}` renders nothing and the layer is left out.

| name | value |
|---|---|
| `theme`, `tagline`, `call_to_action` | the config's theme |
| `hashtag`, `hashtags` | the primary hashtag; the secondary ones (a list) |
| `observance` | `name`, `short_name` |
| `organization` | `name`, `short_name`, `website` (as shown: no `https://`) |
| `hotline` | `name`, `heading`, `phone`, `text`, `tty`, `website` (as shown), `hours`, `languages` |
| `year`, `month`, `month_name` | the campaign's year and month |
| `logo_alt` | the logo's alt text |
| `label` | the fixed words of `templates/labels/<lang>/graphics.yaml` (`label.week`) |
| `week` | per-week layouts: `number`, `title`, `audience`, `dates`, `start`, `end`; `weeks`: how many |
"""

from __future__ import annotations

import re
from typing import Any

from htpm.campaign import Campaign, WeekInfo
from htpm.errors import HtpmError
from htpm.values import shown

MAX_ALT = 1000
_END = re.compile(r"[.!?:…]$")


def shown_url(url: str | None) -> str:
    """'https://www.example.org/a/' -> 'example.org/a': how an address reads on a graphic."""
    if not url:
        return ""
    text = re.sub(r"^(https?://|mailto:)", "", url)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


def _text(value: Any) -> str:
    return "" if value is None else shown(str(value))


def campaign_context(campaign: Campaign) -> dict[str, Any]:
    c = campaign.config
    hotline = c.hotline
    labels = campaign.labels_of("graphics")
    return {
        "theme": c.theme.name,
        "tagline": _text(c.theme.tagline),
        "call_to_action": _text(c.theme.call_to_action),
        "hashtag": c.hashtags.primary,
        "hashtags": list(c.hashtags.secondary),
        "observance": {
            "name": c.observance.name,
            "short_name": _text(c.observance.short_name) or c.observance.name,
        },
        "organization": {
            "name": c.organization.name,
            "short_name": _text(c.organization.short_name) or c.organization.name,
            "website": shown_url(c.organization.website),
        },
        "hotline": {
            "name": _text(hotline and hotline.name),
            "heading": _text(hotline and hotline.heading),
            "phone": _text(hotline and hotline.phone),
            "text": _text(hotline and hotline.text),
            "tty": _text(hotline and hotline.tty),
            "website": shown_url(hotline.website if hotline else None),
            "hours": _text(hotline and hotline.hours),
            "languages": _text(hotline and hotline.languages),
        },
        "year": campaign.year,
        "month": campaign.month,
        "month_name": campaign.month_name,
        "logo_alt": _text(c.branding.logo_alt),
        "label": labels,
        "weeks": len(campaign.weeks),
    }


def week_context(campaign: Campaign, info: WeekInfo) -> dict[str, Any]:
    return {
        "number": info.number,
        "title": info.week.title,
        "audience": _text(info.week.audience),
        "dates": campaign.date_range(info.start, info.end),
        "start": campaign.format_date(info.start),
        "end": campaign.format_date(info.end),
    }


def requirement_met(context: dict[str, Any], dotted: str) -> bool:
    """Whether a `requires:` entry such as 'hotline.phone' has a non-empty value."""
    value: Any = context
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return bool(value)


def sentence(text: str) -> str:
    """One line, ending like a sentence, so a screen reader pauses between the texts."""
    text = " ".join(text.split())
    return text if not text or _END.search(text) else text + "."


def alt_text(description: str, texts: list[str], logo: str, labels: dict[str, str], who: str) -> str:
    """The description, the logo, then every text on the image as written (not upper-cased).

    Raises HtpmError when it exceeds MAX_ALT characters (the strictest platform limit)."""
    parts = [sentence(description)]
    if logo:
        parts.append(sentence(f"{labels.get('alt_logo', 'Logo:')} {logo}"))
    shown = [sentence(t) for t in texts if t.strip()]
    if shown:
        parts.append(labels.get("alt_text", "Text on the image:") + " " + " ".join(shown))
    alt = " ".join(p for p in parts if p)
    if len(alt) > MAX_ALT:
        raise HtpmError(f"{who}: alt text is {len(alt)} characters, over the {MAX_ALT} platforms accept")
    return alt
