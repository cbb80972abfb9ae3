"""Campaigns built from the water-safety config with a few changes, for the social tests."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from htpm.artifacts import BuildContext
from htpm.campaign import Campaign
from htpm.config import load_campaign

WATER_SAFETY = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"
BASE: dict[str, Any] = yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8"))

MakeCampaign = Callable[[Callable[[dict[str, Any]], None]], Campaign]

#: a build time before every posting time of the test configs (2025) and the bundled one (2023)
BEFORE = dt.datetime(2022, 12, 1, tzinfo=dt.UTC)
IMAGE_BASE = "https://cdn.example.org/kit/"


def context(now: dt.datetime = BEFORE) -> BuildContext:
    """A build context with the clock fixed, so no posting time is in the past."""
    return BuildContext(now=lambda: now)


@pytest.fixture
def make_campaign(tmp_path: Path) -> MakeCampaign:
    """`make_campaign(change)`: the water-safety config, with its graphics hosted at IMAGE_BASE
    (so Instagram rows have their image), after `change(config_dict)`, loaded."""

    def make(change: Callable[[dict[str, Any]], None] = lambda _c: None) -> Campaign:
        data = copy.deepcopy(BASE)
        data["social"]["image_base_url"] = IMAGE_BASE
        change(data)
        path = tmp_path / "campaign.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_campaign(path)

    return make
