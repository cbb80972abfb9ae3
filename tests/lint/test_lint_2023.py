"""The faithful 2023 toolkit: its departures from its own guidelines are warnings; it still passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.lint import failed, lint_campaign
from htpm.paths import bundled_config

CONFIG = bundled_config("2023")
pytestmark = pytest.mark.skipif(not CONFIG.is_file(), reason="campaign_configs/2023.yaml not present")


@pytest.fixture(scope="module")
def findings() -> list:
    return lint_campaign(load_campaign(CONFIG))


def line_of(text: str) -> int:
    for number, line in enumerate(CONFIG.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {CONFIG}")


def test_no_errors_so_the_build_succeeds(findings: list) -> None:
    assert [f for f in findings if f.severity == "error"] == []
    assert not failed(findings)
    assert failed(findings, strict=True)


def test_the_proclamation_departures_are_warnings(findings: list) -> None:
    by_rule = {(f.rule_id, f.match): f for f in findings}
    vulnerable = by_rule[("avoid-vulnerable", "the most vulnerable among us")]
    assert vulnerable.severity == "warning"
    assert vulnerable.location.line == line_of("exploiting the most vulnerable among us")
    line = CONFIG.read_text(encoding="utf-8").splitlines()[vulnerable.location.line - 1]
    assert line[vulnerable.location.col - 1 :].startswith("the most vulnerable among us")
    marginalized = by_rule[("avoid-marginalized", "those systemically marginalized")]
    assert marginalized.severity == "warning"
    assert marginalized.location.line == line_of("those systemically marginalized and underserved")
    statistic = by_rule[("statistic-source", "27.6 million")]
    assert statistic.severity == "warning"


def test_proper_names_and_required_content_are_not_reported(findings: list) -> None:
    assert not [
        f for f in findings if f.rule_id.startswith("person-first")
    ]  # "Trafficking Victims Protection Act"
    assert not [f for f in findings if f.rule_id in ("hotline-in-copy", "primary-hashtag", "hashtag-limit")]
    assert not [f for f in findings if f.rule_id == "hashtag-camelcase"]


def test_markdown_prose_is_located_in_its_file(findings: list) -> None:
    files = {Path(f.location.file).name for f in findings}
    assert "2023.yaml" in files
    assert all(f.location.line >= 1 for f in findings)
