"""Shared fixtures: the small non-trafficking campaign, and the --update-golden switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.campaign import Campaign
from htpm.config import load_campaign

ROOT = Path(__file__).resolve().parent.parent
WATER_SAFETY = ROOT / "tests" / "data" / "water-safety" / "config.yaml"
CONFIG_2023 = ROOT / "campaign_configs" / "2023.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def water_safety() -> Campaign:
    return load_campaign(WATER_SAFETY)


@pytest.fixture(scope="session")
def campaign_2023() -> Campaign:
    return load_campaign(CONFIG_2023)
