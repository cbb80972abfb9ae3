"""Fill the proclamation: one from given values, or one per row of a CSV, fast and confined.

The template is compiled once (htpm.proclamation.compiled); each good row is then a byte splice
and a zip. Large batches are split in chunks over worker processes (one per core). Every file
goes through a ConfinedWriter on the output folder; bad rows are reported, good rows written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from htpm.campaign import Campaign
from htpm.errors import HtpmError, UsageError
from htpm.proclamation.compiled import CompiledProclamation, compile_proclamation
from htpm.proclamation.names import ConfinedWriter, NameAllocator, check_pattern, render_pattern, safe_stem
from htpm.proclamation.rows import Row, RowError, read_rows, report_csv
from htpm.proclamation.text import field_names, proclamation_of, resolve_values

__all__ = ["FillOptions", "FillReport", "fields", "fill_csv", "fill_one", "fill_values", "parse_assignments"]

REPORT = "fill-report.csv"
COMBINED = "combined"
PARALLEL_FROM = 1000  # rows; below this, starting workers costs more than it saves
CHUNK = 500


@dataclass(frozen=True)
class FillOptions:
    pdf: bool = False  # also a PDF per row (one LibreOffice process for the batch)
    combined: bool = False  # also combined.docx (and combined.pdf with pdf) of every good row
    name_pattern: str | None = None  # e.g. '{jurisdiction} {year}'; default '{organization}'
    workers: int | None = None  # processes for large batches; default: one per core


@dataclass
class FillReport:
    out_dir: Path
    rows: int = 0
    written: list[Path] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    combined: list[Path] = field(default_factory=list)
    report: Path | None = None

    @property
    def failed_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})


def fields(campaign: Campaign) -> list[str]:
    """The proclamation's field names, in order: the columns a CSV must have."""
    return field_names(proclamation_of(campaign))


def fill_one(campaign: Campaign, values: Mapping[str, str]) -> bytes:
    """One filled .docx; HtpmError naming every unknown field or bad value."""
    placeholders = proclamation_of(campaign).placeholders
    _check_known(values, [p.name for p in placeholders])
    resolved, problems = resolve_values(placeholders, values)
    if problems:
        raise HtpmError("; ".join(f"{name}: {problem}" for name, problem in problems))
    return compile_proclamation(campaign).fill(resolved)


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """`--set field=value` options as a mapping (the first '=' splits; a field given twice is an error)."""
    values: dict[str, str] = {}
    for item in assignments:
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise UsageError(f"--set: expected field=value, got {item!r}")
        if name in values:
            raise UsageError(f"--set: {name} given twice")
        values[name] = value
    return values


def fill_values(
    campaign: Campaign, values: Mapping[str, str], out_dir: Path, options: FillOptions = FillOptions()
) -> FillReport:
    """`htpm proclamation fill --set ...`: one proclamation into `out_dir` (no report file)."""
    placeholders = proclamation_of(campaign).placeholders
    _check_known(values, [p.name for p in placeholders])
    _resolved, problems = resolve_values(placeholders, values)
    if problems:
        raise UsageError("--set: " + "; ".join(f"{name}: {problem}" for name, problem in problems))
    return _fill(campaign, "--set", [Row(1, dict(values))], out_dir, options, report=False)


def fill_csv(
    campaign: Campaign,
    csv_path: Path,
    out_dir: Path,
    delimiter: str = ",",
    options: FillOptions = FillOptions(),
) -> FillReport:
    """One proclamation per row of `csv_path` into `out_dir`, plus `out_dir/fill-report.csv`.

    Columns are checked first (HtpmError). Bad rows are listed in `FillReport.errors` and the
    report file; every good row is written.
    """
    placeholders = proclamation_of(campaign).placeholders
    _pattern(campaign, options)  # a bad pattern fails before the CSV is read
    rows = read_rows(csv_path, placeholders, delimiter)
    return _fill(campaign, str(csv_path), rows, out_dir, options, report=True)


# -- the batch ----------------------------------------------------------------------------------
def _fill(
    campaign: Campaign, source: str, rows: list[Row], out_dir: Path, options: FillOptions, report: bool
) -> FillReport:
    placeholders = proclamation_of(campaign).placeholders
    pattern = _pattern(campaign, options)
    compiled = compile_proclamation(campaign)
    writer = ConfinedWriter(out_dir)
    result = FillReport(writer.root, rows=len(rows))
    names = NameAllocator([COMBINED, REPORT.rsplit(".", 1)[0]])
    jobs: list[tuple[str, dict[str, str]]] = []
    lines: list[tuple[int, str, str, str, str]] = []
    for row in rows:
        values, problems = resolve_values(placeholders, row.cells)
        if row.problem:
            problems.insert(0, ("row", row.problem))
        if problems:
            for name, problem in problems:
                result.errors.append(RowError(source, row.number, name, problem))
                lines.append((row.number, "failed", "", name, problem))
            continue
        stem = names.allocate(safe_stem(render_pattern(pattern, values), f"row-{row.number}"))
        jobs.append((f"{stem}.docx", values))
        lines.append((row.number, "written", f"{stem}.docx", "", ""))
    _write_all(compiled, writer, jobs, options.workers)
    result.written = [writer.root / name for name, _values in jobs]
    if options.combined and jobs:
        combined = compiled.fill_combined([values for _name, values in jobs])
        result.combined.append(writer.write(f"{COMBINED}.docx", combined))
    if report:
        result.report = writer.write(REPORT, report_csv(lines))
    if options.pdf and jobs:
        result.pdfs = _pdfs(writer, [*result.written, *result.combined])
    return result


def _pattern(campaign: Campaign, options: FillOptions) -> str:
    names = fields(campaign)
    if options.name_pattern is None:
        if not names:
            return "proclamation"
        return "{organization}" if "organization" in names else "{" + names[0] + "}"
    check_pattern(options.name_pattern, names)
    return options.name_pattern


def _check_known(values: Mapping[str, str], names: list[str]) -> None:
    unknown = [name for name in values if name not in names]
    if unknown:
        raise UsageError(f"unknown field {unknown[0]!r} (fields: {', '.join(names) or 'none'})")


def _write_all(
    compiled: CompiledProclamation,
    writer: ConfinedWriter,
    jobs: list[tuple[str, dict[str, str]]],
    workers: int | None,
) -> None:
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        for name, values in jobs:
            writer.write(name, compiled.fill(values))
        return
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(compiled, writer.root)) as pool:
        for _count in pool.map(_write_chunk, chunks):
            pass


_WORKER: tuple[CompiledProclamation, ConfinedWriter] | None = None


def _start_worker(compiled: CompiledProclamation, root: Path) -> None:
    global _WORKER
    _WORKER = (compiled, ConfinedWriter(root))


def _write_chunk(jobs: list[tuple[str, dict[str, str]]]) -> int:
    assert _WORKER is not None, "worker not initialised"
    compiled, writer = _WORKER
    for name, values in jobs:
        writer.write(name, compiled.fill(values))
    return len(jobs)


def _pdfs(writer: ConfinedWriter, documents: list[Path]) -> list[Path]:
    """One LibreOffice process for the whole batch, into a private folder, then confined copies."""
    from htpm.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="htpm-proclamation-pdf-") as tmp:
        timeout = 120 + 0.5 * len(documents)
        converted = convert_to_pdf(documents, Path(tmp), timeout=timeout)
        return [writer.write(pdf.name, pdf.read_bytes()) for pdf in converted]
