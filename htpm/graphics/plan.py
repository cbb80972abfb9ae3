"""From campaign and layouts to scenes: every graphic of the set, resolved, checked, with alt text.

Everything that can be decided without drawing is decided here, in the parent process: which
layouts and sizes, the boxes in pixels, the colours from the palette, the font and image files
(found with `campaign.asset`, so confined to the config's folder and brand_assets/), the texts
(templates rendered in the sandbox) and whether every character has a glyph in its font.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from PIL import ImageFont

from htpm.campaign import Campaign
from htpm.errors import HtpmError, Location
from htpm.graphics import layout as lm
from htpm.graphics import render as r
from htpm.graphics.colour import PALETTE_NAMES, resolve_colour
from htpm.graphics.context import alt_text, campaign_context, requirement_met, week_context
from htpm.graphics.fonts import describe, is_bold, missing_characters
from htpm.labels import fill
from htpm.suggest import did_you_mean
from htpm.templating import render_string


@dataclass(frozen=True)
class Planned:
    """One graphic: where it goes, what it shows (for people) and how to draw it."""

    path: str
    layout: str
    layout_title: str
    size: str
    size_label: str
    width: int
    height: int
    week: int | None
    alt: str
    item: r.Item


@dataclass(frozen=True)
class Job:
    """One layout at one size, and its graphics (one per week, or one)."""

    scene: r.Scene
    graphics: tuple[Planned, ...]


def plan(campaign: Campaign) -> list[Job]:
    """Every graphic the config asks for, in a stable order (layout, size, week); planned once per
    loaded campaign (the toolkit, the newsletter, the site and the graphics all ask)."""
    return list(campaign.remember("graphics.plan", lambda: tuple(_plan(campaign))))


def _plan(campaign: Campaign) -> list[Job]:
    sizes = lm.load_sizes(campaign)
    chosen = campaign.config.graphics.sizes
    for i, name in enumerate(chosen):
        if name not in sizes.sizes:
            raise HtpmError(
                f"graphics.sizes: unknown size {name!r}{did_you_mean(name, sizes.sizes)}",
                campaign.locate(("graphics", "sizes", i)),
            )
    base = campaign_context(campaign)
    jobs: list[Job] = []
    for i, name in enumerate(campaign.config.graphics.layouts):
        loaded = lm.load_layout(campaign, name, sizes, campaign.locate(("graphics", "layouts", i)))
        if not all(requirement_met(base, need) for need in loaded.layout.requires):
            continue  # e.g. a hotline graphic for a campaign without a hotline
        contexts: list[tuple[int | None, dict[str, Any]]]
        if loaded.layout.per == "week":
            contexts = [(w.number, {**base, "week": week_context(campaign, w)}) for w in campaign.weeks]
        else:
            contexts = [(None, base)]
        rendered = [(week, ctx, _render_texts(loaded, ctx)) for week, ctx in contexts]
        for size_name in loaded.layout.sizes or chosen:  # a layout may name its own sizes
            jobs.append(_job(campaign, loaded, sizes, size_name, rendered))
    return jobs


def _render_texts(loaded: lm.LoadedLayout, ctx: dict[str, Any]) -> dict[str, str]:
    """Each text layer's template rendered (once for all sizes), and the alt text's description."""
    description = render_string(loaded.layout.description, ctx, str(loaded.where("description")))
    week = ctx.get("week") or {}
    slots = {
        "observance": ctx["observance"]["name"],
        "year": ctx["year"],
        "weeks": ctx["weeks"],
        "hotline": ctx["hotline"]["name"],
        **({"number": week["number"]} if "number" in week else {}),
    }
    out = {"": fill(description, **slots)}  # a label's {name} slots (labels/<lang>/graphics.yaml)
    for i, layer in enumerate(loaded.layout.layers):
        if isinstance(layer, lm.Text):
            out[layer.name] = render_string(layer.text, ctx, str(loaded.where("layers", i, "text"))).strip()
        elif isinstance(layer, lm.Logo):  # shown in type when there is no logo file
            out[layer.name] = ctx["organization"]["name"]
    return out


def _job(
    campaign: Campaign,
    loaded: lm.LoadedLayout,
    sizes: lm.SizesFile,
    size_name: str,
    rendered: list[tuple[int | None, dict[str, Any], dict[str, str]]],
) -> Job:
    size = sizes.sizes[size_name]
    if size.aspect not in loaded.layout.canvas:
        raise HtpmError(
            f"layout {loaded.name} has no canvas for aspect {size.aspect!r}, which size {size_name} needs",
            loaded.where("canvas"),
        )
    scene = _scene(campaign, loaded, size_name, size, sizes.aspects[size.aspect])
    graphics = []
    for week, ctx, texts_of in rendered:
        label = f"week {week}" if week is not None else ""
        texts, shown = _texts(loaded, scene, texts_of, label)
        logo = ctx["logo_alt"] if any(isinstance(op, r.Logo) for op in scene.ops) else ""
        who = f"layout {loaded.name} ({size_name}{', ' + label if label else ''})"
        alt = alt_text(texts_of[""], shown, logo, ctx["label"], who)
        stem = f"{loaded.name}-week{week}" if week is not None else loaded.name
        graphics.append(
            Planned(
                path=f"graphics/{size_name}/{stem}.png",
                layout=loaded.name,
                layout_title=ctx["label"].get(f"layout_{loaded.name}", loaded.layout.title),
                size=size_name,
                size_label=ctx["label"].get(f"size_{size_name}", size.label),
                width=size.width,
                height=size.height,
                week=week,
                alt=alt,
                item=r.Item(label, tuple(texts)),
            )
        )
    return Job(scene, tuple(graphics))


def _texts(
    loaded: lm.LoadedLayout, scene: r.Scene, texts_of: dict[str, str], label: str
) -> tuple[list[tuple[str, str]], list[str]]:
    """The drawn text of each text layer (capitals applied) and, in order, the texts as written."""
    drawn, shown = [], []
    layers = {layer.name: layer for layer in loaded.layout.layers}
    for op in scene.ops:
        if not isinstance(op, r.TextBox):
            continue
        layer = layers[op.name]
        text = texts_of[op.name]
        ink = text.upper() if isinstance(layer, lm.Text) and layer.uppercase else text
        missing = missing_characters(ink, op.font_path)
        if missing:
            chars = ", ".join(describe(ch) for ch in missing)
            font = op.font_path.rsplit("/", 1)[-1]
            where = f"{op.who} ({scene.size}{', ' + label if label else ''})"
            raise HtpmError(
                f"{where}: the font {font} has no glyph for {chars}; use another font or change the text",
                op.where,
            )
        drawn.append((op.name, ink))
        shown.append(text)
    return drawn, shown


def _scene(
    campaign: Campaign, loaded: lm.LoadedLayout, size_name: str, size: lm.SizeSpec, design: lm.Aspect
) -> r.Scene:
    sx, sy = size.width / design.width, size.height / design.height
    scale = min(sx, sy)
    palette = campaign.config.branding.palette
    ops: list[r.Op] = []
    under: list[str] = []  # colours drawn so far, as written (palette names or #RRGGBB)
    for i, layer in enumerate(loaded.layout.layers):
        who = f"layout {loaded.name}, layer {layer.name}"
        where = loaded.where("layers", i)

        def colour(value: str) -> tuple[int, int, int]:
            return resolve_colour(value, palette)

        if isinstance(layer, lm.Background):
            ops.append(_background(campaign, layer, colour, who, where))
            under.extend(_background_colours(layer))
            continue
        frame = layer.at.get(size.aspect)
        if frame is None:
            continue
        box = _px(frame.box, sx, sy)
        if isinstance(layer, lm.Rect):
            ops.append(
                r.Rect(box, colour(frame.colour or layer.colour), layer.opacity, layer.shape == "ellipse")
            )
            under.append(frame.colour or layer.colour)
        elif isinstance(layer, lm.Logo):
            source = campaign.config.branding.logo if layer.source == "branding" else layer.source
            if not source:  # no logo: the organization's name set in type, so it is never missing
                style = TextStyle(
                    "heading",
                    layer.name_colour or frame.colour or layer.colour or "light",
                    layer.name_size,
                    layer.name_lines,
                )
                name_box = _text_box(campaign, layer, frame, box, style, scale, under, colour, who, where)
                ops.append(dataclasses.replace(name_box, fixed=campaign.config.organization.name))
            else:
                path = _asset(campaign, source, who, where)
                ink = frame.colour or layer.colour
                tint = colour(ink) if ink else None
                ops.append(
                    r.Logo(
                        path,
                        f"{who}: {source}",
                        box,
                        tint,
                        frame.align or layer.align,
                        frame.valign or layer.valign,
                    )
                )
        elif isinstance(layer, lm.Text):
            style = TextStyle(
                layer.font,
                frame.colour or layer.colour,
                frame.size or layer.size,
                frame.lines or layer.lines,
                layer.line_height,
                layer.tracking,
            )
            ops.append(_text_box(campaign, layer, frame, box, style, scale, under, colour, who, where))
    return r.Scene(size_name, size.width, size.height, tuple(ops))


@dataclass(frozen=True)
class TextStyle:
    """How a text box sets its words: font ('heading', 'body' or a file), colour as written, sizes."""

    font: str
    colour: str
    size: tuple[int, int]
    lines: int
    line_height: float = 1.1
    tracking: float = 0.0


def _text_box(
    campaign: Campaign,
    layer: lm.Text | lm.Logo,
    frame: Any,
    box: r.PxBox,
    style: TextStyle,
    scale: float,
    under: list[str],
    colour: Any,
    who: str,
    where: Any,
) -> r.TextBox:
    low, high = style.size
    font = _font(campaign, style.font, who, where)
    return r.TextBox(
        name=layer.name,
        who=who,
        where=str(where),
        font_path=font,
        bold=is_bold(font),
        colour=colour(style.colour),
        sizes=(max(6, round(low * scale)), max(6, round(high * scale))),
        lines=style.lines,
        align=frame.align or layer.align,
        valign=frame.valign or layer.valign,
        line_height=style.line_height,
        tracking=style.tracking,
        box=box,
        text_key=style.colour if style.colour in PALETTE_NAMES else None,
        under_keys=tuple(dict.fromkeys(c for c in reversed(under) if c in PALETTE_NAMES)),
        language=campaign.locale,
    )


def _background_colours(layer: lm.Background) -> list[str]:
    colours = [layer.colour] if layer.colour else []
    if layer.gradient is not None:
        colours.extend(layer.gradient.colours)
    if layer.tint is not None:
        colours.append(layer.tint.colour)
    return colours


def _background(campaign: Campaign, layer: lm.Background, colour: Any, who: str, where: Location) -> r.Op:
    source = campaign.config.branding.photo if layer.photo == "branding" else layer.photo
    if source:
        path = _asset(campaign, source, who, where)
        tint = None
        if layer.tint is not None:
            t = layer.tint
            tint = r.Tint(colour(t.colour), t.opacity, t.to_opacity, t.angle)
        return r.Photo(path, f"{who}: {source}", layer.focus, tint)
    if layer.gradient is not None:
        start, end = layer.gradient.colours
        return r.Gradient(colour(start), colour(end), layer.gradient.angle)
    assert layer.colour is not None
    return r.Fill(colour(layer.colour))


def _px(box: lm.Box, sx: float, sy: float) -> r.PxBox:
    x, y, w, h = box
    left, top = round(x * sx), round(y * sy)
    return (left, top, round((x + w) * sx) - left, round((y + h) * sy) - top)


def _asset(campaign: Campaign, name: str, who: str, where: Location) -> str:
    try:
        return str(campaign.asset(name))
    except HtpmError as exc:
        raise HtpmError(f"{who}: {exc.message}", where) from None


def _font(campaign: Campaign, name: str, who: str, where: Location) -> str:
    """'heading'/'body' (the config's fonts) or a file; looked up as given, then under fonts/."""
    fonts = campaign.config.branding.fonts
    file = {"heading": fonts.heading, "body": fonts.body}.get(name, name)
    for candidate in (file, f"fonts/{file}"):
        try:
            path = campaign.asset(candidate)
        except HtpmError:
            continue
        try:
            ImageFont.truetype(str(path), 12)
        except OSError:
            raise HtpmError(f"{who}: {file} is not a TrueType or OpenType font", where) from None
        return str(path)
    raise HtpmError(f"{who}: font {file} not found beside the config or in brand_assets/fonts", where)
