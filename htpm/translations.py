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

`htpm translations import` writes a PO file back into the config: htpm.translations_import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.campaign import SourcePath
from htpm.errors import HtpmError, Location
from htpm.problems import Problem, dotted

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


def iter_locales(path: Path) -> Iterator[str]:
    from htpm.config import config_locales, load_tree

    yield from config_locales(load_tree(path))[1:]
