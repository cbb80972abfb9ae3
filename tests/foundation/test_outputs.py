"""The writer: confinement, atomicity, determinism, conflicts, unchanged files left alone."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from htpm.artifacts import Artifact, BuildContext
from htpm.build import build
from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.fingerprints import everything
from htpm.outputs import MANIFEST, write_artifacts
from tests.conftest import WATER_SAFETY


@pytest.mark.parametrize("bad", ["../escape.txt", "/etc/passwd", "a/../../b", "", "a\\..\\b"])
def test_artifact_paths_must_stay_inside(bad: str) -> None:
    with pytest.raises(ValueError):
        Artifact(bad, b"x")


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(HtpmError, match="outside"):
        write_artifacts([Artifact("link/x.txt", b"x")], out)
    assert not (outside / "x.txt").exists()


def test_writes_and_manifest(tmp_path: Path) -> None:
    report = write_artifacts([Artifact("a.txt", b"A"), Artifact("sub/b.txt", b"B")], tmp_path)
    assert sorted(report.written) == ["a.txt", "sub/b.txt"]
    assert (tmp_path / "sub" / "b.txt").read_bytes() == b"B"
    assert "a.txt" in (tmp_path / MANIFEST).read_text()


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_artifacts([Artifact("a.txt", b"A")], tmp_path)
    os.utime(tmp_path / "a.txt", (1_000_000, 1_000_000))
    report = write_artifacts([Artifact("a.txt", b"A")], tmp_path)
    assert report.unchanged == ["a.txt"] and report.written == []
    assert (tmp_path / "a.txt").stat().st_mtime == 1_000_000


def test_user_edit_is_a_conflict_and_kept_unless_force(tmp_path: Path) -> None:
    write_artifacts([Artifact("a.txt", b"A1")], tmp_path)
    (tmp_path / "a.txt").write_bytes(b"edited by hand")
    report = write_artifacts([Artifact("a.txt", b"A2")], tmp_path)
    assert report.conflicts == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"edited by hand"
    report = write_artifacts([Artifact("a.txt", b"A2")], tmp_path, force=True)
    assert report.written == ["a.txt"] and (tmp_path / "a.txt").read_bytes() == b"A2"


def test_foreign_file_with_the_same_name_is_a_conflict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"mine")
    assert write_artifacts([Artifact("a.txt", b"A")], tmp_path).conflicts == ["a.txt"]


def test_stale_outputs_removed_but_edited_ones_kept(tmp_path: Path) -> None:
    write_artifacts([Artifact("old/a.txt", b"A"), Artifact("b.txt", b"B")], tmp_path)
    (tmp_path / "b.txt").write_bytes(b"edited")
    report = write_artifacts([Artifact("c.txt", b"C")], tmp_path)
    assert report.removed == ["old/a.txt"]
    assert not (tmp_path / "old").exists() and (tmp_path / "b.txt").read_bytes() == b"edited"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failure_while_moving_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_artifacts([Artifact(f"f{i}.txt", b"old%d" % i) for i in range(5)], tmp_path)
    before = _snapshot(tmp_path)
    real_replace, calls = os.replace, {"n": 0}

    def flaky(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 6:  # in the middle of moving new files into place
            raise OSError("disk full")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(HtpmError, match="disk full"):
        write_artifacts([Artifact(f"f{i}.txt", b"new%d" % i) for i in range(5)], tmp_path)
    monkeypatch.setattr(os, "replace", real_replace)
    assert _snapshot(tmp_path) == before  # byte for byte, and no staging folders left


def _fake_generators(monkeypatch: pytest.MonkeyPatch, fail_second: bool) -> None:
    def first(campaign, ctx: BuildContext) -> list[Artifact]:  # type: ignore[no-untyped-def]
        return [Artifact("first.txt", campaign.config.theme.name.encode())]

    def second(campaign, ctx: BuildContext) -> list[Artifact]:  # type: ignore[no-untyped-def]
        if fail_second:
            raise HtpmError("injected failure")
        return [Artifact("second.txt", str(campaign.year).encode())]

    monkeypatch.setattr("htpm.build.select", lambda only: [_Fake("first", first), _Fake("second", second)])


@dataclass(frozen=True)
class _Fake:
    """A generator record as the build sees one: a name, what it owns, its checks and its work."""

    name: str
    generate: Callable[..., list[Artifact]]
    reads_outputs: bool = False
    prepare: None = None  # nothing to start for every locale first

    def owns_path(self, path: str) -> bool:
        return path.startswith(self.name)

    def check(self, campaign: object) -> list[object]:
        return []

    def fingerprint(self, campaign: Campaign) -> str:
        return everything(campaign)


def test_failed_build_leaves_earlier_outputs_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_generators(monkeypatch, fail_second=False)
    build(WATER_SAFETY, tmp_path, lint=False)
    before = _snapshot(tmp_path)
    _fake_generators(monkeypatch, fail_second=True)
    with pytest.raises(HtpmError, match="injected"):  # forced: unchanged inputs would skip the generators
        build(WATER_SAFETY, tmp_path, lint=False, force=True)
    assert _snapshot(tmp_path) == before


def test_rebuild_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_generators(monkeypatch, fail_second=False)
    build(WATER_SAFETY, tmp_path / "a", lint=False)
    build(WATER_SAFETY, tmp_path / "b", lint=False)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    again = build(WATER_SAFETY, tmp_path / "a", lint=False)
    assert again.report.written == [] and len(again.report.unchanged) == 2
