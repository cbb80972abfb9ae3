"""Campaigns for the graphics tests: the water-safety config (nothing about one topic in code),
copied into a temporary folder so a test can add layouts, photos and logos beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from graphics_helpers import WATER, MakeCampaign, merge

from htpm.campaign import Campaign
from htpm.config import load_campaign


@pytest.fixture
def make_campaign(tmp_path: Path) -> MakeCampaign:
    """make_campaign(config={...overrides}, files={"graphics/x.yaml": "...", "photo.png": b"..."})"""

    def make(config: dict[str, Any] | None = None, files: dict[str, str | bytes] | None = None) -> Campaign:
        data = merge(yaml.safe_load(WATER.read_text(encoding="utf-8")), config or {})
        for name, content in (files or {}).items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        path = tmp_path / "config.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return load_campaign(path)

    return make
