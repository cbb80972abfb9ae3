"""`htpm lint`: check campaign copy (or Markdown/text files) against the campaign's guidelines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from htpm.cli_options import QuietOpt, TextOrJson, Voice
from htpm.errors import UsageError
from htpm.paths import bundled_config


def register(app: typer.Typer) -> None:
    """Add `htpm lint` to the app."""

    @app.command("lint")
    def lint(
        targets: Annotated[
            list[Path] | None,
            typer.Argument(
                help="Campaign configs (.yaml) and/or Markdown or text files. Default: the bundled campaign.",
                show_default=False,
            ),
        ] = None,
        format_: Annotated[
            TextOrJson, typer.Option("--format", help="Output: 'text' (path:line:col: ...) or 'json'.")
        ] = TextOrJson.text,
        strict: Annotated[
            bool, typer.Option("--strict", help="Fail on warnings too, not only errors.")
        ] = False,
        language: Annotated[
            str,
            typer.Option(
                "--language",
                help="Rule pack for files: a locale or language, es-US falls back to es "
                "(a config uses its own locales).",
            ),
        ] = "en",
        check_rules: Annotated[
            bool,
            typer.Option("--check-rules", help="Run the rules' must_match/must_not_match examples instead."),
        ] = False,
        quiet: QuietOpt = False,
    ) -> None:
        """Check copy against the messaging guidelines; exit 1 on errors (or warnings with --strict)."""
        from htpm.lint import check_rules as run_examples
        from htpm.lint import failed, format_json, format_text, lint_targets, summary
        from htpm.lint.rules import pack_names, pack_path
        from htpm.paths import templates_dir

        voice = Voice(quiet)
        if pack_path(language, (templates_dir(),)) is None:
            names = " or ".join(f"templates/lint/{name}.yaml" for name in pack_names(language))
            raise UsageError(f"--language: no rule pack for {language!r} ({names})")
        if check_rules:
            problems = run_examples(targets[0] if targets else None, language)
            for line in problems:
                typer.echo(line)
            voice.info(f"lint rules: {len(problems)} example(s) failed", err=True)
            raise typer.Exit(1 if problems else 0)

        findings = lint_targets(targets or [bundled_config()], language)
        if format_ is TextOrJson.json:
            typer.echo(format_json(findings))
        else:
            shown = [f for f in findings if f.severity == "error"] if quiet else findings
            if shown:
                typer.echo(format_text(shown))
            voice.info(f"lint: {summary(findings)}", err=True)
        if failed(findings, strict):
            raise typer.Exit(1)
