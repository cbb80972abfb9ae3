"""`htpm build --watch`: the incremental build again after each save, one line of what changed.

Built on watchfiles (native file-system events, polling where there are none). It watches the
config's folders, htpm's templates/ and brand_assets/, never the output folder (a build's own
writes would wake it) nor hidden files (editors' swap files, the cache). Each batch of changes runs
the same `build` as `htpm build`: generators whose inputs did not change are skipped, so a post edit
rewrites the posts, the copy, the calendar and the toolkit, and redraws no graphic. A user's error
(a typo in the config) is one line, and watching goes on until the next save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from htpm.build import BuildResult
from htpm.errors import ConfigError, HtpmError
from htpm.paths import brand_assets_dir, inside, templates_dir

SHOWN = 6  # written files named in the line; the rest are counted


def watched_roots(config: Path, result: BuildResult | None) -> list[Path]:
    """The folders whose files a build reads: the config's (and its parents'), templates, assets."""
    dirs = list(result.campaign.config_dirs) if result is not None else [config.resolve().parent]
    return sorted({d.resolve() for d in (*dirs, templates_dir(), brand_assets_dir()) if d.is_dir()})


def summary(result: BuildResult, changed: list[str]) -> str:
    """One line: what was saved, what ran, what was written."""
    written = result.report.written
    named = ", ".join(written[:SHOWN]) + (f" and {len(written) - SHOWN} more" if len(written) > SHOWN else "")
    saved = f"{', '.join(changed)}: " if changed else ""
    skipped = f" ({', '.join(result.skipped)} unchanged)" if result.skipped else ""
    kept = (
        f"; {len(result.report.conflicts)} edited since the last build, kept"
        if result.report.conflicts
        else ""
    )
    if not written:
        return f"{saved}nothing to rewrite{skipped}{kept}"
    return f"{saved}{len(written)} written: {named}{skipped}{kept}"


def watch_build(
    config: Path,
    out_dir: Path,
    rebuild: Callable[[], BuildResult],
    report: Callable[[str], None],
    stop: threading.Event | None = None,
    debounce_ms: int = 300,
) -> int:
    """Build, then build again after each batch of saves until Ctrl-C (or `stop` is set); returns the
    number of builds. `report` gets one line per build (or per error)."""
    out = out_dir.resolve()
    result = _once(rebuild, report, [])
    builds = 1

    def wanted(_change: object, name: str) -> bool:
        path = Path(name)
        return not inside(path, out) and not any(part.startswith(".") for part in path.parts[-3:])

    from watchfiles import watch

    try:
        while stop is None or not stop.is_set():
            roots = watched_roots(config, result)
            for changes in watch(
                *roots, watch_filter=wanted, debounce=debounce_ms, stop_event=stop, raise_interrupt=True
            ):
                changed = sorted({Path(name).name for _, name in changes})
                result = _once(rebuild, report, changed) or result
                builds += 1
                if watched_roots(config, result) != roots:  # the config extends another folder now
                    break
            else:
                break
    except KeyboardInterrupt:
        report("stopped watching")
    return builds


def _once(
    rebuild: Callable[[], BuildResult], report: Callable[[str], None], changed: list[str]
) -> BuildResult | None:
    try:
        result = rebuild()
    except ConfigError as exc:
        report(f"{', '.join(changed) or 'build'}: " + "; ".join(exc.lines))
        return None
    except HtpmError as exc:
        report(f"{', '.join(changed) or 'build'}: " + str(exc).replace("\n", "; "))
        return None
    report(summary(result, changed))
    return result
