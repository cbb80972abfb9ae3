"""`htpm build`, top to bottom: load, validate, lint, generate, convert, write (STYLE 1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.artifacts import Artifact, BuildContext, BuildWarning
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.errors import BuildFailed
from htpm.generators import Generator, select
from htpm.outputs import WriteReport, prepare_output, previous_output, write_artifacts
from htpm.validation import check_or_raise


@dataclass
class BuildResult:
    campaign: Campaign
    report: WriteReport
    warnings: list[BuildWarning] = field(default_factory=list)


def build(
    config_path: Path,
    out_dir: Path,
    only: list[str] | None = None,
    force: bool = False,
    strict: bool = False,
    pdf: bool = False,
    lint: bool = True,
    on_step: Callable[[str, int, int], None] = lambda _name, _i, _n: None,
    subset: Any = None,
    fill: dict[str, str] | None = None,
) -> BuildResult:
    """Build the campaign at `config_path` into `out_dir`. Nothing is written unless all succeeds.

    With `only`, just those generators run, and only the files they own are replaced or pruned."""
    generators = select(only)
    prepare_output(out_dir)  # a build killed mid-commit is rolled back before anything reads it
    campaign = load_campaign(config_path, fill=fill)
    check_or_raise(campaign, generators)
    warnings: list[BuildWarning] = []
    if lint:
        warnings.extend(_lint(campaign, strict))
    ctx = BuildContext(
        strict=strict, pdf=pdf, subset=subset, previous=lambda path: previous_output(out_dir, path)
    )
    artifacts = generate_all(campaign, generators, ctx, on_step)
    warnings.extend(ctx.warnings)
    if campaign.open_fill_ins:
        warnings.append(_open_fill_ins(campaign))
    if strict and ctx.warnings:
        raise BuildFailed(
            f"{len(ctx.warnings)} warning(s) with --strict; nothing written:\n" + "\n".join(ctx.warnings)
        )
    owned = None if only is None else (lambda path: any(g.owns_path(path) for g in generators))
    report = write_artifacts(artifacts, out_dir, force=force, prune=not subset, owned=owned)
    return BuildResult(campaign, report, warnings)


def generate_all(
    campaign: Campaign,
    generators: list[Generator],
    ctx: BuildContext,
    on_step: Callable[[str, int, int], None] = lambda _name, _i, _n: None,
) -> list[Artifact]:
    """Every selected generator's artifacts, then the PDFs asked for, in one LibreOffice batch."""
    artifacts: list[Artifact] = []
    for index, generator in enumerate(generators):
        on_step(generator.name, index, len(generators))
        made = generator.generate(campaign, ctx)
        stray = [a.path for a in made if not generator.owns_path(a.path)]
        if stray:  # a bug: the registry must say what each generator writes
            raise AssertionError(f"generator {generator.name} wrote outside what it owns: {stray}")
        artifacts.extend(made)
    if ctx.pdf:
        on_step("pdf", len(generators), len(generators) + 1)
        from htpm.pdf import pdf_artifacts

        artifacts.extend(pdf_artifacts(artifacts, ctx))
    on_step("write", len(generators), len(generators))
    return artifacts


def _open_fill_ins(campaign: Campaign) -> BuildWarning:
    """One line: every open fill-in and where it is used (a toolkit is for others to fill in)."""
    places: dict[str, list[str]] = {}
    for name, where in campaign.open_fill_ins:
        places.setdefault(name, []).append(f"{where.file}:{where.line}" if where.line else where.file)
    listed = "; ".join(f"{name} ({', '.join(dict.fromkeys(at))})" for name, at in places.items())
    return BuildWarning(
        "fill-ins",
        f"{len(places)} open fill-in(s), shown as blanks: {listed}; give values under fill: or with --fill",
    )


def _lint(campaign: Campaign, strict: bool) -> list[BuildWarning]:
    """Run the messaging lint first; errors stop the build before anything is generated.

    Warnings come back one per finding, of kind "lint" (the CLI counts them)."""
    from htpm.lint import failed, format_text, lint_campaign

    findings = lint_campaign(campaign)
    if failed(findings, strict):
        blocking = [f for f in findings if f.severity == "error" or (strict and f.severity == "warning")]
        raise BuildFailed(
            f"lint found {len(blocking)} problem(s); fix them or use --no-lint:\n" + format_text(blocking)
        )
    return [BuildWarning("lint", format_text([f])) for f in findings if f.severity == "warning"]
