"""What the schedulers' upload forms need from the Buffer and Sprout Social files.

Those files are read by upload forms, not spreadsheets: their cells are written exactly as the
posts read (no `'` in front of `=`, `+`, `-`, `@`, a tab or a carriage return, which a form would
publish). A post starting with one of these is therefore a config error at its line: a
spreadsheet opening the file would run it as a formula, and neutralising it would change the
post. Start it with a word ("Thanks @x" rather than "@x thanks"). Files meant for spreadsheets
(`schedule.csv`) keep neutralising.

Against the figures of `schedulers:` in `social/limits.yaml`, each file is checked for rows per
file and (Sprout Social) minutes between messages; posting times already past at build time are
one line. Each is a warning (an error with --strict); htpm does not split or move anything.
"""

from __future__ import annotations

import datetime as dt

from htpm.campaign import Campaign
from htpm.checks import problem_at
from htpm.problems import Problem
from htpm.social.limits import SchedulerLimits
from htpm.spreadsheet import needs_neutralising


def _uploaded_texts(campaign: Campaign) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(config path, text, which post) of every text that reaches an upload file."""
    chosen = list(dict.fromkeys(campaign.config.social.platforms))
    found = []
    for w, week in enumerate(campaign.config.weeks):
        for s, section in enumerate(week.sections):
            for p, post in enumerate(section.posts):
                at: tuple[str | int, ...] = ("weeks", w, "sections", s, "posts", p)
                who = f"week {w + 1} ({week.title}), section '{section.title}', post {p + 1}"
                platforms = [x for x in chosen if post.platforms is None or x in post.platforms]
                variants = {str(k): v for k, v in post.variants.items()}
                if any(x not in variants for x in platforms):
                    found.append(((*at, "text"), post.text, who))
                for name, text in variants.items():
                    if name in platforms:
                        found.append(((*at, "variants", name), text, f"{who}, its {name} variant,"))
    return found


def formula_problems(campaign: Campaign) -> list[Problem]:
    """Each uploaded text that a spreadsheet would run as a formula (see the module's rule)."""
    problems = []
    for at, text, who in _uploaded_texts(campaign):
        if needs_neutralising(text):
            problems.append(
                problem_at(
                    campaign,
                    at,
                    f"{who} starts with {text[0]!r}, which a spreadsheet "
                    "runs as a formula; the Buffer and Sprout Social files keep posts as written, so "
                    "rephrase it to start with a word (e.g. 'Thanks @partner' rather than '@partner thanks')",
                )
            )
    return problems


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def file_notes(path: str, label: str, times: list[dt.datetime], limits: SchedulerLimits | None) -> list[str]:
    """Warnings for one upload file: more rows than the form takes, messages too close together."""
    if limits is None:
        return []
    notes = []
    if limits.rows_per_file is not None and len(times) > limits.rows_per_file:
        notes.append(
            f"{path}: {len(times)} rows; {label} imports at most {limits.rows_per_file} a file: "
            "import it in parts"
        )
    if limits.spacing_minutes is not None:
        ordered = sorted(times)
        close = [
            (a, b)
            for a, b in zip(ordered, ordered[1:], strict=False)
            if _minutes(b - a) < limits.spacing_minutes
        ]
        if close:
            a, b = close[0]
            notes.append(
                f"{path}: {len(close)} message(s) less than {limits.spacing_minutes} minutes after the one "
                f"before (first {a:%Y-%m-%d %H:%M} and {b:%H:%M}); {label} refuses them: space the "
                "posting times in social.schedule.times"
            )
    return notes


def past_note(times: list[dt.datetime], now: dt.datetime, zone_name: str) -> str | None:
    """One line on the posting times already past at build time (schedulers refuse them)."""
    past = sorted(t for t in times if t <= now)
    if not past:
        return None
    return (
        f"{len(past)} of {len(times)} posting times are already past ({past[0]:%Y-%m-%d %H:%M} to "
        f"{past[-1]:%Y-%m-%d %H:%M} {zone_name}, built {now.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC); "
        "schedulers refuse a time in the past: move the observance's year or weeks, or leave those rows out"
    )
