"""`htpm new-year`: years move, web addresses and comments stay, the result validates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.newyear import new_year, shift_years
from tests.conftest import WATER_SAFETY


def test_shift_years_moves_years_but_not_addresses() -> None:
    text = "In 2023 (since December 2022) see https://x.gov/blog/2023/01 and acf.hhs.gov/2022/x; 20230 stays"
    assert shift_years(text, 2023, 2024) == (
        "In 2024 (since December 2023) see https://x.gov/blog/2023/01 and acf.hhs.gov/2022/x; 20230 stays"
    )


def test_new_year_keeps_comments_and_validates(tmp_path: Path) -> None:
    src = tmp_path / "2025.yaml"
    shutil.copy(WATER_SAFETY, src)
    target = new_year(2026, src)
    assert target == tmp_path / "2026.yaml"
    text = target.read_text()
    assert text.startswith("# A small campaign on another topic")
    c = load_campaign(target)
    assert c.year == 2026
    assert str(c.weeks[0].start) == "2026-05-01"
    assert str(c.weeks[-1].end) == "2026-06-04"  # explicit dates move with the year


def test_new_year_refuses_to_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "2025.yaml"
    shutil.copy(WATER_SAFETY, src)
    (tmp_path / "2026.yaml").write_text("keep me")
    with pytest.raises(HtpmError, match="already exists"):
        new_year(2026, src)
    assert (tmp_path / "2026.yaml").read_text() == "keep me"


def test_new_year_copies_prose_files(tmp_path: Path) -> None:
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "intro.md").write_text("May 2025 is Water Safety Month.\n")
    text = WATER_SAFETY.read_text().replace(
        "introduction: |", "introduction: {file: 2025/intro.md}\nx_: |", 1
    )
    text = text.replace("x_: |\n", "", 1)
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("introduction:"))
    while lines[start + 1].startswith("  "):
        del lines[start + 1]
    src = tmp_path / "2025.yaml"
    src.write_text("".join(lines))
    c = load_campaign(new_year(2026, src))
    assert c.config.introduction == "May 2026 is Water Safety Month."
    assert (tmp_path / "2025" / "intro.md").read_text().startswith("May 2025")


def test_resources_and_publication_dates_keep_their_years() -> None:
    from htpm.newyear import shift_config_years

    text = (
        "theme:\n  description: Month 2023\nresources:\n  - name: A\n    resources:\n"
        "      - {type: Brief, title: The 2023 update}\n        date: September 2022\n"
        "weeks:\n  - title: 2023\n"
    )
    assert shift_config_years(text, 2023, 2024) == text.replace("Month 2023", "Month 2024").replace(
        "title: 2023", "title: 2024"
    )


def test_bundled_2023_moves_to_2024(tmp_path: Path) -> None:
    from tests.conftest import CONFIG_2023

    shutil.copytree(CONFIG_2023.parent, tmp_path / "cc")
    c = load_campaign(new_year(2024, tmp_path / "cc" / "2023.yaml"))
    assert c.year == 2024 and str(c.weeks[0].start) == "2024-01-01"
    assert "2024" in c.config.introduction and "2023" not in c.config.theme.name
    descriptions = " ".join(r.description or "" for cat in c.config.resources for r in cat.resources)
    original = load_campaign(CONFIG_2023)
    assert descriptions == " ".join(
        r.description or "" for cat in original.config.resources for r in cat.resources
    )


def test_an_overlay_keeps_its_name_and_its_parent(tmp_path: Path) -> None:
    from tests.conftest import CONFIG_2023

    shutil.copytree(CONFIG_2023.parent, tmp_path / "cc")
    target = new_year(2028, tmp_path / "cc" / "wa-2027.yaml")
    assert target == tmp_path / "cc" / "wa-2028.yaml"
    text = target.read_text(encoding="utf-8")
    assert "extends: 2023.yaml" in text and "introduction: {file: wa-2028/introduction.md}" in text
    c = load_campaign(target)
    assert c.year == 2028 and c.config.organization.name == "Washington State Anti-Trafficking Coalition"
    assert (tmp_path / "cc" / "wa-2027" / "introduction.md").is_file()  # last year's prose stays


def test_written_into_another_folder_the_parent_is_found(tmp_path: Path) -> None:
    from tests.conftest import CONFIG_2023

    shutil.copytree(CONFIG_2023.parent, tmp_path / "cc")
    target = new_year(2028, tmp_path / "cc" / "wa-2027.yaml", tmp_path / "wa-2028.yaml")
    assert "extends: cc/2023.yaml" in target.read_text(encoding="utf-8")
    assert load_campaign(target).year == 2028
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(HtpmError, match="extends: 2023.yaml would lie outside the new config's folder"):
        new_year(2029, tmp_path / "cc" / "wa-2027.yaml", tmp_path / "elsewhere" / "wa-2029.yaml")
    assert not (tmp_path / "elsewhere" / "wa-2029.yaml").exists()


def _with_prose(tmp_path: Path, rel: str, comment: str = "") -> Path:
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text("May 2025 is Water Safety Month.\n")
    lines = WATER_SAFETY.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("introduction:"))
    end = start + 1
    while lines[end].startswith("  "):
        end += 1
    lines[start:end] = [f"{comment}introduction: {{file: {rel}}}\n"]
    src = tmp_path / "2025.yaml"
    src.write_text("".join(lines))
    return src


def test_prose_without_a_year_in_its_name_is_never_overwritten(tmp_path: Path) -> None:
    src = _with_prose(tmp_path, "intro.md", comment="# file: 2025.yaml is not a reference\n")
    target = new_year(2026, src)
    assert "introduction: {file: intro-2026.md}" in target.read_text()
    assert (tmp_path / "intro.md").read_text() == "May 2025 is Water Safety Month.\n"
    assert (tmp_path / "intro-2026.md").read_text() == "May 2026 is Water Safety Month.\n"
    assert load_campaign(src).year == 2025  # the comment naming the config did not touch it


def test_a_failed_forced_new_year_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _with_prose(tmp_path, "2025/intro.md")
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "intro.md").write_text("hand-written 2026 prose\n")
    (tmp_path / "2026.yaml").write_text("# my draft\n")
    real = load_campaign

    def fail_on_new(path: Path):  # type: ignore[no-untyped-def]
        if str(path).endswith(".htpm-new"):
            raise HtpmError(f"{path}: injected failure", path)
        return real(path)

    monkeypatch.setattr("htpm.newyear.load_campaign", fail_on_new)
    with pytest.raises(HtpmError) as info:
        new_year(2026, src, force=True)
    assert ".htpm-new" not in str(info.value) and "2026.yaml" in str(info.value)
    assert (tmp_path / "2026.yaml").read_text() == "# my draft\n"
    assert (tmp_path / "2026" / "intro.md").read_text() == "hand-written 2026 prose\n"
    assert (tmp_path / "2025" / "intro.md").read_text().startswith("May 2025")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.name.startswith(".")) == []
