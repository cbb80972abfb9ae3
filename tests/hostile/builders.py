"""Hostile files that take a few lines to make: image bombs, Word templates with a twist."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

from htpm.paths import templates_dir


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png(width: int = 4, height: int = 4, extra: bytes = b"") -> bytes:
    """A PNG whose header says `width` x `height` (the pixels need not be there: Pillow's bomb
    check reads the header), with `extra` chunks before the image data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(min(height, 4))))
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + extra + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")
    )


def png_bomb() -> bytes:
    return png(100_000, 100_000)


def png_iccp_bomb() -> bytes:
    """An iCCP colour profile that inflates to 200 MB."""
    return png(extra=_chunk(b"iCCP", b"icc\x00\x00" + zlib.compress(b"\x00" * 200_000_000, 9)))


def png_ztxt_bomb() -> bytes:
    return png(extra=_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * 200_000_000, 9)))


def png_text_flood() -> bytes:
    chunk = _chunk(b"tEXt", b"Comment\x00" + b"A" * 900_000)
    return png(extra=chunk * 80)


def truncated_png() -> bytes:
    return png()[:40]


def svg() -> bytes:
    return b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'


def docx_with(template: str, edit_document: bytes | None = None, external: bool = False) -> bytes:
    """htpm's own Word template, its document.xml edited (`{{`-tags) or an external image added."""
    out = io.BytesIO()
    with zipfile.ZipFile(templates_dir() / template) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml" and edit_document is not None:
                data = data.replace(b"{{ observance }}", edit_document, 1)
            if item.filename == "word/_rels/document.xml.rels" and external:
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="file:///etc/hostname" TargetMode="External"/>'
                    b"</Relationships>",
                )
            new.writestr(item, data)
    return out.getvalue()


def layout_with_text(text: str):  # type: ignore[no-untyped-def]
    """A setup writing graphics/theme.yaml beside the config, its first text box replaced."""

    def setup(camp: Path) -> None:
        source = (templates_dir() / "graphics" / "theme.yaml").read_text(encoding="utf-8")
        target = camp / "graphics" / "theme.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        replaced = source.replace('text: "{{ observance.name }}"', "text: " + json.dumps(text), 1)
        target.write_text(replaced, encoding="utf-8")

    return setup
