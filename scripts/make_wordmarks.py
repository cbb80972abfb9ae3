"""Draw the plain typographic wordmarks in brand_assets/logos/ (PNG, transparent background).

These are stand-ins a campaign replaces with its own logo: two lines of Noto Sans beside a
simple rule, one colour, no seal or emblem. Run from the repository root:

    python scripts/make_wordmarks.py

The output is deterministic (no timestamps), so re-running it changes nothing in git.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "brand_assets" / "fonts"
LOGOS = ROOT / "brand_assets" / "logos"

INK = (20, 40, 75, 255)  # deep navy; layouts recolour it (e.g. white on a dark background)
SCALE = 4  # draw large, then downsample for smooth edges

WORDMARKS = {
    "hhs-wordmark.png": ("U.S. DEPARTMENT OF", "Health & Human Services"),
    "wa-wordmark.png": ("WASHINGTON STATE", "Anti-Trafficking Coalition"),
}


def tracked(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, tracking: float) -> float:
    """Draw `text` letter by letter with extra spacing; return the x after the last letter."""
    x, y = xy
    for ch in text:
        draw.text((x, y), ch, font=font, fill=INK, anchor="ls")
        x += font.getlength(ch) + tracking
    return x - tracking


def wordmark(kicker: str, name: str) -> Image.Image:
    small = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 30 * SCALE)
    big = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), 58 * SCALE)
    tracking = 5.5 * SCALE
    kicker_width = sum(small.getlength(c) for c in kicker) + tracking * (len(kicker) - 1)
    width = int(max(kicker_width, big.getlength(name)) + 60 * SCALE)
    height = 150 * SCALE
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    rule_x, text_x = 0, 30 * SCALE
    draw.rectangle((rule_x, 8 * SCALE, rule_x + 9 * SCALE - 1, 138 * SCALE), fill=INK)
    tracked(draw, (text_x, 50 * SCALE), kicker, small, tracking)
    draw.text((text_x, 122 * SCALE), name, font=big, fill=INK, anchor="ls")
    canvas = canvas.crop(canvas.getbbox())
    return canvas.resize((canvas.width // SCALE, canvas.height // SCALE), Image.Resampling.LANCZOS)


def main() -> None:
    LOGOS.mkdir(parents=True, exist_ok=True)
    for filename, (kicker, name) in WORDMARKS.items():
        image = wordmark(kicker, name)
        image.save(LOGOS / filename, format="PNG", optimize=True)
        print(f"{filename}: {image.width}x{image.height}")


if __name__ == "__main__":
    main()
