"""Layout files: validated like configs (every error with file and line), geometry checked."""

from __future__ import annotations

import re

import pytest
from graphics_helpers import MakeCampaign, simple_layout

from htpm.errors import ConfigError, HtpmError
from htpm.graphics import render_graphics
from htpm.graphics.fonts import codepoints, is_bold, missing_characters
from htpm.paths import brand_assets_dir

ONE_SIZE = {"graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}}


def test_unknown_keys_and_bad_colours_are_reported_with_their_lines(make_campaign: MakeCampaign) -> None:
    layout = simple_layout().replace("    lines: 3\n", "    lines: 3\n    colour_name: teal\n")
    layout = layout.replace("colour: light", "colour: teal")
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": layout})
    with pytest.raises(ConfigError) as caught:
        render_graphics(campaign)
    lines = caught.value.lines
    assert len(lines) == 2
    assert re.match(r".*graphics/test\.yaml:13:13: layers\.1\.colour: 'teal' is not a colour", lines[0])
    assert re.match(r".*graphics/test\.yaml:16:\d+: layers\.1\.colour_name: unknown key", lines[1])


def test_yaml_syntax_errors_have_a_line(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": "title: x\nlayers: [\n"})
    with pytest.raises(HtpmError, match=r"graphics/test\.yaml:\d+:\d+: YAML syntax"):
        render_graphics(campaign)


def test_a_box_outside_the_safe_zone_is_refused(make_campaign: MakeCampaign) -> None:
    layout = simple_layout(box="[10, 300, 920, 400]")
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": layout})
    with pytest.raises(
        HtpmError,
        match=r"test\.yaml:\d+:\d+: layout test, layer headline \(square\): "
        r"box \[10\.0, 300\.0, 920\.0, 400\.0\] leaves the safe zone",
    ):
        render_graphics(campaign)


def test_every_aspect_needs_a_place_or_an_explicit_null(make_campaign: MakeCampaign) -> None:
    layout = simple_layout().replace(
        "  square: {safe: [40, 40, 40, 40]}", "  square: {safe: [40, 40, 40, 40]}\n  story: {}"
    )
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": layout})
    with pytest.raises(HtpmError, match="layer headline: no place for aspect 'story' .give a box, or null"):
        render_graphics(campaign)


def test_a_size_whose_aspect_the_layout_lacks(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(
        {"graphics": {"sizes": ["story"], "layouts": ["test"]}}, {"graphics/test.yaml": simple_layout()}
    )
    with pytest.raises(
        HtpmError, match="layout test has no canvas for aspect 'story', which size story needs"
    ):
        render_graphics(campaign)


def test_unknown_sizes_and_layouts_in_the_config(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["tiktok"]}})
    with pytest.raises(
        HtpmError,
        match=r"config\.yaml:\d+:\d+: graphics\.sizes: unknown size 'tiktok' "
        r"\(known: email_header, facebook, ",
    ):
        render_graphics(campaign)
    campaign = make_campaign({"graphics": {"layouts": ["../secrets"]}})
    with pytest.raises(HtpmError, match="is not a layout name"):
        render_graphics(campaign)


def test_template_errors_name_the_layer(make_campaign: MakeCampaign) -> None:
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": simple_layout(text="{{ theme.nope.deeper }}")})
    with pytest.raises(HtpmError, match=r"test\.yaml:\d+:\d+: template"):
        render_graphics(campaign)
    campaign = make_campaign(ONE_SIZE, {"graphics/test.yaml": simple_layout(text="{{ ''.__class__ }}")})
    with pytest.raises(HtpmError, match="unsafe|template"):
        render_graphics(campaign)


def test_a_campaign_overrides_a_bundled_layout(make_campaign: MakeCampaign) -> None:
    layout = simple_layout(text="Overridden {{ year }}").replace("title: Test", "title: Mine")
    campaign = make_campaign(
        {"graphics": {"sizes": ["instagram_square"], "layouts": ["theme"]}}, {"graphics/theme.yaml": layout}
    )
    alt = {a.path: a.data for a in render_graphics(campaign)}["graphics/instagram_square/theme.alt.txt"]
    assert b"Overridden 2025" in alt


def test_font_character_maps() -> None:
    regular = str(brand_assets_dir() / "fonts" / "NotoSans-Regular.ttf")
    assert set(map(ord, "áéíóúüñÑ¿¡çàèâêôœ–—“”’·")) <= codepoints(regular)
    assert missing_characters("año ✓ 水 ✓", regular) == ["✓", "水"]
    assert missing_characters("line\nbreak", regular) == []
    assert is_bold(str(brand_assets_dir() / "fonts" / "NotoSans-Bold.ttf"))
    assert not is_bold(regular)
