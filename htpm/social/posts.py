"""Which post goes to which platform, with what text, and what is left out and why.

A post is offered to every platform of `social.platforms` (or only those in its `platforms:`),
with its variant for that platform if it has one, made to work there (`platform_text`: https://
before bare domains where they are not linked, extra hashtags dropped where the platform takes
fewer and says so with `over_limit: drop`). The primary hashtag is appended when the text
lacks it and there is room (length and hashtag limit). A post longer than the platform allows,
or with more hashtags than allowed, is never cut: it is left out of that platform and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from htpm.campaign import Campaign, SourcePath
from htpm.errors import BuildFailed, HtpmError, Location
from htpm.social.hashtags import append_hashtag, distinct_hashtags, has_hashtag
from htpm.social.limits import LIMITS_TEMPLATE, PlatformLimit, load_limits
from htpm.social.platform_text import add_schemes, keep_hashtags
from htpm.values import open_fill_ins, shown


@dataclass(frozen=True)
class PostRef:
    """One post of the config: where it sits (1-based numbers) and where it came from."""

    week: int
    section: int
    number: int  # position in its section
    week_title: str
    section_title: str
    topic: str | None
    image_alt: str | None
    source: SourcePath

    @property
    def key(self) -> str:
        return f"w{self.week}-s{self.section}-p{self.number}"

    def describe(self) -> str:
        return f"week {self.week} ({self.week_title}), section '{self.section_title}', post {self.number}"


@dataclass(frozen=True)
class PlatformPost:
    """A post as it goes out on one platform."""

    ref: PostRef
    platform: PlatformLimit
    text: str
    length: int
    hashtags: tuple[str, ...]
    hashtag_limit: int
    variant: bool
    primary_added: bool
    primary_missing: bool
    open_fill_ins: tuple[str, ...] = ()  # names of fill-ins still open in it (kept out of uploads)
    links_completed: int = 0  # bare domains given https:// for this platform
    hashtags_dropped: tuple[str, ...] = ()  # hashtags taken out for this platform's cap


@dataclass(frozen=True)
class LeftOut:
    """A post kept off one platform, and why (`reason` is 'length' or 'hashtags')."""

    ref: PostRef
    platform: PlatformLimit
    reason: str
    length: int
    hashtags: int
    hashtag_limit: int
    location: Location

    def message(self) -> str:
        where = f"{self.ref.describe()} on {self.platform.name}"
        if self.reason == "length":
            problem = f"{self.length} characters, limit {self.platform.limit}"
        else:
            problem = f"{self.hashtags} hashtags, limit {self.hashtag_limit}"
        fix = f"give a shorter variant (variants: {{{self.platform.platform}: ...}})"
        return f"{where}: {problem}; left out of {self.platform.name}, {fix}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message()}"


@dataclass(frozen=True)
class SocialPlan:
    refs: tuple[PostRef, ...]
    posts: tuple[PlatformPost, ...]
    left_out: tuple[LeftOut, ...]
    platforms: tuple[PlatformLimit, ...] = field(default=())

    def for_platform(self, platform: str) -> list[PlatformPost]:
        return [p for p in self.posts if p.platform.platform == platform]

    def require_fit(self) -> None:
        """Raise HtpmError listing every post that does not fit (for callers wanting an error)."""
        if self.left_out:
            raise BuildFailed("posts do not fit their platforms:\n" + "\n".join(map(str, self.left_out)))


def platform_limits(campaign: Campaign) -> dict[str, PlatformLimit]:
    return load_limits(campaign.find_template(LIMITS_TEMPLATE))


def post_refs(campaign: Campaign) -> list[PostRef]:
    refs = []
    for w, week in enumerate(campaign.config.weeks):
        for s, section in enumerate(week.sections):
            for p, post in enumerate(section.posts):
                source = ("weeks", w, "sections", s, "posts", p)
                refs.append(
                    PostRef(
                        w + 1, s + 1, p + 1, week.title, section.title, post.topic, post.image_alt, source
                    )
                )
    return refs


def plan_posts(campaign: Campaign) -> SocialPlan:
    """Every post on every platform it can go to, and every post left out with its reason."""
    limits = platform_limits(campaign)
    missing = [p for p in campaign.config.social.platforms if p not in limits]
    if missing:
        raise HtpmError(f"social.platforms: no limits for {', '.join(missing)} in {LIMITS_TEMPLATE}")
    platforms = tuple(limits[p] for p in dict.fromkeys(campaign.config.social.platforms))
    hashtags = campaign.config.hashtags
    refs = post_refs(campaign)
    posts: list[PlatformPost] = []
    left_out: list[LeftOut] = []
    for ref in refs:
        w, s, p = ref.week - 1, ref.section - 1, ref.number - 1
        post = campaign.config.weeks[w].sections[s].posts[p]
        variants: dict[str, str] = {str(k): v for k, v in post.variants.items()}
        for platform in platforms:
            if post.platforms is not None and platform.platform not in post.platforms:
                continue
            variant = platform.platform in variants
            written = (variants[platform.platform] if variant else post.text).replace("\r\n", "\n")
            text, still_open = shown(written), tuple(dict.fromkeys(open_fill_ins(written)))
            cap = hashtags.max_per_post
            if platform.hashtag_limit is not None:
                cap = min(cap, platform.hashtag_limit)
            completed, dropped = 0, tuple[str, ...]()
            if platform.adds_scheme:
                text, completed = add_schemes(text)
            if platform.hashtag_overflow == "drop" and platform.hashtag_limit is not None:
                text, dropped = keep_hashtags(text, hashtags.primary, platform.hashtag_limit)
            added, length = False, None
            if not has_hashtag(text, hashtags.primary):
                candidate = append_hashtag(text, hashtags.primary)
                candidate_length = platform.length(candidate)
                if candidate_length <= platform.limit and len(distinct_hashtags(candidate)) <= cap:
                    text, added, length = candidate, True, candidate_length
            tags = distinct_hashtags(text)
            if length is None:
                length = platform.length(text)
            reason = "length" if length > platform.limit else "hashtags" if len(tags) > cap else None
            if reason:
                path = (*ref.source, "variants", platform.platform) if variant else (*ref.source, "text")
                left_out.append(LeftOut(ref, platform, reason, length, len(tags), cap, campaign.locate(path)))
                continue
            primary_missing = not has_hashtag(text, hashtags.primary)
            posts.append(
                PlatformPost(
                    ref,
                    platform,
                    text,
                    length,
                    tuple(tags),
                    cap,
                    variant,
                    added,
                    primary_missing,
                    open_fill_ins=still_open,
                    links_completed=completed,
                    hashtags_dropped=dropped,
                )
            )
    return SocialPlan(tuple(refs), tuple(posts), tuple(left_out), platforms)
