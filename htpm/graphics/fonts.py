"""Fonts: loaded once per file and size, and the characters each one really has.

Pillow has no font fallback: a character missing from the font is drawn as an empty box (tofu)
without a word. So we read the font's own character map (the OpenType `cmap` table, formats 4 and
12, which every TrueType/OpenType font for Latin text carries) and refuse text it cannot show.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

#: characters never drawn as glyphs: line breaks are layout, not ink
_NOT_DRAWN = frozenset("\n\r\t")


@lru_cache(maxsize=256)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """The font at `path` in `size` pixels (cached: fitting tries many sizes)."""
    return ImageFont.truetype(path, size)


def is_bold(path: str) -> bool:
    """Whether the font's style name says bold (or heavier): large-text contrast counts it."""
    style = load_font(path, 12).getname()[1] or ""
    return any(word in style.lower() for word in ("bold", "black", "heavy", "extrabold", "semibold"))


@lru_cache(maxsize=32)
def codepoints(path: str) -> frozenset[int]:
    """Every code point the font maps to a glyph, from its `cmap` table."""
    data = Path(path).read_bytes()
    return frozenset(_parse_cmap(data, _table_offset(data, b"cmap")))


def missing_characters(text: str, path: str) -> list[str]:
    """The distinct characters of `text` that the font at `path` has no glyph for, in order."""
    have = codepoints(path)
    seen: list[str] = []
    for ch in text:
        if ch not in _NOT_DRAWN and ord(ch) not in have and ch not in seen:
            seen.append(ch)
    return seen


def describe(ch: str) -> str:
    """'é' (U+00E9) style, safe to print for invisible characters too."""
    shown = ch if ch.isprintable() and not ch.isspace() else ""
    return f"{shown!r} (U+{ord(ch):04X})" if shown else f"U+{ord(ch):04X}"


def _table_offset(data: bytes, tag: bytes) -> int:
    if data[:4] == b"ttcf":  # a collection: use its first font
        (first,) = struct.unpack_from(">I", data, 12)
        data_offset = first
    else:
        data_offset = 0
    (num_tables,) = struct.unpack_from(">H", data, data_offset + 4)
    for i in range(num_tables):
        entry = data_offset + 12 + 16 * i
        if data[entry : entry + 4] == tag:
            (offset,) = struct.unpack_from(">I", data, entry + 8)
            return offset
    raise ValueError(f"font has no {tag.decode()} table")


def _parse_cmap(data: bytes, cmap: int) -> set[int]:
    """Code points from the best Unicode subtable: format 12 (full range) if present, else 4 (BMP)."""
    (num,) = struct.unpack_from(">H", data, cmap + 2)
    subtables: dict[int, int] = {}
    for i in range(num):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode:
            (fmt,) = struct.unpack_from(">H", data, cmap + offset)
            subtables.setdefault(fmt, cmap + offset)
    if 12 in subtables:
        return _format12(data, subtables[12])
    if 4 in subtables:
        return _format4(data, subtables[4])
    raise ValueError("font has no Unicode character map (cmap format 4 or 12)")


def _format4(data: bytes, at: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", data, at + 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 2 * seg_x2)
    range_at = at + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{segs}H", data, range_at)
    out: set[int] = set()
    for i in range(segs):
        start, end, delta, ro = starts[i], ends[i], deltas[i], range_offsets[i]
        if start == 0xFFFF:
            continue
        for code in range(start, end + 1):
            if ro == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = range_at + 2 * i + ro + 2 * (code - start)
                (glyph,) = struct.unpack_from(">H", data, where)
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                out.add(code)
    return out


def _format12(data: bytes, at: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    out: set[int] = set()
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        out.update(range(start, end + 1) if glyph else range(start + 1, end + 1))
    return out
