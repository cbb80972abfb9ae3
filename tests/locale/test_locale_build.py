"""Each locale is built into its own folder and owns it: the primary at the root, each translation
in DIR/<locale>/, pruning and conflicts never crossing locales, calendar UIDs distinct."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from htpm.build import build
from htpm.cli import run
from htpm.errors import UsageError
from htpm.outputs import MANIFEST
from tests.conftest import ROOT

CONFIG = ROOT / "tests" / "data" / "bike-safety" / "config.yaml"


def _uids(path: Path) -> set[str]:
    return {str(e.get("uid")) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_every_locale_in_its_own_folder_with_its_own_manifest(tmp_path: Path) -> None:
    result = build(CONFIG, tmp_path, only=["calendar"], lint=False)
    assert [r.campaign.locale for r in result.locales] == ["en-US", "es-US"]
    assert [r.out_dir for r in result.locales] == [tmp_path, tmp_path / "es-US"]
    root, spanish = tmp_path / "calendar.ics", tmp_path / "es-US" / "calendar.ics"
    assert "Semana 1: Luces encendidas" in spanish.read_text(encoding="utf-8")
    assert "Week 1: Lights On" in root.read_text(encoding="utf-8")
    assert not _uids(root) & _uids(spanish) and len(_uids(spanish)) == len(_uids(root))
    assert (tmp_path / MANIFEST).read_text().count("es-US") == 0  # the root does not own es-US/
    assert "calendar.ics" in (tmp_path / "es-US" / MANIFEST).read_text()


def test_building_one_locale_never_prunes_or_touches_another(tmp_path: Path) -> None:
    build(CONFIG, tmp_path, only=["calendar"], lint=False)
    spanish = tmp_path / "es-US" / "calendar.ics"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # edited by hand
    edited = spanish.read_bytes()
    english = build(CONFIG, tmp_path, lint=False, only=["calendar"], locale="en-US")
    assert [r.campaign.locale for r in english.locales] == ["en-US"]
    assert english.report.removed == [] and english.report.conflicts == []
    assert spanish.read_bytes() == edited
    again = build(CONFIG, tmp_path, lint=False, only=["calendar"], locale="es-US")
    assert again.report.conflicts == ["calendar.ics"] and spanish.read_bytes() == edited
    assert build(CONFIG, tmp_path, lint=False, only=["calendar"]).report.conflicts == []  # the root's own


def test_an_unknown_locale_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="no locale fr-CA .*en-US, es-US"):
        build(CONFIG, tmp_path, locale="fr-CA")
    assert run(["build", str(CONFIG), "-o", str(tmp_path), "--locale", "fr-CA"]) == 2
    assert "--locale: the config has no locale fr-CA" in capsys.readouterr().err
