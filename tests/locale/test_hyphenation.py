"""Spanish runs longer than English: a word wider than its box is hyphenated from pyphen's shipped
dictionary for the campaign's language, and only when no size fits it whole."""

from __future__ import annotations

import pytest

from htpm.graphics.fonts import missing_characters
from htpm.graphics.text import DoesNotFit, fit, text_width
from htpm.paths import brand_assets_dir

FONT = str(brand_assets_dir() / "fonts" / "NotoSansDisplay-Bold.ttf")
WORD = "Concientización"


def test_a_word_too_wide_is_hyphenated_in_its_language() -> None:
    width = text_width(WORD, FONT, 60) * 0.6
    with pytest.raises(DoesNotFit, match="wider than the box"):
        fit(f"Mes de {WORD}", FONT, (width, 400), (60, 80), 4)
    fitted = fit(f"Mes de {WORD}", FONT, (width, 400), (60, 80), 4, language="es-US")
    assert all(w <= width for w in fitted.widths)
    broken = [line for line in fitted.lines if line.endswith("-")]
    assert broken, fitted.lines
    # the pieces put back together are the word: hyphens only where a line ends
    assert "".join(line[:-1] if line.endswith("-") else line + " " for line in fitted.lines).strip() == (
        f"Mes de {WORD}"
    )
    assert fitted.lines[0].startswith("Mes de") or fitted.lines[0] == "Mes"


def test_a_word_that_fits_at_some_size_is_shrunk_not_hyphenated() -> None:
    width = text_width(WORD, FONT, 70)
    fitted = fit(WORD, FONT, (width, 400), (40, 90), 2, language="es-US")
    assert fitted.lines == (WORD,) and fitted.size <= 70


def test_no_dictionary_no_hyphenation_and_every_spanish_glyph_is_in_the_font() -> None:
    width = text_width(WORD, FONT, 60) * 0.6
    with pytest.raises(DoesNotFit):
        fit(WORD, FONT, (width, 400), (60, 80), 4, language="xx")
    assert missing_characters("áéíóúüñÁÉÍÓÚÜÑ¿¡«»", FONT) == []
