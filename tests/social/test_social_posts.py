"""Which post goes to which platform: variants, hashtags, limits, and what is left out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from htpm.errors import HtpmError
from htpm.generators import social
from htpm.social.counting import weighted_length
from htpm.social.hashtags import distinct_hashtags, find_hashtags, has_hashtag
from htpm.social.posts import plan_posts
from tests.social.conftest import context

LONG = "Swim lessons for every age are on at the county pools all summer long, so bring the family. " * 4


def _posts_json(campaign) -> tuple[list[dict[str, Any]], list[str]]:  # noqa: ANN001
    ctx = context()
    files = {a.path: a.data for a in social.generate(campaign, ctx)}
    return json.loads(files["social/posts.json"]), ctx.warnings


def _first_post(config: dict[str, Any]) -> dict[str, Any]:
    return config["weeks"][0]["sections"][0]["posts"][0]


def test_every_post_on_every_platform_with_the_primary_hashtag(water_safety) -> None:  # noqa: ANN001
    plan = plan_posts(water_safety)
    platforms = water_safety.config.social.platforms
    assert len(plan.posts) == len(plan.refs) * len(platforms)
    for post in plan.posts:
        assert has_hashtag(post.text, "#SwimSmart")
        assert len(distinct_hashtags(post.text)) <= 2
        assert post.length <= post.platform.limit
    assert not plan.left_out


def test_variant_and_platform_restriction(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        _first_post(c)["variants"] = {"x": "Short for X. #SwimSmart"}
        c["weeks"][1]["sections"][0]["posts"][0]["platforms"] = ["facebook"]

    records, warnings = _posts_json(make_campaign(change))
    first = {r["platform"]: r for r in records if r["id"] == "w1-s1-p1"}
    assert first["x"]["text"] == "Short for X. #SwimSmart" and first["x"]["variant"] is True
    assert first["facebook"]["variant"] is False and first["facebook"]["text"].startswith("Free swim")
    assert [r["platform"] for r in records if r["id"] == "w2-s1-p1"] == ["facebook"]
    assert not warnings


def test_too_long_post_is_left_out_of_that_platform_and_reported(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign(lambda c: _first_post(c).update(text=LONG.strip()))
    records, warnings = _posts_json(campaign)
    on = {r["platform"] for r in records if r["id"] == "w1-s1-p1"}
    assert on == {"facebook", "instagram"}  # X (280) and Bluesky (300) are too short for it
    length = weighted_length(LONG.strip(), _x_params())  # as written: no room for the hashtag
    assert len(warnings) == 2
    x_warning = next(w for w in warnings if " on X:" in w)
    assert "week 1 (Learn to Swim)" in x_warning and "section 'Lessons'" in x_warning
    assert f"{length} characters, limit 280" in x_warning and "variants" in x_warning
    assert x_warning.startswith(str(campaign.path))
    with pytest.raises(HtpmError, match="do not fit"):
        plan_posts(campaign).require_fit()


def test_a_shorter_variant_fixes_it(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        _first_post(c).update(text=LONG.strip(), variants={"x": "Lessons all summer.", "bluesky": "Swim!"})

    records, warnings = _posts_json(make_campaign(change))
    assert not warnings
    x = next(r for r in records if r["id"] == "w1-s1-p1" and r["platform"] == "x")
    assert x["text"] == "Lessons all summer. #SwimSmart" and x["primary_hashtag_added"] is True


def test_never_more_hashtags_than_allowed(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        _first_post(c)["text"] = "Swim with us! #SwimSmart #WaterSafety #LearnToSwim"
        c["weeks"][1]["sections"][0]["posts"][0]["text"] = "Life jackets! #WaterSafety #LearnToSwim"

    records, warnings = _posts_json(make_campaign(change))
    assert not [r for r in records if r["id"] == "w1-s1-p1"]  # three hashtags, two allowed: nowhere
    assert len(warnings) == 4 and all("3 hashtags, limit 2" in w for w in warnings)
    second = [r for r in records if r["id"] == "w2-s1-p1"]  # two tags and no room for the primary
    assert second and all(r["text"] == "Life jackets! #WaterSafety #LearnToSwim" for r in second)
    assert all(r["primary_hashtag_added"] is False for r in second)
    for r in records:
        assert len(r["hashtags"]) <= min(2, r["hashtag_limit"])


def test_instagram_caps_hashtags_at_five(make_campaign) -> None:  # noqa: ANN001
    tags = " ".join(f"#Tag{n}" for n in "ABCDEF")

    def change(c: dict[str, Any]) -> None:
        c["hashtags"]["max_per_post"] = 10
        _first_post(c)["text"] = f"Six tags: {tags} #SwimSmart"

    records, warnings = _posts_json(make_campaign(change))
    assert {r["platform"] for r in records if r["id"] == "w1-s1-p1"} == {"x", "facebook", "bluesky"}
    assert len(warnings) == 1 and "on Instagram: 7 hashtags, limit 5" in warnings[0]


def test_primary_not_added_when_it_would_not_fit(make_campaign) -> None:  # noqa: ANN001
    text = "x" * 275  # 275 + ' #SwimSmart' is over 280
    records, warnings = _posts_json(make_campaign(lambda c: _first_post(c).update(text=text)))
    x = next(r for r in records if r["id"] == "w1-s1-p1" and r["platform"] == "x")
    assert x["text"] == text and x["primary_hashtag_added"] is False and not warnings
    fb = next(r for r in records if r["id"] == "w1-s1-p1" and r["platform"] == "facebook")
    assert fb["text"] == text + " #SwimSmart"


def test_hashtags_are_found_like_twitter_text() -> None:
    assert find_hashtags("Go #SwimSmart, #swimsmart and #2025 https://x.org/#anchor a#b #Été") == [
        "#SwimSmart",
        "#swimsmart",
        "#Été",
    ]
    assert distinct_hashtags("#A #a #B") == ["#A", "#B"]


def _x_params() -> dict[str, Any]:
    from htpm.paths import templates_dir
    from htpm.social.limits import load_limits

    return load_limits(templates_dir() / "social" / "limits.yaml")["x"].params


# -- the 2023 toolkit ------------------------------------------------------------------------------
def test_2023_every_seed_post_appears_and_fits(campaign_2023) -> None:  # noqa: ANN001
    records, warnings = _posts_json(campaign_2023)
    ids = {r["id"] for r in records}
    assert len(ids) == 36 == sum(len(s.posts) for w in campaign_2023.config.weeks for s in w.sections)
    x_params = _x_params()
    for r in records:
        assert r["length"] <= r["limit"]
        assert len(distinct_hashtags(r["text"])) <= min(2, r["hashtag_limit"])
        if r["platform"] == "x":
            assert weighted_length(r["text"], x_params) <= 280


def test_2023_exactly_the_seven_overweight_posts_are_reported_for_x(campaign_2023) -> None:  # noqa: ANN001
    records, warnings = _posts_json(campaign_2023)
    x_warnings = [w for w in warnings if " on X: " in w]
    assert len(x_warnings) == 7
    x_ids = {r["id"] for r in records if r["platform"] == "x"}
    plan = plan_posts(campaign_2023)
    over = {lo.ref.key for lo in plan.left_out if lo.platform.platform == "x"}
    assert len(over) == 7 and not over & x_ids and len(x_ids) == 29
    x_params = _x_params()
    for lo in (lo for lo in plan.left_out if lo.platform.platform == "x"):
        post = (
            campaign_2023.config.weeks[lo.ref.week - 1].sections[lo.ref.section - 1].posts[lo.ref.number - 1]
        )
        assert weighted_length(post.text, x_params) > 280
        assert any(
            f"{lo.length} characters, limit 280" in w and lo.ref.section_title in w for w in x_warnings
        )
