"""Benchmark: the whole graphics set against the floor no renderer can beat.

Renders every graphic of a campaign (default: the bundled 2023 config) and, in the same run,
encodes a blank canvas of each graphic's size with Pillow at the same PNG settings. Prints the
median time per graphic of each, over several rounds, and their ratio (target: within 2x).

    python benchmarks/graphics.py [CONFIG] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.config import load_campaign  # noqa: E402
from htpm.graphics import render_graphics  # noqa: E402
from htpm.graphics.render import encode_png  # noqa: E402


def _sizes(artifacts) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    import io

    out = []
    for art in artifacts:
        if art.path.endswith(".png"):
            with Image.open(io.BytesIO(art.data)) as im:
                out.append(im.size)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default=str(ROOT / "campaign_configs" / "2023.yaml"))
    parser.add_argument("--rounds", type=int, default=5, help="Rounds to take the median of (default 5)")
    args = parser.parse_args()
    campaign = load_campaign(args.config)
    sizes = _sizes(render_graphics(campaign))  # warm-up: fonts, caches, imports
    count = len(sizes)
    rows: dict[str, list[float]] = {"render (2 workers)": [], "render (1 worker)": [], "floor": []}
    for _ in range(args.rounds):
        start = time.perf_counter()
        render_graphics(campaign)
        rows["render (2 workers)"].append((time.perf_counter() - start) / count)
        start = time.perf_counter()
        render_graphics(campaign, workers=1)
        rows["render (1 worker)"].append((time.perf_counter() - start) / count)
        start = time.perf_counter()
        for size in sizes:
            encode_png(Image.new("RGB", size, (255, 255, 255)))
        rows["floor"].append((time.perf_counter() - start) / count)
    floor = statistics.median(rows["floor"])
    print(f"{Path(args.config).name}: {count} graphics, {args.rounds} rounds, median per graphic")
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"  {name:<20} {median * 1000:7.1f} ms   {median / floor:4.2f}x floor")
    ratio = statistics.median(rows["render (2 workers)"]) / floor
    print(f"ratio to the floor: {ratio:.2f}x (target 2x): {'ok' if ratio <= 2 else 'over target'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
