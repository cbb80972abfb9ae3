"""Clause text: placeholders, bold, literal braces, unknown markers located in the config; values."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.model import Placeholder
from htpm.proclamation import compile_proclamation, fields
from htpm.proclamation.text import Piece, parse_clause, resolve_values
from tests.conftest import WATER_SAFETY

ORG = Placeholder(name="organization", label="Organization", blank="[Organization]")
YEAR = Placeholder(name="year", label="Year", blank="(year)", default="2025", max_length=4)
NOTE = Placeholder(name="note", label="Note", blank="(note)", required=False)
KNOWN = {p.name: p for p in (ORG, YEAR, NOTE)}


def test_placeholders_bold_and_literal_braces() -> None:
    pieces = parse_clause("Whereas {organization} has **{{ten}} {year} members**", KNOWN)
    assert pieces == [
        Piece("Whereas "),
        Piece("[Organization]", "organization"),
        Piece(" has "),
        Piece("{ten} ", None, True),
        Piece("(year)", "year", True),
        Piece(" members", None, True),
    ]


def test_line_folds_become_one_space() -> None:
    assert parse_clause("one\n  two\tthree ", KNOWN) == [Piece("one two three")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Whereas {organisation} acts", "unknown placeholder {organisation} (placeholders: {organization},"),
        ("a { b", "unmatched '{' (write {{ for a literal brace)"),
        ("a } b", "unmatched '}' (write }} for a literal brace)"),
        ("**bold never closed", "'**' opens bold text that is never closed"),
        ("odd \ue010 char", "contains a reserved character"),
    ],
)
def test_bad_clause_text(text: str, message: str) -> None:
    with pytest.raises(HtpmError) as info:
        parse_clause(text, KNOWN, "where: ")
    assert info.value.message.startswith("where: " + message)


def test_unknown_marker_names_its_place_in_the_config(tmp_path: Path) -> None:
    source = WATER_SAFETY.read_text(encoding="utf-8")
    bad = source.replace("lifeguards and parents keep", "lifeguards and {parents} keep")
    config = tmp_path / "config.yaml"
    config.write_text(bad, encoding="utf-8")
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "{parents}" in text)
    with pytest.raises(HtpmError) as info:
        compile_proclamation(load_campaign(config))
    assert str(info.value).startswith(f"{config}:{line}:")
    assert "proclamation.whereas.1: unknown placeholder {parents}" in str(info.value)


def test_values_normalised_defaulted_and_checked() -> None:
    values, problems = resolve_values(
        [ORG, YEAR, NOTE], {"organization": "  Cafe\u0301 & Co  ", "year": "", "note": None}
    )
    assert values == {"organization": "Café & Co", "year": "2025", "note": ""}
    assert problems == []
    _values, problems = resolve_values(
        [ORG, YEAR, NOTE], {"organization": " ", "year": "20255", "note": "bell\x07"}
    )
    assert problems == [
        ("organization", "required value is blank"),
        ("year", "5 characters; the layout takes at most 4"),
        ("note", "contains a control character (U+0007)"),
    ]


def test_fields_are_the_declared_placeholders(water_safety) -> None:  # type: ignore[no-untyped-def]
    assert fields(water_safety) == ["organization", "title", "jurisdiction", "year"]
