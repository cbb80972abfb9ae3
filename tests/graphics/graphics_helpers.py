"""Helpers for the graphics tests: image bytes, a one-aspect layout, the water-safety config."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from htpm.campaign import Campaign

ROOT = Path(__file__).resolve().parents[2]
WATER = ROOT / "tests" / "data" / "water-safety" / "config.yaml"

MakeCampaign = Callable[..., Campaign]


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = (
            merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def png_bytes(image: Image.Image, **save: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **save)
    return buffer.getvalue()


def jpeg_bytes(image: Image.Image, **save: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def by_path(artifacts: list[Any]) -> dict[str, bytes]:
    return {a.path: a.data for a in artifacts}


# A one-aspect layout for focused tests: a background and one text box.
def simple_layout(
    text: str = "{{ theme }}",
    background: str = "colour: primary",
    colour: str = "light",
    box: str = "[80, 300, 920, 400]",
    size: str = "[40, 120]",
    lines: int = 3,
    per: str = "campaign",
) -> str:
    return f"""
title: Test
description: A test graphic.
per: {per}
canvas:
  square: {{safe: [40, 40, 40, 40]}}
layers:
  - type: background
    {background}
  - name: headline
    type: text
    text: "{text}"
    colour: {colour}
    size: {size}
    lines: {lines}
    at:
      square: {box}
"""
