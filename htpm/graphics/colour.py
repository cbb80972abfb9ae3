"""Colours by palette name or hex, and WCAG contrast measured on real pixels.

The WCAG formulas and thresholds are `htpm.contrast`'s (shared with the Word and email outputs).

Text on a photo or a gradient has no single background colour, so `pixel_contrast` looks at every
pixel under the text and reports a low percentile: the contrast that all but `WORST_SHARE` of those
pixels reach. It is computed with Pillow alone (linearised channels in 32-bit float images).
"""

from __future__ import annotations

from PIL import Image, ImageMath

from htpm.contrast import LINEAR, RGB, WEIGHTS, contrast_ratio, parse_hex, relative_luminance
from htpm.settings import Palette

PALETTE_NAMES = ("primary", "secondary", "accent", "dark", "light")
WORST_SHARE = 0.01  # the measured contrast is the one 99 % of the pixels under the text reach


def resolve_colour(value: str, palette: Palette) -> RGB:
    """A palette name ('primary', ...) or '#RRGGBB' as an RGB triple; ValueError otherwise."""
    if value in PALETTE_NAMES:
        value = getattr(palette, value)
    try:
        return parse_hex(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a palette colour ({', '.join(PALETTE_NAMES)}) or #RRGGBB"
        ) from None


def hex_of(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def luminance_image(region: Image.Image) -> Image.Image:
    """A float image of the WCAG relative luminance of each pixel of an RGB image."""
    r, g, b = (band.point(list(LINEAR), "F") for band in region.convert("RGB").split())
    wr, wg, wb = WEIGHTS
    return ImageMath.lambda_eval(lambda a: a["r"] * wr + a["g"] * wg + a["b"] * wb, r=r, g=g, b=b)


def _share_below(lums: list[Image.Image], text_lum: float, ratio: float, total: int) -> float:
    """The share of pixels whose contrast with the text is below `ratio`.

    Those are the pixels whose luminance lies strictly between (T + .05) / ratio - .05 and
    ratio (T + .05) - .05; Pillow's float histogram counts the values in a range.
    """
    low = (text_lum + 0.05) / ratio - 0.05
    high = ratio * (text_lum + 0.05) - 0.05
    low, high = max(low, -1e-6), min(high, 1.0 + 1e-6)
    if high <= low:
        return 0.0
    # Pillow truncates toward zero, so values up to one bin below the range land in bin 0: start
    # the range one bin early and leave bin 0 out.
    step = (high - low) / 255
    return sum(sum(lum.histogram(extrema=(low - step, high))[1:]) for lum in lums) / total


def pixel_contrast(regions: list[Image.Image], text: RGB, required: float) -> tuple[bool, float]:
    """(passes, measured): does the text colour reach `required` on all but WORST_SHARE of the pixels
    of `regions` (the areas under each line), and the contrast it does reach there (for messages)."""
    total = sum(region.width * region.height for region in regions)
    if not total:
        return True, required
    counts = _colour_counts(regions)
    if counts is not None:
        return _contrast_of_colours(counts, text, required, total)
    lums = [luminance_image(region) for region in regions]
    text_lum = relative_luminance(text)
    if _share_below(lums, text_lum, required, total) <= WORST_SHARE:
        return True, required
    lo, hi = 1.0, required  # bisect the contrast that the (1 - WORST_SHARE) share reaches
    for _ in range(12):
        mid = (lo + hi) / 2
        if _share_below(lums, text_lum, mid, total) <= WORST_SHARE:
            lo = mid
        else:
            hi = mid
    return False, lo


MAX_COLOURS = 4096


def _colour_counts(regions: list[Image.Image]) -> dict[RGB, int] | None:
    """Pixel counts per colour when the regions have few colours (flat or gradient backgrounds,
    the usual case: exact and fast); None for photos, which take the float-image path."""
    counts: dict[RGB, int] = {}
    for region in regions:
        colours = region.convert("RGB").getcolors(MAX_COLOURS)
        if colours is None:
            return None
        for count, rgb in colours:
            key = (int(rgb[0]), int(rgb[1]), int(rgb[2]))  # type: ignore[index]
            counts[key] = counts.get(key, 0) + count
        if len(counts) > MAX_COLOURS:
            return None
    return counts


def _contrast_of_colours(
    counts: dict[RGB, int], text: RGB, required: float, total: int
) -> tuple[bool, float]:
    ratios = sorted((contrast_ratio(rgb, text), count) for rgb, count in counts.items())
    allowed = WORST_SHARE * total
    seen = 0
    for ratio, count in ratios:  # from the worst up: skip at most WORST_SHARE of the pixels
        seen += count
        if seen > allowed:
            return (ratio >= required, required if ratio >= required else ratio)
    return True, required
