"""Translations: how much of each locale is translated, and the translator's workflow in gettext PO.

A config's translatable strings are its copy fields (`htpm.copyfields.iter_copy`), read as written
(before `{year}`, `{month}` ... are filled in, so a translator keeps the same slots). A locale's
string is *translated* when its `translations.<locale>` block gives it (a mapping merges key by key,
a list or text replaces the primary's as a whole); otherwise it *falls back* to the primary
language, which `htpm validate` reports (an error with `--strict`).

`htpm translations export` writes one PO entry per string: msgctxt the dotted key (identical English
strings stay apart), msgid the English, msgstr the current translation, a `#:` reference to the file
and line, and the `fuzzy` flag when the English changed since the string was translated.

How htpm knows the English changed: `htpm translations import` records, for every string it writes,
the hash of the English it was translated from (the PO entry's msgid) under
`translations.<locale>.source_hashes` (dotted key -> first 12 hex digits of its SHA-256). Export
compares that with the hash of today's English; a string with no recorded hash (translated by hand
in the config) is not marked.

`htpm translations import` writes the translated strings of a PO file back into the config's
`translations:` block: only the entries that differ from the config (fuzzy and empty entries are
left alone), the rest of the file byte for byte as it was (the block is edited with ruamel.yaml's
round trip, which keeps its comments, order and quoting; a string from a `{file: x.md}` is written
to that Markdown file). The result is validated before it is kept; on any problem every file is
put back as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.campaign import SourcePath
from htpm.errors import ConfigError, HtpmError, Location
from htpm.problems import Problem, dotted, problems_of

META_HASHES = "source_hashes"


def source_hash(text: str) -> str:
    """The short hash of an English string recorded with its translation."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Entry:
    """One translatable string of a config in one locale."""

    path: SourcePath
    english: str
    kind: str
    where: Location
    translation: str | None  # None: not in the translation, the primary's text is used
    fuzzy: bool = False  # the English changed since it was translated

    @property
    def key(self) -> str:
        return dotted(self.path)


@dataclass
class Coverage:
    """How much of one locale is translated."""

    locale: str
    primary: str
    total: int
    fallbacks: list[Entry] = field(default_factory=list)
    fuzzy: list[Entry] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.total - len(self.fallbacks)

    def summary(self) -> str:
        line = f"{self.locale}: {self.translated} of {self.total} strings translated"
        if self.fallbacks:
            keys = ", ".join(e.key for e in self.fallbacks[:5])
            more = f" and {len(self.fallbacks) - 5} more" if len(self.fallbacks) > 5 else ""
            line += f"; {len(self.fallbacks)} fall back to {self.primary} ({keys}{more})"
        if self.fuzzy:
            line += f"; {len(self.fuzzy)} translated from older English"
        return line

    def problems(self) -> list[Problem]:
        """Each fallback as a problem (`htpm validate --strict`)."""
        return [
            Problem(
                e.where,
                f"translations.{self.locale}.{e.key}",
                f"not translated: the {self.locale} kit shows the {self.primary} text",
            )
            for e in self.fallbacks
        ]


# -- reading --------------------------------------------------------------------------------------


def entries(path: Path, locale: str) -> list[Entry]:
    """Every translatable string of the config at `path`, with its `locale` translation if any."""
    from htpm.config import _apply_translation, load_campaign, load_tree, translation_overlay
    from htpm.copyfields import iter_copy
    from htpm.model import CampaignConfig
    from htpm.yamlmodel import nearest
    from htpm.yamlsafe import source_map, unwrap

    load_campaign(path, locale)  # the config and the translation load: every mistake as it would be
    tree = load_tree(path)
    overlay = translation_overlay(tree, locale, path)
    hashes = _hashes(overlay)
    sources = source_map(tree)
    english = CampaignConfig.model_validate(unwrap(tree))
    merged = CampaignConfig.model_validate(unwrap(_apply_translation(load_tree(path), locale, path)))
    translated = {p: text for p, text, _kind in iter_copy(merged)}
    out = []
    for p, text, kind in iter_copy(english):
        if not text.strip() or p[0] == "translations":
            continue
        given = translated.get(p) if _covered(overlay, p) else None
        recorded = hashes.get(dotted(p))
        out.append(
            Entry(
                p,
                text,
                kind,
                nearest(sources, p) or Location(str(path)),
                given,
                fuzzy=given is not None and recorded is not None and recorded != source_hash(text),
            )
        )
    return out


def _hashes(overlay: Any) -> dict[str, str]:
    node = overlay.value.get(META_HASHES)
    if node is None:
        return {}
    if not isinstance(node.value, dict) or not all(isinstance(v.value, str) for v in node.value.values()):
        raise HtpmError(f"{META_HASHES}: expected a mapping of dotted key to hash", node.loc)
    return {str(k): str(v.value) for k, v in node.value.items()}


def _covered(overlay: Any, path: SourcePath) -> bool:
    """Whether the translation block gives the value at `path` (mappings merge key by key; a list
    or a text replaces the primary's whole)."""
    node = overlay
    for part in path:
        value = node.value
        if isinstance(value, dict):
            found = value.get(part) if isinstance(part, str) else None
            if found is None:
                return False
            node = found
        elif isinstance(value, list):
            if not isinstance(part, int) or part >= len(value):
                return False
            node = value[part]
        else:
            return True
    return True


def coverage(path: Path, locale: str, primary: str) -> Coverage:
    found = entries(path, locale)
    return Coverage(
        locale,
        primary,
        len(found),
        [e for e in found if e.translation is None],
        [e for e in found if e.fuzzy],
    )


# -- export ---------------------------------------------------------------------------------------


def export_po(path: Path, locale: str) -> bytes:
    """The PO file of `locale` for the config at `path` (see the module docstring)."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from htpm.config import load_campaign

    campaign = load_campaign(path)
    try:
        language = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise HtpmError(f"--locale: {locale} is not a locale Babel knows") from None
    stamp = dt.datetime(campaign.year, campaign.month, 1, tzinfo=dt.UTC)
    catalog = Catalog(
        locale=language,
        project=campaign.config.observance.name,
        version=str(campaign.year),
        charset="utf-8",
        creation_date=stamp,
        revision_date=stamp,
        fuzzy=False,
        copyright_holder=campaign.config.organization.name,
        msgid_bugs_address=campaign.config.organization.email or "",
        last_translator="",
        language_team=f"{language.english_name} <{campaign.config.organization.email or 'none'}>",
    )
    for entry in entries(path, locale):
        catalog.add(
            entry.english,
            entry.translation or "",
            locations=[(entry.where.file, entry.where.line)],
            flags=("fuzzy",) if entry.fuzzy else (),
            auto_comments=[f"{entry.kind} field"],
            context=entry.key,
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False)
    return buffer.getvalue()


# -- import ---------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    locale: str
    changed: list[str] = field(default_factory=list)  # dotted keys written
    skipped_fuzzy: int = 0
    untranslated: int = 0
    files: list[Path] = field(default_factory=list)


def import_po(po_path: Path, config_path: Path) -> ImportReport:
    """Write the PO file's translations into the config (see the module docstring)."""
    from htpm.config import load_campaign

    catalog = _read_po(po_path)
    locale = str(catalog.locale_identifier or "").replace("_", "-")
    if not locale:
        raise HtpmError("the PO file names no Language in its header", po_path)
    campaign = load_campaign(config_path)
    if locale == campaign.locale or locale not in campaign.config.translations:
        raise HtpmError(
            f"the PO file is for {locale}, which the config has no translations: block for "
            f"(add `translations: {{{locale}: {{}}}}` to start one)",
            po_path,
        )
    known = {e.key: e for e in entries(config_path, locale)}
    report = ImportReport(locale)
    problems: list[Problem] = []
    changes: list[tuple[Entry, str, str]] = []
    for message in catalog:
        if not message.id:
            continue  # the header
        key = str(message.context or "")
        entry = known.get(key)
        if entry is None:
            problems.append(
                Problem(Location(str(po_path), message.lineno or 0), key, "no such translatable key here")
            )
            continue
        text = message.string if isinstance(message.string, str) else ""
        if message.fuzzy:
            report.skipped_fuzzy += 1
            continue
        if not text:
            report.untranslated += 1
            continue
        if text != entry.translation:
            changes.append((entry, text, source_hash(str(message.id))))
    if problems:
        raise ConfigError([str(p) for p in problems], problems)
    if changes:
        report.files = _write(config_path, locale, changes)
        report.changed = [entry.key for entry, _, _ in changes]
    return report


def _read_po(po_path: Path) -> Any:
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po_path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except FileNotFoundError:
        raise HtpmError("file not found", po_path) from None
    except PoFileError as exc:
        raise HtpmError(f"not a valid PO file: {exc}", po_path) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise HtpmError(f"cannot read the PO file: {exc}", po_path) from None


_TOP = re.compile(r"^[A-Za-z_][\w-]*\+?:")


def _block_span(text: str) -> tuple[int, int] | None:
    """The character span of the top-level `translations:` block (its key line to the next key)."""
    match = re.search(r"^translations:", text, re.M)
    if match is None:
        return None
    lines = text[match.start() :].splitlines(keepends=True)
    position = match.start() + len(lines[0])
    for line in lines[1:]:
        if _TOP.match(line):
            return match.start(), position
        position += len(line)
    return match.start(), len(text)


def _yaml(block: str) -> Any:
    """A round-trip YAML that writes sequences the way `block` does (`- ` under its key, or
    indented two more), so an unchanged block comes back as it was."""
    from ruamel.yaml import YAML

    offset = 2
    lines = block.splitlines()
    for above, line in zip(lines, lines[1:], strict=False):
        key, dash = re.match(r"^(\s*)[^\s#-][^:]*:\s*$", above), re.match(r"^(\s*)- ", line)
        if key and dash:
            offset = max(0, len(dash.group(1)) - len(key.group(1)))
            break
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _write(config_path: Path, locale: str, changes: list[tuple[Entry, str, str]]) -> list[Path]:
    """Apply `changes` to the config's translations block, validate, keep or put everything back."""
    from htpm.config import load_tree
    from htpm.yamlsafe import unwrap

    original = config_path.read_bytes()
    text = original.decode("utf-8-sig")
    span = _block_span(text)
    if span is None:  # import_po checked the block exists: it came from an `extends:` parent
        raise HtpmError("the translations: block is not in this file (it comes from the config it extends)")
    start, end = span
    yaml = _yaml(text[start:end])
    block = yaml.load(text[start:end])
    overlay = block["translations"][locale]
    if overlay is None:
        overlay = block["translations"][locale] = _new_map()
    primary = unwrap(load_tree(config_path))
    written: dict[Path, bytes] = {}
    for entry, translation, digest in changes:
        prose_file = _set(overlay, entry.path, translation, primary)
        if prose_file is not None:
            target = _confined_md(config_path, prose_file)
            written.setdefault(target, target.read_bytes())
            _replace_bytes(target, translation.rstrip("\n") + "\n")
        hashes = overlay.get(META_HASHES)
        if hashes is None:
            hashes = overlay[META_HASHES] = _new_map()
        hashes[entry.key] = digest
    out = io.StringIO()
    yaml.dump(block, out)
    new_text = text[:start] + out.getvalue() + text[end:]
    written[config_path] = original
    _replace_bytes(config_path, new_text)
    try:
        _validate(config_path, locale)
    except BaseException:
        for target, data in written.items():
            _replace_bytes(target, data)
        raise
    return sorted(written)


def _validate(config_path: Path, locale: str) -> None:
    """The config and its translation load and pass the checks a build runs."""
    from htpm.config import load_campaign
    from htpm.validation import run_checks

    try:
        found = run_checks(load_campaign(config_path, locale), dry_run=False)
    except HtpmError as exc:
        found = problems_of(exc)
    if found:
        lines = ["the imported translations do not validate; nothing changed:", *map(str, found)]
        raise ConfigError(lines, found)


def _new_map() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _scalar(text: str, like: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if "\n" in text.rstrip("\n") or isinstance(like, LiteralScalarString):
        return LiteralScalarString(text)
    return text


def _set(node: Any, path: SourcePath, text: str, primary: Any) -> str | None:
    """Set the string at `path` in the ruamel `node`, creating what is missing from the primary's
    data (a list is created whole: it replaces the primary's). Returns the Markdown file's name
    when the value there is `{file: name.md}` (the caller writes the file)."""
    for part in path[:-1]:
        primary = _get(primary, part)
        child = _get(node, part)
        if child is None:
            child = _fresh(primary)
            node[part] = child
        node = child
    last = path[-1]
    current = _get(node, last)
    if isinstance(current, dict) and set(current) == {"file"}:
        return str(current["file"])
    node[last] = _scalar(text, current)
    return None


def _get(node: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and part < len(node) else None
    return node.get(part) if isinstance(node, dict) else None


def _fresh(primary: Any) -> Any:
    """A new container for a path the translation does not have yet: a mapping merges, so it
    starts empty; a list replaces the primary's, so it starts as a copy of it."""
    return _to_ruamel(copy.deepcopy(primary)) if isinstance(primary, list) else _new_map()


def _to_ruamel(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _to_ruamel(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_to_ruamel(v) for v in value)
    return value


def _confined_md(config_path: Path, name: str) -> Path:
    from htpm.paths import confined

    return confined(config_path.resolve().parent, name, "file")


def _replace_bytes(target: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = target.with_name(f".{target.name}.htpm-import")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def iter_locales(path: Path) -> Iterator[str]:
    from htpm.config import config_locales, load_tree

    yield from config_locales(load_tree(path))[1:]
