"""`calendar.ics`: an all-day event for each focus week and each awareness day, and (with
`social.schedule.include_in_calendar`) one event per scheduled post.

Rebuilding gives the same bytes and re-importing updates rather than duplicates: every UID is a
hash of the campaign's slug (and locale, for a translation), the kind of event and its key, and
DTSTAMP is derived from the config (midnight UTC on the first day of the observance month), never
from the clock. Text goes through the icalendar library, which escapes newlines, so a newline in
the config cannot start a new property or event; summaries are single lines. Summaries and
descriptions carry the campaign's language (LANGUAGE=es-US).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from icalendar import Calendar, Component, Event

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.labels import fill
from htpm.prose import parse, plain
from htpm.social.posts import PlatformPost, plan_posts
from htpm.social.schedule import assign_times

POST_MINUTES = 15  # how long a posting-time event lasts in a calendar view
PRODID = "-//htpm//campaign calendar//EN"


CALENDAR = "calendar.ics"
VERSION_FIELDS: tuple[str, ...] = (
    "SEQUENCE",
    "LAST-MODIFIED",
    "DTSTAMP",
)  # not content: left out of the comparison


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    """The campaign calendar as one .ics file, versioned against the last one this folder has."""
    return [Artifact(CALENDAR, calendar_bytes(campaign, ctx.previous(CALENDAR), ctx.now()))]


def uid(campaign: Campaign, kind: str, key: str) -> str:
    """Stable per event; a translation's events have UIDs of their own (a calendar app that has
    the English one must not skip the Spanish one), the primary's stay as they always were."""
    owner = campaign.slug if campaign.is_primary else f"{campaign.slug}\x1f{campaign.locale}"
    digest = hashlib.sha256(f"{owner}\x1f{kind}\x1f{key}".encode()).hexdigest()[:32]
    return f"{digest}@htpm"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in iCalendar text


def _line(text: str) -> str:
    """One line: any run of whitespace (newlines included) becomes a single space."""
    return re.sub(r"\s+", " ", _CONTROL.sub("", text)).strip()


def _text(text: str) -> str:
    """Multi-line text with line ends as LF (the library escapes them) and no control characters."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def calendar_bytes(
    campaign: Campaign, previous: bytes | None = None, now: dt.datetime | None = None
) -> bytes:
    """The calendar; with `previous` (the last calendar.ics built into the same folder), an event
    whose content changed gets SEQUENCE + 1 and LAST-MODIFIED `now`, so Google, Outlook and Apple
    update it when it is re-imported or subscribed; an unchanged event keeps both (same bytes)."""
    cal = _calendar(campaign)
    _version(cal, previous, now or dt.datetime.now(dt.UTC))
    return cal.to_ical()


def _version(cal: Calendar, previous: bytes | None, now: dt.datetime) -> None:
    before = {}
    if previous:
        try:
            before = {str(ev.get("uid")): ev for ev in Calendar.from_ical(previous).walk("VEVENT")}
        except ValueError:  # not a calendar we can read: start afresh
            before = {}
    modified = now.astimezone(dt.UTC).replace(microsecond=0)
    for ev in cal.walk("VEVENT"):
        old = before.get(str(ev.get("uid")))
        if old is None:
            sequence, last = 0, ev.decoded("dtstamp")
        elif _content(old) == _content(ev):
            sequence, last = int(old.get("sequence", 0)), old.decoded("last-modified", ev.decoded("dtstamp"))
        else:
            sequence, last = int(old.get("sequence", 0)) + 1, modified
        ev.add("sequence", sequence)
        ev.add("last-modified", last)


def _content(event: Component) -> list[tuple[str, bytes]]:
    """An event's properties as written, but for its version fields."""
    return sorted(
        (name, value.to_ical() if hasattr(value, "to_ical") else str(value).encode())
        for name, value in event.property_items(recursive=False)
        if name not in (*VERSION_FIELDS, "BEGIN", "END")
    )


def _calendar(campaign: Campaign) -> Calendar:
    c = campaign.config
    stamp = dt.datetime(campaign.year, campaign.month, 1, tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add(
        "x-wr-calname",
        _line(f"{c.observance.name} {campaign.year}"),
        parameters={"language": campaign.locale},
    )

    def event(
        kind: str,
        key: str,
        summary: str,
        start: dt.date | dt.datetime,
        end: dt.date | dt.datetime,
        description: str | None = None,
        url: str | None = None,
    ) -> None:
        ev = Event()
        ev.add("uid", uid(campaign, kind, key))
        ev.add("dtstamp", stamp)
        language = {"language": campaign.locale}  # RFC 5545 LANGUAGE: what the text is written in
        ev.add("summary", _line(summary), parameters=language)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        if description:
            ev.add("description", _text(description), parameters=language)
        if url:
            ev.add("url", url)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)

    week_label = campaign.label("calendar.week_summary")
    for week in campaign.weeks:
        summary = fill(week_label, number=week.number, title=week.week.title, observance=c.observance.name)
        intro = plain(parse(week.week.introduction)) if week.week.introduction else None
        event(
            "week", str(week.number), summary, week.start, week.end_exclusive, intro, c.organization.website
        )

    for index, day in enumerate(c.events.days):
        month = day.month or campaign.month
        try:
            date = dt.date(campaign.year, month, day.day)
        except ValueError:
            where = campaign.locate(("events", "days", index, "day"))
            raise HtpmError(
                f"events.days.{index}: {campaign.year}-{month:02d}-{day.day:02d} is not a date", where
            ) from None
        event(
            "day",
            f"{date.isoformat()}:{_line(day.name)}",
            day.name,
            date,
            date + dt.timedelta(days=1),
            day.description,
        )

    if c.social.schedule.include_in_calendar:
        _add_posts(campaign, event)
    return cal


def _add_posts(campaign: Campaign, event) -> None:  # noqa: ANN001 - the local `event` adder
    plan = plan_posts(campaign)
    shown = {p.ref.key for p in plan.posts}
    refs = [r for r in plan.refs if r.key in shown]
    times, _unscheduled = assign_times(campaign, refs)  # the social generator reports those
    post_label = campaign.label("calendar.post_summary")
    posts_of: dict[str, list[PlatformPost]] = {}
    for post in plan.posts:
        posts_of.setdefault(post.ref.key, []).append(post)
    for ref in refs:
        when = times.get(ref.key)
        if when is None:
            continue
        on = posts_of[ref.key]
        texts = dict.fromkeys(p.text for p in on)
        platforms = ", ".join(p.platform.name for p in on)
        summary = fill(
            post_label, week=ref.week, section=ref.section_title, number=ref.number, platforms=platforms
        )
        start = when.astimezone(dt.UTC)
        event("post", ref.key, summary, start, start + dt.timedelta(minutes=POST_MINUTES), "\n\n".join(texts))
