"""Every hostile case, from each area's list."""

from __future__ import annotations

from tests.hostile import cases_disk, cases_issue, cases_misc, cases_outputs, cases_read, cases_templates
from tests.hostile.harness import Case

ALL: list[Case] = [
    *cases_read.CASES,
    *cases_templates.CASES,
    *cases_outputs.CASES,
    *cases_misc.CASES,
    *cases_disk.CASES,
    *cases_issue.CASES,
]
assert len({c.name for c in ALL}) == len(ALL), "two cases share a name"
