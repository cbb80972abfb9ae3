# ruff: noqa: E501 - one case a line reads best
"""Images, lint patterns, text that reaches Markdown, control characters in messages, and the
inputs that used to take minutes (quadratic paths, a week of centuries)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostile import builders
from tests.hostile.cases_outputs import FILL_ONE
from tests.hostile.harness import BASE_CONFIG, Case, Fifo, Link, edit

V = ("validate", "config.yaml")
COPY = ("build", "config.yaml", "-o", "out", "--only", "copy", "--no-lint")
SOCIAL = ("build", "config.yaml", "-o", "out", "--only", "social", "--no-lint")
LOGO = edit("  palette:\n", "  logo: logo.png\n  logo_alt: The logo\n  palette:\n")
NEWSLETTER_IMAGE = edit(
    "    subject: May is Water Safety Month\n",
    "    subject: May is Water Safety Month\n    image: pic.png\n    image_alt: A pool\n",
)
POST = '          - text: "Free swim lessons start this week at every county pool. parks.example.org/pools #SwimSmart"\n'
LINT_RULE = "lint:\n  rules:\n    - id: mine\n      kind: avoid\n      severity: warning\n      message: no\n      guideline: none\n      patterns: [{pattern!r}]\n"


def post(text: str) -> str:
    return edit(POST, f"          - text: {text}\n")


def lint_rule(pattern: str) -> str:
    return BASE_CONFIG + LINT_RULE.replace("{pattern!r}", "'" + pattern.replace("'", "''") + "'")


def no_markup_in(*names: str):  # type: ignore[no-untyped-def]
    """A check: the Markdown outputs carry no live HTML or javascript: link."""

    def check(camp: Path) -> None:
        for name in names:
            path = camp / "out" / name
            assert path.is_file(), f"{name} was not written"
            live = re.findall(
                r"(?<!\\)(?:<script|<img|<javascript:|\]\(javascript:)", path.read_text(encoding="utf-8")
            )
            assert not live, f"{name} carries {live}"

    return check


def many_posts(count: int) -> str:
    lines = [
        f'          - text: "Swim lesson number {i} at the county pool. #SwimSmart"\n' for i in range(count)
    ]
    return edit(POST, "".join(lines))


CASES: list[Case] = [
    # images from users: bombs and metadata floods are one line, never a traceback or gigabytes
    Case(
        "logo-bomb-graphics",
        V,
        1,
        r"logo.png: image is too large to open safely",
        {"logo.png": builders.png_bomb()},
        config=LOGO,
        isolate=True,
    ),
    Case(
        "logo-bomb-proclamation",
        FILL_ONE,
        1,
        r"logo.png: image is too large to open safely",
        {"logo.png": builders.png_bomb()},
        config=LOGO,
        isolate=True,
    ),
    Case(
        "logo-iccp-bomb",
        FILL_ONE,
        1,
        r"logo.png: broken or truncated PNG/JPEG image \(Decompressed data too large",
        {"logo.png": builders.png_iccp_bomb()},
        config=LOGO,
        isolate=True,
    ),
    Case(
        "newsletter-image-bomb",
        COPY,
        1,
        r"pic.png: image is too large to open safely",
        {"pic.png": builders.png_bomb()},
        config=NEWSLETTER_IMAGE,
        isolate=True,
    ),
    Case(
        "newsletter-image-iccp",
        COPY,
        1,
        r"digital.newsletter.image: pic.png: broken or truncated PNG image \(Decompressed data too large",
        {"pic.png": builders.png_iccp_bomb()},
        config=NEWSLETTER_IMAGE,
        isolate=True,
    ),
    Case(
        "newsletter-image-ztxt",
        COPY,
        1,
        r"digital.newsletter.image: pic.png: broken or truncated PNG image \(Decompressed data too large",
        {"pic.png": builders.png_ztxt_bomb()},
        config=NEWSLETTER_IMAGE,
        isolate=True,
    ),
    Case(
        "newsletter-image-text-flood",
        COPY,
        1,
        r"pic.png: image file is larger than 50 MB",
        {"pic.png": builders.png_text_flood()},
        config=NEWSLETTER_IMAGE,
        isolate=True,
    ),
    Case(
        "newsletter-image-truncated",
        COPY,
        1,
        r"pic.png: (broken|not a readable)",
        {"pic.png": builders.truncated_png()},
        config=NEWSLETTER_IMAGE,
    ),
    Case(
        "newsletter-image-svg",
        COPY,
        1,
        r"pic.png: SVG images are not supported",
        {"pic.png": builders.svg()},
        config=NEWSLETTER_IMAGE,
    ),
    Case(
        "newsletter-image-dev-zero",
        COPY,
        1,
        r"(outside|not found|not a regular file)",
        {"pic.png": Link("/dev/zero")},
        config=NEWSLETTER_IMAGE,
    ),
    Case(
        "newsletter-image-fifo",
        COPY,
        1,
        r"pic.png.*(not found|not a regular file)",
        {"pic.png": Fifo()},
        config=NEWSLETTER_IMAGE,
    ),
    Case(
        "newsletter-image-link-out",
        COPY,
        1,
        r"(outside|not found)",
        {"pic.png": Link("../canary.txt")},
        config=NEWSLETTER_IMAGE,
    ),
    Case(
        "logo-svg", V, 1, r"logo.png: SVG images are not supported", {"logo.png": builders.svg()}, config=LOGO
    ),
    # lint patterns from a config: bounded, and the catastrophic shapes refused by validate
    Case(
        "lint-pattern-nested-plus",
        V,
        1,
        r"lint rule mine: pattern '\(a\+\)\+\$' repeats a repetition",
        config=lint_rule("(a+)+$"),
    ),
    Case("lint-pattern-nested-star", V, 1, r"repeats a repetition", config=lint_rule("(x*)*y")),
    Case("lint-pattern-optional-tail", V, 1, r"repeats a repetition", config=lint_rule("(\\w+\\s?)+$")),
    Case(
        "lint-pattern-alternation",
        ("lint", "config.yaml"),
        1,
        r"lint rule mine: pattern .* took longer than 0.5 s",
        config=lint_rule("(a|aa)+$").replace(
            "Lessons for every age.", "Lessons for every age " + "a" * 60 + "!"
        ),
    ),
    Case("lint-pattern-syntax", V, 1, r"lint rule mine: bad pattern", config=lint_rule("(unclosed")),
    Case(
        "lint-pattern-huge-repeat",
        V,
        1,
        r"lint rule mine: bad pattern|repeats",
        config=lint_rule("a{99999999999}"),
    ),
    Case("lint-pattern-fine", V, 0, r"config.yaml: ok", config=lint_rule("\\b(\\s+\\w+)*\\bswim")),
    # text that reaches Markdown cannot become HTML or a link there
    Case(
        "md-post-script",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=post('"<script>alert(1)</script> Swim #SwimSmart"'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-post-onerror",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=post('"<img src=x onerror=alert(1)> Swim #SwimSmart"'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-post-javascript-link",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=post('"[free lessons](javascript:alert(1)) #SwimSmart"'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-post-autolink",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=post('"<javascript:alert(1)> #SwimSmart"'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-week-title-html",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=edit("  - title: Learn to Swim\n", '  - title: "<img src=x onerror=alert(1)>"\n'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-section-title-link",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=edit("      - title: Lessons\n", '      - title: "[x](javascript:alert(1))"\n'),
        check=no_markup_in("social/posts.md"),
    ),
    Case(
        "md-newsletter-subject",
        COPY,
        1,
        r"digital.newsletter.subject: raw HTML is not allowed in prose",
        config=edit("    subject: May is Water Safety Month\n", '    subject: "<script>x</script> May"\n'),
    ),
    Case(
        "md-newsletter-raw-html",
        V,
        1,
        r"digital.newsletter.body: raw HTML",
        config=edit("      May is Water Safety Month. Join us", "      <script>alert(1)</script> Join us"),
    ),
    Case(
        "md-website-javascript",
        V,
        1,
        r"digital.website.body: link target 'javascript:alert\(1\)' is not an http, https or mailto address",
        config=edit(
            "[the county pools page](https://parks.example.org/pools).\n",
            "[the county pools page](javascript:alert(1)).\n",
        ),
    ),
    Case(
        "md-intro-data-uri",
        V,
        1,
        r"introduction: link target 'data:",
        config=edit(
            "(https://parks.example.org/pools) to find", "(data:text/html;base64,PHNjcmlwdD4=) to find"
        ),
    ),
    # control characters cannot forge a line of output
    Case(
        "control-key-newline",
        V,
        1,
        r'config.yaml:\d+:\d+: "?bad\\nconfig.yaml:1:1: forged',
        config=BASE_CONFIG + '"bad\\nconfig.yaml:1:1: forged": 1\n',
    ),
    Case("control-key-escape", V, 1, r"\\x1b\[31m", config=BASE_CONFIG + '"\\e[31mred": 1\n'),
    Case(
        "control-prose-name",
        V,
        1,
        r"file: a\\nb.md",
        config=edit(
            BASE_CONFIG[BASE_CONFIG.index("introduction: |") : BASE_CONFIG.index("goals:")],
            'introduction: {file: "a\\nb.md"}\n',
        ),
    ),
    Case(
        "control-fill-value",
        ("build", "config.yaml", "-o", "out", "--only", "calendar", "--no-lint", "--fill", "bad\nname=1"),
        2,
        r"--fill|unknown|fill",
    ),
    # inputs that took minutes
    Case(
        "week-of-centuries",
        V,
        1,
        r"weeks.0: .*a focus week spans at most 31 days",
        config=edit(
            "    audience: Families\n", "    audience: Families\n    start: 1900-01-01\n    end: 2200-12-31\n"
        )
        + "".replace("", ""),
    ),
    Case(
        "posting-time-twice",
        V,
        1,
        r"social.schedule.times: .*a posting time is given twice",
        config=edit('      mon: ["09:30"]\n', '      mon: ["09:30", "09:30"]\n'),
    ),
    Case(
        "posting-every-minute",
        SOCIAL,
        0,
        r"out: \d+ written",
        config=edit(
            '      mon: ["09:30"]\n',
            "      mon: [" + ", ".join(f'"{h:02d}:{m:02d}"' for h in range(24) for m in range(60)) + "]\n",
        ),
    ),
    # the figure: 8,000 posts took 117 s in posts_md_context (10,000: benchmarks/scale.py)
    Case("many-posts", SOCIAL, 0, r"out: \d+ written", config=many_posts(8000), isolate=True),
    Case(
        "lint-big-markdown",
        ("lint", "big.md"),
        1,
        r"lint: \d+ errors",
        {
            "big.md": (
                "Families learn to swim at the county pool every week. " * 8 + "Victims were rescued.\n\n"
            )
            * 850
        },
        isolate=True,
    ),
    Case(
        "prose-emphasis-flood",
        ("build", "config.yaml", "-o", "out", "--only", "copy", "--no-lint"),
        0,
        r"out: \d+ written",
        {"intro.md": "*a " * 40000},
        config=edit(
            BASE_CONFIG[BASE_CONFIG.index("introduction: |") : BASE_CONFIG.index("goals:")],
            "introduction: {file: intro.md}\n",
        ),
        isolate=True,
    ),
    # names that are not what they seem
    Case(
        "locale-unknown",
        V,
        1,
        r"config.yaml:\d+:\d+: locale: unknown locale 'zz'",
        config=edit("locale: en-US", "locale: zz"),
    ),
    Case(
        "locale-translation-unknown",
        V,
        1,
        r"translations: unknown locale 'qq-ZZ'",
        config=BASE_CONFIG + "translations:\n  qq-ZZ:\n    theme:\n      name: X\n",
    ),
    Case(
        "timezone-unknown",
        SOCIAL,
        1,
        r"social.schedule.timezone: unknown time zone",
        config=edit("timezone: America/Chicago", "timezone: ../../etc/passwd"),
    ),
    Case("only-unknown", ("build", "config.yaml", "--only", "../../etc"), 2, r"--only"),
]
