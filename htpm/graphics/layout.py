"""Graphics layouts as data: the schema of `templates/graphics/*.yaml` and its loader.

A layout names the aspects it is drawn for (`canvas`), each with a safe zone, and a stack of
layers drawn bottom to top. Every layer that has a place on the canvas gives it per aspect in
`at`, in pixels of the aspect's design size (from `sizes.yaml`): a square post and a story are
laid out separately, not scaled from one another. Sizes that share an aspect (X, Facebook,
LinkedIn) share its layout, stretched by a few per cent at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from htpm.campaign import Campaign
from htpm.errors import HtpmError, Location, shown_path
from htpm.suggest import did_you_mean
from htpm.yamlmodel import nearest, validate_tree
from htpm.yamlsafe import read_yaml

NAME = r"^[a-z][a-z0-9_-]*$"
COLOUR = re.compile(r"^(primary|secondary|accent|dark|light|#[0-9A-Fa-f]{6})$")
Box = tuple[float, float, float, float]
SourcePath = tuple[str | int, ...]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _colour(value: str) -> str:
    if not COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour: use primary, secondary, accent, dark, light or #RRGGBB")
    return value


Colour = Annotated[
    str,
    AfterValidator(_colour),
    Field(description="A palette name (primary, secondary, accent, dark, light) or #RRGGBB"),
]


# -- sizes ---------------------------------------------------------------------------------------


class Aspect(Model):
    width: int = Field(gt=0, le=8000, description="Design width in pixels: layouts place boxes in this space")
    height: int = Field(gt=0, le=8000, description="Design height in pixels")


class SizeSpec(Model):
    width: int = Field(gt=0, le=8000, description="Output width in pixels")
    height: int = Field(gt=0, le=8000, description="Output height in pixels")
    aspect: str = Field(description="Which aspect's layout this size uses")
    label: str = Field(description="Platform and format, for people (the contact sheet)")


class SizesFile(Model):
    aspects: dict[str, Aspect] = Field(description="Layout spaces, by name")
    sizes: dict[str, SizeSpec] = Field(description="Output sizes, by the name the config uses")

    @model_validator(mode="after")
    def _known_aspects(self) -> SizesFile:
        for name, size in self.sizes.items():
            if size.aspect not in self.aspects:
                raise ValueError(
                    f"size {name}: unknown aspect {size.aspect!r}{did_you_mean(size.aspect, self.aspects)}"
                )
        return self


# -- layers --------------------------------------------------------------------------------------


class Frame(Model):
    """Where a layer sits in one aspect, with optional overrides of the layer's type settings."""

    box: Box = Field(description="[x, y, width, height] in design pixels")
    size: tuple[int, int] | None = Field(None, description="Text: [min, max] font size here")
    lines: int | None = Field(None, ge=1, le=12, description="Text: most lines here")
    align: Literal["left", "center", "right"] | None = Field(None, description="Horizontal alignment here")
    valign: Literal["top", "middle", "bottom"] | None = Field(None, description="Vertical alignment here")
    colour: Colour | None = Field(None, description="Text, rect or logo colour here")


def _frames(value: Any) -> Any:
    """`at: {square: [x, y, w, h]}` is short for `at: {square: {box: [x, y, w, h]}}`."""
    if isinstance(value, dict):
        return {k: ({"box": v} if isinstance(v, list) else v) for k, v in value.items()}
    return value


class Placed(Model):
    name: str = Field(pattern=NAME, description="Layer name, used in error messages")
    at: dict[str, Frame | None] = Field(
        description="Per aspect: [x, y, w, h] or {box: ..., size: ..., ...}; null leaves the layer out"
    )

    @field_validator("at", mode="before")
    @classmethod
    def _short_boxes(cls, v: Any) -> Any:
        return _frames(v)


class Gradient(Model):
    colours: tuple[Colour, Colour] = Field(description="[start, end] colours")
    angle: float = Field(180, description="CSS-style direction: 180 top to bottom, 90 left to right")


class Tint(Model):
    colour: Colour = Field(description="Colour laid over the photo")
    opacity: float = Field(ge=0, le=1, description="Opacity at the gradient's start (or everywhere)")
    to_opacity: float | None = Field(None, ge=0, le=1, description="Opacity at the end: a fading tint")
    angle: float = Field(180, description="Direction of the fade, CSS-style")


class Background(Model):
    type: Literal["background"]
    name: str = Field("background", pattern=NAME, description="Layer name")
    colour: Colour | None = Field(None, description="A flat colour")
    gradient: Gradient | None = Field(None, description="A linear gradient")
    photo: str | None = Field(
        None, description="'branding' (the config's branding.photo) or an image file; colour/gradient if none"
    )
    focus: tuple[float, float] = Field((0.5, 0.5), description="Point of the photo kept in view when cropped")
    tint: Tint | None = Field(None, description="Colour over the photo, for contrast")

    @model_validator(mode="after")
    def _one_fill(self) -> Background:
        if (self.colour is None) == (self.gradient is None):
            raise ValueError("give exactly one of colour or gradient (it also shows when there is no photo)")
        return self


class Rect(Placed):
    type: Literal["rect"]
    colour: Colour = Field(description="Fill colour")
    opacity: float = Field(1.0, ge=0, le=1, description="Fill opacity")
    shape: Literal["rectangle", "ellipse"] = Field(
        "rectangle", description="Rectangle, or the ellipse in the box"
    )
    bleed: bool = Field(False, description="Decoration: may leave the safe zone and the canvas")


class Logo(Placed):
    type: Literal["logo"]
    source: str = Field("branding", description="'branding' (the config's branding.logo) or an image file")
    colour: Colour | None = Field(None, description="Draw the logo in one colour (e.g. light on dark)")
    align: Literal["left", "center", "right"] = Field("left", description="Within its box")
    valign: Literal["top", "middle", "bottom"] = Field("middle", description="Within its box")
    name_colour: Colour | None = Field(
        None,
        description="With no logo, the organization's name is set in type in the box, in this colour "
        "(default: the layer's colour, else light)",
    )
    name_size: tuple[int, int] = Field((20, 56), description="[min, max] size of the name set in type")
    name_lines: int = Field(2, ge=1, le=4, description="Most lines of the name set in type")


class Text(Placed):
    type: Literal["text"]
    text: str = Field(description="Template (Jinja) rendered with the graphics context; empty: not drawn")
    font: str = Field("heading", description="'heading', 'body' (the config's fonts) or a font file")
    colour: Colour = Field(description="Text colour")
    size: tuple[int, int] = Field(description="[min, max] font size in design pixels")
    lines: int = Field(2, ge=1, le=12, description="Most lines")
    align: Literal["left", "center", "right"] = Field("left", description="Horizontal alignment")
    valign: Literal["top", "middle", "bottom"] = Field("top", description="Vertical alignment in the box")
    line_height: float = Field(1.15, ge=0.8, le=3, description="Baseline to baseline, in ems")
    tracking: float = Field(0.0, ge=-0.1, le=0.5, description="Extra space between letters, in ems")
    uppercase: bool = Field(False, description="Set in capitals (alt text keeps the case as written)")

    @field_validator("size")
    @classmethod
    def _ordered(cls, v: tuple[int, int]) -> tuple[int, int]:
        if not 6 <= v[0] <= v[1] <= 1000:
            raise ValueError("size is [min, max] with 6 <= min <= max <= 1000")
        return v


Layer = Annotated[Background | Rect | Logo | Text, Field(discriminator="type")]


class Canvas(Model):
    safe: tuple[float, float, float, float] = Field(
        (0, 0, 0, 0), description="Safe zone margins [top, right, bottom, left] in design pixels"
    )


class Layout(Model):
    title: str = Field(description="What the graphic is, for people (the contact sheet's heading)")
    description: str = Field(description="Template: the alt text's description of the image")
    per: Literal["week", "campaign"] = Field("campaign", description="One graphic per focus week, or one")
    requires: list[str] = Field(
        default_factory=list, description="Context values (e.g. hotline.phone) without which it is skipped"
    )
    canvas: dict[str, Canvas] = Field(min_length=1, description="The aspects it is drawn for")
    sizes: list[str] | None = Field(
        None,
        description="Drawn at exactly these sizes (sizes.yaml), whatever graphics.sizes lists: "
        "meeting backgrounds, banners",
    )
    layers: list[Layer] = Field(min_length=1, description="Drawn bottom to top")


# -- loading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedLayout:
    """A validated layout with where each of its values was written."""

    name: str
    file: str
    layout: Layout
    sources: dict[SourcePath, Location] = field(compare=False, repr=False)

    def where(self, *path: str | int) -> Location:
        return nearest(self.sources, path) or Location(self.file)


def _validate(model: type[Model], path: Path, shown: str) -> tuple[Any, dict[SourcePath, Location]]:
    """The validated model of a YAML file; kept per file version (path, size, mtime), so a --watch
    loop or a second render in one process does not parse unchanged layouts again."""
    stat = path.stat()
    return _validate_version(model, path, shown, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _validate_version(
    model: type[Model], path: Path, shown: str, _size: int, _mtime_ns: int
) -> tuple[Any, dict[SourcePath, Location]]:
    return validate_tree(model, read_yaml(path, shown))


def load_sizes(campaign: Campaign) -> SizesFile:
    path = campaign.find_template("graphics/sizes.yaml")
    sizes, _ = _validate(SizesFile, path, shown_path(path))
    return sizes


def layout_names(campaign: Campaign) -> list[str]:
    """The layouts on the template search path: every graphics/<name>.yaml but sizes.yaml."""
    names = {p.stem for base in campaign.template_dirs for p in (base / "graphics").glob("*.yaml")}
    return sorted(names - {"sizes"})


def load_layout(
    campaign: Campaign, name: str, sizes: SizesFile, where: Location | None = None
) -> LoadedLayout:
    """Find `graphics/<name>.yaml` on the template path, validate it and check its geometry."""
    if not re.match(NAME, name):
        raise HtpmError(
            f"graphics.layouts: {name!r} is not a layout name (lowercase letters, digits, -)", where
        )
    known = layout_names(campaign)
    if name not in known:
        raise HtpmError(f"graphics.layouts: no layout {name!r}{did_you_mean(name, known)}", where)
    path = campaign.find_template(f"graphics/{name}.yaml")
    layout, sources = _validate(Layout, path, shown_path(path))
    loaded = LoadedLayout(name, shown_path(path), layout, sources)
    _check_geometry(loaded, sizes)
    return loaded


def _check_geometry(loaded: LoadedLayout, sizes: SizesFile) -> None:
    """Aspects known; every placed layer has a frame (or an explicit null) for each aspect, inside
    the canvas, and inside the safe zone unless it is a bleeding decoration. Names unique."""
    layout, seen = loaded.layout, set()
    for aspect in layout.canvas:
        if aspect not in sizes.aspects:
            raise HtpmError(
                f"layout {loaded.name}: unknown aspect {aspect!r}{did_you_mean(aspect, sizes.aspects)}",
                loaded.where("canvas", aspect),
            )
    for i, size in enumerate(layout.sizes or ()):
        spec = sizes.sizes.get(size)
        if spec is None:
            raise HtpmError(
                f"layout {loaded.name}: unknown size {size!r}{did_you_mean(size, sizes.sizes)}",
                loaded.where("sizes", i),
            )
        if spec.aspect not in layout.canvas:
            raise HtpmError(
                f"layout {loaded.name}: size {size} needs aspect {spec.aspect!r}, which the canvas lacks",
                loaded.where("sizes", i),
            )
    for i, layer in enumerate(layout.layers):
        if layer.name in seen:
            raise HtpmError(
                f"layout {loaded.name}: two layers named {layer.name!r}", loaded.where("layers", i)
            )
        seen.add(layer.name)
        if not isinstance(layer, Placed):
            continue
        for aspect in layer.at:
            if aspect not in layout.canvas:
                raise HtpmError(
                    f"layout {loaded.name}, layer {layer.name}: aspect {aspect!r} is not in the canvas",
                    loaded.where("layers", i, "at", aspect),
                )
        for aspect, canvas in layout.canvas.items():
            if aspect not in layer.at:
                raise HtpmError(
                    f"layout {loaded.name}, layer {layer.name}: no place for aspect {aspect!r} "
                    "(give a box, or null to leave the layer out)",
                    loaded.where("layers", i, "at"),
                )
            frame = layer.at[aspect]
            if frame is not None:
                _check_frame(loaded, i, layer, aspect, frame, canvas, sizes.aspects[aspect])


def _check_frame(
    loaded: LoadedLayout, i: int, layer: Placed, aspect: str, frame: Frame, canvas: Canvas, design: Aspect
) -> None:
    x, y, w, h = frame.box
    where = loaded.where("layers", i, "at", aspect)
    who = f"layout {loaded.name}, layer {layer.name} ({aspect})"
    if w <= 0 or h <= 0:
        raise HtpmError(f"{who}: box width and height must be positive", where)
    bleeds = isinstance(layer, Rect) and layer.bleed
    if not bleeds and (x < 0 or y < 0 or x + w > design.width or y + h > design.height):
        raise HtpmError(
            f"{who}: box {list(frame.box)} is outside the {design.width}x{design.height} canvas", where
        )
    top, right, bottom, left = canvas.safe
    inside = x >= left and y >= top and x + w <= design.width - right and y + h <= design.height - bottom
    if not inside and not bleeds:
        raise HtpmError(
            f"{who}: box {list(frame.box)} leaves the safe zone (margins {list(canvas.safe)})", where
        )
    if frame.size is not None and not 6 <= frame.size[0] <= frame.size[1] <= 1000:
        raise HtpmError(f"{who}: size is [min, max] with 6 <= min <= max <= 1000", where)
