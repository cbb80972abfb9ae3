# ruff: noqa: E501 - one case a line reads best
"""A full disk and a folder htpm may not write: one line, exit 1, the earlier files as they were,
and nothing half-written left behind (issue 13: `proclamation fill` of 200 rows into a full disk
used to end in a traceback after 28 files, with no report)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
from pathlib import Path

from tests.hostile.cases_outputs import CSV_HEAD, FILL_ONE, FILL_TOWN
from tests.hostile.harness import Case

FILL_CSV = ("proclamation", "fill", "config.yaml", "-o", "out", "--csv", "rows.csv")
SOCIAL = ("build", "config.yaml", "-o", "out", "--only", "social", "--no-lint")
NOT_WRITTEN = r"no file was written or removed; the folder's \d+ earlier file\(s\) are as they were"
EARLIER = "earlier.json"  # the hashes of out/ before the case, beside the config


def _htpm(camp: Path, *args: str) -> None:
    """Run htpm in-process in the campaign folder (a setup step: the earlier build or fill)."""
    from htpm.cli import run

    previous = Path.cwd()
    os.chdir(camp)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = run(list(args))
    finally:
        os.chdir(previous)
    assert code in (0, None), f"setup: htpm {' '.join(args)} exited {code}"


def _hashes(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def earlier(*args: str, then: tuple[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A setup: an earlier run of htpm into out/ whose files the case must leave as they are;
    `then` (old, new) edits the config afterwards, so the case's build has new files to write."""

    def setup(camp: Path) -> None:
        _htpm(camp, *args)
        (camp / EARLIER).write_text(json.dumps(_hashes(camp / "out")), encoding="utf-8")
        if then is not None:
            config = camp / "config.yaml"
            text = config.read_text(encoding="utf-8")
            assert then[0] in text, then[0]
            config.write_text(text.replace(then[0], then[1], 1), encoding="utf-8")

    return setup


def earlier_intact(camp: Path) -> None:
    """out/ holds exactly the earlier files, byte for byte: nothing new, nothing staged, nothing lost."""
    expected = json.loads((camp / EARLIER).read_text(encoding="utf-8"))
    found = _hashes(camp / "out")
    assert found == expected, f"out/ changed: {sorted(set(found) ^ set(expected)) or 'contents'}"
    leftovers = [p.name for p in (camp / "out").iterdir() if p.name.startswith(".htpm-staging")]
    assert not leftovers, f"staging left behind: {leftovers}"


def nothing_written(camp: Path) -> None:
    assert not (camp / "out").exists() or not any((camp / "out").iterdir()), "out/ was written"


_RNG = random.Random(13)
_WIDE = "".join(_RNG.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(360))
WIDE_ROW = {"organization": _WIDE[:110], "title": _WIDE[110:230], "jurisdiction": _WIDE[230:350]}


def rows_200() -> str:
    """200 rows; row 29 is wider than the others (its document is a few hundred bytes larger), so a
    file size limit between the two sizes is a disk that fills up after 28 documents."""
    rows = [f"Org {i},Mayor,Town {i},2025" for i in range(1, 201)]
    rows[28] = ",".join(WIDE_ROW.values()) + ",2025"
    return CSV_HEAD + "".join(r + "\n" for r in rows)


def full_after_28(camp: Path) -> int:
    """A file size limit between a short row's document and row 29's (measured, not guessed)."""
    from htpm.config import load_campaign
    from htpm.proclamation.fill import fill_one

    campaign = load_campaign(camp / "config.yaml")
    short = len(fill_one(campaign, {"organization": "Org 1", "title": "Mayor", "jurisdiction": "Town 1"}))
    large = len(fill_one(campaign, WIDE_ROW))
    assert large > short + 100, (short, large)
    return (short + large) // 2


def readonly_new_year(name: str, target: str, folder: str, files: dict[str, str] | None = None) -> Case:
    """`new-year -o TARGET` where TARGET's folder is read-only."""
    return Case(
        name,
        ("new-year", "2026", "--from", "config.yaml", "-o", target),
        1,
        rf"{target}: cannot write it \(Permission denied\); nothing changed",
        files or {},
        read_only=(folder,),
    )


FILL_FIRST = earlier(*FILL_TOWN)
BUILD_FIRST = earlier(*SOCIAL, then=("Adult classes meet", "Adult classes now meet"))

CASES: list[Case] = [
    # a full disk: the child's files cannot grow past a limit, and a write past it fails (EFBIG)
    Case(
        "disk-full-fill-200-rows",
        FILL_CSV,
        1,
        rf"out: cannot write the outputs \(File too large\): {NOT_WRITTEN}",
        {"rows.csv": rows_200()},
        setup=FILL_FIRST,
        check=earlier_intact,
        file_limit=full_after_28,
    ),
    Case(
        "disk-full-fill-one",
        FILL_ONE,
        1,
        rf"out: cannot write the outputs \(File too large\): {NOT_WRITTEN}",
        setup=FILL_FIRST,
        check=earlier_intact,
        file_limit=1_000,
    ),
    Case(
        "disk-full-build",
        (*SOCIAL, "--force"),
        1,
        rf"out: cannot write the outputs \(File too large\): {NOT_WRITTEN}",
        setup=BUILD_FIRST,
        check=earlier_intact,
        file_limit=1_000,
    ),
    Case(
        "disk-full-build-first",
        SOCIAL,
        1,
        r"out: cannot write the outputs \(File too large\): no file was written or removed; the folder's 0 earlier",
        check=nothing_written,
        file_limit=1_000,
    ),
    Case(
        "disk-full-newyear",
        ("new-year", "2026", "--from", "config.yaml", "-o", "next.yaml"),
        1,
        r"next.yaml: cannot write it \(File too large\); nothing changed",
        file_limit=1_000,
    ),
    # a read-only folder (mode 0555; root in the child cannot override it)
    Case(
        "readonly-fill-200-rows",
        FILL_CSV,
        1,
        r"out: cannot write into the output folder: Permission denied",
        {"rows.csv": rows_200()},
        setup=FILL_FIRST,
        check=earlier_intact,
        read_only=("out",),
    ),
    Case(
        "readonly-build",
        (*SOCIAL, "--force"),
        1,
        r"out: cannot write into the output folder: Permission denied",
        setup=BUILD_FIRST,
        check=earlier_intact,
        read_only=("out",),
    ),
    Case(
        "readonly-build-new-folder",
        ("build", "config.yaml", "-o", "ro/out", "--only", "social", "--no-lint"),
        1,
        r"ro/out: cannot create the output folder: Permission denied",
        {"ro/keep.txt": "mine\n"},
        read_only=("ro",),
    ),
    readonly_new_year("readonly-newyear", "ro/2026.yaml", "ro", {"ro/keep.txt": "mine\n"}),
    readonly_new_year("readonly-campaign-folder-newyear", "2026.yaml", "."),
]
