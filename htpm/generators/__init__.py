"""The explicit, ordered registry of generators (STYLE 7). Each module has
`generate(campaign, ctx) -> list[Artifact]` and never touches the disk."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.errors import HtpmError

Generator = Callable[[Campaign, BuildContext], list[Artifact]]

#: name -> module; the order is the order of the build and of `--only` help.
REGISTRY: dict[str, str] = {
    "toolkit": "htpm.generators.toolkit",
    "social": "htpm.generators.social",
    "copy": "htpm.generators.copy",
    "calendar": "htpm.generators.calendar",
    "proclamation": "htpm.generators.proclamation",
    "graphics": "htpm.generators.graphics",
}


def select(only: list[str] | None) -> list[tuple[str, Generator]]:
    """The generators to run, in registry order; unknown names are the user's error."""
    names = list(REGISTRY)
    if only:
        unknown = [n for n in only if n not in REGISTRY]
        if unknown:
            raise HtpmError(f"--only: unknown output {', '.join(unknown)} (choose from {', '.join(names)})")
        names = [n for n in names if n in only]
    return [(name, importlib.import_module(REGISTRY[name]).generate) for name in names]
