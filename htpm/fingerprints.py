"""What a generator reads, as one hash: the build skips a generator whose fingerprint is unchanged.

A generator declares its reads in the registry (htpm.generators) with `reads(...)`:

    Generator("proclamation", "htpm.generators.proclamation", ("proclamation/",),
              reads=reads(config=("proclamation", "observance", "organization", "branding"),
                          templates=("proclamation/", "labels/"), assets=True))

- `config`: the top-level sections of the loaded config it reads (after `extends:` and fill-ins are
  merged), with where each value came from (so a warning's file:line is never stale); `ignore` drops
  parts of them ("weeks.*.sections": the graphics show week titles, never posts).
- `templates`: paths or folder prefixes on the template search path ("labels/", "toolkit/base.docx"),
  hashed in every folder of the path, so a designer's override beside the config counts, and so
  does its removal.
- `assets`: every file of brand_assets/, every image and font file beside the config (a layout may
  name one) and every file a config value names as an asset.
- `office`: the LibreOffice installation, for outputs whose bytes depend on it (page numbers).

Every fingerprint also covers the locale, the config's file name, which fill-ins are open and htpm's code
(its version, the hash of its own source files and its libraries' versions), so upgrading htpm, or
editing it, rebuilds everything. A generator that declares nothing gets `everything`: the whole
config, every template on the search path and every asset. That is always correct, only slower, so
a new generator is right before it declares anything.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from htpm import __version__
from htpm.campaign import Campaign
from htpm.errors import HtpmError
from htpm.outputs import MANIFEST
from htpm.paths import brand_assets_dir, templates_dir

Fingerprint = str  # a sha256 hex digest
ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ttf", ".otf", ".ttc", ".woff", ".woff2")
ReadsFn = Callable[[Campaign], Fingerprint]

#: libraries whose version can change the bytes of an output
_LIBRARIES = (
    "pillow", "python-docx", "jinja2", "babel", "pyyaml", "pydantic", "markdown-it-py", "icalendar",
    "lxml", "pypdf", "docxtpl", "css-inline", "regex",
)  # fmt: skip


class Hasher:
    """sha256 over labelled parts, so that two different sequences of parts never hash alike."""

    def __init__(self, *parts: str | bytes) -> None:
        self._h = hashlib.sha256()
        for part in parts:
            self.add(part)

    def add(self, part: str | bytes) -> None:
        data = part.encode() if isinstance(part, str) else part
        self._h.update(len(data).to_bytes(8, "big"))
        self._h.update(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def tree_files(root: Path, skip: Callable[[Path], bool] = lambda _p: False) -> list[Path]:
    """Every regular file under `root`, sorted, without hidden entries (`.git`, `.htpm-cache`)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skip(here / d))
        found += [here / f for f in sorted(files) if not f.startswith(".") and (here / f).is_file()]
    return found


@cache
def code_version() -> str:
    """htpm's version, the hash of its source files and the versions of the libraries it writes with."""
    h = Hasher(__version__)
    package = Path(__file__).resolve().parent
    for path in tree_files(package, skip=lambda p: p.name == "__pycache__"):
        if path.suffix == ".py":
            h.add(path.relative_to(package).as_posix())
            h.add(path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.add(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            h.add(f"{name}=none")
    return h.hexdigest()


def office_version() -> str:
    """Which LibreOffice a conversion would run (none, or its program and that file's size and time)."""
    from htpm.pdf import find_soffice

    found = find_soffice()
    if found is None:
        return "no office"
    real = Path(found).resolve()
    try:
        stat = real.stat()
    except OSError:
        return str(real)
    return f"{real}:{stat.st_size}:{stat.st_mtime_ns}"


def reads(
    config: Sequence[str] | None = None,
    *,
    ignore: Sequence[str] = (),
    templates: Sequence[str] = (),
    assets: bool = False,
    office: bool = False,
) -> ReadsFn:
    """A generator's `reads`: see the module docstring. `config=None` is the whole config."""

    def fingerprint(campaign: Campaign) -> Fingerprint:
        h = Hasher("htpm fingerprint", code_version(), campaign.locale, campaign.path.name)
        # which fill-ins are open (highlighted blanks); where each is used is in its section's part
        h.add(repr(sorted({name for name, _ in campaign.open_fill_ins})))
        h.add(config_part(campaign, config, ignore))
        h.add(templates_part(campaign, templates))
        if assets:
            h.add(assets_part(campaign))
        if office:
            h.add(office_version())
        return h.hexdigest()

    return fingerprint


def everything(campaign: Campaign) -> Fingerprint:
    """The fingerprint of a generator that declares nothing: all it could read."""
    return reads(None, templates=_every_template(), assets=True, office=True)(campaign)


def _every_template() -> tuple[str, ...]:
    """Each top-level entry of htpm's templates/ ("toolkit/", ...): an override lives under the same name."""
    base = templates_dir()
    return tuple(sorted(p.name + "/" if p.is_dir() else p.name for p in base.iterdir()))


# -- the parts ------------------------------------------------------------------------------------
def config_part(campaign: Campaign, sections: Sequence[str] | None, ignore: Sequence[str] = ()) -> str:
    """The named sections of the loaded config (all with None) and where their values came from."""
    data = _config_data(campaign)
    chosen = sorted(data) if sections is None else list(sections)
    picked: dict[str, Any] = {name: data.get(name) for name in chosen}
    for pattern in ignore:
        _drop(picked, pattern.split("."))
    ignored = [p.split(".") for p in ignore]
    places = sorted(
        (
            [str(part) for part in path],
            [loc.file, loc.line, loc.col],
        )
        for path, loc in campaign.sources.items()
        if path and str(path[0]) in picked and not any(_matches(path, pattern) for pattern in ignored)
    )
    return json.dumps([picked, places], sort_keys=True, default=str)


def _config_data(campaign: Campaign) -> dict[str, Any]:
    """The loaded config as JSON data: a fresh copy each time (`ignore` drops parts of it)."""
    data: dict[str, Any] = json.loads(
        campaign.remember("fingerprint.config", campaign.config.model_dump_json)
    )
    return data


def _drop(data: Any, pattern: list[str]) -> None:
    head, rest = pattern[0], pattern[1:]
    if isinstance(data, dict):
        keys = list(data) if head == "*" else [head] if head in data else []
        for key in keys:
            if rest:
                _drop(data[key], rest)
            else:
                data.pop(key)
    elif isinstance(data, list) and head == "*":
        for item in data:
            if rest:
                _drop(item, rest)


def _matches(path: tuple[str | int, ...], pattern: list[str]) -> bool:
    if len(path) < len(pattern):
        return False
    return all(want == "*" or want == str(have) for want, have in zip(pattern, path, strict=False))


def templates_part(campaign: Campaign, names: Iterable[str]) -> str:
    """Each named template (or folder of them) in every folder of the search path, present or not
    (each file hashed once per loaded campaign: several generators read `labels/`)."""
    h = Hasher()

    def digest(path: Path) -> str:
        return campaign.remember(("fingerprint.file", path), lambda: file_digest(path))

    for base in campaign.template_dirs:
        for name in names:
            target = base / name
            h.add(f"{base}:{name}")
            if name.endswith("/"):
                for path in tree_files(target) if target.is_dir() else []:
                    h.add(path.relative_to(base).as_posix())
                    h.add(digest(path))
            else:
                h.add(digest(target) if target.is_file() else "absent")
    return h.hexdigest()


def assets_part(campaign: Campaign) -> str:
    """brand_assets/ whole, and every file that a config value names as an asset beside the config
    (hashed once per loaded campaign: every generator that reads assets asks)."""
    return campaign.remember("fingerprint.assets", lambda: _assets_part(campaign))


def _assets_part(campaign: Campaign) -> str:
    h = Hasher()
    root = brand_assets_dir()
    for path in tree_files(root):
        h.add(path.relative_to(root).as_posix())
        h.add(file_digest(path))
    for folder in campaign.config_dirs:  # a layout may name any image or font beside the config
        for path in tree_files(folder, skip=is_output_folder):
            if path.suffix.lower() in ASSET_SUFFIXES:
                h.add(str(path))
                h.add(file_digest(path))
    for name in sorted(_file_names(campaign.config.model_dump(mode="json"))):
        for candidate in (name, f"fonts/{name}"):
            try:
                found = campaign.asset(candidate)
            except (HtpmError, OSError, ValueError):
                continue
            h.add(f"{candidate}={found}")
            h.add(file_digest(found))
    return h.hexdigest()


def is_output_folder(folder: Path) -> bool:
    """A build's output folder (it has a manifest) is never an input."""
    return (folder / MANIFEST).exists()


def _file_names(data: Any) -> set[str]:
    """Strings of the config that may name a file: short, one line, with a dot."""
    found: set[str] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= _file_names(value)
    elif isinstance(data, list):
        for value in data:
            found |= _file_names(value)
    elif isinstance(data, str) and "." in data and len(data) < 256 and "\n" not in data:
        found.add(data)
    return found
