"""A second language: content per locale merged over the config, dates formatted for the locale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.errors import HtpmError
from tests.conftest import WATER_SAFETY

SPANISH = """
translations:
  es-US:
    theme:
      name: Nademos seguros juntos
    goals: ["Enseñar a nadar a niños y adultos."]
"""


def _config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(WATER_SAFETY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_translation_overrides_content_and_formats_dates(tmp_path: Path) -> None:
    path = _config(tmp_path, SPANISH)
    english, spanish = load_campaign(path), load_campaign(path, locale="es-US")
    assert english.config.theme.name == "Swim Smart Together"
    assert spanish.config.theme.name == "Nademos seguros juntos"
    assert spanish.config.goals == ["Enseñar a nadar a niños y adultos."]
    assert spanish.config.hashtags == english.config.hashtags  # untranslated keys inherited
    assert spanish.language == "es"
    assert "mayo" in spanish.format_date(dt.date(2025, 5, 1))
    assert spanish.locate(("theme", "name")).line == english.locate(("translations",)).line + 2


def test_unknown_locale_and_non_content_keys_are_errors(tmp_path: Path) -> None:
    path = _config(tmp_path, SPANISH)
    with pytest.raises(HtpmError, match="no translation for locale fr-CA"):
        load_campaign(path, locale="fr-CA")
    bad = _config(tmp_path, "translations:\n  es-US:\n    branding: {}\n")
    with pytest.raises(HtpmError, match="not translatable"):
        load_campaign(bad, locale="es-US")
