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
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageMath, ImageOps

from htpm.contrast import RGB, required_contrast
from htpm.errors import HtpmError
from htpm.graphics.colour import hex_of, pixel_contrast
from htpm.graphics.fonts import load_font
from htpm.graphics.images import load_image
from htpm.graphics.text import DoesNotFit, Fitted, fit, text_width

COMPRESS_LEVEL = 1  # fixed, so the same inputs give the same bytes; 1: as fast as a blank canvas
PxBox = tuple[int, int, int, int]


class GraphicsError(HtpmError):
    """A layout problem found while drawing; survives the trip back from a worker process."""

    op: TextBox | None = None  # the text box, for a text that does not fit or fails contrast

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message, self.location))


class ContrastError(GraphicsError):
    """Text whose contrast on the pixels under it is too low (its `op`'s palette names let
    validation name the config key that sets the failing colour)."""


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
    # palette names of the text's colour and of the colours drawn under it (for config messages)
    text_key: str | None = None
    under_keys: tuple[str, ...] = ()
    # the same text on every graphic of the scene (the organization's name in place of a logo):
    # drawn once with the static layers
    fixed: str | None = None
    language: str | None = None  # the text's locale, for hyphenation where a word cannot fit


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
            if isinstance(op, TextBox) and op.fixed is None:
                return i
        return len(self.ops)


@dataclass(frozen=True)
class Item:
    """One graphic of a scene: a label for messages ('week 2') and the text of each text layer."""

    label: str
    texts: tuple[tuple[str, str], ...]


def render_scene(scene: Scene, items: list[Item], problems: list[GraphicsError] | None = None) -> list[bytes]:
    """PNG bytes for each item, in order.

    With `problems` (validation's dry run), every text that does not fit or fails contrast is
    collected there instead of raised, and nothing is encoded (the bytes are empty)."""
    base = Image.new("RGB", (scene.width, scene.height))
    for op in scene.ops[: scene.static]:
        if isinstance(op, TextBox):
            _draw_fixed(base, op, scene.size, problems)
        else:
            _draw(base, op)
    dynamic = scene.ops[scene.static :]
    out = []
    for index, item in enumerate(items):
        last = index == len(items) - 1
        image = base.copy() if dynamic and not last else base  # the last graphic may draw on the base
        texts = dict(item.texts)
        for op in dynamic:
            if isinstance(op, TextBox) and op.fixed is not None:
                _draw_fixed(image, op, scene.size, problems)
            elif isinstance(op, TextBox):
                try:
                    _draw_text(image, op, texts.get(op.name, ""), scene.size, item.label)
                except GraphicsError as exc:
                    if problems is None:
                        raise
                    problems.append(exc)
            else:
                _draw(image, op)
        out.append(encode_png(image) if problems is None else b"")
    return out


def _draw_fixed(image: Image.Image, op: TextBox, size: str, problems: list[GraphicsError] | None) -> None:
    try:
        _draw_text(image, op, op.fixed or "", size, "")
    except GraphicsError as exc:
        if problems is None:
            raise
        problems.append(exc)


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=COMPRESS_LEVEL)
    return buffer.getvalue()


# -- static layers -------------------------------------------------------------------------------


def _draw(image: Image.Image, op: Op) -> None:
    if isinstance(op, Fill):
        image.paste(op.colour, (0, 0, image.width, image.height))
    elif isinstance(op, Gradient):
        image.paste(_gradient(image.size, op))
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
    return _ramp(size, round(angle, 3), round(start, 4), round(end, 4)).copy()


@lru_cache(maxsize=16)
def _ramp(size: tuple[int, int], angle: float, start: float, end: float) -> Image.Image:
    # A linear function is exact under bilinear interpolation: compute it on a grid 8 times
    # coarser and enlarge (64 times less arithmetic); values are clamped before enlarging.
    width, height = size
    step = 8
    cols, rows = width // step + 2, height // step + 2
    rad = math.radians(angle)
    dx, dy = math.sin(rad), -math.cos(rad)
    extent = abs(width * dx) + abs(height * dy) or 1.0
    xs = Image.new("F", (cols, 1))
    xs.putdata([c * step - width / 2 for c in range(cols)])
    ys = Image.new("F", (1, rows))
    ys.putdata([r * step - height / 2 for r in range(rows)])
    xs = xs.resize((cols, rows), Image.Resampling.NEAREST)
    ys = ys.resize((cols, rows), Image.Resampling.NEAREST)
    scale, offset = (end - start) * 255, start * 255

    def ramp(a):  # type: ignore[no-untyped-def]
        t = (a["x"] * dx + a["y"] * dy) / extent + 0.5
        return a["min"](a["max"](t * scale + offset, 0.0), 255.0)

    coarse = ImageMath.lambda_eval(ramp, x=xs, y=ys)
    # grid point c sits at pixel c * step: resize maps the grid's span onto the canvas exactly
    span = (0, 0, (width - 1) / step, (height - 1) / step)
    return coarse.resize(size, Image.Resampling.BILINEAR, box=span).convert("L")


@lru_cache(maxsize=16)
def _gradient(size: tuple[int, int], op: Gradient) -> Image.Image:
    """A gradient canvas; cached, since layouts of one campaign tend to share their background."""
    image = Image.new("RGB", size, op.start)
    image.paste(op.end, (0, 0, *size), _ramp(size, op.angle, 0.0, 1.0))
    return image


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
        mask = None if alpha == 255 else Image.new("L", (w, h), alpha)
        image.paste(op.colour, (x, y, x + w, y + h), mask)
        return
    # only the part on the canvas, drawn at twice the size and reduced for a smooth edge
    left, top = max(x, 0), max(y, 0)
    right, bottom = min(x + w, image.width), min(y + h, image.height)
    if right <= left or bottom <= top:
        return
    big = Image.new("L", ((right - left) * 2, (bottom - top) * 2), 0)
    ellipse = ((x - left) * 2, (y - top) * 2, (x - left + w) * 2 - 1, (y - top + h) * 2 - 1)
    ImageDraw.Draw(big).ellipse(ellipse, fill=alpha)
    image.paste(op.colour, (left, top, right, bottom), big.reduce(2))


def _draw_logo(image: Image.Image, op: Logo) -> None:
    x, y, w, h = op.box
    ink, alpha = _sized_logo(op.path, _mtime(op.path), op.shown, (w, h), op.colour)
    left = x + {"left": 0, "center": (w - ink.width) // 2, "right": w - ink.width}[op.align]
    top = y + {"top": 0, "middle": (h - ink.height) // 2, "bottom": h - ink.height}[op.valign]
    image.paste(ink, (left, top), alpha)


def _mtime(path: str) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=32)
def _sized_logo(
    path: str, _mtime_ns: int, shown: str, box: tuple[int, int], colour: RGB | None
) -> tuple[Image.Image, Image.Image | None]:
    """The logo fitted into `box` (kept whole, proportions kept), recoloured if asked, and its
    alpha; cached by file version, since layouts put the same logo in the same box."""
    logo = load_image(Path(path), shown)
    scale = min(box[0] / logo.width, box[1] / logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    alpha = logo.getchannel("A") if logo.mode == "RGBA" else None
    ink = Image.new("RGB", size, colour) if colour is not None else logo.convert("RGB")
    return ink, alpha


# -- text ----------------------------------------------------------------------------------------


def _draw_text(image: Image.Image, op: TextBox, text: str, size_name: str, label: str) -> None:
    if not text.strip():
        return  # an empty value (no audience, no tagline): the layer is left out
    who = f"{op.who} ({size_name}{', ' + label if label else ''})"
    x, y, w, h = op.box
    try:
        fitted = fit(text, op.font_path, (w, h), op.sizes, op.lines, op.line_height, op.tracking, op.language)
    except DoesNotFit as exc:
        error = GraphicsError(
            f"{who}: the text does not fit at the minimum size {op.sizes[0]} px ({exc.reason}); "
            f"shorten it, enlarge the box or lower the minimum: {text!r}",
            op.where,
        )
        error.op = op
        raise error from None
    placed = _place(fitted, op)
    regions = []
    for (lx, baseline), line, width in zip(placed, fitted.lines, fitted.widths, strict=True):
        left, top, right, bottom = _ink_box(line, op.font_path, fitted.size)
        box = (
            max(0, round(lx)),
            max(0, round(baseline + top)),
            min(image.width, round(lx + max(width, right))),
            min(image.height, round(baseline + bottom)),
        )
        if box[2] > box[0] and box[3] > box[1]:
            regions.append(image.crop(box))
    required = required_contrast(fitted.size, op.bold)
    passes, measured = pixel_contrast(regions, op.colour, required)
    if not passes:
        error = ContrastError(
            f"{who}: contrast {measured:.1f}:1 of {hex_of(op.colour)} text on the pixels under it is "
            f"below {required:g}:1 (WCAG, {fitted.size} px text); change the colour, the tint or the photo",
            op.where,
        )
        error.op = op
        raise error
    for (lx, baseline), line in zip(placed, fitted.lines, strict=True):
        mask, (ox, oy) = _line_mask(line, op.font_path, fitted.size, op.tracking)
        x0, y0 = round(lx) - ox, round(baseline) - oy
        image.paste(op.colour, (x0, y0, x0 + mask.width, y0 + mask.height), mask)


@lru_cache(maxsize=1024)
def _ink_box(line: str, font_path: str, size: int) -> tuple[float, float, float, float]:
    return load_font(font_path, size).getbbox(line, anchor="ls")


@lru_cache(maxsize=512)
def _line_mask(line: str, font_path: str, size: int, tracking: float) -> tuple[Image.Image, tuple[int, int]]:
    """One line's coverage mask and the offset of its baseline origin inside the mask. Cached: the
    observance name, the hashtag and the labels repeat on every graphic of a scene."""
    font = load_font(font_path, size)
    ascent, descent = font.getmetrics()
    pad = max(2, size // 4)  # room for overhangs (italics, accents) left and right
    width = round(text_width(line, font_path, size, tracking)) + 2 * pad
    mask = Image.new("L", (width, ascent + descent + pad), 0)
    draw = ImageDraw.Draw(mask)
    if tracking:
        cursor = float(pad)
        for ch in line:
            draw.text((cursor, ascent), ch, font=font, fill=255, anchor="ls")
            cursor += font.getlength(ch) + tracking * size
    else:
        draw.text((pad, ascent), line, font=font, fill=255, anchor="ls")
    return mask, (pad, ascent)


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
