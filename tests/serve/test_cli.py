"""`htpm serve` on the command line: a missing config is the user's mistake (exit 1), a bad port a
command-line mistake (exit 2), neither with a traceback."""

from __future__ import annotations

import pytest

from htpm.cli import run


def test_missing_config_is_exit_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert run(["serve", str(tmp_path / "nope.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"{tmp_path / 'nope.yaml'}: config file not found"


def test_a_bad_port_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["serve", "--port", "70000"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_port_in_use_is_said_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(["serve", "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
