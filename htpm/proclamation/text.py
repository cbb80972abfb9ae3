"""The proclamation's words: clause text with `{name}` placeholders, and the values that fill them.

Clause text (the title, each whereas clause, the resolution, the signature lines) is plain text
where `{name}` marks a declared placeholder, `{{` and `}}` stand for literal braces,
`**words**` is bold and a backslash escapes a Markdown character; it is read by the same parser
as all prose (`htpm.prose`). Any other `{...}` is the user's mistake, reported at its place in the config.

Values come from people and spreadsheets: they are normalised (NFC, outer whitespace stripped)
and checked against their placeholder (blank but required, control characters, too long). A
value is only ever text: it is never parsed for markers, Markdown or template tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.model import Placeholder, Proclamation
from htpm.prose.parse import parse_clause_tree
from htpm.prose.tree import Placeholder as PlaceholderNode
from htpm.prose.tree import Text, segments

__all__ = [
    "Piece",
    "clause_texts",
    "field_names",
    "parse_clause",
    "proclamation_of",
    "resolve_values",
    "value_problem",
]

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# Characters htpm uses internally as markers and sentinels while compiling the template.
RESERVED = re.compile("[\ue000-\ue01f]")


@dataclass(frozen=True)
class Piece:
    """A stretch of clause text: literal words (`field` None) or one placeholder (`field` its name)."""

    text: str
    field: str | None = None
    bold: bool = False


def proclamation_of(campaign: Campaign) -> Proclamation:
    """The campaign's proclamation, or a one-line error when the config has none."""
    proclamation = campaign.config.proclamation
    if proclamation is None:
        raise HtpmError("the config has no proclamation section", campaign.locate(()))
    return proclamation


def field_names(proclamation: Proclamation) -> list[str]:
    """The fillable fields in declaration order: the CSV's columns."""
    return [p.name for p in proclamation.placeholders]


def clause_texts(proclamation: Proclamation) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text that may hold placeholders, with its path in the config (for error messages)."""
    texts: list[tuple[tuple[str | int, ...], str]] = [(("proclamation", "title"), proclamation.title)]
    texts += [(("proclamation", "whereas", i), t) for i, t in enumerate(proclamation.whereas)]
    texts.append((("proclamation", "resolution"), proclamation.resolution))
    texts += [(("proclamation", "signature_lines", i), t) for i, t in enumerate(proclamation.signature_lines)]
    return texts


def parse_clause(text: str, known: Mapping[str, Placeholder], where: str = "") -> list[Piece]:
    """Split clause text into literal pieces and placeholders; unknown markers are errors.

    Whitespace runs (YAML line folds) become one space. `where` prefixes error messages. The
    text is read by the prose parser (`htpm.prose.parse_clause_tree`): words, `**bold**`,
    backslash escapes and `{name}` placeholders.
    """
    text = " ".join(text.split())
    if RESERVED.search(text):
        raise HtpmError(f"{where}contains a reserved character (U+E000..U+E01F)")
    for match in _TOKEN.finditer(text):  # the braces first, in reading order
        token = match.group(0)
        if token in ("{", "}"):
            raise HtpmError(f"{where}unmatched {token!r} (write {token * 2} for a literal brace)")
        if match.group(1) is not None and match.group(1).strip() not in known:
            choices = ", ".join("{" + n + "}" for n in known) or "none declared"
            raise HtpmError(
                f"{where}unknown placeholder {{{match.group(1).strip()}}} (placeholders: {choices})"
            )
    tree, unmatched = parse_clause_tree(text)
    if unmatched:
        raise HtpmError(f"{where}'**' opens bold text that is never closed")
    pieces: list[Piece] = []
    for seg in segments(tree):
        if seg.italic:
            raise HtpmError(f"{where}italic text is not supported in clause text (use **bold**)")
        node = seg.node
        if isinstance(node, PlaceholderNode):
            pieces.append(Piece(known[node.name].blank, node.name, seg.bold))
        elif isinstance(node, Text):
            if pieces and pieces[-1].field is None and pieces[-1].bold == seg.bold:
                pieces[-1] = Piece(pieces[-1].text + node.text, None, seg.bold)
            else:
                pieces.append(Piece(node.text, None, seg.bold))
    return [p for p in pieces if p.text or p.field]


def parse_all(campaign: Campaign) -> dict[tuple[str | int, ...], list[Piece]]:
    """Every clause of the campaign's proclamation parsed, errors located in the config."""
    proclamation = proclamation_of(campaign)
    known = {p.name: p for p in proclamation.placeholders}
    parsed = {}
    for path, text in clause_texts(proclamation):
        try:
            parsed[path] = parse_clause(text, known, f"{'.'.join(map(str, path))}: ")
        except HtpmError as exc:
            raise HtpmError(exc.message, campaign.locate(path)) from None
    return parsed


def value_problem(value: str, placeholder: Placeholder) -> str | None:
    """Why `value` (already normalised) cannot fill `placeholder`, or None when it can."""
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc" or category == "Cs" or char in "\ufffe\uffff":
            return f"contains a control character (U+{ord(char):04X})"
    if len(value) > placeholder.max_length:
        return f"{len(value)} characters; the layout takes at most {placeholder.max_length}"
    if not value and placeholder.required:
        return "required value is blank"
    return None


def resolve_values(
    placeholders: list[Placeholder], raw: Mapping[str, str | None]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Values for every placeholder from `raw` (defaults for blanks), and (field, problem) pairs."""
    values: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for placeholder in placeholders:
        value = unicodedata.normalize("NFC", raw.get(placeholder.name) or "").strip()
        if not value and placeholder.default is not None:
            value = placeholder.default
        problem = value_problem(value, placeholder)
        if problem:
            problems.append((placeholder.name, problem))
        values[placeholder.name] = value
    return values, problems
