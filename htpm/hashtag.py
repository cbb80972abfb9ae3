"""What a hashtag is, once: as twitter-text finds them (a `#` not inside a word, then letters,
marks, digits or `_` with at least one letter). The config's tags, the posts' hashtag limits and
lint's hashtag rules all use these patterns, so they agree on what counts."""

from __future__ import annotations

import regex

#: the part after `#`
BODY = r"[\p{L}\p{M}\p{Nd}_]*\p{L}[\p{L}\p{M}\p{Nd}_]*"
#: a hashtag inside a text; group 1 is its body (a full-width ＃ counts, a keycap #️⃣ does not)
IN_TEXT = regex.compile(rf"(?<![&\p{{L}}\p{{M}}\p{{Nd}}_])[#\uFF03](?![\uFE0F\u20E3])({BODY})")
_ONE = regex.compile(rf"#{BODY}")


def is_hashtag(text: str) -> bool:
    """Whether `text` is exactly one hashtag, e.g. '#SwimSmart' (not '#2023', not '#a b')."""
    return _ONE.fullmatch(text) is not None


__all__ = ["BODY", "IN_TEXT", "is_hashtag"]
