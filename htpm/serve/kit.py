"""The kit `htpm serve` shows: one in-memory build (`htpm.build.generate_all`, the same
generators and artifacts as `htpm build`; nothing written) and what reviewers need beside it.

`rebuild` is the one function the server calls after a change. It runs every generator again in
memory, with the previous build's results finer than a generator (drawn graphics, the toolkit's
page numbers, by the hash of their inputs): a post edit redraws no graphic.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from htpm.artifacts import BuildContext, BuildWarning
from htpm.cache import Memo
from htpm.campaign import Campaign
from htpm.errors import ConfigError, HtpmError, Location
from htpm.site.colours import Figure, site_colours
from htpm.site.pages import PREFIX

LEFT_OUT_KINDS = ("post-too-long", "too-many-hashtags")
PAGE_IMAGE_DOCS = ("toolkit.docx", "proclamation/proclamation.docx")


@dataclass(frozen=True)
class Flag:
    """A lint finding, where to fix it, and the words it flags (to mark them on the page)."""

    where: str  # file:line:col
    severity: str
    rule: str
    message: str
    match: str


@dataclass
class Kit:
    campaign: Campaign
    files: dict[str, bytes]  # the site's files, by path inside site/
    documents: dict[str, bytes]  # every other artifact, by path (for page images)
    flags: list[Flag] = field(default_factory=list)
    fill_ins: list[tuple[str, str]] = field(default_factory=list)  # (name, file:line)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    contrast: list[Figure] = field(default_factory=list)
    page_images: dict[str, list[bytes]] = field(default_factory=dict)  # document -> PNG pages
    memo: Memo = field(default_factory=Memo)  # drawn graphics, page numbers: for the next rebuild


def _where(location: Location) -> str:
    return ":".join(str(p) for p in (location.file, location.line, location.col) if p)


def rebuild(config: Path, locale: str | None, previous: Kit | None = None) -> Kit:
    """Load, check, lint and generate the whole kit in memory. A mistake in the config raises
    ConfigError or HtpmError with the same file:line messages as `htpm build`; the caller keeps
    `previous` on screen."""
    from htpm.build import generate_all
    from htpm.config import load_campaign
    from htpm.generators import select
    from htpm.lint import lint_campaign
    from htpm.validation import check_or_raise

    campaign = load_campaign(config, locale=locale) if locale else load_campaign(config)
    generators = select(None)
    check_or_raise(campaign, generators)
    findings = lint_campaign(campaign)
    ctx = BuildContext(memo=Memo(previous.memo if previous is not None else None))
    artifacts = generate_all(campaign, generators, ctx)
    files = {a.path[len(PREFIX) :]: a.data for a in artifacts if a.path.startswith(PREFIX)}
    documents = {a.path: a.data for a in artifacts if not a.path.startswith(PREFIX)}
    warnings: list[BuildWarning] = list(ctx.warnings)
    _figures = site_colours(campaign)[1]
    return Kit(
        campaign=campaign,
        files=files,
        documents=documents,
        flags=[
            Flag(_where(f.location), f.severity, f.rule_id, f.message, f.match)
            for f in findings
            if f.severity != "info"
        ],
        fill_ins=[(name, _where(where)) for name, where in campaign.open_fill_ins],
        left_out=[w.message for w in warnings if w.kind in LEFT_OUT_KINDS],
        warnings=[w.message for w in warnings if w.kind not in LEFT_OUT_KINDS],
        contrast=_figures,
        page_images=_reuse_images(previous, documents),
        memo=ctx.memo,
    )


def error_lines(exc: HtpmError) -> list[str]:
    """The messages `htpm build` prints for this mistake, one a line."""
    return list(exc.lines) if isinstance(exc, ConfigError) else str(exc).splitlines()


def _reuse_images(previous: Kit | None, documents: dict[str, bytes]) -> dict[str, list[bytes]]:
    if previous is None:
        return {}
    return {
        name: pages
        for name, pages in previous.page_images.items()
        if previous.documents.get(name) == documents.get(name)
    }


def page_images(kit: Kit, resolution: int = 40) -> dict[str, list[bytes]]:
    """The toolkit and proclamation as PNG pages (LibreOffice, then poppler's pdftoppm), or {}
    when either is missing. Slow (seconds): the server runs it after a build, in the background."""
    import shutil

    from htpm.pdf import PdfConversionFailed, PdfUnavailable, convert_to_pdf, soffice_available

    wanted = [name for name in PAGE_IMAGE_DOCS if name in kit.documents and name not in kit.page_images]
    if not wanted or not soffice_available() or not shutil.which("pdftoppm"):
        return dict(kit.page_images)
    out = dict(kit.page_images)
    with tempfile.TemporaryDirectory(prefix="htpm-serve-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, name in enumerate(wanted):
            source = folder / f"{index}-{Path(name).name}"
            source.write_bytes(kit.documents[name])
            sources.append(source)
        try:
            pdfs = convert_to_pdf(sources, folder / "pdf")
        except (PdfUnavailable, PdfConversionFailed):
            return out
        for name, pdf in zip(wanted, pdfs, strict=True):
            stem = folder / f"page-{len(out)}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(resolution), str(pdf), str(stem)],
                check=False,
                capture_output=True,
                timeout=120,
            )
            out[name] = [p.read_bytes() for p in sorted(folder.glob(f"{stem.name}-*.png"))]
    return out
