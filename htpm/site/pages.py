"""The microsite's pages, made from what the build produced (`site/` in the output).

Every page is flat in `site/` (so links are relative and the folder works from any address, or
from disk): `index.html`, `toolkit.html`, `week-<n>.html`, `graphics.html`, `copy.html`,
`calendar.html`, `downloads.html`; styles, script and fonts in `assets/`; the graphics under
`graphics/` and every other file of the build under `downloads/`, copied from the build's own
artifacts. Posts come from `social/posts.json`, the calendar from `calendar.ics`, the copy from
`copy/`: the site shows what the build wrote, it does not make it a second time.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from babel import Locale
from markupsafe import Markup
from PIL import Image

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.labels import fill
from htpm.site.colours import site_colours
from htpm.site.prose import ProseBlock
from htpm.site.toolkit import Labels, toolkit_page
from htpm.templating import make_env, render

PREFIX = "site/"
SITE_SUFFIXES = (".png",)
DOWNLOAD_SUFFIXES = (".docx", ".pdf", ".pptx", ".ics", ".csv", ".json", ".md", ".txt", ".html")
STATIC = ("site/site.js",)


@dataclass(frozen=True)
class Page:
    name: str  # file name in site/
    label_key: str
    template: str


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _tel(phone: str) -> str:
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


class SiteBuilder:
    """One locale's site from one build's artifacts (`produced`: every artifact but the site's)."""

    def __init__(
        self,
        campaign: Campaign,
        produced: list[Artifact],
        warn: Callable[[str], None],
        locales: list[str],
    ) -> None:
        self.campaign = campaign
        self.cfg = campaign.config
        self.by_path = {a.path: a for a in produced if not a.path.startswith(PREFIX)}
        self._images: dict[str, dict[str, Any] | None] = {}  # each graphic opened once, not per post
        self.post_count = 0  # posts the pages list (weeks() counts them): their size bound grows with it
        self.warn = warn
        self.locales = locales
        self.labels = campaign.labels_of("site")
        self.env = make_env(campaign.template_dirs)
        self.out: dict[str, Artifact] = {}

    def label(self, key: str, **values: object) -> str:
        return fill(self.campaign.label(f"site.{key}"), **values)

    def add(self, path: str, data: bytes) -> str:
        """Add `site/<path>`; returns `path` (the page-relative address, every page being flat)."""
        self.out.setdefault(PREFIX + path, Artifact(PREFIX + path, data))
        return path

    # -- the whole site -----------------------------------------------------------------------
    def build(self) -> list[Artifact]:
        self.assets()
        weeks = self.weeks()
        pages: list[tuple[Page, dict[str, Any]]] = [
            (Page("index.html", "home", "site/index.html.j2"), self.home(weeks)),
            (Page("toolkit.html", "toolkit", "site/toolkit.html.j2"), self.toolkit()),
        ]
        pages += weeks
        if any(p.startswith("graphics/") and p.endswith(".png") for p in self.by_path):
            pages.append((Page("graphics.html", "graphics", "site/graphics.html.j2"), self.graphics()))
        copy = self.copy()
        if copy:
            pages.append((Page("copy.html", "copy_page", "site/copy.html.j2"), copy))
        calendar = self.calendar()
        if calendar:
            pages.append((Page("calendar.html", "calendar", "site/calendar.html.j2"), calendar))
        pages.append((Page("downloads.html", "downloads", "site/downloads.html.j2"), self.downloads()))
        nav = [(page.name, self._nav_label(page, context)) for page, context in pages]
        for page, context in pages:
            frame = self.frame(page, nav, context)
            html = render(self.env, page.template, {**frame, **context}, items=self.post_count)
            self.add(page.name, html.encode("utf-8"))
        return sorted(self.out.values(), key=lambda a: a.path)

    def _nav_label(self, page: Page, context: dict[str, Any]) -> str:
        if page.label_key == "week":
            return self.label("week_nav", number=context["week"]["number"])
        return self.label(page.label_key)

    def frame(self, page: Page, nav: list[tuple[str, str]], context: dict[str, Any]) -> dict[str, Any]:
        """What every page shows: the banner, the navigation, the language switch, the hotline."""
        cfg = self.cfg
        title = f"{cfg.observance.name} {self.campaign.year}"
        heading = context.pop("heading", None) or self._nav_label(page, context)
        return {
            "lang": self.campaign.locale,
            "labels": self.labels,
            "page": {"name": page.name, "title": heading, "heading": heading},
            "site": {
                "title": title,
                "theme": cfg.theme.name,
                "tagline": cfg.theme.tagline,
                "logo": self.logo,
                "footer": self.label(
                    "footer",
                    organization=cfg.organization.name,
                    observance=cfg.observance.name,
                    year=self.campaign.year,
                ),
            },
            "nav": [{"href": name, "label": label, "current": name == page.name} for name, label in nav],
            "languages": self.languages(page.name),
            "hotline": self.hotline(),
        }

    def languages(self, page: str) -> list[dict[str, Any]]:
        """Links to the same page in every other locale's site: the primary locale's site is
        `site/` at the output's root, each other's `<locale>/site/` (with one locale: none)."""
        if len(self.locales) < 2:
            return []
        here = self.campaign.locale
        primary = self.locales[0]
        up = "../" if here == primary else "../../"
        out = []
        for loc in self.locales:
            folder = "site/" if loc == primary else f"{loc}/site/"
            name = Locale.parse(loc.replace("-", "_")).get_display_name(loc.replace("-", "_")) or loc
            out.append({"lang": loc, "name": name, "current": loc == here, "href": f"{up}{folder}{page}"})
        return out

    def hotline(self) -> dict[str, Any] | None:
        h = self.cfg.hotline
        if h is None:
            return None
        return {
            "name": h.name,
            "phone": h.phone,
            "phone_uri": _tel(h.phone) if h.phone else None,
            "text": h.text,
            "tty": h.tty,
            "chat_url": h.chat_url if h.chat_url != h.website else None,
            "website": h.website,
            "website_shown": re.sub(r"^https?://(www\.)?|/$", "", h.website or ""),
            "hours": h.hours,
        }

    # -- assets -------------------------------------------------------------------------------
    def assets(self) -> None:
        fonts = self.cfg.branding.fonts
        for name in dict.fromkeys((fonts.body, fonts.heading)):
            self.add(
                f"assets/fonts/{PurePosixPath(name).name}", self.campaign.asset(f"fonts/{name}").read_bytes()
            )
        colours, _figures = site_colours(self.campaign)
        context = {
            "colours": colours,
            "fonts": {"body": PurePosixPath(fonts.body).name, "heading": PurePosixPath(fonts.heading).name},
        }
        self.add("assets/site.css", render(self.env, "site/site.css.j2", context).encode("utf-8"))
        for static in STATIC:
            self.add(f"assets/{PurePosixPath(static).name}", self.campaign.find_template(static).read_bytes())
        self.logo = None
        branding = self.cfg.branding
        if branding.logo:
            path = self.campaign.asset(branding.logo)
            with Image.open(path) as im:
                width, height = im.size
            src = self.add(f"images/{path.name}", path.read_bytes())
            shown_h = 56
            self.logo = {
                "src": src,
                "alt": branding.logo_alt or self.cfg.organization.name,
                "width": round(width * shown_h / height),
                "height": shown_h,
            }

    def image(self, path: str) -> dict[str, Any] | None:
        """A graphic of the build, copied into the site under the same path (a copy of the
        record: callers add to it)."""
        if path not in self._images:
            self._images[path] = self._image(path)
        found = self._images[path]
        return dict(found) if found is not None else None

    def _image(self, path: str) -> dict[str, Any] | None:
        artifact = self.by_path.get(path)
        if artifact is None:
            return None
        with Image.open(io.BytesIO(artifact.data)) as im:
            width, height = im.size
        return {
            "src": self.add(path, artifact.data),
            "width": width,
            "height": height,
            "bytes": len(artifact.data),
        }

    # -- pages --------------------------------------------------------------------------------
    def home(self, weeks: list[tuple[Page, dict[str, Any]]]) -> dict[str, Any]:
        kinds = sorted({self._kind(p) for p in self._download_paths()})
        return {
            "heading": f"{self.cfg.observance.name} {self.campaign.year}",
            "weeks": [
                {"href": page.name, "title": context["heading"], "dates": context["week"]["dates"]}
                for page, context in weeks
            ],
            "downloads_about": self.label("downloads_about", files=", ".join(kinds)),
        }

    def toolkit(self) -> dict[str, Any]:
        # the toolkit generator reports what its walk finds (an image without alt text): once is enough
        page = toolkit_page(
            self.campaign, lambda _m: None, Labels(self.labels["note"], self.labels["back_to_text"])
        )
        for image in page.images:
            self.add(f"images/{image.name}", image.data)
        return {"heading": page.title, "toc": page.toc, "body_html": Markup(page.body)}  # noqa: S704

    def weeks(self) -> list[tuple[Page, dict[str, Any]]]:
        posts_file = self.by_path.get("social/posts.json")
        posts = json.loads(posts_file.data) if posts_file else []
        self.post_count = len(posts)
        from htpm.social.posts import platform_limits

        limits = platform_limits(self.campaign)
        out = []
        for info in self.campaign.weeks:
            week, src = info.week, ("weeks", info.number - 1)
            prose = ProseBlock(self.campaign, self.labels, self.warn)
            intro = prose.render(week.introduction, (*src, "introduction")) if week.introduction else ""
            platforms = []
            for key in dict.fromkeys(self.cfg.social.platforms):
                mine = [p for p in posts if p["week"] == info.number and p["platform"] == key]
                limit = limits.get(key)
                name = limit.name if limit else key
                method = self.labels.get(f"method_{limit.method}", "") if limit else ""
                sections: dict[str, list[dict[str, Any]]] = {}
                for post in mine:
                    image = self.image(post["image"]) if post.get("image") else None
                    if image:
                        image["alt"] = post.get("image_alt") or ""
                    sections.setdefault(post["section"], []).append(
                        {
                            "id": f"{key}-{post['id']}",
                            "topic": post.get("topic"),
                            "text": post["text"],
                            "length": post["length"],
                            "limit": post["limit"],
                            "count": self.label("count", length=post["length"], limit=post["limit"]),
                            "hashtags": post["hashtags"],
                            "image": image,
                        }
                    )
                platforms.append(
                    {
                        "key": key,
                        "id": f"platform-{key}",
                        "name": name,
                        "rules": self.label(
                            "platform_rules",
                            platform=name,
                            method=method,
                            limit=limit.limit if limit else "",
                            hashtags=min(
                                self.cfg.hashtags.max_per_post,
                                limit.hashtag_limit if limit and limit.hashtag_limit else 10**6,
                            ),
                        ),
                        "sections": [{"title": t, "posts": p} for t, p in sections.items()],
                    }
                )
            title = fill(self.campaign.label("toolkit.week_heading"), number=info.number, title=week.title)
            context = {
                "heading": title,
                "week": {
                    "number": info.number,
                    "dates": self.campaign.date_range(info.start, info.end),
                    "audience": week.audience,
                    "introduction_html": Markup(intro),  # noqa: S704 - htpm.prose escapes
                },
                "platforms": platforms,
                "notes_html": Markup(prose.notes_html(2)),  # noqa: S704
            }
            out.append((Page(f"week-{info.number}.html", "week", "site/week.html.j2"), context))
        return out

    def graphics(self) -> dict[str, Any]:
        from itertools import groupby

        from htpm.graphics.plan import plan

        planned = [g for job in plan(self.campaign) for g in job.graphics if g.path in self.by_path]
        week_label = self.campaign.label("graphics.week")
        groups = []
        for (_layout, title), in_layout in groupby(planned, key=lambda g: (g.layout, g.layout_title)):
            parts = []
            for week, in_week in groupby(sorted(in_layout, key=lambda g: g.week or 0), key=lambda g: g.week):
                graphics = []
                for g in in_week:
                    image = self.image(g.path)
                    assert image is not None
                    graphics.append(
                        {
                            **image,
                            "id": "alt-" + re.sub(r"[^a-z0-9]+", "-", g.path.lower()),
                            "alt": g.alt,
                            "size_label": g.size_label,
                            "download": self.label("download_png", size=_size(image["bytes"])),
                        }
                    )
                parts.append({"title": f"{week_label} {week}" if week else None, "graphics": graphics})
            groups.append({"title": title, "parts": parts})
        return {"groups": groups}

    def copy(self) -> dict[str, Any] | None:
        text = self.by_path.get("copy/newsletter.txt")
        website = self.by_path.get("copy/website.html")
        if text is None and website is None:
            return None
        files = [
            self._file(p)
            for p in sorted(self.by_path)
            if p.startswith("copy/newsletter.") and p.endswith(DOWNLOAD_SUFFIXES)
        ]
        out: dict[str, Any] = {"newsletter": None, "website": None}
        if text is not None:
            out["newsletter"] = {"text": text.data.decode("utf-8"), "files": files}
        if website is not None:
            source = website.data.decode("utf-8")
            out["website"] = {"html": Markup(self._local_images(source)), "source": source}  # noqa: S704
        return out

    def _local_images(self, html: str) -> str:
        """The website fragment with its images served from the site itself (never the web)."""

        def local(match: re.Match[str]) -> str:
            name = PurePosixPath(match[1]).name
            artifact = self.by_path.get(f"copy/images/{name}")
            if artifact is None:
                return match[0]
            return f'src="{self.add(f"images/{name}", artifact.data)}"'

        return re.sub(r'src="([^"]+)"', local, html)

    def calendar(self) -> dict[str, Any] | None:
        ics = self.by_path.get("calendar.ics")
        if ics is None:
            return None
        import datetime as dt

        from icalendar import Calendar

        events = []
        for event in Calendar.from_ical(ics.data).walk("VEVENT"):
            start = _day(event.decoded("DTSTART"))  # all-day events, or timed ones (posting times)
            end = _day(event.decoded("DTEND") - dt.timedelta(days=1)) if "DTEND" in event else start
            end = max(end, start)
            events.append(
                {
                    "start": start,
                    "dates": self.campaign.date_range(start, end),
                    "summary": str(event.get("SUMMARY", "")),
                    "description": str(event.get("DESCRIPTION", "")),
                    "url": str(event["URL"]) if "URL" in event else None,
                }
            )
        events.sort(key=lambda e: (e["start"], e["summary"]))
        return {"events": events, "ics": self._file("calendar.ics")}

    # -- downloads ----------------------------------------------------------------------------
    def _download_paths(self) -> list[str]:
        return [
            p for p in sorted(self.by_path) if p.endswith(DOWNLOAD_SUFFIXES) and not p.startswith("graphics/")
        ]

    def _kind(self, path: str) -> str:
        suffix = PurePosixPath(path).suffix.lstrip(".")
        return self.labels.get(f"kind_{suffix}") or self.labels["kind_other"]

    def _file(self, path: str) -> dict[str, Any]:
        artifact = self.by_path[path]
        return {
            "href": self.add(f"downloads/{path}", artifact.data),
            "name": PurePosixPath(path).name,
            "kind": self._kind(path),
            "size": _size(len(artifact.data)),
        }

    def downloads(self) -> dict[str, Any]:
        """Every document the build made, grouped by the generator that made it (a new
        generator's files appear without a change here)."""
        from htpm.generators import NAMES, owner_of

        groups: dict[str, list[dict[str, Any]]] = {name: [] for name in (*NAMES, "other")}
        for path in self._download_paths():
            owner = owner_of(path)
            groups[owner.name if owner else "other"].append(self._file(path))
        return {
            "groups": [
                {
                    "title": self.labels.get(f"download_{name}") or self.labels["download_other"],
                    "files": files,
                }
                for name, files in groups.items()
                if files
            ]
        }


def _day(value: Any) -> Any:
    """The calendar day (a date) of an iCalendar date or date-time."""
    import datetime as dt

    return value.date() if isinstance(value, dt.datetime) else value
