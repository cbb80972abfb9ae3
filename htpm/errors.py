"""The user's mistakes: one family, one line each, no traceback. Bugs stay ordinary exceptions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Control characters (and Unicode's line and paragraph separators) a message may carry from a
# file name, a YAML key or a cell: shown escaped, so no input can forge a line of output.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str, keep_newlines: bool = False) -> str:
    """`text` with control characters written as escapes (`\\n`, `\\x1b`)."""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(lambda m: repr(m.group(0))[1:-1], text)


@dataclass(frozen=True)
class Location:
    """Where a value came from: a file and a 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        file = one_line(self.file)
        if self.line:
            return f"{file}:{self.line}:{self.col}" if self.col else f"{file}:{self.line}"
        return file


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

    #: a message of several lines on purpose (a list of findings) keeps its line breaks
    multiline = False

    def __str__(self) -> str:
        message = one_line(self.message, keep_newlines=self.multiline)
        return f"{self.location}: {message}" if self.location else message


class ConfigError(HtpmError):
    """One or more problems in a campaign config; `lines` holds every one, already formatted.

    `problems` holds the same as structured `htpm.problems.Problem`s when the checker made them."""

    def __init__(self, lines: list[str], problems: list[Any] | None = None) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return "\n".join(one_line(line) for line in self.lines)


class BuildFailed(HtpmError):
    """Generators reported errors; nothing was written."""

    multiline = True


class UsageError(HtpmError):
    """A mistake in the command line itself (an unknown --only name, --week 9): exit code 2."""
