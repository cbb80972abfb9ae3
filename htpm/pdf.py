"""Word documents to accessible PDF through LibreOffice headless, one process per batch.

LibreOffice is optional at run time: without `soffice` the caller gets `PdfUnavailable` and keeps
its .docx. Each call starts ONE soffice process for all its files (a cold start costs seconds) with
its own throw-away user profile: two processes sharing a profile fail silently. The export asks
for a tagged PDF/UA-1 document (structure for screen readers; htpm.pdfua finishes what
LibreOffice leaves out), bookmarks from the headings and the document title in the title bar.

None of LibreOffice outlives htpm. It runs in a process group of its own, which htpm ends on a
timeout, an interrupt and at exit. On Linux it is also bound to htpm's life: htpm starts the real
program (`soffice.bin`, not the `soffice` script whose `oosplash` forks it) through a two-line
exec wrapper that sets PR_SET_PDEATHSIG, so the kernel kills it when htpm dies, even by kill -9;
the profile that such a run leaves in /tmp is removed when htpm next starts. Elsewhere, `soffice`
runs as before, and a kill -9 may leave it running until it finishes on its own.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from htpm.artifacts import Artifact, BuildContext
from htpm.errors import HtpmError

__all__ = [
    "PdfConversionFailed",
    "PdfUnavailable",
    "convert_to_pdf",
    "find_soffice",
    "pdf_artifacts",
    "remove_orphan_profiles",
    "soffice_available",
]

# writer_pdf_Export filter data, in the JSON form LibreOffice (>= 7.4) takes after the filter name.
EXPORT_OPTIONS: dict[str, dict[str, str]] = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},  # PDF/UA-1; htpm.pdfua finishes it
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
    "ExportLinksRelativeFsys": {"type": "boolean", "value": "false"},
    "ConvertOOoTargetToPDFTarget": {"type": "boolean", "value": "true"},
    "UseLosslessCompression": {"type": "boolean", "value": "true"},
}


class PdfUnavailable(HtpmError):
    """LibreOffice is not installed: the caller keeps the .docx and notes it in one line."""


class PdfConversionFailed(HtpmError):
    """LibreOffice ran but did not produce every PDF (or ran out of time)."""


def find_soffice() -> str | None:
    """The soffice executable on PATH (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return find_soffice() is not None


def _filter_argument() -> str:
    return "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":"))


def convert_to_pdf(docx_paths: list[Path], out_dir: Path, timeout: float = 180) -> list[Path]:
    """Convert every document in `docx_paths` to `out_dir/<stem>.pdf` with one soffice process.

    Returns the PDF paths in the order of `docx_paths`. Raises PdfUnavailable when LibreOffice is
    missing, PdfConversionFailed on a timeout or a missing result.
    """
    if not docx_paths:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("LibreOffice (soffice) not found; wrote the .docx only")
    stems = [p.stem for p in docx_paths]
    if len(set(stems)) != len(stems):
        raise ValueError("convert_to_pdf: two input files share a name; their PDFs would collide")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{stem}.pdf" for stem in stems]
    for target in targets:
        target.unlink(missing_ok=True)

    remove_orphan_profiles()
    profile = Path(tempfile.mkdtemp(prefix=_PROFILE_PREFIX, dir="/tmp"))
    _PROFILES.add(profile)
    (profile / _OWNER).write_text(str(os.getpid()), encoding="ascii")
    command = [
        _office_program(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        _filter_argument(),
        "--outdir",
        str(out_dir),
        *[str(p.resolve()) for p in docx_paths],
    ]
    env = {**os.environ, "HOME": str(profile)}
    try:
        _run(command, env, timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        _PROFILES.discard(profile)
    missing = [t.name for t in targets if not t.is_file() or t.stat().st_size == 0]
    if missing:
        raise PdfConversionFailed(f"LibreOffice did not convert {', '.join(missing)}")
    from htpm.pdfua import finish  # pikepdf: loaded only when there is a PDF to finish

    for source, target in zip(docx_paths, targets, strict=True):
        word = source.read_bytes() if source.suffix.lower() == ".docx" else None  # a deck has no headings
        target.write_bytes(finish(stable_pdf(target.read_bytes()), word))
    return targets


_CREATION_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\(D:)\d{14}")
_TRAILER_ID = re.compile(rb"/ID \[ ?<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)> ?\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]+)")


def stable_pdf(data: bytes) -> bytes:
    """The same document gives the same bytes: LibreOffice stamps the time of conversion and an ID
    derived from it. Both are replaced in place by values of the same length (so the cross-reference
    offsets stay right): the date by 2000-01-01, the ID and checksum by a hash of the content."""

    data = _CREATION_DATE.sub(lambda m: m.group(1) + b"20000101000000", data)
    body = _CHECKSUM.sub(b"", _TRAILER_ID.sub(b"", data))
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest().upper().encode()

    def fixed_id(match: re.Match[bytes]) -> bytes:
        first, second = match.group(1), match.group(2)
        return match.group(0).replace(first, digest[: len(first)]).replace(second, digest[: len(second)])

    data = _TRAILER_ID.sub(fixed_id, data)
    return _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), digest[: len(m.group(1))]), data)


_RESTART = 81  # soffice.bin's "start me again" after it set up a new profile (oosplash's job)
_BOUND = sys.platform.startswith("linux")  # PR_SET_PDEATHSIG exists
# the exec wrapper: die with the parent (PR_SET_PDEATHSIG = 1), unless it is already gone
_DIE_WITH_PARENT = (
    "import ctypes,os,signal,sys\n"
    "if ctypes.CDLL(None).prctl(1,signal.SIGKILL)!=0 or os.getppid()!=int(sys.argv[1]):sys.exit(70)\n"
    "os.execvp(sys.argv[2],sys.argv[2:])"
)


def _office_program(soffice: str) -> str:
    """The program to start: on Linux the real `soffice.bin` beside the `soffice` script (the
    script execs oosplash, which forks soffice.bin: a child of a child that a parent-death signal
    would not reach), else `soffice` itself."""
    real = Path(os.path.realpath(soffice)).with_name("soffice.bin")
    return str(real) if _BOUND and real.is_file() else soffice


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    """Run LibreOffice until it is done, starting it again when it asks to (exit 81: a new profile
    was set up), all within `timeout`."""
    deadline = time.monotonic() + timeout
    for _attempt in range(3):
        left = max(deadline - time.monotonic(), 0.1)
        if _run_once(command, env, left, timeout) != _RESTART:
            return


def _run_once(command: list[str], env: dict[str, str], left: float, timeout: float) -> int:
    """Run soffice once and make sure none of it outlives this call: it may fork, so it runs in a
    session of its own and the whole process group is killed on a timeout, on an interrupt
    (Ctrl-C, SIGTERM), when htpm exits, and after a normal end (strays included). On Linux the
    kernel also kills it if htpm dies first (see the module's docstring)."""
    if _BOUND:
        command = [sys.executable, "-I", "-S", "-c", _DIE_WITH_PARENT, str(os.getpid()), *command]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    _RUNNING.add(process.pid)
    restore = _sigterm_as_exit()
    try:
        process.communicate(timeout=left)
    except subprocess.TimeoutExpired:
        _end_group(process.pid)
        process.communicate()
        raise PdfConversionFailed(f"LibreOffice took longer than {timeout:g} s; no PDF written") from None
    except BaseException:  # Ctrl-C, SIGTERM (as SystemExit): end LibreOffice before going
        _end_group(process.pid)
        process.wait()
        raise
    finally:
        _end_group(process.pid)
        _RUNNING.discard(process.pid)
        restore()
    return process.returncode


_RUNNING: set[int] = set()  # process groups of LibreOffice runs in progress
_PROFILES: set[Path] = set()  # their profiles (a run on a daemon thread may not get to its finally)
_PROFILE_PREFIX = "htpm-lo-"
_OWNER = "htpm.pid"


def remove_orphan_profiles() -> None:
    """Remove the profiles of htpm processes that are gone (killed with -9, so no cleanup ran):
    at every htpm start and before each conversion."""
    for profile in Path("/tmp").glob(_PROFILE_PREFIX + "*"):
        try:
            owner = int((profile / _OWNER).read_text(encoding="ascii"))
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(profile, ignore_errors=True)
        except (OSError, ValueError):
            continue  # not ours to judge (another user's, or still starting)


def _end_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


@contextlib.contextmanager
def ended_on_failure() -> Iterator[None]:
    """Around work that may leave LibreOffice running on a thread of its own (the toolkit's
    measuring pass): an error or an interrupt inside ends every run in progress before it goes on."""
    try:
        yield
    except BaseException:
        end_all()
        raise


@atexit.register
def end_all() -> None:
    """End every LibreOffice run in progress and remove its profile (at exit, and when a build
    fails or is interrupted)."""
    for pgid in list(_RUNNING):
        _end_group(pgid)
    for profile in list(_PROFILES):
        shutil.rmtree(profile, ignore_errors=True)
        _PROFILES.discard(profile)


def _sigterm_as_exit() -> Callable[[], None]:
    """While LibreOffice runs, SIGTERM raises SystemExit (so the cleanup above runs) instead of
    ending htpm on the spot; returns what puts the previous handler back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def on_term(_signum: int, _frame: object) -> None:
        raise SystemExit(128 + signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, on_term)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def pdf_artifacts(artifacts: list[Artifact], ctx: BuildContext) -> list[Artifact]:
    """The PDFs generators asked for (`ctx.want_pdf`), made in ONE LibreOffice batch: the only
    place a build converts documents. Each PDF sits beside its document (`toolkit.docx` ->
    `toolkit.pdf`). Without LibreOffice, or when it fails, the build warns and keeps the documents."""
    from htpm.fingerprints import Hasher, office_version

    wanted = [a for a in artifacts if a.path in ctx.pdf_requests]
    office = office_version()
    keys = {a.path: Hasher("pdf", a.data, office, _filter_argument()).hexdigest() for a in wanted}
    known = {a.path: ctx.memo.get(keys[a.path]) for a in wanted}  # converted before: same bytes
    made = [Artifact(_pdf_path(a.path), data) for a in wanted if (data := known[a.path]) is not None]
    wanted = [a for a in wanted if known[a.path] is None]
    if not wanted:
        return made
    with tempfile.TemporaryDirectory(prefix="htpm-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, artifact in enumerate(wanted):  # numbered: two documents may share a name
            source = folder / f"{index}-{Path(artifact.path).name}"
            source.write_bytes(artifact.data)
            sources.append(source)
        try:
            pdfs = convert_to_pdf(sources, folder / "pdf", timeout=120 + 10 * len(sources))
        except (PdfUnavailable, PdfConversionFailed) as exc:
            ctx.warn(f"pdf: {exc.message}", kind="pdf")
            return made
        for artifact, pdf in zip(wanted, pdfs, strict=True):
            data = pdf.read_bytes()
            ctx.memo.put(keys[artifact.path], data)
            made.append(Artifact(_pdf_path(artifact.path), data))
        return made


def _pdf_path(document: str) -> str:
    return Path(document).with_suffix(".pdf").as_posix()
