"""Every text field that reaches an output is copy, so lint checks it.

A unique sentinel word goes into every free-text field of the model at once (walking the model,
not a list kept by hand); every generator runs in memory; each sentinel found in an output (text
files read as text, .docx/.pptx unzipped) must belong to a field `htpm.copyfields` yields."""

from __future__ import annotations

import io
import re
import types
import typing
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from htpm.artifacts import BuildContext
from htpm.campaign import Campaign
from htpm.config import load_campaign
from htpm.copyfields import iter_copy
from htpm.generators import REGISTRY
from htpm.model import CampaignConfig

DATA = Path(__file__).parents[1] / "data" / "water-safety"

#: string fields that are not free text: (model, field) -> why
NOT_TEXT = {
    ("Account", "platform"): "a platform id",
    ("Organization", "email"): "an address",
    ("Hashtags", "primary"): "a hashtag (validated)",
    ("Hashtags", "secondary"): "hashtags (validated)",
    ("Hotline", "phone"): "a number as dialled",
    ("Hotline", "tty"): "a number as dialled",
    ("Hotline", "text"): "a number (and keyword) as texted",
    ("CopyBlock", "image"): "a file name",
    ("Post", "image"): "a graphics path or a file name",
    ("Branding", "logo"): "a file name",
    ("Branding", "photo"): "a file name",
    ("Fonts", "heading"): "a file name",
    ("Fonts", "body"): "a file name",
    ("Fonts", "docx_heading"): "a font family name",
    ("Fonts", "docx_body"): "a font family name",
    ("Palette", "*"): "colours (validated)",
    ("Schedule", "*"): "a time zone and times",
    ("Social", "image_base_url"): "an address",
    ("DigitalEngagement", "image_base_url"): "an address",
    ("Graphics", "*"): "layout and size names",
    ("LintSettings", "*"): "lint settings",
    ("CampaignConfig", "translations"): "other locales: each is a campaign of its own",
}

#: fields the small config leaves out, so that every kind of field carries a sentinel
EXTRA: dict[str, Any] = {
    "organization": {"newsletter": {"text": "Our newsletter", "url": "https://example.org/news"}},
    "guidelines": {
        "title": "Best practices",
        "sections": [
            {"title": "Messaging", "lists": [{"items": [{"text": "Be kind", "items": ["Use names"]}]}]}
        ],
    },
    "events": {
        "features": [{"title": "Swim day", "links": [{"text": "Sign up", "url": "https://example.org/s"}]}]
    },
    "digital": {
        "blocks": [{"title": "Slides", "links": [{"text": "Slides", "url": "https://example.org/d"}]}],
        "social_blocks": [
            {"title": "Graphics", "links": [{"text": "Graphics", "url": "https://example.org/g"}]}
        ],
    },
    "labels": {"toolkit.goals": "Goals", "copy.visit": "Visit"},
    "fill_ins": [{"name": "a_fill", "prompt": "What to write", "blank": "[blank]", "value": "a value"}],
    "fill": {"a_fill": "the value"},
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif base.get(key) in (None, [], {}):
            base[key] = value


def _models(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for arg in typing.get_args(tp) for m in _models(arg)]


def _has_pattern(metadata: Any) -> bool:
    """A `pattern=` among pydantic field metadata (a FieldInfo's own metadata included)."""
    for item in metadata:
        if getattr(item, "pattern", None) or _has_pattern(getattr(item, "metadata", [])):
            return True
    return False


def _is_text(tp: Any) -> bool:
    """str, str | None, list[str], dict[..., str]: free text unless a pattern constrains it."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return not _has_pattern(args[1:]) and _is_text(args[0])
    if origin in (typing.Union, types.UnionType):
        return all(_is_text(a) for a in args if a is not type(None))
    if origin is list:
        return _is_text(args[0])
    if origin is dict:
        return _is_text(args[1])
    return tp is str


class Sentinels:
    def __init__(self) -> None:
        self.paths: dict[str, tuple[str | int, ...]] = {}

    def word(self, path: tuple[str | int, ...]) -> str:
        word = f"zq{len(self.paths):04d}x"
        self.paths[word] = path
        return word

    def fill(self, model: type[BaseModel], data: dict[str, Any], path: tuple[str | int, ...]) -> None:
        for name, field in model.model_fields.items():
            if (model.__name__, name) in NOT_TEXT or (model.__name__, "*") in NOT_TEXT:
                continue
            here, value = (*path, name), data.get(name)
            inner = _models(field.annotation)
            if inner:  # a model, or a list of them
                items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
                for key, item in items:
                    if isinstance(item, dict):
                        self.fill(inner[0], item, here if key is None else (*here, key))
            elif _is_text(field.annotation) and not _has_pattern(field.metadata):
                data[name] = self.text(value, here)

    def text(self, value: Any, path: tuple[str | int, ...]) -> Any:
        if value is None:
            return self.word(path)
        if isinstance(value, str):
            return f"{value} {self.word(path)}"
        if isinstance(value, list):
            return [self.text(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {k: self.text(v, (*path, k)) for k, v in value.items()}
        return value


def _output_text(path: str, data: bytes) -> str:
    if path.endswith((".docx", ".pptx", ".xlsx", ".zip")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if path.endswith((".png", ".jpg", ".pdf")):
        return ""
    return data.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[CampaignConfig, Sentinels, set[str]]:
    base = load_campaign(DATA / "config.yaml")
    data = base.config.model_dump(mode="python", exclude_unset=False)
    _merge(data, EXTRA)
    for post in data["weeks"][0]["sections"][0]["posts"]:
        post["variants"] = {"bluesky": post["text"]}
    data["graphics"]["sizes"] = ["instagram_square"]  # one size is enough to read the alt texts
    sentinels = Sentinels()
    sentinels.fill(CampaignConfig, data, ())
    config = CampaignConfig.model_validate(data)
    campaign = Campaign(config=config, path=DATA / "config.yaml", config_dirs=(DATA,))
    found: set[str] = set()
    for generator in REGISTRY:
        for artifact in generator.generate(campaign, BuildContext()):
            found.update(re.findall(r"zq\d{4}x", _output_text(artifact.path, artifact.data).lower()))
    return config, sentinels, found


def _unlinted(config: CampaignConfig, sentinels: Sentinels, found: set[str]) -> list[str]:
    linted = {path for path, _, _ in iter_copy(config)}
    return sorted(".".join(map(str, sentinels.paths[w])) for w in found if sentinels.paths[w] not in linted)


def test_every_field_that_reaches_an_output_is_linted(
    built: tuple[CampaignConfig, Sentinels, set[str]],
) -> None:
    config, sentinels, found = built
    assert len(found) > 100  # the sentinels do reach the outputs
    assert _unlinted(config, sentinels, found) == []


def _text_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every free-text field of the model, as `weeks.*.sections.*.posts.*.text`."""
    out: set[str] = set()
    for name, field in model.model_fields.items():
        if (model.__name__, name) in NOT_TEXT or (model.__name__, "*") in NOT_TEXT:
            continue
        inner = _models(field.annotation)
        many = typing.get_origin(_without_none(field.annotation)) is list
        here = f"{prefix}{name}{'.*' if many else ''}"
        if inner:
            out |= _text_fields(inner[0], here + ".")
        elif _is_text(field.annotation) and not _has_pattern(field.metadata):
            out.add(f"{prefix}{name}")
    return out


def _without_none(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return args[0] if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1 else tp


def test_every_text_field_of_the_model_carries_a_sentinel(
    built: tuple[CampaignConfig, Sentinels, set[str]],
) -> None:
    """So a new field (or model) the small config lacks cannot slip past: add it to EXTRA."""
    _, sentinels, _ = built
    filled = set()
    for path in sentinels.paths.values():
        parts = ["*" if isinstance(p, int) else str(p) for p in path]
        pattern = ".".join(parts)
        while pattern not in _text_fields(CampaignConfig) and "." in pattern:
            pattern = pattern.rsplit(".", 1)[0]  # a list item or mapping value of a text field
        filled.add(pattern)
    assert _text_fields(CampaignConfig) - filled == set()


def test_the_check_fails_for_a_field_that_is_not_marked(
    built: tuple[CampaignConfig, Sentinels, set[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from htpm.model import Theme

    monkeypatch.setattr(Theme.model_fields["tagline"], "json_schema_extra", None)
    config, sentinels, found = built
    assert _unlinted(config, sentinels, found) == ["theme.tagline"]
