"""Checks that concern the whole campaign rather than one generator: dates, note references,
labels, the lint settings, template overrides and translations.

Each returns every Problem it finds (never raises for the user's mistakes), so `htpm validate`
reports them all at once. Generator-specific checks live beside their generator (`check()` in
`htpm/generators/<name>.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from htpm.campaign import Campaign, SourcePath
from htpm.errors import HtpmError, Location
from htpm.problems import Problem, dotted, problems_of
from htpm.templating import make_env

NOTE_REF = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")


def problem_at(campaign: Campaign, path: SourcePath, message: str) -> Problem:
    return Problem(campaign.locate(path), dotted(path), message)


def awareness_days(campaign: Campaign) -> list[Problem]:
    problems = []
    for index, day in enumerate(campaign.config.events.days):
        month = day.month or campaign.month
        try:
            dt.date(campaign.year, month, day.day)
        except ValueError:
            problems.append(
                problem_at(
                    campaign,
                    ("events", "days", index, "day"),
                    f"{campaign.year}-{month:02d}-{day.day:02d} is not a date",
                )
            )
    return problems


def note_references(campaign: Campaign) -> list[Problem]:
    """Every `[^id]` in the config names an endnote."""
    from htpm.copyfields import iter_copy

    known = {note.id for note in campaign.config.endnotes}
    problems = []
    for path, text, _kind in iter_copy(campaign.config):
        if path[0] == "labels":  # fixed words, never a note's place
            continue
        for match in NOTE_REF.finditer(text):
            if match.group(1) not in known:
                listed = ", ".join(sorted(known)) or "none"
                problems.append(
                    problem_at(campaign, path, f"no endnote with id {match.group(1)!r} (endnotes: {listed})")
                )
    return problems


def prose(campaign: Campaign) -> list[Problem]:
    """Every prose field stays inside the Markdown subset (docs/prose.md): a heading, image, raw
    HTML, table or unsafe link is a problem at its own line and column, never literal text."""
    from htpm.lint.extract import campaign_texts
    from htpm.prose import check_prose

    problems = []
    for text in campaign_texts(campaign):
        if text.kind != "prose":
            continue
        for issue in check_prose(text.text):
            offset = _offset(text.text, issue.line, issue.column)
            problems.append(Problem(text.locate(offset), dotted(text.path), issue.message))
    return problems


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 0-based line and column in `text`."""
    lines = text.splitlines(keepends=True)
    return min(sum(len(ln) for ln in lines[:line]) + column, max(len(text) - 1, 0))


def labels(campaign: Campaign) -> list[Problem]:
    """Every fixed word the generators use exists in the campaign's language (English is the
    reference set: a key it has and the campaign's language lacks would be an English word, or a
    failed build). One problem per missing label, naming the label and the file it belongs in; a
    labels file missing whole is one problem, and a language with no labels at all is one."""
    try:
        have = campaign.labels
    except HtpmError as exc:
        return problems_of(exc)
    reference = reference_labels()
    missing = sorted(set(reference) - set(have))
    folder = f"templates/labels/{campaign.language}"
    if missing and len(missing) == len(reference):
        files = sorted({key.partition(".")[0] for key in reference})
        return [
            Problem(
                Location(f"{folder}/"),
                "labels",
                f"no {campaign.locale} labels at all ({len(reference)} fixed words in {len(files)} files); "
                f"copy htpm's templates/labels/{REFERENCE_LANGUAGE}/ to labels/{campaign.language}/ beside "
                "the config and translate it, or give every label under labels: in the config",
            )
        ]
    by_file: dict[str, list[str]] = {}
    for key in missing:
        by_file.setdefault(key.partition(".")[0], []).append(key)
    problems = []
    for stem, keys in by_file.items():
        where = f"{folder}/{stem}.yaml"
        if len(keys) == sum(1 for k in reference if k.partition(".")[0] == stem) and len(keys) > 1:
            names = ", ".join(k.partition(".")[2] for k in keys[:6]) + (", ..." if len(keys) > 6 else "")
            problems.append(
                Problem(
                    Location(where),
                    f"labels.{stem}",
                    f"no {campaign.locale} labels file {stem}.yaml ({len(keys)} labels: {names}); "
                    f"copy htpm's templates/labels/{REFERENCE_LANGUAGE}/{stem}.yaml to "
                    f"labels/{campaign.language}/ beside the config and translate it, or give them under "
                    "labels: in the config",
                )
            )
            continue
        for key in keys:
            name = key.partition(".")[2]
            problems.append(
                Problem(
                    Location(where),
                    f"labels.{key}",
                    f"no {campaign.locale} text for label {name!r} (English: {reference[key]!r}); "
                    f"add it to {where}, or under labels: in the config",
                )
            )
    return problems


REFERENCE_LANGUAGE = "en"


def reference_labels() -> dict[str, str]:
    """htpm's own English labels ('toolkit.goals' -> 'Goals'): the keys every language needs."""
    from htpm.labels import merged_labels
    from htpm.paths import templates_dir

    return merged_labels([templates_dir() / "labels" / REFERENCE_LANGUAGE], {})


def reference_label_keys() -> set[str]:
    """The keys of htpm's own English labels ('toolkit.goals', ...): the set every language needs."""
    return set(reference_labels())


def lint_settings(campaign: Campaign) -> list[Problem]:
    """The lint pack with the config's `lint:` overrides compiles (ids known, patterns valid)."""
    from htpm.lint.rules import campaign_ruleset

    try:
        campaign_ruleset(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    return []


def lint_errors(campaign: Campaign) -> list[Problem]:
    """Lint findings of severity error stop `htpm build` (without --no-lint): they are problems."""
    from htpm.lint import lint_campaign

    try:
        findings = lint_campaign(campaign)
    except HtpmError as exc:
        return problems_of(exc)
    return [
        Problem(f.location, "", f"lint {f.rule_id}: {f.message}") for f in findings if f.severity == "error"
    ]


def template_overrides(campaign: Campaign) -> list[Problem]:
    """Every Jinja template a campaign folder overrides compiles (syntax errors at their line)."""
    import jinja2

    from htpm.paths import templates_dir

    shipped = templates_dir()
    names = sorted(str(p.relative_to(shipped)) for p in shipped.rglob("*.j2"))
    env = make_env(campaign.template_dirs)
    problems = []
    for name in names:
        overridden = [base / name for base in campaign.config_dirs if (base / name).is_file()]
        if not overridden:
            continue
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            where = Location(str(_shown(campaign, overridden[0])), exc.lineno or 0)
            problems.append(Problem(where, "", f"template syntax: {exc.message}"))
        except jinja2.TemplateError as exc:
            problems.append(Problem(Location(str(_shown(campaign, overridden[0]))), "", f"template: {exc}"))
    return problems


def _shown(campaign: Campaign, path: Path) -> Path:
    """A path as the user would write it: relative to the config's folder as they named it."""
    try:
        return campaign.path.parent / path.relative_to(campaign.path.resolve().parent)
    except ValueError:
        return path


def translations(
    campaign: Campaign, loaded: Sequence[Campaign] = (), unchanged: Collection[str] = ()
) -> list[Problem]:
    """Each locale under `translations:` is a whole campaign of its own: checked with the same
    models (unknown keys forbidden) and the same checks as the primary one. `loaded`: translations
    the caller has loaded already (a build), used as they are; `unchanged`: locales left out (a
    build's translation whose every generator is skipped: its inputs passed these checks before)."""
    from htpm.config import load_campaign
    from htpm.validation import run_checks

    known = {c.locale: c for c in loaded if not c.is_primary}
    problems: list[Problem] = []
    for locale in campaign.config.translations:
        if locale in unchanged:
            continue
        try:
            translated = known.get(locale) or load_campaign(campaign.path, locale)
            found = run_checks(translated, dry_run=False)
        except HtpmError as exc:
            found = problems_of(exc)
        prefix = f"translations.{locale}"
        problems.extend(Problem(p.location, _prefixed(prefix, p.key), p.message) for p in found)
    return problems


IMAGE_FIELDS: tuple[SourcePath, ...] = (
    ("branding", "logo"),
    ("branding", "photo"),
    ("digital", "newsletter", "image"),
    ("digital", "website", "image"),
)


def images(campaign: Campaign) -> list[Problem]:
    """Every image the config names exists beside a config or in brand_assets/, and is a PNG or
    JPEG that opens (not truncated, not a decompression bomb, not SVG)."""
    from htpm.graphics.images import load_image

    data = campaign.config.model_dump(mode="json")
    problems = []
    for path in IMAGE_FIELDS:
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        try:
            load_image(campaign.asset(value), value, target=(64, 64)).close()
        except HtpmError as exc:
            problems.append(problem_at(campaign, path, exc.message))
    for kind in ("newsletter", "website"):
        block = getattr(campaign.config.digital, kind)
        if block.image and not (block.image_alt or "").strip():
            problems.append(
                problem_at(
                    campaign,
                    ("digital", kind, "image"),
                    "the image needs alt text in image_alt (what it shows, for who cannot see it)",
                )
            )
    return problems


def _prefixed(prefix: str, key: str) -> str:
    return key if not key or key.startswith(prefix) else f"{prefix}.{key}"


CAMPAIGN_CHECKS: tuple[Callable[[Campaign], list[Problem]], ...] = (
    awareness_days,
    images,
    note_references,
    prose,
    labels,
    lint_settings,
    template_overrides,
)
