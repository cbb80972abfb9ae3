"""A small campaign in a folder of its own, built in place: the incremental tests' shared helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from htpm.build import BuildResult, build
from htpm.outputs import read_manifest

ROOT = Path(__file__).resolve().parents[2]
WATER_SAFETY = ROOT / "tests" / "data" / "water-safety" / "config.yaml"
LOGOS = ROOT / "brand_assets" / "logos"


def base_config() -> dict[str, Any]:
    """The water-safety campaign with two graphic sizes (fast), a logo beside it, an open fill-in, a
    possessive and its posts in the calendar: every input has somewhere to show."""
    data = yaml.safe_load(WATER_SAFETY.read_text(encoding="utf-8"))
    data["graphics"] = {"sizes": ["instagram_square", "x"]}
    data["branding"]["logo"] = "logo.png"
    data["branding"]["logo_alt"] = "Lakeside County Parks"
    data["fill_ins"] = [{"name": "partner", "prompt": "Your partner's name", "blank": "[partner]"}]
    data["introduction"] = (
        data["introduction"].rstrip() + " With {partner} and {organization_possessive} staff.\n"
    )
    data["social"]["schedule"]["include_in_calendar"] = True  # the posting times are events too
    post = data["weeks"][0]["sections"][0]["posts"][0]
    post["text"] = post["text"].rstrip() + " Ask {partner}."  # an open fill-in after the edited words
    return data


def write_campaign(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yaml"
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    if not (folder / "logo.png").exists():
        shutil.copyfile(LOGOS / "wa-wordmark.png", folder / "logo.png")
    return config


def run(config: Path, out: Path, **options: Any) -> BuildResult:
    return build(config, out, lint=False, **options)


_MODIFIED = re.compile(rb"^LAST-MODIFIED:.*\r?\n", re.M)


def outputs(out: Path) -> dict[str, bytes]:
    """Every output the manifest lists, as bytes; the calendar without its LAST-MODIFIED stamps
    (the time of the build that changed an event, which two builds a second apart cannot share)."""
    found = {}
    for rel in read_manifest(out):
        data = (out / rel).read_bytes()
        found[rel] = _MODIFIED.sub(b"", data) if rel.endswith(".ics") else data
    return found


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
