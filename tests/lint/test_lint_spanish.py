"""The Spanish pack: the English pack's families and ids, every example holding, hard cases."""

from __future__ import annotations

import pytest

from htpm.lint import example_failures, lint_text, load_ruleset

ES = load_ruleset("es")
EN = load_ruleset("en")


def test_the_spanish_pack_has_the_english_rules() -> None:
    """Same ids (a campaign's lint settings name them for every language) and the same kinds."""
    assert ES.language == "es"
    assert {r.id: r.rule.kind for r in ES.rules} == {r.id: r.rule.kind for r in EN.rules}
    assert {r.id: r.rule.severity for r in ES.rules} == {r.id: r.rule.severity for r in EN.rules}
    assert ES.get("readability").rule.formula == "szigriszt-pazos"  # type: ignore[union-attr]
    assert EN.get("readability").rule.formula == "flesch-kincaid"  # type: ignore[union-attr]


@pytest.mark.parametrize("rule_id", [r.id for r in ES.rules])
def test_rule_examples(rule_id: str) -> None:
    rule = ES.get(rule_id)
    assert rule is not None
    assert rule.rule.must_match and rule.rule.must_not_match
    single = type(ES)(ES.language, (rule,), ES.name_connectors, ES.abbreviations, ES.example_context)
    assert example_failures(single) == []


def hits(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.match) for f in lint_text(text, ruleset=ES)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Víctimas de la trata reciben ayuda.", [("person-first-victim", "Víctimas")]),
        ("Hablamos con una victima.", [("person-first-victim", "victima")]),
        ("Rescatadas y rescatados.", [("avoid-rescue", "Rescatadas"), ("avoid-rescue", "rescatados")]),
        ("Rescátalos hoy.", [("avoid-rescue", "Rescátalos")]),
        ("La Oficina para Víctimas del Delito paga el albergue.", []),
        ("La guía dice «las víctimas» entre comillas.", []),
        ("La guía dice “las víctimas” entre comillas.", []),
        ("El plan de rescate financiero ayudó a dos bancos.", []),
        ("Su contraseña es vulnerable.", []),
        ("Las personas vulnerables necesitan apoyo.", [("avoid-vulnerable", "personas vulnerables")]),
    ],
)  # fmt: skip
def test_hard_cases(text: str, expected: list[tuple[str, str]]) -> None:
    assert hits(text) == expected


def test_english_copy_is_not_judged_by_spanish_words() -> None:
    assert hits("We stand with every victim.") == []
    english = lint_text("We stand with every victim.", ruleset=EN)
    assert [f.rule_id for f in english] == ["person-first-victim"]
