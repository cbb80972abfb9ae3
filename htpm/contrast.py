"""WCAG 2.x contrast, once for every output (Word styles, email and web colours, graphics).

Relative luminance linearises each sRGB channel (c / 12.92 at or below 0.04045, else
((c + 0.055) / 1.055) ** 2.4) and weights them 0.2126 R + 0.7152 G + 0.0722 B; the contrast of two
colours is (L1 + 0.05) / (L2 + 0.05), L1 the lighter. Text needs 4.5:1, large text 3:1 (18 pt, or
14 pt bold; at 96 px per inch: 24 px, or 18.66 px bold).
"""

from __future__ import annotations

import re

RGB = tuple[int, int, int]
Colour = RGB | str  # an RGB triple or '#RRGGBB'

NORMAL_TEXT = 4.5  # WCAG 2 AA, SC 1.4.3: text
LARGE_TEXT = 3.0  # WCAG 2 AA, SC 1.4.3: large text
LARGE_PX = 24.0  # 18 pt
LARGE_BOLD_PX = 18.66  # 14 pt bold
WEIGHTS = (0.2126, 0.7152, 0.0722)
_HEX = re.compile(r"^#([0-9A-Fa-f]{6})$")


def parse_hex(value: str) -> RGB:
    """'#RRGGBB' as an RGB triple; ValueError otherwise."""
    match = _HEX.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a colour (expected #RRGGBB)")
    digits = match.group(1)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def linear(channel: int) -> float:
    """An 8-bit sRGB channel, linearised."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


LINEAR = tuple(linear(c) for c in range(256))  # per 8-bit value, for images


def relative_luminance(colour: Colour) -> float:
    """0 (black) to 1 (white)."""
    r, g, b = parse_hex(colour) if isinstance(colour, str) else colour
    return WEIGHTS[0] * LINEAR[r] + WEIGHTS[1] * LINEAR[g] + WEIGHTS[2] * LINEAR[b]


def contrast_ratio(a: Colour, b: Colour) -> float:
    """1 (the same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def required_contrast(font_px: float, bold: bool) -> float:
    """4.5:1, or 3:1 for large text (>= 24 px, or >= 18.66 px bold)."""
    large = font_px >= LARGE_PX or (bold and font_px >= LARGE_BOLD_PX)
    return LARGE_TEXT if large else NORMAL_TEXT


__all__ = [
    "LARGE_TEXT",
    "NORMAL_TEXT",
    "contrast_ratio",
    "parse_hex",
    "relative_luminance",
    "required_contrast",
]
