"""Fill the proclamation: one from given values, or one per row of a CSV, fast and confined.

The template is compiled once (htpm.proclamation.compiled); each good row is then a byte splice
and a zip. Large batches are split in chunks over worker processes (one per core). Every file
goes through the build's one writer (`htpm.outputs`: confined, atomic, a manifest of hashes, a
file edited by hand kept unless `force`), staged as it is made; bad rows are reported, good rows
written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.errors import HtpmError, UsageError
from htpm.outputs import write_artifacts
from htpm.proclamation.compiled import CompiledProclamation, compile_proclamation
from htpm.proclamation.names import ConfinedWriter, NameAllocator, check_pattern, render_pattern, safe_stem
from htpm.proclamation.rows import Row, RowError, read_rows, report_csv
from htpm.proclamation.text import field_names, proclamation_of, resolve_values
from htpm.values import parse_assignments as values_parse_assignments

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
    force: bool = False  # overwrite files edited by hand since the last fill into the folder


@dataclass
class FillReport:
    out_dir: Path
    rows: int = 0
    written: list[Path] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    combined: list[Path] = field(default_factory=list)
    report: Path | None = None
    conflicts: list[Path] = field(default_factory=list)  # edited since the last fill: kept

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
    return values_parse_assignments(assignments, "--set", "field")


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
    names_ok = ConfinedWriter(out_dir)  # checks every name is a bare, safe file name
    result = FillReport(names_ok.root, rows=len(rows))
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
        names_ok.path(f"{stem}.docx")
        jobs.append((f"{stem}.docx", values))
        lines.append((row.number, "written", f"{stem}.docx", "", ""))
    extra: list[Artifact] = []
    if options.combined and jobs:
        extra.append(Artifact(f"{COMBINED}.docx", compiled.fill_combined([values for _n, values in jobs])))
    if report:
        extra.append(Artifact(REPORT, report_csv(lines)))
    # through the one writer: confined, atomic, in the folder's manifest; hand-edited files are kept
    written = write_artifacts(
        _artifacts(compiled, jobs, extra, options), names_ok.root, force=options.force, prune=False
    )
    result.conflicts = [names_ok.root / name for name in written.conflicts]
    result.written = [names_ok.root / name for name, _values in jobs]
    result.combined = [names_ok.root / a.path for a in extra if a.path.startswith(COMBINED)]
    result.report = names_ok.root / REPORT if report else None
    if options.pdf and jobs:
        stems = [name.rsplit(".", 1)[0] for name, _v in jobs] + ([COMBINED] if result.combined else [])
        result.pdfs = [names_ok.root / f"{stem}.pdf" for stem in stems]
    return result


def _artifacts(
    compiled: CompiledProclamation,
    jobs: list[tuple[str, dict[str, str]]],
    extra: list[Artifact],
    options: FillOptions,
) -> Iterator[Artifact]:
    """Every document of the batch as it is made (the writer stages each at once), then the
    combined document and the report, then with `pdf` the PDFs of all of them from one
    LibreOffice process."""
    with tempfile.TemporaryDirectory(prefix="htpm-proclamation-pdf-") as tmp:
        folder = Path(tmp)
        documents: list[Path] = []
        for artifact in [*_documents(compiled, jobs, options.workers), *extra]:
            if options.pdf and artifact.path.endswith(".docx"):
                documents.append(folder / artifact.path)
                documents[-1].write_bytes(artifact.data)
            yield artifact
        if options.pdf and documents:
            from htpm.pdf import convert_to_pdf

            converted = convert_to_pdf(documents, folder / "pdf", timeout=120 + 0.5 * len(documents))
            for pdf in converted:
                yield Artifact(pdf.name, pdf.read_bytes())


def _documents(
    compiled: CompiledProclamation, jobs: list[tuple[str, dict[str, str]]], workers: int | None
) -> Iterator[Artifact]:
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        for name, values in jobs:
            yield Artifact(name, compiled.fill(values))
        return
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(compiled,)) as pool:
        for chunk, documents in zip(chunks, pool.map(_fill_chunk, chunks), strict=True):
            for (name, _values), data in zip(chunk, documents, strict=True):
                yield Artifact(name, data)


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


_WORKER: CompiledProclamation | None = None


def _start_worker(compiled: CompiledProclamation) -> None:
    global _WORKER
    _WORKER = compiled


def _fill_chunk(jobs: list[tuple[str, dict[str, str]]]) -> list[bytes]:
    assert _WORKER is not None, "worker not initialised"
    return [_WORKER.fill(values) for _name, values in jobs]
