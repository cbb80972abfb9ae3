"""`htpm proclamation ...`: list the fields, fill one proclamation or one per row of a CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from htpm.cli_options import ConfigArg, QuietOpt, Voice, default_config
from htpm.errors import HtpmError, UsageError

proclamation_app = typer.Typer(
    name="proclamation",
    help="Fill in the proclamation: one from the command line, or one per row of a CSV.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `proclamation` command group to the htpm CLI."""
    app.add_typer(proclamation_app, name="proclamation")


def _campaign(config: Path | None):  # type: ignore[no-untyped-def]
    from htpm.config import load_campaign

    return load_campaign(default_config(config))


@proclamation_app.command("fields")
def fields_cmd(config: ConfigArg = None) -> None:
    """Print the fields to fill in, one per line: the columns a CSV must have."""
    from htpm.proclamation import fields

    for name in fields(_campaign(config)):
        typer.echo(name)


@proclamation_app.command("fill")
def fill_cmd(
    config: ConfigArg = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the filled documents.")] = Path(
        "proclamations"
    ),
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="A value to fill in, as field=value (repeat for each field)."),
    ] = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Fill one per row of this CSV (first row: the field names).")
    ] = None,
    delimiter: Annotated[
        str,
        typer.Option("--delimiter", help="The CSV's cell separator, e.g. ';' (Excel in many locales)."),
    ] = ",",
    pdf: Annotated[bool, typer.Option("--pdf", help="Also a PDF of each (one LibreOffice run).")] = False,
    combined: Annotated[
        bool, typer.Option("--combined", help="Also combined.docx (and .pdf) holding every row.")
    ] = False,
    name_pattern: Annotated[
        str | None,
        typer.Option("--name-pattern", help="File names from fields, e.g. '{jurisdiction} {year}'."),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Fill the proclamation: one from --set values, or one per row of --csv. Bad rows: exit 1."""
    from htpm.proclamation import FillOptions, fill_csv, fill_values, parse_assignments

    if csv is not None and set_:
        raise UsageError("give either --csv or --set, not both")
    if csv is None and not set_:
        raise UsageError("give the values with --set field=value, or a CSV with --csv FILE")
    voice = Voice(quiet)
    campaign = _campaign(config)
    options = FillOptions(pdf=pdf, combined=combined, name_pattern=name_pattern)
    if csv is not None:
        report = fill_csv(campaign, csv, out, delimiter, options)
    else:
        report = fill_values(campaign, parse_assignments(set_ or []), out, options)
    for error in report.errors:
        voice.error(str(error))
    voice.info(f"{out}: {len(report.written)} written, {len(report.failed_rows)} rows failed")
    if report.errors:
        where = f"; see {report.report}" if report.report else ""
        raise HtpmError(f"{len(report.failed_rows)} of {report.rows} rows failed{where}")
