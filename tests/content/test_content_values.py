"""Campaign values in config text (`{year}`, `{organization}`, ...): an overlay prints its own."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from htpm.build import build
from htpm.config import load_campaign
from htpm.errors import ConfigError
from tests.conftest import WATER_SAFETY

NATIONAL = re.compile(r"\b(2023|2022)\b|Health and Human Services|\bHHS\b")


class _Text(HTMLParser):
    """What a mail client or browser shows, and every attribute (alt text is shown too)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(v for k, v in attrs if v and k in ("alt", "title", "aria-label"))


def _html_text(data: bytes) -> str:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def _introduction(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == "Introduction"
            continue
        if inside:
            out.append(p.text)
    return "\n".join(out)


def _outside_addresses(text: str) -> str:
    return re.sub(r"\S*(https?://|www\.|\.gov|\.org|\.com)\S*", " ", text)


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("htpm.generators.toolkit.soffice_available", lambda: False)


def test_an_overlay_prints_its_own_year_and_name(tmp_path: Path) -> None:
    overlay = tmp_path / "pine.yaml"
    overlay.write_text(
        "extends: htpm:2023\nobservance:\n  year: 2027\norganization:\n  name: Pine County Human Services\n"
        "  short_name: null\nbranding:\n  logo: null\n  logo_alt: null\n",
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    build(overlay, out, only=["toolkit", "social", "copy", "proclamation"], lint=False)
    shown = {
        "proclamation/proclamation.docx": _docx_text((out / "proclamation/proclamation.docx").read_bytes()),
        "proclamation/proclamation.md": (out / "proclamation/proclamation.md").read_text(encoding="utf-8"),
        "copy/newsletter.html": _html_text((out / "copy/newsletter.html").read_bytes()),
        "copy/newsletter.txt": (out / "copy/newsletter.txt").read_text(encoding="utf-8"),
        "copy/website.html": _html_text((out / "copy/website.html").read_bytes()),
        "copy/website.md": (out / "copy/website.md").read_text(encoding="utf-8"),
        "social/posts.json": "\n".join(
            p["text"] for p in json.loads((out / "social/posts.json").read_bytes())
        ),
        "toolkit introduction": _introduction((out / "toolkit.docx").read_bytes()),
    }
    for name, text in shown.items():
        found = NATIONAL.findall(_outside_addresses(text))
        assert not found, (name, found)
    assert (
        "Pine County Human Services' theme for Human Trafficking Prevention Month 2027"
        in shown["toolkit introduction"]
    )
    assert "(2027)" in shown["proclamation/proclamation.docx"]


def _campaign(tmp_path: Path, old: str, new: str):  # type: ignore[no-untyped-def]
    text = WATER_SAFETY.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "config.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_campaign(tmp_path / "config.yaml")


def test_values_braces_and_placeholders(tmp_path: Path) -> None:
    c = _campaign(
        tmp_path,
        "  May is Water Safety Month. Our theme,",
        "  {month} {year} ({previous_year}, {next_year}) is {observance_short} of {organization_possessive}"
        " with {{braces}}. Our theme,",
    )
    assert c.config.introduction.startswith(
        "May 2025 (2024, 2026) is Water Safety Month of Lakeside County Parks & Recreation's with {braces}."
    )
    proc = c.config.proclamation
    assert proc is not None and "{organization}" in proc.whereas[0]  # a placeholder stays one


def test_an_unknown_value_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        _campaign(tmp_path, "  tagline: Everyone learns, everyone watches.", "  tagline: Everyone {zzz}.")
    assert "config.yaml:21:12: theme.tagline: unknown value {zzz} (known: hashtag," in str(info.value)
