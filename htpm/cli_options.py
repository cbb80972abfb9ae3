"""Options every command shares (the config argument, --quiet, --verbose) and how output obeys them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from htpm.errors import UsageError
from htpm.paths import bundled_config

ConfigArg = Annotated[
    Path | None,
    typer.Argument(help="Campaign config (YAML). Default: the bundled campaign.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="List every warning in full instead of a count per kind.")
]


class TextOrJson(StrEnum):
    """`--format` of commands whose output is read by people or by programs."""

    text = "text"
    json = "json"


def default_config(config: Path | None) -> Path:
    return config if config is not None else bundled_config()


@dataclass(frozen=True)
class Voice:
    """What a command prints: errors always; news unless --quiet; every warning with --verbose."""

    quiet: bool = False
    verbose: bool = False

    def __post_init__(self) -> None:
        if self.quiet and self.verbose:
            raise UsageError("--quiet and --verbose: choose one")

    def info(self, message: str, err: bool = False) -> None:
        """Progress and results (`dist: 3 written`); silent with --quiet."""
        if not self.quiet:
            typer.echo(message, err=err)

    def error(self, message: str) -> None:
        typer.echo(message, err=True)
