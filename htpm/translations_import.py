"""`htpm translations import`: the translated strings of a PO file back into the config.

Only the entries that differ from the config are written (fuzzy and empty entries are left alone),
into the config's `translations:` block, and the rest of the file stays byte for byte as it was: the
block is edited with ruamel.yaml's round trip, which keeps its comments, order and quoting; a string
from a `{file: x.md}` is written to that Markdown file. Each string's English is recorded by its hash
under `translations.<locale>.source_hashes` (see htpm.translations). The result is validated before
it is kept; on any problem every file is put back as it was.
"""

from __future__ import annotations

import copy
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.campaign import SourcePath
from htpm.errors import ConfigError, HtpmError, Location
from htpm.problems import Problem, problems_of
from htpm.translations import META_HASHES, Entry, entries, source_hash


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
