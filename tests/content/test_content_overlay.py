"""The Washington State 2027 overlay: the national kit, a new year and brand, labor trafficking resources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from htpm.campaign import Campaign
from htpm.config import load_campaign

ROOT = Path(__file__).resolve().parents[2]
NOTES = Path(__file__).parent / "seeds" / "labor_trafficking_notes.txt"
NOT_A_RESOURCE = "Trainings conceptualized and led by survivors"


@pytest.fixture(scope="module")
def national() -> Campaign:
    return load_campaign(ROOT / "campaign_configs" / "2023.yaml")


@pytest.fixture(scope="module")
def wa() -> Campaign:
    return load_campaign(ROOT / "campaign_configs" / "wa-2027.yaml")


def labor_bullets() -> list[str]:
    """The '- ' items of the notes' Labor Trafficking block (before the next heading)."""
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    end = lines.index("Resources for Social Service Providers")
    return [line[2:].strip() for line in lines[:end] if line.startswith("- ")]


def test_year_and_dates(wa: Campaign) -> None:
    assert (wa.year, wa.month) == (2027, 1)
    assert [(w.start.isoformat(), w.end.day) for w in wa.weeks][0] == ("2027-01-01", 7)
    proc = wa.config.proclamation
    assert proc is not None
    year = {p.name: p for p in proc.placeholders}["year"]
    assert (year.default, year.blank) == ("2027", "(2027)")
    assert "{year}" in proc.resolution


def test_organization_and_branding_replaced(wa: Campaign, national: Campaign) -> None:
    org = wa.config.organization
    assert org.name == "Washington State Anti-Trafficking Coalition"
    assert (org.short_name, org.office, org.website) == (None, None, None)
    assert wa.config.branding.logo == "logos/wa-wordmark.png"
    assert wa.config.branding.palette != national.config.branding.palette
    assert wa.config.social.schedule.timezone == "America/Los_Angeles"
    assert wa.config.social.schedule.times == national.config.social.schedule.times


def test_national_content_inherited(wa: Campaign, national: Campaign) -> None:
    assert wa.config.weeks == national.config.weeks
    assert sum(len(s.posts) for w in wa.config.weeks for s in w.sections) == 36
    assert wa.config.hotline == national.config.hotline
    assert wa.config.proclamation.whereas == national.config.proclamation.whereas  # type: ignore[union-attr]
    assert wa.config.theme.name == "Partner to Prevent"


def test_labor_category_appended_after_the_national_ten(wa: Campaign, national: Campaign) -> None:
    categories = wa.config.resources
    assert len(categories) == 11
    assert categories[:10] == national.config.resources
    labor = categories[10]
    assert labor.name == "Labor Trafficking"
    assert labor.description and "occurring in Washington State" in labor.description
    assert len(labor.resources) == 12


def test_every_labor_resource_of_the_notes_is_there(wa: Campaign) -> None:
    labor = {r.title.casefold(): r for r in wa.config.resources[-1].resources}
    items = [b for b in labor_bullets() if not b.startswith(NOT_A_RESOURCE)]
    assert len(items) == len(labor)
    for item in items:
        title = re.split(r" \(| – ", item)[0].rstrip(":").replace("LT ", "Labor Trafficking ")
        assert title.casefold() in labor, item
        kind = re.search(r"\((webinar|panel discussion)\)", item)
        if kind:
            assert labor[title.casefold()].type.casefold() == kind.group(1)
    murphy = labor["labor trafficking of u.s. minors"]
    assert murphy.description and murphy.description.startswith("Led by Dr. Laura Murphy")
    urls = {r.url for r in labor.values() if r.url}
    assert urls == {"https://frameworkta.org"}  # the only address the notes give


def test_copy_rewritten_for_2027(wa: Campaign, national: Campaign) -> None:
    c = wa.config
    for text in (c.introduction, c.digital.newsletter.body, c.digital.website.body):
        assert "2023" not in text and "2022" not in text
        assert "Partner to Prevent" in text
    assert "January 2027" in c.digital.newsletter.body
    assert "Washington State" in c.introduction
    assert c.digital.newsletter.title == national.config.digital.newsletter.title  # merged, not replaced
