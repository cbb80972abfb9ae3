"""Docs that cannot drift: every command has help and is in the README; the reference is current."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from htpm.cli import app
from htpm.reference import config_reference, json_schema
from tests.conftest import ROOT


def _commands() -> dict[str, object]:
    """Every command and subcommand, by its full name ("proclamation fill"), groups included."""
    out: dict[str, object] = {}

    def walk(group: object, prefix: str) -> None:
        for name, cmd in getattr(group, "commands", {}).items():
            out[f"{prefix}{name}"] = cmd
            walk(cmd, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return out


def _readme_table() -> dict[str, str]:
    """The README's command table: `htpm NAME` -> its one-line description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `htpm ([^`]+)` \| (.+?) \|$", section, flags=re.MULTILINE)
    return dict(rows)


def _one_line(help_text: str) -> str:
    return " ".join(help_text.split("\n\n", 1)[0].split())


def test_every_command_has_help_and_a_row_in_the_readme_table_that_matches_it() -> None:
    table = _readme_table()
    commands = _commands()
    assert sorted(table) == sorted(commands), "the README's command table and the commands differ"
    for name, cmd in commands.items():
        help_text = (cmd.help or "").strip()  # type: ignore[attr-defined]
        assert help_text, f"htpm {name} has no help text"
        assert table[name] == _one_line(help_text), f"htpm {name}: the README's row is not its help"
        for param in cmd.params:  # type: ignore[attr-defined]
            if param.param_type_name == "option" and param.name not in ("help",):
                assert (param.help or "").strip(), f"htpm {name} {param.opts[0]} has no help text"


def test_flags_show_no_value_in_the_help() -> None:
    result = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "120"}, terminal_width=120)
    assert result.exit_code == 0
    lines = {line.split()[1]: line for line in result.output.splitlines() if line.startswith("│ --")}
    for flag in ("--force", "--strict", "--pdf", "--no-lint", "--quiet", "--verbose", "--help"):
        assert "bool" not in lines[flag].lower() and "--no-" + flag[2:] not in lines[flag], lines[flag]
    assert "<path>" in lines["--out"] or "PATH" in lines["--out"]


def test_completion_is_offered_and_works(tmp_path: Path) -> None:
    help_text = CliRunner().invoke(app, ["--help"], terminal_width=120).output
    assert "--install-completion" in help_text and "--show-completion" in help_text
    htpm = f"{sys.executable} -m htpm"

    def in_bash(command: str) -> subprocess.CompletedProcess[str]:
        # `; true` keeps bash as the parent process, so typer's shell detection finds bash
        env = {**os.environ, "HOME": str(tmp_path)}
        return subprocess.run(["bash", "-c", f"{command}; true"], capture_output=True, text=True, env=env)

    script = in_bash(f"{htpm} --show-completion")
    assert "_HTPM_COMPLETE" in script.stdout, script.stderr
    installed = in_bash(f"{htpm} --install-completion")
    assert "completion installed" in installed.stdout.lower(), installed.stderr
    assert "_HTPM_COMPLETE" in "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    env = {
        **os.environ,
        "_HTPM_COMPLETE": "complete_bash",
        "COMP_WORDS": "htpm proclamation f",
        "COMP_CWORD": "2",
    }
    done = subprocess.run([sys.executable, "-m", "htpm"], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["fields", "fill"]

    outside = subprocess.run(
        [sys.executable, "-m", "htpm", "--show-completion"], capture_output=True, text=True
    )
    # no shell to detect: the script, or one line ("Shell  not supported.", exit 1; htpm's own, exit 2)
    assert "Traceback" not in outside.stderr
    assert outside.returncode in (0, 1, 2) and len(outside.stderr.splitlines()) <= 1


def test_config_reference_and_schema_are_current() -> None:
    assert (ROOT / "docs" / "config-reference.md").read_text(encoding="utf-8") == config_reference()
    assert (ROOT / "schema" / "campaign.schema.json").read_text(encoding="utf-8") == json_schema()
    json.loads(json_schema())


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "htpm", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("htpm ")


def test_usage_error_exits_2() -> None:
    out = subprocess.run([sys.executable, "-m", "htpm", "no-such-command"], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_validate_bundled_config_exits_0() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "htpm", "validate", str(ROOT / "campaign_configs" / "2023.yaml")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
