"""Run compiled rules over texts: word rules, hashtags, statistics, readability, required content."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from htpm.errors import Location
from htpm.lint.extract import Text
from htpm.lint.prepare import (
    HASHTAG,
    Prepared,
    inside,
    merged,
    overlaps,
    prepare,
    sentence_spans,
    suppressions,
)
from htpm.lint.readability import FORMULAS
from htpm.lint.rules import WORD_KINDS, CompiledRule, RuleSet

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Finding:
    """One departure from a guideline, where it is and what to write instead."""

    location: Location
    severity: str
    rule_id: str
    message: str
    suggestion: str = ""
    match: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.rule_id)


@dataclass(frozen=True)
class LintContext:
    """Campaign facts some rules need. Without a campaign (plain files) they are empty."""

    values: dict[str, Any] = field(default_factory=dict)  # the config as plain data, for look_for
    max_per_post: int | None = None
    known_tags: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    readability_grade: float = 12.0
    campaign: bool = False
    config_location: Location = field(default_factory=lambda: Location(""))
    locate: Any = None  # SourcePath -> Location, for required rules


def fill(template: str, **values: object) -> str:
    """Fill {name} placeholders we know; leave any other braces alone."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str
    suggestion: str


def run(ruleset: RuleSet, texts: list[Text], ctx: LintContext) -> list[Finding]:
    """Every finding of every rule over `texts`, sorted by place."""
    findings: list[Finding] = []
    allow = [a.lower() for a in ctx.allow if a.strip()]
    for text in texts:
        prepared = prepare(text.text, ruleset.name_connectors)
        allowed = _allowed_spans(text.text, allow)
        for rule in ruleset.rules:
            if text.kind not in rule.rule.applies_to:
                continue
            for hit in _check(rule, prepared, text, ctx, ruleset):
                if prepared.suppress.off(rule.id, hit.start) or overlaps(allowed, hit.start, hit.end):
                    continue
                findings.append(
                    Finding(
                        text.locate(hit.start),
                        rule.rule.severity,
                        rule.id,
                        hit.message,
                        hit.suggestion,
                        text.text[hit.start : hit.end],
                    )
                )
    if ctx.campaign:
        findings.extend(required_findings(ruleset, texts, ctx))
    return sorted(findings, key=Finding.sort_key)


def _allowed_spans(text: str, allow: list[str]) -> list[tuple[int, int]]:
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for phrase in allow:
        spans.extend(m.span() for m in re.finditer(re.escape(phrase), lowered))
    return merged(spans)


def _check(rule: CompiledRule, p: Prepared, text: Text, ctx: LintContext, rs: RuleSet) -> Iterable[Hit]:
    kind = rule.rule.kind
    if kind in WORD_KINDS:
        return _words(rule, p)
    if kind == "hashtags":
        return _hashtags(rule, p, text, ctx)
    if kind == "statistics":
        return _statistics(rule, p, rs)
    if kind == "readability":
        return _readability(rule, p, ctx)
    return ()


def _words(rule: CompiledRule, p: Prepared) -> list[Hit]:
    exempt = merged(m.span() for u in rule.unless for m in u.finditer(p.words))
    candidates = []
    for pattern, replacement in rule.patterns:
        for m in pattern.finditer(p.words):
            start, end = m.span()
            if end == start or overlaps(exempt, start, end) or inside(p.quoted, start, end):
                continue
            named = any(c.isupper() for c in m.group()) and inside(p.names, start, end)
            if rule.rule.skip_names and named:
                continue
            candidates.append((start, -end, m.group(), replacement))
    hits: list[Hit] = []
    for start, neg_end, matched, replacement in sorted(candidates):  # earliest, then longest, wins
        if hits and start < hits[-1].end:  # hits do not overlap: only the last can meet this one
            continue
        values = {"match": matched, "replacement": replacement}
        hits.append(Hit(start, -neg_end, fill(rule.rule.message, **values), fill(replacement, **values)))
    return hits


def _hashtags(rule: CompiledRule, p: Prepared, text: Text, ctx: LintContext) -> list[Hit]:
    tags = list(HASHTAG.finditer(p.tags))
    hits = []
    if rule.rule.check == "count":
        limit = ctx.max_per_post
        if text.kind != "post" or limit is None:
            return []
        distinct: list[re.Match[str]] = []
        for m in tags:
            if m.group().casefold() not in {d.group().casefold() for d in distinct}:
                distinct.append(m)
        if len(distinct) > limit:
            first_extra = distinct[limit]
            values = {"count": len(distinct), "limit": limit, "match": first_extra.group()}
            hits.append(
                Hit(
                    *first_extra.span(),
                    fill(rule.rule.message, **values),
                    fill(rule.rule.suggestion, **values),
                )
            )
        return hits
    known = {t.lower(): t for t in ctx.known_tags}
    for m in tags:
        tag, body = m.group(), m.group(1)
        letters = [c for c in body if c.isalpha()]
        expected = known.get(tag.lower())  # the config's own spelling, when it has more capitals
        if expected is None or sum(c.isupper() for c in expected) <= sum(c.isupper() for c in tag):
            expected = None
            if not (all(c.islower() for c in letters) and len(letters) >= rule.rule.min_letters):
                continue
        values = {"match": tag, "expected": expected or ""}
        suggestion = expected or fill(rule.rule.suggestion, **values)
        start, end = m.span()
        hits.append(Hit(start, end, fill(rule.rule.message, **values), suggestion))
    return hits


def _statistics(rule: CompiledRule, p: Prepared, rs: RuleSet) -> list[Hit]:
    sentences = sentence_spans(p.original, rs.abbreviations, p.words)
    hits = []
    for index, (start, end) in enumerate(sentences):
        claim = None
        for pattern, _ in rule.patterns:
            m = pattern.search(p.words, start, end)
            if m and not inside(p.quoted, *m.span()) and (claim is None or m.start() < claim.start()):
                claim = m
        if claim is None:
            continue
        scope_end = sentences[index + 1][1] if index + 1 < len(sentences) else end
        scope = p.original[start:scope_end]
        if any(s.search(scope) for s in rule.sources):
            continue
        values = {"match": claim.group()}
        hits.append(
            Hit(*claim.span(), fill(rule.rule.message, **values), fill(rule.rule.suggestion, **values))
        )
    return hits


def _readability(rule: CompiledRule, p: Prepared, ctx: LintContext) -> list[Hit]:
    """A grade formula warns above the campaign's grade; an ease formula below the rule's target."""
    formula = FORMULAS[rule.rule.formula]
    plain = re.sub(r"[*_`\[\]]|\[\^[^\]]*\]", " ", p.words)
    if len(formula.words(plain)) < rule.rule.min_words:
        return []
    score = formula.score(plain)
    if formula.grade:
        target = ctx.readability_grade
        if score <= target:
            return []
    else:
        target = rule.rule.target if rule.rule.target is not None else formula.default_target or 0.0
        if score >= target:
            return []
    first = re.search(r"\S", p.original)
    start = first.start() if first else 0
    values = {"grade": f"{score:.1f}", "score": f"{score:.1f}", "target": f"{target:g}"}
    return [Hit(start, start, fill(rule.rule.message, **values), fill(rule.rule.suggestion, **values))]


# -- required content ---------------------------------------------------------------------------


def lookup(values: dict[str, Any], dotted: str) -> Any:
    current: Any = values
    for part in dotted.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def _needle(value: str) -> re.Pattern[str]:
    """How a configured value is recognised in copy: a phone by its digits, an address by its host,
    a hashtag as a whole tag, anything else as a phrase."""
    digits = re.sub(r"\D", "", value)
    if re.fullmatch(r"[\d\s().+-]+(?:\s*\(?[A-Za-z]+\)?)?", value.strip()) and len(digits) >= 5:
        core = digits[-10:] if len(digits) > 10 else digits
        return re.compile(r"(?<!\d)" + r"[\s().+-]*".join(core) + r"(?!\d)")
    url = re.match(r"^(?:https?://|mailto:|www\.)(?:www\.)?([^/?#\s]+)(/[^?#\s]*)?", value.strip(), re.I)
    if url:  # the host with the value's path, or the bare host (not some other page on it)
        host, path = re.escape(url.group(1)), re.escape((url.group(2) or "").rstrip("/"))
        tail = rf"(?:{path}(?![\w-])|(?![\w/-]))" if path else r"(?![\w-])"
        return re.compile(rf"(?<![\w.-])(?:www\.)?{host}{tail}", re.IGNORECASE)
    return re.compile(r"(?<![\w#])" + re.escape(value.strip()) + r"(?!\w)", re.IGNORECASE)


def required_findings(ruleset: RuleSet, texts: list[Text], ctx: LintContext) -> list[Finding]:
    """The `required` rules: each looks for its config values in all of `texts`."""
    findings = []
    for rule in ruleset.rules:
        if rule.rule.kind != "required":
            continue
        fields = rule.rule.look_for
        sections = {f.split(".")[0] for f in fields}
        wanted = [(f, lookup(ctx.values, f)) for f in fields]
        needles = [_needle(str(v)) for _, v in wanted if v not in (None, "")]
        copy = [t for t in texts if t.kind in rule.rule.applies_to and not (t.path and t.path[0] in sections)]
        if needles and any(n.search(t.text) for n in needles for t in copy):
            continue
        if any(suppressions(t.text).off(rule.id, len(t.text)) for t in copy):
            continue
        where = ctx.locate((*fields[0].split("."),)) if ctx.locate else ctx.config_location
        given = [str(v) for _, v in wanted if v not in (None, "")]
        values = {
            "fields": ", ".join(fields),
            "values": " or ".join(given) or f"none set ({', '.join(fields)})",
        }
        findings.append(
            Finding(
                where,
                rule.rule.severity,
                rule.id,
                fill(rule.rule.message, **values),
                fill(rule.rule.suggestion, **values),
            )
        )
    return findings


__all__ = ["Finding", "LintContext", "run", "fill", "required_findings"]
