"""`htpm graphics`: render the social media graphics (a thin adapter over htpm.graphics)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from htpm.cli_options import ConfigArg, QuietOpt, Voice, default_config


def register(app: typer.Typer) -> None:
    app.command("graphics")(graphics)


def graphics(
    config: ConfigArg = None,
    week: Annotated[
        list[int] | None, typer.Option("--week", help="Only this focus week's graphics (repeatable).")
    ] = None,
    size: Annotated[
        list[str] | None,
        typer.Option("--size", help="Only this size, e.g. instagram_square (repeatable)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Output folder; graphics go in its graphics/ folder.")
    ] = Path("dist"),
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep running; regenerate when a layout, asset or config changes.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite graphics edited since the last run.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Render the social media graphics (every focus week at every size) with alt text and a contact sheet."""
    from htpm.graphics.run import build_graphics

    path = default_config(config)
    voice = Voice(quiet)

    def once():  # type: ignore[no-untyped-def]
        campaign, report = build_graphics(path, out, week or None, size or None, force)
        voice.info(f"{out / 'graphics'}: {len(report.written)} written, {len(report.unchanged)} unchanged")
        for conflict in report.conflicts:
            voice.error(f"{out / conflict}: edited since the last run; kept (--force overwrites)")
        return campaign, report

    if not watch:
        _, report = once()
        if report.conflicts:
            raise typer.Exit(1)
        return
    from htpm.graphics.watch import watch as watch_loop

    voice.info("watching the config, layouts and assets; Ctrl-C to stop", err=True)
    watch_loop(lambda: once()[0], lambda msg: typer.echo(msg, err=True), initial=[path])
