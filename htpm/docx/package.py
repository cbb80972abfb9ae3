"""Save a python-docx Document to reproducible bytes: fixed zip timestamps and member order."""

from __future__ import annotations

import io
import zipfile

from docx.document import Document

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_FIRST = ("[Content_Types].xml", "_rels/.rels")  # conventional order: content types first


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with every entry stamped FIXED_TIME, in a stable order, deflated."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    order = [name for name in _FIRST if name in members]
    order += sorted(name for name in members if name not in _FIRST)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, members[name], compresslevel=9)
    return out.getvalue()


def document_bytes(document: Document) -> bytes:
    """The .docx bytes of `document`, identical for identical content."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
