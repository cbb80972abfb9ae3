"""`htpm translations ...`: a locale's strings out to a gettext PO file and back (htpm.translations)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from htpm.cli_options import ConfigArg, QuietOpt, Voice, default_config

translations_app = typer.Typer(
    name="translations",
    help="Hand a locale's strings to translators as a PO file (Poedit, Weblate, Crowdin) and take them back.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `translations` command group to the htpm CLI."""
    app.add_typer(translations_app, name="translations")


@translations_app.command("export")
def export_cmd(
    config: ConfigArg = None,
    locale: Annotated[str, typer.Option("--locale", help="The locale to translate into, e.g. es-US.")] = "",
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="PO file to write. Default: print it.")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a PO file of every translatable string (context: dotted key; current translation filled in)."""
    from htpm.errors import UsageError
    from htpm.outputs import target_path
    from htpm.translations import export_po

    if not locale:
        raise UsageError("--locale: name the locale to translate into, e.g. --locale es-US")
    data = export_po(default_config(config), locale)
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    target = target_path(out.parent, out.name) if out.parent != Path() else out
    target.write_bytes(data)
    Voice(quiet).info(f"wrote {out} ({data.count(b'msgctxt ')} strings, {locale})")


@translations_app.command("import")
def import_cmd(
    po_file: Annotated[Path, typer.Argument(help="The translated PO file.", show_default=False)],
    config: ConfigArg = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a PO file's translations into the config's translations: block, validated before it is kept."""
    from htpm.translations_import import import_po

    report = import_po(po_file, default_config(config))
    left = f"; {report.skipped_fuzzy} fuzzy and {report.untranslated} empty entries left alone"
    files = ", ".join(str(p) for p in report.files) or "nothing"
    Voice(quiet).info(f"{report.locale}: {len(report.changed)} string(s) changed in {files}{left}")
