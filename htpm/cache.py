"""What a build keeps for the next one: `OUT/.htpm-cache/`, beside the manifest, never in the config's folder.

- `index.json`: per generator (keyed by locale and name) the fingerprint of what it read, the hashes of
  the outputs it made and the warnings it gave; and the stamp of the whole last build (every input
  file's hash) for the no-op fast path (htpm.incremental).
- `blobs/`: content-addressed results finer than a generator (one graphic's PNG, the toolkit's page
  numbers for one document, one PDF), named by the hash of everything that made them.

Nothing here is trusted beyond its key: an output is reused only when its bytes on disk still hash to
what the index says, so deleting the folder, or any file in it, only costs time. Writes are atomic
(a temporary file in the same folder, then `os.replace`), and the blobs are kept under `LIMIT_BYTES`,
the least recently used going first. The writer (htpm.outputs) never lists this folder, so it is no
part of conflict detection or pruning.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR = ".htpm-cache"
LIMIT_BYTES = 96 * 1024 * 1024  # a few builds' graphics and PDFs; the oldest go first
_KEY = re.compile(r"^[0-9a-f]{16,128}$")
_FORMAT = 1  # bump when the index's shape changes: an older index is then ignored


class Memo:
    """Results finer than a generator, by key; this one keeps them in memory (a dry run, the
    in-memory builds of `htpm serve`). `BuildCache` keeps them on disk.

    `Memo(previous)` starts from what the previous build kept, and keeps only what this build asks
    for or makes: a preview rebuilt on every save holds one build's results, never all of them."""

    def __init__(self, previous: Memo | None = None) -> None:
        self._fresh: dict[str, bytes] = {}
        self._earlier: dict[str, bytes] = dict(previous._fresh) if previous is not None else {}

    def get(self, key: str) -> bytes | None:
        found = self._fresh.get(key)
        if found is None and key in self._earlier:
            found = self._fresh[key] = self._earlier.pop(key)
        return found

    def put(self, key: str, data: bytes) -> None:
        self._fresh[key] = data


class BuildCache(Memo):
    """The cache of one output folder. Read at the start of a build, saved after its outputs are written
    (`save`): a failed build leaves the cache as it was."""

    def __init__(self, out_dir: Path, enabled: bool = True) -> None:
        super().__init__()
        self.root = out_dir / CACHE_DIR
        self.enabled = enabled  # False with --force: nothing is reused, everything is recorded afresh
        self.index: dict[str, Any] = self._read_index() if enabled else {}
        self.index.setdefault("generators", {})
        self.index["format"] = _FORMAT

    # -- the index ----------------------------------------------------------------------------
    def _read_index(self) -> dict[str, Any]:
        try:
            data = json.loads((self.root / "index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return {}
        if not isinstance(data.get("generators"), dict):
            return {}
        return data

    def entry(self, key: str) -> dict[str, Any] | None:
        found = self.index["generators"].get(key)
        return found if isinstance(found, dict) else None

    def set_entry(self, key: str, value: dict[str, Any] | None) -> None:
        if value is None:
            self.index["generators"].pop(key, None)
        else:
            self.index["generators"][key] = value

    # -- blobs --------------------------------------------------------------------------------
    def _blob(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"cache key must be a hex digest: {key!r}")  # a bug in the caller
        return self.root / "blobs" / key[:2] / key

    def get(self, key: str) -> bytes | None:
        fresh = super().get(key)
        if fresh is not None or not self.enabled:
            return fresh
        path = self._blob(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept longest
        except OSError:
            return None
        return data

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the new blobs and the index atomically, then keep the blobs under the limit.

        A cache that cannot be written (a read-only folder, a full disk) costs the next build
        time, never correctness, so its errors are not the build's."""
        try:
            for key, data in self._fresh.items():
                _atomic_write(self._blob(key), data)
            _atomic_write(self.root / "index.json", json.dumps(self.index, sort_keys=True).encode())
            self._bound()
        except OSError:
            return
        self._fresh.clear()

    def _bound(self, limit: int = LIMIT_BYTES) -> None:
        blobs = []
        for path in (self.root / "blobs").glob("*/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            blobs.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in blobs)
        for _, size, path in sorted(blobs, key=lambda b: b[0]):
            if total <= limit:
                break
            path.unlink(missing_ok=True)
            total -= size


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear(out_dir: Path) -> None:
    """Delete the cache of `out_dir` (safe at any time: the next build is a cold one)."""
    shutil.rmtree(out_dir / CACHE_DIR, ignore_errors=True)
