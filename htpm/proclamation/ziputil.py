"""A tiny deterministic zip writer for .docx files whose members are mostly compressed once.

`zipfile` recompresses every member on every write and stamps the current time. A filled
proclamation differs from the next only in `word/document.xml`, so the other members are
compressed once (`StaticMember`) and their bytes reused as they are; every entry carries the same
fixed timestamp (1980-01-01 00:00), so the same values always give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

__all__ = ["StaticMember", "compress_member", "zip_bytes"]

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_DOS_TIME = 0
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class StaticMember:
    """One zip member ready to write: its name and deflated bytes with their checksum and sizes."""

    name: bytes
    crc: int
    size: int
    compressed: bytes


def compress_member(name: str, data: bytes, level: int = 6) -> StaticMember:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    compressed = packer.compress(data) + packer.flush()
    return StaticMember(name.encode("utf-8"), zlib.crc32(data), len(data), compressed)


def zip_bytes(members: list[StaticMember]) -> bytes:
    """A complete zip archive (deflate, fixed timestamps, no extra fields) of `members`, in order."""
    parts: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        flag = _UTF8_FLAG if not m.name.isascii() else 0
        local = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50, 20, flag, 8, _DOS_TIME, _DOS_DATE, m.crc, len(m.compressed), m.size, len(m.name), 0,
        )  # fmt: skip
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                flag,
                8,
                _DOS_TIME,
                _DOS_DATE,
                m.crc,
                len(m.compressed),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + m.name
        )
        parts += (local, m.name, m.compressed)
        offset += len(local) + len(m.name) + len(m.compressed)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(parts) + directory + end
