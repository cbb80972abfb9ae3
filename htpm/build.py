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
from htpm.incremental import Incremental, campaign_from_json, options_key
from htpm.outputs import WriteReport, previous_output, write_artifacts
from htpm.validation import check_or_raise


@dataclass
class BuildResult:
    campaign: Campaign
    report: WriteReport
    warnings: list[BuildWarning] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # generators not run: inputs and outputs unchanged


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

    With `only`, just those generators run, and only the files they own are replaced or pruned.
    Generators whose inputs and outputs are unchanged are skipped (htpm.incremental); `force` also
    rebuilds everything."""
    generators = select(only)
    # a generator's outputs depend on the first options; the whole build's on all
    made_with = options_key(pdf=pdf, subset=subset, fill=fill or None)
    cache = Incremental(out_dir, made_with, options_key(made_with=made_with, only=only, lint=lint), force)
    unchanged = cache.unchanged(config_path)
    if unchanged is not None and not (strict and unchanged[2]):  # --strict with warnings: fail as before
        loaded, report, replayed = unchanged
        campaign = campaign_from_json({**loaded, "path": str(config_path)})
        return BuildResult(campaign, report, replayed, skipped=[g.name for g in generators])
    campaign = load_campaign(config_path, fill=fill)
    to_run, reused, replayed = cache.split(campaign, generators)
    check_or_raise(campaign, to_run)
    warnings: list[BuildWarning] = []
    if lint:
        warnings.extend(_lint(campaign, strict))
    ctx = BuildContext(
        strict=strict,
        pdf=pdf,
        subset=subset,
        previous=lambda path: previous_output(out_dir, path),
        memo=cache.cache,
    )
    warned: dict[str, list[BuildWarning]] = {}
    artifacts = generate_all(campaign, to_run, ctx, on_step, warned)
    warnings.extend([*replayed, *ctx.warnings])
    if campaign.open_fill_ins:
        warnings.append(_open_fill_ins(campaign))
    _fail_if_strict(strict, [*replayed, *ctx.warnings])
    owned = None if only is None else (lambda path: any(g.owns_path(path) for g in generators))
    everything = [*artifacts, *reused]
    report = write_artifacts(everything, out_dir, force=force, prune=not subset, owned=owned)
    cache.record(campaign, to_run, artifacts, warned, report)
    if not report.conflicts:
        cache.record_stamp(config_path, campaign, everything, warnings)
    cache.save()
    return BuildResult(campaign, report, warnings, skipped=cache.skipped)


def _fail_if_strict(strict: bool, warnings: list[BuildWarning]) -> None:
    if strict and warnings:
        raise BuildFailed(
            f"{len(warnings)} warning(s) with --strict; nothing written:\n" + "\n".join(warnings)
        )


def generate_all(
    campaign: Campaign,
    generators: list[Generator],
    ctx: BuildContext,
    on_step: Callable[[str, int, int], None] = lambda _name, _i, _n: None,
    warned: dict[str, list[BuildWarning]] | None = None,
) -> list[Artifact]:
    """Every selected generator's artifacts, then the PDFs asked for, in one LibreOffice batch.

    `warned` receives each generator's warnings by name (a PDF's go to the generator that asked)."""
    artifacts: list[Artifact] = []
    warned = {} if warned is None else warned
    for index, generator in enumerate(generators):
        on_step(generator.name, index, len(generators))
        before = len(ctx.warnings)
        made = generator.generate(campaign, ctx)
        warned[generator.name] = ctx.warnings[before:]
        stray = [a.path for a in made if not generator.owns_path(a.path)]
        if stray:  # a bug: the registry must say what each generator writes
            raise AssertionError(f"generator {generator.name} wrote outside what it owns: {stray}")
        artifacts.extend(made)
    if ctx.pdf:
        on_step("pdf", len(generators), len(generators) + 1)
        from htpm.pdf import pdf_artifacts

        before = len(ctx.warnings)
        artifacts.extend(pdf_artifacts(artifacts, ctx))
        for generator in generators:
            if any(generator.owns_path(path) for path in ctx.pdf_requests):
                warned[generator.name] = [*warned.get(generator.name, []), *ctx.warnings[before:]]
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
