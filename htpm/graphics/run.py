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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from htpm.artifacts import Artifact
from htpm.cache import Memo
from htpm.campaign import Campaign
from htpm.errors import HtpmError, UsageError
from htpm.fingerprints import Hasher, code_version, file_digest
from htpm.graphics.plan import Job, Planned, plan
from htpm.graphics.render import GraphicsError, Item, Scene, render_scene
from htpm.graphics.sheet import contact_sheet
from htpm.suggest import did_you_mean

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
    memo: Memo | None = None,
) -> list[Artifact]:
    """PNGs and their `.alt.txt` for the chosen weeks and sizes (default: all), and the contact sheet.

    With `memo` (the build's cache), a graphic drawn before from the same scene, texts, fonts and
    images is not drawn again: a post edit redraws nothing, a week's new title redraws that week's.

    With `weeks`, only the per-week graphics of those weeks are drawn (campaign-wide ones are not
    about a week). The contact sheet always lists the whole set, so it is the same whatever subset
    is rendered."""
    jobs = plan(campaign)
    selected = select(jobs, campaign, weeks, sizes)
    memo = memo or Memo()
    keys = [
        [_graphic_key(scene_key, g.item) for g in graphics]
        for scene_key, (_, graphics) in _scene_keys(selected)
    ]
    known = {key: memo.get(key) for job_keys in keys for key in job_keys}
    missing = []  # the graphics not drawn before, by scene, with their keys
    for (scene, graphics), job_keys in zip(selected, keys, strict=True):
        new = [(g, key) for g, key in zip(graphics, job_keys, strict=True) if known[key] is None]
        if new:
            missing.append((scene, new))
    total = sum(len(new) for _, new in missing)
    progress(f"graphics: drawing {total} graphic(s) in {len(missing)} layout x size job(s)")
    drawn = _draw_all(
        [(scene, [g for g, _ in new]) for scene, new in missing], workers if total >= PARALLEL_FROM else 1
    )
    for (_, new), pngs in zip(missing, drawn, strict=True):
        for (_, key), png in zip(new, pngs, strict=True):
            known[key] = png
            memo.put(key, png)
    images = [[known[key] or b"" for key in job_keys] for job_keys in keys]
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
            hint = did_you_mean(bad_sizes[0], known_sizes)
            raise UsageError(f"--size: {bad_sizes[0]!r} is not one of the config's sizes{hint}")
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


def _scene_keys(selected: list[tuple[Scene, list[Planned]]]) -> list[tuple[str, tuple[Scene, list[Planned]]]]:
    """Each scene's part of its graphics' keys: the scene (boxes, colours, file paths), the bytes of
    the fonts and images it draws (each file hashed once) and htpm's code."""
    digests: dict[str, str] = {}
    out = []
    for scene, graphics in selected:
        h = Hasher("graphic", code_version(), repr(scene))
        for op in scene.ops:
            for path in (getattr(op, "font_path", None), getattr(op, "path", None)):
                if path:
                    if path not in digests:
                        digests[path] = file_digest(Path(path))
                    h.add(digests[path])
        out.append((h.hexdigest(), (scene, graphics)))
    return out


def _graphic_key(scene_key: str, item: Item) -> str:
    """One graphic's key: its scene's and its texts."""
    return Hasher(scene_key, repr(item)).hexdigest()


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
    """`htpm graphics`: `htpm build --only graphics --no-lint`, optionally for some weeks or sizes
    (a subset replaces its own files and prunes nothing). Other outputs in `out_dir` are left alone."""
    from htpm.build import build

    result = build(
        config, out_dir, ["graphics"], force=force, lint=False, subset=GraphicsSubset(weeks, sizes)
    )
    return result.campaign, result.report


@dataclass(frozen=True)
class GraphicsSubset:
    """Some weeks and/or sizes only (`htpm graphics --week 2 --size x`)."""

    weeks: Sequence[int] | None = None
    sizes: Sequence[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.weeks or self.sizes)
