"""`htpm build`, top to bottom: load, validate, lint, generate, convert, write (STYLE 1)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.artifacts import Artifact, BuildContext, BuildWarning
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.errors import BuildFailed, UsageError
from htpm.generators import Generator, select
from htpm.incremental import Incremental, campaign_from_json, options_key
from htpm.outputs import WriteReport, prepare_output, previous_output, write_artifacts
from htpm.pdf import ended_on_failure
from htpm.validation import check_or_raise


@dataclass
class BuildResult:
    """One locale's build: its campaign, what was written into its folder, its warnings; the
    result `build` returns also lists every locale built with it (itself first) in `locales`."""

    campaign: Campaign
    report: WriteReport
    warnings: list[BuildWarning] = field(default_factory=list)
    out_dir: Path = Path()
    locales: list[BuildResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # generators not run: inputs and outputs unchanged


def locale_dir(out_dir: Path, campaign: Campaign) -> Path:
    """Where a locale's files go: the config's own language at the output root, each translation
    in a folder of its own named by its locale (`dist/es-US/`), owned by that locale alone."""
    return _folder(out_dir, campaign.locale, campaign.is_primary)


def _folder(out_dir: Path, locale: str, primary: bool) -> Path:
    return out_dir if primary else out_dir / locale


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
    locale: str | None = None,
) -> BuildResult:
    """Build the campaign at `config_path` into `out_dir`: every locale the config lists (the
    primary at `out_dir`, each translation in `out_dir/<locale>/`), or only `locale`.

    Every locale is validated, linted and generated before anything is written; then each
    locale's files are written into its own folder (its own manifest and cache: pruning and
    conflicts never cross locales). With `only`, just those generators run, and only the files
    they own are replaced or pruned. Generators whose inputs and outputs are unchanged are skipped
    (htpm.incremental); `force` rebuilds everything."""
    generators = select(only)
    prepare_output(out_dir)  # a build killed mid-commit is rolled back before anything reads it
    # a generator's outputs depend on the first options; the whole build's on all
    made_with = options_key(pdf=pdf, subset=subset, fill=fill or None)
    stamp = options_key(made_with=made_with, only=only, lint=lint)

    def cache_for(where: Path) -> Incremental:
        return Incremental(where, made_with, stamp, force)

    replayed_build = _unchanged(config_path, out_dir, generators, locale, strict, cache_for)
    if replayed_build is not None:
        return replayed_build
    primary = load_campaign(config_path, fill=fill)
    if locale is not None and locale not in primary.locales:
        raise UsageError(
            f"--locale: the config has no locale {locale} (its locales: {', '.join(primary.locales)})"
        )
    wanted = [locale] if locale is not None else list(primary.locales)
    campaigns = [
        primary if code == primary.locale else load_campaign(config_path, code, fill) for code in wanted
    ]
    plans = []
    for campaign in campaigns:
        where = locale_dir(out_dir, campaign)
        if where != out_dir:
            prepare_output(where)
        cache = cache_for(where)
        plans.append((campaign, where, cache, *cache.split(campaign, generators)))
    lint_each = primary not in campaigns
    with ended_on_failure():  # no LibreOffice run outlives a failed or interrupted build
        # work a generator starts for every locale at once (the toolkit's LibreOffice pass), begun
        # before the checks and the lint so that it runs beside them; a failed build ends it
        for generator in generators:
            if generator.prepare is not None:
                generator.prepare([(plan[0], plan[2].cache) for plan in plans if generator in plan[3]])
        # a translation with nothing to build (every generator, the ones that read everything among
        # them, skipped) has the inputs with which it last passed its checks
        unchanged = {
            plan[0].locale for plan in plans if only is None and not plan[3] and not plan[0].is_primary
        }
        running = [g for g in generators if any(g in plan[3] for plan in plans)]
        check_or_raise(primary, running, campaigns, unchanged)
        # the primary's lint covers its translations (each in its own language); one locale alone is
        # linted by itself
        linted = [
            _lint(campaign, strict) if lint and (campaign.is_primary or lint_each) else []
            for campaign, *_ in plans
        ]
        made = _generate(plans, linted, strict, pdf, subset, lint_each, on_step)
    owned = None if only is None else (lambda path: any(g.owns_path(path) for g in generators))
    results = []
    for campaign, where, cache, to_run, artifacts, everything, warned, warnings in made:
        report = write_artifacts(everything, where, force=force, prune=not subset, owned=owned)
        cache.record(campaign, to_run, artifacts, warned, report)
        if not report.conflicts:
            cache.record_stamp(config_path, campaign, everything, warnings)
        cache.save()
        results.append(BuildResult(campaign, report, warnings, where, skipped=cache.skipped))
    results[0].locales = results
    return results[0]


def _generate(
    plans: list[Any],
    linted: list[list[BuildWarning]],
    strict: bool,
    pdf: bool,
    subset: Any,
    lint_each: bool,
    on_step: Callable[[str, int, int], None],
) -> list[Any]:
    """Each locale's generators, in turn: its artifacts, warnings and what to record."""
    made = []
    for (campaign, where, cache, to_run, reused, replayed), warnings in zip(plans, linted, strict=True):
        ctx = BuildContext(
            strict=strict,
            pdf=pdf,
            subset=subset,
            previous=functools.partial(previous_output, where),
            memo=cache.cache,
        )
        ctx.made.extend(reused)  # what a later generator (the site) reads, as on disk
        warned: dict[str, list[BuildWarning]] = {}
        everything = generate_all(campaign, to_run, ctx, on_step, warned)
        warnings.extend([*replayed, *ctx.warnings])
        if campaign.open_fill_ins and (campaign.is_primary or lint_each):  # the same names in each locale
            warnings.append(_open_fill_ins(campaign))
        _fail_if_strict(strict, [*replayed, *ctx.warnings])
        if not campaign.is_primary:
            warnings = [BuildWarning(w.kind, f"{campaign.locale}: {w.message}") for w in warnings]
        made.append((campaign, where, cache, to_run, everything[len(reused) :], everything, warned, warnings))
    return made


def _unchanged(
    config_path: Path,
    out_dir: Path,
    generators: list[Generator],
    locale: str | None,
    strict: bool,
    cache_for: Callable[[Path], Incremental],
) -> BuildResult | None:
    """The last build again, without loading the config, when no input of any locale changed
    (None: something did, or --strict and the last build had warnings)."""
    root = cache_for(out_dir).unchanged(config_path)
    if root is None:
        return None
    primary = campaign_from_json({**root[0], "path": str(config_path)})
    if locale is not None and locale not in primary.locales:
        return None  # the full path says why
    results = []
    for code in [locale] if locale is not None else list(primary.locales):
        where = _folder(out_dir, code, code == primary.locale)
        found = root if where == out_dir else cache_for(where).unchanged(config_path)
        if found is None or (strict and found[2]):  # --strict with warnings: fail as before
            return None
        loaded, report, replayed = found
        campaign = campaign_from_json({**loaded, "path": str(config_path)})
        results.append(BuildResult(campaign, report, replayed, where, skipped=[g.name for g in generators]))
    results[0].locales = results
    return results[0]


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
    """Every selected generator's artifacts, then the PDFs asked for, in one LibreOffice batch, then
    the generators made from those artifacts (the site). The list is `ctx.made` (which may hold
    artifacts from before, such as a skipped generator's outputs).

    `warned` receives each generator's warnings by name (a PDF's go to the generator that asked)."""
    artifacts: list[Artifact] = ctx.made
    warned = {} if warned is None else warned
    first = [g for g in generators if not g.reads_outputs]
    later = [g for g in generators if g.reads_outputs]
    pending: list[tuple[Generator, Callable[[], list[Artifact]]]] = []
    ctx.may_defer = True  # LibreOffice measuring the toolkit runs beside the generators after it
    try:
        with ended_on_failure():  # no LibreOffice run outlives a failed or interrupted build
            for index, generator in enumerate(first):
                on_step(generator.name, index, len(generators))
                _run(generator, campaign, ctx, artifacts, warned)
                pending += [(generator, finish) for finish in ctx.deferred]
                ctx.deferred.clear()
            for generator, finish in pending:
                before = len(ctx.warnings)
                made = finish()
                _own(generator, made)
                artifacts.extend(made)
                warned[generator.name] = [*warned.get(generator.name, []), *ctx.warnings[before:]]
    finally:
        ctx.may_defer = False
    if ctx.pdf:
        on_step("pdf", len(first), len(generators) + 1)
        from htpm.pdf import pdf_artifacts

        before = len(ctx.warnings)
        artifacts.extend(pdf_artifacts(artifacts, ctx))
        for generator in generators:
            if any(generator.owns_path(path) for path in ctx.pdf_requests):
                warned[generator.name] = [*warned.get(generator.name, []), *ctx.warnings[before:]]
    for index, generator in enumerate(later, len(first)):
        on_step(generator.name, index, len(generators))
        _run(generator, campaign, ctx, artifacts, warned)
    on_step("write", len(generators), len(generators))
    return artifacts


def _run(
    generator: Generator,
    campaign: Campaign,
    ctx: BuildContext,
    artifacts: list[Artifact],
    warned: dict[str, list[BuildWarning]],
) -> None:
    before = len(ctx.warnings)
    made = generator.generate(campaign, ctx)
    warned[generator.name] = ctx.warnings[before:]
    _own(generator, made)
    artifacts.extend(made)


def _own(generator: Generator, made: list[Artifact]) -> None:
    stray = [a.path for a in made if not generator.owns_path(a.path)]
    if stray:  # a bug: the registry must say what each generator writes
        raise AssertionError(f"generator {generator.name} wrote outside what it owns: {stray}")


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
