"""The build's graphics: every layout the config names, at every size it names (see htpm.graphics)."""

from __future__ import annotations

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.checks import problem_at
from htpm.contrast import contrast_ratio as contrast
from htpm.errors import HtpmError
from htpm.graphics import render_graphics
from htpm.graphics.colour import resolve_colour
from htpm.graphics.render import TextBox
from htpm.problems import Problem, problems_of
from htpm.suggest import did_you_mean


def check(campaign: Campaign) -> list[Problem]:
    """Every size the config names exists, and every layout it names loads and is well placed."""
    from htpm.graphics import layout as lm

    try:
        sizes = lm.load_sizes(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    problems = []
    for index, name in enumerate(campaign.config.graphics.sizes):
        if name not in sizes.sizes:
            problems.append(
                problem_at(
                    campaign,
                    ("graphics", "sizes", index),
                    f"unknown size {name!r}{did_you_mean(name, list(sizes.sizes))}",
                )
            )
    for index, name in enumerate(campaign.config.graphics.layouts):
        try:
            lm.load_layout(campaign, name, sizes, campaign.locate(("graphics", "layouts", index)))
        except HtpmError as exc:
            problems.extend(problems_of(exc))
    return problems


def dry_run(campaign: Campaign) -> list[Problem]:
    """Every graphic planned and drawn (not encoded): each text that does not fit or fails its
    contrast is a problem, a failing palette colour named at its config key."""
    from htpm.graphics.plan import plan
    from htpm.graphics.render import ContrastError, GraphicsError, render_scene

    try:
        jobs = plan(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    found: list[GraphicsError] = []
    for job in jobs:
        try:
            render_scene(job.scene, [g.item for g in job.graphics], found)
        except HtpmError as exc:  # a broken image, found while drawing the static layers
            found.append(GraphicsError(exc.message, exc.location))
    # one problem per layer and cause, however many graphics and sizes it fails in
    groups: dict[tuple[str, str, str], list[GraphicsError]] = {}
    for error in found:
        key = _palette_key(campaign, error.op) if isinstance(error, ContrastError) else None
        who = error.op.who if error.op is not None else error.message
        groups.setdefault((type(error).__name__, who, key or ""), []).append(error)
    problems: list[Problem] = []
    for (_kind, _who, key), errors in groups.items():
        first = errors[0]
        more = f" (and {len(errors) - 1} more graphic(s))" if len(errors) > 1 else ""
        if not key:
            problems.extend(Problem(p.location, p.key, p.message + more) for p in problems_of(first))
            continue
        colour = getattr(campaign.config.branding.palette, key)
        problems.append(
            problem_at(
                campaign,
                ("branding", "palette", key),
                f"{colour} fails a layout's contrast: {first.message}{more} ({first.location})",
            )
        )
    return problems


def _palette_key(campaign: Campaign, op: TextBox | None) -> str | None:
    """The palette colour the config sets that makes this text fail: of the colours under the
    text, the one that contrasts least with it; else the text's own colour; None when the config
    sets neither (the layout's own colours are at fault)."""
    if op is None:
        return None
    palette = campaign.config.branding.palette

    def set_here(key: str) -> bool:
        return ("branding", "palette", key) in campaign.sources

    under = [k for k in op.under_keys if set_here(k)]
    if under:
        return min(under, key=lambda k: contrast(resolve_colour(k, palette), op.colour))
    return op.text_key if op.text_key and set_here(op.text_key) else None


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    subset = ctx.subset
    weeks = getattr(subset, "weeks", None)
    sizes = getattr(subset, "sizes", None)
    return render_graphics(campaign, weeks, sizes, progress=ctx.progress, memo=ctx.memo)
