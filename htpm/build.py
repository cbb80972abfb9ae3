"""`htpm build`, top to bottom: load, validate, lint, generate, write (STYLE 1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from htpm.artifacts import Artifact, BuildContext, BuildWarning
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.errors import BuildFailed
from htpm.generators import select
from htpm.outputs import WriteReport, write_artifacts


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
) -> BuildResult:
    """Build the campaign at `config_path` into `out_dir`. Nothing is written unless all succeeds."""
    campaign = load_campaign(config_path)
    warnings: list[BuildWarning] = []
    if lint:
        warnings.extend(_lint(campaign, strict))
    ctx = BuildContext(strict=strict, pdf=pdf)
    generators = select(only)
    artifacts: list[Artifact] = []
    for index, generator in enumerate(generators):
        on_step(generator.name, index, len(generators))
        artifacts.extend(generator.generate(campaign, ctx))
    on_step("write", len(generators), len(generators))
    warnings.extend(ctx.warnings)
    if strict and ctx.warnings:
        raise BuildFailed(
            f"{len(ctx.warnings)} warning(s) with --strict; nothing written:\n"
            + "\n".join(map(str, ctx.warnings))
        )
    report = write_artifacts(artifacts, out_dir, force=force, prune=only is None)
    return BuildResult(campaign, report, warnings)


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
