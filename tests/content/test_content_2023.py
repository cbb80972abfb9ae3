"""The bundled 2023 campaign reproduces the 2023 federal toolkit (seeds/toolkit_2023.txt) completely.

The expected posts, resources and proclamation are parsed from the toolkit's own text (a copy of the
source lives in tests/content/seeds/), so a post edited, dropped or moved in the config fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.values import shown

ROOT = Path(__file__).resolve().parents[2]
SEED = Path(__file__).parent / "seeds" / "toolkit_2023.txt"

# The section headings of "Sample Social Media Posts"; any other heading there is a post's topic.
SECTIONS = {
    "Human Trafficking Prevention Month / National Day of Human Trafficking Awareness (1/11)",
    "Education Opportunities",
    "Toolkits and Resources",
    "Resources for People who have Experienced Human Trafficking",
    "Voices of Freedom",
    "Training Opportunities",
}
EXPECTED_WEEKS = [
    [
        ("Human Trafficking Prevention Month / National Day of Human Trafficking Awareness (1/11)", 3),
        ("Education Opportunities", 5),
        ("Toolkits and Resources", 2),
        ("Resources for People who have Experienced Human Trafficking", 4),
        ("Voices of Freedom", 3),
    ],
    [("Training Opportunities", 5), ("Toolkits and Resources", 1), ("Voices of Freedom", 3)],
    [("Training Opportunities", 3), ("Toolkits and Resources", 3), ("Voices of Freedom", 1)],
    [("Training Opportunities", 1), ("Toolkits and Resources", 2)],
]
CATEGORIES = [
    ("Children and Youth", 10),
    ("Disaster Management", 4),
    ("Diversity, Equity, Inclusion, and Accessibility", 7),
    ("Healthcare and Behavioral Healthcare", 8),
    ("Housing and Economic Mobility", 10),
    ("Resources for People who have Experienced Human Trafficking", 4),
    ("Strengthening Services for People Who Have Experienced Human Trafficking", 10),
    ("Substance Use Disorders", 6),
    ("Survivor Engagement", 4),
    ("Technology Facilitated Human Trafficking", 3),
]

MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)\s]*\))*\)")
ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>")
SUPERSCRIPT_NOTE = re.compile(r"\^\{[ivx]+\}|[ⁱᵛˣ]+")
NOTE_REF = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
URL = re.compile(r"https?://[^\s)\]>]+")


def plain(text: str) -> str:
    """Text as published: a Markdown link keeps its visible text, <url> becomes the url."""
    text = MD_LINK.sub(lambda m: m.group(1), text)
    text = ANGLE_URL.sub(r"\1", text)
    return text.replace("\\(", "(").replace("\\)", ")").strip()


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def body_index(lines: list[str], heading: str) -> int:
    """The body heading (table-of-contents lines carry a tab and a page number)."""
    found = [i for i, line in enumerate(lines) if line.strip() == heading and "\t" not in line]
    assert found, heading
    return found[-1]


def seed_posts() -> list[list[tuple[str | None, str | None, str]]]:
    """Per week, (section, topic, text) of every '- ' bullet under 'Sample Social Media Posts'."""
    lines = seed_lines()
    end = body_index(lines, "Resources")
    weeks: list[list[list]] = []
    in_posts = continues = False
    section = topic = None
    for raw in lines[:end]:
        line = raw.strip()
        if re.match(r"^Week \d+: ", line) and "\t" not in raw:
            weeks.append([])
            in_posts = continues = False
            section = topic = None
        elif line == "Sample Social Media Posts":
            in_posts = bool(weeks)
        elif not in_posts:
            continue
        elif not line:
            continues = False
        elif line.startswith("- "):
            weeks[-1].append([section, topic, plain(line[2:])])
            continues = True
        elif continues:  # a post wrapped onto the next line (its URL)
            weeks[-1][-1][2] += " " + plain(line)
        elif line in SECTIONS:
            section, topic = line, None
        else:
            topic = line
    return [[tuple(p) for p in week] for week in weeks]


def seed_resources() -> list[tuple[str, list[tuple[str, str]]]]:
    lines = seed_lines()
    start, end = body_index(lines, "Resources"), body_index(lines, "Endnotes")
    categories: list[tuple[str, list[tuple[str, str]]]] = []
    for raw in lines[start + 1 : end]:
        line = raw.strip()
        if line.startswith("- "):
            kind, title = plain(line[2:]).replace("**", "").split(": ", 1)
            categories[-1][1].append((kind, title))
        elif line:
            categories.append((line, []))
    return categories


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)


def bare(url: str) -> str:
    url = re.sub(r"^https?://(www\.)?", "", url.lower())
    return url.rstrip("/.,;")


def contrast(a: str, b: str) -> float:
    def lum(hex_: str) -> float:
        rgb = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(ROOT / "campaign_configs" / "2023.yaml")


# -- counts -------------------------------------------------------------------------------------


def test_observance_and_theme(campaign: Campaign) -> None:
    c = campaign.config
    assert (c.observance.name, c.observance.month, c.observance.year) == (
        "National Human Trafficking Prevention Month",
        1,
        2023,
    )
    assert c.theme.name == "Partner to Prevent"
    assert (c.organization.short_name, c.organization.office) == ("HHS", "Office on Trafficking in Persons")
    assert [a.handle for a in c.organization.accounts] == [
        "@ACFHHS",
        "Administration for Children and Families",
        "@ACF_gov",
        "Office on Trafficking in Persons",
    ]
    assert c.organization.newsletter and c.organization.newsletter.text == "OTIP Connect"
    assert len(c.goals) == 4 and len(c.audiences) == 5


def test_weeks_sections_and_post_counts(campaign: Campaign) -> None:
    weeks = campaign.config.weeks
    got = [[(s.title, len(s.posts)) for s in w.sections] for w in weeks]
    assert got == EXPECTED_WEEKS
    assert sum(len(s.posts) for w in weeks for s in w.sections) == 36
    assert [(w.start.day, w.end.day) for w in campaign.weeks] == [(1, 7), (8, 14), (15, 21), (22, 28)]


def test_resource_categories(campaign: Campaign) -> None:
    got = [(cat.name, len(cat.resources)) for cat in campaign.config.resources]
    assert got == CATEGORIES
    assert sum(n for _, n in got) == 66


def test_hashtags_and_hotline(campaign: Campaign) -> None:
    tags, hotline = campaign.config.hashtags, campaign.config.hotline
    assert tags.primary == "#Partner2Prevent"
    assert tags.secondary == [
        "#EndTrafficking",
        "#HumanTrafficking",
        "#ForcedLabor",
        "#LaborTrafficking",
        "#SexTrafficking",
    ]
    assert tags.max_per_post == 2
    assert hotline is not None
    assert (hotline.phone, hotline.text, hotline.tty) == ("1-888-373-7888", "233733 (BEFREE)", "711")


def test_endnotes_are_all_referenced_where_the_toolkit_puts_them(campaign: Campaign) -> None:
    c = campaign.config
    assert [n.id for n in c.endnotes] == ["i", "ii", "iii", "iv"]
    refs = {ref for s in strings(c.model_dump()) for ref in NOTE_REF.findall(s)}
    assert refs == {"i", "ii", "iii", "iv"}
    assert c.guidelines is not None
    assert c.guidelines.subtitle == "Guidelines for Messaging and Images[^i]"
    messaging = c.guidelines.sections[0].lists[0].items
    assert messaging[0].text.endswith("[^ii]")
    assert messaging[-1].text == "Person-centered[^iii] and trauma-informed[^iv] messaging:"


# -- faithfulness -------------------------------------------------------------------------------


def test_every_seed_post_is_in_its_week_section_and_topic_verbatim(campaign: Campaign) -> None:
    expected = seed_posts()
    # as a reader sees them: the seed's bracketed blanks are open fill-ins, shown as the same blanks
    weeks = campaign.config.weeks
    got = [[(s.title, p.topic, shown(p.text)) for s in w.sections for p in s.posts] for w in weeks]
    assert [len(w) for w in expected] == [17, 9, 7, 3]
    assert got == expected


def test_posts_carry_no_platform_variants(campaign: Campaign) -> None:
    posts = [p for w in campaign.config.weeks for s in w.sections for p in s.posts]
    assert all(not p.variants and p.platforms is None for p in posts)


def test_every_seed_resource_is_in_its_category_with_type_and_title(campaign: Campaign) -> None:
    got = [(cat.name, [(r.type, r.title) for r in cat.resources]) for cat in campaign.config.resources]
    assert got == seed_resources()


def test_proclamation_with_blanks_is_the_seed_text(campaign: Campaign) -> None:
    proc = campaign.config.proclamation
    assert proc is not None
    blanks = {f"{{{p.name}}}": p.blank for p in proc.placeholders}
    assert blanks == {
        "{organization}": "[State/Organization]",
        "{title}": "(title: Governor, Mayor, etc.)",
        "{jurisdiction}": "(insert State, City, County, etc.)",
        "{year}": "(2023)",
        "{signer_name}": "(name of the signer)",  # htpm's addition: the seed ends in "Signature, Title"
    }
    assert {p.name: p.default for p in proc.placeholders}["year"] == "2023"

    def filled(text: str) -> str:
        for mark, blank in blanks.items():
            text = text.replace(mark, blank)
        return text

    seed = [line[2:] for line in seed_lines() if line.startswith(("- Whereas", "- Now, therefore"))]
    assert len(proc.whereas) == 11
    assert [filled(w) for w in proc.whereas] + [filled(proc.resolution)] == seed
    assert proc.signature_lines == ["Signature, Title", "Date"]


def test_guideline_points_are_the_seed_bullets(campaign: Campaign) -> None:
    lines = seed_lines()
    start, end = body_index(lines, "Messaging should:"), body_index(lines, "Events and Activities")
    seed = [
        SUPERSCRIPT_NOTE.sub("", line.strip()[2:])
        for line in lines[start:end]
        if line.strip().startswith("- ")
    ]
    guidelines = campaign.config.guidelines
    assert guidelines is not None
    got = []
    for section in guidelines.sections:
        for lst in section.lists:
            for item in lst.items:
                got.append(NOTE_REF.sub("", item.text))
                got.extend(item.items)
    assert got == seed
    intros = [lst.intro for s in guidelines.sections for lst in s.lists]
    assert intros == [
        "Messaging should:",
        "Images should:",
        "Avoid images that:",
        "Be careful when sharing statistics:",
    ]


def test_prose_from_markdown_files_matches_the_seed(campaign: Campaign) -> None:
    text = SEED.read_text(encoding="utf-8")
    c = campaign.config
    for paragraph in c.introduction.split("\n\n"):
        assert paragraph in text
    assert c.hotline is not None and c.hotline.description is not None
    for paragraph in c.hotline.description.split("\n\n"):
        assert plain(paragraph) in plain(text), paragraph
    last = c.hotline.description.split("\n\n")[-1]
    assert plain(f"{last} {c.hotline.confidentiality}") in plain(text)
    for audience in c.audiences:
        assert f"{audience.name} {audience.description}" in text


def test_copy_blocks_match_the_seed(campaign: Campaign) -> None:
    text = plain(SEED.read_text(encoding="utf-8"))
    d = campaign.config.digital
    for body in (d.newsletter.body, d.website.body, *(b.body or "" for b in [*d.blocks, *d.social_blocks])):
        for paragraph in body.split("\n\n"):
            assert plain(shown(paragraph)) in text, paragraph
    feature = campaign.config.events.features[0]
    assert (feature.title, feature.subtitle, len(feature.links)) == (
        "Voices of Freedom",
        "An Oral History of Efforts to Address Human Trafficking",
        7,
    )
    for link in feature.links:
        assert f"[{link.text}](#)" in SEED.read_text(encoding="utf-8").replace("\\(", "(").replace("\\)", ")")
        assert link.url is None  # the toolkit lost these addresses; none is invented
    assert [(d.name, d.day) for d in campaign.config.events.days] == [
        ("National Day of Human Trafficking Awareness", 11)
    ]


def test_no_url_that_the_seeds_do_not_state(campaign: Campaign) -> None:
    seed = bare(SEED.read_text(encoding="utf-8"))
    urls = {u for s in strings(campaign.config.model_dump()) for u in URL.findall(s)}
    assert urls, "expected some addresses"
    invented = sorted(u for u in urls if bare(u) not in seed)
    assert invented == []


def test_branding_contrast(campaign: Campaign) -> None:
    b = campaign.config.branding
    assert contrast("#FFFFFF", b.palette.primary) >= 4.5
    assert contrast(b.palette.dark, b.palette.light) >= 4.5
    assert (b.logo, b.logo_alt) == ("logos/hhs-wordmark.png", "U.S. Department of Health and Human Services")
    assert campaign.config.social.platforms == [
        "x",
        "facebook",
        "instagram",
        "linkedin",
        "bluesky",
        "mastodon",
        "threads",
    ]
    assert campaign.config.social.schedule.timezone == "America/New_York"
