"""A post's text made to work on one platform, without changing what it says.

- **Links:** where a platform links only `http(s)://` addresses (Mastodon; `links.bare_domains:
  false` in the limits file), every bare domain found by `find_links` (`acf.hhs.gov/otip`) gets
  `https://` in front. Counting then runs on that final text (Mastodon counts it as 23).
- **Hashtags over a platform's cap** (`hashtags.over_limit: drop`, Threads: one topic tag): the
  primary hashtag is kept if the post has it, else its first hashtag; every other hashtag goes.
  A tag in the run of hashtags that ends the post is removed with the space before it; a tag
  inside a sentence keeps its word and loses only its `#`, so the sentence still reads.
"""

from __future__ import annotations

from htpm.social.hashtags import TagSpan, has_hashtag, hashtag_spans
from htpm.social.urls import find_links


def add_schemes(text: str) -> tuple[str, int]:
    """`text` with `https://` before each bare-domain link, and how many were completed."""
    bare = [link for link in find_links(text) if not link.has_protocol]
    for link in reversed(bare):
        text = f"{text[: link.start]}https://{text[link.start :]}"
    return text, len(bare)


def _trailing(text: str, spans: list[TagSpan]) -> set[int]:
    """Indexes of the spans in the run of hashtags (and spaces) that ends `text`."""
    trailing: set[int] = set()
    end = len(text.rstrip())
    for index in range(len(spans) - 1, -1, -1):
        span = spans[index]
        if text[span.end : end].strip():
            break
        trailing.add(index)
        end = span.start
    return trailing


def keep_hashtags(text: str, primary: str, limit: int) -> tuple[str, tuple[str, ...]]:
    """`text` with at most `limit` distinct hashtags (the primary first, then in order), and the
    hashtags it lost. Repeats of a kept tag stay."""
    spans = hashtag_spans(text)
    order: dict[str, str] = {}
    for span in spans:
        order.setdefault(span.tag.casefold(), span.tag)
    if len(order) <= limit:
        return text, ()
    keys = list(order)
    if primary.casefold() in order:
        keys.remove(primary.casefold())
        keys.insert(0, primary.casefold())
    kept = set(keys[:limit])
    dropped = tuple(order[k] for k in keys[limit:])

    def loses_a_kept_tag(result: str) -> bool:
        return any(has_hashtag(text, order[k]) and not has_hashtag(result, order[k]) for k in kept)

    # a word left without its '#' may join what follows into a web address ("#Tag.org/x"), which
    # would swallow a kept tag: then the dropped tags go whole; and if even that changes how the
    # rest reads, the text stays as written (over the limit, the post is left off the platform)
    for keep_words in (True, False):
        result = _drop(text, spans, kept, keep_words)
        if not loses_a_kept_tag(result):
            return result, dropped
    return text, ()


def _drop(text: str, spans: list[TagSpan], kept: set[str], keep_words: bool) -> str:
    trailing = _trailing(text, spans)
    cut_end = False
    for index in range(len(spans) - 1, -1, -1):
        span = spans[index]
        if span.tag.casefold() in kept:
            continue
        if index in trailing or not keep_words:
            start = span.start
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            text = text[:start] + text[span.end :]
            cut_end = cut_end or index in trailing
        else:
            text = text[: span.start] + text[span.start + 1 :]  # the word stays, without its '#'
    return text.rstrip() if cut_end else text
