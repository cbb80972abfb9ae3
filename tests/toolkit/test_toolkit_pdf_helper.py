"""htpm.pdf: one soffice process per batch, a clear note when LibreOffice is missing."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import docx
import pikepdf
import pytest

from htpm import pdf
from htpm.errors import HtpmError


def test_missing_soffice_is_a_one_line_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    assert not pdf.soffice_available()
    with pytest.raises(pdf.PdfUnavailable) as info:
        pdf.convert_to_pdf([tmp_path / "a.docx"], tmp_path)
    assert isinstance(info.value, HtpmError)
    assert str(info.value) == "LibreOffice (soffice) not found; wrote the .docx only"


def test_empty_batch_starts_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "_run", lambda *a: pytest.fail("soffice started for nothing"))
    assert pdf.convert_to_pdf([], tmp_path) == []


def test_one_process_with_a_private_profile_for_the_whole_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], env: dict[str, str], timeout: float) -> None:
        calls.append(command)
        profile = next(a for a in command if a.startswith("-env:UserInstallation=file:///tmp/htpm-lo-"))
        assert Path(profile.split("file://", 1)[1]).is_dir()
        for name in ("a", "b"):  # an empty PDF, as a stand-in for LibreOffice's
            pikepdf.new().save(tmp_path / "out" / f"{name}.pdf")

    for name in ("a", "b"):
        docx.Document().save(str(tmp_path / f"{name}.docx"))
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_run", fake_run)
    result = pdf.convert_to_pdf([tmp_path / "a.docx", tmp_path / "b.docx"], tmp_path / "out")
    assert result == [tmp_path / "out" / "a.pdf", tmp_path / "out" / "b.pdf"]
    assert len(calls) == 1
    options = json.loads(calls[0][calls[0].index("--convert-to") + 1].split(":", 2)[2])
    assert options["UseTaggedPDF"] == {"type": "boolean", "value": "true"}
    assert options["PDFUACompliance"] == {"type": "boolean", "value": "true"}
    assert options["ExportBookmarks"]["value"] == "true"
    profile = next(a for a in calls[0] if a.startswith("-env:"))
    assert not Path(profile.split("file://", 1)[1]).exists()  # removed afterwards


def test_missing_result_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_run", lambda *a: None)
    with pytest.raises(pdf.PdfConversionFailed, match="did not convert a.pdf"):
        pdf.convert_to_pdf([tmp_path / "a.docx"], tmp_path)


def test_timeout_kills_soffice(tmp_path: Path) -> None:
    with pytest.raises(pdf.PdfConversionFailed, match="longer than 0.5 s"):
        pdf._run(["sleep", "30"], {}, 0.5)


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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.skipif(not pdf.soffice_available(), reason="LibreOffice is not installed")
def test_libreoffice_ends_with_htpm_killed_by_sigkill(tmp_path: Path) -> None:
    """kill -9 of htpm while LibreOffice converts: no LibreOffice process of its group is left,
    and the next htpm start removes the profile it left in /tmp."""
    root = Path(__file__).resolve().parents[2]
    config = tmp_path / "config.yaml"
    text = (root / "tests" / "hostile" / "data" / "config.yaml").read_text(encoding="utf-8")
    post = '          - text: "Free swim lessons start this week at every county pool.'
    assert post in text
    many = "".join(f'          - text: "Swim lesson {i} at the pool. #SwimSmart"\n' for i in range(3000))
    config.write_text(text.replace(post, many + post, 1))  # LibreOffice works for seconds on it
    env = {**os.environ, "PYTHONPATH": str(root)}
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
        htpm.kill()  # SIGKILL: no atexit, no finally, no signal handler runs in htpm
        htpm.wait()

    def survivors() -> list[int]:  # in LibreOffice's process group, or LibreOffice itself
        return [pid for pid, (group, _) in _live_processes().items() if group in groups or pid in running]

    _wait_for(lambda: not survivors(), 3)
    assert not survivors(), f"LibreOffice outlived htpm: {survivors()}"
    assert all(p.exists() for p in profiles)  # left behind: nothing in htpm ran after the kill
    subprocess.run([sys.executable, "-m", "htpm", "--help"], env=env, capture_output=True, check=True)
    assert not [p for p in profiles if p.exists()]
