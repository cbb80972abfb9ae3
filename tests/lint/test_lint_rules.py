"""The rule pack: valid, every rule with a guideline and examples, and every example holding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from htpm.errors import HtpmError
from htpm.lint import example_failures, lint_text, load_ruleset
from htpm.lint.rules import build_ruleset, read_pack
from htpm.paths import templates_dir

RULESET = load_ruleset("en")
PACK = templates_dir() / "lint" / "en.yaml"


def test_the_english_pack_has_every_kind_of_rule() -> None:
    kinds = {r.rule.kind for r in RULESET.rules}
    assert kinds == {"substitute", "avoid", "jargon", "required", "hashtags", "statistics", "readability"}
    assert all(r.rule.guideline and r.rule.message for r in RULESET.rules)


@pytest.mark.parametrize("rule_id", [r.id for r in RULESET.rules])
def test_rule_examples(rule_id: str) -> None:
    rule = RULESET.get(rule_id)
    assert rule is not None
    assert rule.rule.must_match and rule.rule.must_not_match
    single = type(RULESET)(
        RULESET.language, (rule,), RULESET.name_connectors, RULESET.abbreviations, RULESET.example_context
    )
    assert example_failures(single) == []


def test_example_failures_reports_a_broken_example(tmp_path: Path) -> None:
    pack = read_pack(PACK)
    rules = [dict(r) for r in pack.rules]
    victim = next(r for r in rules if r["id"] == "person-first-victim")
    victim["must_not_match"] = ["Victims deserve better."]
    broken = build_ruleset(pack.model_copy(update={"rules": rules}), "test")
    assert example_failures(broken) == [
        "person-first-victim: must not match, did: 'Victims deserve better.' ('Victims')"
    ]


def test_no_topic_words_in_python() -> None:
    """The rules' words live in the pack; the code knows none of them."""
    words = re.compile(r"victim|rescue|traffick|vulnerab|marginali|homeless|runaway", re.I)
    package = Path(__file__).resolve().parents[2] / "htpm" / "lint"
    for source in [*package.glob("*.py"), package.parent / "cli_lint.py"]:
        hits = [ln for ln in source.read_text().splitlines() if words.search(ln)]
        assert hits == [], f"{source.name}: {hits}"


def test_on_and_y_stay_words_in_the_pack() -> None:
    """The pack is read by YAML 1.2 core rules: `on` and `y` are connectors, not booleans."""
    assert {"on", "y", "of"} <= RULESET.name_connectors


def test_a_bad_pattern_names_its_rule(tmp_path: Path) -> None:
    pack = read_pack(PACK)
    bad = {
        "id": "x",
        "kind": "avoid",
        "severity": "warning",
        "message": "m",
        "guideline": "g",
        "patterns": ["("],
    }
    with pytest.raises(HtpmError, match=r"lint rule x: bad pattern '\('"):
        build_ruleset(pack, "test", extra=[bad])


def test_a_pack_mistake_has_its_line(tmp_path: Path) -> None:
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "en.yaml").write_text("language: en\nrules:\n  - id: x\n    kind: shout\n")
    with pytest.raises(HtpmError) as caught:
        load_ruleset("en", (tmp_path,))
    assert str(caught.value).startswith(f"{tmp_path / 'lint' / 'en.yaml'}:")
    with pytest.raises(HtpmError, match="kind"):
        build_ruleset(read_pack(tmp_path / "lint" / "en.yaml"), "x")


def test_a_language_without_a_pack_runs_no_rules(tmp_path: Path) -> None:
    rules = load_ruleset("xx", (tmp_path,))
    assert rules.rules == () and "no lint rule pack" in rules.notes[0]


def test_findings_carry_message_and_suggestion() -> None:
    (finding,) = lint_text("We help homeless people find housing.")
    assert finding.rule_id == "person-first-homeless"
    assert finding.severity == "error"
    assert finding.match == "homeless people"
    assert finding.message == "'homeless people' labels people by their housing"
    assert finding.suggestion == "people who are experiencing homelessness"


def test_jargon_suggests_the_plain_word() -> None:
    (finding,) = lint_text("Partners leverage networks.")
    assert (finding.rule_id, finding.severity, finding.suggestion) == ("jargon", "info", "use")
