"""`htpm new-year`: next year's config from last year's, comments and layout kept.

The config is changed as text, not re-serialised, so comments, order and quoting survive:
every four-digit year equal to last year's (or the year before it, as in "December 2022" for a
January 2023 campaign) moves by the same number of years, except inside web addresses, in the
`resources` section and on `date:` lines (a resource published in 2022 stays published in 2022). Week
dates are derived from the year, so they follow by themselves; explicit `start:`/`end:` dates move
with the year. Markdown files named by `{file: ...}` are copied the same way, and a path that
carries the year (`2023/intro.md`) gets the new year. The result is validated before it is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from htpm.config import load_campaign
from htpm.errors import HtpmError, UsageError
from htpm.paths import confined

_PROTECTED = re.compile(r"https?://\S+|mailto:\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
_FILE_REF = re.compile(r"(\bfile:\s*[\"']?)([^\"'}\s]+)")


def shift_years(text: str, old: int, new: int) -> str:
    """Move `old` and `old - 1` by `new - old` wherever they stand as years, outside web addresses."""
    delta = new - old
    years = {str(old): str(new), str(old - 1): str(old - 1 + delta)}
    pattern = re.compile(r"(?<![\d])(" + "|".join(years) + r")(?![\d])")

    def shift(segment: str) -> str:
        return pattern.sub(lambda m: years[m.group(1)], segment)

    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(shift(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(shift(text[last:]))
    return "".join(out)


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*\+?):")
_FROZEN_SECTIONS = {"resources", "resources+"}
_DATE_LINE = re.compile(r"^\s*(- )?date:")


def shift_config_years(text: str, old: int, new: int) -> str:
    """shift_years for a config file, leaving facts about the past alone: the `resources` section (a
    resource's publication year does not move) and every `date:` line."""
    out, frozen = [], False
    for line in text.splitlines(keepends=True):
        top = _TOP_KEY.match(line)
        if top:
            frozen = top.group(1) in _FROZEN_SECTIONS
        out.append(line if frozen or _DATE_LINE.match(line) else shift_years(line, old, new))
    return "".join(out)


def new_year(year: int, source: Path, target: Path | None = None, force: bool = False) -> Path:
    """Write next year's config (default: `<year>.yaml` beside `source`) and return its path."""
    campaign = load_campaign(source)
    old = campaign.year
    if year == old:
        raise UsageError(f"the config is already for {year}", source)
    target = target or source.with_name(f"{year}.yaml")
    if target.exists() and not force:
        raise HtpmError("already exists; use --force to replace it", target)
    text = source.read_text(encoding="utf-8")
    new_text = shift_config_years(text, old, year)
    copies: dict[Path, str] = {}
    for match in _FILE_REF.finditer(text):
        rel = match.group(2)
        src = confined(source.parent, rel, "file")
        if src.is_file():
            dest = confined(target.parent, shift_years(rel, old, year), "file")
            copies[dest] = shift_years(src.read_text(encoding="utf-8"), old, year)
    for dest in copies:
        if dest.exists() and not force:
            raise HtpmError("already exists; use --force to replace it", dest)
    tmp = target.with_name(f".{target.name}.tmp")
    written: list[Path] = []
    try:
        for dest, content in copies.items():
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(content, encoding="utf-8")
            written.append(dest)
        tmp.write_text(new_text, encoding="utf-8")
        load_campaign(tmp)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for dest in written:
            dest.unlink(missing_ok=True)
        raise
    return target
