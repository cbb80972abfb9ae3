"""Benchmark: fill N proclamations from a CSV with htpm, and the same template with plain docxtpl.

    python benchmarks/proclamation_fill.py [N] [--sample 200] [--config campaign_configs/2023.yaml]

htpm's run is end to end (`fill_csv`: read and check the CSV, compile the template once, fill
and write every .docx, the report file), three times; docxtpl renders the same designer template
per row (load, render, save a file) on a sample of rows, three times. Both throughputs are the
medians of their three runs, in rows per second. No PDF. A benchmark, not a test: the figures
depend on the machine (targets: at least 3x docxtpl, and 10,000 rows in under 30 s on two cores).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.config import load_campaign  # noqa: E402
from htpm.proclamation import fill_csv  # noqa: E402
from htpm.proclamation.compiled import TEMPLATE  # noqa: E402

RUNS = 3


def rows(n: int) -> list[dict[str, str]]:
    return [
        {
            "organization": f"County {i} Board of Supervisors & Partners",
            "title": "Chair of the Board" if i % 2 else "County Executive",
            "jurisdiction": f"County {i}",
            "year": "2023",
        }
        for i in range(n)
    ]


def write_csv(path: Path, data: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(data)


def htpm_run(campaign, csv_path: Path, out: Path) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    report = fill_csv(campaign, csv_path, out)
    elapsed = time.perf_counter() - start
    assert not report.errors and len(report.written) == report.rows, "benchmark rows must all be good"
    return elapsed


def docxtpl_run(campaign, data: list[dict[str, str]], out: Path) -> float:  # type: ignore[no-untyped-def]
    """Plain docxtpl, the usual way: one DocxTemplate per row, values substituted into the text."""
    from docxtpl import DocxTemplate

    proclamation = campaign.config.proclamation
    template = campaign.find_template(TEMPLATE)
    labels = {k.split(".", 1)[1]: v for k, v in campaign.labels.items() if k.startswith("proclamation.")}
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for index, values in enumerate(data):

        def fill(text: str, values: dict[str, str] = values) -> str:
            for name, value in values.items():
                text = text.replace("{" + name + "}", value)
            return text.replace("**", "")

        context = {
            "title": fill(proclamation.title),
            "whereas": [fill(t) for t in proclamation.whereas],
            "resolution": fill(proclamation.resolution),
            "signature_lines": [fill(t) for t in proclamation.signature_lines],
            "fields": values,
            "observance": campaign.config.observance.name,
            "year": campaign.year,
            "labels": labels,
        }
        tpl = DocxTemplate(template)
        tpl.render(context, autoescape=True)
        tpl.save(out / f"row-{index}.docx")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="rows htpm fills per run")
    parser.add_argument("--sample", type=int, default=200, help="rows docxtpl renders per run")
    parser.add_argument("--config", type=Path, default=ROOT / "campaign_configs" / "2023.yaml")
    args = parser.parse_args()
    campaign = load_campaign(args.config)
    columns = [p.name for p in campaign.config.proclamation.placeholders]
    print(f"config {args.config.name}, {os.cpu_count()} cores, {RUNS} runs each, no PDF")
    with tempfile.TemporaryDirectory(prefix="htpm-bench-") as tmp:
        base = Path(tmp)
        data = rows(args.n)
        write_csv(base / "rows.csv", data, columns)
        htpm_times = [htpm_run(campaign, base / "rows.csv", base / f"htpm-{run}") for run in range(RUNS)]
        sample = data[: args.sample]
        tpl_times = [docxtpl_run(campaign, sample, base / f"docxtpl-{run}") for run in range(RUNS)]
    htpm_rate = args.n / statistics.median(htpm_times)
    tpl_rate = len(sample) / statistics.median(tpl_times)
    print(f"htpm    {args.n:>6} rows: " + ", ".join(f"{t:.2f} s" for t in htpm_times))
    print(f"docxtpl {len(sample):>6} rows: " + ", ".join(f"{t:.2f} s" for t in tpl_times))
    print(f"htpm    {htpm_rate:10.0f} rows/s (median)")
    print(f"docxtpl {tpl_rate:10.1f} rows/s (median)")
    print(f"ratio   {htpm_rate / tpl_rate:10.1f}x")
    print(f"{args.n} rows in {statistics.median(htpm_times):.2f} s (median)")


if __name__ == "__main__":
    main()
