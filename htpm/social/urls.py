"""Find the links in a post the way X (twitter-text v3) and Mastodon find them.

The patterns follow twitter-text's `extractUrlsWithIndices` (Apache-2.0,
https://github.com/twitter/twitter-text): a link is an optional `http(s)://`, a domain whose
top-level domain is a real one (`tlds.txt`), an optional port, path and query; trailing
punctuation is not part of it. Without a protocol only ASCII domains count, and not after
`-`, `_`, `.` or `/`. A domain label longer than 63 characters (after IDNA encoding) is no link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_TLD_FILE = Path(__file__).with_name("tlds.txt")

_LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268"
    r"\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC = r"\u0400-\u04FF"
_PUNCT = r"!'#%&'()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066-\u2069"

_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|{_PARENS})"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID}]|[{_DIRECTIONAL}]|^)"
_NO_PROTOCOL_BAD_BEFORE = re.compile(r"[-_./]$")
_MAX_URL_LENGTH = 4096


@dataclass(frozen=True)
class Link:
    """A link found in a text: its characters and where they are (code point offsets)."""

    url: str
    start: int
    end: int
    has_protocol: bool


def _tlds() -> list[str]:
    lines = _TLD_FILE.read_text(encoding="utf-8").splitlines()
    names = {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}
    return sorted(names, key=lambda t: (-len(t), t))  # longest first: 'community' before 'com'


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    tld = "|".join(re.escape(t) for t in _tlds())
    tld_group = f"(?:(?:{tld})(?=[^0-9a-z@+\\-]|$)|{_PUNYCODE})"
    domain = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{tld_group})"
    url = re.compile(
        f"({_PRECEDING})"  # 1 the character before
        f"((https?://)?"  # 2 the link, 3 protocol
        f"({domain})"  # 4 domain
        r"(?::[0-9]+)?"
        f"(/{_PATH}*)?"  # 5 path
        f"(?:\\?{_QUERY}*{_QUERY_END})?)",
        re.IGNORECASE,
    )
    ascii_domain = re.compile(f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+{tld_group}", re.IGNORECASE)
    return url, ascii_domain


def _valid(url: str, protocol: str, domain: str) -> bool:
    try:
        puny = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(puny) and len(protocol) + len(url) + len(puny) - len(domain) <= _MAX_URL_LENGTH


_CACHED_TEXT = 10_000  # characters: a post's text is looked at many times, prose once


def find_links(text: str, *, without_protocol: bool = True) -> list[Link]:
    """Every link in `text`, in order. `without_protocol=False` finds only http(s):// links."""
    if "." not in text:
        return []
    if len(text) <= _CACHED_TEXT:
        return list(_cached_links(text, without_protocol))
    return _find_links(text, without_protocol)


@lru_cache(maxsize=65_536)
def _cached_links(text: str, without_protocol: bool) -> tuple[Link, ...]:
    # a post's text is counted per platform, searched for hashtags, given facets...: find once
    return tuple(_find_links(text, without_protocol))


def _find_links(text: str, without_protocol: bool) -> list[Link]:
    url_re, ascii_re = _patterns()
    links: list[Link] = []
    for match in url_re.finditer(text):
        before, url, protocol, domain, path = match.group(1, 2, 3, 4, 5)
        end = match.end()
        start = end - len(url)
        if not _valid(url, protocol or "https://", domain):
            continue
        if protocol:
            links.append(Link(url, start, end, True))
            continue
        if not without_protocol or _NO_PROTOCOL_BAD_BEFORE.search(before):
            continue
        last: Link | None = None
        for part in ascii_re.finditer(domain):
            last = Link(part.group(0), start + part.start(), start + part.end(), False)
            links.append(last)
        if last is not None and path:  # the path belongs to the last ASCII domain
            links[-1] = Link(text[last.start : end], last.start, end, False)
    return links
