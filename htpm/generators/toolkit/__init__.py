"""The toolkit document: toolkit.docx, and toolkit.pdf with `--pdf` where LibreOffice is installed.

The table of contents is a real TOC field whose result is pre-filled: LibreOffice prints the
cached result as it is, Word refreshes it on opening. Its page numbers come from a first
LibreOffice conversion (read back from the PDF's bookmarks) of the document with stand-in numbers,
which is built once: only its contents change for the final bytes. Without LibreOffice the entries
carry no numbers until Word updates them.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from pypdf import PdfReader

from htpm.artifacts import Artifact, BuildContext
from htpm.background import Background
from htpm.cache import Memo
from htpm.campaign import Campaign
from htpm.docx.writer import HeadingRef
from htpm.errors import HtpmError
from htpm.fingerprints import Hasher, office_version
from htpm.generators.toolkit.document import BuiltDocument, build_document, open_base
from htpm.pdf import PdfConversionFailed, convert_to_pdf, soffice_available
from htpm.problems import Problem, problems_of

__all__ = ["DOCX_NAME", "PDF_NAME", "build_document", "check", "generate", "outline_pages", "prepare"]

DOCX_NAME = "toolkit.docx"
PDF_NAME = "toolkit.pdf"


def check(campaign: Campaign) -> list[Problem]:
    """The base document (htpm's, or a designer's override beside the config) opens and has
    every style the toolkit uses."""
    try:
        open_base(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    return []


def prepare(jobs: Sequence[tuple[Campaign, Memo]]) -> None:
    """Before a build checks and generates anything (htpm.build): each locale's document with
    stand-in numbers, and ONE LibreOffice run measuring all of those not measured before, on a
    thread of its own while the build goes on (one start of LibreOffice for English and Spanish, not
    one each). `generate` takes both from the campaign's memo."""
    if not soffice_available():
        return
    todo = []
    for campaign, memo in jobs:
        said: list[str] = []
        try:
            first = build_document(campaign, said.append, None, placeholder_pages=True)
        except Exception:  # noqa: BLE001 - before the checks: `generate` meets it again, after them
            continue
        campaign.memo[_FIRST] = (first, said)
        if memo.get(_pages_key(first)) is None:
            todo.append((campaign, first))
    if todo:
        firsts = [first for _, first in todo]
        measuring = Background(lambda: _measure(firsts), "htpm-toolkit-pages")
        for index, (campaign, _) in enumerate(todo):
            campaign.memo[_MEASURING] = (measuring, index)


_FIRST, _MEASURING = "toolkit.first", "toolkit.measuring"
Measured = list[tuple[dict[str, int], int]]  # per document: each heading's page, the page count


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    ctx.progress("toolkit: writing the document")
    if ctx.dry:
        return [Artifact(DOCX_NAME, build_document(campaign, ctx.warn, None).data)]
    ctx.want_pdf(DOCX_NAME)
    have_office = soffice_available()
    prepared = cast(tuple[BuiltDocument, list[str]] | None, campaign.memo.pop(_FIRST, None))
    if prepared is not None and have_office:
        first, said = prepared
        for message in said:
            ctx.warn(message)
    else:
        first = build_document(campaign, ctx.warn, None, placeholder_pages=have_office)
    if not have_office:
        return [Artifact(DOCX_NAME, first.data)]
    key = _pages_key(first)
    known = ctx.memo.get(key)
    if known is not None:  # this document was measured before: it is never converted twice
        found = json.loads(known)
        pages = {str(k): int(v) for k, v in found["pages"].items()}
        return [Artifact(DOCX_NAME, first.with_pages(pages, int(found["count"])))]
    ctx.progress("toolkit: measuring pages with LibreOffice")
    # LibreOffice runs on its own while the next generators run (in a build); then the numbers go in
    handed = cast(tuple[Background[Measured], int] | None, campaign.memo.pop(_MEASURING, None))
    measuring, index = handed or (Background(lambda: _measure([first]), "htpm-toolkit-pages"), 0)

    def finish() -> list[Artifact]:
        try:
            pages, count = measuring.result()[index]
        except PdfConversionFailed as exc:
            ctx.warn(f"toolkit: {exc.message}; the table of contents has no page numbers", kind="pdf")
            return [Artifact(DOCX_NAME, first.with_pages(None, None))]
        ctx.memo.put(key, json.dumps({"pages": pages, "count": count}, sort_keys=True).encode())
        return [Artifact(DOCX_NAME, first.with_pages(pages, count))]

    return ctx.later(finish)


def _pages_key(first: BuiltDocument) -> str:
    return Hasher("toolkit pages", first.data, office_version()).hexdigest()


def _measure(firsts: Sequence[BuiltDocument]) -> Measured:
    """One LibreOffice conversion of the documents with stand-in numbers, each read back: the page
    of each heading and the page count."""
    with tempfile.TemporaryDirectory(prefix="htpm-toolkit-") as tmp:
        folder = Path(tmp) / "measure"
        folder.mkdir()
        sources = []
        for number, first in enumerate(firsts):
            sources.append(folder / f"toolkit-{number}.docx")
            sources[-1].write_bytes(first.data)
        measured = convert_to_pdf(sources, folder, timeout=180 + 30 * len(sources))
        return [
            (outline_pages(pdf, first.headings), len(PdfReader(pdf).pages))
            for pdf, first in zip(measured, firsts, strict=True)
        ]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def outline_pages(pdf: Path, headings: tuple[HeadingRef, ...] | list[HeadingRef]) -> dict[str, int]:
    """Page number (1-based, the cover is page 1) of each heading, found in order in the PDF's
    bookmarks, which LibreOffice writes from the headings."""
    reader = PdfReader(pdf)
    flat: list[tuple[str, int]] = []

    def walk(items: list) -> None:  # noqa: ANN001 - pypdf outline nodes
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                index = reader.get_destination_page_number(item)
                if index is not None:
                    flat.append((_norm(str(item.title)), index + 1))

    walk(reader.outline)
    pages: dict[str, int] = {}
    position = 0
    for ref in headings:
        wanted = _norm(ref.text)
        for index in range(position, len(flat)):
            if flat[index][0].startswith(wanted):
                pages[ref.bookmark] = flat[index][1]
                position = index + 1
                break
    return pages
