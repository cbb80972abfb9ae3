"""Every piece of copy a campaign produces, with where it was written, and offsets mapped to lines.

The copy is what `htpm.copyfields` finds marked in the model, with its kind. Rules check `post`,
`prose` and `alt` by default; `title` (headings, names, a resource's title, which is someone else's)
and `guideline` (it quotes the very words to avoid: "Instead of 'X' use 'Y'") are checked only by
rules that ask for them in `applies_to`. Addresses, numbers and file names are not copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from htpm.copyfields import iter_copy
from htpm.errors import Location
from htpm.paths import MAX_PROSE_BYTES, read_limited
from htpm.values import shown

if TYPE_CHECKING:
    from htpm.campaign import Campaign

SourcePath = tuple[str | int, ...]
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Text:
    """One piece of copy: its text, what kind it is, and where its value starts."""

    text: str
    kind: str  # a CopyKind: post | prose | alt | title | guideline
    start: Location
    path: SourcePath = ()
    whole_file: bool = field(default=False)  # the text is a file's content (Markdown, text)

    def locate(self, offset: int) -> Location:
        """The file, line and column of the character at `offset` in the text."""
        return locate_offset(self, offset)


def campaign_texts(campaign: Campaign) -> list[Text]:
    """The campaign's copy (every field `htpm/model.py` marks as copy), each with its source."""
    return [
        Text(shown(value), kind, campaign.locate(path), path)  # open fill-ins as their blanks
        for path, value, kind in iter_copy(campaign.config)
        if value.strip()
    ]


def file_text(path: Path) -> Text:
    """A Markdown or text file as one piece of prose (a regular file within the prose limit)."""
    text = read_limited(path, MAX_PROSE_BYTES).decode("utf-8-sig")
    return Text(text, "prose", Location(str(path), 1, 1), (), whole_file=True)


# -- offsets to lines ---------------------------------------------------------------------------


def _raw(file: str) -> tuple[str, list[int]] | None:
    """The file's text and the offset where each of its lines starts, read once per version."""
    try:
        stat = Path(file).stat()
    except OSError:
        return None
    return _read(file, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read(file: str, _mtime: int, _size: int) -> tuple[str, list[int]] | None:
    try:
        raw = read_limited(Path(file), MAX_PROSE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return raw, _line_starts(raw)


def _line_starts(raw: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(raw))
    return starts


def locate_offset(text: Text, offset: int) -> Location:
    """Map an offset in a parsed value back to the file it came from.

    The parsed value and the raw file differ by indentation, line folding, quotes and escapes, so we
    walk both together from the value's start: every non-blank character of the value is looked for
    a few raw characters ahead (escapes and quotes are skipped, whitespace is free). When the two
    drift apart, the value's start is the honest answer.
    """
    start = text.start
    read = _raw(start.file) if start.line else None
    if read is None:
        return start
    raw, starts = read
    if start.line > len(starts):
        return start
    pos = starts[start.line - 1] + max(start.col - 1, 0)
    if text.whole_file:
        pos = 0
    elif raw[pos : pos + 1] in ("|", ">"):  # block scalar: content starts on the next line
        nl = raw.find("\n", pos)
        pos = nl + 1 if nl >= 0 else pos
    value = text.text
    if text.whole_file and raw == value:
        pos = offset
    else:
        found = _align(raw, pos, value, offset)
        if found is None:
            return start
        pos = found
    line = _bisect(starts, pos)
    return Location(start.file, line + 1, pos - starts[line] + 1)


def _align(raw: str, pos: int, value: str, offset: int) -> int | None:
    """The raw position of value[offset] when walking value and raw together from `pos`."""
    slack = 12  # the longest escape (\\U0001F600) plus quotes
    while offset < len(value) and value[offset].isspace():
        offset += 1
    if offset >= len(value):
        return None
    for i in range(offset + 1):
        if value[i].isspace():
            continue
        p, skipped = pos, 0
        while p < len(raw) and raw[p] != value[i] and skipped <= slack:
            skipped += not raw[p].isspace()
            p += 1
        if p >= len(raw) or raw[p] != value[i]:  # written as an escape: keep our place
            if i == offset:
                return pos
            continue
        if i == offset:
            return p
        pos = p + 1
    return None


def _bisect(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(starts, pos) - 1
