"""Save a python-docx Document to reproducible bytes: fixed zip timestamps and member order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document

from htpm.errors import HtpmError

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


HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
MAX_PARTS = 2_000


def external_parts(path: Path, shown: str) -> None:
    """Refuse a designer's Word (or PowerPoint) file whose relationships point outside it (an image
    or a template `TargetMode="External"`, `file:///...`): LibreOffice would embed that local file
    in the PDF, and Word would fetch it. External hyperlinks are ordinary links and are allowed."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if len(names) > MAX_PARTS:
                raise HtpmError(f"{shown}: more than {MAX_PARTS} parts; not a document htpm takes")
            for name in names:
                if not name.endswith(".rels"):
                    continue
                root = etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False))
                for rel in root:
                    if rel.get("TargetMode") == "External" and rel.get("Type") != HYPERLINK:
                        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                        raise HtpmError(
                            f"{shown}: {name} refers to a file outside the document ({kind}: "
                            f"{rel.get('Target')}); embed it in the document instead",
                            path,
                        )
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        raise HtpmError(f"{shown}: not a Word (.docx) file", path) from None


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def honest_parts(document: Document, application: str, pages: int | None, words: int) -> None:
    """The package says what made it and nothing it does not hold: no thumbnail of the blank
    template, no customXml (Word's default bibliography sources), and docProps/app.xml naming
    `application` with the document's own word count and, when known, its page count (an absent
    count is better than a wrong one)."""
    package = document.part.package
    for owner in (package, document.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in (_THUMBNAIL, _CUSTOM_XML):
                del owner.rels[rel_id]
    app = next((p for p in package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if app is None:
        return
    fields = [f"<Application>{escape(application)}</Application>", "<DocSecurity>0</DocSecurity>"]
    if pages is not None:
        fields.insert(0, f"<Pages>{pages}</Pages>")
    fields.insert(1 if pages is not None else 0, f"<Words>{words}</Words>")
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_APP_NS}">{"".join(fields)}</Properties>'
    )
    app._blob = xml.encode("utf-8")  # a plain Part: python-docx saves its blob as it is
