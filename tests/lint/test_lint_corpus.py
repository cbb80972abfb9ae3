"""Recall and false alarms on a corpus of sentences written for the purpose (tests/lint/data/corpus.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from htpm.lint import lint_text, load_ruleset

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "corpus.yaml").read_text(encoding="utf-8"))
RULESET = load_ruleset("en")


def test_corpus_is_big_enough_and_balanced() -> None:
    assert len(CORPUS["violating"]) + len(CORPUS["clean"]) >= 40
    assert len(CORPUS["violating"]) == len(CORPUS["clean"])


def test_recall_is_at_least_90_percent_with_at_most_one_false_alarm() -> None:
    missed = []
    for item in CORPUS["violating"]:
        found = {f.rule_id for f in lint_text(item["text"], ruleset=RULESET)}
        if item["rule"] not in found:
            missed.append(item["text"])
    alarms = []
    for item in CORPUS["clean"]:
        found = lint_text(item["text"], ruleset=RULESET)
        if found:
            alarms.append((item["text"], [(f.rule_id, f.match) for f in found]))
    recall = 1 - len(missed) / len(CORPUS["violating"])
    print(f"recall {recall:.0%}, false alarms {len(alarms)}/{len(CORPUS['clean'])}")
    assert recall >= 0.9, missed
    assert len(alarms) <= 1, alarms


def test_the_corpus_can_fail() -> None:
    """Without its rules, the same measurement misses: the test above is not vacuous."""
    empty = type(RULESET)(RULESET.language, (), RULESET.name_connectors, RULESET.abbreviations)
    caught = sum(bool(lint_text(item["text"], ruleset=empty)) for item in CORPUS["violating"])
    assert caught == 0
