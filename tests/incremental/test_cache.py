"""The cache: where it lives, that deleting or damaging it only costs time, that it stays bounded, and
that the writer's conflict detection never sees it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import htpm.pdf
from htpm.cache import CACHE_DIR, BuildCache
from htpm.generators import NAMES
from htpm.incremental import campaign_json
from tests.incremental.kit import base_config, differing, outputs, run, write_campaign

ALL = set(NAMES)


@pytest.fixture
def kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    return write_campaign(tmp_path / "campaign", base_config())


def test_the_cache_lives_in_the_output_folder_never_beside_the_config(kit: Path, tmp_path: Path) -> None:
    run(kit, tmp_path / "out")
    assert (tmp_path / "out" / CACHE_DIR / "index.json").is_file()
    assert list((tmp_path / "out" / CACHE_DIR / "blobs").glob("*/*"))  # the graphics' pixels
    assert not [p for p in kit.parent.rglob("*") if p.name.startswith(".htpm")]
    manifest = json.loads((tmp_path / "out" / ".htpm-manifest.json").read_text())
    assert not [p for p in manifest["files"] if CACHE_DIR in p]


def test_no_op_and_deleted_cache_give_the_same_files(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(kit, out)
    assert first.skipped == [] and first.report.written
    before = outputs(out)
    again = run(kit, out)
    assert set(again.skipped) == ALL
    assert again.report.written == [] and len(again.report.unchanged) == len(before)
    assert again.warnings == first.warnings  # repeated, not lost
    shutil.rmtree(out / CACHE_DIR)
    cold = run(kit, out)
    assert cold.skipped == [] and cold.report.written == []  # rebuilt, every byte the same
    assert differing(before, outputs(out)) == []


def test_a_damaged_cache_is_ignored(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(kit, out)
    before = outputs(out)
    (out / CACHE_DIR / "index.json").write_text("{not json", encoding="utf-8")
    for blob in (out / CACHE_DIR / "blobs").glob("*/*"):
        blob.write_bytes(b"")  # an empty PNG would be wrong: it must not be taken
    result = run(kit, out, force=True)
    assert result.skipped == []
    assert differing(before, outputs(out)) == []


def test_force_rebuilds_everything(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(kit, out)
    assert run(kit, out, force=True).skipped == []
    assert set(run(kit, out).skipped) == ALL


def test_an_edited_output_is_not_reused_and_stays_a_conflict(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(kit, out)
    (out / "calendar.ics").write_bytes(b"edited by hand")
    result = run(kit, out)
    assert "calendar" not in result.skipped and result.report.conflicts == ["calendar.ics"]
    assert (out / "calendar.ics").read_bytes() == b"edited by hand"
    assert "calendar" not in run(kit, out).skipped  # still not trusted while the conflict lasts


def test_files_in_the_cache_are_no_conflicts(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(kit, out)
    (out / CACHE_DIR / "stray.txt").write_text("mine", encoding="utf-8")
    result = run(kit, out)
    assert result.report.conflicts == [] and result.report.removed == []


def test_blobs_are_bounded_oldest_first(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    for i in range(5):
        cache.put(f"{i:064x}", bytes(1000))
    cache.save()
    blobs = sorted((tmp_path / CACHE_DIR / "blobs").glob("*/*"))
    for age, blob in enumerate(blobs):
        os.utime(blob, (1_000_000 + age, 1_000_000 + age))
    cache._bound(limit=2500)
    assert sorted(p.name for p in (tmp_path / CACHE_DIR / "blobs").glob("*/*")) == [
        f"{3:064x}",
        f"{4:064x}",
    ]


def test_the_fast_path_restores_the_campaign(kit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    loaded = run(kit, out).campaign
    restored = run(kit, out).campaign
    assert restored == loaded and restored.sources == loaded.sources
    assert campaign_json(restored) == campaign_json(loaded)


def test_a_new_template_beside_the_config_is_seen(kit: Path, tmp_path: Path) -> None:
    """A file that did not exist (an override) changes the fingerprint when it appears."""
    out = tmp_path / "out"
    run(kit, out)
    override = kit.parent / "copy" / "newsletter.txt.j2"
    override.parent.mkdir()
    override.write_text("Only this.\n", encoding="utf-8")
    result = run(kit, out)
    assert "copy" not in result.skipped and "graphics" in result.skipped
    assert (out / "copy" / "newsletter.txt").read_text(encoding="utf-8").startswith("Only this.")
