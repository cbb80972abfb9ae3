"""Incremental builds: which generators can be skipped, and the no-op fast path (htpm.cache keeps the data).

Two levels, each reusing outputs only when their bytes on disk are still the ones recorded:

1. **The whole build.** The last build recorded the hash of every input file (the config's folders,
   htpm's templates/ and brand_assets/, htpm's code, LibreOffice) and its options. When all of it is
   unchanged and every output is on disk as written, nothing is loaded or generated: the build
   reports every file unchanged and repeats the last build's warnings.
2. **Each generator.** Otherwise the campaign is loaded and each selected generator fingerprinted
   (htpm.fingerprints); a generator whose fingerprint, options and outputs are unchanged is not run
   (nor its checks): its outputs are read back from disk for the writer, its warnings repeated.

`--force` reuses nothing and records everything afresh. A build that fails records nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from htpm.artifacts import Artifact, BuildWarning
from htpm.cache import BuildCache
from htpm.campaign import Campaign
from htpm.fingerprints import (
    Hasher,
    code_version,
    file_digest,
    is_output_folder,
    office_version,
    tree_files,
)
from htpm.generators import Generator
from htpm.outputs import WriteReport, read_manifest, sha256
from htpm.paths import brand_assets_dir, inside, templates_dir

STAMP_MAX_FILES = 2000  # a config beside a huge folder: no fast path (level 2 still applies)
STAMP_MAX_BYTES = 64 * 1024 * 1024


class Incremental:
    """One build's view of the cache of `out_dir`. `options` are the build's settings that change
    what generators make (--pdf, a subset, --fill), `stamp_options` all that change what the whole
    build does (with --only and the lint), each as a string."""

    def __init__(self, out_dir: Path, options: str, stamp_options: str, force: bool = False) -> None:
        self.out_dir = out_dir.resolve()
        self.options = options
        self.stamp_options = stamp_options
        self.cache = BuildCache(self.out_dir, enabled=not force)
        self.fingerprints: dict[str, str] = {}
        self.skipped: list[str] = []

    # -- level 2: generators --------------------------------------------------------------------
    def _key(self, campaign: Campaign, generator: Generator) -> str:
        return f"{campaign.locale}/{generator.name}"

    def split(
        self, campaign: Campaign, generators: list[Generator]
    ) -> tuple[list[Generator], list[Artifact], list[BuildWarning]]:
        """(the generators to run, the outputs of the others as on disk, their warnings)."""
        manifest = read_manifest(self.out_dir)
        to_run: list[Generator] = []
        reused: list[Artifact] = []
        warnings: list[BuildWarning] = []
        for generator in generators:
            fingerprint = Hasher(generator.fingerprint(campaign), self.options).hexdigest()
            self.fingerprints[generator.name] = fingerprint
            entry = self.cache.entry(self._key(campaign, generator)) if self.cache.enabled else None
            outputs = None
            if entry is not None and entry.get("fingerprint") == fingerprint:
                outputs = self._on_disk(entry.get("outputs"), manifest)
            if entry is None or outputs is None:
                to_run.append(generator)
                continue
            self.skipped.append(generator.name)
            reused.extend(outputs)
            warnings.extend(BuildWarning(kind, message) for kind, message in entry.get("warnings", []))
        return to_run, reused, warnings

    def _on_disk(self, outputs: Any, manifest: dict[str, str]) -> list[Artifact] | None:
        """The recorded outputs read back, or None when one is missing, edited or not ours any more."""
        if not isinstance(outputs, dict):
            return None
        found = []
        for rel, digest in sorted(outputs.items()):
            path = self.out_dir / rel
            if manifest.get(rel) != digest or not inside(path, self.out_dir) or path.is_symlink():
                return None
            try:
                data = path.read_bytes()
            except OSError:
                return None
            if sha256(data) != digest:
                return None
            found.append(Artifact(rel, data))
        return found

    def record(
        self,
        campaign: Campaign,
        ran: list[Generator],
        artifacts: list[Artifact],
        warned: dict[str, list[BuildWarning]],
        report: WriteReport,
    ) -> None:
        """After a successful write: what each generator that ran read, made and said."""
        conflicts = set(report.conflicts)
        for generator in ran:
            made = {a.path: sha256(a.data) for a in artifacts if generator.owns_path(a.path)}
            said = warned.get(generator.name, [])
            # a kept hand edit, or a LibreOffice that failed this time: run it again next time
            trusted = not (conflicts & set(made)) and not any(w.kind == "pdf" for w in said)
            entry = {
                "fingerprint": self.fingerprints[generator.name],
                "outputs": made,
                "warnings": [[w.kind, w.message] for w in said],
            }
            self.cache.set_entry(self._key(campaign, generator), entry if trusted else None)

    # -- level 1: the whole build ---------------------------------------------------------------
    def unchanged(self, config: Path) -> tuple[dict[str, Any], WriteReport, list[BuildWarning]] | None:
        """When nothing the last build read has changed and its outputs are as it wrote them: (the
        campaign it loaded, as JSON, a report of every output unchanged, its warnings). Else None."""
        stamp = self.cache.index.get("stamp") if self.cache.enabled else None
        if not isinstance(stamp, dict) or stamp.get("config") != str(config.resolve()):
            return None
        roots = [Path(r) for r in stamp.get("roots", [])]
        if stamp.get("options") != self.stamp_options or stamp.get("inputs") != self._inputs(roots):
            return None
        outputs = stamp.get("outputs")
        found = self._on_disk(outputs, read_manifest(self.out_dir))
        if found is None:
            return None
        report = WriteReport(unchanged=sorted(a.path for a in found))
        warnings = [BuildWarning(kind, message) for kind, message in stamp.get("warnings", [])]
        return stamp["campaign"], report, warnings

    def record_stamp(
        self, config: Path, campaign: Campaign, artifacts: Iterable[Artifact], warnings: list[BuildWarning]
    ) -> None:
        roots = [str(d.resolve()) for d in campaign.config_dirs]
        inputs = self._inputs([Path(r) for r in roots])
        if inputs is None:
            self.cache.index.pop("stamp", None)
            return
        self.cache.index["stamp"] = {
            "config": str(config.resolve()),
            "roots": roots,
            "options": self.stamp_options,
            "inputs": inputs,
            "outputs": {a.path: sha256(a.data) for a in artifacts},
            "warnings": [[w.kind, w.message] for w in warnings],
            "campaign": campaign_json(campaign),
        }

    def _inputs(self, roots: list[Path]) -> str | None:
        """The hash of every file a build may read, or None when there are too many to hash."""
        h = Hasher(code_version(), office_version())
        count = size = 0
        for root in [*roots, templates_dir(), brand_assets_dir()]:
            h.add(str(root))
            for path in tree_files(root, skip=self._not_input):
                count += 1
                size += path.stat().st_size
                if count > STAMP_MAX_FILES or size > STAMP_MAX_BYTES:
                    return None
                h.add(str(path.relative_to(root)))
                h.add(file_digest(path))
        return h.hexdigest()

    def _not_input(self, folder: Path) -> bool:
        """An output folder (this one, or any with a manifest) is never an input."""
        return folder.resolve() == self.out_dir or is_output_folder(folder)

    def save(self) -> None:
        self.cache.save()


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    """The loaded campaign as plain data, for the fast path (JSON: nothing in the cache runs code)."""
    return {
        "config": campaign.config.model_dump(mode="json"),
        "path": str(campaign.path),
        "config_dirs": [str(d) for d in campaign.config_dirs],
        "sources": [[list(p), [loc.file, loc.line, loc.col]] for p, loc in campaign.sources.items()],
        "open_fill_ins": [[name, [loc.file, loc.line, loc.col]] for name, loc in campaign.open_fill_ins],
        "primary_locale": campaign.primary_locale,
    }


def campaign_from_json(data: dict[str, Any]) -> Campaign:
    from htpm.errors import Location
    from htpm.model import CampaignConfig

    return Campaign(
        config=CampaignConfig.model_validate(data["config"]),
        path=Path(data["path"]),
        config_dirs=tuple(Path(d) for d in data["config_dirs"]),
        sources={tuple(p): Location(*loc) for p, loc in data["sources"]},
        open_fill_ins=tuple((name, Location(*loc)) for name, loc in data["open_fill_ins"]),
        primary_locale=data.get("primary_locale", ""),
    )


def options_key(**options: Any) -> str:
    return json.dumps(options, sort_keys=True, default=repr)
