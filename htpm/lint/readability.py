"""Readability formulas, computed offline; a pack's readability rule names the one for its language.

- `flesch-kincaid` (English): a grade, lower is easier; syllables from a small English heuristic.
  textstat >= 0.7.10 downloads a pronunciation dictionary on first English use, which fails without a
  network; the heuristic below is within a syllable of a dictionary for most common words, which is
  plenty for a grade that only decides whether to warn.
- `szigriszt-pazos` (Spanish): the perspicuity index read on the INFLESZ scale, 0-100, higher is
  easier; `fernandez-huerta` (Spanish): the corrected Fernandez Huerta ease, 0-100, higher is easier.
  Both count syllables by the rules of Spanish spelling (`htpm.lint.spanish`). Sources in docs/lint.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from htpm.lint import spanish

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Endings whose vowel group is silent or merged, and pairs that are two syllables, not one.
_SILENT_END = re.compile(r"(?:[^aeiouy]e|[^aeiouytd]ed|[^aeiouysxzch]es)$")
_EXTRA = re.compile(
    r"(?:(?<![ct])ia|iu|(?<![gq])ua|[^aeiou]ying|[aeiou]y[aeiou]|io(?!n)|iet|ism$|ier$|[aeiou]ing$|[^aeiou]ea$|eate|eat(?:ed|ing)$|[^aeiouts]ien)"
)
_MAGIC_E = re.compile(r"[aiou][^aeiouy]e(?:ness|less|ful|ly|ment|ty)")  # safety, awareness
_SENTENCE_END = re.compile(r"[.!?;]+(?:\s|$)|\n\s*\n")


def syllables(word: str) -> int:
    """Syllables in one English word (at least 1), by vowel groups and a few endings."""
    if "-" in word.strip("-"):
        return sum(syllables(part) for part in word.split("-") if part)
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    if _SILENT_END.search(w) and not w.endswith("le"):
        count -= 1
    count += len(_EXTRA.findall(w)) - len(_MAGIC_E.findall(w))
    return max(1, count)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str, word: re.Pattern[str] = _WORD) -> int:
    """Sentences: runs of text ended by . ! ? ; or a blank line (semicolons end list clauses)."""
    parts = [p for p in _SENTENCE_END.split(text) if word.search(p)]
    return max(1, len(parts))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    found = words(text)
    if not found:
        return 0.0
    syl = sum(syllables(w) for w in found)
    return 0.39 * len(found) / sentence_count(text) + 11.8 * syl / len(found) - 15.59


def _spanish_counts(text: str) -> tuple[int, int, int]:
    """(words, syllables, sentences) of a Spanish text."""
    found = spanish.words(text)
    sentences = sentence_count(text, re.compile(r"[^\W\d_]"))
    return len(found), sum(spanish.syllables(w) for w in found), sentences


def szigriszt_pazos(text: str) -> float:
    """Szigriszt-Pazos perspicuity (1993): 206.835 - 62.3 syllables/word - words/sentence; read on
    the INFLESZ scale (Barrio-Cantalejo et al. 2008): below 40 very hard, 40-55 somewhat hard,
    55-65 normal, 65-80 fairly easy, above 80 very easy."""
    n_words, n_syllables, n_sentences = _spanish_counts(text)
    if not n_words:
        return 100.0
    return 206.835 - 62.3 * n_syllables / n_words - n_words / n_sentences


def fernandez_huerta(text: str) -> float:
    """Fernandez Huerta lecturabilidad (1959), as corrected by Law (2011): 206.84 - 0.60 P - 1.02 F,
    P syllables per 100 words, F words per sentence; 60-70 is normal for adults."""
    n_words, n_syllables, n_sentences = _spanish_counts(text)
    if not n_words:
        return 100.0
    return 206.84 - 0.60 * 100 * n_syllables / n_words - 1.02 * n_words / n_sentences


FormulaName = Literal["flesch-kincaid", "szigriszt-pazos", "fernandez-huerta"]


@dataclass(frozen=True)
class Formula:
    """A readability formula: how it finds words, its score, which way is easier, and the default
    target for formulas whose target is not a campaign's `lint.readability_grade`."""

    words: Callable[[str], list[str]]
    score: Callable[[str], float]
    grade: bool  # True: a school grade, lower is easier (target: lint.readability_grade)
    default_target: float | None = None  # for ease scores (higher is easier): the lowest that passes


FORMULAS: dict[str, Formula] = {
    "flesch-kincaid": Formula(words, fk_grade, grade=True),
    "szigriszt-pazos": Formula(spanish.words, szigriszt_pazos, grade=False, default_target=55.0),
    "fernandez-huerta": Formula(spanish.words, fernandez_huerta, grade=False, default_target=60.0),
}
