"""Spanish syllables by rule, for the Spanish readability formulas (no dictionary, no download).

Spanish spelling says how a word divides, so counting its syllables is counting the vowel nuclei
(the RAE's Ortografía, 2010, 4.1.1.1-4.1.1.3, "diptongos, triptongos e hiatos"):

- a, e, o are open ("strong") vowels; i, u (and ü) closed ("weak");
- two open vowels side by side are two syllables (hiatus: le-er, ca-os);
- an open and a closed one, or two different closed ones, are one (diphthong: cie-lo, cui-da, ciu-dad);
- an accented í or ú beside an open vowel breaks the diphthong (dí-a, pa-ís, ba-úl): it counts as open;
- closed-open-closed is one (triphthong: buey, lim-piáis, U-ru-guay);
- the same vowel twice is two (chi-i-ta, lo-o);
- u is silent in que, qui, gue, gui (not güe, güi); y is a vowel at the end of a word or before a
  consonant (rey, muy, y), a consonant before a vowel (ma-yo); h between vowels does not part them
  (prohi-bir, a-hí, bú-ho).

The orthographic count is the one readability formulas were built on (syllables per word).
"""

from __future__ import annotations

import re
import unicodedata

VOWELS = "aeiouáéíóúü"
_OPEN = frozenset("aeoáéóíú")  # an accented closed vowel is a nucleus of its own, like an open one
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_Y_VOWEL = re.compile(rf"y(?![{VOWELS}])")
_H_BETWEEN = re.compile(rf"(?<=[{VOWELS}])h(?=[{VOWELS}])")
_VOWEL_RUN = re.compile(rf"[{VOWELS}]+")


def words(text: str) -> list[str]:
    """Words: runs of letters (accented ones too), joined by hyphens or apostrophes; no numbers."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """Syllables in one Spanish word (at least 1 for a word with a letter, 0 for none)."""
    w = unicodedata.normalize("NFC", word.lower())
    if not any(c.isalpha() for c in w):
        return 0
    w = _SILENT_U.sub("", w)
    w = _Y_VOWEL.sub("i", w)
    w = _H_BETWEEN.sub("", w)
    return max(1, sum(_nuclei(run) for run in _VOWEL_RUN.findall(w)))


def _nuclei(run: str) -> int:
    """Syllable nuclei in a run of vowels: a nucleus holds at most one open vowel and three vowels."""
    count, size, has_open, previous = 0, 0, False, ""
    for ch in run:
        is_open = ch in _OPEN
        if not previous or (is_open and has_open) or ch == previous or size == 3:
            count, size, has_open = count + 1, 1, is_open
        else:
            size, has_open = size + 1, has_open or is_open
        previous = ch
    return count
