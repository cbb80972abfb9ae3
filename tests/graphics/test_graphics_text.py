"""Text fitting and balanced line breaking."""

from __future__ import annotations

import pytest

from htpm.graphics.text import DoesNotFit, balance, fit, text_width, tokens
from htpm.paths import brand_assets_dir

BOLD = str(brand_assets_dir() / "fonts" / "NotoSans-Bold.ttf")


def test_short_text_takes_the_largest_size() -> None:
    fitted = fit("Swim", BOLD, (900, 400), (40, 120), 3)
    assert fitted.size == 120
    assert fitted.lines == ("Swim",)


def test_long_text_shrinks_and_stays_inside_the_box() -> None:
    short = fit("Swim Smart", BOLD, (900, 400), (30, 120), 3)
    long = fit(
        "Swim Smart Together with every family at every lake this summer", BOLD, (900, 400), (30, 120), 3
    )
    assert long.size < short.size
    assert len(long.lines) <= 3
    assert max(long.widths) <= 900
    assert long.height <= 400
    # one size larger no longer fits: it really is the largest
    with pytest.raises(DoesNotFit):
        fit(" ".join(long.lines), BOLD, (900, 400), (long.size + 1, long.size + 1), 3)


def test_every_word_is_kept_in_order() -> None:
    text = "Learn to swim, wear a life jacket and name a water watcher"
    fitted = fit(text, BOLD, (700, 500), (20, 100), 4)
    assert " ".join(fitted.lines) == text


def test_impossible_text_fails_with_the_reason() -> None:
    with pytest.raises(DoesNotFit, match="needs .* lines at 40 px and the box allows 1"):
        fit("A sentence far too long for one short line at this size", BOLD, (300, 400), (40, 60), 1)
    with pytest.raises(DoesNotFit, match="wider than the box"):
        fit("Incomprehensibilities", BOLD, (200, 400), (40, 60), 3)
    with pytest.raises(DoesNotFit, match="tall and the box is 50 px"):
        fit("One two three four", BOLD, (200, 50), (40, 60), 4)


def test_lines_are_balanced_not_greedy() -> None:
    # greedy filling would leave "jacket." alone on the last line
    words = tokens("Wear a life jacket on every boat, every time, every jacket.")
    lines = balance(words, 2, lambda s: float(len(s)), 40)
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 8


def test_no_lone_last_word_when_another_break_exists() -> None:
    words = tokens("Name a water watcher today")
    lines = balance(words, 2, lambda s: float(len(s)), 30)
    assert len(lines[-1].split()) >= 2
    fitted = fit("Borrow a life jacket at every county lake for free", BOLD, (620, 600), (30, 90), 4)
    assert len(fitted.lines[-1].split()) >= 2


def test_a_slash_is_a_break_opportunity_and_newlines_force_breaks() -> None:
    fitted = fit("General Audiences/Foundational Resources", BOLD, (700, 600), (40, 90), 3)
    assert fitted.lines[0].endswith("/")
    joined = fitted.lines[0]
    for line in fitted.lines[1:]:
        joined += line if joined.endswith("/") else " " + line
    assert joined == "General Audiences/Foundational Resources"
    two = fit("Swim\nSmart", BOLD, (900, 400), (40, 120), 3)
    assert two.lines == ("Swim", "Smart")


def test_tracking_widens_a_line() -> None:
    assert text_width("WEEK", BOLD, 40, 0.1) == pytest.approx(
        text_width("WEEK", BOLD, 40) + 0.1 * 40 * 3, abs=1
    )
