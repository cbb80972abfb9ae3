"""Linting a campaign: every piece of copy, with the line it came from, and the config's settings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from htpm.config import load_campaign
from htpm.errors import HtpmError
from htpm.lint import format_text, lint_campaign

WATER = Path(__file__).resolve().parents[1] / "data" / "water-safety" / "config.yaml"


def overlay(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> Path:
    """A campaign that extends the water-safety config with `body` (YAML); its newsletter gives the
    Pool Safety Line's number, so the base has no finding of its own."""
    base = WATER.read_text(encoding="utf-8")
    assert "find a free lesson on" in base
    base = base.replace("find a free lesson on", "call 555-0100 or find a free lesson on", 1)
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "campaign.yaml"
    path.write_text("extends: base.yaml\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[int, int, str, str]]:
    return [(f.location.line, f.location.col, f.rule_id, f.match) for f in lint_campaign(load_campaign(path))]


def test_the_water_safety_campaign() -> None:
    """A campaign on another topic: the generic rules still work. Its copy never gives the Pool Safety
    Line (the posts link other pages of the same site), and that is the one finding."""
    findings = lint_campaign(load_campaign(WATER))
    assert [(f.location.line, f.rule_id, f.severity) for f in findings] == [
        (40, "hotline-in-copy", "warning")
    ]
    assert format_text(findings).startswith(
        f"{WATER}:40:10: warning hotline-in-copy: no piece of campaign copy"
    )


def test_a_post_with_the_hotline_number_satisfies_the_rule(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        weeks:
          - title: One
            sections:
              - title: Posts
                posts:
                  - text: "Questions? Call (555) 0100. #SwimSmart"
        """,
    )
    assert found(path) == []


def test_lines_and_columns_in_every_yaml_style(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        introduction: |
          May is Water Safety Month.
          Lifeguards rescue swimmers.

          Homeless people swim free.
        goals:
          - Teach swimming to homeless families.
          - "Reach \\"every\\" runaway teen."
          - 'It''s for vulnerable children.'
          - >
            Folded text that names
            the homeless here.
        """,
    )
    assert found(path) == [
        (4, 14, "avoid-rescue", "rescue"),
        (6, 3, "person-first-homeless", "Homeless people"),
        (8, 23, "person-first-homeless", "homeless families"),
        (9, 22, "person-first-runaway", "runaway"),
        (10, 16, "avoid-vulnerable", "vulnerable children"),
        (13, 5, "person-first-homeless", "the homeless"),
    ]


def test_markdown_prose_reports_the_markdown_file(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        "introduction: {file: intro.md}\n",
        {"intro.md": "\n\n# Welcome\n\nWe teach every child.\nWe save swimmers.\n"},
    )
    (finding,) = lint_campaign(load_campaign(path))
    assert (finding.location.file, finding.location.line, finding.location.col) == (
        str(tmp_path / "intro.md"),
        6,
        4,
    )
    assert format_text([finding]).startswith(f"{tmp_path / 'intro.md'}:6:4: warning avoid-rescue: 'save' ")


def test_posts_variants_alt_text_and_resources_are_checked(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        weeks:
          - title: Homeless People Week
            sections:
              - title: Posts
                posts:
                  - text: "Lessons for runaways. #SwimSmart"
                    variants:
                      x: "Lessons for at-risk youth. #SwimSmart"
                    image_alt: A lifeguard saves a child.
        resources:
          - name: Help
            resources:
              - type: Guide
                title: Serving Homeless People
                description: A guide for victims.
        branding:
          palette: {primary: "#00507A", secondary: "#007C89", accent: "#F2A900"}
          logo_alt: Rescue logo
        """,
    )
    assert found(path) == [
        (7, 32, "person-first-runaway", "runaways"),
        (9, 31, "avoid-risk-label", "at-risk youth"),
        (10, 36, "avoid-rescue", "saves"),
        (15, 16, "link-target-unknown", "Serving Homeless People"),  # a resource without url
        (16, 34, "person-first-victim", "victims"),
        (19, 13, "avoid-rescue", "Rescue"),
    ]


def test_guidelines_are_not_checked(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        guidelines:
          title: Guidelines
          sections:
            - title: Messaging
              kind: messaging
              lists:
                - items: ["Instead of victim, say person who has experienced harm."]
        """,
    )
    assert found(path) == []


def test_hashtag_limit_comes_from_the_config(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        hashtags:
          primary: "#SwimSmart"
          secondary: ["#WaterSafety"]
          max_per_post: 1
        weeks:
          - title: One
            sections:
              - title: Posts
                posts:
                  - text: "Swim with a buddy. #SwimSmart #watersafety"
        """,
    )
    findings = lint_campaign(load_campaign(path))
    assert [(f.rule_id, f.message, f.suggestion) for f in findings] == [
        ("hashtag-camelcase", "'#watersafety' is hard for screen readers to read", "#WaterSafety"),
        (
            "hashtag-limit",
            "2 hashtags in one post; the limit is 1",
            "keep the campaign hashtag and drop #watersafety or others",
        ),
    ]


def test_required_hotline_and_primary_hashtag(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        hotline:
          name: Pool Line
          phone: 555-0199
        hashtags:
          primary: "#PoolPals"
        """,
    )
    findings = lint_campaign(load_campaign(path))
    assert [(f.location.line, f.rule_id, f.severity, f.message) for f in findings] == [
        (
            4,
            "hotline-in-copy",
            "warning",
            "no piece of campaign copy gives the hotline (555-0199 or https://parks.example.org/safety-line)",
        ),
        (
            6,
            "primary-hashtag",
            "warning",
            "the primary hashtag #PoolPals appears in no piece of campaign copy",
        ),
    ]


def test_the_hotline_section_itself_does_not_count(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        hotline:
          name: Pool Line
          phone: null
          website: https://pool.example.org/line
          description: Visit https://pool.example.org/line to talk.
        """,
    )
    assert [f[2] for f in found(path)] == ["hotline-in-copy"]


def test_suppression_comments(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        introduction: |
          Homeless people swim free.
          <!-- htpm-lint disable-next-line person-first-homeless -->
          Homeless people swim free, again.
          Homeless people swim free, a third time.
          <!-- htpm-lint disable -->
          Victims and runaways swim free.
          <!-- htpm-lint enable -->
          Runaways swim free.
        """,
    )
    assert [(line, rule) for line, _, rule, _ in found(path)] == [
        (3, "person-first-homeless"),
        (6, "person-first-homeless"),
        (10, "person-first-runaway"),
    ]


def test_allow_disable_severity_and_extra_rules(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        introduction: Lifeguards rescue swimmers; homeless people swim free; drowning victims are few.
        lint:
          allow: [drowning victims]
          disable: [person-first-homeless]
          severity: {avoid-rescue: error}
          rules:
            - id: avoid-rescue
              unless: ['\\brescue\\s+swimmers']
            - id: no-dive
              kind: avoid
              severity: info
              message: "'{match}' is unsafe advice"
              guideline: Never tell people to dive into shallow water.
              patterns: ['\\bdive\\s+in\\b']
        weeks:
          - title: One
            sections:
              - title: Posts
                posts:
                  - text: "Dive in at the shallow end! Then rescue a friend. #SwimSmart"
        """,
    )
    findings = lint_campaign(load_campaign(path))
    assert [(f.location.line, f.rule_id, f.severity, f.match) for f in findings] == [
        (21, "no-dive", "info", "Dive in"),
        (21, "avoid-rescue", "error", "rescue"),
    ]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("disable: [no-such-rule]", "lint.disable: no rule 'no-such-rule'"),
        ("severity: {nope: error}", "lint.severity: no rule 'nope'"),
        ("rules: [{id: new-one, kind: avoid}]", "lint.rules.0 (new-one): severity: required, but missing"),
        ("rules: [{kind: avoid}]", "lint.rules: every rule needs an id"),
    ],
)
def test_mistakes_in_lint_settings(tmp_path: Path, settings: str, message: str) -> None:
    path = overlay(tmp_path, f"lint:\n  {settings}\n")
    with pytest.raises(HtpmError) as caught:
        lint_campaign(load_campaign(path))
    assert caught.value.message.startswith(message)
    assert caught.value.location is not None and caught.value.location.file == str(path)


def test_a_campaign_folder_can_override_the_pack(tmp_path: Path) -> None:
    pack = """\
        language: en
        rules:
          - id: no-puddles
            kind: avoid
            severity: error
            message: "'{match}'"
            guideline: Say pool.
            patterns: ['\\bpuddle\\b']
            must_match: [puddle]
            must_not_match: [pool]
        """
    path = overlay(
        tmp_path,
        "introduction: Homeless people jump in the puddle.\n",
        {"lint/en.yaml": textwrap.dedent(pack)},
    )
    assert [f[2] for f in found(path)] == ["no-puddles"]


def test_a_disable_comment_switches_a_required_rule_off(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        hotline: {name: Pool Line, phone: 555-0199}
        introduction: "Welcome. <!-- htpm-lint disable hotline-in-copy -->"
        """,
    )
    assert found(path) == []


def test_the_settings_example_in_the_docs_works(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "lint.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = overlay(
        tmp_path,
        example
        + """\
        introduction: Drowning victims are few. A water rescue is rare. Dive in! We utilize boats.
        """.replace("        ", ""),
    )
    assert [(rule, match) for _, _, rule, match in found(path)] == [("no-dive", "Dive in")]


def test_link_descriptions_are_linted_where_they_were_missed(tmp_path: Path) -> None:
    """The copy comes from the model's markers: link descriptions in the newsletter sign-up and in
    digital blocks were once left out of a hand-kept list."""
    path = overlay(
        tmp_path,
        """\
        organization:
          newsletter:
            text: Our newsletter
            description: News to rescue swimmers.
        digital:
          blocks:
            - title: Slides
              links:
                - text: The slides
                  description: Slides on how to rescue a swimmer.
        """,
    )
    assert found(path) == [
        (4, 5, "link-target-unknown", "Our newsletter"),  # neither link has an address
        (5, 26, "avoid-rescue", "rescue"),
        (10, 11, "link-target-unknown", "The slides"),
        (11, 41, "avoid-rescue", "rescue"),
    ]


def test_titles_are_copy_that_only_rules_asking_for_them_check(tmp_path: Path) -> None:
    body = """\
        theme:
          name: Rescue Together
        lint:
          rules:
            - id: title-words
              kind: avoid
              severity: warning
              message: not in a title
              guideline: Titles say what to do
              patterns: ["together"]
              applies_to: [title]
              skip_names: false
              must_match: [together]
              must_not_match: [alone]
        """
    assert found(overlay(tmp_path, body)) == [(3, 16, "title-words", "Together")]
