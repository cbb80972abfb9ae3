"""Campaigns built from the water-safety config with a few changes, for the social tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from htpm.campaign import Campaign
from htpm.config import load_campaign

WATER_SAFETY = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"
BASE: dict[str, Any] = yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8"))

MakeCampaign = Callable[[Callable[[dict[str, Any]], None]], Campaign]


@pytest.fixture
def make_campaign(tmp_path: Path) -> MakeCampaign:
    """`make_campaign(change)`: the water-safety config after `change(config_dict)`, loaded."""

    def make(change: Callable[[dict[str, Any]], None] = lambda _c: None) -> Campaign:
        data = copy.deepcopy(BASE)
        change(data)
        path = tmp_path / "campaign.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_campaign(path)

    return make
