"""Output names are safe on every system, and the writer never leaves its folder."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htpm.errors import HtpmError
from htpm.proclamation.names import (
    ConfinedWriter,
    NameAllocator,
    check_pattern,
    render_pattern,
    safe_stem,
)

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


@pytest.mark.parametrize(
    ("raw", "stem"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("COM10", "COM10"),
        ('a:b*c?d"e<f>g|h', "a_b_c_d_e_f_g_h"),
        ("  Springfield.  ", "Springfield"),
        ("tab\there\nnew", "tab here new"),
        ("Cafe\u0301", "Café"),
        ("...", "row-1"),
        ("", "row-1"),
        ("a..b", "a.b"),
    ],
)
def test_safe_stem(raw: str, stem: str) -> None:
    assert safe_stem(raw, "row-1") == stem


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_safe_name(raw: str) -> None:
    stem = safe_stem(raw, "row-1")
    assert stem and stem == unicodedata.normalize("NFC", stem)
    assert not set(stem) & set('/\\:*?"<>|\x00')
    assert all(unicodedata.category(c) != "Cc" for c in stem)
    assert ".." not in stem and stem[0] not in " ." and stem[-1] not in " ."
    assert stem.split(".")[0].strip().upper() not in RESERVED
    assert len(stem.encode("utf-8")) <= 121
    assert safe_stem(stem, "row-1") == stem  # idempotent: the writer accepts it


def test_collisions_numbered_ignoring_case() -> None:
    names = NameAllocator(["combined"])
    assert [names.allocate(s) for s in ["Town", "town", "TOWN", "combined", "Town-2"]] == [
        "Town", "town-2", "TOWN-3", "combined-2", "Town-2-2"
    ]  # fmt: skip


def test_pattern() -> None:
    check_pattern("{jurisdiction} {year}", ["jurisdiction", "year"])
    assert render_pattern("{jurisdiction} {year}", {"jurisdiction": "X", "year": "2025"}) == "X 2025"
    assert render_pattern("{a.__class__}", {"a": "x"}) == ""  # no attribute access, ever
    with pytest.raises(HtpmError, match=r"unknown field \{a.__class__\}"):
        check_pattern("{a.__class__}", ["a"])
    with pytest.raises(HtpmError, match="name at least one field"):
        check_pattern("fixed", ["a"])


def test_writer_stays_inside(tmp_path: Path) -> None:
    writer = ConfinedWriter(tmp_path / "out")
    for bad in ["../x.docx", "a/b.docx", "a\\b.docx", "CON.docx", ".docx", "x", "/etc/x.docx", "x.docx/.."]:
        with pytest.raises(ValueError):
            writer.write(bad, b"data")
    assert writer.write("ok.docx", b"data").read_bytes() == b"data"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok.docx"]  # no temp files left


def test_writer_replaces_a_symlink_never_follows_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    (tmp_path / "out").mkdir()
    os.symlink(outside, tmp_path / "out" / "Town.docx")
    ConfinedWriter(tmp_path / "out").write("Town.docx", b"new")
    assert outside.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "out" / "Town.docx").is_symlink()
    assert (tmp_path / "out" / "Town.docx").read_bytes() == b"new"
