"""The files a partner uploads: posts.json, posts.md, Buffer, Sprout Social and generic CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pytest

from htpm.errors import HtpmError
from htpm.generators import social
from htpm.social.csvfile import csv_bytes, neutralise
from htpm.social.schedule import STAGGER
from tests.social.conftest import context


def _files(campaign) -> tuple[dict[str, bytes], list[str]]:  # noqa: ANN001
    ctx = context()
    return {a.path: a.data for a in social.generate(campaign, ctx)}, ctx.warnings


def _rows(data: bytes) -> list[dict[str, str]]:
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_files_and_headers(water_safety) -> None:  # noqa: ANN001
    files, warnings = _files(water_safety)
    assert warnings == [
        "Instagram: 6 of 6 rows of the Buffer and Sprout Social files have no image URL (w1-s1-p1, "
        "w1-s1-p2, w2-s1-p1, w3-s1-p1, w4-s1-p1, w5-s1-p1); Instagram needs media, so schedulers refuse "
        "them: set social.image_base_url to where the graphics will be hosted"
    ]
    expected = {"social/posts.json", "social/posts.md", "social/schedule.csv"}
    for p in ("x", "facebook", "instagram", "bluesky"):
        expected |= {f"social/buffer-{p}.csv", f"social/sprout-social-{p}.csv"}
    assert set(files) == expected
    assert files["social/buffer-x.csv"].startswith(b"Text,Image URL,Tags,Posting Time\r\n")
    assert files["social/sprout-social-x.csv"].startswith(b"date,time_24hr,message_text,image_url\r\n")
    header = files["social/schedule.csv"].split(b"\r\n")[0]
    assert header == b"datetime,timezone,platform,week,week_title,section,topic,text"


def test_posting_times_follow_the_schedule(water_safety) -> None:  # noqa: ANN001
    files, _ = _files(water_safety)
    schedule = water_safety.config.social.schedule
    weeks = {w.number: w for w in water_safety.weeks}
    rows = _rows(files["social/schedule.csv"])
    assert len(rows) == 6 * 4
    for row in rows:
        moment = dt.datetime.fromisoformat(row["datetime"])
        assert moment.utcoffset() == dt.timedelta(hours=-5)  # America/Chicago in May (CDT)
        assert row["timezone"] == "America/Chicago"
        week = weeks[int(row["week"])]
        assert week.start <= moment.date() <= week.end
        weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[moment.weekday()]
        assert moment.strftime("%H:%M") in schedule.times[weekday]
    buffer = _rows(files["social/buffer-bluesky.csv"])
    assert len(buffer) == 6
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r["Posting Time"]) for r in buffer)
    assert [r["Posting Time"] for r in buffer] == sorted(r["Posting Time"] for r in buffer)
    sprout = _rows(files["social/sprout-social-x.csv"])
    assert sprout[0]["date"] == "05/02/2025" and sprout[0]["time_24hr"] == "15:00"


def test_posts_json_and_md(water_safety) -> None:  # noqa: ANN001
    files, _ = _files(water_safety)
    records = json.loads(files["social/posts.json"])
    for key in ("week", "week_title", "section", "topic", "platform", "text", "length", "limit", "hashtags"):
        assert key in records[0]
    md = files["social/posts.md"].decode("utf-8")
    assert md.startswith("# Sample Social Media Posts: National Water Safety Month 2025")
    week = water_safety.weeks[0]
    assert f"## Week 1: Learn to Swim ({water_safety.date_range(week.start, week.end)})" in md
    assert "X 90/280 · Facebook 90/63,206 · Instagram 90/2,200 · Bluesky 90/300" in md
    assert md.count("> ") == 6


def test_more_posts_than_times_are_staggered(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        c["weeks"][1]["sections"][0]["posts"] = [{"text": f"Post number {n}."} for n in range(7)]

    files, _ = _files(make_campaign(change))
    times = [
        r["Posting Time"] for r in _rows(files["social/buffer-x.csv"]) if r["Text"].startswith("Post number")
    ]
    assert len(times) == len(set(times)) == 7  # three slots in week 2, no two posts at one time
    moments = sorted(dt.datetime.strptime(t, "%Y-%m-%d %H:%M") for t in times)
    assert min(b - a for a, b in zip(moments, moments[1:], strict=False)) >= STAGGER


def test_week_without_posting_time_is_reported(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        c["social"]["schedule"]["times"] = {"sat": ["10:00"]}
        c["weeks"][4].update(start="2025-05-29", end="2025-05-30")  # Thursday and Friday

    files, warnings = _files(make_campaign(change))
    assert len(warnings) == 1 and "week 5 (Safe Summer): no posting time" in warnings[0]
    assert b"Pools open" not in files["social/schedule.csv"]
    assert b"Pools open" in files["social/posts.json"]


def test_clock_change_moves_a_skipped_time(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        c["observance"].update(month=3, year=2025)
        c["social"]["schedule"] = {"timezone": "America/New_York", "times": {"sun": ["02:30"]}}
        c["weeks"] = c["weeks"][:2]

    rows = _rows(_files(make_campaign(change))[0]["social/schedule.csv"])
    assert {r["datetime"] for r in rows if r["week"] == "2"} == {"2025-03-09T03:30-04:00"}


def test_unknown_time_zone_is_an_error(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign(lambda c: c["social"]["schedule"].update(timezone="Mars/Olympus"))
    with pytest.raises(HtpmError, match="unknown time zone 'Mars/Olympus'"):
        _files(campaign)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(start: str) -> None:
    assert neutralise(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    rows = list(csv.reader(io.StringIO(csv_bytes(["a"], [[f"{start}1+1"]]).decode(), newline="")))
    assert rows == [["a"], [f"'{start}1+1"]]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_post_starting_like_a_formula_is_an_error_at_its_line(make_campaign, start: str) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        c["weeks"][1]["sections"][0]["posts"][0]["text"] = f"{start}Parks line one #SwimSmart"

    campaign = make_campaign(change)
    problems = social.check(campaign)
    assert [p.key for p in problems] == ["weeks.1.sections.0.posts.0.text"]
    assert problems[0].location.line is not None
    expected = f"week 2 (Life Jackets), section 'Gear', post 1 starts with {start!r}, which a spreadsheet"
    assert expected in problems[0].message
    with pytest.raises(HtpmError, match="rephrase it to start with a word"):
        _files(campaign)


def test_a_variant_starting_like_a_formula_is_an_error_only_where_it_is_used(make_campaign) -> None:  # noqa: ANN001
    def change(c: dict[str, Any]) -> None:
        post = c["weeks"][1]["sections"][0]["posts"][0]
        post["variants"] = {"x": "@Parks thanks you #SwimSmart", "linkedin": "=not uploaded"}

    problems = social.check(make_campaign(change))
    assert [p.key for p in problems] == ["weeks.1.sections.0.posts.0.variants.x"]


def test_upload_files_keep_every_word_and_spreadsheet_files_neutralise(make_campaign) -> None:  # noqa: ANN001
    text = 'Thanks @Parks: line one\nline two, "quoted" -5 =1 #SwimSmart'
    files, _ = _files(make_campaign(lambda c: c["weeks"][1]["sections"][0]["posts"][0].update(text=text)))
    for name in ("social/buffer-x.csv", "social/sprout-social-facebook.csv"):
        cells = [
            cell for row in csv.reader(io.StringIO(files[name].decode("utf-8"), newline="")) for cell in row
        ]
        assert text in cells and not [c for c in cells if c.startswith("'")], name
    assert text in [r["text"] for r in _rows(files["social/schedule.csv"])]
    csv_text = csv_bytes(["a"], [["@x"]], spreadsheet=False).decode()
    assert csv_text == "a\r\n@x\r\n"


def test_rebuild_gives_identical_bytes(water_safety) -> None:  # noqa: ANN001
    assert _files(water_safety)[0] == _files(water_safety)[0]
