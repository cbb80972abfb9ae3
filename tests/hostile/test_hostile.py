"""The attack corpus (issue 13): each case gives its expected exit code and message, with no
traceback, nothing read or written outside, nothing of the user's changed, in bounded time and
memory. `python -m tests.hostile.report` prints the counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.cases import ALL
from tests.hostile.harness import MEMORY_LIMIT, Case, run_case


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert outcome.clean, f"{case.name}: " + "; ".join(outcome.problems)
    if outcome.peak_bytes is not None:
        assert outcome.peak_bytes < MEMORY_LIMIT


def test_the_corpus_is_large_enough() -> None:
    assert len(ALL) >= 150
