"""What generators return and what they are given. Generators never touch the output folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from htpm.cache import Memo


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
    subset: Any = None  # a generator's own narrowing (graphics: some weeks or sizes); prunes nothing
    dry: bool = False  # `htpm validate`'s dry run: skip LibreOffice and image encoding
    warnings: list[BuildWarning] = field(default_factory=list)
    pdf_requests: list[str] = field(default_factory=list)  # documents to convert, by artifact path
    progress: Callable[[str], None] = lambda _msg: None
    # the artifacts of this build so far (`generate_all` fills it), for generators that show the
    # others' outputs (the site)
    made: list[Artifact] = field(default_factory=list)

    # the last build's bytes of an output in the same folder (None when new or edited by hand), for
    # outputs that carry a version (calendar SEQUENCE); and the clock, for what changed just now
    previous: Callable[[str], bytes | None] = lambda _path: None
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    # results finer than a generator kept between builds, by a hash of their inputs (htpm.cache)
    memo: Memo = field(default_factory=Memo)
    # True in a build (`generate_all`): a generator waiting on another program may return its
    # artifacts later (`later`), so the next generators run meanwhile
    may_defer: bool = False
    deferred: list[Callable[[], list[Artifact]]] = field(default_factory=list)

    def later(self, finish: Callable[[], list[Artifact]]) -> list[Artifact]:
        """The artifacts `finish` makes: at once (returned here), or, in a build, after the other
        generators of its group have run (`generate_all` calls it, and counts its artifacts and
        warnings as the generator's). `finish` is called once, on this thread."""
        if not self.may_defer:
            return finish()
        self.deferred.append(finish)
        return []

    def want_pdf(self, path: str) -> None:
        """Ask for a PDF of the document artifact `path` (with --pdf); the build converts every
        requested document in one LibreOffice batch after the generators have run."""
        if self.pdf and path not in self.pdf_requests:
            self.pdf_requests.append(path)

    def warn(self, message: str, kind: str = "build") -> None:
        """Report something the user should know; with --strict the build fails on it.

        `kind` names the group in the build's summary ("too long for a platform", ...)."""
        self.warnings.append(BuildWarning(kind, message))
