"""`htpm build --only NAME` replaces and prunes exactly the files NAME's generator owns."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.build import build
from htpm.cache import CACHE_DIR
from htpm.generators import REGISTRY, owner_of
from htpm.outputs import MANIFEST, read_manifest
from tests.conftest import WATER_SAFETY


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("htpm.generators.toolkit.soffice_available", lambda: False)


def _files(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MANIFEST and CACHE_DIR not in p.relative_to(out).parts
    }


def test_only_social_replaces_and_prunes_just_the_social_files(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    text = WATER_SAFETY.read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    build(config, out, lint=False)
    before = _files(out)
    assert "social/buffer-bluesky.csv" in before and "toolkit.docx" in before

    # the config stops writing for Bluesky and changes a post
    edited = text.replace(
        "platforms: [x, facebook, instagram, bluesky]", "platforms: [x, facebook, instagram]"
    )
    edited = edited.replace("Free swim lessons start this week", "Free swim lessons begin this week")
    config.write_text(edited, encoding="utf-8")
    result = build(config, out, only=["social"], lint=False)

    after = _files(out)
    assert result.report.removed == ["social/buffer-bluesky.csv", "social/sprout-social-bluesky.csv"]
    assert "social/buffer-bluesky.csv" not in after
    assert "social/posts.json" in result.report.written
    for path, (data, mtime) in before.items():
        if not path.startswith("social/"):
            assert after[path] == (data, mtime), f"{path} changed in a social-only build"
    # the files of generators that did not run are still ours: in the manifest, never pruned
    manifest = read_manifest(out)
    assert {p for p in before if not p.startswith("social/")} <= set(manifest)
    assert "social/buffer-bluesky.csv" not in manifest


def test_every_output_has_exactly_one_owner(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(WATER_SAFETY, out, lint=False, pdf=False)
    for path in _files(out):
        owners = [g.name for g in REGISTRY if g.owns_path(path)]
        assert len(owners) == 1, (path, owners)
        assert owner_of(path) is not None
