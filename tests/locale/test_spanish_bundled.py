"""The bundled 2023 campaign in Spanish, built from the command line: no English fixed word in any
output a Spanish reader gets, the deck and the site included, and every output says es-US."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from htpm.config import load_campaign
from tests.conftest import ROOT
from tests.locale.spanish_outputs import (
    build_locale,
    docx_text,
    english_fragments,
    english_words_in,
    html_text,
)
from tests.locale.test_spanish_kit import _texts

CONFIG = ROOT / "campaign_configs" / "2023.yaml"
LOCALE = "es-US"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build_locale(CONFIG, out, LOCALE)
    return out / LOCALE


def _deck_text(path: Path) -> tuple[str, set[str]]:
    deck = Presentation(str(path))
    texts: list[str] = []
    langs: set[str] = set()
    for slide in deck.slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            texts.append(frame.text)
            for paragraph in frame.paragraphs:
                langs.update(r.font._rPr.get("lang") for r in paragraph.runs if r.font._rPr is not None)
    return "\n".join(texts), langs - {None}


def test_no_english_fixed_word_in_the_bundled_spanish_kit(kit: Path) -> None:
    texts = _texts(kit)
    texts["slides/presentation.pptx"], langs = _deck_text(kit / "slides" / "presentation.pptx")
    assert langs == {LOCALE}
    pages = sorted((kit / "site").glob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        texts[f"site/{page.name}"], lang = html_text(page)
        assert lang == LOCALE, page.name
    # a fixed word is a label: English the Spanish content itself gives (a resource's English title
    # marked "(en inglés)", names such as "SOAR Online") is content, not a fixed word
    content = " ".join(_strings(load_campaign(CONFIG, LOCALE).config.model_dump(mode="json")))
    fragments = {piece: key for piece, key in english_fragments("es").items() if piece not in content}
    found = {name: english_words_in(text, fragments) for name, text in texts.items()}
    assert {name: words for name, words in found.items() if words} == {}


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return [data] if isinstance(data, str) else []


def test_bundled_spanish_reads_as_spanish(kit: Path) -> None:
    toolkit, _ = docx_text(kit / "toolkit.docx")
    assert "1 al 7 de enero de 2023" in toolkit and "Semana 4" in toolkit and "Índice" in toolkit
    assert "Gráficos de muestra" in toolkit and "Contenido de muestra" in toolkit
    assert "Victim" not in toolkit and "víctimas" not in toolkit.replace("Víctimas del Delito", "")
