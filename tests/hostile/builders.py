"""Hostile files that take a few lines to make: image bombs, Word templates with a twist."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
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


_EXTERNAL_IMAGE = (
    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/image" Target="file:///etc/hostname" TargetMode="External"/></Relationships>'
)


def _edited(template: str, edits: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """One of htpm's own Office files (a zip), some of its parts edited."""
    out = io.BytesIO()
    with zipfile.ZipFile(templates_dir() / template) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename in edits:
                data = edits[item.filename](data)
            new.writestr(item, data)
    return out.getvalue()


def _add_external_image(rels: bytes) -> bytes:
    return rels.replace(b"</Relationships>", _EXTERNAL_IMAGE)


def docx_with(template: str, edit_document: bytes | None = None, external: bool = False) -> bytes:
    """htpm's own Word template, its document.xml edited (`{{`-tags) or an external image added."""
    edits: dict[str, Callable[[bytes], bytes]] = {}
    if edit_document is not None:
        edits["word/document.xml"] = lambda data: data.replace(b"{{ observance }}", edit_document, 1)
    if external:
        edits["word/_rels/document.xml.rels"] = _add_external_image
    return _edited(template, edits)


def pptx_with_external_image() -> bytes:
    """htpm's base presentation with an image linked from outside it (`file:///etc/hostname`)."""
    return _edited("slides/base.pptx", {"ppt/_rels/presentation.xml.rels": _add_external_image})


def layout_with_text(text: str):  # type: ignore[no-untyped-def]
    """A setup writing graphics/theme.yaml beside the config, its first text box replaced."""

    def setup(camp: Path) -> None:
        source = (templates_dir() / "graphics" / "theme.yaml").read_text(encoding="utf-8")
        target = camp / "graphics" / "theme.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        replaced = source.replace('text: "{{ observance.name }}"', "text: " + json.dumps(text), 1)
        target.write_text(replaced, encoding="utf-8")

    return setup
