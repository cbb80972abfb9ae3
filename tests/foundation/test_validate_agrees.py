"""The check and the work agree (STYLE 15): every config in the broken-config corpus, and the good
ones beside it, fails `htpm validate` exactly when it fails `htpm build`."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.build import build
from htpm.errors import HtpmError
from htpm.validation import validate_config
from tests.conftest import CONFIG_2023, ROOT, WATER_SAFETY
from tests.foundation.test_config_errors import BASE, CASES, _write

GOOD: dict[str, dict[str, str | bytes]] = {
    "water-safety": {"config.yaml": BASE},
    "template-override-that-works": {
        "config.yaml": BASE,
        "copy/website.md.j2": "# {{ observance }}\n\n{{ body_md }}\n",
    },
    "overlay-of-bundled": {
        "config.yaml": "extends: htpm:2023\norganization:\n  name: Pine County Human Services\n"
    },
}


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice only numbers the contents and makes PDFs: it cannot make a config fail."""
    monkeypatch.setattr("htpm.generators.toolkit.soffice_available", lambda: False)


def _outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str | bytes]
) -> tuple[bool, bool]:
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    validated = validate_config(Path("config.yaml")).ok
    try:
        build(Path("config.yaml"), tmp_path / "dist")
    except HtpmError:
        built = False
    else:
        built = True
    return validated, built


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_config_fails_both(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _outcomes(tmp_path, monkeypatch, CASES[name]) == (False, False)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_good_config_passes_both(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _outcomes(tmp_path, monkeypatch, GOOD[name]) == (True, True)


@pytest.mark.parametrize("config", [CONFIG_2023, ROOT / "campaign_configs" / "wa-2027.yaml", WATER_SAFETY])
def test_the_bundled_configs_validate(config: Path) -> None:
    result = validate_config(config)
    assert result.ok, "\n".join(map(str, result.problems))
