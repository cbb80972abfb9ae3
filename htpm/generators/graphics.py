"""The build's graphics: every layout the config names, at every size it names (see htpm.graphics)."""

from __future__ import annotations

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.graphics import render_graphics


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    return render_graphics(campaign, progress=ctx.progress)
