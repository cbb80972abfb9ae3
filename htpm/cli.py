"""The `htpm` command: thin adapters over the library (STYLE 2). Exit 0 done, 1 user error, 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from htpm import __version__
from htpm.errors import ConfigError, HtpmError
from htpm.paths import bundled_config

app = typer.Typer(
    name="htpm",
    help="Generate a prevention month's campaign toolkit from one config.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigArg = Annotated[
    Path | None,
    typer.Argument(help="Campaign config (YAML). Default: the bundled campaign.", show_default=False),
]


def default_config(config: Path | None) -> Path:
    return config if config is not None else bundled_config()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"htpm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Generate a prevention month's campaign toolkit from one config."""


@app.command()
def validate(config: ConfigArg = None) -> None:
    """Check a campaign config and report every mistake at once, with file and line."""
    from htpm.config import load_campaign

    campaign = load_campaign(default_config(config))
    typer.echo(f"{campaign.path}: ok ({len(campaign.weeks)} weeks, {campaign.locale})")


@app.command()
def build(
    config: ConfigArg = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("dist"),
    only: Annotated[
        str | None, typer.Option("--only", help="Comma-separated outputs to build (e.g. toolkit,social).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files edited since the last build.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also convert documents to PDF (needs LibreOffice).")
    ] = False,
    no_lint: Annotated[bool, typer.Option("--no-lint", help="Skip the messaging lint.")] = False,
) -> None:
    """Build the whole toolkit (document, posts, copy, calendar, proclamation, graphics)."""
    from htpm.build import build as run_build

    names = [n.strip() for n in only.split(",") if n.strip()] if only else None
    with _progress() as step:
        result = run_build(default_config(config), out, names, force, strict, pdf, not no_lint, step)
    for line in result.warnings:
        typer.echo(f"warning: {line}", err=True)
    rep = result.report
    typer.echo(
        f"{out}: {len(rep.written)} written, {len(rep.unchanged)} unchanged, {len(rep.removed)} removed"
    )
    if rep.conflicts:
        for path in rep.conflicts:
            typer.echo(
                f"{out / path}: edited since the last build; kept (use --force to overwrite)", err=True
            )
        raise typer.Exit(1)


@app.command("new-year")
def new_year_cmd(
    year: Annotated[int, typer.Argument(help="The new campaign's year.")],
    from_: Annotated[
        Path | None, typer.Option("--from", help="Last year's config. Default: bundled.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="New config file. Default: YEAR.yaml beside it.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Start next year's campaign from last year's config (dates recomputed, comments kept)."""
    from htpm.newyear import new_year

    target = new_year(year, default_config(from_), out, force)
    typer.echo(f"wrote {target}")


@app.command()
def schema(
    format: Annotated[
        str, typer.Option("--format", help="json (JSON Schema) or markdown (reference).")
    ] = "json",
) -> None:
    """Print the config's JSON Schema or its Markdown reference, generated from the models."""
    from htpm.reference import config_reference, json_schema

    if format not in ("json", "markdown"):
        raise typer.BadParameter("choose json or markdown", param_hint="--format")
    typer.echo(json_schema() if format == "json" else config_reference(), nl=False)


def _progress():  # type: ignore[no-untyped-def]
    """A progress bar on a terminal; silence otherwise."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(lambda _name, _i, _n: None)

    @contextlib.contextmanager
    def bar():  # type: ignore[no-untyped-def]
        from rich.progress import Progress

        with Progress(transient=True, console=None) as progress:
            task = progress.add_task("building", total=None)

            def step(name: str, index: int, total: int) -> None:
                progress.update(task, description=name, completed=index, total=total)

            yield step

    return bar()


def _register_areas() -> None:
    """Each area's commands live beside its library code (htpm/cli_<area>.py)."""
    from htpm import cli_graphics, cli_lint, cli_proclamation

    for area in (cli_lint, cli_proclamation, cli_graphics):
        area.register(app)


_register_areas()


def main() -> None:
    """Console entry point: user errors are one line on stderr and exit 1, never a traceback."""
    try:
        app()  # standalone: usage errors exit 2, typer.Exit exits with its code
    except ConfigError as exc:
        for line in exc.lines:
            typer.echo(line, err=True)
        sys.exit(1)
    except HtpmError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(1)
