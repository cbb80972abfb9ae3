"""Flesch-Kincaid grade, computed offline with a small English syllable heuristic.

textstat >= 0.7.10 downloads a pronunciation dictionary on first English use, which fails without a
network; the heuristic below is within a syllable of a dictionary for most common words, which is
plenty for a grade that only decides whether to warn.
"""

from __future__ import annotations

import re

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


def sentence_count(text: str) -> int:
    """Sentences: runs of text ended by . ! ? ; or a blank line (semicolons end list clauses)."""
    parts = [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]
    return max(1, len(parts))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    found = words(text)
    if not found:
        return 0.0
    syl = sum(syllables(w) for w in found)
    return 0.39 * len(found) / sentence_count(text) + 11.8 * syl / len(found) - 15.59
