"""Scale checks (issue 13): the paths that were quadratic, each timed once and printed.

    python benchmarks/scale.py [--posts 10000] [--markdown-kb 1000] [--prose-kb 120]

- posts.md for N posts (the social generator's Markdown context and template);
- `htpm lint` on a Markdown file of about M KB, dense with findings;
- the toolkit's prose of P KB of `*a ` (parsed once, checked once);
- validation of a focus week spanning 1900-2200 (refused at once, not minutes of slots);
- a whole `htpm build --no-lint` (no --pdf) of a campaign with N posts: every generator, the
  writer, the site (with LibreOffice installed, the toolkit's page measurement included).

A benchmark, not a test: figures depend on the machine (target: each well under 10 s, the whole
build well under 60 s).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.config import load_campaign  # noqa: E402
from htpm.lint import lint_files  # noqa: E402
from htpm.validation import validate_config  # noqa: E402

BASE = (ROOT / "tests" / "data" / "water-safety" / "config.yaml").read_text(encoding="utf-8")
POST = (
    '          - text: "Free swim lessons start this week at every county pool. parks.example.org/pools'
    ' #SwimSmart"\n'
)
INTRO = BASE[BASE.index("introduction: |") : BASE.index("goals:")]


def timed(label: str, run) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    detail = run()
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s ({detail})")
    return seconds


def posts_md(folder: Path, count: int) -> str:
    from htpm.generators.social import render_posts_md
    from htpm.social.posts import plan_posts
    from htpm.social.schedule import assign_times

    lines = "".join(
        f'          - text: "Swim lesson {i} at the county pool. #SwimSmart"\n' for i in range(count)
    )
    config = folder / "posts.yaml"
    config.write_text(BASE.replace(POST, lines, 1), encoding="utf-8")
    campaign = load_campaign(config)
    plan = plan_posts(campaign)
    times, _ = assign_times(campaign, plan.refs)
    text = render_posts_md(campaign, plan, times)
    return f"{len(plan.posts)} platform posts, {len(text) // 1000} KB of posts.md"


def whole_build(folder: Path, count: int) -> str:
    from htpm.build import build

    lines = "".join(
        f'          - text: "Swim lesson {i} at the county pool. #SwimSmart"\n' for i in range(count)
    )
    config = folder / "whole.yaml"
    config.write_text(BASE.replace(POST, lines, 1), encoding="utf-8")
    result = build(config, folder / "whole-out", lint=False)
    size = sum(p.stat().st_size for p in (folder / "whole-out").rglob("*") if p.is_file())
    return f"{len(result.report.written)} files, {size // 1_000_000} MB"


def lint_markdown(folder: Path, kb: int) -> str:
    paragraph = "Victims of trafficking were rescued by the hotline. Trafficked girls. " * 5 + "\n\n"
    path = folder / "big.md"
    path.write_text(paragraph * (kb * 1000 // len(paragraph)), encoding="utf-8")
    findings = lint_files([path])
    return f"{path.stat().st_size // 1000} KB, {len(findings)} findings"


def prose(folder: Path, kb: int) -> str:
    from htpm.artifacts import BuildContext
    from htpm.generators.toolkit import generate

    (folder / "intro.md").write_text("*a " * (kb * 1000 // 3), encoding="utf-8")
    config = folder / "prose.yaml"
    config.write_text(BASE.replace(INTRO, "introduction: {file: intro.md}\n", 1), encoding="utf-8")
    campaign = load_campaign(config)
    made = generate(campaign, BuildContext())
    return f"{kb} KB of '*a ', {sum(len(a.data) for a in made) // 1000} KB of toolkit"


def long_week(folder: Path) -> str:
    config = folder / "week.yaml"
    every_minute = "[" + ", ".join(f'"{h:02d}:{m:02d}"' for h in range(24) for m in range(60)) + "]"
    text = BASE.replace(
        "    audience: Families\n", "    audience: Families\n    start: 1900-01-01\n    end: 2200-12-31\n", 1
    )
    text = re.sub(r'      mon: \["09:30"\]\n', f"      mon: {every_minute}\n", text)
    config.write_text(text, encoding="utf-8")
    problems = validate_config(config).problems
    return f"{len(problems)} problem(s): {problems[0].message if problems else '-'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--markdown-kb", type=int, default=1000)
    parser.add_argument("--prose-kb", type=int, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="htpm-scale-") as tmp:
        folder = Path(tmp)
        timed(f"posts.md, {args.posts} posts", lambda: posts_md(folder, args.posts))
        timed(f"lint, {args.markdown_kb} KB of Markdown", lambda: lint_markdown(folder, args.markdown_kb))
        timed(f"toolkit, {args.prose_kb} KB of prose", lambda: prose(folder, args.prose_kb))
        timed("validate, a week of 1900-2200 posting every minute", lambda: long_week(folder))
        timed(f"whole build (--no-lint), {args.posts} posts", lambda: whole_build(folder, args.posts))


if __name__ == "__main__":
    main()
