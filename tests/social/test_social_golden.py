"""Golden files for the water-safety campaign's text outputs; `pytest --update-golden` rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.generators import calendar, copy, social
from tests.social.conftest import context

GOLDEN = Path(__file__).parent / "golden"
FILES = [
    "social/posts.md",
    "social/schedule.csv",
    "social/buffer-x.csv",
    "copy/newsletter.txt",
    "copy/newsletter.md",
    "copy/website.html",
    "calendar.ics",
]


@pytest.fixture(scope="module")
def outputs(water_safety) -> dict[str, bytes]:  # noqa: ANN001
    ctx = context()
    files = {}
    for generator in (social, copy, calendar):
        files.update({a.path: a.data for a in generator.generate(water_safety, ctx)})
    # the config sets no social.image_base_url: Instagram's rows have no image, the only warning but
    # the email's (no digital.image_base_url: the newsletter leaves its header graphic out)
    warnings = [w for w in ctx.warnings if w.kind != "email-image"]
    assert len(warnings) == 1 and warnings[0].startswith("Instagram: 6 of 6 rows")
    assert len(ctx.warnings) == 2
    return files


@pytest.mark.parametrize("name", FILES)
def test_matches_golden(outputs: dict[str, bytes], name: str, update_golden: bool) -> None:
    path = GOLDEN / "water-safety" / name
    actual = outputs[name]
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        if not update_golden:
            pytest.fail(f"golden file {path} was missing; written now, check it and rerun")
    assert actual == path.read_bytes(), (
        f"{name} differs from its golden file (pytest --update-golden if intended)"
    )
