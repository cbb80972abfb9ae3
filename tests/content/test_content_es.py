"""The bundled campaign in Spanish: `translations: es-US:` in campaign_configs/2023.yaml.

Lists in a translation replace the English list whole (htpm.config.merge), so the Spanish repeats
every week, post, resource and placeholder; these tests hold it to the English: every published
string translated (none falls back to English), the same structure and settings, all 36 posts,
no English left in running text, none of the words the campaign's guidelines rule out, and posts
that fit every platform the English posts fit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.copyfields import SourcePath, iter_copy
from htpm.social.posts import plan_posts
from tests.conftest import CONFIG_2023, ROOT

LOCALE = "es-US"

# Strings that are the same in both languages because they are names: accounts as the platforms show
# them, programs and newsletters known by their English name, blanks with no words in them.
SAME_IN_BOTH = {
    "HHS",
    "OTIP Connect",
    "Twitter",
    "Facebook",
    "Instagram",
    "LinkedIn",
    "@ACFHHS",
    "@ACF_gov",
    "Administration for Children and Families",  # the Facebook page's name
    "Office on Trafficking in Persons",  # the LinkedIn page's name
    "Voices of Freedom",
    "SOAR Online",
    "Blog",
    "Video",
    "[XX]",
}

# English names kept inside Spanish sentences (programs, organizations, documents published in
# English); removed before looking for English words.
ENGLISH_NAMES = (
    "Voices of Freedom",
    "Administration for Children and Families",
    "Office on Trafficking in Persons",
    "Office of Human Services Emergency Preparedness and Response",
    "Human Trafficking Leadership Academy",
    "National Human Trafficking Training and Technical Assistance Center",
    "Coro Northern California",
    "StoryCorps Connect",
    "My Life My Choice",
    "Seeking Safety",
    "Conducting “Seeking Safety” Peer-Led Program with Individuals Who Experience Human Trafficking "
    "and Substance Use Disorder",
    "Toolkit for Building Survivor-Informed Organizations",
    "Housing Programs for Individuals Experiencing Housing Instability or Homelessness Environmental "
    "Scan and Brief",
    "Health Equity Guiding Principles for Inclusive Communication",
    "Senior Policy Operating Group Public Awareness and Outreach Committee Guide for Public Awareness "
    "Materials",
    "National Action Plan to Combat Human Trafficking",
    "SOAR for Indigenous Communities",
    "SOAR for Sexual Assault Nurse Examiners",
    "SOAR Online",
    "Responding to Human Trafficking Through the Child Welfare System",
    "Disaster Management: Preventing and Responding to Human Trafficking",
)
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|to|for|with|your|you|our|is|are|this|that|who|how|what|from|about|learn|more|"
    r"visit|read|people|human|trafficking|prevention|month|week|survivors?|resources?)\b",
    re.IGNORECASE,
)
# The words the campaign's messaging guidelines rule out, in English (none may appear at all) ...
ENGLISH_RULED_OUT = re.compile(
    r"\b(victims?|rescue[sd]?|rescuing|saved?|saving|vulnerable|marginali[sz]ed|high-risk|at-risk|"
    r"homeless|runaways?)\b",
    re.IGNORECASE,
)
# ... and in Spanish, outside the guidelines (which quote them) and proper names
SPANISH_RULED_OUT = re.compile(
    r"\b(víctimas?|rescat\w*|salvar\w*|liberar a|vulnerables?|marginad[oa]s?|de alto riesgo|"
    r"indigentes?|los sin hogar|fugitiv[oa]s?|fugad[oa]s?)\b",
    re.IGNORECASE,
)
SPANISH_PROPER_NAMES = ("Ley de Protección de Víctimas de la Trata de Personas",)
ADDRESS = re.compile(r"(https?://\S+|\b[\w.-]+\.(?:org|gov|com)(?:/\S*)?|[#@]\w+)")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def english() -> Campaign:
    return load_campaign(CONFIG_2023)


@pytest.fixture(scope="module")
def spanish() -> Campaign:
    return load_campaign(CONFIG_2023, locale=LOCALE)


def _copy(campaign: Campaign) -> dict[SourcePath, str]:
    return {path: text for path, text, _kind in iter_copy(campaign.config)}


def _content_copy(campaign: Campaign) -> dict[SourcePath, tuple[str, str]]:
    """Every published string a translation can give (not branding and settings), with its kind."""
    return {path: (text, kind) for path, text, kind in iter_copy(campaign.config) if path[0] != "branding"}


def _block() -> dict[str, Any]:
    raw = yaml.safe_load(CONFIG_2023.read_text(encoding="utf-8"))
    block: dict[str, Any] = raw["translations"][LOCALE]
    return block


def _walk(block: Any, path: SourcePath) -> bool:
    """Whether the translation block itself gives a value at `path` (a {file: ...} counts)."""
    node = block
    for part in path:
        if isinstance(node, dict) and set(node) == {"file"}:
            return True
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, str) and path[-1] == "text":  # a guideline item written as a string
                return True
        else:
            return False
    return node is not None


def test_every_content_string_of_the_english_is_translated(english: Campaign) -> None:
    block = _block()
    missing = [".".join(map(str, p)) for p in _content_copy(english) if not _walk(block, p)]
    assert missing == []


def test_the_spanish_has_the_english_structure(english: Campaign, spanish: Campaign) -> None:
    en, es = set(_content_copy(english)), set(_content_copy(spanish))
    assert es - en == {("organization", "possessive")}  # Spanish says "del Departamento ..."
    assert en - es == set()


def test_settings_that_are_not_words_stay_the_english_ones(english: Campaign, spanish: Campaign) -> None:
    """Addresses, days, kinds, limits, names of placeholders: the Spanish repeats lists whole, so a
    mistyped URL or a lost `kind:` would only show here."""

    def without_copy(campaign: Campaign) -> Any:
        data = campaign.config.model_dump(mode="json", exclude={"locale", "translations"})
        for path in _copy(campaign):
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = None
        return data

    assert without_copy(spanish) == without_copy(english)


def _posts(campaign: Campaign) -> list[str]:
    return [post.text for week in campaign.config.weeks for s in week.sections for post in s.posts]


def test_all_36_posts_are_in_spanish(english: Campaign, spanish: Campaign) -> None:
    en, es = _posts(english), _posts(spanish)
    assert len(es) == len(en) == 36
    assert not set(en) & set(es)
    for english_post, spanish_post in zip(en, es, strict=True):
        # the same links, hashtags and fill-ins, in each post
        assert sorted(re.findall(r"\S+\.\w+/\S*|\{\w+\}", spanish_post)) == sorted(
            re.findall(r"\S+\.\w+/\S*|\{\w+\}", english_post)
        ), spanish_post
        assert set(re.findall(r"#\w+", spanish_post)) <= set(english.config.hashtags.secondary) | {
            english.config.hashtags.primary
        }


def _running_text(spanish: Campaign, english: Campaign) -> Iterator[tuple[SourcePath, str]]:
    """Running text of each Spanish content string: English names (the English resource titles
    among them), addresses, hashtags, handles and {values} taken out."""
    titles = (r.title for c in english.config.resources for r in c.resources)
    names = sorted({*ENGLISH_NAMES, *titles}, key=len, reverse=True)
    for path, (text, _kind) in _content_copy(spanish).items():
        if text.endswith("(en inglés)") or text in SAME_IN_BOTH:
            continue  # a title of an English-only material, or a name
        for name in names:
            text = text.replace(name, " ")
        yield path, PLACEHOLDER.sub(" ", ADDRESS.sub(" ", text))


def test_no_english_left_in_the_spanish(english: Campaign, spanish: Campaign) -> None:
    english_copy = _copy(english)
    unchanged = [
        ".".join(map(str, p))
        for p, text in _copy(spanish).items()
        if p[0] != "branding" and english_copy.get(p) == text and text not in SAME_IN_BOTH
    ]
    assert unchanged == ["proclamation.placeholders.3.blank", "proclamation.placeholders.3.default"]
    english_words = [
        (".".join(map(str, p)), ENGLISH_WORDS.findall(text))
        for p, text in _running_text(spanish, english)
        if ENGLISH_WORDS.search(text)
    ]
    assert english_words == []


def test_no_word_the_guidelines_rule_out(spanish: Campaign) -> None:
    found = []
    for path, (text, kind) in _content_copy(spanish).items():
        if kind == "guideline":
            text = re.sub(r"“[^”]*”", " ", text)  # the guidelines quote the words they rule out
        for name in SPANISH_PROPER_NAMES:
            text = text.replace(name, " ")
        for rule in ENGLISH_RULED_OUT, SPANISH_RULED_OUT:
            found += [(".".join(map(str, path)), m.group(0)) for m in rule.finditer(text)]
    assert found == []


def test_the_guidelines_still_name_what_they_rule_out(spanish: Campaign) -> None:
    """The check above is not empty-handed: the Spanish guidelines quote the Spanish words."""
    guidance = " ".join(text for text, kind in _content_copy(spanish).values() if kind == "guideline")
    for word in ("“víctima”", "“rescatar”", "“vulnerable”", "“de alto riesgo”", "“fugado”"):
        assert word in guidance


def test_spanish_posts_fit_every_platform_the_english_posts_fit(english: Campaign, spanish: Campaign) -> None:
    def left_out(campaign: Campaign) -> set[tuple[str, str]]:
        return {(lo.ref.key, lo.platform.platform) for lo in plan_posts(campaign).left_out}

    assert left_out(spanish) - left_out(english) == set()


def test_prose_files_are_spanish_files_beside_the_config(english: Campaign, spanish: Campaign) -> None:
    for key in ("introduction",), ("hotline", "description"):
        assert english.locate(key).file.endswith(f"2023/{key[-1]}.md".replace("description", "hotline"))
        assert spanish.locate(key).file.endswith(
            f"2023/{LOCALE}/{key[-1]}.md".replace("description", "hotline")
        )
    assert spanish.config.introduction.startswith("En enero se celebra el Mes de Prevención")
    assert (
        "del Departamento de Salud y Servicios Humanos de EE. UU. para el Mes" in spanish.config.introduction
    )


@pytest.mark.skipif(
    not (ROOT / "templates" / "labels" / "es").is_dir(),
    reason="needs the Spanish labels (templates/labels/es)",
)
def test_the_spanish_kit_builds_and_says_what_the_config_says(spanish: Campaign, tmp_path: Path) -> None:
    """Through the library, as a locale is built: the documents read back carry the Spanish."""
    from docx import Document

    from htpm.artifacts import BuildContext
    from htpm.build import generate_all
    from htpm.generators import select
    from htpm.outputs import write_artifacts

    ctx = BuildContext(strict=False, pdf=False, subset=None, previous=lambda _path: None)
    write_artifacts(generate_all(spanish, select(["toolkit", "social"]), ctx), tmp_path, force=True)
    document = Document(str(tmp_path / "toolkit.docx"))
    paragraphs = {p.text for p in document.paragraphs}
    for week in spanish.config.weeks:
        assert any(week.title in text for text in paragraphs)
    assert spanish.config.hotline is not None and spanish.config.hotline.heading in paragraphs
    published = json.loads((tmp_path / "social" / "posts.json").read_text(encoding="utf-8"))
    texts = json.dumps(published, ensure_ascii=False)
    assert "Enero es el Mes de Prevención de la Trata de Personas." in texts
    assert "January is Human Trafficking Prevention Month" not in texts
