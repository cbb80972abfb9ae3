"""Lint patterns from packs and configs, with bounded matching time.

A pattern in a campaign's `lint.rules` comes from another organization: `(a|aa)+$` backtracks for
ever on a long word in Python's `re`. Patterns are compiled with the `regex` engine (the same
syntax, `re`-compatible V0 mode) and every match runs with a timeout; running out of time is one
line naming the rule and where it is defined. `validate` also refuses the usual shape of a
catastrophic pattern (a repetition of a repetition with nothing else that must match) before
anything runs.
"""

from __future__ import annotations

import functools
import re
import re._parser as sre_parse  # the parser of `re` itself: the only full reader of the syntax
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from htpm.errors import HtpmError, Location

MATCH_TIMEOUT = 0.5  # seconds for one search over one text; the bundled rules take microseconds

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}
_UNBOUNDED = sre_parse.MAXREPEAT


@dataclass(frozen=True)
class BoundedPattern:
    """A compiled pattern whose every search stops after MATCH_TIMEOUT seconds with an HtpmError."""

    compiled: Any  # a regex.Pattern
    source: str
    rule_id: str
    where: Location

    # regex's Match objects have re.Match's interface (span, start, group): typed as re's
    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        try:
            yield from self.compiled.finditer(text, pos, end, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._too_slow() from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        try:
            return self.compiled.search(text, pos, end, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._too_slow() from None

    def _too_slow(self) -> HtpmError:
        return HtpmError(
            f"lint rule {self.rule_id}: pattern {self.source!r} took longer than {MATCH_TIMEOUT:g} s "
            "on one text (it backtracks; write it without a repetition inside a repetition)",
            self.where,
        )


@functools.lru_cache(maxsize=2048)
def compile_pattern(source: str, ignore_case: bool, rule_id: str, where: Location) -> BoundedPattern:
    """Compile a rule's pattern; a syntax error or a catastrophic shape is an HtpmError at `where`.
    (Once per pattern and place: every generator's checks and each locale build the rule set.)"""
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        compiled = regex.compile(source, flags)
    except regex.error as exc:
        raise HtpmError(f"lint rule {rule_id}: bad pattern {source!r}: {exc}", where) from None
    if nested_repetition(source):
        raise HtpmError(
            f"lint rule {rule_id}: pattern {source!r} repeats a repetition (like (a+)+), which can take "
            "for ever on a long word; repeat something that must match at least one fixed character",
            where,
        )
    return BoundedPattern(compiled, source, rule_id, where)


def nested_repetition(source: str) -> bool:
    """True for an unbounded repetition whose body is an unbounded repetition plus only optional
    parts: `(a+)+`, `(a*)*`, `(\\w+\\s?)+`, `(?:x+|y)+`. `(\\s+\\w+)*` is fine (each round must
    match a space then a word character, so there is one way to split a text). Syntax only `regex`
    knows (`\\p{L}`) is not analysed; the timeout still bounds it."""
    try:
        parsed = sre_parse.parse(source)
    except (re.error, OverflowError, RecursionError):
        return False
    return _has_nested(list(parsed))


def _has_nested(items: list[Any]) -> bool:
    return any(_item_nested(op, arg) for op, arg in items)


def _item_nested(op: Any, arg: Any) -> bool:
    if op in _REPEATS:
        _low, high, body = arg
        return (high == _UNBOUNDED and _ambiguous_body(list(body))) or _has_nested(list(body))
    if op == sre_parse.SUBPATTERN:
        return _has_nested(list(arg[-1]))
    if op == sre_parse.BRANCH:
        return any(_has_nested(list(branch)) for branch in arg[1])
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return _has_nested(list(arg[1]))
    return False


def _ambiguous_body(items: list[Any]) -> bool:
    """A repeated body holding an unbounded repetition and nothing else that must match."""
    required = [item for item in items if _min_width(item) > 0]
    repeats = [item for item in items if _unbounded(item)]
    if items and len(items) == 1 and items[0][0] == sre_parse.BRANCH:
        return any(_ambiguous_body(list(branch)) for branch in items[0][1][1])
    if not repeats or len(required) > 1:
        return False
    return not required or required[0] in repeats


def _unbounded(item: Any) -> bool:
    op, arg = item
    if op in _REPEATS:
        return bool(arg[1] == _UNBOUNDED)
    if op == sre_parse.SUBPATTERN:
        body = list(arg[-1])
        return any(_unbounded(i) for i in body) and _ambiguous_body(body)
    if op == sre_parse.BRANCH:
        return any(_ambiguous_body(list(b)) for b in arg[1])
    return False


def _min_width(item: Any) -> int:
    try:
        return int(sre_parse.SubPattern(sre_parse.State(), [item]).getwidth()[0])
    except (TypeError, ValueError, AttributeError):
        return 1
