"""The `htpm` command: thin adapters over the library (STYLE 2). Exit 0 done, 1 input mistake, 2 usage."""

from __future__ import annotations

import importlib
import json
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from htpm import __version__
from htpm.cli_options import ConfigArg, QuietOpt, TextOrJson, VerboseOpt, Voice, default_config
from htpm.errors import ConfigError, HtpmError, UsageError, one_line


def _flags_take_no_value() -> None:
    """Show flags as `--force`, not `--force <bool>`: newer typers print a value type beside every
    option in the rich help, flags included, as if they took a value; older ones print none."""
    option = getattr(typer.core, "TyperOption", None)
    show = getattr(option, "display_type_rich", None)
    if option is None or show is None:
        return

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None if self.is_flag else show(self, ctx)

    option.display_type_rich = display_type_rich


_flags_take_no_value()

app = typer.Typer(
    name="htpm",
    help="Generate a prevention month's campaign toolkit from one config.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


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
def validate(
    config: ConfigArg = None,
    format_: Annotated[
        TextOrJson, typer.Option("--format", help="text (file:line:col: key: message) or json.")
    ] = TextOrJson.text,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="A string a translation leaves in the primary language is an error."),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Check a campaign config and report every mistake at once, with file and line."""
    from htpm.validation import validate_config

    path = default_config(config)
    result = validate_config(path, strict=strict)
    if format_ is TextOrJson.json:
        problems = [p.as_json() for p in result.problems]
        covered = [
            {
                "locale": c.locale,
                "strings": c.total,
                "translated": c.translated,
                "fallbacks": [e.key for e in c.fallbacks],
                "fuzzy": [e.key for e in c.fuzzy],
            }
            for c in result.coverage
        ]
        report: dict[str, object] = {"config": str(path), "ok": result.ok, "problems": problems}
        if covered:
            report["translations"] = covered
        typer.echo(json.dumps(report, indent=2))
    elif result.campaign is not None and result.ok:
        locales = ", ".join(result.campaign.locales)
        Voice(quiet).info(f"{path}: ok ({len(result.campaign.weeks)} weeks, {locales})")
        for each in result.coverage:
            Voice(quiet).info(f"  {each.summary()}")
    else:
        for problem in result.problems:
            typer.echo(str(problem), err=True)
    if not result.ok:
        raise typer.Exit(1)


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
    fill: Annotated[
        list[str] | None,
        typer.Option("--fill", help="A fill-in's value, as name=value (repeat for each fill-in)."),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale", help="Build one locale only (e.g. es-US). Default: every locale the config lists."
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Keep running; rebuild what a saved config, template or asset changes."),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Build the whole toolkit (document, posts, copy, calendar, proclamation, graphics) in every locale.

    The config's own language goes into OUT, each locale under translations: into OUT/<locale>/."""
    from htpm.build import build as run_build
    from htpm.generators import select
    from htpm.summary import warning_summary
    from htpm.values import parse_assignments

    voice = Voice(quiet, verbose)
    names = [n.strip() for n in only.split(",") if n.strip()] if only is not None else None
    if names == []:
        raise UsageError("--only: name at least one output, e.g. --only toolkit,social")
    select(names)  # an unknown name is a usage error before the config is read
    fills = parse_assignments(fill or [], "--fill", "name")
    if watch:
        from htpm.build import BuildResult
        from htpm.watching import watch_build

        def again() -> BuildResult:
            return run_build(
                default_config(config), out, names, force, strict, pdf, not no_lint, fill=fills, locale=locale
            )

        voice.info("watching the config, templates and assets; Ctrl-C to stop", err=True)
        watch_build(default_config(config), out, again, typer.echo)
        return
    with _progress(quiet) as step:
        result = run_build(
            default_config(config),
            out,
            names,
            force,
            strict,
            pdf,
            not no_lint,
            step,
            fill=fills,
            locale=locale,
        )
    where = f" {config}" if config is not None else ""
    warnings = [w for each in result.locales for w in each.warnings]
    lines: list[str] = (
        list(warnings)
        if verbose
        else warning_summary(warnings, f"htpm build{where} --verbose", f"htpm lint{where}")
    )
    for line in lines:
        voice.info(f"warning: {line}", err=True)
    conflicts = False
    for each in result.locales:
        rep = each.report
        counts = f"{len(rep.written)} written, {len(rep.unchanged)} unchanged, {len(rep.removed)} removed"
        shown = out if each.campaign.is_primary else out / each.campaign.locale
        named = (
            f" ({each.campaign.locale})" if len(result.locales) > 1 or not each.campaign.is_primary else ""
        )
        voice.info(f"{shown}: {counts}{named}")
        for path in rep.conflicts:
            conflicts = True
            voice.error(f"{shown / path}: edited since the last build; kept (use --force to overwrite)")
    if conflicts:
        raise typer.Exit(1)


@app.command("new-year")
def new_year_cmd(
    year: Annotated[int, typer.Argument(help="The new campaign's year.", min=1900, max=2999)],
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


class SchemaFormat(StrEnum):
    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    format_: Annotated[
        SchemaFormat, typer.Option("--format", help="json (JSON Schema) or markdown (reference).")
    ] = SchemaFormat.json,
) -> None:
    """Print the config's JSON Schema or its Markdown reference, generated from the models."""
    from htpm.reference import config_reference, json_schema

    typer.echo(json_schema() if format_ is SchemaFormat.json else config_reference(), nl=False)


def _progress(quiet: bool = False):  # type: ignore[no-untyped-def]
    """A progress bar on a terminal; silence otherwise."""
    import contextlib

    if quiet or not sys.stderr.isatty():
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
    from htpm import cli_graphics, cli_lint, cli_proclamation, cli_serve, cli_translations

    for area in (cli_lint, cli_proclamation, cli_graphics, cli_translations, cli_serve):
        area.register(app)


_register_areas()


def main() -> None:
    """Console entry point: exit 0 done, 1 a mistake in an input file, 2 a mistake in the command line.

    Every mistake is reported on stderr, one line each, never with a traceback (bugs keep theirs)."""
    from htpm.pdf import remove_orphan_profiles

    remove_orphan_profiles()  # what a LibreOffice run of an htpm killed with -9 left in /tmp
    signal.signal(signal.SIGTERM, _terminated)
    sys.exit(run(sys.argv[1:]))


def _terminated(signum: int, _frame: object) -> None:
    """SIGTERM ends htpm as Ctrl-C does, its clean-up included (LibreOffice's group and profile,
    even when LibreOffice runs on a thread of its own while the generators go on)."""
    raise SystemExit(128 + signum)


#: click's exceptions, wherever this typer keeps click (newer typers vendor it as typer._click).
_click = importlib.import_module(typer.BadParameter.__module__)


def run(args: list[str]) -> int:
    """Run the command line `htpm ARGS` and return its exit code (what `main` exits with)."""
    try:
        code = app(args=args, prog_name="htpm", standalone_mode=False)
    except _click.NoArgsIsHelpError as exc:  # `htpm` or `htpm proclamation` alone: the help, exit 2
        text = exc.ctx.get_help() if exc.ctx else ""  # rich help prints itself and returns ""
        if text:
            typer.echo(text, err=True)
        return 2
    except _click.UsageError as exc:  # typer's parsing: unknown option, bad value, missing argument
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        typer.echo(f"error: {exc.format_message()}{hint}", err=True)
        return 2
    except _click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except OSError as exc:  # shellingham's, for --show/--install-completion outside a shell it knows
        if type(exc).__name__ != "ShellDetectionFailure":
            raise
        typer.echo(
            "error: cannot tell which shell this is; run it from bash, zsh, fish or PowerShell", err=True
        )
        return 2
    except UsageError as exc:  # the library's word for a command-line mistake (--only bogus, --week 9)
        typer.echo(f"error: {exc}", err=True)
        return 2
    except ConfigError as exc:
        for line in exc.lines:
            typer.echo(one_line(line), err=True)
        return 1
    except HtpmError as exc:
        typer.echo(str(exc), err=True)
        return 1
    return code if isinstance(code, int) else 0
