"""The set as a whole, on the water-safety campaign: sizes, checks, alt text, determinism."""

from __future__ import annotations

import re

import pytest
from graphics_helpers import MakeCampaign, by_path, jpeg_bytes, open_png, png_bytes, simple_layout
from PIL import Image, ImageChops, ImageDraw

from htpm.errors import HtpmError
from htpm.graphics import render_graphics

ALL_SIZES = {
    "instagram_square": (1080, 1080),
    "instagram_portrait": (1080, 1350),
    "story": (1080, 1920),
    "x": (1200, 675),
    "facebook": (1200, 630),
    "linkedin": (1200, 627),
    "meeting_background": (1920, 1080),
}


def test_every_size_has_its_dimensions_and_its_own_layout(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": list(ALL_SIZES), "layouts": ["theme"]}})
    files = by_path(render_graphics(campaign))
    for name, size in ALL_SIZES.items():
        image = open_png(files[f"graphics/{name}/theme.png"])
        assert image.size == size
        assert image.mode == "RGB"
    # X and Facebook share the landscape layout; the square is laid out on its own, not scaled
    square = open_png(files["graphics/instagram_square/theme.png"]).resize((120, 120))
    portrait = open_png(files["graphics/instagram_portrait/theme.png"]).resize((120, 120))
    assert ImageChops.difference(square, portrait).getbbox() is not None


def test_one_graphic_per_week_per_size_and_the_campaign_wide_ones(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x", "instagram_square"]}})
    paths = {a.path for a in render_graphics(campaign)}
    for size in ("x", "instagram_square"):
        for week in range(1, 6):
            assert f"graphics/{size}/week-week{week}.png" in paths
            assert f"graphics/{size}/week-week{week}.alt.txt" in paths
        assert f"graphics/{size}/theme.png" in paths
        assert f"graphics/{size}/hotline.png" in paths
    assert "graphics/index.html" in paths
    # and, whatever the sizes, meeting backgrounds (five weeks, theme) and two banners
    assert len(paths) == 2 * 7 * 2 + 2 * (5 + 1 + 2) + 1


def test_alt_text_carries_every_text_on_the_image(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["instagram_square"]}})
    files = by_path(render_graphics(campaign))
    alt = files["graphics/instagram_square/week-week2.alt.txt"].decode()
    for text in (
        "National Water Safety Month",
        "Week 2",
        "May 8",
        "Life Jackets",
        "Swim Smart Together",
        "#SwimSmart",
    ):
        assert text in alt
    assert "Logo:" not in alt  # the water-safety config has no logo
    assert len(alt) <= 1000
    hotline = files["graphics/instagram_square/hotline.alt.txt"].decode()
    assert "555-0100" in hotline and "parks.example.org/safety-line" in hotline
    assert "Text" not in hotline.split("Text on the image:")[1]  # no text line: its label is left out
    # the case as written, not the capitals drawn
    assert "NATIONAL WATER SAFETY MONTH" not in alt


def test_alt_text_names_the_logo(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(
        {
            "branding": {"logo": "logos/wa-wordmark.png", "logo_alt": "Lakeside County Parks"},
            "graphics": {"sizes": ["x"], "layouts": ["theme"]},
        }
    )
    alt = by_path(render_graphics(campaign))["graphics/x/theme.alt.txt"].decode()
    assert "Logo: Lakeside County Parks." in alt


def test_without_a_logo_the_organization_is_set_in_type(make_campaign: MakeCampaign) -> None:
    """Every graphic names who issues it: with no logo, the organization's name stands in its box."""
    sizes = ["instagram_square", "x", "meeting_background"]
    bare = by_path(render_graphics(make_campaign({"graphics": {"sizes": sizes}})))
    with_logo = by_path(
        render_graphics(
            make_campaign({"branding": {"logo": "logos/wa-wordmark.png"}, "graphics": {"sizes": sizes}})
        )
    )
    pngs = [p for p in bare if p.endswith(".png")]
    assert pngs
    for path in pngs:
        alt = bare[path[: -len(".png")] + ".alt.txt"].decode()
        assert "Lakeside County Parks & Recreation" in alt, path
        # the name is drawn where the logo would be: the two images differ there, not blank
        diff = ImageChops.difference(
            open_png(bare[path]).convert("RGB"), open_png(with_logo[path]).convert("RGB")
        )
        assert diff.getbbox() is not None, path


def test_same_inputs_same_bytes_whatever_the_workers(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x", "facebook"], "layouts": ["week"]}})
    first = by_path(render_graphics(campaign, workers=2))
    second = by_path(render_graphics(campaign, workers=1))
    assert first == second
    assert b"tIME" not in first["graphics/x/week-week1.png"]


def test_graphics_are_not_blank_and_not_copies(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["instagram_square"], "layouts": ["week"]}})
    files = by_path(render_graphics(campaign))
    pngs = [data for path, data in files.items() if path.endswith(".png")]
    assert len(pngs) == 5 and len(set(pngs)) == 5
    for data in pngs:
        extrema = open_png(data).convert("L").getextrema()
        assert extrema[1] - extrema[0] > 100


def test_subsets_by_week_and_size(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x", "facebook"]}})
    paths = {a.path for a in render_graphics(campaign, weeks=[3], sizes=["x"])}
    assert paths == {"graphics/x/week-week3.png", "graphics/x/week-week3.alt.txt", "graphics/index.html"}
    with pytest.raises(HtpmError, match="--week: no week 9"):
        render_graphics(campaign, weeks=[9])
    with pytest.raises(HtpmError, match="--size: 'story' is not one of the config's sizes"):
        render_graphics(campaign, sizes=["story"])


def test_contact_sheet_lists_the_whole_set_with_alt_text(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x"]}})
    full = by_path(render_graphics(campaign))
    sheet = full["graphics/index.html"].decode()
    assert sheet.count("<img ") == 7 + 5 + 1 + 2  # and the meeting backgrounds and banners
    assert 'src="x/week-week1.png"' in sheet and 'width="1200" height="675"' in sheet
    assert "National Water Safety Month 2025 social media graphic" in sheet
    assert by_path(render_graphics(campaign, weeks=[1]))["graphics/index.html"].decode() == sheet


def test_text_that_cannot_fit_names_layout_and_layer(make_campaign: MakeCampaign) -> None:
    layout = simple_layout(text="{{ tagline }} {{ tagline }} {{ tagline }}", size="[80, 120]", lines=2)
    campaign = make_campaign(
        {"graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}}, {"graphics/test.yaml": layout}
    )
    with pytest.raises(HtpmError) as caught:
        render_graphics(campaign)
    message = str(caught.value)
    assert re.search(r"graphics/test\.yaml:\d+", message)
    assert (
        "layout test, layer headline (instagram_square): the text does not fit at the minimum size 80 px"
        in message
    )


def test_missing_glyph_is_caught(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(
        {"theme": {"name": "Swim Smart ✓ 水"}, "graphics": {"sizes": ["x"], "layouts": ["theme"]}}
    )
    with pytest.raises(
        HtpmError,
        match=r"layout theme, layer theme \(x\): the font NotoSans-Bold.ttf has no glyph for "
        r"'✓' \(U\+2713\), '水' \(U\+6C34\)",
    ):
        render_graphics(campaign)


def test_spanish_accents_have_glyphs(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(
        {
            "theme": {"name": "Nadar seguros, ¡juntos! Año de la niñez"},
            "graphics": {"sizes": ["x"], "layouts": ["theme"]},
        }
    )
    assert render_graphics(campaign)


def light_photo() -> bytes:
    photo = Image.new("RGB", (1600, 1200), (236, 232, 220))  # sand and sky
    draw = ImageDraw.Draw(photo)
    for y in range(0, 1200, 40):
        draw.rectangle((0, y, 1600, y + 18), fill=(250, 248, 240))
    return jpeg_bytes(photo, quality=90)


def test_light_text_on_a_light_photo_fails_contrast(make_campaign: MakeCampaign) -> None:
    layout = simple_layout(background="photo: branding\n    colour: dark")
    campaign = make_campaign(
        {
            "branding": {"photo": "beach.jpg"},
            "graphics": {"sizes": ["instagram_square"], "layouts": ["test"]},
        },
        {"graphics/test.yaml": layout, "beach.jpg": light_photo()},
    )
    with pytest.raises(
        HtpmError,
        match=r"layout test, layer headline \(instagram_square\): "
        r"contrast 1\.\d:1 of #FFFFFF text .* below 3:1",
    ):
        render_graphics(campaign)


def test_a_dark_tint_rescues_the_light_photo(make_campaign: MakeCampaign) -> None:
    layout = simple_layout(
        background="photo: branding\n    colour: dark\n    tint: {colour: dark, opacity: 0.8}"
    )
    campaign = make_campaign(
        {
            "branding": {"photo": "beach.jpg"},
            "graphics": {"sizes": ["instagram_square"], "layouts": ["test"]},
        },
        {"graphics/test.yaml": layout, "beach.jpg": light_photo()},
    )
    image = open_png(by_path(render_graphics(campaign))["graphics/instagram_square/test.png"])
    assert image.getpixel((20, 20))[0] < 80  # the photo is there, darkened


def test_small_text_needs_four_and_a_half(make_campaign: MakeCampaign) -> None:
    # 16 px bold is not large text: it needs 4.5:1 (white on #767676 is 4.54:1, on #808080 3.9:1)
    layout = simple_layout(background="colour: '#767676'", size="[16, 16]")
    campaign = make_campaign(
        {"graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}}, {"graphics/test.yaml": layout}
    )
    render_graphics(campaign)  # 4.54:1 passes
    layout = simple_layout(background="colour: '#808080'", size="[16, 16]")
    campaign = make_campaign(
        {"graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}}, {"graphics/test.yaml": layout}
    )
    with pytest.raises(HtpmError, match=r"contrast 3\.9:1 .* below 4\.5:1"):
        render_graphics(campaign)


def test_hostile_images_in_the_campaign_are_refused(make_campaign: MakeCampaign) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    campaign = make_campaign(
        {"branding": {"logo": "logo.svg"}, "graphics": {"sizes": ["x"], "layouts": ["theme"]}},
        {"logo.svg": svg},
    )
    with pytest.raises(HtpmError, match="layer logo: logo.svg: SVG images are not supported"):
        render_graphics(campaign)
    outside = make_campaign(
        {"branding": {"logo": "../../etc/passwd"}, "graphics": {"sizes": ["x"], "layouts": ["theme"]}}
    )
    with pytest.raises(HtpmError, match="outside"):
        render_graphics(outside)


def test_photo_background_is_cropped_not_stretched(make_campaign: MakeCampaign) -> None:
    photo = Image.new("RGB", (2000, 1000), (0, 0, 160))
    photo.paste((160, 0, 0), (0, 0, 500, 1000))  # red quarter on the left, cropped away on a square
    layout = simple_layout(background="photo: branding\n    colour: dark", text="", colour="light")
    campaign = make_campaign(
        {"branding": {"photo": "wide.png"}, "graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}},
        {"graphics/test.yaml": layout, "wide.png": png_bytes(photo)},
    )
    image = open_png(by_path(render_graphics(campaign))["graphics/instagram_square/test.png"])
    assert image.getpixel((5, 540))[2] > 120  # blue at the left edge: centred crop


def test_static_layers_are_drawn_once_per_size(
    make_campaign: MakeCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from htpm.graphics import render

    calls: list[str] = []
    original = render._draw

    def counting(image, op):  # type: ignore[no-untyped-def]
        calls.append(type(op).__name__)
        original(image, op)

    monkeypatch.setattr(render, "_draw", counting)
    campaign = make_campaign({"graphics": {"sizes": ["x", "instagram_square"], "layouts": ["week"]}})
    render_graphics(campaign, workers=1)  # five weeks at two sizes
    assert calls.count("Gradient") == 2
    assert len(calls) == 2 * 5  # gradient, two halos, footer band, rule (no logo in this config)
