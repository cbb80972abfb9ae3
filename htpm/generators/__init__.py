"""The explicit, ordered registry of generators (STYLE 7, DESIGN "The generator contract").

Each generator module has `generate(campaign, ctx) -> list[Artifact]` and never touches the disk; it
may have `check(campaign) -> list[Problem]`, its config checks, which `htpm validate` and `htpm build`
run before anything is generated. `owns` lists the output paths or prefixes the generator writes, so
`--only NAME` replaces and prunes exactly those files. `reads` says what it depends on (see
htpm.fingerprints); a generator that declares nothing is fingerprinted on everything, which is
always correct, only slower: the build skips a generator whose fingerprint and outputs are unchanged.
A module with `READS_OUTPUTS = True` (the site) is made from the others' artifacts: the build runs it
after them and after the PDFs. A module may have `prepare(jobs)`, given every locale's campaign and
cache before any generator runs, to start work once for all of them (the toolkit: one LibreOffice
run measuring every locale's pages); and `generate` may hand its artifacts back later with
`ctx.later(finish)`, so the next generators run while another program works.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from htpm.artifacts import Artifact, BuildContext
from htpm.cache import Memo
from htpm.campaign import Campaign
from htpm.errors import HtpmError, UsageError
from htpm.fingerprints import Fingerprint, ReadsFn, everything, reads
from htpm.problems import Problem, problems_of

GenerateFn = Callable[[Campaign, BuildContext], list[Artifact]]
CheckFn = Callable[[Campaign], list[Problem]]
PrepareFn = Callable[[Sequence[tuple[Campaign, Memo]]], None]


@dataclass(frozen=True)
class Generator:
    name: str  # the --only name
    module: str  # where generate (and check) live
    owns: tuple[str, ...]  # output paths ("calendar.ics") or folder prefixes ("social/") it writes
    reads: ReadsFn | None = None  # what it depends on (htpm.fingerprints.reads); None: everything

    def fingerprint(self, campaign: Campaign) -> Fingerprint:
        """The hash of what this generator reads: unchanged, its outputs would be too."""
        return (self.reads or everything)(campaign)

    @property
    def generate(self) -> GenerateFn:
        fn: GenerateFn = importlib.import_module(self.module).generate
        return fn

    @property
    def check(self) -> CheckFn:
        fn: CheckFn = getattr(importlib.import_module(self.module), "check", _no_checks)
        return fn

    @property
    def prepare(self) -> PrepareFn | None:
        """Work to start for every locale of a build before any generates (the toolkit: one
        LibreOffice run measuring every locale's pages), or None."""
        fn: PrepareFn | None = getattr(importlib.import_module(self.module), "prepare", None)
        return fn

    @property
    def reads_outputs(self) -> bool:
        """True for a generator made from the others' artifacts (the site): it runs after them."""
        return bool(getattr(importlib.import_module(self.module), "READS_OUTPUTS", False))

    def dry_run(self, campaign: Campaign) -> list[Problem]:
        """Everything a build does but writing (and LibreOffice, PNG encoding): for `validate`.

        A module may define its own `dry_run(campaign)` (to collect every problem at once);
        otherwise `generate` runs with a dry context and its first error is the problem."""
        module = importlib.import_module(self.module)
        custom = getattr(module, "dry_run", None)
        if custom is not None:
            found: list[Problem] = custom(campaign)
            return found

        try:
            module.generate(campaign, BuildContext(dry=True))
        except HtpmError as exc:
            return problems_of(exc)
        return []

    def owns_path(self, path: str) -> bool:
        return any(path == own or (own.endswith("/") and path.startswith(own)) for own in self.owns)


def _no_checks(_campaign: Campaign) -> list[Problem]:
    return []


_POSTS_TEMPLATES = ("labels/", "social/", "copy/", "graphics/")
_READS_POSTS = reads(templates=_POSTS_TEMPLATES, assets=True)
#: what the proclamation and the graphics say: never the weeks' posts, so a post edit redraws nothing
_NAMES = ("observance", "organization", "branding", "locale", "labels", "fill_ins", "fill")

#: the order is the order of the build and of `--only` help.
REGISTRY: tuple[Generator, ...] = (
    Generator(
        "toolkit",
        "htpm.generators.toolkit",
        ("toolkit.docx", "toolkit.pdf"),
        reads(templates=("toolkit/", "labels/"), assets=True, office=True),
    ),
    Generator("social", "htpm.generators.social", ("social/",), _READS_POSTS),
    Generator("copy", "htpm.generators.copy", ("copy/",), _READS_POSTS),
    Generator("calendar", "htpm.generators.calendar", ("calendar.ics",), reads(templates=_POSTS_TEMPLATES)),
    Generator(
        "proclamation",
        "htpm.generators.proclamation",
        ("proclamation/",),
        reads(
            config=(*_NAMES, "proclamation"),
            templates=("proclamation/", "labels/"),
            assets=True,
            office=True,
        ),
    ),
    Generator(
        "graphics",
        "htpm.generators.graphics",
        ("graphics/",),
        reads(
            config=(*_NAMES, "theme", "hashtags", "hotline", "graphics", "weeks"),
            ignore=("weeks.*.sections", "weeks.*.introduction"),
            templates=("graphics/", "labels/"),
            assets=True,
        ),
    ),
    Generator("slides", "htpm.generators.slides", ("slides/",)),
    Generator("site", "htpm.generators.site", ("site/",)),
)

NAMES: tuple[str, ...] = tuple(g.name for g in REGISTRY)


def select(only: list[str] | None) -> list[Generator]:
    """The generators to run, in registry order; unknown names are a command-line mistake (exit 2)."""
    if not only:
        return list(REGISTRY)
    unknown = [n for n in only if n not in NAMES]
    if unknown:
        raise UsageError(f"--only: unknown output {', '.join(unknown)} (choose from {', '.join(NAMES)})")
    return [g for g in REGISTRY if g.name in only]


def owner_of(path: str) -> Generator | None:
    """The generator that writes `path`, if any."""
    return next((g for g in REGISTRY if g.owns_path(path)), None)
