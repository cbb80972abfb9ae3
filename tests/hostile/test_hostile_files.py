"""Files from other organizations that are not what they seem: a link to /dev/zero, a named pipe, a
folder. Each is one line naming the file, at once (never a hang, never a read until memory runs out)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from htpm.errors import HtpmError
from htpm.validation import validate_config
from tests.conftest import WATER_SAFETY


def _kinds(tmp_path: Path) -> dict[str, Path]:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    return {"zero": zero, "fifo": fifo, "folder": folder}


def test_a_config_that_is_not_a_regular_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for kind, path in _kinds(tmp_path).items():
        problems = validate_config(Path(path.name)).problems
        assert [str(p) for p in problems] == [
            f"{path.name}: cannot read: not a regular file (a folder, a device or a pipe)"
        ], kind


def test_prose_and_csv_that_are_not_regular_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from htpm.config import load_campaign
    from htpm.proclamation import fill_csv

    monkeypatch.chdir(tmp_path)
    kinds = _kinds(tmp_path)
    os.mkfifo(tmp_path / "intro.md")  # a pipe: opening it would wait for a writer forever
    (tmp_path / "notes.md").symlink_to("/dev/zero")
    text = WATER_SAFETY.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("introduction:"))
    end = start + 1
    while lines[end].startswith("  "):
        end += 1
    lines[start:end] = ["introduction: {file: intro.md}\n"]
    (tmp_path / "config.yaml").write_text("".join(lines), encoding="utf-8")
    problems = validate_config(Path("config.yaml")).problems
    assert [p.message for p in problems] == [
        "file: intro.md: cannot read it (not a regular file (a folder, a device or a pipe))"
    ]
    (tmp_path / "config.yaml").write_text("".join(lines).replace("intro.md", "notes.md"), encoding="utf-8")
    problems = validate_config(Path("config.yaml")).problems
    assert [p.message for p in problems] == ["file: notes.md is outside the config's folder"]
    campaign = load_campaign(WATER_SAFETY)
    for kind in ("zero", "fifo"):
        with pytest.raises(HtpmError, match="cannot read it"):
            fill_csv(campaign, kinds[kind], tmp_path / "out")
