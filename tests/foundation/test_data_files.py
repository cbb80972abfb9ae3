"""The YAML files beside a config (labels, platform limits, lint packs, graphics layouts) are read
like the config itself: YAML 1.2 core values, no aliases, no duplicate keys, and every mistake one
`file:line:col: message` line at the value that is wrong."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from htpm.errors import HtpmError
from htpm.graphics.layout import Layout
from htpm.labels import read_labels
from htpm.lint.rules import build_ruleset, read_pack
from htpm.social.limits import load_limits
from htpm.suggest import did_you_mean
from htpm.yamlmodel import validate_tree
from htpm.yamlsafe import read_yaml

LIMITS = """\
platforms:
  x:
    name: X
    limit: {value: 280, checked: 2026-01-01}
    counting: {method: graphemes, checked: 2026-01-01}
"""
PACK = """\
language: en
rules:
  - id: no-dive
    kind: avoid
    severity: warning
    message: Avoid it
    guideline: Plain words
    patterns: [dive in]
"""
LAYOUT = """\
title: Test
description: A test
canvas:
  square: {}
layers:
  - type: background
    colour: primary
  - type: text
    name: headline
    text: "{{ theme.name }}"
    colour: light
    size: [20, 40]
    at:
      square: [0, 0, 100, 100]
"""


def _labels(path: Path) -> Any:
    return read_labels(path)


def _limits(path: Path) -> Any:
    return load_limits(path)["x"].name


def _pack(path: Path) -> Any:
    return build_ruleset(read_pack(path), str(path)).rules[0].rule.message


def _layout(path: Path) -> Any:
    return validate_tree(Layout, read_yaml(path))[0].title


CASES: list[tuple[str, str, Callable[[Path], Any], str]] = [
    # labels
    (
        "toolkit.yaml",
        "goals: &g Goals\nagain: *g\n",
        _labels,
        "2:8: aliases (*name) are not allowed; repeat the value",
    ),
    (
        "toolkit.yaml",
        "goals: G\nweek: W\ngoals: A\n",
        _labels,
        "3:1: duplicate key 'goals' (first on line 1, again on line 3)",
    ),
    (
        "toolkit.yaml",
        "goals: Goals\nweek: [a, b]\n",
        _labels,
        "2:7: week: expected text, got ['a', 'b']; put it in quotes",
    ),
    ("toolkit.yaml", "goals: Goals\nweek: 7\n", _labels, "2:7: week: expected text, got 7; put it in quotes"),
    # platform limits
    (
        "limits.yaml",
        LIMITS.replace("name: X", "name: &n X") + "  threads: {name: *n}\n",
        _limits,
        "6:19: aliases (*name) are not allowed; repeat the value",
    ),
    (
        "limits.yaml",
        LIMITS + "    name: Y\n",
        _limits,
        "6:5: duplicate key 'name' (first on line 3, again on line 6)",
    ),
    (
        "limits.yaml",
        LIMITS.replace("value: 280", "value: lots"),
        _limits,
        "4:20: platforms.x: limit.value must be a positive whole number",
    ),
    (
        "limits.yaml",
        LIMITS.replace("name: X", "name: [X]"),
        _limits,
        "3:11: platforms.x: name: expected text, got ['X']; put it in quotes",
    ),
    (
        "limits.yaml",
        LIMITS.replace("  x:", "  facebok:"),
        _limits,
        "3:5: platforms.facebok: unknown platform; did you mean 'facebook'?",
    ),
    # lint packs
    (
        "en.yaml",
        PACK.replace("language: en", "language: &l en") + "define: {x: *l}\n",
        _pack,
        "9:13: aliases (*name) are not allowed; repeat the value",
    ),
    (
        "en.yaml",
        PACK.replace("language: en", "language: en\nlanguage: es"),
        _pack,
        "2:1: duplicate key 'language' (first on line 1, again on line 2)",
    ),
    (
        "en.yaml",
        PACK.replace("language: en", "language: [en]"),
        _pack,
        "1:11: language: expected text, got ['en']; put it in quotes",
    ),
    (
        "en.yaml",
        PACK.replace("severity: warning", "severity: fatal"),
        _pack,
        "5:15: lint pack: rules.0 (no-dive): severity: "
        "Input should be 'error', 'warning' or 'info' (got 'fatal')",
    ),
    (
        "en.yaml",
        PACK.replace("message: Avoid it", "message: 12"),
        _pack,
        "6:14: lint pack: rules.0 (no-dive): message: expected text, got 12; put it in quotes",
    ),
    (
        "en.yaml",
        PACK.replace("  - id: no-dive\n", "  - id: no-dive\n  - id: no-dive\n"),
        _pack,
        "4:9: lint pack: rule no-dive given twice",
    ),
    # graphics layouts
    (
        "week.yaml",
        LAYOUT.replace("title: Test", "title: &t Test") + "extra: *t\n",
        _layout,
        "15:8: aliases (*name) are not allowed; repeat the value",
    ),
    (
        "week.yaml",
        LAYOUT.replace("    colour: light\n", "    colour: light\n    colour: dark\n"),
        _layout,
        "12:5: duplicate key 'colour' (first on line 11, again on line 12)",
    ),
    (
        "week.yaml",
        LAYOUT.replace("size: [20, 40]", "size: big"),
        _layout,
        "12:11: layers.1.size: Input should be a valid tuple (got 'big')",
    ),
    (
        "week.yaml",
        LAYOUT.replace("title: Test", "title: 3"),
        _layout,
        "1:8: title: expected text, got 3; put it in quotes",
    ),
    (
        "week.yaml",
        LAYOUT.replace("    colour: light\n", "    colour: light\n    colours: dark\n"),
        _layout,
        "12:14: layers.1.colours: unknown key; did you mean 'colour'?",
    ),
]


@pytest.mark.parametrize(("name", "text", "read", "message"), CASES)
def test_a_broken_data_file_is_one_line_at_the_value(
    tmp_path: Path, name: str, text: str, read: Callable[[Path], Any], message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HtpmError) as caught:
        read(path)
    assert str(caught.value) == f"{path}:{message}"
    location = caught.value.location
    assert location is not None and (location.file, location.line) == (str(path), int(message.split(":")[0]))


@pytest.mark.parametrize(
    ("name", "text", "read"),
    [
        ("toolkit.yaml", "goals: No\n", lambda p: read_labels(p)["toolkit.goals"]),
        ("limits.yaml", LIMITS.replace("name: X", "name: No"), _limits),
        ("en.yaml", PACK.replace("message: Avoid it", "message: No"), _pack),
        ("week.yaml", LAYOUT.replace("title: Test", "title: No"), _layout),
    ],
)
def test_no_stays_a_word(tmp_path: Path, name: str, text: str, read: Callable[[Path], Any]) -> None:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert read(path) == "No"


def test_did_you_mean() -> None:
    assert did_you_mean("colr", ["colour", "size"]) == "; did you mean 'colour'?"
    assert did_you_mean("zzz", ["b", "a"]) == " (known: a, b)"
    assert did_you_mean("zzz", []) == " (none are defined)"


def _campaign_with_labels(tmp_path: Path, labels: str) -> Any:
    from htpm.config import load_campaign

    source = Path(__file__).parents[1] / "data" / "water-safety" / "config.yaml"
    path = tmp_path / "config.yaml"
    path.write_text(source.read_text(encoding="utf-8") + f"labels:\n  {labels}\n", encoding="utf-8")
    return load_campaign(path), path


def test_a_mistyped_label_in_the_config_is_refused_at_its_line(tmp_path: Path) -> None:
    campaign, path = _campaign_with_labels(tmp_path, "toolkit.goal: Aims")
    with pytest.raises(HtpmError) as caught:
        campaign.labels  # noqa: B018
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert (
        str(caught.value)
        == f"{path}:{line}:17: labels: no label 'toolkit.goal'; did you mean 'toolkit.goals'?"
    )


def test_a_label_asked_for_that_no_file_has_gets_a_suggestion(tmp_path: Path) -> None:
    campaign, _ = _campaign_with_labels(tmp_path, "toolkit.goals: Aims")
    assert campaign.label("toolkit.goals") == "Aims"
    with pytest.raises(
        HtpmError, match=r"^no label 'toolkit.goal' for locale en-US \(templates/labels\); did you mean"
    ):
        campaign.label("toolkit.goal")
