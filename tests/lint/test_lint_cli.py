"""`htpm lint`: configs and files, text and JSON, exit codes, --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from htpm.cli import app
from htpm.paths import bundled_config

WATER = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"
runner = CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_markdown_file_with_an_error_fails(tmp_path: Path) -> None:
    md = write(tmp_path, "post.md", "# Draft\n\nWe stand with every victim.\n\nSave the date!\n")
    result = runner.invoke(app, ["lint", str(md)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{md}:3:21: error person-first-victim: 'victim' defines a person by what was done to them "
        "(person who has experienced human trafficking)"
    ]
    assert "lint: 1 error, 0 warnings, 0 info (person-first-victim 1)" in result.stderr


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    md = write(tmp_path, "post.md", "Volunteers rescue families.\n")
    assert runner.invoke(app, ["lint", str(md)]).exit_code == 0
    assert runner.invoke(app, ["lint", "--strict", str(md)]).exit_code == 1
    info = write(tmp_path, "info.md", "We utilize volunteers.\n")
    assert runner.invoke(app, ["lint", "--strict", str(info)]).exit_code == 0  # info never fails


def test_suppression_in_a_file(tmp_path: Path) -> None:
    md = write(
        tmp_path,
        "notes.md",
        "<!-- htpm-lint disable-next-line person-first-victim -->\n"
        "The word victim is not reported here.\nVictims again.\n",
    )
    result = runner.invoke(app, ["lint", str(md)])
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [f"{md}:3:1"]


def test_json_output(tmp_path: Path) -> None:
    md = write(tmp_path, "post.md", "Help homeless people.\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(md)])
    data = json.loads(result.stdout)
    assert data["counts"] == {"error": 1, "warning": 0, "info": 0}
    assert data["findings"] == [
        {
            "file": str(md),
            "line": 1,
            "column": 6,
            "severity": "error",
            "rule": "person-first-homeless",
            "message": "'homeless people' labels people by their housing",
            "suggestion": "people who are experiencing homelessness",
            "match": "homeless people",
        }
    ]


def test_a_config_and_a_file_together(tmp_path: Path) -> None:
    md = write(tmp_path, "extra.md", "Clean copy.\n")
    result = runner.invoke(app, ["lint", str(WATER), str(md)])
    assert result.exit_code == 0
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["warning hotline-in-copy"]


def test_a_bad_format_is_a_usage_error(tmp_path: Path) -> None:
    md = write(tmp_path, "post.md", "Fine.\n")
    done = subprocess.run(
        [sys.executable, "-m", "htpm", "lint", "--format", "xml", str(md)], capture_output=True, text=True
    )
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("error: Invalid value for '--format'") and "'xml'" in line


def test_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "htpm", "lint", str(tmp_path / "nope.md")], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr.strip()) == (1, f"{tmp_path / 'nope.md'}: file not found")


def test_the_default_target_is_the_bundled_config() -> None:
    if not bundled_config().is_file():
        return
    done = subprocess.run([sys.executable, "-m", "htpm", "lint"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{bundled_config()}:" in done.stdout
    assert "warning avoid-vulnerable: 'the most vulnerable among us'" in done.stdout
    assert done.stderr.startswith("lint: 0 errors,")


def test_help_describes_every_option() -> None:
    result = runner.invoke(app, ["lint", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--strict", "--language"):
        assert option in result.stdout


def test_check_rules_runs_a_campaigns_examples(tmp_path: Path) -> None:
    base = WATER.read_text(encoding="utf-8")
    rule = (
        "lint:\n  rules:\n    - id: no-puddles\n      kind: avoid\n      severity: error\n"
        "      message: m\n      guideline: g\n      patterns: ['\\bpuddle\\b']\n"
        "      must_match: [a puddle, a pool]\n      must_not_match: [a lake]\n"
    )
    config = write(tmp_path, "c.yaml", base + rule)
    result = runner.invoke(app, ["lint", "--check-rules", str(config)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["no-puddles: must match, did not: 'a pool'"]
    assert runner.invoke(app, ["lint", "--check-rules"]).exit_code == 0
