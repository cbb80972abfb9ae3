"""`htpm build` output: the blank proclamation (proclamation/proclamation.docx and .md, and .pdf
with --pdf). Filling it in is `htpm proclamation fill` (htpm.proclamation)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.proclamation.blank import blank_markdown, blank_values
from htpm.proclamation.compiled import compile_proclamation
from htpm.proclamation.text import field_names

FOLDER = "proclamation"


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    proclamation = campaign.config.proclamation
    if proclamation is None:
        return []
    compiled = compile_proclamation(campaign, mark=True)
    for name in field_names(proclamation):
        if name not in compiled.used:
            ctx.warn(
                f"proclamation.placeholders: {name} is declared but the proclamation never shows it",
                kind="proclamation",
            )
    docx = compiled.fill(blank_values(campaign))
    artifacts = [
        Artifact(f"{FOLDER}/proclamation.docx", docx),
        Artifact(f"{FOLDER}/proclamation.md", blank_markdown(campaign).encode("utf-8")),
    ]
    if ctx.pdf:
        pdf = _pdf(docx, ctx)
        if pdf is not None:
            artifacts.append(Artifact(f"{FOLDER}/proclamation.pdf", pdf))
    return artifacts


def _pdf(docx: bytes, ctx: BuildContext) -> bytes | None:
    from htpm.pdf import PdfUnavailable, convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="htpm-proclamation-") as tmp:
        source = Path(tmp) / "proclamation.docx"
        source.write_bytes(docx)
        try:
            [pdf] = convert_to_pdf([source], Path(tmp) / "pdf")
        except PdfUnavailable as exc:
            ctx.warn(f"proclamation: {exc.message}", kind="pdf")
            return None
        return pdf.read_bytes()
