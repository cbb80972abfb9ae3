"""What generators return and what they are given. Generators never touch the output folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Artifact:
    """One output file: a relative POSIX path inside the output folder and its bytes."""

    path: str
    data: bytes

    def __post_init__(self) -> None:
        p = PurePosixPath(self.path)
        if p.is_absolute() or ".." in p.parts or "\\" in self.path or not self.path:
            raise ValueError(f"artifact path must be relative and inside the output: {self.path!r}")


class BuildWarning(str):
    """Something the user should know about a build (the text is the message); `kind` groups
    warnings in the build's summary ("too long for a platform", "lint", ...)."""

    kind: str

    def __new__(cls, kind: str, message: str) -> BuildWarning:
        self = super().__new__(cls, message)
        self.kind = kind
        return self

    @property
    def message(self) -> str:
        return str.__str__(self)


@dataclass
class BuildContext:
    """Options and channels shared by every generator in one build."""

    strict: bool = False
    pdf: bool = False
    warnings: list[BuildWarning] = field(default_factory=list)
    progress: Callable[[str], None] = lambda _msg: None

    def warn(self, message: str, kind: str = "build") -> None:
        """Report something the user should know; with --strict the build fails on it.

        `kind` names the group in the build's summary ("too long for a platform", ...)."""
        self.warnings.append(BuildWarning(kind, message))
