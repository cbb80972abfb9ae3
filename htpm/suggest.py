"""One "did you mean" for every name a user types: config keys, sizes, layouts, rule ids."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """'; did you mean 'x'?' for a close choice, else ' (known: a, b)'; '' when there are none."""
    hint = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if hint:
        return f"; did you mean {hint[0]!r}?"
    return f" (known: {', '.join(sorted(choices))})" if choices else ""
