"""The prose corpus: each construct of the subset, rendered to docx, HTML, text and Markdown,
read back as each output's consumer reads it, must show the same structure everywhere."""

from __future__ import annotations

import pytest
from prose_readers import renderings

from htpm.prose import parse

# name: (source, expected links, bold stretches, italic stretches, list items, line breaks, notes)
CORPUS: dict[str, tuple[str, list[str], list[str], list[str], list[tuple], int, list[int]]] = {
    "bold": ("A **bold** word and __another__.", [], ["bold", "another"], [], [], 0, []),
    "italic star": ("An *italic* word.", [], [], ["italic"], [], 0, []),
    "italic underscore": ("An _italic_ word, snake_case stays.", [], [], ["italic"], [], 0, []),
    "bold italic": ("***Both*** at once.", [], ["Both"], ["Both"], [], 0, []),
    "link": (
        "Read [the guide](https://example.org/guide) now.",
        ["https://example.org/guide"],
        [],
        [],
        [],
        0,
        [],
    ),
    "bold link": (
        "[**Bold** link](https://example.org/a_(b))",
        ["https://example.org/a_(b)"],
        ["Bold"],
        [],
        [],
        0,
        [],
    ),
    "bare url": (
        "See https://example.org/x_y.html, then go.",
        ["https://example.org/x_y.html"],
        [],
        [],
        [],
        0,
        [],
    ),
    "bare domain": (
        "Visit nhttac.acf.hhs.gov/x. Thanks.",
        ["https://nhttac.acf.hhs.gov/x"],
        [],
        [],
        [],
        0,
        [],
    ),
    "mailto": ("Write to [us](mailto:info@example.org).", ["mailto:info@example.org"], [], [], [], 0, []),
    "bullets": (
        "Bring:\n\n- a towel\n- **sunscreen**\n- water",
        [],
        ["sunscreen"],
        [],
        [("-", 1, None, "a towel"), ("-", 1, None, "sunscreen"), ("-", 1, None, "water")],
        0,
        [],
    ),
    "numbered with start": (
        "3. third\n4. fourth",
        [],
        [],
        [],
        [("n", 1, 3, "third"), ("n", 1, 4, "fourth")],
        0,
        [],
    ),
    "two numbered lists restart": (
        "1. one\n2. two\n\nBetween.\n\n1. again",
        [],
        [],
        [],
        [("n", 1, 1, "one"), ("n", 1, 2, "two"), ("n", 1, 1, "again")],
        0,
        [],
    ),
    "nested": (
        "- fruit\n  1. apple\n  2. pear\n- bread\n  - rye\n    - dark",
        [],
        [],
        [],
        [
            ("-", 1, None, "fruit"),
            ("n", 2, 1, "apple"),
            ("n", 2, 2, "pear"),
            ("-", 1, None, "bread"),
            ("-", 2, None, "rye"),
            ("-", 3, None, "dark"),
        ],
        0,
        [],
    ),
    "line breaks": ("First line  \nsecond line\\\nthird line", [], [], [], [], 2, []),
    "note refs": ("Free lessons.[^a] Pools open.[^b] Again.[^a]", [], [], [], [], 0, [1, 2, 1]),
    "escapes": (r"5 \* 3, \_not italic\_, \[x] and \*\*no bold\*\*", [], [], [], [], 0, []),
    "combination": (
        "Join **[the club](https://example.org/club)** or _see_ example.org.[^n]\n\n"
        "1. **Call** [us](mailto:a@example.org)  \n   any time\n2. visit https://example.org/pools",
        [
            "https://example.org/club",
            "https://example.org",
            "mailto:a@example.org",
            "https://example.org/pools",
        ],
        ["the club", "Call"],
        ["see"],
        [("n", 1, 1, "Call us any time"), ("n", 1, 2, "visit https://example.org/pools")],
        1,
        [1],
    ),
}


@pytest.mark.parametrize("name", CORPUS)
def test_every_output_shows_the_same_structure(name: str) -> None:
    source, links, bold, italic, items, breaks, notes = CORPUS[name]
    seen = renderings(parse(source))
    for fmt, got in seen.items():
        assert got.links == links, fmt
        assert got.items == items, fmt
        assert got.breaks == breaks, fmt
        assert got.notes == notes, fmt
        if fmt != "text":  # plain text has no bold or italic
            assert got.bold == bold, fmt
            assert got.italic == italic, fmt
    words = {fmt: got.words for fmt, got in seen.items() if fmt != "text"}
    assert len(set(words.values())) == 1, words


def test_escaped_and_literal_characters_are_words_everywhere() -> None:
    seen = renderings(parse(r"5 \* 3, \_not italic\_, \[x] and \*\*no bold\*\*"))
    assert {got.words for fmt, got in seen.items() if fmt != "text"} == {
        "5 * 3, _not italic_, [x] and **no bold**"
    }
