"""`htpm proclamation fields|fill`: thin commands with help text."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from htpm.cli import app
from htpm.errors import UsageError
from tests.conftest import WATER_SAFETY

runner = CliRunner()


def test_fields_prints_the_csv_columns() -> None:
    result = runner.invoke(app, ["proclamation", "fields", str(WATER_SAFETY)])
    assert result.exit_code == 0, result.output
    assert result.output == "organization\ntitle\njurisdiction\nyear\n"


def test_fill_one_with_set(tmp_path: Path) -> None:
    args = [
        "proclamation",
        "fill",
        str(WATER_SAFETY),
        "-o",
        str(tmp_path / "out"),
        "--set",
        "organization=Pool & Co",
    ]
    args += ["--set", "title=Mayor", "--set", "jurisdiction=Springfield=North"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"{tmp_path / 'out'}: 1 written, 0 rows failed\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".htpm-manifest.json", "Pool & Co.docx"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--set", "title"], "--set: expected field=value, got 'title'"),
        (["--set", "county=X"], "unknown field 'county' (fields: organization, title, jurisdiction, year)"),
        (
            ["--set", "title=Mayor"],
            "--set: organization: required value is blank; jurisdiction: required value",
        ),
        (["--set", "title=A", "--csv", "x.csv"], "give either --csv or --set, not both"),
    ],
)
def test_fill_mistakes(tmp_path: Path, extra: list[str], message: str) -> None:
    """Each is a mistake in the command line: `htpm` exits 2 on a UsageError (tests/cli)."""
    result = runner.invoke(app, ["proclamation", "fill", str(WATER_SAFETY), "-o", str(tmp_path), *extra])
    assert result.exit_code == 1  # CliRunner's code for an exception; htpm.cli.main maps it to 2
    assert isinstance(result.exception, UsageError)
    assert result.exception.message.startswith(message)


def test_every_command_and_option_has_help() -> None:
    group = typer.main.get_command(app).commands["proclamation"]  # type: ignore[attr-defined]
    assert group.help
    assert sorted(group.commands) == ["fields", "fill"]
    for command in group.commands.values():
        assert command.help
        for param in command.params:
            assert getattr(param, "help", None), f"{command.name} {param.name}"


def test_fields_of_the_bundled_campaign() -> None:
    result = runner.invoke(app, ["proclamation", "fields"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["organization", "title", "jurisdiction", "year", "signer_name"]
