"""The image that goes with each post on each platform, and where a scheduler fetches it.

The rule (docs/social.md, "Images"):

- A post goes out with its week's graphic: the graphic of the first per-week layout in
  `graphics.layouts` (by default `week`, `graphics/<size>/week-week<N>.png`), at the size its
  platform uses (`image.size` in `social/limits.yaml`).
- When that size is not among `graphics.sizes`, the first rendered size of the same aspect is
  used, else the first rendered size; the build says so once per platform.
- A post's `image:` replaces it on every platform: a graphics path (`graphics/x/theme.png`, one
  the config renders) or an image file beside the config or in brand_assets (copied to
  `social/images/<file>`; it needs `image_alt`).
- The alt text is the post's `image_alt` when given, else the graphic's own (the text of its
  `.alt.txt`, from the same plan the graphics generator draws).
- With `social.image_base_url` the image's URL is that base followed by the image's path in the
  output folder: upload the output folder (or its graphics/ and social/images/) there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.checks import problem_at
from htpm.errors import HtpmError
from htpm.graphics.images import image_header
from htpm.problems import Problem
from htpm.social.posts import SocialPlan
from htpm.suggest import did_you_mean

GRAPHICS_PREFIX = "graphics/"
IMAGE_FORMATS = ("PNG", "JPEG", "GIF")  # what Buffer and Sprout Social take


@dataclass(frozen=True)
class PostImage:
    path: str  # in the output folder: graphics/x/week-week1.png, social/images/photo.jpg
    alt: str
    url: str | None  # with social.image_base_url


@dataclass
class Pairing:
    images: dict[tuple[str, str], PostImage] = field(default_factory=dict)  # (post key, platform)
    notes: list[str] = field(default_factory=list)  # for the build's warnings
    files: list[Artifact] = field(default_factory=list)  # image files copied from the config


def _graphics(campaign: Campaign) -> tuple[dict[str, tuple[str, str]], dict[tuple[str, int], str]]:
    """Every planned graphic's (size, alt) by path, and the week graphics' paths by (size, week)."""
    from htpm.graphics.plan import plan

    by_path: dict[str, tuple[str, str]] = {}
    weekly: dict[tuple[str, int], str] = {}
    week_layout: str | None = None
    for job in plan(campaign):
        for graphic in job.graphics:
            by_path[graphic.path] = (graphic.size, graphic.alt)
            if graphic.week is None:
                continue
            week_layout = week_layout or graphic.layout  # jobs come in graphics.layouts order
            if graphic.layout == week_layout:
                weekly[(graphic.size, graphic.week)] = graphic.path
    return by_path, weekly


def _url(campaign: Campaign, path: str) -> str | None:
    base = campaign.config.social.image_base_url
    return f"{base.rstrip('/')}/{path}" if base else None


def _sizes_for_platforms(campaign: Campaign, plan: SocialPlan, notes: list[str]) -> dict[str, str]:
    """The rendered size each platform's posts use (a fallback is reported once per platform)."""
    from htpm.graphics.layout import load_sizes

    rendered = list(campaign.config.graphics.sizes)
    if not rendered:
        return {}
    sizes = load_sizes(campaign).sizes
    chosen = {}
    for platform in plan.platforms:
        wanted = platform.image_size
        if wanted in rendered:
            chosen[platform.platform] = wanted
            continue
        aspect = sizes[wanted].aspect if wanted in sizes else None
        same = [s for s in rendered if s in sizes and sizes[s].aspect == aspect]
        fallback = same[0] if same else rendered[0]
        chosen[platform.platform] = fallback
        if wanted is None:
            continue
        notes.append(
            f"{platform.name} posts use the {fallback} graphics: size {wanted} (its image size in "
            f"social/limits.yaml) is not in graphics.sizes; add it there to render it"
        )
    return chosen


def pair_images(campaign: Campaign, plan: SocialPlan) -> Pairing:
    """The image of every post on every platform it goes to (see the module's rule)."""
    pairing = Pairing()
    by_path, weekly = _graphics(campaign)
    size_of = _sizes_for_platforms(campaign, plan, pairing.notes)
    if not weekly and any(
        p.image is None for w in campaign.config.weeks for s in w.sections for p in s.posts
    ):
        pairing.notes.append(
            "no per-week layout in graphics.layouts: posts with no image: of their own go out without one"
        )
    copied: dict[str, PostImage] = {}
    for post in plan.posts:
        ref = post.ref
        w, s, p = ref.week - 1, ref.section - 1, ref.number - 1
        config_post = campaign.config.weeks[w].sections[s].posts[p]
        given = config_post.image
        path: str | None
        if given is None:
            size = size_of.get(post.platform.platform)
            path = weekly.get((size, ref.week)) if size else None
            alt = by_path[path][1] if path else ""
        elif given.startswith(GRAPHICS_PREFIX):
            if given not in by_path:  # check() reports it at its line; this is for library callers
                raise HtpmError(
                    f"{ref.describe()}: image {given} is not among the graphics this config renders"
                )
            path, alt = given, by_path[given][1]
        else:
            if given not in copied:
                copied[given] = _copy(campaign, given, config_post.image_alt or "", pairing)
            path, alt = copied[given].path, copied[given].alt
        if path is None:
            continue
        alt = config_post.image_alt or alt
        pairing.images[(ref.key, post.platform.platform)] = PostImage(path, alt, _url(campaign, path))
    return pairing


def _copy(campaign: Campaign, name: str, alt: str, pairing: Pairing) -> PostImage:
    source = campaign.asset(name)
    path = f"social/images/{PurePosixPath(source.name).name}"
    pairing.files.append(Artifact(path, source.read_bytes()))
    return PostImage(path, alt, _url(campaign, path))


def image_problems(campaign: Campaign) -> list[Problem]:
    """Each post's own `image:` exists, is an image a scheduler takes, and has alt text."""
    problems = []
    planned: list[str] | None = None
    for w, week in enumerate(campaign.config.weeks):
        for s, section in enumerate(week.sections):
            for p, post in enumerate(section.posts):
                if post.image is None:
                    continue
                at = ("weeks", w, "sections", s, "posts", p, "image")
                if post.image.startswith(GRAPHICS_PREFIX):
                    if planned is None:
                        try:
                            planned = list(_graphics(campaign)[0])
                        except HtpmError:
                            planned = []  # the graphics generator's own check reports why
                    if planned and post.image not in planned:
                        problems.append(
                            problem_at(
                                campaign,
                                at,
                                f"{post.image} is not among the graphics this config renders "
                                f"(graphics.layouts at graphics.sizes){did_you_mean(post.image, planned)}",
                            )
                        )
                    continue
                problems.extend(_file_problems(campaign, post.image, post.image_alt, at))
    return problems


def _file_problems(
    campaign: Campaign, name: str, alt: str | None, at: tuple[str | int, ...]
) -> list[Problem]:
    try:
        path = campaign.asset(name)
    except HtpmError as exc:
        return [problem_at(campaign, at, exc.message)]
    try:
        image_header(path, name, IMAGE_FORMATS)
    except HtpmError as exc:
        return [problem_at(campaign, at, f"{exc.message}; schedulers take {', '.join(IMAGE_FORMATS)}")]
    if not (alt or "").strip():
        return [
            problem_at(
                campaign,
                (*at[:-1], "image_alt"),
                f"the image {name} needs alt text (image_alt: what it shows, for who cannot see it)",
            )
        ]
    return []
