"""The only code that writes a build's files: confined, atomic, deterministic, conflict-aware.

1. Every artifact path is checked to lie inside the output folder (no `..`, no absolute path, no
   symlink inside the folder that leads out of it).
2. Everything is staged in a temporary folder inside the output folder, then moved into place with
   `os.replace`; if any move fails, the files already moved are put back from backups, so a failed
   build leaves the earlier outputs byte for byte and no temporary files.
3. `.htpm-manifest.json` records the hash of each file we wrote. A file whose bytes on disk differ
   from the manifest was edited by someone since: it is a conflict, kept unless `force`.
4. A file whose bytes would not change is not rewritten (its modification time is kept).
5. Crash-safe: before the first move a journal (`.htpm-journal.json`) lists every move; it is
   removed once the last move is done (the commit point). A process killed in between (kill -9,
   power loss) leaves the journal, and the next writer into the folder rolls the moves back, so
   the earlier complete set is what is visible; staging folders left behind are removed.
6. One writer at a time: the output folder itself is locked (`flock` on the folder, an advisory
   lock the system drops when the process ends, however it ends, and no file left behind) while a
   build writes; a second build into the folder is refused, never interleaved.
7. `force` replaces files only: a folder or a link where an output goes is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from htpm.artifacts import Artifact
from htpm.errors import HtpmError
from htpm.paths import inside

MANIFEST = ".htpm-manifest.json"
JOURNAL = ".htpm-journal.json"
_STAGING_PREFIX = ".htpm-staging-"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or the output folder is not a folder
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def previous_output(out_dir: Path, relative: str) -> bytes | None:
    """The bytes of `relative` as the last build into `out_dir` wrote them: None when it is not
    there, not ours, or edited by hand since (its hash no longer matches the manifest)."""
    digest = read_manifest(out_dir).get(relative)
    path = out_dir / relative
    if digest is None or not inside(path, out_dir) or not path.is_file() or path.is_symlink():
        return None
    data = path.read_bytes()
    return data if sha256(data) == digest else None


def target_path(out_dir: Path, relative: str) -> Path:
    """The file an artifact goes to, refusing anything that would land outside `out_dir`."""
    target = out_dir / relative
    if not inside(target, out_dir):
        raise HtpmError(f"refusing to write outside the output folder: {relative}")
    # a symlinked folder inside out_dir must not lead out of it (resolve() followed it above),
    # and the file itself must not be a symlink we would write through
    if target.is_symlink():
        raise HtpmError(f"refusing to write through a symbolic link: {relative}")
    return target


def write_artifacts(
    artifacts: Iterable[Artifact],
    out_dir: Path,
    force: bool = False,
    prune: bool = True,
    owned: Callable[[str], bool] | None = None,
) -> WriteReport:
    """Write `artifacts` into `out_dir` atomically; see the module docstring for the rules.

    `artifacts` may be a generator: each file is staged on disk as it comes, so a batch of
    thousands (`htpm proclamation fill`) never sits in memory at once.

    `prune` removes files of the previous build that this build no longer makes (only files whose
    bytes still match the manifest, i.e. never a file the user edited). With `owned` (a build of
    some generators only), only files it accepts are pruned: the others belong to generators that
    did not run, and stay as they are, in the manifest too.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HtpmError(f"cannot create the output folder: {exc.strerror}", out_dir) from None
    out_dir = out_dir.resolve()
    with output_lock(out_dir):
        return _write_locked(artifacts, out_dir, force, prune, owned)


def _write_locked(
    artifacts: Iterable[Artifact],
    out_dir: Path,
    force: bool,
    prune: bool,
    owned: Callable[[str], bool] | None,
) -> WriteReport:
    old_manifest = read_manifest(out_dir)
    report = WriteReport()
    new_manifest = dict(old_manifest)
    try:
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise HtpmError(f"cannot write into the output folder: {exc.strerror or exc}", out_dir) from None
    try:
        to_write = _stage(artifacts, out_dir, staging, old_manifest, new_manifest, report, force)
        seen = set(report.unchanged) | set(report.conflicts) | {rel for rel, _, _ in to_write}
        stale = []
        if prune:
            for rel, digest in old_manifest.items():
                if rel in seen or (owned is not None and not owned(rel)):
                    continue
                path = out_dir / rel
                if inside(path, out_dir) and path.is_file() and sha256(path.read_bytes()) == digest:
                    stale.append(rel)
                new_manifest.pop(rel, None)
        _commit(out_dir, staging, [(tmp, target) for _, tmp, target in to_write], stale, new_manifest)
    except OSError as exc:  # disk full, permissions: the earlier outputs were put back
        kept = len(old_manifest)
        raise HtpmError(
            f"cannot write the outputs ({exc.strerror or exc}): no file was written or removed; "
            f"the folder's {kept} earlier file(s) are as they were",
            out_dir,
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.unchanged.sort()
    report.written = sorted(rel for rel, _, _ in to_write)
    report.removed = stale
    _remove_empty_dirs(out_dir, [out_dir / rel for rel in stale])
    return report


def _stage(
    artifacts: Iterable[Artifact],
    out_dir: Path,
    staging: Path,
    old_manifest: dict[str, str],
    new_manifest: dict[str, str],
    report: WriteReport,
    force: bool,
) -> list[tuple[str, Path, Path]]:
    """Each artifact that must change, written into `staging`: (path, staged file, target)."""
    seen: set[str] = set()
    staged: list[tuple[str, Path, Path]] = []
    for art in artifacts:
        if art.path in seen:
            raise ValueError(f"two artifacts with the same path: {art.path}")
        seen.add(art.path)
        target = target_path(out_dir, art.path)
        digest = sha256(art.data)
        if target.exists() and not target.is_file():
            raise HtpmError(
                "a folder (or something else that is not a file) stands where this output goes; "
                "move it away (--force replaces files only)",
                target,
            )
        if target.exists():
            on_disk = sha256(target.read_bytes()) if target.is_file() else None
            if on_disk == digest:
                report.unchanged.append(art.path)
                new_manifest[art.path] = digest
                continue
            edited = on_disk is None or old_manifest.get(art.path) != on_disk
            if edited and not force:
                report.conflicts.append(art.path)
                continue
        tmp = staging / f"{len(staged)}.new"
        tmp.write_bytes(art.data)
        staged.append((art.path, tmp, target))
        new_manifest[art.path] = digest
    report.conflicts.sort()
    return staged


def _commit(
    out_dir: Path, staging: Path, staged: list[tuple[Path, Path]], stale: list[str], manifest: dict[str, str]
) -> None:
    """Move the staged files (and the new manifest) into place, removing `stale`; on any failure
    put every file back as it was. The journal makes the same true after a kill (`recover`)."""
    moves: list[tuple[Path | None, Path]] = list(staged)
    manifest_tmp = staging / "manifest.new"
    manifest_tmp.write_text(
        json.dumps({"files": dict(sorted(manifest.items()))}, indent=1) + "\n", encoding="utf-8"
    )
    moves.append((manifest_tmp, out_dir / MANIFEST))
    moves.extend((None, out_dir / rel) for rel in stale)
    _write_journal(out_dir, staging, moves)
    moved: list[tuple[Path, Path | None]] = []  # (target, backup or None if it did not exist)
    try:
        for index, (tmp, target) in enumerate(moves):
            backup = None
            if target.exists():
                backup = staging / f"{index}.old"
                os.replace(target, backup)
            moved.append((target, backup))
            if tmp is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
    except BaseException:
        for target, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, target)
            elif target.exists():
                target.unlink()
        (out_dir / JOURNAL).unlink(missing_ok=True)
        raise
    (out_dir / JOURNAL).unlink()  # the commit point: from here the new set stands
    _sync_folder(out_dir)


def _write_journal(out_dir: Path, staging: Path, moves: list[tuple[Path | None, Path]]) -> None:
    """Every move of this commit, durable on disk before the first one is made."""
    entries = [
        {
            "target": target.relative_to(out_dir).as_posix(),
            "staged": tmp.name if tmp is not None else None,
            "backup": f"{index}.old",
            "existed": target.exists(),
        }
        for index, (tmp, target) in enumerate(moves)
    ]
    tmp_journal = staging / "journal.new"
    with tmp_journal.open("w", encoding="utf-8") as handle:
        json.dump({"staging": staging.name, "moves": entries}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp_journal, out_dir / JOURNAL)
    _sync_folder(out_dir)


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(out_dir: Path) -> bool:
    """Undo a commit a killed process left half done (its journal is still there), then remove
    leftover staging folders. Call with the folder's lock held. True when a commit was undone."""
    journal = out_dir / JOURNAL
    undone = False
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = None
    except (OSError, ValueError):
        raise HtpmError(f"{JOURNAL} is damaged; move it away to build again", out_dir) from None
    if isinstance(data, dict) and str(data.get("staging", "")).startswith(_STAGING_PREFIX):
        staging = out_dir / str(data["staging"])
        for entry in reversed(data.get("moves", [])):
            target = out_dir / str(entry["target"])
            if not inside(target, out_dir) or not inside(staging, out_dir):
                continue
            backup = staging / str(entry["backup"])
            staged = staging / str(entry["staged"]) if entry.get("staged") else None
            if backup.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(backup, target)
            elif not entry.get("existed") and staged is not None and not staged.exists():
                target.unlink(missing_ok=True)  # moved in before the kill, and new: not the old set
        undone = True
    journal.unlink(missing_ok=True)
    remove_leftover_staging(out_dir)
    return undone


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the lock on `out_dir` for one writer; another process holding it is an HtpmError.

    The lock is `flock`'s on the folder: the system drops it when its process ends, even by
    kill -9, so a crash never leaves the folder locked. A process holding it may take it again."""
    key = str(out_dir.resolve())
    if key in _HELD:
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one writer at a time is the user's care
        fcntl = None  # type: ignore[assignment]
    try:
        handle = os.open(out_dir, os.O_RDONLY)
    except OSError as exc:
        raise HtpmError(f"cannot write into the output folder: {exc.strerror or exc}", out_dir) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise HtpmError(
                    "another htpm is writing into this folder; wait for it to finish", out_dir
                ) from None
        _HELD.add(key)
        try:
            recover(out_dir)
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(handle)  # closing drops the lock


_HELD: set[str] = set()


def prepare_output(out_dir: Path) -> None:
    """Before a build reads its previous outputs: finish what a killed build left (rolled back)."""
    if (out_dir / JOURNAL).exists() or any(out_dir.glob(_STAGING_PREFIX + "*")):
        with output_lock(out_dir):
            pass


def _remove_empty_dirs(out_dir: Path, removed: list[Path]) -> None:
    for path in removed:
        parent = path.parent
        while parent != out_dir and inside(parent, out_dir):
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def remove_leftover_staging(out_dir: Path) -> None:
    """Staging folders left by a killed process (not by a failed build, which cleans up)."""
    if out_dir.is_dir():
        for leftover in out_dir.glob(_STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
