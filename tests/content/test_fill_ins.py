"""Fill-ins: the kit's blanks, declared once; open they are highlighted blanks kept out of uploads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from htpm.build import build
from tests.conftest import CONFIG_2023

BLANK = "[link to proclamation]"


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("htpm.generators.toolkit.soffice_available", lambda: False)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _upload_texts(out: Path) -> list[str]:
    texts = []
    for file in sorted((out / "social").glob("*.csv")):
        for row in _rows(file):
            texts.extend(row.get(k, "") for k in ("Text", "message_text", "text"))
    return texts


def test_open_fill_ins_are_blanks_in_documents_and_never_in_uploads(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = build(CONFIG_2023, out, only=["toolkit", "social", "copy"], lint=False)
    # the upload files hold no blank and no post that waits for one
    uploads = _upload_texts(out)
    assert uploads and not any("[" in t and "]" in t and "link to" in t for t in uploads)
    assert not any(t.startswith("January is Human Trafficking Prevention Month. @POTUS") for t in uploads)
    # posts.json keeps the post, with its blank and the names of its open fill-ins
    posts = json.loads((out / "social/posts.json").read_bytes())
    waiting = [p for p in posts if p["open_fill_ins"]]
    assert waiting and all(p["scheduled"] is None for p in waiting)
    assert any(BLANK in p["text"] and p["open_fill_ins"] == ["proclamation_link"] for p in waiting)
    # the documents show the blank, highlighted
    document = docx.Document(io.BytesIO((out / "toolkit.docx").read_bytes()))
    runs = [r for p in document.paragraphs for r in p.runs if r.text == BLANK]
    assert runs and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)
    assert '<mark class="fill-in">[XX]</mark>' in (out / "copy/newsletter.html").read_text(encoding="utf-8")
    assert "December [XX]" in (out / "copy/newsletter.txt").read_text(encoding="utf-8")
    # one summary line names each open fill-in and where it is used; each waiting post is a warning
    summary = [w for w in result.warnings if w.kind == "fill-ins"]
    assert len(summary) == 1 and "4 open fill-in(s)" in summary[0]
    assert "proclamation_link (" in summary[0] and "2023.yaml:" in summary[0]
    assert sum(w.kind == "fill-in" for w in result.warnings) == 2


def test_filled_in_the_value_is_used_everywhere(tmp_path: Path) -> None:
    overlay = tmp_path / "pine.yaml"
    overlay.write_text(
        "extends: htpm:2023\nfill:\n  proclamation_link: https://pine.example.org/proclamation\n"
        "  proclamation_day: '9'\n",
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    result = build(
        overlay,
        out,
        only=["social", "copy"],
        lint=False,
        fill={
            "partnering_quote": "We work with every school.",
            "proclamation_or_recording_link": "pine.example.org/v",
        },
    )
    assert not [w for w in result.warnings if w.kind in ("fill-in", "fill-ins")]
    uploads = _upload_texts(out)
    assert any("Read the proclamation: https://pine.example.org/proclamation" in t for t in uploads)
    assert any("We work with every school. pine.example.org/v" in t for t in uploads)
    assert "On December 9, 2022" in (out / "copy/newsletter.txt").read_text(encoding="utf-8")
