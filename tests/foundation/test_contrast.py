"""One WCAG 2.x contrast for every output."""

from __future__ import annotations

import pytest

from htpm.contrast import (
    LARGE_TEXT,
    NORMAL_TEXT,
    contrast_ratio,
    parse_hex,
    relative_luminance,
    required_contrast,
)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#FFFFFF", 4.48),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#FF0000", "#FFFFFF", 4.0),
    ],
)
def test_known_pairs(a: str, b: str, ratio: float) -> None:
    assert round(contrast_ratio(a, b), 2) == ratio
    assert contrast_ratio(b, a) == contrast_ratio(a, b)
    assert contrast_ratio(parse_hex(a), parse_hex(b)) == contrast_ratio(a, b)


def test_the_linear_threshold_is_wcag_2() -> None:
    # 0.04045 * 255 = 10.3: channel 10 is on the linear part, 11 on the curve
    assert relative_luminance((10, 10, 10)) == pytest.approx(10 / 255 / 12.92)
    assert relative_luminance((11, 11, 11)) == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)


def test_thresholds() -> None:
    assert (NORMAL_TEXT, LARGE_TEXT) == (4.5, 3.0)
    assert required_contrast(23.9, bold=False) == 4.5
    assert required_contrast(24, bold=False) == 3.0
    assert required_contrast(18.66, bold=True) == 3.0
    assert required_contrast(18.6, bold=True) == 4.5


def test_bad_hex() -> None:
    with pytest.raises(ValueError, match="'teal' is not a colour"):
        parse_hex("teal")
