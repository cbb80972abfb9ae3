"""`htpm validate`: every check a config can fail, all at once, as Problems (STYLE 4, 15).

`validate_config` is what both `htpm validate` and `htpm build` run before anything is generated:
the model (pydantic, via `load_campaign`), then each generator's own `check`. A config that passes
here builds; generators then only generate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from htpm.campaign import Campaign
from htpm.errors import ConfigError, HtpmError, Location
from htpm.problems import Problem, sort_problems


@dataclass
class Validation:
    """The outcome of validating one config: the campaign (None when it would not load) and problems."""

    path: Path
    campaign: Campaign | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def problems_of(exc: HtpmError) -> list[Problem]:
    """The Problems an HtpmError stands for (a ConfigError may hold many)."""
    if isinstance(exc, ConfigError):
        if exc.problems:
            return list(exc.problems)
        return [Problem(Location(""), "", line) for line in exc.lines]
    return [Problem(exc.location or Location(""), "", exc.message)]


def validate_config(path: Path, locale: str | None = None) -> Validation:
    """Load the config at `path` and run every check on it; never raises for the user's mistakes."""
    from htpm.config import load_campaign

    try:
        campaign = load_campaign(path, locale)
    except HtpmError as exc:
        return Validation(path, None, problems_of(exc))
    return Validation(path, campaign, sort_problems(check_campaign(campaign)))


def check_campaign(campaign: Campaign) -> list[Problem]:
    """Every generator's `check` on a loaded campaign (the model has already passed)."""
    from htpm.generators import all_generators

    problems: list[Problem] = []
    for generator in all_generators():
        problems.extend(generator.check(campaign))
    return problems
