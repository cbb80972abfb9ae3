"""Docs that cannot drift: every command has help and is in the README; the reference is current."""

from __future__ import annotations

import json
import subprocess
import sys

import typer.main

from htpm.cli import app
from htpm.reference import config_reference, json_schema
from tests.conftest import ROOT


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    out: dict[str, object] = {}
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        out[name] = cmd
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            out[f"{name} {sub_name}"] = sub
    return out


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in _commands().items():
        assert (cmd.help or "").strip(), f"htpm {name} has no help text"  # type: ignore[attr-defined]
        assert f"htpm {name}" in readme, f"htpm {name} is missing from the README"
        for param in cmd.params:  # type: ignore[attr-defined]
            if param.param_type_name == "option" and param.name not in ("help",):
                assert (param.help or "").strip(), f"htpm {name} {param.opts[0]} has no help text"


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
