"""Read a built kit's outputs back as their readers do, as text, for the no-English-word checks."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
from icalendar import Calendar

from htpm.checks import reference_labels
from htpm.labels import merged_labels
from htpm.paths import templates_dir
from tests.conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Text(HTMLParser):
    """Visible text and alt attributes of a page; the `lang` of its root element."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.lang: str | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.lang is None and found.get("lang"):
            self.lang = found["lang"]
        if tag in ("style", "script"):
            self._skip += 1
        for name in ("alt", "title", "aria-label"):
            if found.get(name):
                self.parts.append(str(found[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> tuple[str, str | None]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts), parser.lang


def docx_text(path: Path) -> tuple[str, set[str]]:
    """Every paragraph (body, tables, headers, footers), the core title and every image's alt text;
    and the w:lang values of its style defaults."""
    document = docx.Document(str(path))
    parts = [document.core_properties.title or ""]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                xml = z.read(name).decode("utf-8")
                for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
                    parts.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)))
                parts += re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    langs = {
        el.get(f"{W}val") for el in document.styles.element.iter(f"{W}lang") if el.get(f"{W}val") is not None
    }
    return "\n".join(parts), {str(v) for v in langs}


def calendar_text(path: Path) -> tuple[str, set[str]]:
    cal = Calendar.from_ical(path.read_bytes())
    parts, langs = [str(cal.get("x-wr-calname", ""))], set()
    for event in cal.walk("VEVENT"):
        for name in ("summary", "description"):
            value = event.get(name)
            if value is not None:
                parts.append(str(value))
                langs.add(str(value.params.get("LANGUAGE", "")))
    return "\n".join(parts), langs


def english_fragments(language: str = "es") -> dict[str, str]:
    """Each English fixed word that differs from the language's own, as the fragments it is
    printed as (its text between {slots}), mapped to its label key."""
    other = merged_labels([templates_dir() / "labels" / language], {})
    out: dict[str, str] = {}
    for key, english in reference_labels().items():
        if other.get(key) == english:
            continue  # the same in both languages (TTY)
        for piece in re.split(r"\{\w+\}", english):
            piece = piece.strip(" :,.()\u2009–-")
            if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece):
                out[piece] = key
    return out


def english_words_in(text: str, fragments: dict[str, str]) -> list[str]:
    """The English fragments found in `text`, whole words, case as written."""
    flat = " ".join(text.split())
    return [
        f"{piece!r} ({key})"
        for piece, key in fragments.items()
        if re.search(rf"(?<![\w]){re.escape(piece)}(?![\w])", flat)
    ]


def build_locale(config: Path, out: Path, locale: str) -> subprocess.CompletedProcess[str]:
    """`htpm build CONFIG -o OUT --locale LOCALE` from the command line, as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "htpm", "build", str(config), "-o", str(out), "--locale", locale],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done
