"""Sample social posts per focus week and platform, and the files a partner uploads to schedule
them: `social/posts.json`, `social/posts.md`, `social/buffer-<platform>.csv`,
`social/sprout-social-<platform>.csv` and `social/schedule.csv`.

Sprout Social imports every row of a file to every profile chosen at import, and each network
has its own limit and text, so it gets one file per platform, like Buffer. Each post carries its
image (`htpm.social.images`); the Buffer and Sprout files keep the text exactly as published
(`htpm.social.uploads`), and `schedule.csv`, meant for spreadsheets, neutralises formulas.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.checks import problem_at
from htpm.errors import HtpmError
from htpm.problems import Problem, problems_of, raise_problems
from htpm.prose.markdown import escape_markup
from htpm.social.csvfile import csv_bytes
from htpm.social.facets import facets
from htpm.social.images import PostImage, image_problems, pair_images
from htpm.social.limits import LIMITS_TEMPLATE, load_schedulers
from htpm.social.posts import LeftOut, PlatformPost, PostRef, SocialPlan, plan_posts, platform_limits
from htpm.social.schedule import assign_times, zone
from htpm.social.uploads import file_notes, formula_problems, past_note
from htpm.templating import make_env, render

POSTS_TEMPLATE = "social/posts.md.j2"
BUFFER_HEADER = ("Text", "Image URL", "Tags", "Posting Time")
SPROUT_HEADER = ("date", "time_24hr", "message_text")
Images = dict[tuple[str, str], PostImage]
SCHEDULE_HEADER = ("datetime", "timezone", "platform", "week", "week_title", "section", "topic", "text")


def check(campaign: Campaign) -> list[Problem]:
    """The posting time zone exists, every platform the config names has limits, each post's own
    image exists, and no uploaded post starts like a spreadsheet formula."""
    problems = [*formula_problems(campaign), *image_problems(campaign)]
    try:
        zone(campaign)
    except HtpmError as exc:
        problems.extend(problems_of(exc))
    try:
        limits = platform_limits(campaign)
        load_schedulers(campaign.find_template(LIMITS_TEMPLATE))
    except HtpmError as exc:
        return [*problems, *problems_of(exc)]
    for index, name in enumerate(campaign.config.social.platforms):
        if name not in limits:
            problems.append(
                problem_at(
                    campaign,
                    ("social", "platforms", index),
                    f"no limits for {name!r} in {LIMITS_TEMPLATE} (known: {', '.join(limits)})",
                )
            )
    return problems


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    """Every social output of `campaign`; posts that do not fit a platform are reported."""
    raise_problems(formula_problems(campaign))  # check() reports them; a library caller gets them too
    plan = plan_posts(campaign)
    for left in plan.left_out:
        ctx.warn(str(left), kind="post-too-long" if left.reason == "length" else "too-many-hashtags")
    shown = {p.ref.key for p in plan.posts}
    waiting = _waiting_for_fill_ins(campaign, plan, ctx)
    times, unscheduled = assign_times(
        campaign, [r for r in plan.refs if r.key in shown and r.key not in waiting]
    )
    for week in unscheduled:
        ctx.warn(week.message(), kind="unscheduled")
    pairing = pair_images(campaign, plan)
    for note in pairing.notes:
        ctx.warn(note, kind="images")
    schedulers = load_schedulers(campaign.find_template(LIMITS_TEMPLATE))
    artifacts = [
        Artifact("social/posts.json", posts_json(plan, times, pairing.images)),
        Artifact("social/posts.md", render_posts_md(campaign, plan, times).encode("utf-8")),
        Artifact("social/schedule.csv", schedule_csv(campaign, plan, times)),
        *pairing.files,
    ]
    sprout_limits = schedulers.get("sprout_social")
    image_column = sprout_limits.image_column if sprout_limits else None
    for platform in plan.platforms:
        scheduled = [p for p in plan.for_platform(platform.platform) if p.ref.key in times]
        name = platform.platform
        buffer_path, sprout_path = f"social/buffer-{name}.csv", f"social/sprout-social-{name}.csv"
        artifacts.append(Artifact(buffer_path, buffer_csv(scheduled, times, pairing.images)))
        artifacts.append(
            Artifact(sprout_path, sprout_csv(campaign, scheduled, times, pairing.images, image_column))
        )
        moments = [times[p.ref.key] for p in scheduled]
        for path, key, label in (
            (buffer_path, "buffer", "Buffer"),
            (sprout_path, "sprout_social", "Sprout Social"),
        ):
            for note in file_notes(path, label, moments, schedulers.get(key)):
                ctx.warn(note, kind="scheduling")
        hosted = bool(campaign.config.social.image_base_url)
        _warn_missing_media(platform.name, platform.needs_media, scheduled, pairing.images, hosted, ctx)
    past = past_note(list(times.values()), ctx.now(), campaign.config.social.schedule.timezone)
    if past:
        ctx.warn(past, kind="scheduling")
    return artifacts


def _waiting_for_fill_ins(campaign: Campaign, plan: SocialPlan, ctx: BuildContext) -> set[str]:
    """Posts with an open fill-in: in posts.json and posts.md with their blanks, never in an upload
    file (Buffer, Sprout, schedule.csv) until the fill-in has a value."""
    waiting: dict[str, PlatformPost] = {}
    for post in plan.posts:
        if post.open_fill_ins and post.ref.key not in waiting:
            waiting[post.ref.key] = post
    for post in waiting.values():
        where = campaign.locate((*post.ref.source, "text"))
        names, first = ", ".join(post.open_fill_ins), post.open_fill_ins[0]
        ctx.warn(
            f"{where}: {post.ref.describe()} has an open fill-in ({names}); left out of the upload files "
            f"until it has a value (fill: {{{first}: ...}} or --fill {first}=...)",
            kind="fill-in",
        )
    return set(waiting)


def _warn_missing_media(
    name: str, needs_media: bool, posts: list[PlatformPost], images: Images, hosted: bool, ctx: BuildContext
) -> None:
    """Schedulers refuse a post without media on a platform that needs it (Instagram)."""
    if not needs_media:
        return
    bare = [
        p.ref.key for p in posts if not (img := images.get((p.ref.key, p.platform.platform))) or not img.url
    ]
    if not bare:
        return
    shown = ", ".join(bare[:8]) + (f" and {len(bare) - 8} more" if len(bare) > 8 else "")
    fix = (
        "give them an image (image: on the post) or a per-week layout in graphics.layouts"
        if hosted
        else "set social.image_base_url to where the graphics will be hosted"
    )
    ctx.warn(
        f"{name}: {len(bare)} of {len(posts)} rows of the Buffer and Sprout Social files have no image URL "
        f"({shown}); {name} needs media, so schedulers refuse them: {fix}",
        kind="images",
    )


def _ordered(posts: list[PlatformPost], times: dict[str, dt.datetime]) -> list[PlatformPost]:
    return sorted(posts, key=lambda p: (times[p.ref.key], p.ref.week, p.ref.section, p.ref.number))


def post_record(
    post: PlatformPost, when: dt.datetime | None, image: PostImage | None = None
) -> dict[str, Any]:
    ref = post.ref
    record = {
        "id": ref.key,
        "week": ref.week,
        "week_title": ref.week_title,
        "section": ref.section_title,
        "section_number": ref.section,
        "post": ref.number,
        "topic": ref.topic,
        "platform": post.platform.platform,
        "platform_name": post.platform.name,
        "text": post.text,
        "length": post.length,
        "limit": post.platform.limit,
        "counting": post.platform.method,
        "hashtags": list(post.hashtags),
        "hashtag_limit": post.hashtag_limit,
        "variant": post.variant,
        "primary_hashtag_added": post.primary_added,
        "links_completed": post.links_completed,
        "hashtags_dropped": list(post.hashtags_dropped),
        "image": image.path if image else None,
        "image_alt": image.alt if image else ref.image_alt,
        "image_url": image.url if image else None,
        "scheduled": when.isoformat() if when else None,
        "open_fill_ins": list(post.open_fill_ins),
    }
    if post.platform.facets:
        record["facets"] = facets(post.text)
    return record


def posts_json(plan: SocialPlan, times: dict[str, dt.datetime], images: Images | None = None) -> bytes:
    images = images or {}
    records = [
        post_record(p, times.get(p.ref.key), images.get((p.ref.key, p.platform.platform))) for p in plan.posts
    ]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _labels(campaign: Campaign, area: str) -> dict[str, str]:
    return campaign.labels_of(area)


def posts_md_context(campaign: Campaign, plan: SocialPlan, times: dict[str, dt.datetime]) -> dict[str, Any]:
    """Plain data for `social/posts.md.j2`: weeks > sections > posts > texts per platform."""

    locale = campaign.locale.replace("-", "_")

    def num(value: int) -> str:
        return _decimal(value, locale)

    # grouped once: looking each post up in the whole plan is quadratic (8,000 posts: minutes)
    refs_at: dict[tuple[int, int], list[PostRef]] = {}
    for r in plan.refs:
        refs_at.setdefault((r.week, r.section), []).append(r)
    posts_of: dict[str, list[PlatformPost]] = {}
    for p in plan.posts:
        posts_of.setdefault(p.ref.key, []).append(p)
    left_of: dict[str, list[LeftOut]] = {}
    for lo in plan.left_out:
        left_of.setdefault(lo.ref.key, []).append(lo)
    weeks = []
    for week in campaign.weeks:
        sections = []
        for s, section in enumerate(week.week.sections, 1):
            posts = []
            for ref in refs_at.get((week.number, s), []):
                texts: dict[str, dict[str, Any]] = {}
                for post in posts_of.get(ref.key, []):
                    group = texts.setdefault(post.text, {"text": post.text, "platforms": [], "note": None})
                    group["platforms"].append(
                        {
                            "name": post.platform.name,
                            "length": num(post.length),
                            "limit": num(post.platform.limit),
                        }
                    )
                    if post.primary_missing:
                        group["note"] = "no_room_for_primary"
                left = [
                    {
                        "name": lo.platform.name,
                        "reason": lo.reason,
                        "length": num(lo.length),
                        "limit": num(lo.platform.limit),
                        "hashtags": lo.hashtags,
                        "hashtag_limit": lo.hashtag_limit,
                    }
                    for lo in left_of.get(ref.key, [])
                ]
                when = times.get(ref.key)
                posts.append(
                    {
                        "number": ref.number,
                        "topic": ref.topic,
                        "texts": [
                            dict(g, quoted=Markup(_quote(escape_markup(g["text"])))) for g in texts.values()
                        ],
                        "left_out": left,
                        "scheduled": _local(when) if when else None,
                    }
                )
            sections.append({"title": section.title, "posts": posts})
        weeks.append(
            {
                "number": week.number,
                "title": week.week.title,
                "dates": campaign.date_range(week.start, week.end, in_text=True),
                "sections": sections,
            }
        )
    return {
        "observance": campaign.config.observance.name,
        "year": campaign.year,
        "primary_hashtag": campaign.config.hashtags.primary,
        "max_hashtags": campaign.config.hashtags.max_per_post,
        "timezone": campaign.config.social.schedule.timezone,
        "weeks": weeks,
        "labels": _labels(campaign, "social"),
    }


@lru_cache(maxsize=4096)
def _decimal(value: int, locale: str) -> str:
    # the same few lengths and limits, for every post on every platform: Babel is slow per call
    return format_decimal(value, locale=locale)


def _quote(text: str) -> Markup:
    """The text as a Markdown block quote, line by line (blank lines kept inside the quote), with
    nothing in it that could become raw HTML or a link."""
    quoted = "\n".join(f"> {line}".rstrip() for line in escape_markup(text).split("\n"))
    return Markup(quoted)  # noqa: S704 - escaped above for Markdown


def _local(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def render_posts_md(campaign: Campaign, plan: SocialPlan, times: dict[str, dt.datetime]) -> str:
    env = make_env(campaign.template_dirs)
    return render(env, POSTS_TEMPLATE, posts_md_context(campaign, plan, times), items=len(plan.posts))


def _image_url(post: PlatformPost, images: Images) -> str:
    image = images.get((post.ref.key, post.platform.platform))
    return image.url if image and image.url else ""


def buffer_csv(
    posts: list[PlatformPost], times: dict[str, dt.datetime], images: Images | None = None
) -> bytes:
    """Buffer's bulk upload: one channel per file, times in the channel's zone as YYYY-MM-DD HH:mm.
    Cells as written (an upload form, not a spreadsheet, reads it)."""
    images = images or {}
    rows = [(p.text, _image_url(p, images), "", _local(times[p.ref.key])) for p in _ordered(posts, times)]
    return csv_bytes(BUFFER_HEADER, rows, spreadsheet=False)


def sprout_csv(
    campaign: Campaign,
    posts: list[PlatformPost],
    times: dict[str, dt.datetime],
    images: Images | None = None,
    image_column: str | None = None,
) -> bytes:
    """Sprout Social's bulk scheduling: the date as the import preference expects (US: mm/dd/yyyy),
    and the image's URL in `image_column` (limits.yaml) when there is one. Cells as written."""
    images = images or {}
    date_format = "%m/%d/%Y" if campaign.locale.endswith("-US") else "%d/%m/%Y"
    rows: list[tuple[str, ...]] = []
    for p in _ordered(posts, times):
        when = times[p.ref.key]
        row: tuple[str, ...] = (when.strftime(date_format), when.strftime("%H:%M"), p.text)
        rows.append((*row, _image_url(p, images)) if image_column else row)
    header = (*SPROUT_HEADER, image_column) if image_column else SPROUT_HEADER
    return csv_bytes(header, rows, spreadsheet=False)


def schedule_csv(campaign: Campaign, plan: SocialPlan, times: dict[str, dt.datetime]) -> bytes:
    """Every scheduled post on every platform, with an ISO 8601 time and its UTC offset."""
    zone_name = campaign.config.social.schedule.timezone
    posts = _ordered([p for p in plan.posts if p.ref.key in times], times)
    rows = [
        (
            times[p.ref.key].isoformat(timespec="minutes"),
            zone_name,
            p.platform.platform,
            p.ref.week,
            p.ref.week_title,
            p.ref.section_title,
            p.ref.topic or "",
            p.text,
        )
        for p in posts
    ]
    return csv_bytes(SCHEDULE_HEADER, rows)
