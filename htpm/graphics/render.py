"""Drawing: a scene (one layout at one size, every value resolved) and the texts of each graphic.

The parent process resolves layouts into scenes (pixel boxes, RGB colours, file paths) and
renders the text templates; this module only draws, so a scene and its items can be sent to a
worker process. The static layers at the bottom of the stack (background, photo, shapes, logo)
are drawn once per scene and copied for each graphic; text is drawn per graphic, after its fit
and its contrast on the pixels under it have been checked.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageMath, ImageOps

from htpm.errors import HtpmError
from htpm.graphics.colour import RGB, hex_of, pixel_contrast, required_contrast
from htpm.graphics.fonts import load_font
from htpm.graphics.images import load_image
from htpm.graphics.text import DoesNotFit, Fitted, fit

COMPRESS_LEVEL = 6  # fixed: the same inputs always give the same bytes
PxBox = tuple[int, int, int, int]


class GraphicsError(HtpmError):
    """A layout problem found while drawing; survives the trip back from a worker process."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (GraphicsError, (self.message, self.location))


@dataclass(frozen=True)
class Fill:
    colour: RGB


@dataclass(frozen=True)
class Gradient:
    start: RGB
    end: RGB
    angle: float


@dataclass(frozen=True)
class Tint:
    colour: RGB
    opacity: float
    to_opacity: float | None
    angle: float


@dataclass(frozen=True)
class Photo:
    path: str
    shown: str
    focus: tuple[float, float]
    tint: Tint | None


@dataclass(frozen=True)
class Rect:
    box: PxBox
    colour: RGB
    opacity: float
    ellipse: bool = False


@dataclass(frozen=True)
class Logo:
    path: str
    shown: str
    box: PxBox
    colour: RGB | None
    align: str
    valign: str


@dataclass(frozen=True)
class TextBox:
    name: str  # the layer's name: its text in an Item
    who: str  # "layout week, layer title" for messages
    where: str  # file:line of the layer
    font_path: str
    bold: bool
    colour: RGB
    sizes: tuple[int, int]
    lines: int
    align: str
    valign: str
    line_height: float
    tracking: float
    box: PxBox


Op = Fill | Gradient | Photo | Rect | Logo | TextBox


@dataclass(frozen=True)
class Scene:
    size: str
    width: int
    height: int
    ops: tuple[Op, ...]

    @property
    def static(self) -> int:
        """How many ops at the bottom of the stack are the same for every graphic of the scene."""
        for i, op in enumerate(self.ops):
            if isinstance(op, TextBox):
                return i
        return len(self.ops)


@dataclass(frozen=True)
class Item:
    """One graphic of a scene: a label for messages ('week 2') and the text of each text layer."""

    label: str
    texts: tuple[tuple[str, str], ...]


def render_scene(scene: Scene, items: list[Item]) -> list[bytes]:
    """PNG bytes for each item, in order."""
    base = Image.new("RGB", (scene.width, scene.height))
    for op in scene.ops[: scene.static]:
        _draw(base, op)
    dynamic = scene.ops[scene.static :]
    out = []
    for item in items:
        image = base.copy() if dynamic else base
        texts = dict(item.texts)
        for op in dynamic:
            if isinstance(op, TextBox):
                _draw_text(image, op, texts.get(op.name, ""), scene.size, item.label)
            else:
                _draw(image, op)
        out.append(encode_png(image))
    return out


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=COMPRESS_LEVEL)
    return buffer.getvalue()


# -- static layers -------------------------------------------------------------------------------


def _draw(image: Image.Image, op: Op) -> None:
    if isinstance(op, Fill):
        image.paste(op.colour, (0, 0, image.width, image.height))
    elif isinstance(op, Gradient):
        ramp = linear_ramp(image.size, op.angle)
        image.paste(
            Image.composite(
                Image.new("RGB", image.size, op.end), Image.new("RGB", image.size, op.start), ramp
            )
        )
    elif isinstance(op, Photo):
        _draw_photo(image, op)
    elif isinstance(op, Rect):
        _draw_rect(image, op)
    elif isinstance(op, Logo):
        _draw_logo(image, op)
    else:  # pragma: no cover - TextBox is drawn per graphic
        raise TypeError(op)


def linear_ramp(size: tuple[int, int], angle: float, start: float = 0.0, end: float = 1.0) -> Image.Image:
    """An 'L' mask going from `start` to `end` (0-1) along a CSS-style angle (180: top to bottom)."""
    width, height = size
    rad = math.radians(angle)
    dx, dy = math.sin(rad), -math.cos(rad)
    extent = abs(width * dx) + abs(height * dy) or 1.0
    xs = Image.new("F", (width, 1))
    xs.putdata([x + 0.5 - width / 2 for x in range(width)])
    ys = Image.new("F", (1, height))
    ys.putdata([y + 0.5 - height / 2 for y in range(height)])
    xs, ys = xs.resize(size, Image.Resampling.NEAREST), ys.resize(size, Image.Resampling.NEAREST)
    scale, offset = (end - start) * 255, start * 255

    def ramp(a):  # type: ignore[no-untyped-def]
        t = (a["x"] * dx + a["y"] * dy) / extent + 0.5
        return a["convert"](a["min"](a["max"](t * scale + offset, 0.0), 255.0), "L")

    return ImageMath.lambda_eval(ramp, x=xs, y=ys)


def _draw_photo(image: Image.Image, op: Photo) -> None:
    photo = load_image(Path(op.path), op.shown, target=image.size).convert("RGB")
    photo = ImageOps.fit(photo, image.size, Image.Resampling.LANCZOS, centering=op.focus)
    image.paste(photo)
    tint = op.tint
    if tint is not None:
        if tint.to_opacity is None:
            mask = Image.new("L", image.size, round(tint.opacity * 255))
        else:
            mask = linear_ramp(image.size, tint.angle, tint.opacity, tint.to_opacity)
        image.paste(Image.composite(Image.new("RGB", image.size, tint.colour), image, mask))


def _draw_rect(image: Image.Image, op: Rect) -> None:
    x, y, w, h = op.box
    alpha = round(op.opacity * 255)
    if not op.ellipse:
        mask = Image.new("L", (w, h), alpha)
    else:  # drawn at 4x and reduced, for a smooth edge
        big = Image.new("L", (w * 4, h * 4), 0)
        ImageDraw.Draw(big).ellipse((0, 0, w * 4 - 1, h * 4 - 1), fill=alpha)
        mask = big.resize((w, h), Image.Resampling.BOX)
    image.paste(op.colour, (x, y, x + w, y + h), mask)


def _draw_logo(image: Image.Image, op: Logo) -> None:
    logo = load_image(Path(op.path), op.shown)
    x, y, w, h = op.box
    scale = min(w / logo.width, h / logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    left = x + {"left": 0, "center": (w - size[0]) // 2, "right": w - size[0]}[op.align]
    top = y + {"top": 0, "middle": (h - size[1]) // 2, "bottom": h - size[1]}[op.valign]
    alpha = logo.getchannel("A") if logo.mode == "RGBA" else None
    ink = Image.new("RGB", size, op.colour) if op.colour is not None else logo.convert("RGB")
    image.paste(ink, (left, top), alpha)


# -- text ----------------------------------------------------------------------------------------


def _draw_text(image: Image.Image, op: TextBox, text: str, size_name: str, label: str) -> None:
    if not text.strip():
        return  # an empty value (no audience, no tagline): the layer is left out
    who = f"{op.who} ({size_name}{', ' + label if label else ''})"
    x, y, w, h = op.box
    try:
        fitted = fit(text, op.font_path, (w, h), op.sizes, op.lines, op.line_height, op.tracking)
    except DoesNotFit as exc:
        raise GraphicsError(
            f"{who}: the text does not fit at the minimum size {op.sizes[0]} px ({exc.reason}); "
            f"shorten it, enlarge the box or lower the minimum: {text!r}",
            op.where,
        ) from None
    placed = _place(fitted, op)
    font = load_font(op.font_path, fitted.size)
    regions = []
    for (lx, baseline), line, width in zip(placed, fitted.lines, fitted.widths, strict=True):
        left, top, right, bottom = font.getbbox(line, anchor="ls")
        box = (max(0, round(lx)), max(0, round(baseline + top)))
        box += (min(image.width, round(lx + max(width, right))), min(image.height, round(baseline + bottom)))
        if box[2] > box[0] and box[3] > box[1]:
            regions.append(image.crop(box))
    required = required_contrast(fitted.size, op.bold)
    passes, measured = pixel_contrast(regions, op.colour, required)
    if not passes:
        raise GraphicsError(
            f"{who}: contrast {measured:.1f}:1 of {hex_of(op.colour)} text on the pixels under it is "
            f"below {required:g}:1 (WCAG, {fitted.size} px text); change the colour, the tint or the photo",
            op.where,
        )
    draw = ImageDraw.Draw(image)
    for (lx, baseline), line in zip(placed, fitted.lines, strict=True):
        if op.tracking:
            cursor = lx
            for ch in line:
                draw.text((cursor, baseline), ch, font=font, fill=op.colour, anchor="ls")
                cursor += font.getlength(ch) + op.tracking * fitted.size
        else:
            draw.text((lx, baseline), line, font=font, fill=op.colour, anchor="ls")


def _place(fitted: Fitted, op: TextBox) -> list[tuple[float, float]]:
    """(x, baseline) of each line: aligned in the box, the block placed as `valign` says."""
    x, y, w, h = op.box
    free = h - fitted.height
    top = y + {"top": 0.0, "middle": free / 2, "bottom": free}[op.valign]
    out = []
    for i, width in enumerate(fitted.widths):
        lx = x + {"left": 0.0, "center": (w - width) / 2, "right": w - width}[op.align]
        out.append((lx, top + fitted.ascent + i * fitted.pitch))
    return out
