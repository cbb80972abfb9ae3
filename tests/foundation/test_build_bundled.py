"""End to end: `htpm build` of the bundled campaign writes every output, and a rebuild changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from htpm.build import BuildResult, build
from htpm.generators import NAMES
from htpm.outputs import MANIFEST
from tests.conftest import CONFIG_2023


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("dist")
    return out, build(CONFIG_2023, out)


def test_every_generator_wrote_its_outputs(built: tuple[Path, BuildResult]) -> None:
    out, result = built
    written = set(result.report.written)
    assert "toolkit.docx" in written and "calendar.ics" in written
    assert {"social/posts.json", "copy/newsletter.html", "proclamation/proclamation.docx"} <= written
    assert any(p.startswith("graphics/") and p.endswith(".png") for p in written)
    assert {"slides/presentation.pptx", "slides/template.pptx"} <= written
    assert set(NAMES) == {
        "toolkit",
        "social",
        "copy",
        "calendar",
        "proclamation",
        "graphics",
        "slides",
        "site",
    }
    assert "site/index.html" in written
    manifest = json.loads((out / MANIFEST).read_text())["files"]
    assert set(manifest) == written
    assert not list(out.glob(".htpm-staging-*"))


def test_build_warns_but_succeeds_on_the_faithful_2023_text(built: tuple[Path, BuildResult]) -> None:
    _, result = built
    assert any("left out of X" in w for w in result.warnings)
    assert any(w.kind == "lint" for w in result.warnings)


def test_rebuild_changes_nothing(built: tuple[Path, BuildResult]) -> None:
    out, first = built
    again = build(CONFIG_2023, out)
    assert again.report.written == [] and again.report.conflicts == []
    assert sorted(again.report.unchanged) == sorted(first.report.written)


def test_only_builds_a_subset_and_keeps_the_rest(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    result = build(CONFIG_2023, out, only=["calendar"])
    assert result.report.unchanged == ["calendar.ics"] and result.report.removed == []
    assert (out / "toolkit.docx").exists()
