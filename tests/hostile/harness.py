"""The hostile suite's machinery: a case is files an attacker controls, one htpm command, and the
answer expected (exit code and message). Every case is checked for the same promises:

- the answer: the exit code and a message matching `message` on stderr, never a traceback;
- nothing read outside: a canary file beside the campaign folder never shows up in any output
  or message;
- nothing written outside: every path outside the output folder (and the paths the case names in
  `may_write`) is byte for byte as before, so nothing of the user's is changed or lost;
- time: each case well under its bound; memory: cases marked `isolate` run in a child process
  under an address-space limit (`resource.RLIMIT_AS`), and their peak is measured.

A full disk and a read-only folder are real to the child process that runs such a case: a full
disk is `RLIMIT_FSIZE` (a write past it fails with EFBIG, SIGXFSZ ignored, as ENOSPC fails on a
full disk), a read-only folder is mode 0555 and, when the tests run as root, the child loses the
capabilities that let root write anyway (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
dropped from its bounding set before exec; Linux).

Most cases run in-process (htpm.cli.run) so the suite stays fast; `python -m tests.hostile.report`
runs them all and prints the counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_CONFIG = (Path(__file__).parent / "data" / "config.yaml").read_text(encoding="utf-8")
CANARY = "CANARY-7f3a9c-secret-beside-the-campaign"
CAMPAIGN = "camp"  # the campaign folder inside each case's workspace; the canary sits beside it
OUT = "out"
TIME_BOUND = 10.0  # seconds: over this a case counts as slow
MEMORY_LIMIT = 2_000_000_000  # bytes of address space for an isolated case


@dataclass(frozen=True)
class Link:
    target: str  # absolute, or relative to the link's folder


@dataclass(frozen=True)
class Fifo:
    pass


@dataclass(frozen=True)
class Folder:
    pass


FileSpec = str | bytes | Link | Fifo | Folder | Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # the htpm command line, run in the campaign folder
    exit: int
    message: str  # a regular expression searched for in stderr (and stdout)
    files: dict[str, FileSpec] = field(default_factory=dict)  # relative to the campaign folder
    config: str | None = BASE_CONFIG  # camp/config.yaml (None: none written)
    isolate: bool = False  # run in a child process under a memory limit
    may_write: tuple[str, ...] = ()  # paths outside out/ the command is meant to write
    setup: Callable[[Path], None] | None = None  # more preparation, given the campaign folder
    check: Callable[[Path], None] | None = None  # more to assert afterwards, given the campaign folder
    #: a full disk: no file the child writes may grow past this many bytes (or the callable's
    #: answer, given the campaign folder after setup)
    file_limit: int | Callable[[Path], int] | None = None
    read_only: tuple[str, ...] = ()  # folders (relative to the campaign folder) made read-only

    @property
    def in_child(self) -> bool:
        return self.isolate or self.file_limit is not None or bool(self.read_only)


@dataclass
class Outcome:
    case: Case
    code: int | None
    stderr: str
    seconds: float
    peak_bytes: int | None
    traceback: bool
    escaped: list[str]
    lost: list[str]
    problems: list[str]

    @property
    def clean(self) -> bool:
        return not self.problems


def edit(old: str, new: str, text: str = BASE_CONFIG) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def make_workspace(root: Path, case: Case) -> Path:
    (root / "canary.txt").write_text(CANARY + "\n", encoding="utf-8")
    (root / "canary.md").write_text(CANARY + "\n", encoding="utf-8")
    (root / "canary.yaml").write_text(f"secret: {CANARY}\n", encoding="utf-8")
    camp = root / CAMPAIGN
    camp.mkdir()
    if case.config is not None:
        (camp / "config.yaml").write_text(case.config, encoding="utf-8")
    for rel, spec in case.files.items():
        place(camp / rel, spec)
    if case.setup is not None:
        case.setup(camp)
    return camp


def place(path: Path, spec: FileSpec) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, Link):
        path.symlink_to(spec.target)
    elif isinstance(spec, Fifo):
        os.mkfifo(path)
    elif isinstance(spec, Folder):
        path.mkdir()
    elif isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    elif isinstance(spec, bytes):
        path.write_bytes(spec)
    else:
        spec(path)


def snapshot(root: Path, skip: set[Path]) -> dict[str, str]:
    """Every path under `root` but `skip`, with what it is (a hash, a link's target, a folder)."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in dirnames + filenames:
            path = here / name
            if path in skip:
                continue
            rel = path.relative_to(root).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                seen[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISDIR(info.st_mode):
                seen[rel] = "folder"
            else:
                seen[rel] = "special"
    return seen


def outputs_text(out: Path) -> str:
    """Everything written into the output folder, as text (zip members of .docx too)."""
    import zipfile

    pieces = []
    if not out.is_dir():
        return ""
    for path in out.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        pieces.append(data.decode("utf-8", "replace"))
        if data[:2] == b"PK":
            with (
                contextlib.suppress(zipfile.BadZipFile, OSError),
                zipfile.ZipFile(io.BytesIO(data)) as zipped,
            ):
                pieces.extend(zipped.read(item).decode("utf-8", "replace") for item in zipped.infolist())
    return "\n".join(pieces)


def run_case(case: Case, root: Path) -> Outcome:
    camp = make_workspace(root, case)
    out = camp / OUT
    allowed = {out, *(camp / p for p in case.may_write)}
    limit = case.file_limit(camp) if callable(case.file_limit) else case.file_limit
    for rel in case.read_only:
        (camp / rel).chmod(0o555)
    before = snapshot(root, allowed)
    started = time.monotonic()
    try:
        if case.in_child:
            code, stderr, peak, crashed = _run_child(case, camp, limit)
        else:
            code, stderr, crashed = _run_here(case, camp)
            peak = None
    finally:
        for rel in case.read_only:  # writable again, for the checks and the clean-up
            (camp / rel).chmod(0o755)
    seconds = time.monotonic() - started
    after = snapshot(root, allowed)
    lost = sorted(rel for rel in before if after.get(rel) != before[rel])
    new_outside = sorted(rel for rel in after if rel not in before)
    escaped = [f"wrote outside the output folder: {rel}" for rel in new_outside]
    if CANARY in outputs_text(out) or CANARY in stderr:
        escaped.append("the canary beside the campaign folder was read")
    traceback = crashed or "Traceback (most recent call last)" in stderr
    problems = []
    if traceback:
        problems.append("traceback")
    if code != case.exit:
        problems.append(f"exit {code}, expected {case.exit}")
    import re

    if not re.search(case.message, stderr, re.IGNORECASE):  # Pillow versions differ in case
        problems.append(f"message {case.message!r} not in: {stderr[-600:]!r}")
    problems += escaped
    problems += [f"changed or lost: {rel}" for rel in lost]
    if case.check is not None:
        try:
            case.check(camp)
        except AssertionError as exc:
            problems.append(f"check failed: {exc}")
    if seconds > TIME_BOUND * 3:
        problems.append(f"took {seconds:.1f} s")
    return Outcome(case, code, stderr, seconds, peak, traceback, escaped, lost, problems)


def _run_here(case: Case, camp: Path) -> tuple[int | None, str, bool]:
    from htpm.cli import run

    err, out = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(camp)
    crashed = False
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code: int | None = run(list(case.args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # a traceback: the finding this suite exists for
        import traceback

        code = None
        crashed = True
        err.write("Traceback (most recent call last):\n" + "".join(traceback.format_exception(exc)))
    finally:
        os.chdir(previous)
    return code, err.getvalue() + out.getvalue(), crashed


# capability numbers (linux/capability.h) that let root write where the modes say no
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
_PR_CAPBSET_DROP = 24


def _limits(file_limit: int | None, read_only: bool) -> Callable[[], None]:
    """What the child sets up before exec: its memory limit, a full disk, root's write override lost."""

    def before_exec() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
        if read_only and os.geteuid() == 0:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
                if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "cannot drop a capability for a read-only case")

    return before_exec


def _run_child(case: Case, camp: Path, file_limit: int | None = None) -> tuple[int | None, str, int, bool]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "htpm", *case.args],
        cwd=camp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limits(file_limit, bool(case.read_only)),  # noqa: PLW1509 - no threads here
    )
    timer = threading.Timer(TIME_BOUND * 6, process.kill)
    timer.start()
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not all children's
    timer.cancel()
    process.returncode = code = os.waitstatus_to_exitcode(status)
    text = output.decode("utf-8", "replace")
    killed = code == -9
    return None if killed else code, text, usage.ru_maxrss * 1024, killed or "MemoryError" in text
