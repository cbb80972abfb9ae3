"""The whole kit in Spanish, built from the command line: no English fixed word in any output a
Spanish reader gets, and every output says it is es-US (w:lang, HTML lang, calendar LANGUAGE)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PIL import Image

from htpm.config import load_campaign
from tests.conftest import ROOT
from tests.locale.spanish_outputs import (
    build_locale,
    calendar_text,
    docx_text,
    english_fragments,
    english_words_in,
    html_text,
)

CONFIG = ROOT / "tests" / "data" / "bike-safety" / "config.yaml"  # the integrator may point this at 2023
LOCALE = "es-US"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = build_locale(CONFIG, out, LOCALE)
    assert f"{out / LOCALE}: " in done.stdout and f"({LOCALE})" in done.stdout
    assert not (out / "toolkit.docx").exists()  # only the locale asked for, in its own folder
    return out / LOCALE


def _texts(kit: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in ("toolkit.docx", "proclamation/proclamation.docx"):
        texts[name], langs = docx_text(kit / name)
        assert langs == {LOCALE}, (name, langs)
    for name in ("copy/newsletter.html", "copy/website.html", "graphics/index.html"):
        texts[name], lang = html_text(kit / name)
        assert lang == LOCALE, (name, lang)
    for name in ("copy/newsletter.txt", "copy/website.md", "social/posts.md", "proclamation/proclamation.md"):
        texts[name] = (kit / name).read_text(encoding="utf-8")
    texts["calendar.ics"], langs = calendar_text(kit / "calendar.ics")
    assert langs == {LOCALE}
    alts = sorted(kit.glob("graphics/*/*.alt.txt"))
    assert alts
    texts["graphics alt text"] = "\n".join(p.read_text(encoding="utf-8") for p in alts)
    posts = json.loads((kit / "social" / "posts.json").read_text(encoding="utf-8"))
    texts["social/posts.json"] = "\n".join(_values(posts))  # its keys are for programs, not people
    return texts


def _values(data: object) -> list[str]:
    if isinstance(data, dict):
        return [v for item in data.values() for v in _values(item)]
    if isinstance(data, list):
        return [v for item in data for v in _values(item)]
    return [data] if isinstance(data, str) else []


def test_no_english_fixed_word_in_any_spanish_output(kit: Path) -> None:
    fragments = english_fragments("es")
    assert "Table of Contents" in fragments and "Week" in fragments  # the check has teeth
    found = {name: english_words_in(text, fragments) for name, text in _texts(kit).items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_spanish_dates_and_words(kit: Path) -> None:
    toolkit, _ = docx_text(kit / "toolkit.docx")
    assert "1 al 7 de marzo de 2026" in toolkit and "29 al 31 de marzo de 2026" in toolkit
    assert "Semana 5" in toolkit and "Índice" in toolkit and "14 de marzo" in toolkit
    posts = (kit / "social" / "posts.md").read_text(encoding="utf-8")
    assert "(del 29 al 31 de marzo de 2026)" in posts
    assert "Marzo es el Mes de la Seguridad" in toolkit  # {month} at a sentence start: capitalised
    spanish = load_campaign(CONFIG, LOCALE)
    assert spanish.date_range(dt.date(2023, 4, 29), dt.date(2023, 4, 30), in_text=True, year=False) == (
        "del 29 al 30 de abril"
    )


def test_spanish_graphics_fit_and_are_described_in_spanish(kit: Path) -> None:
    alt = (kit / "graphics" / "instagram_square" / "week-week3.alt.txt").read_text(encoding="utf-8")
    assert alt.startswith(
        "Gráfico para redes sociales (Mes de la Seguridad en Bicicleta 2026), semana 3 de 5"
    )
    assert "Rutas seguras a la escuela" in alt
    with Image.open(kit / "graphics" / "instagram_square" / "week-week3.png") as image:
        assert image.size == (1080, 1080)
