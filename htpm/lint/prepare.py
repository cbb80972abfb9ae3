"""What the rules see of a text: addresses and tags blanked, quotes, names, sentences, suppressions.

Blanking keeps every offset: a character is replaced by a space, never removed, so a hit's offset in
the blanked text is its offset in the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from htpm.hashtag import IN_TEXT

COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
DIRECTIVE = re.compile(r"^\s*htpm-lint\s+(disable-next-line|disable|enable)\b([^>]*)$", re.DOTALL)
ADDRESSES = re.compile(
    r"\]\([^)\s]*\)"  # Markdown link target
    r"|<(?:https?://|mailto:)[^>\s]+>"
    r"|(?:https?://|mailto:|www\.)[^\s<>()\[\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@#.])(?:[a-z0-9-]+\.)+[a-z]{2,12}(?:/[^\s<>()\[\]]*)?(?![\w])",
    re.IGNORECASE,
)
HASHTAG = IN_TEXT  # one definition of a hashtag, shared with the posts' hashtag limits
HANDLE = re.compile(r"(?<![\w@])@\w+")
QUOTED = re.compile(r"\"[^\"\n]+\"|“[^”]+”|«[^»]+»|‘[^’\n]+’|(?<![\w'’])'[^'\n]+'(?![\w])")
_TRAILING_PUNCT = ".,;:!?)"


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def address_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in ADDRESSES.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in _TRAILING_PUNCT and not m.group().startswith("]("):
            end -= 1  # the full stop after an address ends the sentence
        spans.append((start, end))
    return spans


@dataclass(frozen=True)
class Suppressions:
    """`<!-- htpm-lint disable RULE -->` (rest of the text), `enable RULE`, `disable-next-line RULE`;
    no rule ids means every rule."""

    ranges: tuple[tuple[frozenset[str] | None, int, int], ...]  # (rules or None = all, start, end)

    def off(self, rule_id: str, offset: int) -> bool:
        return any(
            (rules is None or rule_id in rules) and start <= offset < end for rules, start, end in self.ranges
        )


def suppressions(text: str) -> Suppressions:
    ranges: list[tuple[frozenset[str] | None, int, int]] = []
    open_: dict[frozenset[str] | None, int] = {}
    for m in COMMENT.finditer(text):
        d = DIRECTIVE.match(m.group(1))
        if not d:
            continue
        ids = frozenset(re.findall(r"[a-z0-9][a-z0-9-]*", d.group(2).lower())) or None
        if d.group(1) == "disable-next-line":
            line_end = text.find("\n", m.end())
            if line_end >= 0:
                next_end = text.find("\n", line_end + 1)
                ranges.append((ids, line_end + 1, len(text) if next_end < 0 else next_end))
        elif d.group(1) == "disable":
            open_.setdefault(ids, m.end())
        else:
            for key in [k for k in open_ if ids is None or k == ids or (k and ids and k & ids)]:
                ranges.append((key, open_.pop(key), m.start()))
    ranges.extend((key, start, len(text) + 1) for key, start in open_.items())
    return Suppressions(tuple(ranges))


def name_spans(text: str, connectors: frozenset[str]) -> list[tuple[int, int]]:
    """Capitalised Multi-Word Names ("Bureau of Labor Statistics"): two or more capitalised words,
    joined by spaces and the pack's small connecting words, one of them written in capitals and small
    letters (words all in capitals are shouting or acronyms, not a name on their own)."""
    spans = []
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W\d_][\w'’.&-]*", text)]
    i = 0
    while i < len(tokens):
        if not tokens[i][2][0].isupper():
            i += 1
            continue
        j, last_cap, capitals = i, i, 1
        while j + 1 < len(tokens) and text[tokens[j][1] : tokens[j + 1][0]].strip() == "":
            word = tokens[j + 1][2]
            if word[0].isupper():
                last_cap, capitals = j + 1, capitals + 1
            elif word.lower() not in connectors:
                break
            j += 1
        titled = any(w[0].isupper() and any(c.islower() for c in w) for _, _, w in tokens[i : last_cap + 1])
        if capitals >= 2 and titled:
            spans.append((tokens[i][0], tokens[last_cap][1]))
        i = last_cap + 1
    return spans


def sentence_spans(
    text: str, abbreviations: tuple[str, ...], words: str | None = None
) -> list[tuple[int, int]]:
    """Sentences by . ! ? (not after a known abbreviation or inside an address) and blank lines.

    `words` is the text with addresses and tags blanked: a piece holding nothing else (a post's
    trailing link) belongs to the sentence before it, and no dot inside an address ends a sentence.
    """
    words = text if words is None else words
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"”’)\]]*(?=\s|$)|\n\s*\n", words):
        before = text[start : m.end()]
        if m.group().startswith(".") and any(before.endswith(a) for a in abbreviations):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if merged and not re.search(r"\w", words[begin:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


@dataclass(frozen=True)
class Prepared:
    """A text as the rules see it."""

    original: str
    words: str  # comments, addresses, hashtags and handles blanked: for word rules
    tags: str  # comments and addresses blanked: for hashtag rules
    quoted: tuple[tuple[int, int], ...]
    names: tuple[tuple[int, int], ...]
    suppress: Suppressions


def prepare(text: str, connectors: frozenset[str]) -> Prepared:
    comments = [m.span() for m in COMMENT.finditer(text)]
    tags = blank(text, comments + address_spans(blank(text, comments)))
    tag_spans = [m.span() for m in HASHTAG.finditer(tags)] + [m.span() for m in HANDLE.finditer(tags)]
    words = blank(tags, tag_spans)
    return Prepared(
        original=text,
        words=words,
        tags=tags,
        quoted=tuple(m.span() for m in QUOTED.finditer(words)),
        names=tuple(name_spans(words, connectors)),
        suppress=suppressions(text),
    )


def inside(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of `spans`, which are sorted and do not overlap one
    another (as `finditer` gives them): a bisection, so a long file's many hits stay linear."""
    i = bisect.bisect_right(spans, start, key=itemgetter(0)) - 1
    return i >= 0 and end <= spans[i][1]


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` sorted and joined where they overlap or touch (for `overlaps`)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of `spans`, as `merged` gives them."""
    i = bisect.bisect_right(spans, start, key=itemgetter(1))  # the first span ending after start
    return i < len(spans) and spans[i][0] < end
