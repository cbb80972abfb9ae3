"""Flesch-Kincaid grade offline: a syllable heuristic, no dictionary download."""

from __future__ import annotations

import subprocess
import sys

import pytest

from htpm.lint import lint_text
from htpm.lint.readability import fk_grade, sentence_count, syllables

# Dictionary counts (CMU) for words common in campaign copy.
KNOWN = {
    "the": 1, "cat": 1, "nation": 2, "trafficking": 3, "human": 2, "people": 2, "experienced": 4,
    "homelessness": 3, "vulnerable": 4, "prevention": 3, "created": 3, "made": 1, "time": 1,
    "beautiful": 3, "area": 3, "idea": 3, "create": 2, "quiet": 2, "science": 2, "being": 2,
    "trying": 2, "lessons": 2, "families": 3, "children": 2, "organization": 5, "community": 4,
    "available": 4, "little": 2, "table": 2, "jumped": 1, "wanted": 2, "houses": 2, "boxes": 2,
    "partnership": 3, "awareness": 3, "information": 4, "resources": 3, "services": 3,
    "individual": 5, "opportunity": 5, "encourage": 3, "support": 2, "federal": 3, "health": 1,
    "social": 2, "providers": 3, "through": 1, "because": 2, "safety": 2, "swimming": 2,
    "learn": 1, "water": 2, "everyone": 3, "exploitation": 4, "labor": 2, "agencies": 3,
    "january": 4, "national": 3, "month": 1, "prevent": 2, "professionals": 4, "school": 1,
    "students": 2, "critical": 3, "development": 4, "playing": 2, "actual": 3, "special": 2,
    "experiencing": 5, "trauma-informed": 4, "anti-trafficking": 5,
}  # fmt: skip


def test_syllable_heuristic_agrees_with_a_dictionary_on_most_words() -> None:
    wrong = {w: (syllables(w), n) for w, n in KNOWN.items() if syllables(w) != n}
    assert len(wrong) <= len(KNOWN) * 0.05, wrong


@pytest.mark.parametrize(("word", "count"), [("a", 1), ("I", 1), ("x", 1), ("rhythm", 1), ("", 0)])
def test_short_and_odd_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_grade_orders_plain_and_dense_text() -> None:
    plain = "Learn the signs. Call for help. We are here for you all day and all night."
    dense = (
        "Comprehensive interagency coordination necessitates institutionalized communication "
        "infrastructures, multidisciplinary accountability, and organizational transformation."
    )
    assert fk_grade(plain) < 4 < 20 < fk_grade(dense)
    assert sentence_count("One. Two! Three? Four; five\n\nsix") == 6


def test_readability_rule_reports_grade_and_target() -> None:
    text = (
        "Whereas comprehensive interagency coordination necessitates institutionalized communication "
        "infrastructures, multidisciplinary accountability, organizational transformation, and "
        "sustainable collaborative partnerships across jurisdictional boundaries, encompassing "
        "governmental, philanthropic, and community-based organizations nationwide."
    )
    (finding,) = [f for f in lint_text(text, kind="prose") if f.rule_id == "readability"]
    assert finding.severity == "warning"
    assert finding.message.startswith("reads at grade ")
    assert finding.message.endswith("; the campaign's target is grade 12 or below")


def test_linting_never_imports_textstat() -> None:
    """textstat >= 0.7.10 downloads a dictionary on first English use; we must not touch it."""
    code = (
        "import sys; from htpm.lint import lint_text; "
        "lint_text('A long enough sentence ' * 20, kind='prose'); print('textstat' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
