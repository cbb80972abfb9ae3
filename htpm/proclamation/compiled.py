"""Render the designer's template once, then fill it per row by splicing bytes.

The template (`proclamation/proclamation.docx` on the campaign's search path) is a docxtpl
document: `{{ title }}`, `{%p for clause in whereas %}{{ clause }}{%p endfor %}`, `{{ resolution }}`,
`{%p for line in signature_lines %}`, `{{ fields.<name> }}`, `{{ observance }}`, `{{ year }}` and
`{{ labels.<key> }}` (see docs/proclamation.md). It is rendered ONCE per campaign in the
immutable Jinja sandbox with StrictUndefined and autoescape, with each clause's placeholders
encoded as private-use markers. The markers are then turned into runs of their own (keeping the
designer's run formatting; highlighted in the blank) whose text is a unique sentinel, and every
XML part is cut at its sentinels into byte chunks.

Filling a row is then a join of those chunks with the XML-escaped values, one deflate of
`word/document.xml`, and a zip whose other members are reused byte for byte. The values are
never parsed as XML, Markdown or template source.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches
from docx.text.run import Run
from jinja2.sandbox import SecurityError
from PIL import Image

from htpm.campaign import Campaign
from htpm.docx.oxml import set_language
from htpm.docx.package import external_parts
from htpm.errors import HtpmError
from htpm.graphics.images import image_header, load_image
from htpm.model import Proclamation
from htpm.proclamation.text import Piece, field_names, parse_all, proclamation_of
from htpm.proclamation.ziputil import StaticMember, compress_member, zip_bytes
from htpm.templating import sandbox, time_budget

__all__ = ["CompiledProclamation", "TEMPLATE", "compile_proclamation", "escape", "signer_fields"]

TEMPLATE = "proclamation/proclamation.docx"
DOCUMENT = "word/document.xml"
LABELS = "proclamation."  # templates/labels/<lang>/proclamation.yaml
# Markers in the render context: \ue000 KIND payload \ue001 (KIND t/T text, f/F field; upper = bold).
_MARKER = re.compile("\ue000([tTfF])([^\ue000\ue001]*)\ue001")
_ANY_MARKER = re.compile("[\ue000-\ue003]")
# Sentinels in the compiled XML: \ue010 field-name \ue011, UTF-8 encoded.
_SENTINEL = re.compile("\ue010([a-z][a-z0-9_]*)\ue011".encode())
_PAGE_BREAK = (
    b'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>'
    b'<w:r><w:br w:type="page"/></w:r></w:p>'
)
# The letterhead's logo: a marker in the context, replaced by the picture after rendering.
LOGO_MARK = "\ue002logo\ue003"
LOGO_BOX = (Inches(1.1), Inches(0.85))  # the largest the seal cell takes: width, height
LOGO_DPI = 300
SIGNER_FIELDS = ("signer_name", "title")
_DRAWING_ID = re.compile(rb'(<wp:docPr [^>]*?\bid=")(\d+)"')


def escape(value: str) -> str:
    """Text for a `w:t` element: the three characters XML would read as markup become entities."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Spliced:
    """An XML part cut at its sentinels: chunks[0] v0 chunks[1] v1 ... chunks[-1]."""

    chunks: tuple[bytes, ...]
    fields: tuple[str, ...]

    def fill(self, escaped: Mapping[str, bytes]) -> bytes:
        out = [self.chunks[0]]
        for name, chunk in zip(self.fields, self.chunks[1:], strict=True):
            out += (escaped[name], chunk)
        return b"".join(out)


@dataclass(frozen=True)
class CompiledProclamation:
    """The rendered template, ready to fill; picklable, so worker processes get it once."""

    fields: tuple[str, ...]
    members: tuple[tuple[str, StaticMember | Spliced], ...]  # zip order
    head: bytes  # document.xml up to and including <w:body>
    body: Spliced  # the body's content
    tail: bytes  # the final sectPr and the closing tags

    @property
    def used(self) -> set[str]:
        """The fields that appear somewhere in the document."""
        spliced = [m for _name, m in self.members if isinstance(m, Spliced)]
        return {name for part in spliced for name in part.fields}

    def fill(self, values: Mapping[str, str]) -> bytes:
        """The .docx bytes for one set of values (already checked; a field left out is empty)."""
        escaped = _escaped(self.fields, values)
        return self._zip(escaped, self.head + self.body.fill(escaped) + self.tail)

    def fill_combined(self, rows: Sequence[Mapping[str, str]]) -> bytes:
        """One .docx holding every row's proclamation, a page break between them."""
        if not rows:
            raise ValueError("fill_combined needs at least one row")
        bodies = []
        for index, values in enumerate(rows):
            escaped = _escaped(self.fields, values)
            body = self.body.fill(escaped)
            if index:  # drawings need ids unique in the document
                body = _renumber_drawings(body, 100000 * index)
            bodies.append(body)
        first = _escaped(self.fields, rows[0])
        return self._zip(first, self.head + _PAGE_BREAK.join(bodies) + self.tail)

    def _zip(self, escaped: Mapping[str, bytes], document: bytes) -> bytes:
        entries = []
        for name, member in self.members:
            if name == DOCUMENT:
                entries.append(compress_member(name, document, 6))
            elif isinstance(member, Spliced):
                entries.append(compress_member(name, member.fill(escaped), 6))
            else:
                entries.append(member)
        return zip_bytes(entries)


def _escaped(fields: tuple[str, ...], values: Mapping[str, str]) -> dict[str, bytes]:
    return {name: escape(values.get(name, "")).encode("utf-8") for name in fields}


def _renumber_drawings(body: bytes, offset: int) -> bytes:
    def shift(match: re.Match[bytes]) -> bytes:
        return b'%s%d"' % (match[1], int(match[2]) + offset)

    return _DRAWING_ID.sub(shift, body)


# -- compiling ----------------------------------------------------------------------------------
def signer_fields(proclamation: Proclamation) -> list[str]:
    """The placeholders printed under the signature rule: `signer_name`, then `title`, those declared.

    With neither, the signature block is the config's `signature_lines` (a rule and a caption each).
    """
    names = field_names(proclamation)
    return [name for name in SIGNER_FIELDS if name in names]


def compile_proclamation(campaign: Campaign, mark: bool = False) -> CompiledProclamation:
    """Render the campaign's template once; `mark` makes the blank: the placeholders highlighted,
    and the seal box shown where the config gives no logo (filled copies have none)."""
    proclamation = proclamation_of(campaign)
    parsed = parse_all(campaign)
    template = campaign.find_template(TEMPLATE)
    external_parts(template, "the proclamation template")  # `fill` too: nothing from outside
    whereas = [_encode(parsed[("proclamation", "whereas", i)]) for i in range(len(proclamation.whereas))]
    lines = range(len(proclamation.signature_lines))
    context = {
        "title": _encode(parsed[("proclamation", "title")]),
        "whereas": whereas,
        "resolution": _encode(parsed[("proclamation", "resolution")]),
        "signature_lines": [_encode(parsed[("proclamation", "signature_lines", i)]) for i in lines],
        "signer": [_encode([Piece("", name)]) for name in signer_fields(proclamation)],
        "fields": {name: _encode([Piece("", name)]) for name in field_names(proclamation)},
        "logo": LOGO_MARK if campaign.config.branding.logo else "",
        "seal_box": mark and not campaign.config.branding.logo,
        "observance": campaign.config.observance.name,
        "year": campaign.year,
        "labels": campaign.labels_of(LABELS),
    }
    rendered = _render(template, context)
    doc = Document(io.BytesIO(rendered))
    roots = [doc.element] + [
        rel.target_part.element
        for rel in doc.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external
    ]
    for root in roots:
        _split_marked_runs(root, mark)
    if campaign.config.branding.logo:
        _place_logo(doc, campaign)
    title = "".join(p.text for p in parsed[("proclamation", "title")])
    _set_properties(doc, campaign, title)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _cut(buffer.getvalue(), tuple(field_names(proclamation)), template)


def _encode(pieces: list[Piece]) -> str:
    out = []
    for piece in pieces:
        kind = "f" if piece.field else "t"
        out.append(f"\ue000{kind.upper() if piece.bold else kind}{piece.field or piece.text}\ue001")
    return "".join(out)


def _render(template: Path, context: dict[str, object]) -> bytes:
    from docxtpl import DocxTemplate

    env = sandbox(autoescape=True)
    try:
        tpl = DocxTemplate(template)
        with time_budget():
            tpl.render(context, jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise HtpmError(f"proclamation template: syntax error: {exc.message}", template) from None
    except SecurityError as exc:
        raise HtpmError(f"proclamation template tried something unsafe: {exc}", template) from None
    except jinja2.TemplateError as exc:
        raise HtpmError(f"proclamation template: {exc}", template) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise HtpmError(f"proclamation template is not a Word document ({exc})", template) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _split_marked_runs(root, mark: bool) -> None:  # type: ignore[no-untyped-def]
    """Give each marked piece of text a run of its own; placeholders become sentinel runs."""
    for t in list(root.iter(qn("w:t"))):
        text = t.text or ""
        if "\ue000" not in text:
            continue
        run = t.getparent()
        if run.tag != qn("w:r"):
            raise HtpmError("proclamation template: a tag sits outside ordinary text")
        rpr = run.find(qn("w:rPr"))
        others = [child for child in run if child is not rpr]
        at = others.index(t)
        new_runs = [_run(rpr, others[:at])] if others[:at] else []
        pos = 0
        for match in _MARKER.finditer(text):
            if match.start() > pos:
                new_runs.append(_text_run(rpr, text[pos : match.start()]))
            kind, payload = match.groups()
            if kind in "fF":
                r = _text_run(rpr, f"\ue010{payload}\ue011")
                if mark:
                    Run(r, None).font.highlight_color = WD_COLOR_INDEX.YELLOW  # type: ignore[arg-type]
            else:
                r = _text_run(rpr, payload)
            if kind.isupper():
                Run(r, None).font.bold = True  # type: ignore[arg-type]
            new_runs.append(r)
            pos = match.end()
        if pos < len(text):
            new_runs.append(_text_run(rpr, text[pos:]))
        new_runs += [_run(rpr, others[at + 1 :])] if others[at + 1 :] else []
        parent = run.getparent()
        index = parent.index(run)
        parent.remove(run)
        for offset, new in enumerate(new_runs):
            parent.insert(index + offset, new)


def _place_logo(doc, campaign: Campaign) -> None:  # type: ignore[no-untyped-def]
    """The config's logo where the template says `{{ logo }}`, scaled into the seal cell, with its
    alt text on `wp:docPr` (screen readers, tagged PDF)."""
    branding = campaign.config.branding
    assert branding.logo is not None
    path = campaign.asset(branding.logo)
    _w, _h, fmt = image_header(path, branding.logo, ("PNG", "JPEG"))  # a bomb is an error here
    image = load_image(path, branding.logo)
    image.format = fmt
    width, height = image.size
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)  # EMU per pixel
    picture = _print_size(image, scale)
    alt = branding.logo_alt or campaign.config.organization.name
    for t in list(doc.element.body.iter(qn("w:t"))):
        if LOGO_MARK not in (t.text or ""):
            continue
        if (t.text or "").strip() != LOGO_MARK:
            raise HtpmError("proclamation template: {{ logo }} must be alone in its run")
        run = t.getparent()
        inline = doc.part.new_pic_inline(
            io.BytesIO(picture), Emu(round(width * scale)), Emu(round(height * scale))
        )
        inline.docPr.set("descr", alt)
        inline.graphic.graphicData.pic.nvPicPr.cNvPr.set("descr", alt)
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        run.replace(t, drawing)


def _print_size(image: Image.Image, scale: float) -> bytes:
    """The logo at no more than LOGO_DPI where it is printed: every filled copy carries it, so a
    large photo of a seal must not make every file megabytes. Deterministic bytes."""
    pixels = min(image.width, round(LOGO_DPI * image.width * scale / Inches(1)))
    size = (pixels, max(1, round(image.height * pixels / image.width)))
    small = image
    if size != image.size:  # palette images are resampled in full colour, not nearest-neighbour
        small = image.convert("RGBA" if image.mode in ("P", "LA", "RGBA") else "RGB")
        small = small.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.format == "JPEG":
        small.convert("RGB").save(out, "JPEG", quality=90)
    else:
        small.save(out, "PNG", compress_level=9)
    return out.getvalue()


def _run(rpr, children):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for child in children:
        run.append(child)
    return run


def _text_run(rpr, text: str):  # type: ignore[no-untyped-def]
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    return _run(rpr, [t])


def _set_properties(doc, campaign: Campaign, title: str) -> None:  # type: ignore[no-untyped-def]
    """Title, language and fixed dates, so a viewer shows the right title and builds repeat."""
    fixed = dt.datetime(campaign.year, campaign.month, 1)
    props = doc.core_properties
    props.title = title
    props.subject = campaign.config.observance.name
    props.language = campaign.locale
    props.created = props.modified = fixed
    props.last_modified_by = "htpm"
    props.revision = 1
    set_language(doc, campaign.locale)


def _cut(docx: bytes, fields: tuple[str, ...], template: Path) -> CompiledProclamation:
    """Cut every XML part at its sentinels; compress the parts without any once."""
    members: list[tuple[str, StaticMember | Spliced]] = []
    head = tail = b""
    body: Spliced | None = None
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if _ANY_MARKER.search(data.decode("utf-8", "replace")):
                raise HtpmError("proclamation template: a tag's value landed outside document text", template)
            if info.filename == DOCUMENT:
                head, body, tail = _cut_document(data, template)
                members.append((info.filename, body))
            elif _SENTINEL.search(data):
                members.append((info.filename, _splice(data)))
            else:
                members.append((info.filename, compress_member(info.filename, data, 9)))
    if body is None:
        raise HtpmError("proclamation template has no word/document.xml", template)
    return CompiledProclamation(fields, tuple(members), head, body, tail)


def _cut_document(data: bytes, template: Path) -> tuple[bytes, Spliced, bytes]:
    start = data.find(b"<w:body>")
    end = data.rfind(b"</w:body>")
    if start < 0 or end < 0:
        raise HtpmError("proclamation template: word/document.xml has no body", template)
    start += len(b"<w:body>")
    sect = data.rfind(b"<w:sectPr", start, end)
    if sect < 0 or data.find(b"</w:p>", sect, end) >= 0 or data.find(b"</w:tbl>", sect, end) >= 0:
        sect = end  # no final section properties at body level
    head, inner, tail = data[:start], data[start:sect], data[sect:]
    if _SENTINEL.search(head) or _SENTINEL.search(tail):
        raise HtpmError("proclamation template: a placeholder sits in the section properties", template)
    return head, _splice(inner), tail


def _splice(data: bytes) -> Spliced:
    parts = _SENTINEL.split(data)
    return Spliced(tuple(parts[0::2]), tuple(p.decode() for p in parts[1::2]))
