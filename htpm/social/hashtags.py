"""Hashtags in a post: found like twitter-text finds them (a `#` not inside a word or a link,
then letters, marks, digits or `_` with at least one letter), compared without regard to case."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from htpm.hashtag import IN_TEXT
from htpm.social.urls import find_links


@dataclass(frozen=True)
class TagSpan:
    """A hashtag in a text: as written (with its `#`) and where it is (code point offsets)."""

    tag: str
    start: int
    end: int


def hashtag_spans(text: str) -> list[TagSpan]:
    """Every hashtag in `text` with its place, in order, repeats included."""
    return list(_spans(text))


@lru_cache(maxsize=65_536)
def _spans(text: str) -> tuple[TagSpan, ...]:
    # asked many times per post (each platform, the primary tag, the cap, facets): found once
    if "#" not in text and "\uff03" not in text:
        return ()
    links = find_links(text)
    found = []
    for match in IN_TEXT.finditer(text):
        if any(link.start <= match.start() < link.end for link in links):
            continue  # a '#' inside a link is its fragment, not a hashtag
        found.append(TagSpan("#" + match.group(1), match.start(), match.end()))
    return tuple(found)


def find_hashtags(text: str) -> list[str]:
    """Every hashtag in `text` as written (with its `#`), in order, repeats included."""
    return [span.tag for span in hashtag_spans(text)]


def distinct_hashtags(text: str) -> list[str]:
    """The hashtags of `text` once each (first spelling kept): what a hashtag limit counts."""
    seen: dict[str, str] = {}
    for tag in find_hashtags(text):
        seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def has_hashtag(text: str, tag: str) -> bool:
    return tag.casefold() in (t.casefold() for t in find_hashtags(text))


def append_hashtag(text: str, tag: str) -> str:
    """`text` with `tag` added at its end, after one space (trailing spaces of the text dropped)."""
    return f"{text.rstrip()} {tag}"
