"""Logos and photos from users: PNG or JPEG only, decoded defensively, in a known colour mode.

- The first bytes decide the format, not the name: SVG (and anything else) is refused with a
  message saying what to do.
- Pillow only warns (DecompressionBombWarning) above `Image.MAX_IMAGE_PIXELS`: here that warning is
  an error, like the DecompressionBombError Pillow raises at twice the limit.
- A truncated or corrupt file is an error, never a half-grey picture.
- EXIF orientation is applied (phone photos are often stored sideways).
- CMYK (with its ICC profile when it has one), palette, greyscale and 16-bit images become RGB or
  RGBA, so compositing and contrast see the colours a viewer sees.
"""

from __future__ import annotations

import contextlib
import io
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from htpm.errors import HtpmError
from htpm.paths import FileTooLarge, read_limited

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
MAX_FILE_BYTES = 50_000_000


def sniff(head: bytes, name: str) -> str:
    """'PNG' or 'JPEG' from the file's first bytes; an HtpmError for anything else."""
    if head.startswith(_PNG):
        return "PNG"
    if head.startswith(_JPEG):
        return "JPEG"
    text = head.lstrip()[:256].lower()
    if name.lower().endswith((".svg", ".svgz")) or text.startswith((b"<?xml", b"<svg")) or b"<svg" in text:
        raise HtpmError(f"{name}: SVG images are not supported; export the image as PNG or JPEG")
    raise HtpmError(f"{name}: not a PNG or JPEG image; export the image as PNG or JPEG")


def read_image_file(path: Path, name: str) -> bytes:
    """The bytes of a user's image: a regular file of at most MAX_FILE_BYTES."""
    try:
        return read_limited(path, MAX_FILE_BYTES)
    except FileTooLarge:
        raise HtpmError(f"{name}: image file is larger than {MAX_FILE_BYTES // 1_000_000} MB") from None
    except OSError as exc:
        raise HtpmError(f"{name}: cannot read the image ({exc.strerror or exc})") from None


def image_header(path: Path, name: str, formats: tuple[str, ...]) -> tuple[int, int, str]:
    """Width, height and format of a user's image in one of `formats`, read from its header only;
    a decompression bomb, oversized metadata (iCCP, zTXt) or a broken file is an HtpmError."""
    data = read_image_file(path, name)
    with _opened(data, list(formats), name) as image:
        return image.width, image.height, str(image.format)


def load_image(path: Path, shown: str | None = None, target: tuple[int, int] | None = None) -> Image.Image:
    """Open a user's PNG or JPEG as RGB or RGBA. `target` lets a big JPEG decode at a reduced scale
    (never below that size). Every problem is an HtpmError naming the file."""
    name = shown or path.name
    data = read_image_file(path, name)
    fmt = sniff(data[:512], name)
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with _opened(data, [fmt], name) as image:
        try:
            if fmt == "JPEG" and target is not None:
                image.draft("RGB", target)
            image.load()
        except (OSError, SyntaxError, ValueError, zlib.error) as exc:
            raise HtpmError(f"{name}: broken or truncated {fmt} image ({exc})") from None
    return normalise(image)


@contextlib.contextmanager
def _opened(data: bytes, formats: list[str], name: str) -> Iterator[Image.Image]:
    """Image.open with Pillow's bomb warning as an error and every failure an HtpmError."""
    fmt = "/".join(formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=formats)
            yield image
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        limit = Image.MAX_IMAGE_PIXELS
        raise HtpmError(
            f"{name}: image is too large to open safely (more than {limit:,} pixels); "
            "scale it down before using it"
        ) from None
    except UnidentifiedImageError:
        raise HtpmError(f"{name}: not a readable {fmt} image") from None
    except (OSError, SyntaxError, ValueError, zlib.error) as exc:  # "Decompressed data too large"
        raise HtpmError(f"{name}: broken or truncated {fmt} image ({exc})") from None


def normalise(image: Image.Image) -> Image.Image:
    """Upright, in RGB or RGBA, colours as a viewer sees them."""
    image = ImageOps.exif_transpose(image) or image
    mode = image.mode
    if mode == "CMYK":
        return _cmyk_to_rgb(image)
    if mode in ("RGB", "RGBA"):
        return image
    if mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mode in ("LA", "PA", "La", "RGBa"):
        return image.convert("RGBA")
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16/32-bit greyscale: scale to 8 bits rather than clip everything above 255 to white
        extrema = image.getextrema()
        high = max(float(extrema[1]), 1.0)  # type: ignore[arg-type]
        scale = 255 / (65535 if high > 255 else 255)
        return image.point(lambda v: v * scale).convert("L").convert("RGB")
    if mode == "F":
        return image.convert("L").convert("RGB")
    return image.convert("RGB")  # L, 1, YCbCr, LAB, HSV


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    """Through the image's own ICC profile when it has one (print files do), else Pillow's formula."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to the plain conversion below
    return image.convert("RGB")
