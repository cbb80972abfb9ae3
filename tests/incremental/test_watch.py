"""`htpm build --watch`: a saved post rebuilds the posts, the copy, the calendar and the toolkit only."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

import htpm.pdf
from htpm.build import BuildResult
from htpm.generators import owner_of
from htpm.watching import watch_build
from tests.incremental.kit import base_config, run, write_campaign

T = TypeVar("T")


def _save_until_seen(save: Callable[[], object], seen: queue.Queue[T]) -> T:
    """Save, and again while the watcher is not listening yet, until it reports a rebuild."""
    for _ in range(20):
        save()
        try:
            return seen.get(timeout=15)
        except queue.Empty:
            continue
    pytest.fail("no rebuild after saving the config")


def test_a_saved_post_rebuilds_what_it_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    config = write_campaign(tmp_path / "campaign", base_config())
    out = tmp_path / "out"
    results: queue.Queue[BuildResult] = queue.Queue()
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()

    def rebuild() -> BuildResult:
        result = run(config, out)
        results.put(result)
        return result

    watcher = threading.Thread(target=watch_build, args=(config, out, rebuild, lines.put, stop, 50))
    watcher.start()
    try:
        first = results.get(timeout=300)
        assert first.report.written and lines.get(timeout=5).startswith(
            f"{len(first.report.written)} written"
        )
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        post = data["weeks"][0]["sections"][0]["posts"][0]
        post["text"] = post["text"].replace(".", ", every day.", 1)
        second = _save_until_seen(lambda: write_campaign(config.parent, data), results)
        line = lines.get(timeout=5)
    finally:
        stop.set()
        watcher.join(timeout=30)
    # those that read posts ran (the deck and the site read everything); the copy says no post, so
    # its bytes stayed and were not rewritten, nor were the deck's
    assert set(second.skipped) == {"graphics", "proclamation"}
    owners = {owner_of(path).name for path in second.report.written}  # type: ignore[union-attr]
    assert owners == {"social", "calendar", "toolkit", "site"}
    assert "toolkit.docx" in second.report.written and "calendar.ics" in second.report.written
    assert line.startswith(f"config.yaml: {len(second.report.written)} written: ")
    assert line.endswith("(proclamation, graphics unchanged)") and "\n" not in line


def test_a_broken_save_is_one_line_and_watching_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    config = write_campaign(tmp_path / "campaign", base_config())
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    builds: queue.Queue[int] = queue.Queue()

    def rebuild() -> BuildResult:
        builds.put(1)
        return run(config, tmp_path / "out")

    watcher = threading.Thread(
        target=watch_build, args=(config, tmp_path / "out", rebuild, lines.put, stop, 50)
    )
    watcher.start()
    try:
        lines.get(timeout=300)
        text = config.read_text(encoding="utf-8").replace("observance:", "observanse:", 1)
        line = _save_until_seen(lambda: config.write_text(text, encoding="utf-8"), lines)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert line.startswith("config.yaml: ") and "config.yaml:" in line[len("config.yaml: ") :]
    assert "observanse" in line and "\n" not in line
    assert not watcher.is_alive()
