"""Bulk rows are untrusted: columns checked first, bad rows reported by row, good rows all written."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from proclamation_helpers import assert_filled, docx_texts

from htpm.errors import HtpmError
from htpm.proclamation import FillOptions, fill_csv
from tests.conftest import ROOT, WATER_SAFETY

HEADER = ["organization", "title", "jurisdiction", "year"]
HOSTILE = [  # (organization, expected file name or None for a bad row)
    ("A & B <Parks>", "A & B _Parks.docx"),
    ("../../etc/passwd", "etc_passwd.docx"),
    ("CON", "_CON.docx"),
    ("=1+1", "=1+1.docx"),
    ("N\u0303andu\u0301 Club", "Ñandú Club.docx"),  # decomposed accents in, NFC out
    ("", None),  # blank required value
    ("Bell\x07Org", None),  # control character
    ("x" * 5000, None),  # longer than the layout takes
    ("..\\..\\Windows\\win.ini", "Windows_win.ini.docx"),
    ("con.txt", "_con.txt.docx"),
]


def _hostile_csv(path: Path) -> None:
    lines = [";".join(HEADER)]
    for org, _name in HOSTILE:
        cell = '"' + org.replace('"', '""') + '"'
        lines.append(f"{cell};Mayor;Springfield;2025")
    lines.insert(3, ";;;")  # an empty spreadsheet row is skipped
    lines.append("Extra Cells;Mayor;Springfield;2025;surprise")
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig") + b"\r\n")  # Excel: BOM, CRLF, ';'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    _hostile_csv(tmp_path / "rows.csv")
    return tmp_path / "rows.csv"


def test_hostile_csv(water_safety, hostile: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    report = fill_csv(water_safety, hostile, out, delimiter=";")
    src = str(hostile)
    # spreadsheet rows: the header is row 1 and the empty row 4 still counts
    assert [str(e) for e in report.errors] == [
        f"{src}:8: organization: required value is blank",
        f"{src}:9: organization: contains a control character (U+0007)",
        f"{src}:10: organization: 5000 characters; the layout takes at most 120",
        f"{src}:13: row: 5 cells but the header has 4",
    ]
    assert report.failed_rows == [8, 9, 10, 13] and report.rows == 11
    good = [(org, name) for org, name in HOSTILE if name]
    assert [p.name for p in report.written] == [name for _org, name in good]
    # nothing outside DIR: the only things in tmp_path are the CSV and DIR
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "rows.csv"]
    names = sorted([*(n for _o, n in good), "fill-report.csv", ".htpm-manifest.json"])
    assert sorted(p.name for p in out.iterdir()) == names
    for path, (org, _name) in zip(report.written, good, strict=True):
        values = {"organization": unicodedata.normalize("NFC", org), "title": "Mayor"}
        values |= {"jurisdiction": "Springfield", "year": "2025"}
        assert_filled(water_safety, path.read_bytes(), values)
    assert (
        "Whereas drowning is preventable and =1+1 is committed"
        in docx_texts((out / "=1+1.docx").read_bytes())[5]
    )


def test_report_file_lists_every_row_and_runs_no_formula(water_safety, hostile: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = fill_csv(water_safety, hostile, tmp_path / "out", delimiter=";")
    raw = report.report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with report.report.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [(int(line["row"]), line["status"]) for line in lines][:5] == [
        (2, "written"), (3, "written"), (5, "written"), (6, "written"), (7, "written")
    ]  # fmt: skip
    assert lines[3]["file"] == "'=1+1.docx"  # neutralised for spreadsheets
    failed = [(line["row"], line["field"], line["message"]) for line in lines if line["status"] == "failed"]
    assert failed == [
        ("8", "organization", "required value is blank"),
        ("9", "organization", "contains a control character (U+0007)"),
        ("10", "organization", "5000 characters; the layout takes at most 120"),
        ("13", "row", "5 cells but the header has 4"),
    ]
    for line in lines:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.values())


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("organization,title,jurisdiction,year,county", "unknown column 'county'"),
        ("organization,jurisdiction,year", "missing column 'title'"),
        ("Organization , TITLE,jurisdiction,year,organization", "column 'organization' appears twice"),
        ("organisation,title,jurisdiction", "unknown column 'organisation'; missing column 'organization'"),
    ],
)
def test_columns_checked_before_anything_renders(
    water_safety, tmp_path: Path, header: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rows.csv").write_text(header + "\nA,B,C,D\n", encoding="utf-8")
    with pytest.raises(HtpmError) as info:
        fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out")
    assert info.value.message.startswith(message + " (the columns are the fields: organization, title,")
    assert info.value.location.file == str(tmp_path / "rows.csv")
    assert not (tmp_path / "out").exists()


def test_optional_column_with_a_default_may_be_left_out(water_safety, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rows.csv").write_text("organization,title,jurisdiction\nPool,Mayor,Town\n", encoding="utf-8")
    report = fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out")
    assert report.errors == [] and "May 2025" in "\n".join(docx_texts(report.written[0].read_bytes()))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"organization\n\xff\xfe\n", "not UTF-8 text (byte 13); save it as 'CSV UTF-8'"),
        (b"\n\n", "the file is empty; the first row must name the columns"),
    ],
)
def test_unreadable_csv(water_safety, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rows.csv").write_bytes(content)
    with pytest.raises(HtpmError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out")


def test_bad_name_pattern_fails_first(water_safety, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HtpmError, match=r"--name-pattern: unknown field \{county\}"):
        fill_csv(
            water_safety,
            tmp_path / "missing.csv",
            tmp_path / "out",
            options=FillOptions(name_pattern="{county}"),
        )


def test_cli_exit_code_and_screen_report(hostile: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "htpm", "proclamation", "fill", str(WATER_SAFETY)]
    command += ["--csv", str(hostile), "--delimiter", ";", "-o", str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert f"{hostile}:8: organization: required value is blank" in done.stderr.splitlines()
    assert (
        done.stderr.splitlines()[-1]
        == f"4 of 11 rows failed; see {(tmp_path / 'out').resolve()}/fill-report.csv"
    )
    assert done.stdout.strip() == f"{tmp_path / 'out'}: 7 written, 4 rows failed"


def test_no_delimiter_guessing_but_a_hint(water_safety, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rows.csv").write_text("organization;title;jurisdiction\nA;B;C\n", encoding="utf-8")
    with pytest.raises(HtpmError) as info:
        fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out")
    assert info.value.message == "the header is one column; are cells separated by ';'? (--delimiter ';')"
    report = fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out", delimiter=";")
    assert [p.name for p in report.written] == ["A.docx"]
