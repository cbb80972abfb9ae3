"""`htpm new-year`: next year's config from last year's, comments and layout kept.

The config is changed as text, not re-serialised, so comments, order and quoting survive:
every four-digit year equal to last year's (or the year before it, as in "December 2022" for a
January 2023 campaign) moves by the same number of years, except inside web addresses, in the
`resources` section and on `date:` lines (a resource published in 2022 stays published in 2022). Week
dates are derived from the year, so they follow by themselves; explicit `start:`/`end:` dates move
with the year. Markdown files named by `{file: ...}` are copied the same way, and a path that
carries the year (`2023/intro.md`) gets the new year. The result is validated before it is kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from htpm.config import load_campaign
from htpm.errors import ConfigError, HtpmError, UsageError
from htpm.paths import confined
from htpm.yamlsafe import Located, read_yaml

_PROTECTED = re.compile(r"https?://\S+|mailto:\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def shift_years(text: str, old: int, new: int) -> str:
    """Move `old` and `old - 1` by `new - old` wherever they stand as years, outside web addresses."""
    delta = new - old
    years = {str(old): str(new), str(old - 1): str(old - 1 + delta)}
    pattern = re.compile(r"(?<![\d])(" + "|".join(years) + r")(?![\d])")

    def shift(segment: str) -> str:
        return pattern.sub(lambda m: years[m.group(1)], segment)

    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(shift(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(shift(text[last:]))
    return "".join(out)


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*\+?):")
_FROZEN_SECTIONS = {"resources", "resources+", "extends"}  # extends: names a file that does not move
_DATE_LINE = re.compile(r"^\s*(- )?date:")


def shift_config_years(text: str, old: int, new: int) -> str:
    """shift_years for a config file, leaving facts about the past alone: the `resources` section (a
    resource's publication year does not move) and every `date:` line."""
    out, frozen = [], False
    for line in text.splitlines(keepends=True):
        top = _TOP_KEY.match(line)
        if top:
            frozen = top.group(1) in _FROZEN_SECTIONS
        out.append(line if frozen or _DATE_LINE.match(line) else shift_years(line, old, new))
    return "".join(out)


def default_target(source: Path, old: int, new: int) -> Path:
    """Beside `source`, keeping its name: 2023.yaml -> 2024.yaml, wa-2027.yaml -> wa-2028.yaml, and a
    name without the year gets it: pine.yaml -> pine-2028.yaml."""
    stem = shift_years(source.stem, old, new)
    if stem == source.stem:
        stem = f"{source.stem}-{new}"
    return source.with_name(stem + source.suffix)


def new_year(year: int, source: Path, target: Path | None = None, force: bool = False) -> Path:
    """Write next year's config (default: `default_target`) and return its path.

    Nothing is lost: the config it starts from and its prose files are never written; with `force`,
    files it replaces are put back if anything fails (the new config not validating included)."""
    campaign = load_campaign(source)
    old = campaign.year
    if year == old:
        raise UsageError(f"the config is already for {year}", source)
    target = target or default_target(source, old, year)
    if target.resolve() == source.resolve():
        raise UsageError("would replace the config it starts from; give another -o", target)
    if not target.parent.is_dir():
        raise HtpmError(f"cannot write it: the folder {target.parent} does not exist", target)
    if target.is_dir():
        raise HtpmError("a folder of that name already exists", target)
    if target.exists() and not force:
        raise HtpmError("already exists; use --force to replace it", target)
    text = source.read_text(encoding="utf-8")
    edits: list[tuple[int, int, str, str]] = []  # (line, col, old value, new value) in the text
    copies: dict[Path, str] = {}
    sources = {source.resolve()}
    for ref in prose_references(source):
        src = confined(source.parent, ref.value, "file")
        sources.add(src.resolve())
        if not src.is_file():
            continue
        new_rel = shift_years(ref.value, old, year)
        if (target.parent / new_rel).resolve() == src.resolve():  # same folder, no year in the name
            stem, dot, suffix = new_rel.rpartition(".")
            new_rel = f"{stem}-{year}.{suffix}" if dot else f"{new_rel}-{year}"
        copies[confined(target.parent, new_rel, "file")] = shift_years(
            src.read_text(encoding="utf-8"), old, year
        )
        edits.append((ref.loc.line, ref.loc.col, ref.value, new_rel))
    parent = _parent_reference(source, target)
    if parent is not None:
        edits.append(parent)
    for dest in copies:
        if dest.resolve() in sources:
            raise HtpmError("would replace a file the old config uses; give another -o", dest)
        if dest.is_dir() or dest.is_symlink():  # --force replaces files, never a folder or a link
            raise HtpmError("a folder or link of that name already exists; give another -o", dest)
        if dest.exists() and not force:
            raise HtpmError("already exists; use --force to replace it", dest)
    new_text = _apply(shift_config_years(text, old, year), edits, old, year)
    try:
        _write_checked(target, new_text, copies)
    except OSError as exc:  # a read-only folder, a full disk: what was written is put back
        where = _named(Path(exc.filename)) if exc.filename else target
        raise HtpmError(f"cannot write it ({exc.strerror or exc}); nothing changed", where) from None
    return target


def prose_references(path: Path) -> list[Located]:
    """The `{file: x.md}` values of a config, from its YAML (never from comments)."""
    found: list[Located] = []

    def walk(node: Located) -> None:
        if isinstance(node.value, dict):
            ref = node.value.get("file")
            if set(node.value) == {"file"} and ref is not None and isinstance(ref.value, str):
                found.append(ref)
                return
            for child in node.value.values():
                walk(child)
        elif isinstance(node.value, list):
            for child in node.value:
                walk(child)

    walk(read_yaml(path))
    return found


def _parent_reference(source: Path, target: Path) -> tuple[int, int, str, str] | None:
    """The `extends:` edit a config written into another folder needs (a bundled parent needs none)."""
    tree = read_yaml(source)
    ref = tree.value.get("extends") if isinstance(tree.value, dict) else None
    if ref is None or not isinstance(ref.value, str) or ref.value.startswith("htpm:"):
        return None
    if target.parent.resolve() == source.parent.resolve():
        return None
    parent = (source.parent / ref.value).resolve()
    try:
        relative = parent.relative_to(target.parent.resolve()).as_posix()
    except ValueError:
        raise HtpmError(
            f"extends: {ref.value} would lie outside the new config's folder ({target.parent}); an "
            "overlay's parent must be in its folder or below it: write the new config beside the old "
            "one, or extend a bundled campaign (htpm:NAME)",
            ref.loc,
        ) from None
    return (ref.loc.line, ref.loc.col, ref.value, relative)


def _apply(text: str, edits: list[tuple[int, int, str, str]], old_year: int, new_year: int) -> str:
    """Replace each value at its line and column (years shift in place, so positions hold)."""
    lines = text.splitlines(keepends=True)
    for line, col, old, new in sorted(edits, reverse=True):
        row = lines[line - 1]
        for written in dict.fromkeys((old, shift_years(old, old_year, new_year))):  # years moved already?
            at = row.find(written, max(col - 1, 0))
            if at >= 0:
                lines[line - 1] = row[:at] + new + row[at + len(written) :]
                break
        else:
            raise AssertionError(f"lost the value {old!r} on line {line}")
    return "".join(lines)


def _named(path: Path) -> Path:
    """The file the user knows for one of ours being written (`.x.yaml.htpm-new` is `x.yaml`)."""
    name = path.name
    for suffix in (_NEW, _OLD):
        if name.startswith(".") and name.endswith(suffix):
            return path.with_name(name[1 : -len(suffix)])
    return path


_NEW, _OLD = ".htpm-new", ".htpm-old"


def _write_checked(target: Path, text: str, copies: dict[Path, str]) -> None:
    """Write the prose copies and the config, validate, and on any failure put everything back."""
    staged = target.with_name(f".{target.name}{_NEW}")
    done: list[tuple[Path, Path | None]] = []  # (file written, backup of what it replaced)
    try:
        for dest, content in copies.items():
            dest.parent.mkdir(parents=True, exist_ok=True)
            backup = None
            if dest.exists():
                backup = dest.with_name(f".{dest.name}{_OLD}")
                os.replace(dest, backup)
            done.append((dest, backup))
            dest.write_text(content, encoding="utf-8")
        staged.write_text(text, encoding="utf-8")
        try:
            load_campaign(staged)
        except ConfigError as exc:
            lines = [line.replace(str(staged), str(target)) for line in exc.lines]
            raise ConfigError(lines) from None
        except HtpmError as exc:
            raise HtpmError(exc.message.replace(str(staged), str(target)), target) from None
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        for dest, backup in reversed(done):
            if backup is not None:
                os.replace(backup, dest)
            else:
                dest.unlink(missing_ok=True)
        raise
    for _dest, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
