"""`htpm build` of the bundled campaign says what it warns about in a few lines; --verbose lists it all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from htpm.artifacts import BuildWarning
from htpm.cli import main
from htpm.summary import warning_summary


def htpm(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["htpm", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


def test_first_build_of_the_bundled_campaign_prints_a_short_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, out, err = htpm(capsys, monkeypatch, "build", "-o", str(tmp_path))
    assert code == 0
    lines = err.splitlines()
    # a line per kind of warning, not one per warning: the 2023 campaign has over 300 warnings in its
    # two languages (English and Spanish counted together; htpm lint and --verbose say which)
    assert len(lines) <= 8 and all(line.startswith("warning: ") for line in lines)
    assert lines[:3] == [
        "warning: 231 lint warnings; htpm lint lists them",
        "warning: 34 posts too long for a platform (left out of its upload files); "
        "htpm build --verbose lists them",
        "warning: 4 posts with an open fill-in (left out of the upload files until filled in); "
        "htpm build --verbose lists them",
    ]
    assert "warning: 4 notes on the posts' images; htpm build --verbose lists them" in lines
    # the kit's open blanks, in one line with where each is used
    assert lines[-1].startswith("warning: 4 open fill-in(s), shown as blanks: proclamation_day (")
    # 166 in each language: the documents, posts, copy, calendar, graphics with their alt texts, the
    # deck and its template, and the site (its pages, assets and the copies of what it offers)
    assert out.splitlines() == [
        f"{tmp_path}: 166 written, 0 unchanged, 0 removed (en-US)",
        f"{tmp_path / 'es-US'}: 166 written, 0 unchanged, 0 removed (es-US)",
    ]


def test_verbose_lists_every_warning_and_quiet_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, _, err = htpm(
        capsys, monkeypatch, "build", "--only", "social", "--no-lint", "-v", "-o", str(tmp_path)
    )
    lines = err.splitlines()
    # too long, open fill-in posts, the fill-ins line, image notes, past times: English, then Spanish
    assert code == 0 and len(lines) == (18 + 2 + 1 + 2 + 1) + (16 + 2 + 2 + 1)
    assert sum(line.startswith("warning: es-US: ") for line in lines) == 16 + 2 + 2 + 1
    assert all(line.startswith("warning: ") for line in lines)
    assert sum(" on X: " in line and "es-US: " not in line for line in lines) == 7
    code, out, err = htpm(capsys, monkeypatch, "build", "--only", "social", "--quiet", "-o", str(tmp_path))
    assert (code, out, err) == (0, "", "")


def test_a_kind_with_one_warning_is_shown_whole_and_kinds_keep_their_order() -> None:
    warnings = [
        BuildWarning("unscheduled", "week 2: no posting time"),
        BuildWarning("lint", "a.md:1:1: warning x"),
        BuildWarning("lint", "a.md:2:1: warning y"),
        BuildWarning("new-kind", "one"),
        BuildWarning("new-kind", "two"),
    ]
    assert warning_summary(warnings, "htpm build c.yaml --verbose", "htpm lint c.yaml") == [
        "week 2: no posting time",
        "2 lint warnings; htpm lint c.yaml lists them",
        "2 new-kind warnings; htpm build c.yaml --verbose lists them",
    ]
