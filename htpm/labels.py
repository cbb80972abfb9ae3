"""Fixed words per language: `templates/labels/<lang>/<file>.yaml`, keys prefixed by the file's
stem (`toolkit.goals`), read like a config (line numbers, YAML 1.2 core, no aliases)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from htpm.errors import HtpmError, Location
from htpm.paths import inside
from htpm.suggest import did_you_mean
from htpm.yamlsafe import read_yaml, unwrap

_SLOT = re.compile(r"\{(\w+)\}")


def fill(label: str, **values: object) -> str:
    """Replace `{name}` in a label with plain values.

    Deliberately not str.format: a label like '{title.__class__}' must stay text, never reach
    into objects. Unknown names are left as written so a typo shows in the output.
    """
    return _SLOT.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], label)


def read_labels(path: Path) -> dict[str, str]:
    """One labels file: a mapping of key to text, each key prefixed by the file's stem."""
    tree = read_yaml(path)
    if not isinstance(tree.value, dict):
        raise HtpmError("a labels file must be a mapping of key to text", tree.loc)
    out: dict[str, str] = {}
    for key, value in tree.value.items():
        if not isinstance(value.value, str):
            got = repr(unwrap(value))
            raise HtpmError(f"{key}: expected text, got {got[:40]}; put it in quotes", value.loc)
        out[f"{path.stem}.{key}"] = value.value
    return out


def merged_labels(
    folders: Iterable[Path],
    overrides: Mapping[str, str],
    locate: Callable[[tuple[str | int, ...]], Location] | None = None,
) -> dict[str, str]:
    """Labels of every folder (later folders win), then `overrides` (the config's `labels:`).

    An override of a key no labels file defines is a typo, refused with a suggestion, when the
    language has labels files at all (a language without them may define all its words itself)."""
    merged: dict[str, str] = {}
    for folder in folders:
        if folder.is_dir():
            for file in sorted(folder.glob("*.yaml")):
                if not inside(file, folder):  # a link out of the campaign's folder
                    raise HtpmError("labels file: a link to a file outside its folder", file)
                merged.update(read_labels(file))
    if merged:
        for key in overrides:
            if key not in merged:
                where = locate(("labels", key)) if locate else None
                raise HtpmError(f"labels: no label {key!r}{did_you_mean(key, merged)}", where)
    return {**merged, **overrides}


def with_prefix(labels: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The labels of one file, without its prefix: `with_prefix(labels, "copy")["read_more"]`."""
    dotted = prefix.rstrip(".") + "."
    return {k[len(dotted) :]: v for k, v in labels.items() if k.startswith(dotted)}


def missing_label(key: str, labels: Mapping[str, str], locale: str) -> HtpmError:
    """The error for a label a template or generator asks for that no file defines."""
    return HtpmError(f"no label {key!r} for locale {locale} (templates/labels){did_you_mean(key, labels)}")


__all__ = ["fill", "merged_labels", "missing_label", "read_labels", "with_prefix"]
