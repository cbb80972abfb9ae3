"""`render_graphics`: the set (or a subset) rendered in parallel, as artifacts with alt text.

Each job (one layout at one size) draws its static layers once and then its graphics; jobs run
in up to two worker processes (the machines this runs on have two cores). The results do not
depend on the number of workers: every graphic is drawn from the same inputs the same way, and
PNGs carry no timestamps.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.errors import HtpmError, UsageError
from htpm.graphics.plan import Job, Planned, plan
from htpm.graphics.render import GraphicsError, Item, Scene, render_scene
from htpm.graphics.sheet import contact_sheet

if TYPE_CHECKING:
    from htpm.outputs import WriteReport

WORKERS = 2
PARALLEL_FROM = 4  # fewer graphics than this are drawn in this process (a pool costs ~50 ms)


def render_graphics(
    campaign: Campaign,
    weeks: Sequence[int] | None = None,
    sizes: Sequence[str] | None = None,
    workers: int = WORKERS,
    progress: Callable[[str], None] = lambda _msg: None,
) -> list[Artifact]:
    """PNGs and their `.alt.txt` for the chosen weeks and sizes (default: all), and the contact sheet.

    With `weeks`, only the per-week graphics of those weeks are drawn (campaign-wide ones are not
    about a week). The contact sheet always lists the whole set, so it is the same whatever subset
    is rendered."""
    jobs = plan(campaign)
    selected = select(jobs, campaign, weeks, sizes)
    total = sum(len(items) for _, items in selected)
    progress(f"graphics: drawing {total} graphic(s) in {len(selected)} layout x size job(s)")
    images = _draw_all(selected, workers if total >= PARALLEL_FROM else 1)
    artifacts: list[Artifact] = []
    for (_, graphics), pngs in zip(selected, images, strict=True):
        for graphic, png in zip(graphics, pngs, strict=True):
            artifacts.append(Artifact(graphic.path, png))
            artifacts.append(
                Artifact(graphic.path[: -len(".png")] + ".alt.txt", (graphic.alt + "\n").encode())
            )
    everything = [g for job in jobs for g in job.graphics]
    artifacts.append(Artifact("graphics/index.html", contact_sheet(campaign, everything).encode()))
    return sorted(artifacts, key=lambda a: a.path)


def select(
    jobs: list[Job], campaign: Campaign, weeks: Sequence[int] | None, sizes: Sequence[str] | None
) -> list[tuple[Scene, list[Planned]]]:
    """The jobs and graphics a subset asks for; unknown weeks or sizes are the user's error."""
    if weeks:
        known = {w.number for w in campaign.weeks}
        bad = [w for w in weeks if w not in known]
        if bad:
            raise UsageError(f"--week: no week {bad[0]} (the campaign has weeks 1-{len(known)})")
    if sizes:
        known_sizes = {job.scene.size for job in jobs}
        bad_sizes = [s for s in sizes if s not in known_sizes]
        if bad_sizes:
            listed = ", ".join(sorted(known_sizes))
            raise UsageError(f"--size: {bad_sizes[0]!r} is not one of the config's sizes ({listed})")
    out = []
    for job in jobs:
        if sizes and job.scene.size not in sizes:
            continue
        graphics = [g for g in job.graphics if not weeks or (g.week is not None and g.week in weeks)]
        if graphics:
            out.append((job.scene, graphics))
    return out


def _draw_all(selected: list[tuple[Scene, list[Planned]]], workers: int) -> list[list[bytes]]:
    tasks = [(scene, [g.item for g in graphics]) for scene, graphics in selected]
    if workers <= 1 or len(tasks) <= 1:
        return [_work(scene, items) for scene, items in tasks]
    # fork on Linux: the workers start at once with everything imported (spawn re-imports for
    # ~0.5 s); elsewhere the platform's default (fork is unsafe on macOS)
    method = "fork" if sys.platform.startswith("linux") else None
    with ProcessPoolExecutor(
        max_workers=min(workers, len(tasks)), mp_context=multiprocessing.get_context(method)
    ) as pool:
        # largest jobs first, so the two workers finish together; results keep the plan's order
        order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][1]))
        futures = {i: pool.submit(_work, *tasks[i]) for i in order}
        return [futures[i].result() for i in range(len(tasks))]


def _work(scene: Scene, items: list[Item]) -> list[bytes]:
    try:
        return render_scene(scene, items)
    except GraphicsError:
        raise
    except HtpmError as exc:  # e.g. a broken image: keep its message and place across processes
        raise GraphicsError(exc.message, exc.location) from None


def build_graphics(
    config: Path,
    out_dir: Path,
    weeks: Sequence[int] | None = None,
    sizes: Sequence[str] | None = None,
    force: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> tuple[Campaign, WriteReport]:
    """`htpm graphics`: load the config, render (a subset of) the graphics, write them into
    `out_dir` through the one writer. Other outputs in `out_dir` are left alone (no pruning)."""
    from htpm.config import load_campaign
    from htpm.outputs import write_artifacts

    campaign = load_campaign(config)
    artifacts = render_graphics(campaign, weeks, sizes, progress=progress)
    return campaign, write_artifacts(artifacts, out_dir, force=force, prune=False)
