"""When each post goes out: the posting times of `social.schedule` within each focus week.

The slots of a week are its days (start to end, inclusive) times the posting times given for
each weekday, in the schedule's time zone. A week's posts (in config order) are spread over its
slots from first to last. When a week has more posts than slots, posts share a slot and go out
`STAGGER` apart (schedulers such as Sprout Social want 10 minutes between messages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from htpm.campaign import Campaign, WeekInfo
from htpm.errors import HtpmError
from htpm.settings import Schedule
from htpm.social.posts import PostRef

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STAGGER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Unscheduled:
    week: WeekInfo
    posts: int

    def message(self) -> str:
        return (
            f"week {self.week.number} ({self.week.week.title}): no posting time between "
            f"{self.week.start} and {self.week.end}; its {self.posts} post(s) are left out of the "
            "scheduling files (add times for its weekdays under social.schedule.times)"
        )


def zone(campaign: Campaign) -> ZoneInfo:
    name = campaign.config.social.schedule.timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        location = campaign.locate(("social", "schedule", "timezone"))
        raise HtpmError(f"social.schedule.timezone: unknown time zone {name!r}", location) from None


def _normal(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A wall-clock time made real: a time skipped by a clock change moves past the gap."""
    return moment.astimezone(dt.UTC).astimezone(tz)


def week_slots(week: WeekInfo, schedule: Schedule, tz: ZoneInfo) -> list[dt.datetime]:
    """Every posting time within `week`, in order, as aware datetimes in `tz`."""
    slots = []
    day = week.start
    while day <= week.end:
        for hhmm in sorted(schedule.times.get(WEEKDAYS[day.weekday()], [])):  # type: ignore[call-overload]
            hour, minute = map(int, hhmm.split(":"))
            slots.append(_normal(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), tz))
        day += dt.timedelta(days=1)
    return slots


def spread(count: int, slots: list[dt.datetime]) -> list[dt.datetime]:
    """`count` posting times taken from `slots` in order, evenly; shared slots are staggered."""
    if not slots:
        return []
    chosen: list[dt.datetime] = []
    taken: dict[int, int] = {}  # posts already given each slot (counted, not recounted: linear)
    for i in range(count):
        index = i * len(slots) // count
        repeat = taken.get(index, 0)
        taken[index] = repeat + 1
        slot = slots[index]
        chosen.append(_normal(slot + repeat * STAGGER, slot.tzinfo) if repeat else slot)  # type: ignore[arg-type]
    return chosen


def assign_times(campaign: Campaign, refs: list[PostRef]) -> tuple[dict[str, dt.datetime], list[Unscheduled]]:
    """Posting time of each post (by `PostRef.key`), and the weeks that have no slot at all."""
    tz = zone(campaign)
    schedule = campaign.config.social.schedule
    times: dict[str, dt.datetime] = {}
    unscheduled = []
    for week in campaign.weeks:
        in_week = [r for r in refs if r.week == week.number]
        if not in_week:
            continue
        chosen = spread(len(in_week), week_slots(week, schedule, tz))
        if not chosen:
            unscheduled.append(Unscheduled(week, len(in_week)))
            continue
        times.update({ref.key: moment for ref, moment in zip(in_week, chosen, strict=True)})
    return times, unscheduled
