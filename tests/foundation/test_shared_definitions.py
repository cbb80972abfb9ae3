"""Small things once: one hashtag pattern, one platform list, one CSV cell neutraliser."""

from __future__ import annotations

import pytest

from htpm.fields import PLATFORMS
from htpm.hashtag import is_hashtag
from htpm.lint import lint_text
from htpm.proclamation import rows
from htpm.social import csvfile
from htpm.social.hashtags import distinct_hashtags
from htpm.spreadsheet import neutralise


@pytest.mark.parametrize(
    ("tag", "ok"),
    [
        ("#SwimSmart", True),
        ("#Partner2Prevent", True),
        ("#cafe\u0301", True),
        ("#2023", False),
        ("#a b", False),
    ],
)
def test_what_a_hashtag_is(tag: str, ok: bool) -> None:
    assert is_hashtag(tag) is ok


def test_lint_and_the_posts_count_the_same_hashtags() -> None:
    text = "Learn #cafe\u0301 #CAFE\u0301 #Stra\u00dfe #STRASSE #2023 #Swim"
    assert distinct_hashtags(text) == ["#cafe\u0301", "#Stra\u00dfe", "#Swim"]
    findings = [f for f in lint_text(text) if f.rule_id == "hashtag-limit"]
    assert [f.match for f in findings] == ["#Swim"]  # the third distinct tag of a two-tag limit


def test_one_platform_list() -> None:
    assert PLATFORMS == ("x", "facebook", "instagram", "linkedin", "bluesky", "mastodon", "threads")


def test_one_neutraliser() -> None:
    assert csvfile.neutralise is neutralise
    assert rows.neutralise is neutralise
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise(None) == ""
