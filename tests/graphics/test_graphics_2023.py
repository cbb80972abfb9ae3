"""The bundled 2023 campaign: at least four sizes per focus week, none blank, none a copy."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from htpm.artifacts import Artifact
from htpm.config import load_campaign
from htpm.graphics import render_graphics

CONFIG = Path(__file__).resolve().parents[2] / "campaign_configs" / "2023.yaml"


@pytest.fixture(scope="module")
def artifacts() -> dict[str, bytes]:
    found: list[Artifact] = render_graphics(load_campaign(CONFIG))
    return {a.path: a.data for a in found}


def test_four_sizes_per_focus_week_each_with_alt_text(artifacts: dict[str, bytes]) -> None:
    campaign = load_campaign(CONFIG)
    for week in campaign.weeks:
        pngs = [p for p in artifacts if p.endswith(f"/week-week{week.number}.png")]
        assert len(pngs) >= 4
        for png in pngs:
            alt = artifacts[png.removesuffix(".png") + ".alt.txt"].decode()
            assert week.week.title in alt
            assert "#Partner2Prevent" in alt and "Logo: U.S. Department of Health and Human Services." in alt
            assert 100 < len(alt) <= 1000


def test_none_blank_and_none_a_copy(artifacts: dict[str, bytes]) -> None:
    pngs = {p: d for p, d in artifacts.items() if p.endswith(".png")}
    # four sizes x (four weeks, theme, hotline), meeting backgrounds (four weeks, theme), two banners
    assert len(pngs) == 4 * (4 + 2) + (4 + 1) + 2
    assert len({hashlib.sha256(d).hexdigest() for d in pngs.values()}) == len(pngs)
    for path, data in pngs.items():
        image = Image.open(io.BytesIO(data)).convert("L")
        spread = ImageStat.Stat(image).stddev[0]
        # meeting backgrounds keep their middle and right clear for the speaker: flatter by design
        assert spread > (20 if "/meeting_background/" in path else 30), f"{path} looks blank ({spread:.1f})"
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 50, f"{path} has almost no colours"


def test_hotline_graphic_carries_the_numbers(artifacts: dict[str, bytes]) -> None:
    alt = artifacts["graphics/instagram_square/hotline.alt.txt"].decode()
    for text in (
        "National Human Trafficking Hotline",
        "1-888-373-7888",
        "233733 (BEFREE)",
        "humantraffickinghotline.org",
    ):
        assert text in alt


def test_contact_sheet_shows_every_graphic(artifacts: dict[str, bytes]) -> None:
    sheet = artifacts["graphics/index.html"].decode()
    pngs = [p for p in artifacts if p.endswith(".png")]
    assert sheet.count("<img ") == len(pngs)
    for png in pngs:
        assert f'src="{png.removeprefix("graphics/")}"' in sheet
    assert '<html lang="en-US">' in sheet
