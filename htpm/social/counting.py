"""Count a post the way each platform counts it. The figures (weights, ranges) come from
`templates/social/limits.yaml`; this module only knows the methods.

- `twitter_v3`: X's weighted length (twitter-text v3): NFC; every link, with or without
  `http(s)://`, weighs `url_length`; an emoji (one grapheme cluster, however many code points)
  weighs `default_weight`; any other code point weighs the weight of its range, else the default.
  Weights are divided by `scale`.
- `graphemes`: user-perceived characters (Unicode extended grapheme clusters), as Bluesky counts.
- `graphemes_links`: graphemes, but each `http(s)://` link counts `url_length` (Mastodon).
- `utf16`: UTF-16 code units, which is what a JavaScript `length` reports; never fewer than
  the characters a person sees, so a safe count where a platform does not say how it counts.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import regex

from htpm.social.urls import find_links

METHODS = ("twitter_v3", "graphemes", "graphemes_links", "utf16")

_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|[\uFE0F\u20E3]")
_GRAPHEME = regex.compile(r"\X")


def graphemes(text: str) -> int:
    """The number of extended grapheme clusters in `text`."""
    return len(_GRAPHEME.findall(text))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _is_emoji(cluster: str) -> bool:
    return bool(_EMOJI.search(cluster))


def _weight(code_point: int, ranges: Sequence[Mapping[str, int]], default: int) -> int:
    for r in ranges:
        if r["start"] <= code_point <= r["end"]:
            return r["weight"]
    return default


def weighted_length(text: str, params: Mapping[str, Any]) -> int:
    """X's weighted length of `text` under a twitter-text v3 style configuration."""
    scale = int(params["scale"])
    default = int(params["default_weight"])
    ranges = params["ranges"]
    url_weight = int(params["url_length"]) * scale
    normalized = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for link in find_links(normalized):
        total += _count_plain(normalized[position : link.start], ranges, default, params)
        total += url_weight
        position = link.end
    total += _count_plain(normalized[position:], ranges, default, params)
    return total // scale


def _count_plain(
    text: str, ranges: Sequence[Mapping[str, int]], default: int, params: Mapping[str, Any]
) -> int:
    total = 0
    emoji = bool(params.get("emoji_parsing", True))
    if not emoji or not _EMOJI.search(text):
        # no cluster is an emoji: the weight is each code point's, counted once per distinct one
        return sum(_weight(ord(ch), ranges, default) * n for ch, n in Counter(text).items())
    for cluster in _GRAPHEME.findall(text):
        if emoji and _is_emoji(cluster):
            total += default
        else:
            total += sum(_weight(ord(ch), ranges, default) for ch in cluster)
    return total


def graphemes_with_links(text: str, url_length: int) -> int:
    """Graphemes, with each http(s):// link counted as `url_length` (Mastodon's rule)."""
    total = 0
    position = 0
    for link in find_links(text, without_protocol=False):
        total += graphemes(text[position : link.start]) + url_length
        position = link.end
    return total + graphemes(text[position:])


def count(text: str, method: str, params: Mapping[str, Any] | None = None) -> int:
    """The length of `text` as a platform counting by `method` reports it."""
    params = params or {}
    if method == "twitter_v3":
        return weighted_length(text, params)
    if method == "graphemes":
        return graphemes(text)
    if method == "graphemes_links":
        return graphemes_with_links(text, int(params["url_length"]))
    if method == "utf16":
        return utf16_units(text)
    raise ValueError(f"unknown counting method {method!r}")
