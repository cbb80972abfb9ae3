"""Where htpm's own data lives (templates, brand assets, bundled campaigns) and confined lookups."""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from pathlib import Path

from htpm.errors import HtpmError

_PACKAGE = Path(__file__).resolve().parent


@functools.cache  # where the package lies does not change while it runs; asked per asset lookup
def data_dir() -> Path:
    """The folder holding templates/, brand_assets/ and campaign_configs/.

    A source checkout (editable install) uses the repository itself; a wheel carries copies in
    htpm/_data.
    """
    checkout = _PACKAGE.parent
    if (checkout / "templates").is_dir() and (checkout / "campaign_configs").is_dir():
        return checkout
    return _PACKAGE / "_data"


def templates_dir() -> Path:
    return data_dir() / "templates"


def brand_assets_dir() -> Path:
    return data_dir() / "brand_assets"


BUNDLED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in (data_dir() / "campaign_configs").glob("*.yaml"))


def bundled_config(name: str = "2023") -> Path:
    """One of htpm's own campaigns by name (`htpm:2023`); a name is never a path."""
    if not BUNDLED_NAME.match(name) or name not in bundled_names():
        raise HtpmError(f"htpm:{name} is not a bundled campaign (bundled: {', '.join(bundled_names())})")
    return data_dir() / "campaign_configs" / f"{name}.yaml"


# The largest file of each kind htpm reads (a link to /dev/zero stops here, not at MemoryError).
MAX_CONFIG_BYTES = 2_000_000  # a campaign config, an overlay, a label or limits file, a layout
MAX_PROSE_BYTES = 1_000_000  # a Markdown or text file of prose (`{file: ...}`, `htpm lint FILE`)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError for anything else.

    A config, a CSV or a Markdown file from someone else may be a symbolic link to /dev/zero (which
    never ends) or a named pipe (which blocks until someone writes): only regular files are read,
    and never more than `limit` bytes of them."""
    info = path.stat()  # follows a symbolic link to what it names
    if not stat.S_ISREG(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "not a regular file (a folder, a device or a pipe)")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(limit)
    return data


class FileTooLarge(OSError):
    def __init__(self, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit // 1_000_000} MB")
        self.limit = limit


def inside(path: Path, root: Path) -> bool:
    """True when `path` (resolved, symlinks followed) lies within `root`."""
    # os.path on strings: the same resolution as Path.resolve, without pathlib's objects (a
    # config naming 10,000 possible files asks this 100,000 times)
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base if base.endswith(os.sep) else base + os.sep)


def confined(root: Path, relative: str, what: str) -> Path:
    """Resolve `relative` under `root`, refusing absolute paths and anything that escapes it."""
    if not relative or "\x00" in relative:
        raise HtpmError(f"{what}: empty or invalid path {relative!r}")
    candidate = Path(relative)
    if candidate.is_absolute():
        raise HtpmError(f"{what}: absolute paths are not allowed ({relative})")
    full = root / candidate
    if not inside(full, root):
        raise HtpmError(f"{what}: {relative} is outside {root}")
    return full
