"""Publish-ready upload files: read back as Buffer, Sprout Social and the Bluesky API read them.

The bundled campaign is built with `social.image_base_url` set (an overlay that extends it), and
every file is parsed the way its consumer parses it: the csv module with the scheduler's
headers, json for posts.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from htpm.config import load_campaign
from htpm.generators import social
from htpm.social.facets import facets
from htpm.social.hashtags import distinct_hashtags
from htpm.social.platform_text import add_schemes, keep_hashtags
from htpm.social.urls import find_links
from tests.conftest import CONFIG_2023
from tests.social.conftest import IMAGE_BASE, context

BUFFER = ["Text", "Image URL", "Tags", "Posting Time"]
SPROUT = ["date", "time_24hr", "message_text", "image_url"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], list[str]]:
    folder = tmp_path_factory.mktemp("hosted")
    config = folder / "config.yaml"
    config.write_text(f"extends: htpm:2023\nsocial:\n  image_base_url: {IMAGE_BASE}\n", encoding="utf-8")
    ctx = context()
    files = {a.path: a.data for a in social.generate(load_campaign(config), ctx)}
    return files, list(ctx.warnings)


def _rows(data: bytes, header: list[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    assert reader.fieldnames == header
    return list(reader)


def _uploads(files: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    out = {}
    for name, data in files.items():
        if name.startswith("social/buffer-"):
            out[name] = _rows(data, BUFFER)
        elif name.startswith("social/sprout-social-"):
            out[name] = _rows(data, SPROUT)
    return out


def _text(name: str, row: dict[str, str]) -> str:
    return row["Text"] if "buffer-" in name else row["message_text"]


def _image(name: str, row: dict[str, str]) -> str:
    return row["Image URL"] if "buffer-" in name else row["image_url"]


def test_every_instagram_row_has_its_image_url(built) -> None:  # noqa: ANN001
    files, warnings = built
    uploads = _uploads(files)
    for name in ("social/buffer-instagram.csv", "social/sprout-social-instagram.csv"):
        rows = uploads[name]
        assert len(rows) == 36 - 2  # two posts wait for their open fill-ins
        assert all(
            _image(name, r).startswith(IMAGE_BASE + "graphics/instagram_portrait/week-week") for r in rows
        )
    assert not [w for w in warnings if "no image URL" in w]
    # every row of every upload file has the image of its platform's size
    assert all(_image(n, r).startswith(IMAGE_BASE + "graphics/") for n, rows in uploads.items() for r in rows)


def test_the_image_of_each_row_is_its_weeks_graphic(built) -> None:  # noqa: ANN001
    files, _ = built
    for record in json.loads(files["social/posts.json"]):
        assert record["image"].endswith(f"/week-week{record['week']}.png")
        assert record["image_url"] == IMAGE_BASE + record["image"]
        assert record["image_alt"].startswith(
            "National Human Trafficking Prevention Month 2023 social media graphic"
        )


def test_linkedin_falls_back_to_a_rendered_size_once(built) -> None:  # noqa: ANN001
    files, warnings = built
    rows = _uploads(files)["social/buffer-linkedin.csv"]
    assert {r["Image URL"].split("/")[-2] for r in rows} == {"x"}  # landscape, as linkedin is
    assert [w for w in warnings if "graphics.sizes" in w] == [
        "LinkedIn posts use the x graphics: size linkedin (its image size in social/limits.yaml) is not in "
        "graphics.sizes; add it there to render it"
    ]


def test_every_mastodon_link_has_a_scheme(built) -> None:  # noqa: ANN001
    files, _ = built
    uploads = _uploads(files)
    for name in ("social/buffer-mastodon.csv", "social/sprout-social-mastodon.csv"):
        links = [link for r in uploads[name] for link in find_links(_text(name, r))]
        assert len(links) >= 32 and all(link.has_protocol for link in links)
    records = [r for r in json.loads(files["social/posts.json"]) if r["platform"] == "mastodon"]
    assert sum(1 for r in records if r["links_completed"]) == 32
    for r in records:  # counted on the final text: every link 23
        assert r["length"] <= r["limit"]


def test_every_threads_post_has_at_most_one_hashtag(built) -> None:  # noqa: ANN001
    files, _ = built
    uploads = _uploads(files)
    for name in ("social/buffer-threads.csv", "social/sprout-social-threads.csv"):
        assert all(len(distinct_hashtags(_text(name, r))) <= 1 for r in uploads[name])
    records = [r for r in json.loads(files["social/posts.json"]) if r["platform"] == "threads"]
    dropped = [r for r in records if r["hashtags_dropped"]]
    assert len(dropped) == 7
    assert all("#Partner2Prevent" not in r["hashtags_dropped"] for r in dropped)


def test_no_upload_cell_starts_with_a_quote(built) -> None:  # noqa: ANN001
    files, _ = built
    for name, rows in _uploads(files).items():
        assert not [c for r in rows for c in r.values() if c.startswith("'")], name


def test_bluesky_facets_slice_the_text_to_the_link_or_tag(built) -> None:  # noqa: ANN001
    files, _ = built
    records = json.loads(files["social/posts.json"])
    assert all(("facets" in r) == (r["platform"] == "bluesky") for r in records)
    count = 0
    for r in (r for r in records if r["platform"] == "bluesky"):
        raw = r["text"].encode("utf-8")
        for facet in r["facets"]:
            piece = raw[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode("utf-8")
            (feature,) = facet["features"]
            if feature["$type"] == "app.bsky.richtext.facet#link":
                assert feature["uri"] in (piece, f"https://{piece}")
            else:
                assert feature["$type"] == "app.bsky.richtext.facet#tag" and piece == "#" + feature["tag"]
            count += 1
    assert count > 27


def test_past_times_are_one_warning(tmp_path: Path) -> None:
    campaign = load_campaign(CONFIG_2023)
    ctx = context(dt.datetime(2023, 1, 16, tzinfo=dt.UTC))
    social.generate(campaign, ctx)
    past = [w for w in ctx.warnings if "already past" in w]
    assert past == [
        "24 of 34 posting times are already past (2023-01-02 10:00 to 2023-01-13 10:00 America/New_York, "
        "built 2023-01-16 00:00 UTC); schedulers refuse a time in the past: move the observance's year or "
        "weeks, or leave those rows out"
    ]
    assert past[0].kind == "scheduling"


def test_sprout_spacing_and_rows_per_file(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        c["social"]["schedule"]["times"] = {"mon": ["09:30", "09:35"], "wed": ["12:00"], "fri": ["15:00"]}
        c["weeks"][0]["sections"][0]["posts"].append({"text": "A third post. #SwimSmart"})

    ctx = context()
    social.generate(make_campaign(change), ctx)
    spacing = [w for w in ctx.warnings if "minutes after the one before" in w]
    assert spacing and spacing[0].startswith("social/sprout-social-x.csv: ")
    assert "Sprout Social refuses them" in spacing[0]
    assert not [w for w in ctx.warnings if w.startswith("social/buffer-")]


def test_a_post_image_overrides_the_weeks_graphic(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        posts = c["weeks"][0]["sections"][0]["posts"]
        posts[0].update(image="logos/hhs-wordmark.png", image_alt="The county's wordmark")
        posts[1].update(image="graphics/x/theme.png")

    campaign = make_campaign(change)
    assert social.check(campaign) == []
    ctx = context()
    files = {a.path: a.data for a in social.generate(campaign, ctx)}
    assert "social/images/hhs-wordmark.png" in files
    records = {(r["id"], r["platform"]): r for r in json.loads(files["social/posts.json"])}
    first, second = records[("w1-s1-p1", "instagram")], records[("w1-s1-p2", "bluesky")]
    assert (
        first["image"] == "social/images/hhs-wordmark.png" and first["image_alt"] == "The county's wordmark"
    )
    assert first["image_url"] == IMAGE_BASE + "social/images/hhs-wordmark.png"
    assert second["image"] == "graphics/x/theme.png" and "theme" in second["image_alt"]
    assert records[("w2-s1-p1", "x")]["image"] == "graphics/x/week-week2.png"


def test_without_base_url_instagram_rows_are_one_warning(make_campaign) -> None:  # noqa: ANN001
    ctx = context()
    social.generate(make_campaign(lambda c: c["social"].pop("image_base_url")), ctx)
    (warning,) = ctx.warnings
    assert warning.startswith("Instagram: 6 of 6 rows") and warning.kind == "images"


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("See acf.hhs.gov/otip.", "See https://acf.hhs.gov/otip.", 1),
        (
            "Already https://example.org and www.dol.gov",
            "Already https://example.org and https://www.dol.gov",
            1,
        ),
        ("Mail info@example.org", "Mail info@example.org", 0),
    ],
)
def test_add_schemes(text: str, expected: str, count: int) -> None:
    assert add_schemes(text) == (expected, count)


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Learn more. #EndTrafficking #Partner2Prevent",
            "Learn more. #Partner2Prevent",
            ("#EndTrafficking",),
        ),
        (
            "You can #Partner2Prevent today. #EndTrafficking",
            "You can #Partner2Prevent today.",
            ("#EndTrafficking",),
        ),
        (
            "Learn about #HumanTrafficking now. #Partner2Prevent",
            "Learn about HumanTrafficking now. #Partner2Prevent",
            ("#HumanTrafficking",),
        ),
        ("No tags at all.", "No tags at all.", ()),
        ("#A first, then #B.", "#A first, then B.", ("#B",)),
    ],
)
def test_keep_hashtags(text: str, kept: str, dropped: tuple[str, ...]) -> None:
    assert keep_hashtags(text, "#Partner2Prevent", 1) == (kept, dropped)


def test_facets_count_bytes_not_characters() -> None:
    text = "Café 🏊 parks.example.org/pools #SwimSmart"
    raw = text.encode("utf-8")
    link, tag = facets(text)
    assert raw[link["index"]["byteStart"] : link["index"]["byteEnd"]] == b"parks.example.org/pools"
    assert link["features"] == [
        {"$type": "app.bsky.richtext.facet#link", "uri": "https://parks.example.org/pools"}
    ]
    assert raw[tag["index"]["byteStart"] : tag["index"]["byteEnd"]] == b"#SwimSmart"
    assert tag["features"] == [{"$type": "app.bsky.richtext.facet#tag", "tag": "SwimSmart"}]
