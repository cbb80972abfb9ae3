"""The user's mistakes: one family, one line each, no traceback. Bugs stay ordinary exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where a value came from: a file and a 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"
        return self.file


def shown_path(path: str | Path) -> str:
    """A path as the user knows it: relative to the working folder when it lies inside it, and
    `htpm:templates/...` for a file htpm ships (the same on every machine)."""
    from htpm.paths import data_dir

    text = str(path)
    if not Path(text).is_absolute():
        return text
    for base, prefix in ((Path.cwd(), ""), (data_dir(), "htpm:")):
        try:
            return prefix + Path(text).relative_to(base).as_posix()
        except (ValueError, OSError):
            continue
    return text


class HtpmError(Exception):
    """A mistake in the user's input: shown as one line, exit code 1."""

    def __init__(self, message: str, location: Location | str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        if isinstance(location, (str, Path)):
            location = Location(shown_path(location))
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ConfigError(HtpmError):
    """One or more problems in a campaign config; `lines` holds every one, already formatted.

    `problems` holds the same as structured `htpm.problems.Problem`s when the checker made them."""

    def __init__(self, lines: list[str], problems: list[Any] | None = None) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return self.message


class BuildFailed(HtpmError):
    """Generators reported errors; nothing was written."""


class UsageError(HtpmError):
    """A mistake in the command line itself (an unknown --only name, --week 9): exit code 2."""
