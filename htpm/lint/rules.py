"""Rule packs: YAML data (templates/lint/<language>.yaml), validated, merged with a campaign's settings.

A pack holds language data (words that join a proper name, abbreviations that do not end a sentence,
named pattern pieces) and a list of rules. Every topic word lives in the pack, never here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from htpm.errors import HtpmError, Location
from htpm.fields import CopyKind
from htpm.lint.patterns import BoundedPattern, compile_pattern
from htpm.lint.readability import FormulaName
from htpm.paths import inside, templates_dir
from htpm.suggest import did_you_mean
from htpm.yamlmodel import message, nearest, validate_tree, value_path
from htpm.yamlsafe import read_yaml

if TYPE_CHECKING:
    from htpm.campaign import Campaign

Severity = Literal["error", "warning", "info"]
Kind = Literal["substitute", "avoid", "jargon", "required", "hashtags", "statistics", "readability"]
TextKind = CopyKind  # what a rule applies to: the kinds of copy the model marks
TEXT_KINDS: tuple[TextKind, ...] = ("post", "prose", "alt")  # checked unless a rule says otherwise
WORD_KINDS = ("substitute", "avoid", "jargon")
_DEFINE = re.compile(r"\{(\w+)\}")


class Rule(BaseModel):
    """One rule of a pack, or of a campaign's `lint.rules`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, used in reports and settings")
    kind: Kind = Field(description="What the rule checks")
    severity: Severity = Field(description="error fails lint and the build; warning fails with --strict")
    message: str = Field(min_length=1, description="What is wrong; {match}, {count}, {limit}, {grade} ...")
    suggestion: str = Field("", description="What to write instead; {replacement} for jargon terms")
    guideline: str = Field(min_length=1, description="The guideline the rule enforces, in its own words")
    patterns: list[str] = Field(default_factory=list, description="Regular expressions; {name} = a define")
    terms: dict[str, str] = Field(default_factory=dict, description="jargon: word -> plain replacement")
    unless: list[str] = Field(default_factory=list, description="A hit inside a match of these is fine")
    case_sensitive: bool = Field(False, description="Match patterns case-sensitively")
    skip_names: bool = Field(True, description="Ignore hits inside Capitalised Multi-Word Names")
    applies_to: list[TextKind] = Field(list(TEXT_KINDS), description="Kinds of text checked")
    check: Literal["count", "camelcase"] | None = Field(None, description="hashtags: which check")
    min_letters: int = Field(8, ge=1, description="hashtags camelcase: shortest all-lowercase tag to flag")
    look_for: list[str] = Field(default_factory=list, description="required: config fields to find")
    sources: list[str] = Field(default_factory=list, description="statistics: what counts as a source")
    min_words: int = Field(25, ge=1, description="readability: shortest text to grade")
    formula: FormulaName = Field("flesch-kincaid", description="readability: the language's formula")
    target: float | None = Field(
        None, description="readability, ease formulas: lowest passing score (grades: lint.readability_grade)"
    )
    must_match: list[str] = Field(default_factory=list, description="Examples the rule must report")
    must_not_match: list[str] = Field(default_factory=list, description="Examples it must not report")

    @model_validator(mode="after")
    def _kind_fields(self) -> Rule:
        if self.kind in ("substitute", "avoid") and not self.patterns:
            raise ValueError(f"a {self.kind} rule needs patterns")
        if self.kind == "jargon" and not (self.terms or self.patterns):
            raise ValueError("a jargon rule needs terms or patterns")
        if self.kind == "statistics" and not (self.patterns and self.sources):
            raise ValueError("a statistics rule needs patterns (claims) and sources")
        if self.kind == "required" and not self.look_for:
            raise ValueError("a required rule needs look_for (config fields such as hotline.phone)")
        if self.kind == "hashtags" and self.check is None:
            raise ValueError("a hashtags rule needs check: count or camelcase")
        return self


class PackData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str = Field(description="Language code of the pack, e.g. 'en'")
    name_connectors: list[str] = Field(default_factory=list, description="Lower-case words inside names")
    abbreviations: list[str] = Field(default_factory=list, description="Abbreviations that end in a dot")
    define: dict[str, str] = Field(default_factory=dict, description="Named pattern pieces, used as {name}")
    example_context: dict[str, Any] = Field(
        default_factory=dict, description="Config values the examples of required/hashtags rules run with"
    )
    rules: list[dict[str, Any]] = Field(description="The rules")
    _sources: dict[tuple[str | int, ...], Location] = PrivateAttr(default_factory=dict)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    patterns: tuple[tuple[BoundedPattern, str], ...]  # (pattern, replacement for {replacement})
    unless: tuple[BoundedPattern, ...]
    sources: tuple[BoundedPattern, ...]

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class RuleSet:
    """A pack's compiled rules plus its language data, after a campaign's settings were applied."""

    language: str
    rules: tuple[CompiledRule, ...]
    name_connectors: frozenset[str] = frozenset()
    abbreviations: tuple[str, ...] = ()
    example_context: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    notes: tuple[str, ...] = ()  # e.g. "no pack for language xx"
    has_pack: bool = True  # False: no pack served the locale, only a campaign's own rules

    def get(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _compile(rule: Rule, defines: dict[str, str], where: Location) -> CompiledRule:
    def one(src: str) -> BoundedPattern:
        expanded = _DEFINE.sub(lambda m: defines.get(m.group(1), m.group(0)), src)
        return compile_pattern(expanded, not rule.case_sensitive, rule.id, where)

    patterns = [(one(p), rule.suggestion) for p in rule.patterns]
    patterns += [(one(rf"(?<![\w-]){re.escape(t)}(?![\w-])"), r) for t, r in rule.terms.items()]
    return CompiledRule(
        rule, tuple(patterns), tuple(one(u) for u in rule.unless), tuple(one(s) for s in rule.sources)
    )


def read_pack(path: Path) -> PackData:
    """Read (YAML 1.2 core rules: `on` and `y` stay words) and validate one pack file; a mistake is
    an HtpmError at its line. The pack keeps where each value was written, for its rules' errors."""
    tree = read_yaml(path)
    pack, sources = validate_tree(PackData, tree)
    pack._sources = sources
    return pack


def _first_error(exc: ValidationError) -> tuple[str, tuple[str | int, ...]]:
    """The first error of a rule's validation, and the path of its value in the rule."""
    err = exc.errors()[0]
    path = value_path(err["loc"], Rule)
    return f"{'.'.join(str(p) for p in path) or '(top)'}: {message(err, Rule, path or ('',))}", path


def build_ruleset(
    pack: PackData | None,
    origin: str,
    extra: list[dict[str, Any]] = (),  # type: ignore[assignment]
    disable: list[str] = (),  # type: ignore[assignment]
    severity: dict[str, str] | None = None,
    locate: Any = None,
) -> RuleSet:
    """Compile a pack's rules with a campaign's `lint.rules` (a known id changes that rule's fields, a
    new id adds a rule), then `lint.disable` and `lint.severity`. Unknown ids there are mistakes."""

    def where(*path: str | int) -> Location:
        return locate(("lint", *path)) if locate else Location(origin)

    pack_sources = pack._sources if pack else {}

    def in_pack(*path: str | int) -> Location:
        return nearest(pack_sources, path) or Location(origin)

    raw: dict[str, dict[str, Any]] = {}
    pack_index: dict[str, int] = {}
    for index, item in enumerate(pack.rules if pack else []):
        rid = str(item.get("id", f"#{index}"))
        if rid in raw:
            raise HtpmError(f"lint pack: rule {rid} given twice", in_pack("rules", index, "id"))
        raw[rid] = dict(item)
        pack_index[rid] = index
    for index, item in enumerate(extra):
        rid = str(item.get("id", ""))
        if not rid:
            raise HtpmError("lint.rules: every rule needs an id", where("rules", index))
        raw[rid] = {**raw.get(rid, {}), **item}
    extra_ids = {str(item.get("id")) for item in extra}
    for i, rid in enumerate(disable):
        if rid not in raw:
            raise HtpmError(f"lint.disable: no rule {rid!r}{did_you_mean(rid, raw)}", where("disable", i))
    for rid in severity or {}:
        if rid not in raw:
            raise HtpmError(f"lint.severity: no rule {rid!r}{did_you_mean(rid, raw)}", where("severity", rid))
    defines = dict(pack.define) if pack else {}
    compiled = []
    for rid, item in raw.items():
        if rid in disable:
            continue
        if severity and rid in severity:
            item = {**item, "severity": severity[rid]}
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            if rid in extra_ids:
                pos = next(i for i, e in enumerate(extra) if str(e.get("id")) == rid)
                text, path = _first_error(exc)
                raise HtpmError(f"lint.rules.{pos} ({rid}): {text}", where("rules", pos, *path)) from None
            at = ("rules", pack_index[rid])
            text, path = _first_error(exc)
            raise HtpmError(f"lint pack: rules.{at[1]} ({rid}): {text}", in_pack(*at, *path)) from None
        if rid in extra_ids:
            rule_at = where("rules", next(i for i, e in enumerate(extra) if str(e.get("id")) == rid))
        else:
            rule_at = in_pack("rules", pack_index[rid])
        compiled.append(_compile(rule, defines, rule_at))
    notes = (
        () if pack else (f"no lint rule pack for this language (lint/{origin}.yaml); only config rules run",)
    )
    return RuleSet(
        language=pack.language if pack else origin,
        rules=tuple(compiled),
        name_connectors=frozenset(w.lower() for w in (pack.name_connectors if pack else [])),
        abbreviations=tuple(pack.abbreviations if pack else []),
        example_context=dict(pack.example_context if pack else {}),
        origin=origin,
        notes=notes,
        has_pack=pack is not None,
    )


def pack_names(locale: str) -> tuple[str, ...]:
    """The pack names a locale looks for, most specific first: 'es-US' -> ('es-US', 'es')."""
    language = locale.split("-")[0]
    return (locale,) if language == locale else (locale, language)


def pack_path(locale: str, search_path: tuple[Path, ...]) -> Path | None:
    """The pack for a locale: in each folder of the search path (campaign folders first, then
    templates/), lint/<locale>.yaml, then lint/<language>.yaml ('es-US' -> es-US.yaml, es.yaml)."""
    for base in search_path:
        for name in pack_names(locale):
            candidate = base / "lint" / f"{name}.yaml"
            if candidate.is_file() and inside(candidate, base):  # never a link out of its folder
                return candidate
    return None


def missing_pack(locale: str) -> str:
    """What to say when no pack serves a locale."""
    names = " or ".join(f"lint/{name}.yaml" for name in pack_names(locale))
    return (
        f"no lint rule pack for locale {locale} ({names} beside the config or in htpm's templates); "
        "write one (docs/lint.md#rule-packs) or build with --no-lint"
    )


def load_ruleset(language: str = "en", search_path: tuple[Path, ...] | None = None) -> RuleSet:
    """The rules for a locale or language without a campaign (for files)."""
    path = pack_path(language, search_path or (templates_dir(),))
    if path is None:
        return build_ruleset(None, language)
    return build_ruleset(read_pack(path), str(path))


def campaign_ruleset(campaign: Campaign) -> RuleSet:
    """The pack for the campaign's locale (found on its template search path) with its `lint:`
    settings applied."""
    settings = campaign.config.lint
    path = pack_path(campaign.locale, campaign.template_dirs)
    pack = read_pack(path) if path else None
    return build_ruleset(
        pack,
        str(path) if path else campaign.locale,
        extra=settings.rules,
        disable=settings.disable,
        severity=dict(settings.severity),
        locate=campaign.locate,
    )
