"""Run every hostile case and print the counts (issue 13's closing note):

    python3 -m tests.hostile.report [-v] [NAME ...]

cases tried, clean answers, tracebacks, escapes (a read or write outside), files lost, over 10 s,
and the peak memory of the largest isolated case. -v prints every case's answer."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.hostile.cases import ALL
from tests.hostile.harness import TIME_BOUND, run_case


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    cases = [c for c in ALL if not names or c.name in names]
    outcomes = []
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="htpm-hostile-") as tmp:
            outcome = run_case(case, Path(tmp))
        outcomes.append(outcome)
        if verbose or not outcome.clean:
            mark = "ok  " if outcome.clean else "FAIL"
            answer = outcome.stderr.strip().splitlines()[-1:] if outcome.stderr.strip() else [""]
            print(f"{mark} {case.name} ({outcome.seconds:.1f} s, exit {outcome.code}): {answer[0][:200]}")
            for problem in outcome.problems:
                print(f"     {problem[:300]}")
    peaks = [(o.peak_bytes, o.case.name) for o in outcomes if o.peak_bytes]
    peak, largest = max(peaks) if peaks else (0, "-")
    print(f"cases tried: {len(outcomes)}")
    print(f"clean answers: {sum(o.clean for o in outcomes)}")
    print(f"tracebacks: {sum(o.traceback for o in outcomes)}")
    print(f"escapes: {sum(bool(o.escaped) for o in outcomes)}")
    print(f"files lost: {sum(len(o.lost) for o in outcomes)}")
    print(f"over {TIME_BOUND:g} s: {sum(o.seconds > TIME_BOUND for o in outcomes)}")
    print(f"slowest: {max(o.seconds for o in outcomes):.1f} s")
    print(f"peak memory of the largest case: {peak / 1e6:.0f} MB ({largest})")
    return 0 if all(o.clean for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
