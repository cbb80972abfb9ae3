"""What in a prose value is outside the subset: every such construct, with its place in the text.

The renderers never print such syntax as markup (they degrade it to words), so without this
check a heading would quietly become a paragraph and an image its alt text. `check_prose` reads
the same markdown-it tokens `parse` does: block tokens carry their lines (`Token.map`); the
column of an inline construct is found by searching the block's own source lines for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from htpm.errors import HtpmError, Location
from htpm.prose.parse import clean, markdown, without_comments
from htpm.prose.tree import UNKNOWN_TARGET, is_safe_target

HEADING = "headings are not allowed inside prose; use bold text"
IMAGE = "images are not allowed in prose (use the config's image fields)"
HTML = "raw HTML is not allowed in prose; use the Markdown subset (docs/prose.md)"
QUOTE = "block quotes are not allowed in prose"
CODE = "code blocks are not allowed in prose"
RULE = "horizontal rules are not allowed in prose"
TABLE = "tables are not allowed in prose; use a list"
REFERENCE = "reference-style link definitions are not supported; write [text](url)"
NOTE_DEFINITION = "notes are defined under endnotes:, not inside prose; refer to them as [^id]"

_BLOCKS = {
    "heading_open": HEADING,
    "blockquote_open": QUOTE,
    "code_block": CODE,
    "fence": CODE,
    "hr": RULE,
    "html_block": HTML,
}
_DEFINITION = re.compile(r"^ {0,3}\[(\^?)[^\]]+\]:")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


@dataclass(frozen=True)
class ProseIssue:
    """A construct outside the subset: 0-based line and column inside the prose text."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line + 1}, column {self.column + 1}: {self.message}"


def link_message(target: str) -> str:
    shown = target if len(target) <= 60 else target[:57] + "..."
    return f"link target {shown!r} is not an http, https or mailto address"


def check_prose(text: str) -> list[ProseIssue]:
    """Every construct of `text` outside the prose subset, in reading order."""
    return list(_issues(text))


@lru_cache(maxsize=256)
def _issues(text: str) -> tuple[ProseIssue, ...]:
    """check_prose, once per text: validate, lint and every writer ask about the same values."""
    source = re.sub(r"\r\n?", "\n", clean(text))  # line ends as markdown-it counts them
    lines = source.split("\n")
    issues: list[ProseIssue] = []
    quote_depth = 0
    for token in markdown().parse(source):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
            continue
        if token.type == "html_block" and not without_comments(token.content).strip():
            continue  # a comment (a lint directive) is no output's business
        if token.type in _BLOCKS and token.map is not None:
            if token.type == "blockquote_open" and quote_depth > 1:
                continue  # one issue for nested quotes
            line = token.map[0]
            issues.append(ProseIssue(line, _indent(lines[line], token), _BLOCKS[token.type]))
        elif token.type == "inline" and token.map is not None:
            issues += _inline_issues(token, lines)
    return tuple(sorted(issues, key=lambda i: (i.line, i.column)))


def require_valid_prose(text: str, key: str, where: Location | str = "") -> None:
    """Raise the first issue of `text` as a user error `key: message` located at `where`."""
    issues = check_prose(text)
    if issues:
        first = issues[0]
        more = f" (line {first.line + 1} of the text)" if "\n" in text.strip() else ""
        raise HtpmError(f"{key}: {first.message}{more}", where)


def _indent(line: str, token: Token) -> int:
    if token.type == "code_block":
        return len(line) - len(line.lstrip())
    stripped = line.lstrip(" >\t") if token.type != "blockquote_open" else line.lstrip(" \t")
    return len(line) - len(stripped)


def _inline_issues(token: Token, lines: list[str]) -> list[ProseIssue]:
    assert token.map is not None
    start, end = token.map
    block = "\n".join(lines[start:end])
    issues: list[ProseIssue] = []

    def at(offset: int, message: str) -> None:
        before = block[:offset]
        line = start + before.count("\n")
        column = offset - (before.rfind("\n") + 1)
        issues.append(ProseIssue(line, column, message))

    offset = 0
    for line in block.split("\n"):
        definition = _DEFINITION.match(line)
        if definition:
            at(offset + line.index("["), NOTE_DEFINITION if definition.group(1) else REFERENCE)
        offset += len(line) + 1
    first = lines[start] if start < len(lines) else ""
    if end - start >= 2 and "|" in first and _TABLE_DELIMITER.match(lines[start + 1]):
        at(len(first) - len(first.lstrip()), TABLE)

    cursor = 0
    opened = False  # a closing tag is reported only when its opening one was not
    for child in token.children or []:
        if child.type == "html_inline" and not without_comments(child.content):
            cursor = _find(block, child.content, cursor) + 1
        elif child.type == "html_inline":
            offset = _find(block, child.content, cursor)
            closing = child.content.startswith("</")
            if not (closing and opened):
                at(offset, HTML)
            opened = opened or not closing
            cursor = offset + 1
        elif child.type == "image":
            offset = _find(block, "![", cursor)
            at(offset, IMAGE)
            cursor = offset + 1
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if not is_safe_target(href) and href != UNKNOWN_TARGET:
                offset = _find_target(block, href, cursor)
                at(offset, link_message(_raw_target(block, offset) or href))
                cursor = offset + 1
    return issues


def _find(block: str, needle: str, cursor: int) -> int:
    found = block.find(needle, cursor)
    return found if found >= 0 else max(0, min(cursor, len(block) - 1))


def _find_target(block: str, href: str, cursor: int) -> int:
    """Where a link's target starts: after `](` or `<`, at the first characters of `href`."""
    head = re.escape(href[:4]) if href else ""
    match = re.compile(r"(\]\(\s*<?|<)(" + head + ")", re.IGNORECASE).search(block, cursor)
    if match is None:
        match = re.compile(r"(\]\(\s*<?)()").search(block, cursor)
    return match.start(2) if match else _find(block, "[", cursor)


def _raw_target(block: str, offset: int) -> str:
    """The target as the author wrote it (markdown-it percent-encodes what it keeps)."""
    match = re.compile(r"[^\s>]+").match(block, offset)
    if match is None:
        return ""
    target = match.group(0)
    depth = 0
    for index, char in enumerate(target):  # balanced parentheses belong to the target
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return target[:index]
    return target
