"""The translator's workflow: export a locale as PO, edit it in a translation tool, import it back."""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from htpm.config import load_campaign
from htpm.copyfields import iter_copy
from htpm.errors import ConfigError
from htpm.translations import coverage, export_po
from htpm.translations_import import import_po
from tests.conftest import ROOT

SOURCE = ROOT / "tests" / "data" / "bike-safety" / "config.yaml"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    target = tmp_path / "config.yaml"
    shutil.copy(SOURCE, target)
    return target


def _strings(path: Path, locale: str) -> dict[tuple[str | int, ...], str]:
    return {p: t for p, t, _ in iter_copy(load_campaign(path, locale).config)}


def _edit(po: bytes, edits: dict[str, str]) -> bytes:
    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.context in edits:
            message.string = edits[message.context]
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def test_po_file_has_the_headers_translation_tools_need(config: Path) -> None:
    catalog = read_po(io.BytesIO(export_po(config, "es-US")))
    assert str(catalog.locale) == "es_US" and catalog.charset == "utf-8"
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == "es_US" and headers["Plural-Forms"].startswith("nplurals=")
    assert "charset=utf-8" in headers["Content-Type"]
    messages = [m for m in catalog if m.id]
    keys = [m.context for m in messages]
    assert len(keys) == len(set(keys))  # one entry per string, kept apart by its dotted key
    by_key = {m.context: m for m in messages}
    goal = by_key["goals.0"]
    assert goal.id == "To help every rider use a front light and a rear light."
    assert goal.string == "Ayudar a que cada ciclista use una luz delantera y una luz trasera."
    assert goal.locations == [(str(config), 22)]  # its line in the config
    assert by_key["introduction"].id.startswith("{month} is Bike Safety Month")  # slots as written
    assert not any(m.fuzzy for m in messages)


def test_round_trip_changes_exactly_the_edited_strings(config: Path) -> None:
    before_text = config.read_text(encoding="utf-8")
    before = _strings(config, "es-US")
    po = export_po(config, "es-US")
    edited = _edit(
        po, {"goals.1": "Trazar rutas seguras a todas las escuelas.", "weeks.3.title": "Compartan la calle"}
    )
    po_file = config.with_name("es.po")
    po_file.write_bytes(edited)
    done = subprocess.run(
        [sys.executable, "-m", "htpm", "translations", "import", str(po_file), str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "2 string(s) changed" in done.stdout
    after = _strings(config, "es-US")
    changed = {p for p in before if before[p] != after.get(p)}
    assert changed == {("goals", 1), ("weeks", 3, "title")}
    assert after[("goals", 1)] == "Trazar rutas seguras a todas las escuelas."
    assert _strings(config, "en-US") == _strings(SOURCE, "en-US")  # the English is untouched
    diff = [
        line
        for line in difflib.unified_diff(
            before_text.splitlines(), config.read_text(encoding="utf-8").splitlines(), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = [line for line in diff if line.startswith("-")]
    assert len(removed) == 2 and all("Trazar rutas" in r or "Compartamos la calle" in r for r in removed)
    added = [line for line in diff if line.startswith("+")]
    assert any("Compartan la calle" in a for a in added) and any("source_hashes" in a for a in added)
    assert "# A small two-language campaign" in config.read_text(encoding="utf-8")  # comments kept
    # exporting again gives back the import: nothing fuzzy, the two strings as edited
    again = {m.context: m for m in read_po(io.BytesIO(export_po(config, "es-US"))) if m.id}
    assert again["weeks.3.title"].string == "Compartan la calle" and not again["weeks.3.title"].fuzzy


def test_changed_english_marks_the_translation_fuzzy(config: Path) -> None:
    po = export_po(config, "es-US")
    po_file = config.with_name("es.po")
    po_file.write_bytes(_edit(po, {"theme.tagline": "Que lo vean y pedalee seguro."}))
    import_po(po_file, config)
    text = config.read_text(encoding="utf-8").replace(
        "tagline: Be seen, ride safe.", "tagline: Be seen, be safe."
    )
    config.write_text(text, encoding="utf-8")
    messages = {m.context: m for m in read_po(io.BytesIO(export_po(config, "es-US"))) if m.id}
    assert (
        messages["theme.tagline"].fuzzy
        and messages["theme.tagline"].string == "Que lo vean y pedalee seguro."
    )
    assert not messages["theme.name"].fuzzy
    # a fuzzy entry is not imported until the translator confirms it
    po_file.write_bytes(export_po(config, "es-US"))
    assert import_po(po_file, config).changed == []


def test_an_import_that_would_break_the_config_changes_nothing(config: Path) -> None:
    original = config.read_bytes()
    po_file = config.with_name("es.po")
    po_file.write_bytes(_edit(export_po(config, "es-US"), {"introduction": "Vea la nota.[^9]"}))
    with pytest.raises(ConfigError, match="no endnote with id '9'"):
        import_po(po_file, config)
    assert config.read_bytes() == original
    po_file.write_bytes(export_po(config, "es-US").replace(b'msgctxt "goals.0"', b'msgctxt "goals.7"'))
    with pytest.raises(ConfigError, match="goals.7: no such translatable key"):
        import_po(po_file, config)


def test_coverage_names_the_strings_that_fall_back(config: Path) -> None:
    text = config.read_text(encoding="utf-8").replace(
        "      call_to_action: Reciba una luz gratis para su bicicleta\n", ""
    )
    config.write_text(text, encoding="utf-8")
    found = coverage(config, "es-US", "en-US")
    assert [e.key for e in found.fallbacks] == ["theme.call_to_action"]
    assert found.translated == found.total - 1
    assert "1 fall back to en-US (theme.call_to_action)" in found.summary()


def test_validate_strict_makes_a_fallback_an_error(config: Path) -> None:
    from htpm.validation import validate_config

    text = config.read_text(encoding="utf-8").replace("      tagline: Que lo vean, pedalee seguro.\n", "")
    config.write_text(text, encoding="utf-8")
    assert validate_config(config, lint=False).ok
    strict = validate_config(config, lint=False, strict=True)
    assert [p.key for p in strict.problems] == ["translations.es-US.theme.tagline"]
    assert strict.problems[0].location.line == 16  # the English it falls back to
