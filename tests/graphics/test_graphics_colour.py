"""WCAG contrast: colours, thresholds, and the pixels under a text."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from htpm.contrast import contrast_ratio as contrast
from htpm.contrast import required_contrast
from htpm.graphics.colour import pixel_contrast, resolve_colour
from htpm.settings import Palette

PALETTE = Palette(primary="#00507A", secondary="#007C89", accent="#F2A900")


def test_known_contrast_ratios() -> None:
    assert contrast((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast((255, 0, 0), (255, 255, 255)) == pytest.approx(4.0, abs=0.01)


def test_large_text_needs_three_to_one() -> None:
    assert required_contrast(23, bold=False) == 4.5
    assert required_contrast(24, bold=False) == 3.0
    assert required_contrast(19, bold=True) == 3.0
    assert required_contrast(18, bold=True) == 4.5


def test_palette_names_and_hex() -> None:
    assert resolve_colour("primary", PALETTE) == (0x00, 0x50, 0x7A)
    assert resolve_colour("light", PALETTE) == (255, 255, 255)
    assert resolve_colour("#1a2B3c", PALETTE) == (0x1A, 0x2B, 0x3C)
    with pytest.raises(ValueError, match="not a palette colour"):
        resolve_colour("teal", PALETTE)


def test_flat_background_measures_its_colour() -> None:
    navy = Image.new("RGB", (200, 50), (0, 0x50, 0x7A))
    assert pixel_contrast([navy], (255, 255, 255), 4.5) == (True, 4.5)
    grey = Image.new("RGB", (200, 50), (0xAA, 0xAA, 0xAA))
    passes, measured = pixel_contrast([grey], (255, 255, 255), 4.5)
    assert not passes
    assert measured == pytest.approx(contrast((0xAA,) * 3, (255, 255, 255)), abs=0.05)


def test_worst_pixels_count_not_the_average() -> None:
    # a dark photo with a bright patch under a fifth of the text: the average would pass
    image = Image.new("RGB", (200, 100), (10, 20, 40))
    ImageDraw.Draw(image).rectangle((0, 0, 39, 99), fill=(235, 235, 225))
    passes, measured = pixel_contrast([image], (255, 255, 255), 4.5)
    assert not passes
    assert measured < 1.2


def test_a_few_stray_pixels_are_tolerated() -> None:
    image = Image.new("RGB", (200, 100), (10, 20, 40))
    image.putpixel((5, 5), (255, 255, 255))  # 1 pixel of 20,000
    assert pixel_contrast([image], (255, 255, 255), 4.5)[0]


def test_photos_with_many_colours_take_the_float_path() -> None:
    # noise has far more than MAX_COLOURS colours: the float-image histogram measures it
    noise = Image.merge("RGB", [Image.effect_noise((300, 200), 40).point(lambda v: 150 + v // 3)] * 3)
    noise = Image.merge(
        "RGB",
        (
            noise.getchannel(0),
            noise.getchannel(1).transpose(Image.Transpose.FLIP_LEFT_RIGHT),
            noise.getchannel(2),
        ),
    )
    assert noise.getcolors(4096) is None
    passes, measured = pixel_contrast([noise], (255, 255, 255), 3.0)
    assert not passes and 1.2 < measured < 2.5
    dark = noise.point(lambda v: v // 6)
    assert pixel_contrast([dark], (255, 255, 255), 4.5)[0]
    # the same verdicts as the exact colour count on an image with few colours
    flat = Image.new("RGB", (300, 200), (0x77, 0x77, 0x77))
    assert pixel_contrast([flat], (255, 255, 255), 4.5)[0] is False
