"""Property tests: any text survives a CSV round trip safely; X counting agrees with twitter-text."""

from __future__ import annotations

import csv
import io
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htpm.paths import templates_dir
from htpm.social.counting import weighted_length
from htpm.social.csvfile import csv_bytes
from htpm.social.limits import load_limits
from htpm.spreadsheet import FORMULA_START

V3 = load_limits(templates_dir() / "social" / "limits.yaml")["x"].params
PIECES = [
    "example.org", "https://a.gov/x?y=1", "www.state.gov/path", "acf.hhs.gov/otip.", " ", ".", "#tag",
    "@user", "🙂", "👨\u200d👩\u200d👧", "日本", "é", "e\u0301", "(", ")", "/", "-", "_", "t.co", "foo.co.jp",
    "http://", "a.b", "file.txt", "e.g.", "U.S.", "1\u20e3", "©", "\u2014", "\n",
]  # fmt: skip
POSTS = st.lists(
    st.one_of(
        st.sampled_from(PIECES), st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=5)
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(st.text(), min_size=3, max_size=3), max_size=5))
def test_any_cells_round_trip_and_never_start_a_formula(rows: list[list[str]]) -> None:
    data = csv_bytes(["a", "b", "c"], rows)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert parsed[0] == ["a", "b", "c"]
    assert len(parsed) == len(rows) + 1
    for written, original in zip(parsed[1:], rows, strict=True):
        for cell, value in zip(written, original, strict=True):
            assert not cell.startswith(FORMULA_START)
            expected = "'" + value if value.startswith(FORMULA_START) else value
            assert cell == expected


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(POSTS)
def test_weighted_length_agrees_with_twitter_text(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parse_tweet = pytest.importorskip(
            "twitter_text", reason="twitter-text-parser not installed"
        ).parse_tweet
    assert weighted_length(text, V3) == parse_tweet(text).weightedLength


MORE_PIECES = [*PIECES, "#Partner2Prevent", "#EndTrafficking", "#endtrafficking", "#A1", " #B"]
TAGGED_POSTS = st.lists(st.sampled_from(MORE_PIECES), max_size=14).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POSTS)
def test_every_facet_slices_the_utf8_text_to_its_link_or_tag(text: str) -> None:
    from htpm.social.facets import facets

    raw = text.encode("utf-8")
    for facet in facets(text):
        piece = raw[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode("utf-8")
        (feature,) = facet["features"]
        if feature["$type"].endswith("#link"):
            assert feature["uri"] in (piece, f"https://{piece}")
        else:
            assert piece == "#" + feature["tag"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TAGGED_POSTS)
def test_platform_text_completes_links_and_keeps_one_tag(text: str) -> None:
    from htpm.social.hashtags import distinct_hashtags, has_hashtag
    from htpm.social.platform_text import add_schemes, keep_hashtags
    from htpm.social.urls import find_links

    completed, _ = add_schemes(text)
    assert all(link.has_protocol for link in find_links(completed))
    kept, dropped = keep_hashtags(text, "#Partner2Prevent", 1)
    if kept == text and not dropped and len(distinct_hashtags(text)) > 1:
        return  # no tag can go without changing how the rest reads: the post is left off the platform
    assert len(distinct_hashtags(kept)) <= 1
    assert len(dropped) == max(0, len(distinct_hashtags(text)) - 1)
    if has_hashtag(text, "#Partner2Prevent"):
        assert has_hashtag(kept, "#Partner2Prevent")
