"""`htpm graphics --watch`: regenerate when a layout, an asset or the config changes.

No file-watching dependency: the loop polls the modification times of the files a render used
(the config and its Markdown, the layouts and sizes file, labels, fonts, logos, photos) about
once a second; that is cheap for a few dozen files and works the same on every system. A failed
render (a typo in a layout) is reported and the loop goes on, so the designer can fix and save.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from htpm.campaign import Campaign
from htpm.errors import HtpmError

Snapshot = dict[str, tuple[int, int]]


def watched_files(campaign: Campaign) -> list[Path]:
    """Every file whose change can change the graphics."""
    files: list[Path] = [campaign.path]
    for folder in campaign.config_dirs:
        files += sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.md")) + sorted(folder.glob("*/*.md"))
    for base in campaign.template_dirs:
        files += sorted((base / "graphics").glob("*.yaml"))
        files += sorted((base / "labels" / campaign.language).glob("*.yaml"))
    branding = campaign.config.branding
    names = [branding.logo, branding.photo, branding.fonts.heading, branding.fonts.body]
    for name in names:
        for candidate in (name, f"fonts/{name}") if name else ():
            try:
                files.append(campaign.asset(candidate))
                break
            except HtpmError:
                continue
    return sorted(set(files))


def snapshot(files: Iterable[Path]) -> Snapshot:
    """(mtime in ns, size) of each file; a missing file is (0, -1), so its return is a change too."""
    out: Snapshot = {}
    for path in files:
        try:
            stat = path.stat()
            out[str(path)] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            out[str(path)] = (0, -1)
    return out


def watch(
    rebuild: Callable[[], Campaign],
    report: Callable[[str], None],
    initial: Iterable[Path] = (),
    interval: float = 1.0,
    max_iterations: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run `rebuild` (load, render, write; it returns the campaign it loaded), then again after
    each change of a watched file; `initial` (the config) is watched until a build succeeds.
    Returns the number of rebuilds (for tests: `max_iterations` bounds the polls, `sleep` can be
    replaced). Stops on Ctrl-C."""
    builds = 0
    files, before = _build(rebuild, report, list(initial))
    builds += 1
    polls = 0
    try:
        while max_iterations is None or polls < max_iterations:
            sleep(interval)
            polls += 1
            now = snapshot(files)
            if now == before:
                continue
            changed = sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))
            report(f"changed: {', '.join(Path(c).name for c in changed)}")
            files, before = _build(rebuild, report, files)
            builds += 1
    except KeyboardInterrupt:
        report("stopped watching")
    return builds


def _build(
    rebuild: Callable[[], Campaign], report: Callable[[str], None], previous: list[Path]
) -> tuple[list[Path], Snapshot]:
    """Rebuild once; on a user error keep watching the files of the last good build."""
    try:
        campaign = rebuild()
        files = watched_files(campaign)
    except HtpmError as exc:
        report(f"error: {exc}")
        files = previous
    return files, snapshot(files)
