"""A wrong cache must be impossible: every kind of input changed, the incremental build equals a clean one.

For each mutation (each config section, each template on the search path, a font, a logo, htpm's
version) the campaign is built, changed in place, built again on top of the first build with its
cache (B), and built from scratch (C: every generator run, nothing reused but the drawn pixels of
unchanged graphics, whose keys are checked by the font and logo cases). B must equal C file for
file, and where the change is visible C must differ from the first build. LibreOffice is left out
(page numbers are covered by the toolkit's own tests) so the cases stay quick.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pptx
import pytest
import yaml

import htpm.fingerprints
import htpm.pdf
from htpm.cache import CACHE_DIR
from htpm.generators import NAMES
from htpm.paths import templates_dir
from tests.incremental.kit import LOGOS, ROOT, base_config, differing, outputs, run, write_campaign

Mutation = Callable[[Path, dict[str, Any]], bool]  # changes the config data and/or files; visible?


def _append(value: str) -> str:
    return value.rstrip() + " (changed)"


def _first_text(data: Any) -> bool:
    """Append to the first name/title/text/description string found, depth first."""
    if isinstance(data, dict):
        for key in ("name", "title", "text", "description", "body", "heading"):
            if isinstance(data.get(key), str):
                data[key] = _append(data[key])
                return True
        return any(_first_text(v) for v in data.values())
    if isinstance(data, list):
        return any(_first_text(v) for v in data)
    return False


def section(name: str) -> Mutation:
    def mutate(_folder: Path, data: dict[str, Any]) -> bool:
        assert _first_text(data[name]), f"nothing to change in {name}"
        return True

    return mutate


def setting(change: Callable[[dict[str, Any]], None], visible: bool = True) -> Mutation:
    def mutate(_folder: Path, data: dict[str, Any]) -> bool:
        change(data)
        return visible

    return mutate


def _post(data: dict[str, Any]) -> None:
    post = data["weeks"][0]["sections"][0]["posts"][0]
    post["text"] = post["text"].replace(".", ", every day.", 1)


def _week_title(data: dict[str, Any]) -> None:
    data["weeks"][1]["title"] = _append(data["weeks"][1]["title"])


CONFIG: dict[str, Mutation] = {
    "locale": setting(lambda d: d.update(locale="en-GB")),
    "observance": section("observance"),
    "organization": section("organization"),
    "theme": section("theme"),
    "introduction": setting(lambda d: d.update(introduction=_append(d["introduction"]))),
    "introduction_title": setting(lambda d: d.update(introduction_title="Why this month")),
    "goals": setting(lambda d: d["goals"].append("Teach one more person to swim.")),
    "audiences_intro": setting(lambda d: d.update(audiences_intro="Use this toolkit if you are:")),
    "audiences": section("audiences"),
    "hashtags": setting(lambda d: d["hashtags"].update(guidance="Use the campaign hashtag on every post.")),
    "hotline": section("hotline"),
    "guidelines": setting(lambda d: d.update(guidelines=yaml.safe_load(_2023_section("guidelines")))),
    "events": section("events"),
    "proclamation": section("proclamation"),
    "digital": section("digital"),
    "weeks_intro": setting(lambda d: d.update(weeks_intro="Each week has its own focus.")),
    "weeks": setting(_week_title),
    "weeks.posts": setting(_post),
    "resources": section("resources"),
    "endnotes": section("endnotes"),
    "fill_ins": setting(lambda d: d["fill_ins"][0].update(blank="[your partner]")),
    "fill": setting(lambda d: d.update(fill={"partner": "the Lakeside Swim Club"})),
    "labels": setting(lambda d: d.update(labels={"toolkit.goals": "Our aims", "graphics.week": "Focus"})),
    "branding": setting(lambda d: d["branding"]["palette"].update(primary="#0B3D5C")),
    "social": setting(lambda d: d["social"].update(platforms=["x", "facebook", "instagram"])),
    "graphics": setting(lambda d: d["graphics"].update(sizes=["instagram_square"])),
    "lint": setting(lambda d: d.update(lint={"allow": ["drowning"]}), visible=False),
    "translations": setting(lambda d: d.update(translations={"en-GB": {}}), visible=False),
}


def _2023_section(name: str) -> str:
    data = yaml.safe_load((ROOT / "campaign_configs" / "2023.yaml").read_text(encoding="utf-8"))
    return re.sub(r"\[\^[a-z]+\]", "", yaml.safe_dump(data[name]))  # its endnotes are not ours


def test_every_config_section_has_a_case() -> None:
    from htpm.model import CampaignConfig

    assert set(CampaignConfig.model_fields) <= {k.split(".")[0] for k in CONFIG}


def _template_mutation(rel: str) -> Mutation:
    """An override of templates/REL beside the config, changed in a way its output shows where
    the file's kind allows (a comment otherwise: then only B == C is asserted)."""

    def mutate(folder: Path, _data: dict[str, Any]) -> bool:
        source = templates_dir() / rel
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".pptx"):
            deck = pptx.Presentation(str(source))
            # the title layout's prompt text: the layout part travels in every deck
            deck.slide_layouts[0].placeholders[0].text_frame.text = "A changed prompt"
            deck.save(str(target))
            return True
        if rel.endswith(".docx"):
            document = docx.Document(str(source))
            document.add_paragraph("An added closing line.")
            document.save(str(target))
            return True
        text = source.read_text(encoding="utf-8")
        visible = True
        if rel.startswith("labels/"):
            data = yaml.safe_load(text)
            # the longest label: running text (a short one may sit on a graphic, where any change
            # of length is a layout question, not a cache one)
            key = max((k for k, v in data.items() if isinstance(v, str)), key=lambda k: len(data[k]))
            # a date range sits on the week graphics: the same length, so the layout stays
            data[key] = data[key].replace("\u2009", " ") if "\u2009" in data[key] else _append(data[key])
            text = yaml.safe_dump(data, allow_unicode=True)
            # the test campaign is in English only and has no kit: blocks
            visible = rel.startswith("labels/en/") and rel != "labels/en/kit.yaml"
        elif rel == "graphics/sizes.yaml":
            # every size's name on the contact sheet is a label now: a comment (B == C still holds)
            text += "\n# an added comment\n"
            visible = False
        elif rel.startswith("graphics/"):
            # the layout's description, the start of its alt text (the pixels: the font, logo and
            # palette cases)
            text, changed = re.subn(
                r'^description: "(.*?)"', r'description: "\1 (changed)"', text, count=1, flags=re.M
            )
            visible = bool(changed)
        elif rel.endswith(".j2") and "{% extends" in text:  # a child shows only what is in its blocks
            head, _, tail = text.rpartition("{% endblock %}")
            text = head + "<p>An added closing line.</p>\n{% endblock %}" + tail
        elif rel.endswith(".j2"):
            text += "\nAn added closing line.\n"
        else:
            text += "\n# an added comment\n"
            visible = False
        target.write_text(text, encoding="utf-8")
        return visible

    return mutate


TEMPLATES = sorted(
    p.relative_to(templates_dir()).as_posix() for p in templates_dir().rglob("*") if p.is_file()
)


def _font(folder: Path, _data: dict[str, Any]) -> bool:
    (folder / "fonts").mkdir(exist_ok=True)
    shutil.copyfile(
        ROOT / "brand_assets" / "fonts" / "NotoSansDisplay-Bold.ttf", folder / "fonts" / "NotoSans-Bold.ttf"
    )
    return True


def _logo(folder: Path, _data: dict[str, Any]) -> bool:
    shutil.copyfile(LOGOS / "hhs-wordmark.png", folder / "logo.png")
    return True


CASES: dict[str, Mutation] = {
    **{f"config:{k}": v for k, v in CONFIG.items()},
    **{f"template:{rel}": _template_mutation(rel) for rel in TEMPLATES},
    "asset:font": _font,
    "asset:logo": _logo,
}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The campaign built once (folder, output and snapshots of both to start each case from)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(htpm.pdf, "find_soffice", lambda: None)
        place = tmp_path_factory.mktemp("kit")
        config = write_campaign(place / "campaign", base_config())
        run(config, place / "out")
        shutil.copytree(place / "campaign", place / "campaign.snapshot")
        shutil.copytree(place / "out", place / "out.snapshot")
        yield place


def _restore(place: Path) -> Path:
    for name in ("campaign", "out", "truth"):
        shutil.rmtree(place / name, ignore_errors=True)
    shutil.copytree(place / "campaign.snapshot", place / "campaign")
    shutil.copytree(place / "out.snapshot", place / "out")
    # the clean build starts from the same previous outputs (the calendar counts its versions) and
    # may reuse drawn graphics, but no generator: the index is gone
    shutil.copytree(place / "out.snapshot", place / "truth")
    (place / "truth" / CACHE_DIR / "index.json").unlink()
    return place / "campaign" / "config.yaml"


def _check(place: Path, config: Path) -> tuple[list[str], list[str]]:
    """(the outputs the change made differ, the generators B skipped); asserts B == C."""
    before = outputs(place / "out")
    incremental = run(config, place / "out")
    clean = run(config, place / "truth")
    assert not clean.skipped
    b, c = outputs(place / "out"), outputs(place / "truth")
    assert differing(b, c) == [], "the incremental build differs from a clean one"
    return differing(before, c), incremental.skipped


SLOW = pytest.mark.skipif(
    bool(os.environ.get("HTPM_QUICK_TESTS")),
    reason="HTPM_QUICK_TESTS is set: the 90 builds of the cache-invalidation test (minutes) are left out",
)


@SLOW
@pytest.mark.parametrize("case", sorted(CASES))
def test_incremental_equals_clean(first_build: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    config = _restore(first_build)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    visible = CASES[case](config.parent, data)
    write_campaign(config.parent, data)
    changed, skipped = _check(first_build, config)
    if visible:
        assert changed, f"{case}: the change shows in no output; the case tests nothing"
    if case == "config:weeks.posts":  # a post edit redraws nothing, and leaves the proclamation
        assert {"graphics", "proclamation"} <= set(skipped)
        assert not [p for p in changed if p.startswith(("graphics/", "proclamation/"))]
    if case in ("asset:font", "asset:logo", "config:branding"):
        assert "graphics" not in skipped
        assert any(p.startswith("graphics/") and p.endswith(".png") for p in changed)


@SLOW
def test_a_new_htpm_rebuilds_everything(first_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    config = _restore(first_build)
    assert set(run(config, first_build / "out").skipped) == set(NAMES)
    _restore(first_build)
    htpm.fingerprints.code_version.cache_clear()
    monkeypatch.setattr(htpm.fingerprints, "__version__", "99.0")
    try:
        changed, skipped = _check(first_build, config)
    finally:
        htpm.fingerprints.code_version.cache_clear()
    assert skipped == []
