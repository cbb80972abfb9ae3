"""LibreOffice never outlives htpm (issue 13: it kept running for minutes after htpm was
interrupted or killed, its profile left in /tmp): htpm is stopped by SIGINT, SIGTERM or SIGKILL
while LibreOffice converts, and no process of LibreOffice's group is left a few seconds later;
its profile is gone at once, or (after kill -9, when nothing in htpm runs) at the next start."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from htpm import pdf

ROOT = Path(__file__).resolve().parents[2]


def _live_processes() -> dict[int, tuple[int, list[bytes]]]:
    """pid: (process group, arguments) of every process not yet ended (zombies left out)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(entry.name)] = (int(fields[2]), args)
    return found


def _office_processes(owner: int) -> dict[int, int]:
    """LibreOffice processes (pid: process group) whose private profile names `owner` as its htpm."""
    found = {}
    for pid, (group, args) in _live_processes().items():
        for arg in args:
            if arg.startswith(b"-env:UserInstallation=file:///tmp/htpm-lo-"):
                profile = Path(arg.decode().split("file://", 1)[1])
                with contextlib.suppress(OSError, ValueError):
                    if int((profile / "htpm.pid").read_text()) == owner:
                        found[pid] = group
    return found


def _profiles_of(owner: int) -> list[Path]:
    out = []
    for profile in Path("/tmp").glob("htpm-lo-*"):
        with contextlib.suppress(OSError, ValueError):
            if int((profile / "htpm.pid").read_text()) == owner:
                out.append(profile)
    return out


def _wait_for(condition, seconds: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc, and PR_SET_PDEATHSIG for -9")
@pytest.mark.skipif(not pdf.soffice_available(), reason="LibreOffice is not installed")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_libreoffice_ends_with_htpm(stop: signal.Signals, tmp_path: Path) -> None:

    config = tmp_path / "config.yaml"
    text = (ROOT / "tests" / "hostile" / "data" / "config.yaml").read_text(encoding="utf-8")
    post = '          - text: "Free swim lessons start this week at every county pool.'
    assert post in text
    many = "".join(f'          - text: "Swim lesson {i} at the pool. #SwimSmart"\n' for i in range(3000))
    config.write_text(text.replace(post, many + post, 1))  # LibreOffice works for seconds on it
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "htpm", "build", str(config), "-o", str(tmp_path / "out")]
    htpm = subprocess.Popen(
        [*command, "--only", "toolkit", "--pdf", "--no-lint"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        running = _wait_for(lambda: _office_processes(htpm.pid), 120)
        assert running, "LibreOffice never started"
        groups = set(running.values())
        profiles = _profiles_of(htpm.pid)
        assert profiles
    finally:
        htpm.send_signal(stop)  # SIGKILL: no atexit, no finally, no signal handler runs in htpm
        htpm.wait()

    def survivors() -> list[int]:  # in LibreOffice's process group, or LibreOffice itself
        return [pid for pid, (group, _) in _live_processes().items() if group in groups or pid in running]

    _wait_for(lambda: not survivors(), 3)
    assert not survivors(), f"LibreOffice outlived htpm: {survivors()}"
    if stop == signal.SIGKILL:
        assert all(p.exists() for p in profiles)  # left behind: nothing in htpm ran after the kill
        subprocess.run([sys.executable, "-m", "htpm", "--help"], env=env, capture_output=True, check=True)
    assert not [p for p in profiles if p.exists()]
