"""Benchmark: whole builds against their floor, cold and incremental, for two campaigns.

For the bundled 2023 campaign and the five-week water-safety campaign, in one run, prints:

- the lower bound, for every locale the build makes (the bundled campaign has English and Spanish):
  the same PNGs encoded bare (decoded from a build, encoded again at the build's settings), a bare
  .docx with each toolkit's paragraphs (python-docx, no styles), and one bare LibreOffice pass over
  them (when LibreOffice is installed);
- the cold build (empty output folder, no cache) and its ratio to the bound;
- the no-op rebuild and the rebuild after one sample post changed, as ratios of cold;
- one cold-time line per generator in the registry (its `generate`, for the primary locale, in the
  build's order on one context, so the site finds the others' outputs as it does in a build).

Each figure is the median of `--runs` runs (default 3). Every build runs in a fresh Python process
that has imported htpm (the imports, about half a second, are the same for every command and are
not the build's work); the campaign is copied into a temporary folder first. The machine's load
average is printed before and after.

    python benchmarks/build.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.generators import REGISTRY  # noqa: E402

CAMPAIGNS = {
    "2023": (ROOT / "campaign_configs" / "2023.yaml", ["2023"]),
    "water-safety": (ROOT / "tests" / "data" / "water-safety" / "config.yaml", []),
}

# run in a fresh process: import everything a build uses, then time one build
_RUNNER = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import htpm.build, htpm.lint
from htpm.generators import REGISTRY
for g in REGISTRY:
    g.generate, g.check
t = time.perf_counter()
result = htpm.build.build(Path({config!r}), Path({out!r}))
print(json.dumps({{"seconds": time.perf_counter() - t, "skipped": result.skipped,
                  "written": len(result.report.written)}}))
"""


def timed_build(config: Path, out: Path) -> dict:  # type: ignore[type-arg]
    code = _RUNNER.format(root=str(ROOT), config=str(config), out=str(out))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    found: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return found


def copy_campaign(config: Path, extra: list[str], into: Path) -> Path:
    into.mkdir(parents=True)
    shutil.copyfile(config, into / config.name)
    for name in extra:
        shutil.copytree(config.parent / name, into / name)
    return into / config.name


def edit_one_post(config: Path) -> None:
    """Insert a word into the first sample post, in place (the file keeps its lines)."""
    text = config.read_text(encoding="utf-8")
    node = yaml.compose(text)
    weeks = next(v for k, v in node.value if k.value == "weeks")
    sections = next(v for k, v in weeks.value[0].value if k.value == "sections")
    posts = next(v for k, v in sections.value[0].value if k.value == "posts")
    post_text = next(v for k, v in posts.value[0].value if k.value == "text")
    start, end = post_text.start_mark.index, post_text.end_mark.index
    span = text[start:end]
    cut = span.index(" ", 1)
    config.write_text(text[:start] + span[:cut] + " really" + span[cut:] + text[end:], encoding="utf-8")


def lower_bound(out: Path) -> tuple[float, dict[str, float]]:
    """The floor of one build into `out` (already built), for every locale it holds (the primary
    at `out`, each translation in `out/<locale>/`): its PNGs encoded bare, a bare docx per toolkit,
    and one bare LibreOffice pass over all of them."""
    import docx
    from PIL import Image

    from htpm.graphics.render import encode_png
    from htpm.pdf import PdfUnavailable, convert_to_pdf

    roots = [out, *sorted(p.parent for p in out.glob("*/.htpm-manifest.json"))]
    images = []
    for root in roots:
        for png in sorted(root.glob("graphics/*/*.png")):
            with Image.open(png) as im:
                images.append(im.convert("RGB"))
    toolkits = [[p.text for p in docx.Document(str(root / "toolkit.docx")).paragraphs] for root in roots]

    parts: dict[str, float] = {}
    start = time.perf_counter()
    for image in images:
        encode_png(image)
    parts["png"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="htpm-bench-") as tmp:
        start = time.perf_counter()
        bares = []
        for index, paragraphs in enumerate(toolkits):
            document = docx.Document()
            for text in paragraphs:
                document.add_paragraph(text)
            bares.append(Path(tmp) / f"bare-{index}.docx")
            document.save(str(bares[-1]))
        parts["docx"] = time.perf_counter() - start
        start = time.perf_counter()
        try:
            convert_to_pdf(bares, Path(tmp) / "pdf")
            parts["libreoffice"] = time.perf_counter() - start
        except PdfUnavailable:
            parts["libreoffice"] = 0.0
    parts["locales"] = len(roots)
    return sum(v for k, v in parts.items() if k != "locales"), parts


def generator_times(config: Path) -> dict[str, float]:
    """Each registered generator's generate for the primary locale, in the build's order on one
    context (the site reads the others' artifacts), in a fresh process."""
    code = f"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from htpm.artifacts import BuildContext
from htpm.config import load_campaign
from htpm.generators import REGISTRY
campaign = load_campaign(Path({str(config)!r}))
ctx = BuildContext()
times = {{}}
for g in sorted(REGISTRY, key=lambda g: g.reads_outputs):
    g.generate
    t = time.perf_counter()
    ctx.made.extend(g.generate(campaign, ctx))
    times[g.name] = time.perf_counter() - t
print(json.dumps(times))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def bench(name: str, runs: int) -> None:
    config, extra = CAMPAIGNS[name]
    bounds, colds, noops, edits = [], [], [], []
    per: dict[str, list[float]] = {g.name: [] for g in REGISTRY}
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="htpm-bench-") as tmp:
            copy = copy_campaign(config, extra, Path(tmp) / "campaign")
            out = Path(tmp) / "out"
            cold = timed_build(copy, out)
            noop = timed_build(copy, out)
            edit_one_post(copy)
            edited = timed_build(copy, out)
            bound, parts = lower_bound(out)
            bounds.append(bound)
            colds.append(cold["seconds"])
            noops.append(noop["seconds"])
            edits.append(edited["seconds"])
            for gen, seconds in generator_times(copy).items():
                per[gen].append(seconds)
            print(
                f"  run {run + 1}: bound {bound:.2f} s ({parts['locales']:.0f} locale(s): png "
                f"{parts['png']:.2f} s, docx {parts['docx']:.2f} s, "
                f"LibreOffice {parts['libreoffice']:.2f} s), "
                f"cold {cold['seconds']:.2f} s, "
                f"no-op {noop['seconds']:.3f} s, one post {edited['seconds']:.2f} s "
                f"(skipped {', '.join(edited['skipped']) or 'none'})",
                file=sys.stderr,
            )
    bound, cold = statistics.median(bounds), statistics.median(colds)
    print(f"{name}: lower bound {bound:.2f} s")
    print(f"{name}: cold build {cold:.2f} s = {cold / bound:.2f}x the bound")
    noop, edit = statistics.median(noops), statistics.median(edits)
    print(f"{name}: no-op rebuild {noop / cold:.3f}x cold ({noop:.3f} s)")
    print(f"{name}: one post changed {edit / cold:.2f}x cold ({edit:.2f} s)")
    for gen, times in per.items():
        print(f"{name}: generator {gen} cold {statistics.median(times):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is printed)")
    parser.add_argument("--campaign", choices=sorted(CAMPAIGNS), action="append", help="default: both")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    for name in args.campaign or list(CAMPAIGNS):
        bench(name, args.runs)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
