"""calendar.ics: weeks with exclusive ends, awareness days, posting times, stable bytes."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from pydantic import ValidationError

from htpm.artifacts import BuildContext
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.generators import calendar
from htpm.model import CampaignConfig

WATER_SAFETY = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"
BASE: dict[str, Any] = yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8"))


@pytest.fixture
def make_campaign(tmp_path: Path) -> Callable[..., Campaign]:
    def make(change: Callable[[dict[str, Any]], None] = lambda _c: None, name: str = "campaign") -> Campaign:
        data = copy.deepcopy(yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8")))
        change(data)
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_campaign(path)

    return make


def _ics(campaign: Campaign) -> bytes:
    artifacts = calendar.generate(campaign, BuildContext())
    assert [a.path for a in artifacts] == ["calendar.ics"]
    return artifacts[0].data


def _events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_2023_weeks_end_on_the_day_after(campaign_2023) -> None:  # noqa: ANN001
    events = _events(_ics(campaign_2023))
    weeks = [e for e in events if str(e["summary"]).startswith("Week ")]
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in weeks] == [
        (dt.date(2023, 1, 1), dt.date(2023, 1, 8)),
        (dt.date(2023, 1, 8), dt.date(2023, 1, 15)),
        (dt.date(2023, 1, 15), dt.date(2023, 1, 22)),
        (dt.date(2023, 1, 22), dt.date(2023, 1, 29)),
    ]
    assert str(weeks[1]["summary"]) == "Week 2: Social Service Providers"
    day = next(e for e in events if "Awareness" in str(e["summary"]))
    assert (day.decoded("dtstart"), day.decoded("dtend")) == (dt.date(2023, 1, 11), dt.date(2023, 1, 12))
    for e in events:
        assert not isinstance(e.decoded("dtstart"), dt.datetime)  # all-day events
        assert e.decoded("dtstamp") == dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def test_water_safety_weeks_days_and_override(water_safety) -> None:  # noqa: ANN001
    events = _events(_ics(water_safety))
    last = next(e for e in events if str(e["summary"]).startswith("Week 5"))
    assert (last.decoded("dtstart"), last.decoded("dtend")) == (dt.date(2025, 5, 29), dt.date(2025, 6, 5))
    day = next(e for e in events if str(e["summary"]) == "Life Jacket Day")
    assert day.decoded("dtstart") == dt.date(2025, 5, 17)  # month defaults to the observance month
    assert len(events) == 6


def test_uids_are_stable_unique_and_bytes_identical(make_campaign) -> None:  # noqa: ANN001
    first = _ics(make_campaign())
    assert first == _ics(make_campaign())
    uids = [str(e["uid"]) for e in _events(first)]
    assert len(set(uids)) == len(uids)
    renamed = _events(_ics(make_campaign(lambda c: c["weeks"][0].update(title="Swim Lessons"))))
    assert [str(e["uid"]) for e in renamed] == uids  # an edit updates the event on re-import
    other = _events(_ics(make_campaign(name="another")))
    assert not set(uids) & {str(e["uid"]) for e in other}  # another campaign never collides


def test_newlines_in_config_cannot_inject_lines(make_campaign) -> None:  # noqa: ANN001
    evil = "Swim\r\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected"

    def change(c: dict[str, Any]) -> None:
        c["weeks"][0]["title"] = evil
        c["events"]["days"][0].update(name=evil, description=evil)

    data = _ics(make_campaign(change))
    lines = data.decode("utf-8").split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 6 and "SUMMARY:Injected" not in lines
    assert all(not line.startswith("SUMMARY:Injected") for line in lines)
    summaries = [str(e["summary"]) for e in _events(data)]
    assert "Week 1: Swim END:VEVENT BEGIN:VEVENT SUMMARY:Injected" in summaries
    day = next(e for e in _events(data) if str(e["summary"]).startswith("Swim"))
    assert str(day["description"]) == evil.replace("\r\n", "\n")  # kept, escaped in the file


def test_posting_schedule_can_be_included(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign(lambda c: c["social"]["schedule"].update(include_in_calendar=True))
    events = _events(_ics(campaign))
    posts = [e for e in events if str(e["summary"]).startswith("Post:")]
    assert len(posts) == 6
    first = min(posts, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == dt.datetime(2025, 5, 2, 20, 0, tzinfo=dt.UTC)  # 15:00 CDT
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(minutes=15)
    assert "Free swim lessons" in str(first["description"])
    assert "X, Facebook, Instagram, Bluesky" in str(first["summary"])


def test_impossible_awareness_day_is_an_error(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign(lambda c: c["events"]["days"][0].update(day=31, month=6))
    with pytest.raises(HtpmError, match="events.days.0: 2025-06-31 is not a date"):
        _ics(campaign)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=st.text(min_size=1), name=st.text(min_size=1), description=st.text())
def test_any_text_gives_a_valid_calendar(title: str, name: str, description: str) -> None:
    data = copy.deepcopy(BASE)
    data["weeks"][0]["title"] = title
    data["events"]["days"][0].update(name=name, description=description)
    try:
        config = CampaignConfig.model_validate(data)
    except ValidationError:
        return  # not a config htpm accepts (e.g. a blank title)
    campaign = Campaign(config, WATER_SAFETY, (WATER_SAFETY.parent,))
    ics = _ics(campaign)
    events = _events(ics)
    assert len(events) == 6
    assert ics.decode("utf-8").split("\r\n").count("BEGIN:VEVENT") == 6
    for event in events:
        assert "\n" not in str(event["summary"]) and "\r" not in str(event["summary"])
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", ics.decode("utf-8").replace("\r\n", ""))


def test_a_changed_event_gets_a_new_sequence_and_last_modified(make_campaign) -> None:  # noqa: ANN001
    """Google and Outlook update an event on re-import or subscription only when its SEQUENCE rises."""
    first = calendar.calendar_bytes(make_campaign())
    again = calendar.calendar_bytes(make_campaign(), first, dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert again == first  # nothing changed: same bytes, whatever the clock says

    def retitle(data: dict[str, Any]) -> None:
        data["weeks"][1]["title"] = "Life Jackets for Everyone"

    later = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    changed = calendar.calendar_bytes(make_campaign(retitle), first, later)
    by_uid = {str(e["uid"]): e for e in _events(changed)}
    before = {str(e["uid"]): e for e in _events(first)}
    assert by_uid.keys() == before.keys()
    bumped = [u for u in by_uid if int(by_uid[u]["sequence"]) == 1]
    assert len(bumped) == 1 and str(by_uid[bumped[0]]["summary"]) == "Week 2: Life Jackets for Everyone"
    assert by_uid[bumped[0]].decoded("last-modified") == later
    for u, ev in by_uid.items():
        if u not in bumped:
            assert int(ev["sequence"]) == 0
            assert ev.decoded("last-modified") == before[u].decoded("last-modified") == ev.decoded("dtstamp")
    # built again from that: the bumped event keeps 1 and its time; a second change makes it 2
    assert (
        calendar.calendar_bytes(make_campaign(retitle), changed, dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
        == changed
    )

    def retitle_again(data: dict[str, Any]) -> None:
        data["weeks"][1]["title"] = "Life Jackets, Always"

    third = calendar.calendar_bytes(make_campaign(retitle_again), changed, later)
    assert {int(e["sequence"]) for e in _events(third) if "Always" in str(e["summary"])} == {2}


def test_the_build_versions_against_the_calendar_it_wrote(tmp_path: Path) -> None:
    from htpm.build import build

    config = tmp_path / "config.yaml"
    config.write_text(WATER_SAFETY.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "dist"
    build(config, out, only=["calendar"], lint=False)
    config.write_text(
        config.read_text(encoding="utf-8").replace("Watch the Water", "Watch Water"), encoding="utf-8"
    )
    build(config, out, only=["calendar"], lint=False)
    events = _events((out / "calendar.ics").read_bytes())
    assert sorted(int(e["sequence"]) for e in events) == [0] * (len(events) - 1) + [1]
    # a calendar edited by hand is not ours to version from: the next build starts again at 0
    (out / "calendar.ics").write_bytes((out / "calendar.ics").read_bytes().replace(b"Watch Water", b"Hand"))
    build(config, out, only=["calendar"], lint=False, force=True)
    assert {int(e["sequence"]) for e in _events((out / "calendar.ics").read_bytes())} == {0}
