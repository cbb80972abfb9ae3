"""Every command keeps its word: exit 0 done, 1 a mistake in an input file, 2 a mistake in the command line.

Each case runs the real entry point (`htpm.cli.main`, sys.argv patched) and checks the exit code, that no
traceback is printed and that each mistake is one line on stderr.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from htpm.cli import main
from htpm.errors import shown_path
from tests.conftest import WATER_SAFETY

LOCATED = re.compile(r"^\S+?:\d+(:\d+)?: ")  # file:line[:col]: ...


def htpm(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["htpm", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    code = exit_.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return lambda *args: htpm(capsys, monkeypatch, *(str(a) for a in args))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A config with two mistakes: a misspelt key and a missing one."""
    text = WATER_SAFETY.read_text(encoding="utf-8").replace("organization:", "organisation:", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def usage_line(err: str) -> str:
    """A usage mistake is one line, `error: ...`."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    return lines[0]


def input_lines(err: str) -> list[str]:
    """A mistake in an input file: one located line per problem, nothing else."""
    lines = err.splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), err
    return lines


# -- htpm (the root) ------------------------------------------------------------------------------
def test_root(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--version")
    assert (code, out.startswith("htpm ")) == (0, True)
    code, out, err = run()  # no command: the help, as a usage mistake
    assert code == 2 and "Usage: htpm" in out + err
    code, _, err = run("no-such-command")
    assert code == 2 and "No such command" in usage_line(err)
    code, _, err = run("--bogus")
    assert code == 2 and "--bogus" in usage_line(err)


# -- validate -------------------------------------------------------------------------------------
def test_validate(run, broken: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("validate", WATER_SAFETY)
    assert (code, out.strip(), err) == (0, f"{WATER_SAFETY}: ok (5 weeks, en-US)", "")
    code, out, err = run("validate", WATER_SAFETY, "--quiet")
    assert (code, out, err) == (0, "", "")

    code, out, err = run("validate", broken)
    assert code == 1 and out == ""
    lines = input_lines(err)
    assert len(lines) == 2
    assert lines[0].startswith(f"{broken}:") and ": organisation: unknown key" in err
    assert ": organization: required, but missing" in err

    code, _, err = run("validate", tmp_path / "nope.yaml")
    assert code == 1 and err.strip() == f"{tmp_path / 'nope.yaml'}: file not found"

    code, _, err = run("validate", "--format", "xml")
    assert code == 2 and "--format" in usage_line(err)


def test_validate_json(run, broken: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("validate", WATER_SAFETY, "--format", "json")
    assert (code, json.loads(out), err) == (0, {"config": str(WATER_SAFETY), "ok": True, "problems": []}, "")

    code, out, err = run("validate", broken, "--format", "json")
    report = json.loads(out)
    assert (code, report["config"], report["ok"], err) == (1, str(broken), False, "")
    assert {p["key"] for p in report["problems"]} == {"organisation", "organization"}
    for problem in report["problems"]:
        assert set(problem) == {"file", "line", "col", "key", "message"}
        assert problem["file"] == str(broken) and problem["line"] > 0


# -- build ----------------------------------------------------------------------------------------
def test_build(run, broken: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "dist"
    code, out, _ = run("build", WATER_SAFETY, "--only", "calendar", "-o", out_dir)
    assert code == 0 and out.strip() == f"{out_dir}: 1 written, 0 unchanged, 0 removed"
    code, out, err = run("build", WATER_SAFETY, "--only", "calendar", "-o", out_dir, "--quiet")
    assert (code, out, err) == (0, "", "")

    code, _, err = run("build", broken, "-o", out_dir)
    assert code == 1 and len(input_lines(err)) == 2

    (out_dir / "calendar.ics").write_text("edited by hand", encoding="utf-8")
    code, _, err = run("build", WATER_SAFETY, "--only", "calendar", "-o", out_dir, "--no-lint")
    assert code == 1 and err.strip() == (
        f"{out_dir / 'calendar.ics'}: edited since the last build; kept (use --force to overwrite)"
    )

    for args, words in [
        (["--only", "bogus"], "--only: unknown output bogus (choose from toolkit, social, copy"),
        (["--only", ","], "--only: name at least one output"),
        (["--quiet", "--verbose"], "--quiet and --verbose: choose one"),
        (["--force=yes"], "--force"),
        (["--bogus"], "--bogus"),  # click words it "No such option: --bogus" or "No such option '--bogus'"
    ]:
        code, _, err = run("build", broken, "-o", out_dir, *args)  # usage is checked before the config
        assert code == 2 and words in usage_line(err), args


# -- new-year -------------------------------------------------------------------------------------
def test_new_year(run, broken: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "2026.yaml"
    code, out, _ = run("new-year", "2026", "--from", WATER_SAFETY, "-o", target)
    assert (code, out.strip(), target.is_file()) == (0, f"wrote {target}", True)
    code, _, err = run("new-year", "2026", "--from", WATER_SAFETY, "-o", target)
    assert code == 1 and err.strip() == f"{target}: already exists; use --force to replace it"
    code, _, err = run("new-year", "2027", "--from", broken, "-o", tmp_path / "x.yaml")
    assert code == 1 and input_lines(err)

    code, _, err = run("new-year", "2025", "--from", WATER_SAFETY, "-o", tmp_path / "y.yaml")
    expected = f"error: {shown_path(WATER_SAFETY)}: the config is already for 2025"
    assert code == 2 and usage_line(err) == expected
    for args in (["12"], ["twenty"], []):
        code, _, err = run("new-year", *args, "--from", WATER_SAFETY)
        assert code == 2 and usage_line(err), args


# -- schema ---------------------------------------------------------------------------------------
def test_schema(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["type"] == "object"
    code, out, _ = run("schema", "--format", "markdown")
    assert code == 0 and out.startswith("#")
    code, _, err = run("schema", "--format", "x")
    assert code == 2 and "--format" in usage_line(err)


# -- lint -----------------------------------------------------------------------------------------
def test_lint(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fine = tmp_path / "fine.md"
    fine.write_text("Learn the signs and call the hotline.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("We help trafficking victims escape.\n", encoding="utf-8")
    code, out, err = run("lint", fine)
    assert code == 0
    code, out, _ = run("lint", bad)
    assert code == 1 and all(LOCATED.match(line) for line in out.splitlines())
    code, out, err = run("lint", bad, "--quiet")
    assert code == 1 and err == "" and "error" in out
    code, _, err = run("lint", tmp_path / "nope.md")
    assert code == 1 and err.strip() == f"{tmp_path / 'nope.md'}: file not found"
    code, _, err = run("lint", "--format", "xml", fine)
    assert code == 2 and "'xml'" in usage_line(err)
    code, _, err = run("lint", "--language", "xx", fine)
    assert (
        code == 2 and usage_line(err) == "error: --language: no rule pack for 'xx' (templates/lint/xx.yaml)"
    )


# -- graphics -------------------------------------------------------------------------------------
def test_graphics(run, broken: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("graphics", WATER_SAFETY, "--week", "1", "--size", "x", "-o", tmp_path)
    assert code == 0 and out.strip() == f"{tmp_path / 'graphics'}: 3 written, 0 unchanged"
    code, _, err = run("graphics", broken, "-o", tmp_path)
    assert code == 1 and input_lines(err)
    code, _, err = run("graphics", WATER_SAFETY, "--week", "9", "-o", tmp_path)
    assert code == 2 and usage_line(err) == "error: --week: no week 9 (the campaign has weeks 1-5)"
    code, _, err = run("graphics", WATER_SAFETY, "--size", "tiktok", "-o", tmp_path)
    assert code == 2 and usage_line(err).startswith(
        "error: --size: 'tiktok' is not one of the config's sizes"
    )
    code, _, err = run("graphics", WATER_SAFETY, "--week", "two")
    assert code == 2 and "--week" in usage_line(err)


# -- proclamation ---------------------------------------------------------------------------------
def test_proclamation(run, broken: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("proclamation")
    assert code == 2 and "Usage: htpm proclamation" in out + err
    code, out, _ = run("proclamation", "fields", WATER_SAFETY)
    assert (code, out.split()) == (0, ["organization", "title", "jurisdiction", "year"])
    code, _, err = run("proclamation", "fields", broken)
    assert code == 1 and input_lines(err)
    code, _, err = run("proclamation", "fields", WATER_SAFETY, "extra")
    assert code == 2 and usage_line(err)

    values = ["--set", "organization=Pine County", "--set", "title=Mayor", "--set", "jurisdiction=Pine"]
    code, out, _ = run("proclamation", "fill", WATER_SAFETY, *values, "-o", tmp_path / "one")
    assert code == 0 and out.strip() == f"{tmp_path / 'one'}: 1 written, 0 rows failed"

    rows = tmp_path / "rows.csv"
    rows.write_text("organization,title,jurisdiction\nPine County,Mayor,Pine\n,Mayor,Fir\n", encoding="utf-8")
    code, _, err = run("proclamation", "fill", WATER_SAFETY, "--csv", rows, "-o", tmp_path / "csv")
    assert (
        code == 1
        and err.splitlines()[-1] == f"1 of 2 rows failed; see {tmp_path / 'csv' / 'fill-report.csv'}"
    )
    assert all(line for line in err.splitlines())

    for args, message in [
        (["--set", "name"], "error: --set: expected field=value, got 'name'"),
        (
            ["--set", "county=X"],
            "error: unknown field 'county' (fields: organization, title, jurisdiction, year)",
        ),
        (["--set", "title=A", "--set", "title=B"], "error: --set: title given twice"),
        ([], "error: give the values with --set field=value, or a CSV with --csv FILE"),
        (["--set", "title=A", "--csv", rows], "error: give either --csv or --set, not both"),
        (
            ["--csv", rows, "--delimiter", ";;"],
            "error: --delimiter: expected one character such as ',' or ';', not ';;'",
        ),
        (["--csv", rows, "--name-pattern", "{county}"], "error: --name-pattern: unknown field {county}"),
    ]:
        code, _, err = run("proclamation", "fill", WATER_SAFETY, "-o", tmp_path / "x", *args)
        assert code == 2 and usage_line(err).startswith(message), args


# -- the installed way: a process of its own --------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "code"),
    [(["--version"], 0), (["validate", "tests/no-such.yaml"], 1), (["build", "--only", "bogus"], 2)],
)
def test_python_dash_m(args: list[str], code: int) -> None:
    done = subprocess.run([sys.executable, "-m", "htpm", *args], capture_output=True, text=True)
    assert done.returncode == code and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == (0 if code == 0 else 1)
