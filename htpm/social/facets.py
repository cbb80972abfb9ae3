"""Bluesky rich-text facets: the links and hashtags of a post as UTF-8 byte ranges, in the
`app.bsky.richtext.facet` shape, so a post made through the AT Protocol API keeps them live
(the API takes plain text; only the app finds links and tags by itself).

Links are found with `find_links` (the one rule everywhere); a bare domain's `uri` gets
`https://`, as the Bluesky app's own detection does. Hashtags are found with
`hashtag_spans`; a tag's range covers its `#`, its `tag` is written without it, and a tag over
64 graphemes (the lexicon's limit) gets no facet.
"""

from __future__ import annotations

from typing import Any

from htpm.social.counting import graphemes
from htpm.social.hashtags import hashtag_spans
from htpm.social.urls import find_links

LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"
MAX_TAG_GRAPHEMES = 64


def _byte_index(text: str, start: int, end: int) -> dict[str, int]:
    byte_start = len(text[:start].encode("utf-8"))
    return {"byteStart": byte_start, "byteEnd": byte_start + len(text[start:end].encode("utf-8"))}


def facets(text: str) -> list[dict[str, Any]]:
    """Every link and hashtag of `text` as a facet, in order of where it starts."""
    found: list[tuple[int, dict[str, Any]]] = []
    for link in find_links(text):
        uri = link.url if link.has_protocol else f"https://{link.url}"
        found.append(
            (
                link.start,
                {"index": _byte_index(text, link.start, link.end), "features": [{"$type": LINK, "uri": uri}]},
            )
        )
    for span in hashtag_spans(text):
        tag = span.tag[1:]
        if graphemes(tag) > MAX_TAG_GRAPHEMES:
            continue
        found.append(
            (
                span.start,
                {"index": _byte_index(text, span.start, span.end), "features": [{"$type": TAG, "tag": tag}]},
            )
        )
    return [facet for _start, facet in sorted(found, key=lambda item: item[0])]
