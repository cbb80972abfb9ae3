"""A config mistake found by validation: where it was written, which key, and what is wrong.

`htpm validate` and `htpm build` collect Problems from every check and print them all at once, one
line each, as `file:line:col: dotted.key: message` (STYLE 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from htpm.errors import ConfigError, HtpmError, Location, one_line


@dataclass(frozen=True)
class Problem:
    """One mistake: its location in a file, the dotted config key (may be empty) and the message."""

    location: Location
    key: str
    message: str

    def __str__(self) -> str:
        parts = [str(self.location)] if self.location.file else []
        if self.key:
            parts.append(one_line(self.key))
        return ": ".join([*parts, one_line(self.message)])

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "key": self.key,
            "message": self.message,
        }


def problems_of(exc: HtpmError) -> list[Problem]:
    """The Problems an HtpmError stands for: a ConfigError holds many, any other one."""
    if isinstance(exc, ConfigError):
        if exc.problems:
            return list(exc.problems)
        return [Problem(Location(""), "", line) for line in exc.lines]
    return [Problem(exc.location or Location(""), "", exc.message)]


def dotted(path: Sequence[str | int]) -> str:
    """('weeks', 0, 'title') -> 'weeks.0.title'."""
    return ".".join(str(p) for p in path)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, line, column; duplicates dropped."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.location.file, p.location.line, p.location.col, p.key))


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise one ConfigError holding every problem (each a formatted line), if there are any."""
    found = sort_problems(problems)
    if found:
        raise ConfigError([str(p) for p in found], found)
