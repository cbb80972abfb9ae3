"""Counting posts the way each platform counts them, against twitter-text's conformance cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from htpm.paths import templates_dir
from htpm.social.counting import count, graphemes, graphemes_with_links, utf16_units, weighted_length
from htpm.social.limits import load_limits
from htpm.social.urls import find_links

DATA = Path(__file__).parent / "data" / "twitter_text_conformance.yml"
CASES = yaml.safe_load(DATA.read_text(encoding="utf-8"))
LIMITS = load_limits(templates_dir() / "social" / "limits.yaml")
V3 = LIMITS["x"].params
V2 = {**V3, "emoji_parsing": False}  # twitter-text config v2: the same ranges, no emoji parsing


def _text(case: dict) -> str:
    return case["text"] if "text" in case else case["repeat"] * case["times"]


@pytest.mark.parametrize("case", CASES["v3"], ids=lambda c: c["description"][:60])
def test_weighted_length_matches_twitter_text_v3(case: dict) -> None:
    length = weighted_length(_text(case), V3)
    assert length == case["weightedLength"]
    assert (0 < length <= 280) == case["valid"]


@pytest.mark.parametrize("case", CASES["v2"], ids=lambda c: c["description"][:60])
def test_weighted_length_matches_twitter_text_v2(case: dict) -> None:
    assert weighted_length(_text(case), V2) == case["weightedLength"]


def test_conformance_subset_is_representative() -> None:
    assert len(CASES["v3"]) >= 20
    described = " ".join(c["description"] for c in CASES["v3"])
    for topic in ("url", "CJK", "emoji", "normalized", "punycode", "skin tone"):
        assert topic.lower() in described.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visit example.org today", 6 + 23 + 6),  # bare domain: a link
        ("Visit https://example.org/a/very/long/path?q=1 today", 6 + 23 + 6),
        ("See example.org.", 4 + 23 + 1),  # the full stop is not part of the link
        ("Mail me@example.org", 19),  # an address is no link
        ("file.txt and e.g. this", 22),  # not top-level domains
        ("go:https://example.org", 3 + 23),
        ("café", 4),
        ("cafe\u0301", 4),  # NFC before counting
        ("日本語", 6),
        ("👍🏽 ok", 5),
    ],
)
def test_weighted_length_examples(text: str, expected: int) -> None:
    assert weighted_length(text, V3) == expected


def test_links_keep_path_and_drop_trailing_punctuation() -> None:
    links = find_links(
        "Learn more: humantraffickinghotline.org/what-human-trafficking. Or (https://a.gov/x)."
    )
    assert [link.url for link in links] == [
        "humantraffickinghotline.org/what-human-trafficking",
        "https://a.gov/x",
    ]
    assert find_links("no links here, e.g. none") == []


def test_mastodon_counts_only_protocol_links_as_23() -> None:
    url = "https://example.org/" + "x" * 60
    assert graphemes_with_links(f"Read {url} now", 23) == 5 + 23 + 4
    assert graphemes_with_links("Read example.org/" + "x" * 60, 23) == len("Read example.org/") + 60


def test_graphemes_count_what_people_see() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert graphemes(family) == 1
    assert graphemes("e\u0301") == 1
    assert graphemes("🇺🇸🇲🇽") == 2
    assert utf16_units(family) == 8


def test_count_rejects_unknown_method() -> None:
    with pytest.raises(ValueError):
        count("x", "characters")


def test_limits_file_has_every_platform_with_source_and_date() -> None:
    raw = yaml.safe_load((templates_dir() / "social" / "limits.yaml").read_text(encoding="utf-8"))
    assert {"x", "facebook", "instagram", "linkedin", "bluesky", "mastodon", "threads"} <= set(LIMITS)
    assert (LIMITS["x"].limit, LIMITS["bluesky"].limit, LIMITS["mastodon"].limit) == (280, 300, 500)
    assert (LIMITS["threads"].limit, LIMITS["linkedin"].limit, LIMITS["instagram"].limit) == (500, 3000, 2200)
    assert LIMITS["instagram"].hashtag_limit == 5
    assert LIMITS["bluesky"].method == "graphemes" and LIMITS["mastodon"].method == "graphemes_links"
    for entry in raw["platforms"].values():
        assert "source" in entry["limit"] and "checked" in entry["limit"]


def test_bad_limits_file_is_a_clear_error(tmp_path: Path) -> None:
    from htpm.errors import HtpmError

    bad = tmp_path / "limits.yaml"
    bad.write_text("platforms:\n  x:\n    limit: {value: 280}\n    counting: {method: words}\n")
    with pytest.raises(HtpmError, match="counting.method must be one of"):
        load_limits(bad)
    bad.write_text(
        "platforms:\n  x:\n    limit: {value: 280, checked: 2026-01-01}\n"
        "    counting: {method: twitter_v3, checked: 2026-01-01}\n"
    )
    with pytest.raises(HtpmError, match="params incomplete"):
        load_limits(bad)


def test_same_lengths_as_twitter_text_parser_on_the_2023_posts() -> None:
    """Differential check against the twitter-text Python port, when it is installed."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parse_tweet = pytest.importorskip(
            "twitter_text", reason="twitter-text-parser not installed"
        ).parse_tweet
    from htpm.paths import bundled_config

    config = yaml.safe_load(bundled_config().read_text(encoding="utf-8"))
    texts = [p["text"] for w in config["weeks"] for s in w["sections"] for p in s["posts"]]
    texts += [_text(c) for c in CASES["v3"]]
    for text in texts:
        for variant in (text, text + " #Partner2Prevent", "🙂 " + text):
            assert weighted_length(variant, V3) == parse_tweet(variant).weightedLength, variant
