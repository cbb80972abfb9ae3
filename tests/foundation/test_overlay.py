"""Overlays: mappings merge, lists replace, `key+` appends, null removes; locations follow the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.errors import HtpmError
from tests.conftest import WATER_SAFETY

BASE = WATER_SAFETY.read_text(encoding="utf-8")


@pytest.fixture
def national(tmp_path: Path) -> Path:
    (tmp_path / "national.yaml").write_text(BASE, encoding="utf-8")
    return tmp_path


def overlay(folder: Path, text: str) -> Path:
    path = folder / "county.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_mappings_merge_key_by_key(national: Path) -> None:
    c = load_campaign(overlay(national, "extends: national.yaml\norganization:\n  name: Pine County\n"))
    assert c.config.organization.name == "Pine County"
    assert c.config.organization.short_name == "LCPR"  # inherited sibling key
    assert c.config.theme.name == "Swim Smart Together"


def test_lists_replace(national: Path) -> None:
    c = load_campaign(overlay(national, 'extends: national.yaml\ngoals: ["Only one goal."]\n'))
    assert c.config.goals == ["Only one goal."]


def test_plus_appends(national: Path) -> None:
    text = (
        "extends: national.yaml\nresources+:\n  - name: Local\n    resources:\n"
        "      - {type: Web page, title: Pine pools, url: 'https://pine.example.org'}\n"
    )
    c = load_campaign(overlay(national, text))
    assert [cat.name for cat in c.config.resources] == ["Lessons", "Local"]


def test_null_removes_back_to_default(national: Path) -> None:
    c = load_campaign(overlay(national, "extends: national.yaml\nhotline: null\n"))
    assert c.config.hotline is None


def test_values_located_in_the_file_that_set_them(national: Path) -> None:
    c = load_campaign(overlay(national, "extends: national.yaml\n\ntheme:\n  name: Pine Swims\n"))
    assert c.locate(("theme", "name")).file.endswith("county.yaml")
    assert c.locate(("theme", "name")).line == 4
    assert c.locate(("goals", 0)).file.endswith("national.yaml")


def test_parent_outside_the_overlay_folder_is_refused(national: Path) -> None:
    sub = national / "pine"
    sub.mkdir()
    path = sub / "pine.yaml"
    (national / "shared.yaml").write_text(BASE, encoding="utf-8")
    path.write_text("extends: ../shared.yaml\n", encoding="utf-8")
    with pytest.raises(HtpmError, match="outside"):
        load_campaign(path)  # a parent must lie inside the overlay's folder, or be bundled


def test_bundled_parent(tmp_path: Path) -> None:
    path = overlay(tmp_path, "extends: htpm:2023\norganization:\n  name: Pine County Coalition\n")
    c = load_campaign(path)
    assert c.config.organization.name == "Pine County Coalition"
    assert c.config_dirs[0] == tmp_path.resolve()
    assert len(c.config_dirs) == 2


def test_overlay_of_overlay(national: Path) -> None:
    (national / "state.yaml").write_text("extends: national.yaml\ntheme:\n  tagline: State line\n")
    c = load_campaign(overlay(national, "extends: state.yaml\ntheme:\n  name: County\n"))
    assert (c.config.theme.name, c.config.theme.tagline) == ("County", "State line")
