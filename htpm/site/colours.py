"""The microsite's colours, chosen from the campaign's palette so every pair that carries text
passes WCAG contrast (4.5:1); each choice falls back to a darker or plainer colour rather than
fail. `site_colours` also returns the figures, which `htpm serve` shows in its review layer."""

from __future__ import annotations

from dataclasses import dataclass

from htpm.campaign import Campaign
from htpm.contrast import LARGE_TEXT, NORMAL_TEXT, contrast_ratio, parse_hex

WHITE, NEAR_BLACK, BORDER = "#FFFFFF", "#1A1A1A", "#8C8C8C"


@dataclass(frozen=True)
class Figure:
    what: str  # which pair: the label site.contrast_<what> names it
    foreground: str
    background: str
    ratio: float
    needed: float

    @property
    def passes(self) -> bool:
        return self.ratio >= self.needed


def _mix(colour: str, other: str, share: float) -> str:
    a, b = parse_hex(colour), parse_hex(other)
    return "#" + "".join(f"{round(x * share + y * (1 - share)):02X}" for x, y in zip(a, b, strict=True))


def _first(candidates: list[str], against: str, needed: float = NORMAL_TEXT) -> str:
    return next((c for c in candidates if contrast_ratio(c, against) >= needed), NEAR_BLACK)


def site_colours(campaign: Campaign) -> tuple[dict[str, str], list[Figure]]:
    p = campaign.config.branding.palette
    background = p.light if contrast_ratio(p.dark, p.light) >= NORMAL_TEXT else WHITE
    text = _first([p.dark, NEAR_BLACK], background)
    link = _first([p.primary, p.secondary, p.dark], background)
    panel = _mix(p.primary, background, 0.08)
    if min(contrast_ratio(text, panel), contrast_ratio(link, panel)) < NORMAL_TEXT:
        panel = background
    band = p.primary
    on_band = p.light if contrast_ratio(p.light, band) >= contrast_ratio(p.dark, band) else p.dark
    if contrast_ratio(on_band, band) < NORMAL_TEXT:
        band, on_band = text, background
    colours = {
        "background": background,
        "text": text,
        "link": link,
        "heading": link,
        "band": band,
        "on_band": on_band,
        "panel": panel,
        "accent": p.accent,
        "muted": BORDER,
        "focus": link,
    }
    pairs = [
        ("text", text, background, NORMAL_TEXT),
        ("link", link, background, NORMAL_TEXT),
        ("panel_text", text, panel, NORMAL_TEXT),
        ("panel_link", link, panel, NORMAL_TEXT),
        ("band", on_band, band, NORMAL_TEXT),
        ("focus", link, background, LARGE_TEXT),
    ]
    figures = [Figure(what, fg, bg, round(contrast_ratio(fg, bg), 2), need) for what, fg, bg, need in pairs]
    return colours, figures
