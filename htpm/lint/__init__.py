"""Messaging lint: check campaign copy against the campaign's own guidelines (rules are YAML data)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from htpm.errors import HtpmError, Location
from htpm.lint.engine import Finding, LintContext, required_findings, run
from htpm.lint.extract import SourcePath, Text, campaign_texts, file_text
from htpm.lint.links import RULE_ID, unknown_links
from htpm.lint.report import failed, format_json, format_text, summary
from htpm.lint.rules import CompiledRule, RuleSet, campaign_ruleset, load_ruleset, missing_pack

if TYPE_CHECKING:
    from htpm.campaign import Campaign


def lint_campaign(campaign: Campaign) -> list[Finding]:
    """Every finding in the copy the campaign produces, located in its YAML or Markdown source.

    Each text is checked with the pack of its own locale: the campaign's copy with its locale's pack,
    and the copy each translation (`translations:`) gives with that locale's pack ('es-US' ->
    lint/es-US.yaml, else lint/es.yaml). What a translation leaves to the primary language is the
    primary's text and is checked once, as such. A locale no pack serves is an error finding."""
    texts = campaign_texts(campaign)
    findings = _lint_locale(campaign, texts, texts)
    primary = {text.path: text.start for text in texts}
    for locale in campaign.config.translations:
        findings.extend(_lint_translation(campaign, locale, primary))
    return sorted(findings, key=Finding.sort_key)


def _lint_locale(campaign: Campaign, own: list[Text], texts: list[Text]) -> list[Finding]:
    """Findings in `own` (the locale's own copy) with the locale's pack; required content is looked
    for in all the copy a reader of that locale gets (`texts`)."""
    ruleset = campaign_ruleset(campaign)
    if not ruleset.has_pack:
        return [Finding(campaign.locate(("locale",)), "error", "rule-pack", missing_pack(campaign.locale))]
    settings = campaign.config.lint
    tags = campaign.config.hashtags
    ctx = LintContext(
        values=campaign.config.model_dump(mode="json"),
        max_per_post=tags.max_per_post,
        known_tags=(tags.primary, *tags.secondary),
        allow=tuple(settings.allow),
        readability_grade=settings.readability_grade,
        campaign=True,
        config_location=Location(str(campaign.path)),
        locate=campaign.locate,
    )
    if own is texts:
        findings = run(ruleset, texts, ctx)
    else:
        findings = run(ruleset, own, replace(ctx, campaign=False)) + required_findings(ruleset, texts, ctx)
    if RULE_ID not in settings.disable:
        severity = settings.severity.get(RULE_ID, "warning")
        findings.extend(replace(f, severity=severity) for f in unknown_links(campaign, own))
    return findings


def _lint_translation(campaign: Campaign, locale: str, primary: dict[SourcePath, Location]) -> list[Finding]:
    """The copy one translation gives (a text whose source is not the primary's), in its locale."""
    from htpm.config import load_campaign

    try:
        translated = load_campaign(campaign.path, locale)
    except HtpmError:  # `htpm validate` and `htpm build` report why, with the rest of the config's problems
        where = campaign.locate(("translations", locale))
        return [Finding(where, "info", "lint", f"translations.{locale}: not linted, it does not load")]
    texts = campaign_texts(translated)
    own = [text for text in texts if primary.get(text.path) != text.start]
    return _lint_locale(translated, own, texts)


def lint_files(
    paths: Iterable[str | Path], language: str = "en", search_path: tuple[Path, ...] | None = None
) -> list[Finding]:
    """Findings in Markdown or plain-text files, with the pack of `language` (a locale such as
    'es-US' or a language; rules that need a campaign, such as required content and the hashtag
    limit per post, do not apply)."""
    ruleset = load_ruleset(language, search_path)
    texts = []
    for path in map(Path, paths):
        if not path.exists():
            raise HtpmError("file not found", path)
        try:
            texts.append(file_text(path))
        except UnicodeDecodeError:
            raise HtpmError("not UTF-8 text", path) from None
        except OSError as exc:
            raise HtpmError(f"cannot read: {exc.strerror or exc}", path) from None
    return run(ruleset, texts, LintContext())


def lint_targets(targets: Iterable[str | Path], language: str = "en") -> list[Finding]:
    """`htpm lint` targets: each .yaml/.yml is a campaign config, anything else a Markdown/text file."""
    from htpm.config import load_campaign

    paths = [Path(t) for t in targets]
    findings: list[Finding] = []
    for config in [t for t in paths if t.suffix.lower() in (".yaml", ".yml")]:
        findings.extend(lint_campaign(load_campaign(config)))
    files = [t for t in paths if t.suffix.lower() not in (".yaml", ".yml")]
    if files:
        findings.extend(lint_files(files, language))
    return findings


def _example_context(ruleset: RuleSet, campaign: bool) -> LintContext:
    """A campaign whose config is the pack's example_context (its hotline, hashtags and limit)."""
    values = ruleset.example_context
    tags = values.get("hashtags")
    tags = tags if isinstance(tags, dict) else {}
    known = tuple(t for t in [tags.get("primary"), *tags.get("secondary", [])] if t)
    return LintContext(
        values=values, max_per_post=tags.get("max_per_post"), known_tags=known, campaign=campaign
    )


def lint_text(text: str, kind: str = "post", ruleset: RuleSet | None = None) -> list[Finding]:
    """Findings in one piece of copy, as a post of the pack's example campaign; rules that need a whole
    campaign (required content) are left out."""
    ruleset = ruleset or load_ruleset()
    return run(ruleset, [Text(text, kind, Location("<text>"))], _example_context(ruleset, campaign=False))


def check_rules(target: str | Path | None = None, language: str = "en") -> list[str]:
    """`htpm lint --check-rules`: run the examples of the rules a config (its pack and `lint.rules`)
    or, for no config, the language's pack would use."""
    from htpm.config import load_campaign

    if target is not None and Path(target).suffix.lower() in (".yaml", ".yml"):
        campaign = load_campaign(target)
        problems = example_failures(campaign_ruleset(campaign))
        for locale in campaign.config.translations:  # each translation's pack, with the same settings
            translated = campaign_ruleset(load_campaign(target, locale))
            problems += [f"{locale}: {problem}" for problem in example_failures(translated)]
        return problems
    return example_failures(load_ruleset(language))


def example_failures(ruleset: RuleSet) -> list[str]:
    """Run every rule's must_match / must_not_match examples; describe each that goes wrong."""
    problems = []
    for rule in ruleset.rules:
        if not rule.rule.must_match or not rule.rule.must_not_match:
            problems.append(f"{rule.id}: needs must_match and must_not_match examples")
        for example in rule.rule.must_match:
            if not _example_hits(ruleset, rule, example):
                problems.append(f"{rule.id}: must match, did not: {example!r}")
        for example in rule.rule.must_not_match:
            found = _example_hits(ruleset, rule, example)
            if found:
                problems.append(f"{rule.id}: must not match, did: {example!r} ({found[0].match!r})")
    return problems


def _example_hits(ruleset: RuleSet, rule: CompiledRule, example: str) -> list[Finding]:
    """An example runs alone, as the only copy (a post) of the pack's example campaign."""
    kind = "post" if "post" in rule.rule.applies_to else rule.rule.applies_to[0]
    text = Text(example, kind, Location("<example>"), ("weeks", 0, "sections", 0, "posts", 0, "text"))
    single = RuleSet(ruleset.language, (rule,), ruleset.name_connectors, ruleset.abbreviations)
    return [f for f in run(single, [text], _example_context(ruleset, campaign=True)) if f.rule_id == rule.id]


__all__ = [
    "Finding",
    "lint_campaign",
    "lint_files",
    "lint_targets",
    "lint_text",
    "check_rules",
    "format_text",
    "format_json",
    "summary",
    "failed",
    "example_failures",
    "load_ruleset",
]
