"""Spanish readability offline: syllables by the rules of Spanish spelling, INFLESZ and Fernandez Huerta."""

from __future__ import annotations

import pytest

from htpm.lint import lint_text, load_ruleset
from htpm.lint.readability import FORMULAS, fernandez_huerta, szigriszt_pazos
from htpm.lint.spanish import syllables, words

# Syllables as the RAE's Ortografia (2010) divides them: diphthongs, hiatus with and without accent,
# triphthongs, silent u, y as a vowel, h between vowels, words common in campaign copy.
KNOWN = {
    # plain words
    "casa": 2, "trata": 2, "persona": 3, "personas": 3, "víctima": 3, "experimentado": 6, "hogar": 2,
    "joven": 2, "jóvenes": 3, "semana": 3, "enero": 3, "señales": 3, "trabajo": 3, "laboral": 3,
    "teléfono": 4, "llamar": 2, "chat": 1, "sí": 1, "explotación": 4, "comunicación": 5,
    # diphthongs: open + closed, closed + open, two different closed vowels
    "cielo": 2, "tierra": 2, "bueno": 2, "aire": 2, "auto": 2, "euro": 2, "oiga": 2, "hay": 1,
    "historia": 3, "familia": 3, "violencia": 3, "servicio": 3, "información": 4, "organización": 5,
    "ciudad": 2, "cuidado": 3, "fuimos": 2, "diario": 2, "huir": 1, "construí": 2, "continuo": 3,
    # hiatus: two open vowels, an accented closed vowel, the same vowel twice
    "leer": 2, "creer": 2, "poeta": 3, "caos": 2, "teatro": 3, "aéreo": 4, "zoológico": 5,
    "día": 2, "país": 2, "baúl": 2, "raíz": 2, "oído": 3, "línea": 3, "había": 3, "reír": 2,
    "actúa": 3, "continúo": 4, "chiita": 3, "veíais": 3,
    # triphthongs
    "buey": 1, "Uruguay": 3, "Paraguay": 3, "limpiáis": 2, "averiguáis": 4, "estudiáis": 3,
    # silent u, ü, y, h
    "que": 1, "quien": 1, "guerra": 2, "guitarra": 3, "pingüino": 3, "vergüenza": 3, "cigüeña": 3,
    "rey": 1, "hoy": 1, "muy": 1, "y": 1, "ley": 1, "leyes": 2, "mayo": 2, "ayer": 2, "ayuda": 3,
    "ahí": 2, "búho": 2, "ahora": 3, "prohibir": 2, "prohíbe": 3,
}  # fmt: skip


@pytest.mark.parametrize(("word", "count"), KNOWN.items())
def test_syllables_follow_the_spelling_rules(word: str, count: int) -> None:
    assert syllables(word) == count


def test_case_accents_and_odd_words() -> None:
    assert syllables("VÍCTIMA") == syllables("víctima") == syllables("victima") == 3
    assert syllables("e\u0301xito") == 3  # a decomposed accent (e + combining acute) is normalised
    assert syllables("franco-española") == 6
    assert (syllables(""), syllables("123"), syllables("HHS")) == (0, 0, 1)


def test_words_keep_accented_letters_and_drop_numbers() -> None:
    assert words("¿Sabía que el 40 % de las niñas pidió ayuda?") == [
        "Sabía", "que", "el", "de", "las", "niñas", "pidió", "ayuda",
    ]  # fmt: skip


def test_the_formulas_by_hand() -> None:
    """8 words, 12 syllables (la ca-sa es ro-ja. el pe-rro co-me pan.), 2 sentences."""
    text = "La casa es roja. El perro come pan."
    assert szigriszt_pazos(text) == pytest.approx(206.835 - 62.3 * 12 / 8 - 8 / 2)
    assert fernandez_huerta(text) == pytest.approx(206.84 - 0.60 * 100 * 12 / 8 - 1.02 * 8 / 2)


def test_plain_spanish_reads_easier_than_dense_spanish() -> None:
    plain = "Conozca las señales. Llame si necesita ayuda. Es gratis. Estamos aquí día y noche."
    dense = (
        "La coordinación interinstitucional exige infraestructuras comunicacionales institucionalizadas, "
        "responsabilidades multidisciplinarias y transformaciones organizacionales sostenibles."
    )
    for name in ("szigriszt-pazos", "fernandez-huerta"):
        formula = FORMULAS[name]
        assert not formula.grade
        assert formula.score(dense) < 40 < 65 < formula.score(plain), name


DENSE = (
    "Considerando que la coordinación interinstitucional exige infraestructuras comunicacionales "
    "institucionalizadas, responsabilidades multidisciplinarias, transformaciones organizacionales "
    "y asociaciones colaborativas sostenibles entre jurisdicciones, que abarcan organizaciones "
    "gubernamentales, filantrópicas y comunitarias de todo el país."
)


def test_the_spanish_rule_reports_score_and_target() -> None:
    found = lint_text(DENSE, kind="prose", ruleset=load_ruleset("es"))
    (finding,) = [f for f in found if f.rule_id == "readability"]
    assert finding.severity == "warning"
    score = f"{szigriszt_pazos(DENSE):.1f}"
    expected = f"índice de legibilidad INFLESZ {score}; el objetivo es 55 o más (55-65 es normal)"
    assert finding.message == expected


def test_the_english_formula_is_unchanged_for_english() -> None:
    """English copy keeps Flesch-Kincaid and the campaign's grade; the Spanish pack does not grade it."""
    en = load_ruleset("en").get("readability")
    assert en is not None and en.rule.formula == "flesch-kincaid" and en.rule.target is None
    assert FORMULAS["flesch-kincaid"].grade


def test_every_formula_a_pack_may_name_is_implemented() -> None:
    from typing import get_args

    from htpm.lint.readability import FormulaName

    assert set(get_args(FormulaName)) == set(FORMULAS)
