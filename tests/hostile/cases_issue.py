# ruff: noqa: E501 - one case a line reads best
"""Cases named in issue 13 that the areas' lists lacked (found going through the issue line by
line): the catastrophic lint pattern through `lint` and `build`, not only `validate`; new-year
--force when the new config fails validation; a PowerPoint base with a linked image."""

from __future__ import annotations

from tests.hostile.builders import pptx_with_external_image
from tests.hostile.cases_misc import lint_rule
from tests.hostile.cases_outputs import forced_new_year
from tests.hostile.harness import Case

NESTED = r"lint rule mine: pattern '\(a\+\)\+\$' repeats a repetition"
EXTERNAL_PPTX = r"slides/base.pptx: the base presentation: ppt/_rels/presentation.xml.rels refers to a file outside the document \(image: file:///etc/hostname\)"

CASES: list[Case] = [
    # "a lint rule pattern from a config (`(a+)+$`) hangs `lint` and `build`"
    Case("lint-pattern-nested-plus-lint", ("lint", "config.yaml"), 1, NESTED, config=lint_rule("(a+)+$")),
    Case(
        "lint-pattern-nested-plus-build",
        ("build", "config.yaml", "-o", "out", "--only", "calendar"),
        1,
        NESTED,
        config=lint_rule("(a+)+$"),
    ),
    # "new-year ... --force deletes last year's {file:} prose when the new config fails validation"
    forced_new_year(
        "newyear-force-new-config-invalid",
        2201,
        1,
        r"next.yaml:\d+:\d+: observance.year: Input should be less than or equal to 2200",
    ),
    # "designer templates carry no external references: .docx (and .pptx) templates are checked"
    Case(
        "template-pptx-external-image",
        ("build", "config.yaml", "-o", "out", "--only", "slides", "--no-lint"),
        1,
        EXTERNAL_PPTX,
        {"slides/base.pptx": pptx_with_external_image()},
    ),
    Case(
        "template-pptx-external-validate",
        ("validate", "config.yaml"),
        1,
        EXTERNAL_PPTX,
        {"slides/base.pptx": pptx_with_external_image()},
    ),
]
