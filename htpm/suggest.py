"""One "did you mean" for every name looked up from a user's input (config keys, rule ids, layout
and size names, label keys, platforms), so every such mistake reads the same."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The tail of an "unknown name" message: "; did you mean 'x'?" when one choice is close,
    else " (known: a, b, c)" with every choice, sorted."""
    known = sorted(set(choices))
    hint = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    if hint:
        return f"; did you mean {hint[0]!r}?"
    return f" (known: {', '.join(known)})" if known else " (none are defined)"


__all__ = ["did_you_mean"]
