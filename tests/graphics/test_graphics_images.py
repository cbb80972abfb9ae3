"""Users' images: PNG and JPEG only, bombs and broken files refused, modes and orientation fixed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from graphics_helpers import jpeg_bytes, png_bytes
from PIL import Image, ImageCms

from htpm.errors import HtpmError
from htpm.graphics.images import load_image


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_svg_is_refused_with_advice(tmp_path: Path) -> None:
    svg = write(tmp_path, "logo.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')
    with pytest.raises(
        HtpmError, match="logo.svg: SVG images are not supported; export the image as PNG or JPEG"
    ):
        load_image(svg)
    # an SVG renamed to .png is still an SVG
    disguised = write(tmp_path, "logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    with pytest.raises(HtpmError, match="SVG images are not supported"):
        load_image(disguised)


def test_other_formats_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    with pytest.raises(HtpmError, match="not a PNG or JPEG image"):
        load_image(write(tmp_path, "anim.gif", buffer.getvalue()))


def test_decompression_bomb_warning_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.png", png_bytes(Image.new("RGB", (120, 100))))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)  # 12,000 pixels: Pillow would only warn
    with pytest.raises(HtpmError, match="big.png: image is too large to open safely"):
        load_image(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5_000)  # more than twice: Pillow's own error
    with pytest.raises(HtpmError, match="too large"):
        load_image(path)


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_truncated_files_are_refused(tmp_path: Path, kind: str) -> None:
    noisy = Image.effect_noise((200, 200), 60).convert("RGB")
    data = png_bytes(noisy) if kind == "png" else jpeg_bytes(noisy)
    path = write(tmp_path, f"cut.{kind}", data[: len(data) // 2])
    with pytest.raises(HtpmError, match="broken or truncated"):
        load_image(path)


def test_cmyk_becomes_rgb(tmp_path: Path) -> None:
    cmyk = Image.new("CMYK", (8, 8), (0, 255, 255, 0))  # red ink
    image = load_image(write(tmp_path, "print.jpg", jpeg_bytes(cmyk, quality=100)))
    assert image.mode == "RGB"
    r, g, b = image.getpixel((4, 4))
    assert r > 200 and g < 60 and b < 60


def test_cmyk_with_an_icc_profile_is_converted_through_it(tmp_path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    cmyk = Image.new("CMYK", (8, 8), (0, 0, 0, 0))
    data = jpeg_bytes(cmyk, icc_profile=profile)  # a wrong-kind profile must not break the load
    image = load_image(write(tmp_path, "profiled.jpg", data))
    assert image.mode == "RGB"
    assert image.getpixel((4, 4))[0] > 240  # no ink is white


def test_palette_and_grey_with_alpha_keep_transparency(tmp_path: Path) -> None:
    palette = Image.new("P", (8, 8), 0)
    palette.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    palette.info["transparency"] = 0
    image = load_image(write(tmp_path, "p.png", png_bytes(palette, transparency=0)))
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
    opaque = Image.new("P", (8, 8), 1)
    opaque.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    assert load_image(write(tmp_path, "q.png", png_bytes(opaque))).getpixel((0, 0)) == (0, 0, 255)
    la = Image.new("LA", (8, 8), (200, 128))
    converted = load_image(write(tmp_path, "la.png", png_bytes(la)))
    assert converted.mode == "RGBA" and converted.getpixel((0, 0)) == (200, 200, 200, 128)


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path) -> None:
    grey = Image.new("I;16", (8, 8), 32768)
    image = load_image(write(tmp_path, "deep.png", png_bytes(grey)))
    assert image.mode == "RGB"
    assert 120 <= image.getpixel((0, 0))[0] <= 135


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    photo = Image.new("RGB", (60, 20), (0, 0, 255))
    photo.paste((255, 0, 0), (0, 0, 10, 20))  # red on the left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display"
    image = load_image(write(tmp_path, "phone.jpg", jpeg_bytes(photo, exif=exif, quality=95)))
    assert image.size == (20, 60)
    r, _, b = image.getpixel((10, 3))  # the stored left edge is now the top
    assert r > 200 and b < 80
