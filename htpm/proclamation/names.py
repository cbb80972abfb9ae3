"""Safe output names from untrusted values, and a writer that never leaves its folder.

A county called `../../etc`, `CON`, `A/B` or `Ñandú` must still give a file that opens on every
system and lands inside the output folder. Names are built from a pattern of fields
(`{organization}`), then made safe: NFC, no path separators or control characters, no
characters Windows refuses, no leading or trailing dots and spaces, no reserved device names
(CON, NUL, COM1, ...), capped in length, and numbered when two rows would collide (ignoring case,
as Windows and macOS do).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from htpm.errors import HtpmError, UsageError

__all__ = ["ConfinedWriter", "NameAllocator", "check_pattern", "render_pattern", "safe_stem"]

_PATTERN_FIELD = re.compile(r"\{([^{}]*)\}")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3")
}
MAX_STEM_BYTES = 120  # leaves room for "-12345.docx" under the 255-byte limit of most file systems


def check_pattern(pattern: str, fields: Iterable[str]) -> None:
    """Refuse a name pattern naming no field or an unknown one (before any row is read)."""
    known = set(fields)
    used = _PATTERN_FIELD.findall(pattern)
    unknown = [name for name in used if name not in known]
    if unknown:
        raise UsageError(
            f"--name-pattern: unknown field {{{unknown[0]}}} (fields: {', '.join(sorted(known))})"
        )
    if not used:
        raise UsageError("--name-pattern: name at least one field, e.g. '{organization}'")


def render_pattern(pattern: str, values: Mapping[str, str]) -> str:
    """The pattern with each `{field}` replaced by its value (no format spec, no attribute access)."""
    return _PATTERN_FIELD.sub(lambda m: values.get(m.group(1), ""), pattern)


def safe_stem(raw: str, fallback: str) -> str:
    """A file name stem safe on Linux, macOS and Windows; `fallback` when nothing usable is left."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = _UNSAFE.sub("_", text)
    text = re.sub(r" +", " ", text).strip(" ._")
    text = re.sub(r"\.{2,}", ".", text)
    encoded = text.encode("utf-8")[:MAX_STEM_BYTES]
    text = encoded.decode("utf-8", "ignore").rstrip(" .")
    if not text:
        return fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = f"_{text}"
    return text


class NameAllocator:
    """Hands out unique stems; the second 'Springfield' becomes 'Springfield-2' (case-insensitive)."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken = {name.casefold() for name in reserved}

    def allocate(self, stem: str) -> str:
        candidate, number = stem, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem}-{number}"
        self._taken.add(candidate.casefold())
        return candidate


class ConfinedWriter:
    """Writes files directly inside one folder, by bare names only, atomically (temp file + rename).

    A name with a separator, `..`, or anything `safe_stem` would change is refused: this is the
    last line of defence, the names should already be safe. A symlink at the target is replaced,
    never followed.
    """

    def __init__(self, root: Path) -> None:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HtpmError(f"cannot create the output folder: {exc.strerror}", root) from None
        self.root = root.resolve()

    def path(self, name: str) -> Path:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or safe_stem(stem, "") != stem or not re.fullmatch(r"[a-z0-9]{1,8}", ext):
            raise ValueError(f"refusing unsafe output name {name!r}")
        target = self.root / name
        if target.parent != self.root:
            raise ValueError(f"refusing output name outside {self.root}: {name!r}")
        return target

    def write(self, name: str, data: bytes) -> Path:
        target = self.path(name)
        fd, temp = tempfile.mkstemp(dir=self.root, prefix=".htpm-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temp, 0o644)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target
