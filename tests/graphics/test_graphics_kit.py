"""Meeting backgrounds and banners: layouts with their own sizes, drawn whatever graphics.sizes lists."""

from __future__ import annotations

import io

import pytest
from graphics_helpers import MakeCampaign, simple_layout
from PIL import Image

from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.generators import graphics as graphics_generator
from htpm.graphics import render as r
from htpm.graphics import render_graphics
from htpm.graphics.plan import plan

MEETING_WIDTH = 1920
LEFT_THIRD = MEETING_WIDTH // 3


def _kit(campaign: Campaign) -> dict[str, bytes]:
    return {
        a.path: a.data
        for a in render_graphics(campaign, sizes=["meeting_background", "email_header", "web_banner"])
    }


def test_one_meeting_background_per_week_and_one_for_the_theme(campaign_2023: Campaign) -> None:
    files = _kit(campaign_2023)
    backgrounds = sorted(
        p for p in files if p.startswith("graphics/meeting_background/") and p.endswith(".png")
    )
    assert backgrounds == [
        "graphics/meeting_background/meeting-theme.png",
        *(f"graphics/meeting_background/meeting-week{w.number}.png" for w in campaign_2023.weeks),
    ]
    for path in backgrounds:
        with Image.open(io.BytesIO(files[path])) as im:
            assert im.size == (1920, 1080)
        alt = files[path[: -len(".png")] + ".alt.txt"].decode()
        assert "virtual meeting background" in alt and "U.S. Department of Health and Human Services" in alt
    assert (
        "General Audiences/Foundational Resources"
        in files["graphics/meeting_background/meeting-week1.alt.txt"].decode()
    )


def test_meeting_text_and_logo_keep_to_the_left_third(
    campaign_2023: Campaign, water_safety: Campaign
) -> None:
    """The speaker sits in the middle: nothing to read there, nor on the right (docs/graphics.md)."""
    for campaign in (campaign_2023, water_safety):
        jobs = [
            j
            for j in plan(campaign)
            if j.scene.size == "meeting_background" and j.graphics[0].layout.startswith("meeting")
        ]
        assert len(jobs) == 2
        for job in jobs:
            readable = [op for op in job.scene.ops if isinstance(op, r.TextBox | r.Logo)]
            assert readable
            for op in readable:
                left, _top, width, _height = op.box
                assert left + width <= LEFT_THIRD, (job.graphics[0].path, op)


def test_banners_at_the_newsletter_width_and_for_the_web(water_safety: Campaign) -> None:
    files = _kit(water_safety)
    for path, size in (
        ("graphics/email_header/banner.png", (1200, 300)),
        ("graphics/web_banner/banner.png", (1920, 480)),
    ):
        with Image.open(io.BytesIO(files[path])) as im:
            assert im.size == size
        alt = files[path.replace(".png", ".alt.txt")].decode()
        assert "Swim Smart Together" in alt and "Lakeside County Parks & Recreation" in alt


def test_the_kit_is_drawn_whatever_sizes_the_config_lists(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x"]}})
    sizes = {g.size for job in plan(campaign) for g in job.graphics}
    assert sizes == {"x", "meeting_background", "email_header", "web_banner"}


def test_a_layout_s_own_sizes_are_checked(make_campaign: MakeCampaign) -> None:
    layout = simple_layout().replace("per: campaign", "per: campaign\nsizes: [instagram_square, poster]")
    campaign = make_campaign({"graphics": {"layouts": ["test"]}}, {"graphics/test.yaml": layout})
    with pytest.raises(HtpmError, match=r"test\.yaml:\d+:\d+: layout test: unknown size 'poster'"):
        plan(campaign)
    layout = simple_layout().replace("per: campaign", "per: campaign\nsizes: [story]")
    campaign = make_campaign({"graphics": {"layouts": ["test"]}}, {"graphics/test.yaml": layout})
    with pytest.raises(
        HtpmError, match="layout test: size story needs aspect 'story', which the canvas lacks"
    ):
        plan(campaign)
    assert graphics_generator.check(campaign)  # validate finds it too


def test_a_palette_that_fails_the_meeting_background_s_contrast_is_found_by_validate(
    make_campaign: MakeCampaign,
) -> None:
    campaign = make_campaign(
        {
            "branding": {"palette": {"primary": "#F0F0F0", "secondary": "#FFFFFF", "accent": "#FFFF00"}},
            "graphics": {"layouts": ["meeting", "banner"]},
        }
    )
    problems = graphics_generator.dry_run(campaign)
    assert problems and all("branding.palette" in p.key for p in problems), problems
    assert any("meeting" in p.message for p in problems)
