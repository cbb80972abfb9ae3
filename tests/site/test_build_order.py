"""The site is made from the build's own artifacts: a generator that reads the others' outputs runs
after every other generator and after the PDFs, and sees them all in `ctx.made`."""

from __future__ import annotations

import pytest

from htpm.artifacts import Artifact, BuildContext
from htpm.build import generate_all
from htpm.campaign import Campaign
from tests.foundation.test_outputs import _Fake  # the build's view of a generator record


def test_readers_run_last_and_see_every_artifact_and_pdf(
    water_safety: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def reader(_campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
        seen.extend(a.path for a in ctx.made)
        return [Artifact("site/index.html", b"x")]

    def doc(_campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
        ctx.want_pdf("doc/a.docx")
        return [Artifact("doc/a.docx", b"docx")]

    monkeypatch.setattr("htpm.pdf.pdf_artifacts", lambda made, ctx: [Artifact("doc/a.pdf", b"%PDF")])
    generators = [_Fake("site", reader, reads_outputs=True), _Fake("doc", doc)]
    made = generate_all(water_safety, generators, BuildContext(pdf=True))  # type: ignore[arg-type]
    assert seen == ["doc/a.docx", "doc/a.pdf"]
    assert [a.path for a in made] == ["doc/a.docx", "doc/a.pdf", "site/index.html"]
