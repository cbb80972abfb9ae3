"""`htpm serve`: review the kit as its website, live (a thin adapter over htpm.serve)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from htpm.cli_options import ConfigArg, default_config


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    config: ConfigArg = None,
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on (0: any free port).", min=0, max=65535)
    ] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; anything but loopback is reachable by others.")
    ] = "127.0.0.1",
    locale: Annotated[
        str | None, typer.Option("--locale", help="Serve this locale of the config's translations.")
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the site in a web browser.")] = False,
) -> None:
    """Serve the kit's website with a review layer, rebuilt and reloaded on every change."""
    from htpm.errors import HtpmError
    from htpm.serve import is_loopback
    from htpm.serve import serve as run

    path: Path = default_config(config)
    if not path.is_file():
        raise HtpmError("config file not found", str(path))
    if not is_loopback(host):
        typer.echo(
            f"warning: serving on {host}: anyone who can reach this machine can read the kit and its "
            "review layer; use the default 127.0.0.1 to keep it to yourself",
            err=True,
        )
    try:
        run(
            path,
            host=host,
            port=port,
            locale=locale,
            open_browser=open_browser,
            log=lambda m: typer.echo(m, err=True),
        )
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}", param_hint="--port"
        ) from None
