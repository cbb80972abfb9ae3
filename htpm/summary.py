"""A build's warnings in short: one line per kind, with its count and the command that lists them.

Eighteen lines about posts too long for X and Bluesky hide the one warning that matters; `htpm build`
prints this summary and `htpm build --verbose` every warning in full.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from htpm.artifacts import BuildWarning

#: kind -> what N warnings of that kind are, for N > 1 (one warning is shown in full).
KINDS: dict[str, str] = {
    "post-too-long": "{n} posts too long for a platform (left out of its upload files)",
    "too-many-hashtags": "{n} posts with more hashtags than a platform takes (left out of its upload files)",
    "unscheduled": "{n} weeks with no posting time (their posts left out of the scheduling files)",
    "formula": "{n} posts start with a character spreadsheets run as a formula (quoted in the CSV files)",
    "pdf": "{n} documents without a PDF",
    "email-size": "{n} emails over Gmail's 102 KB clip",
    "proclamation": "{n} proclamation placeholders declared but never shown",
    "lint": "{n} lint warnings",
    "fill-in": "{n} posts with an open fill-in (left out of the upload files until filled in)",
    "images": "{n} notes on the posts' images",
    "scheduling": "{n} notes on the scheduling files",
    "email-image": "{n} images left out of the email (no absolute address)",
    "build": "{n} other warnings",
}
GENERIC = "{n} {kind} warnings"


def warning_summary(warnings: Sequence[BuildWarning], list_command: str, lint_command: str) -> list[str]:
    """One line per kind, in the order the kinds first occur; a kind with one warning shows it whole.

    `list_command` lists the build's warnings (`htpm build --verbose`), `lint_command` the lint's."""
    counts = Counter(_kind(w) for w in warnings)
    lines = []
    for kind, n in counts.items():
        if n == 1:
            lines.append(next(str(w) for w in warnings if _kind(w) == kind))
            continue
        command = lint_command if kind == "lint" else list_command
        lines.append(f"{KINDS.get(kind, GENERIC).format(n=n, kind=kind)}; {command} lists them")
    return lines


def _kind(warning: str) -> str:
    return warning.kind if isinstance(warning, BuildWarning) else "build"
