"""The validated campaign with its derived facts: week dates, locale, labels, assets, sources."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from babel import Locale
from babel.dates import format_date, format_skeleton

from htpm.errors import HtpmError, Location
from htpm.labels import merged_labels, missing_label, with_prefix
from htpm.model import CampaignConfig, Week
from htpm.paths import brand_assets_dir, confined, templates_dir
from htpm.yamlmodel import nearest

SourcePath = tuple[str | int, ...]
T = TypeVar("T")
_SEPARATOR = re.compile(r"[\s\u2009\u2013\u2014-]+$")  # what ends the first half of a CLDR interval


@dataclass(frozen=True)
class WeekInfo:
    """A focus week with its dates (inclusive end) and its 1-based number."""

    number: int
    start: dt.date
    end: dt.date
    week: Week

    @property
    def end_exclusive(self) -> dt.date:
        return self.end + dt.timedelta(days=1)


def week_dates(year: int, month: int, count: int) -> list[tuple[dt.date, dt.date]]:
    """Derived week dates: week k starts on day 1 + 7(k-1) and lasts seven days, cut at month end.

    Raises HtpmError when the weeks do not fit in the month (a week would start after it ends).
    """
    weeks = week_dates_lenient(year, month, count)
    if any(start is None for start, _ in weeks):
        name = calendar.month_name[month]
        raise HtpmError(f"weeks: {count} weeks do not fit in {name} {year}; give start and end dates")
    return [(start, end) for start, end in weeks if start is not None and end is not None]


class WeekMisfit(HtpmError):
    """A derived week that falls outside the month; `index` is the week's position in the list."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


@dataclass(frozen=True)
class Campaign:
    """A loaded, validated, frozen campaign, ready for the generators."""

    config: CampaignConfig
    path: Path  # the config file the user named
    config_dirs: tuple[Path, ...]  # its folder first, then the folders of configs it extends
    sources: dict[SourcePath, Location] = field(default_factory=dict, compare=False, repr=False)
    # fill-ins left open, each with where it is used (htpm.values): blanks in the kit
    open_fill_ins: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)
    # the config's own locale (its `locale:`); this campaign is one of its translations when different
    primary_locale: str = ""

    # -- identity -----------------------------------------------------------------------------
    @property
    def locale(self) -> str:
        return self.config.locale

    @property
    def is_primary(self) -> bool:
        """The config's own language (built at the output root), not one of its translations."""
        return not self.primary_locale or self.primary_locale == self.locale

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale the config lists: this one first, then those under `translations:`."""
        return (self.locale, *(k for k in self.config.translations if k != self.locale))

    @property
    def language(self) -> str:
        """The language part of the locale ('en' for 'en-US')."""
        return self.config.locale.split("-")[0]

    @property
    def year(self) -> int:
        return self.config.observance.year

    @property
    def month(self) -> int:
        return self.config.observance.month

    @property
    def slug(self) -> str:
        return self.path.stem

    # -- dates --------------------------------------------------------------------------------
    @cached_property
    def weeks(self) -> tuple[WeekInfo, ...]:
        derived = week_dates_lenient(self.year, self.month, len(self.config.weeks))
        infos = []
        for number, (week, (derived_start, derived_end)) in enumerate(
            zip(self.config.weeks, derived, strict=True), 1
        ):
            start = week.start or derived_start
            if start is None:
                raise WeekMisfit(
                    number - 1,
                    f"week {number} starts after {self.month_name} {self.year} ends; "
                    "give its start and end dates",
                )
            # an explicit start without an end gives a seven-day week
            end = week.end or (derived_end if week.start is None else None) or start + dt.timedelta(days=6)
            infos.append(WeekInfo(number, start, end, week))
        return tuple(infos)

    @property
    def month_name(self) -> str:
        return self.format_date(dt.date(self.year, self.month, 1), "MMMM")

    def format_date(self, day: dt.date, pattern: str = "long") -> str:
        """A date in the campaign's locale: 'long' -> 'January 1, 2023'; or a CLDR pattern."""
        return format_date(day, format=pattern, locale=self.locale.replace("-", "_"))

    def day_and_month(self, day: dt.date) -> str:
        """'January 11' / '11 de enero': the locale's own order for a day without its year."""
        return format_skeleton("MMMMd", day, locale=self.locale.replace("-", "_"))

    def date_range(self, start: dt.date, end: dt.date, in_text: bool = False, year: bool = True) -> str:
        """'January 1 – 7, 2023' / '1 al 7 de enero de 2023' in the campaign's locale.

        CLDR's interval formats give each half (full month names); the words between come from the
        labels (`dates.range`, or `dates.range_in_text` inside a sentence: 'del 29 al 30 de abril'),
        and the CLDR separator stands when a language has no such label."""
        locale = Locale.parse(self.locale.replace("-", "_"))
        if start == end:
            return format_skeleton("yMMMMd" if year else "MMMMd", start, locale=locale)
        skeleton = "yMMMMd" if year else "MMMMd"
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if skeleton in locale.interval_formats and greatest in locale.interval_formats[skeleton]:
            first, second = locale.interval_formats[skeleton][greatest]
        else:  # CLDR gives English only the abbreviated-month interval: widen MMM to MMMM in its pattern
            short = locale.interval_formats[skeleton.replace("MMMM", "MMM")]
            first, second = (re.sub(r"(?<!M)MMM(?!M)", "MMMM", p) for p in short[greatest])
        joint = self.labels.get("dates.range_in_text" if in_text else "dates.range")
        head = format_date(start, first, locale=locale)
        tail = format_date(end, second, locale=locale)
        if joint is None:
            return head + tail
        return joint.replace("{start}", _SEPARATOR.sub("", head)).replace("{end}", tail)

    # -- words --------------------------------------------------------------------------------
    @cached_property
    def labels(self) -> dict[str, str]:
        """Fixed words (headings, 'Week', ...) for the locale: templates/labels/<lang>/*.yaml,
        keys prefixed by the file's stem ('toolkit.goals'), then the config's `labels:` on top."""
        folders = [base / "labels" / self.language for base in reversed(self.template_dirs)]
        return merged_labels(folders, self.config.labels, self.locate)

    def labels_of(self, prefix: str) -> dict[str, str]:
        """The labels of one file without its prefix: `labels_of("copy")["read_more"]`."""
        return with_prefix(self.labels, prefix)

    def label(self, key: str) -> str:
        try:
            return self.labels[key]
        except KeyError:
            raise missing_label(key, self.labels, self.locale) from None

    # -- files --------------------------------------------------------------------------------
    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Template search path: the campaign's folders first, then htpm's templates/."""
        return (*self.config_dirs, templates_dir())

    def find_template(self, name: str) -> Path:
        """The first `name` (a relative path like 'toolkit/base.docx') on the search path."""
        for base in self.template_dirs:
            candidate = confined(base, name, "template")
            if candidate.is_file():
                return candidate
        raise HtpmError(f"template {name} not found in {', '.join(map(str, self.template_dirs))}")

    @cached_property
    def memo(self) -> dict[object, object]:
        """Results derived from this campaign and the files it names (the graphics plan, found
        assets), computed once per loaded campaign: a build loads its campaign afresh, so nothing
        here outlives the files it was read from. Use `remember`."""
        return {}

    def remember(self, key: object, make: Callable[[], T]) -> T:
        """`make()`, computed the first time `key` is asked for on this campaign, then kept."""
        if key not in self.memo:
            self.memo[key] = make()
        return cast(T, self.memo[key])

    def asset(self, name: str) -> Path:
        """An image or font named in the config: beside a config first, then brand_assets/."""
        # found or not: a fingerprint asks for every file-like string (10,000 posts are 20,000
        # names), every generator's fingerprint again
        found = self.remember(("asset", name), lambda: self._find_asset(name))
        if isinstance(found, HtpmError):
            raise HtpmError(found.message, found.location)
        return found

    def _find_asset(self, name: str) -> Path | HtpmError:
        plain = bool(name) and not any(c in name for c in "\x00/\\") and name not in (".", "..")
        try:
            for base in (*self.config_dirs, brand_assets_dir()):
                if plain and not os.path.lexists(os.path.join(base, name)):
                    continue  # one name, nothing (not even a link) there: no file, nothing to confine
                candidate = confined(base, name, "asset")
                if candidate.is_file():
                    return candidate
        except HtpmError as exc:
            return exc
        return HtpmError(f"asset {name} not found beside the config or in brand_assets/", self.path)

    def locate(self, path: SourcePath) -> Location:
        """Where a config value came from (file, line, column); the nearest known ancestor."""
        return nearest(self.sources, path) or Location(str(self.path))


def week_dates_lenient(year: int, month: int, count: int) -> list[tuple[dt.date | None, dt.date | None]]:
    """Like week_dates, but weeks past the month get None (their dates must be given)."""
    last_day = calendar.monthrange(year, month)[1]
    out: list[tuple[dt.date | None, dt.date | None]] = []
    for k in range(count):
        first = 1 + 7 * k
        if first > last_day:
            out.append((None, None))
        else:
            out.append((dt.date(year, month, first), dt.date(year, month, min(first + 6, last_day))))
    return out
