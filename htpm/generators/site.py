"""The kit as a website: `site/index.html` and its pages (see htpm.site.pages), a static
microsite that works uploaded anywhere or opened from disk.

The site is made from the other generators' artifacts in the same build (`ctx.made`); it runs
after them and after the PDFs, so every document of the build is among its downloads. Run alone
(`--only site`), it makes the artifacts it shows first, with the same generators.
"""

from __future__ import annotations

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.problems import Problem, problems_of
from htpm.site.locales import site_locales
from htpm.site.pages import SiteBuilder

READS_OUTPUTS = True  # htpm.build runs it after every other generator and the PDFs


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    ctx.progress("site: writing the pages")
    produced = list(ctx.made)
    produced += _missing_outputs(campaign, ctx, produced)
    return SiteBuilder(campaign, produced, ctx.warn, site_locales(campaign)).build()


def _missing_outputs(campaign: Campaign, ctx: BuildContext, produced: list[Artifact]) -> list[Artifact]:
    """What the other generators make, for those that did not run in this build."""
    from htpm.generators import REGISTRY

    made: list[Artifact] = []
    for generator in REGISTRY:
        if generator.reads_outputs or any(generator.owns_path(a.path) for a in produced):
            continue
        quiet = BuildContext(strict=ctx.strict, dry=ctx.dry, previous=ctx.previous, now=ctx.now)
        made += generator.generate(campaign, quiet)
    return made


def dry_run(campaign: Campaign) -> list[Problem]:
    """For `htpm validate`: the pages rendered without the other outputs (templates, labels, the
    toolkit's prose as HTML); what the other outputs need is their generators' own checks."""
    try:
        SiteBuilder(campaign, [], lambda _m: None, site_locales(campaign)).build()
    except HtpmError as exc:
        return problems_of(exc)
    return []
