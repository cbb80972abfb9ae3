# ruff: noqa: E501 - one case a line reads best
"""What may be written: the output folder only, atomically, never through a link, never over a
folder; proclamation fills through the one writer; new-year never destroys."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile.builders import docx_with, layout_with_text
from tests.hostile.harness import BASE_CONFIG, Case, Fifo, Folder, Link, edit

BUILD = ("build", "config.yaml", "-o", "out", "--only", "calendar", "--no-lint")
FILL = ("proclamation", "fill", "config.yaml", "-o", "out")
FILL_ONE = (*FILL, "--set", "organization=T", "--set", "title=M", "--set", "jurisdiction=J")
FILL_TOWN = (*FILL, "--set", "organization=Town", "--set", "title=Mayor", "--set", "jurisdiction=Town")
CSV_HEAD = "organization,title,jurisdiction,year\n"


def csv(*rows: str) -> str:
    return CSV_HEAD + "".join(r + "\n" for r in rows)


def killed_mid_commit(camp: Path) -> None:
    """An output folder as a build killed (-9) between two moves of its commit leaves it."""
    out = camp / "out"
    staging = out / ".htpm-staging-dead"
    staging.mkdir(parents=True)
    (out / "calendar.ics").write_text("NEW HALF-WRITTEN", encoding="utf-8")  # moved in already
    (staging / "0.old").write_text("OLD COMPLETE", encoding="utf-8")  # its backup
    (staging / "1.new").write_text("never moved", encoding="utf-8")
    moves = [
        {"target": "calendar.ics", "staged": "0.new", "backup": "0.old", "existed": True},
        {"target": "extra.txt", "staged": "1.new", "backup": "1.old", "existed": False},
    ]
    (out / ".htpm-journal.json").write_text(
        json.dumps({"staging": staging.name, "moves": moves}), encoding="utf-8"
    )


def check_rolled_back(camp: Path) -> None:
    assert (camp / "out" / "calendar.ics").read_text(encoding="utf-8") != "NEW HALF-WRITTEN"


def leftover_staging(camp: Path) -> None:
    (camp / "out" / ".htpm-staging-old" / "x").mkdir(parents=True)


def hold_lock(camp: Path) -> None:
    """Another htpm writing into out/ (its lock is held by a child process for the case's time)."""
    import subprocess
    import sys

    (camp / "out").mkdir()
    code = "import fcntl,os,sys,time;fd=os.open(sys.argv[1],os.O_RDONLY);fcntl.flock(fd,fcntl.LOCK_EX);print('held',flush=True);time.sleep(20)"
    child = subprocess.Popen([sys.executable, "-c", code, str(camp / "out")], stdout=subprocess.PIPE)
    assert child.stdout is not None
    child.stdout.readline()
    _HOLDERS.append(child)


_HOLDERS: list = []  # type: ignore[type-arg]

NEW_YEAR_INTRO = edit(
    BASE_CONFIG[BASE_CONFIG.index("introduction: |") : BASE_CONFIG.index("goals:")],
    "introduction: {file: intro.md}\n",
)


def forced_new_year(name: str, year: int, code: int, message: str, may_write: tuple[str, ...] = ()) -> Case:
    """`new-year YEAR --force` over older copies of its outputs, from a config with {file:} prose."""
    files = {
        "intro.md": "Prose of 2025.\n",
        f"intro-{year}.md": "an older copy\n",
        "next.yaml": "an older copy\n",
    }
    args = ("new-year", str(year), "--from", "config.yaml", "-o", "next.yaml", "--force")
    return Case(name, args, code, message, files, config=NEW_YEAR_INTRO, may_write=may_write)


COMMENTED = "# file: config.yaml\n# {file: config.yaml}\n" + BASE_CONFIG

CASES: list[Case] = [
    # the output folder
    Case(
        "out-is-a-file",
        ("build", "config.yaml", "-o", "out", "--only", "calendar", "--no-lint"),
        1,
        r"out: cannot create the output folder",
        {"out": "a file of the user's\n"},
        may_write=(),
    ),
    Case(
        "out-output-is-folder",
        BUILD,
        1,
        r"out/calendar.ics: a folder .* stands where this output goes",
        {"out/calendar.ics/keep.txt": "mine\n"},
    ),
    Case(
        "out-output-is-folder-force",
        (*BUILD, "--force"),
        1,
        r"out/calendar.ics: a folder .* stands where this output goes",
        {"out/calendar.ics/keep.txt": "mine\n"},
    ),
    Case(
        "out-output-is-link",
        BUILD,
        1,
        r"refusing to write outside the output folder: calendar.ics",
        {"out/calendar.ics": Link("../../canary.txt")},
    ),
    Case(
        "out-output-is-link-force",
        (*BUILD, "--force"),
        1,
        r"refusing to write outside the output folder: calendar.ics",
        {"out/calendar.ics": Link("../../canary.txt")},
    ),
    Case(
        "out-folder-link-out",
        ("build", "config.yaml", "-o", "out", "--only", "social", "--no-lint"),
        1,
        r"refusing to write outside the output folder: social/",
        {"out/social": Link("../..")},
    ),
    Case(
        "out-subfolder-is-file",
        ("build", "config.yaml", "-o", "out", "--only", "social", "--no-lint"),
        1,
        r"cannot write the outputs \(.*\): no file was written or removed",
        {"out/social": "a file\n"},
    ),
    Case(
        "out-hand-edited-kept",
        BUILD,
        1,
        r"out/calendar.ics: edited since the last build; kept",
        {
            "out/calendar.ics": "edited by hand\n",
            "out/.htpm-manifest.json": '{"files": {"calendar.ics": "00"}}\n',
        },
    ),
    Case(
        "out-not-ours-kept",
        BUILD,
        1,
        r"out/calendar.ics: edited since the last build; kept",
        {"out/calendar.ics": "someone else's file\n"},
    ),
    Case("out-manifest-garbage", BUILD, 0, r"out: 1 written", {"out/.htpm-manifest.json": "{{{{ not json"}),
    Case(
        "out-manifest-names-outside",
        ("build", "config.yaml", "-o", "out", "--only", "calendar", "--no-lint"),
        0,
        r"out: 1 written",
        {"out/.htpm-manifest.json": json.dumps({"files": {"../canary.txt": "x", "/etc/hostname": "y"}})},
    ),
    Case(
        "out-killed-mid-commit",
        BUILD,
        1,
        r"out/calendar.ics: edited since the last build; kept",
        setup=killed_mid_commit,
        check=check_rolled_back,
    ),
    Case("out-leftover-staging", BUILD, 0, r"out: 1 written", setup=leftover_staging),
    Case(
        "out-journal-damaged",
        BUILD,
        1,
        r"\.htpm-journal.json is damaged",
        {"out/.htpm-journal.json": "{not json"},
    ),
    Case(
        "out-journal-names-outside",
        BUILD,
        0,
        r"out: 1 written",
        {
            "out/.htpm-journal.json": json.dumps(
                {
                    "staging": ".htpm-staging-x",
                    "moves": [
                        {"target": "../../canary.txt", "staged": None, "backup": "0.old", "existed": True}
                    ],
                }
            )
        },
    ),
    Case("out-locked", BUILD, 1, r"another htpm is writing into this folder", setup=hold_lock),
    # proclamation fill: one writer, one line, a report
    Case(
        "fill-csv-dev-zero",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"rows.csv.*cannot read it",
        {"rows.csv": Link("/dev/zero")},
    ),
    Case("fill-csv-fifo", (*FILL, "--csv", "rows.csv"), 1, r"rows.csv.*cannot read it", {"rows.csv": Fifo()}),
    Case(
        "fill-csv-folder",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"rows.csv.*(cannot read it|not a regular file)",
        {"rows.csv": Folder()},
    ),
    Case("fill-csv-missing", (*FILL, "--csv", "rows.csv"), 1, r"rows.csv"),
    Case(
        "fill-csv-binary",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"rows.csv.*UTF-8",
        {"rows.csv": b"\xff\xfe\x00a,b\n"},
    ),
    Case(
        "fill-csv-many-columns",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"rows.csv: unknown column",
        {"rows.csv": ",".join(f"c{i}" for i in range(20000)) + "\n"},
    ),
    Case(
        "fill-csv-many-rows-bad",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"rows.csv",
        {"rows.csv": "organization\n" + "x\n" * 50000},
    ),
    Case(
        "fill-name-traversal",
        (*FILL, "--csv", "rows.csv"),
        0,
        r"out",
        {"rows.csv": csv("../../../evil,Mayor,X,2025", "/etc/passwd,Mayor,Y,2025")},
    ),
    Case(
        "fill-name-nul-newline",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"out: 0 written, 2 rows failed",
        {"rows.csv": csv('"a\x00b",Mayor,X,2025', '"line\nbreak",Mayor,Y,2025')},
    ),
    Case(
        "fill-name-reserved",
        (*FILL, "--csv", "rows.csv"),
        0,
        r"out",
        {"rows.csv": csv("CON,Mayor,X,2025", "aux.txt,Mayor,Y,2025", ".,Mayor,Z,2025", "..,Mayor,W,2025")},
    ),
    Case(
        "fill-name-very-long",
        (*FILL, "--csv", "rows.csv"),
        1,
        r"out: 0 written, 1 rows failed",
        {"rows.csv": csv("é" * 400 + ",Mayor,X,2025")},
    ),
    Case(
        "fill-formula-cells",
        (*FILL, "--csv", "rows.csv"),
        0,
        r"out",
        {"rows.csv": csv('=HYPERLINK("http://x"),+1,-2,@SUM(A1)')},
    ),
    Case(
        "fill-output-is-folder",
        FILL_TOWN,
        1,
        r"out/Town.docx: a folder .* stands where this output goes",
        {"out/Town.docx/keep.txt": "mine\n"},
    ),
    Case(
        "fill-out-is-file",
        FILL_TOWN,
        1,
        r"out: cannot create the output folder",
        {"out": "a file\n"},
    ),
    Case(
        "fill-name-pattern-path",
        (
            *FILL,
            "--set",
            "organization=Town",
            "--set",
            "title=Mayor",
            "--set",
            "jurisdiction=Town",
            "--name-pattern",
            "../{organization}",
        ),
        0,
        r"out",
    ),
    Case("fill-set-unknown", (*FILL, "--set", "evil=1"), 2, r"unknown field 'evil'"),
    # the Word templates
    Case(
        "template-docx-external-image",
        ("build", "config.yaml", "-o", "out", "--only", "toolkit", "--no-lint"),
        1,
        r"toolkit/base.docx: the base document: .* refers to a file outside the document",
        {"toolkit/base.docx": docx_with("toolkit/base.docx", external=True)},
    ),
    Case(
        "template-proclamation-external",
        FILL_ONE,
        1,
        r"proclamation/proclamation.docx: the proclamation template: .* refers to a file outside the document",
        {"proclamation/proclamation.docx": docx_with("proclamation/proclamation.docx", external=True)},
    ),
    Case(
        "template-proclamation-include",
        FILL_ONE,
        1,
        r"proclamation template: .*cannot include or extend others",
        {
            "proclamation/proclamation.docx": docx_with(
                "proclamation/proclamation.docx", b"{% include '../canary.txt' %}"
            )
        },
    ),
    Case(
        "template-proclamation-loop",
        FILL_ONE,
        1,
        r"proclamation template tried something unsafe: range",
        {
            "proclamation/proclamation.docx": docx_with(
                "proclamation/proclamation.docx", b"{% for i in range(10**8) %}x{% endfor %}"
            )
        },
    ),
    Case(
        "template-proclamation-attribute",
        FILL_ONE,
        1,
        r"proclamation template tried something unsafe",
        {
            "proclamation/proclamation.docx": docx_with(
                "proclamation/proclamation.docx", b"{{ ''.__class__ }}"
            )
        },
    ),
    Case(
        "template-proclamation-not-zip",
        FILL_ONE,
        1,
        r"proclamation",
        {"proclamation/proclamation.docx": b"PK\x03\x04 not really"},
    ),
    Case(
        "template-base-docx-dev-zero",
        ("build", "config.yaml", "-o", "out", "--only", "toolkit", "--no-lint"),
        1,
        r"toolkit/base.docx",
        {"toolkit/base.docx": Link("/dev/zero")},
    ),
    Case(
        "layout-text-include",
        ("validate", "config.yaml"),
        1,
        r"graphics/theme.yaml:\d+:\d+: template: .*cannot include or extend others",
        setup=layout_with_text("{% include '../canary.txt' %}"),
    ),
    Case(
        "layout-text-loop",
        ("validate", "config.yaml"),
        1,
        r"graphics/theme.yaml:\d+:\d+: template tried something unsafe: range",
        setup=layout_with_text("{% for i in range(10**7) %}{% endfor %}"),
    ),
    Case(
        "layout-text-attribute",
        ("validate", "config.yaml"),
        1,
        r"graphics/theme.yaml:\d+:\d+: template tried something unsafe",
        setup=layout_with_text("{{ ''.__class__.__mro__ }}"),
    ),
    Case(
        "layout-text-lipsum",
        ("validate", "config.yaml"),
        1,
        r"graphics/theme.yaml:\d+:\d+: template tried something unsafe: lipsum",
        setup=layout_with_text("{{ lipsum(10**6) }}"),
    ),
    # new-year never destroys
    Case(
        "newyear-missing-folder",
        ("new-year", "2026", "--from", "config.yaml", "-o", "nowhere/2026.yaml"),
        1,
        r"nowhere/2026.yaml: cannot write it: the folder nowhere does not exist",
    ),
    Case(
        "newyear-out-is-folder",
        ("new-year", "2026", "--from", "config.yaml", "-o", "dir", "--force"),
        1,
        r"dir: a folder of that name already exists",
        {"dir/keep.txt": "mine\n"},
    ),
    Case(
        "newyear-over-source",
        ("new-year", "2026", "--from", "config.yaml", "-o", "config.yaml", "--force"),
        2,
        r"would replace the config it starts from",
    ),
    Case(
        "newyear-exists",
        ("new-year", "2026", "--from", "config.yaml", "-o", "next.yaml"),
        1,
        r"next.yaml: already exists; use --force to replace it",
        {"next.yaml": "mine\n"},
    ),
    forced_new_year(
        "newyear-force-keeps-sources", 2026, 0, r"wrote next.yaml", ("next.yaml", "intro-2026.md")
    ),
    Case(
        "newyear-comment-file-ref",
        ("new-year", "2026", "--from", "config.yaml", "-o", "next.yaml"),
        0,
        r"wrote next.yaml",
        config=COMMENTED,
        may_write=("next.yaml",),
    ),
]
