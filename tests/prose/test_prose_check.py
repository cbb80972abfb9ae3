"""check_prose: every construct outside the subset, with its 0-based line and column in the text."""

from __future__ import annotations

import pytest

from htpm.prose import ProseIssue, check_prose

HEADING = "headings are not allowed inside prose; use bold text"
IMAGE = "images are not allowed in prose (use the config's image fields)"
HTML = "raw HTML is not allowed in prose; use the Markdown subset (docs/prose.md)"


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("Intro.\n\n## A heading\n", 2, 0, HEADING),
        ("Title\n=====\n", 0, 0, HEADING),
        ("Look: ![a pool](pool.png) here", 0, 6, IMAGE),
        ("Some <b>bold</b> words", 0, 5, HTML),
        ("First.\n\n<div>\nblock\n</div>", 2, 0, HTML),
        ("One\ntwo <script>x</script>", 1, 4, HTML),
        (
            "Go [there](javascript:alert(1)) now",
            0,
            11,
            "link target 'javascript:alert(1)' is not an http, https or mailto address",
        ),
        (
            "- item\n- see [events](events.html)",
            1,
            15,
            "link target 'events.html' is not an http, https or mailto address",
        ),
        (
            "Mail <javascript:alert(2)>",
            0,
            6,
            "link target 'javascript:alert(2)' is not an http, https or mailto address",
        ),
        (
            "[ftp](ftp://example.org/file)",
            0,
            6,
            "link target 'ftp://example.org/file' is not an http, https or mailto address",
        ),
        ("Para.\n\n> quoted", 2, 0, "block quotes are not allowed in prose"),
        ("Para.\n\n    code line", 2, 4, "code blocks are not allowed in prose"),
        ("```\nfenced\n```", 0, 0, "code blocks are not allowed in prose"),
        ("Above\n\n---\n\nBelow", 2, 0, "horizontal rules are not allowed in prose"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", 0, 0, "tables are not allowed in prose; use a list"),
        (
            "See [site][s].\n\n[s]: https://example.org",
            2,
            0,
            "reference-style link definitions are not supported; write [text](url)",
        ),
        (
            "Text.\n\n[^1]: A note",
            2,
            0,
            "notes are defined under endnotes:, not inside prose; refer to them as [^id]",
        ),
    ],
)
def test_each_unsupported_construct_is_located(text: str, line: int, column: int, message: str) -> None:
    assert check_prose(text) == [ProseIssue(line, column, message)]


def test_the_subset_itself_has_no_issues() -> None:
    text = (
        "**Bold**, __bold__, *em*, _em_, `code`, [a](https://a.org), [m](mailto:a@b.org),"
        " <https://a.org/x>, bare.example.org/x and https://b.org.[^n]  \nnext line\\\nthird\n\n"
        "3. three\n4. four\n   - nested\n\n- a\n- b \\* c"
    )
    assert check_prose(text) == []


def test_issues_come_in_reading_order_and_print_one_based() -> None:
    issues = check_prose("# Head\n\nText <i>x</i> ![p](p.png)")
    assert [(i.line, i.column) for i in issues] == [(0, 0), (2, 5), (2, 14)]
    assert str(issues[0]) == f"line 1, column 1: {HEADING}"


def test_html_comments_are_lint_directives_not_output() -> None:
    from htpm.prose import parse, to_html, to_markdown, to_text

    text = "<!-- htpm-lint disable avoid-rescue -->\nFirst.\n\nSecond <!-- htpm-lint enable --> part."
    assert check_prose(text) == []
    prose = parse(text)
    assert "htpm-lint" not in to_html(prose) + to_text(prose) + to_markdown(prose)
    assert check_prose("<!-- note --> <b>x</b>") == [ProseIssue(0, 0, HTML)]
