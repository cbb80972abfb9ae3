"""Campaign values in config text: `{year}`, `{organization}`, `{theme}` ... filled in at load time.

An overlay that changes `observance.year` or `organization.name` would otherwise still print the
parent's year and name wherever the parent's prose wrote them out. So config text may name a small,
fixed set of the campaign's own values in braces; they are replaced after the config is validated,
before anything reads it (lint, validation, every generator see the filled text).

This is plain substitution, not a template language: a name is looked up in `VALUES` and nothing
else happens (config text is never Jinja source). `{{` and `}}` stand for literal braces. An
unknown `{name}` is the user's mistake, reported at its value's place. In the proclamation's
clause texts, a declared placeholder (`{title}`) stays a placeholder for the fill-in, and braces
are left for the proclamation's own parser; campaign values there are filled in like anywhere.

Not substituted: `lint`, `labels` (they have `{name}` slots of their own), `translations` (filled
when that locale is loaded), and settings that are not text (branding, graphics, schedule).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from htpm.errors import UsageError
from htpm.problems import Problem, dotted
from htpm.suggest import did_you_mean

_SKIP = {"lint", "labels", "translations", "branding", "graphics", "locale", "fill_ins", "fill"}
_CLAUSES = {"title", "whereas", "resolution", "signature_lines"}
_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}")
_BRACE_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")

#: name -> what it is, for docs and messages (the values themselves come from `campaign_values`)
VALUES: dict[str, str] = {
    "year": "the campaign's year (observance.year)",
    "previous_year": "the year before it",
    "next_year": "the year after it",
    "month": "the observance month's name in the campaign's language",
    "observance": "observance.name",
    "observance_short": "observance.short_name, else observance.name",
    "organization": "organization.name",
    "organization_short": "organization.short_name, else organization.name",
    "organization_possessive": "organization.possessive, else the name in the language's possessive form",
    "theme": "theme.name",
    "hashtag": "hashtags.primary",
    "hotline": "hotline.name",
    "hotline_phone": "hotline.phone",
}


def campaign_values(
    data: Mapping[str, Any], month_name: str, possessive: Callable[[str], str]
) -> dict[str, str]:
    """The values of a validated config (dumped as `data`)."""
    observance, org = data["observance"], data["organization"]
    hotline = data.get("hotline") or {}
    year = int(observance["year"])
    return {
        "year": str(year),
        "previous_year": str(year - 1),
        "next_year": str(year + 1),
        "month": month_name,
        "observance": observance["name"],
        "observance_short": observance.get("short_name") or observance["name"],
        "organization": org["name"],
        "organization_short": org.get("short_name") or org["name"],
        "organization_possessive": org.get("possessive") or possessive(org["name"]),
        "theme": data["theme"]["name"],
        "hashtag": data["hashtags"]["primary"],
        "hotline": hotline.get("name") or "",
        "hotline_phone": hotline.get("phone") or "",
    }


FILL_OPEN, FILL_SEP, FILL_CLOSE = "{\ue020", "\ue022", "\ue021}"
# What `marker` writes, as htpm.prose's parser reads it (one definition for both sides). It starts with
# `{`, which ends a run of text for markdown-it, so the parser's inline rule gets to see it.
FILL_IN = re.compile("\\{\ue020([a-z][a-z0-9_]*)\ue022([^\ue020-\ue022]*)\ue021\\}")
_MARKER = FILL_IN


def marker(name: str, blank: str) -> str:
    """How an open fill-in stands in prose and posts until a renderer shows it (htpm.prose)."""
    return f"{FILL_OPEN}{name}{FILL_SEP}{blank}{FILL_CLOSE}"


def shown(text: str) -> str:
    """`text` as a reader sees it: each open fill-in as its blank."""
    return _MARKER.sub(lambda m: m.group(2), text)


def open_fill_ins(text: str) -> list[str]:
    """The names of the open fill-ins in `text`, in order."""
    return [m.group(1) for m in _MARKER.finditer(text)]


def fill_in_values(
    data: Mapping[str, Any], locate: Callable[[tuple[Any, ...]], Any], given: Mapping[str, str] = {}
) -> tuple[dict[str, str | None], dict[str, str], list[Problem]]:
    """Each declared fill-in's value (None when open) and blank; `given` (`--fill`) wins over the
    config's `fill:`, which wins over a fill-in's own `value`."""
    values: dict[str, str | None] = {}
    blanks: dict[str, str] = {}
    problems: list[Problem] = []
    for index, item in enumerate(data.get("fill_ins") or []):
        name = item["name"]
        if name in VALUES or name in values:
            why = "is a campaign value" if name in VALUES else "is declared twice"
            problems.append(
                Problem(locate(("fill_ins", index, "name")), f"fill_ins.{index}.name", f"{name} {why}")
            )
            continue
        values[name], blanks[name] = item.get("value"), item["blank"]
    for key, value in (data.get("fill") or {}).items():
        if key not in values:
            problems.append(
                Problem(
                    locate(("fill", key)), f"fill.{key}", f"no fill-in {key!r}{did_you_mean(key, values)}"
                )
            )
            continue
        values[key] = value
    for key, value in given.items():
        if key not in values:
            raise UsageError(f"--fill: no fill-in {key!r}{did_you_mean(key, values)}")
        values[key] = value
    return values, blanks, problems


def parse_assignments(items: list[str], option: str = "--fill", what: str = "name") -> dict[str, str]:
    """`--fill name=value` (or `--set field=value`) options as a mapping: the first '=' splits, a
    name given twice or without '=' is a command-line mistake."""
    values: dict[str, str] = {}
    for item in items:
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise UsageError(f"{option}: expected {what}=value, got {item!r}")
        if name in values:
            raise UsageError(f"{option}: {name} given twice")
        values[name] = value
    return values


_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[¡¿]|\*\*|\*)$")


def _opening(value: str, text: str, at: int) -> str:
    """A value that opens a sentence starts with a capital ('{month} es ...' -> 'Marzo es ...',
    where Spanish writes month names in lower case), wherever the language writes it lower case."""
    if value[:1].islower() and _SENTENCE_START.search(text[:at]):
        return value[:1].upper() + value[1:]
    return value


def substitute(
    data: dict[str, Any],
    values: Mapping[str, str],
    keep: set[str],
    locate: Callable[[tuple[Any, ...]], Any],
    fill_ins: Mapping[str, str | None] = {},
    blanks: Mapping[str, str] = {},
    marked: frozenset[tuple[Any, ...]] | set[tuple[Any, ...]] = frozenset(),
) -> tuple[dict[str, Any], list[Problem], list[tuple[str, tuple[Any, ...]]]]:
    """`data` (a dumped config) with every value filled in, a Problem per unknown name, and where
    each open fill-in stands (name, path).

    `keep` are the proclamation's placeholder names, left as they are in its clause texts. A
    fill-in with a value is filled in like a campaign value; an open one becomes a `marker` in
    the `marked` paths (prose and posts, which the renderers highlight) and its blank elsewhere."""
    problems: list[Problem] = []
    still_open: list[tuple[str, tuple[Any, ...]]] = []

    def value_of(name: str, path: tuple[Any, ...]) -> str:
        if name in values:
            return values[name]
        value = fill_ins[name]
        if value is not None:
            return value
        still_open.append((name, path))
        return marker(name, blanks[name]) if path in marked else blanks[name]

    def known(name: str) -> bool:
        return name in values or name in fill_ins

    def fill(text: str, path: tuple[Any, ...]) -> str:
        clause = len(path) >= 2 and path[0] == "proclamation" and path[1] in _CLAUSES
        if "{" not in text and "}" not in text:
            return text
        if clause:  # the proclamation's parser owns braces here: fill campaign values only
            return _BRACE_NAME.sub(
                lambda m: (
                    m.group(0)
                    if m.group(1) in keep or not known(m.group(1))
                    else _opening(value_of(m.group(1), path), text, m.start())
                ),
                text,
            )

        def one(match: re.Match[str]) -> str:
            token = match.group(0)
            if token in ("{{", "}}"):
                return token[0]
            name = match.group(1)
            if known(name):
                return _opening(value_of(name, path), text, match.start())
            problems.append(
                Problem(
                    locate(path),
                    dotted(path),
                    f"unknown value {{{name}}}{did_you_mean(name, [*VALUES, *fill_ins])}; "
                    "write {{ and }} for literal "
                    "braces (docs/content.md lists the values)",
                )
            )
            return token

        return _TOKEN.sub(one, text)

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, str):
            return fill(value, path)
        if isinstance(value, dict):
            return {k: (v if not path and k in _SKIP else walk(v, (*path, k))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i)) for i, v in enumerate(value)]
        return value

    filled = walk(data, ())
    return filled, problems, still_open
