"""Offsets in a parsed value mapped back to the line and column in the YAML that held it."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htpm.lint.extract import Text, locate_offset
from htpm.yamlsafe import read_yaml

WORDS = st.lists(
    st.text(alphabet=st.sampled_from("abcXYZ'\"é:#-"), min_size=1, max_size=8), min_size=1, max_size=25
)


def check_every_word(path: Path, value: str, style: str | None) -> None:
    tree = read_yaml(path)
    located = tree.value["key"]
    assert located.value == value
    text = Text(value, "prose", located.loc)
    raw_lines = path.read_text(encoding="utf-8").splitlines()
    for offset, char in enumerate(value):
        if char.isspace() or (offset and not value[offset - 1].isspace()):
            continue  # check where each word starts
        loc = locate_offset(text, offset)
        assert raw_lines[loc.line - 1][loc.col - 1] == char, (style, value, offset, loc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=WORDS, style=st.sampled_from([None, '"', "'", "|", ">"]), width=st.integers(20, 60))
def test_word_starts_map_to_the_same_character(
    tmp_path: Path, words: list[str], style: str | None, width: int
) -> None:
    value = " ".join(words)
    if style == "|":
        value = "\n".join(" ".join(words[i : i + 3]) for i in range(0, len(words), 3)) + "\n"
    dumped = yaml.safe_dump({"key": value}, default_style=style, width=width, allow_unicode=True)
    if yaml.safe_load(dumped)["key"] != value:
        return  # a style PyYAML cannot represent this value in
    path = tmp_path / "t.yaml"
    path.write_text(dumped, encoding="utf-8")
    check_every_word(path, value, style)


def test_markdown_file_with_leading_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("\n\nFirst line.\n  Second word here.\n", encoding="utf-8")
    from htpm.errors import Location

    text = Text("First line.\n  Second word here.", "prose", Location(str(path), 1, 1))
    assert locate_offset(text, text.text.index("word")) == Location(str(path), 4, 10)


def test_unknown_file_keeps_the_start() -> None:
    from htpm.errors import Location

    start = Location("/nonexistent/file.yaml", 3, 5)
    assert locate_offset(Text("abc def", "prose", start), 4) == start
