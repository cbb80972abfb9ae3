"""`htpm validate`: every check a config can fail, all at once, as Problems (STYLE 4, 15).

Validation is the promise that `htpm build` keeps: a config that validates builds, and a config
that does not validate does not build. It runs, in order:

1. the model (pydantic, via `load_campaign`: YAML, overlays, unknown keys, types, week dates);
2. the campaign-wide checks (`htpm.checks`: awareness-day dates, note references, labels, lint
   settings, template overrides);
3. each generator's `check(campaign)` (time zones, graphics sizes, images, the base document, ...);
4. a dry run of every generator whose checks passed: everything a build does except writing,
   LibreOffice and PNG encoding, so a template that fails at run time or a palette colour that
   fails a layout's contrast is found here too (`validate` only; `build` does the real run);
5. the lint's errors (which stop a build unless `--no-lint`), and each locale under
   `translations:`, checked with the same models and steps.

`htpm build` runs steps 1-3 (and step 5's translations) for the generators it builds before
anything is generated; lint runs after, as in the build's own order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.problems import Problem, problems_of, sort_problems

if TYPE_CHECKING:
    from htpm.generators import Generator


@dataclass
class Validation:
    """The outcome of validating one config: the campaign (None when it would not load) and problems."""

    path: Path
    campaign: Campaign | None
    problems: list[Problem] = field(default_factory=list)
    coverage: list[Any] = field(default_factory=list)  # htpm.translations.Coverage, one per translation

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_config(
    path: Path, locale: str | None = None, lint: bool = True, strict: bool = False
) -> Validation:
    """Load the config at `path` and run every check on it; never raises for the user's mistakes.

    Each translation's coverage is measured (which strings fall back to the primary language);
    with `strict`, every fallback is a problem."""
    from htpm import checks
    from htpm.config import load_campaign

    try:
        campaign = load_campaign(path, locale)
    except HtpmError as exc:
        return Validation(path, None, sort_problems(problems_of(exc)))
    problems = run_checks(campaign, dry_run=True)
    if lint and not problems:
        problems += checks.lint_errors(campaign)
    found = []
    if locale is None:
        problems += checks.translations(campaign)
        found = _coverage(campaign)
        if strict:
            problems += [p for each in found for p in each.problems()]
    return Validation(path, campaign, sort_problems(problems), found)


def _coverage(campaign: Campaign) -> list[Any]:
    from htpm.translations import coverage

    out = []
    for code in campaign.locales[1:]:
        try:
            out.append(coverage(campaign.path, code, campaign.locale))
        except HtpmError:  # a translation that does not load: checks.translations reports it
            continue
    return out


def run_checks(
    campaign: Campaign, generators: Sequence[Generator] | None = None, dry_run: bool = False
) -> list[Problem]:
    """Steps 2-4 above for `generators` (default: all)."""
    from htpm import checks
    from htpm.generators import REGISTRY

    problems: list[Problem] = []
    for check in checks.CAMPAIGN_CHECKS:
        problems.extend(check(campaign))
    generators = REGISTRY if generators is None else generators
    for generator in generators:
        problems.extend(generator.check(campaign))
    if dry_run and not problems:
        for generator in generators:
            problems.extend(generator.dry_run(campaign))
    return problems


def check_or_raise(
    campaign: Campaign,
    generators: Sequence[Generator] | None = None,
    loaded: Sequence[Campaign] = (),
    unchanged: Collection[str] = (),
) -> None:
    """What `htpm build` runs before generating: every problem at once as one ConfigError.
    `loaded`: the translations the build has loaded already; `unchanged`: locales whose inputs are
    those of a build that passed (nothing of theirs runs), not checked again."""
    from htpm import checks
    from htpm.problems import raise_problems

    problems = run_checks(campaign, generators, dry_run=False)
    raise_problems(problems or checks.translations(campaign, loaded, unchanged))
