"""Load a campaign config: read safely, follow `extends:`, merge, include prose, validate, freeze.

Merge rules for overlays (`extends: parent.yaml`):
- mappings merge key by key, recursively; the overlay's value wins;
- lists and scalars replace the parent's value;
- a key written with a trailing `+` (`resources+:`) appends its list to the parent's list;
- a key set to null in the overlay removes the parent's value (the default applies).

A prose value may be `{file: name.md}`: the text of a Markdown file beside the config that names it.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from htpm.campaign import Campaign, WeekMisfit
from htpm.copyfields import iter_copy
from htpm.errors import ConfigError, HtpmError, Location
from htpm.model import CampaignConfig, Content
from htpm.paths import MAX_PROSE_BYTES, FileTooLarge, bundled_config, confined, inside, read_limited
from htpm.problems import Problem
from htpm.suggest import did_you_mean
from htpm.values import campaign_values, fill_in_values, substitute
from htpm.yamlmodel import nearest
from htpm.yamlsafe import Located, read_yaml, source_map, unwrap

MAX_EXTENDS = 8
BUNDLED_PREFIX = "htpm:"


def load_campaign(
    path: str | Path, locale: str | None = None, fill: dict[str, str] | None = None
) -> Campaign:
    """Load, merge and validate the config at `path`; every mistake at once as a ConfigError.

    `fill` gives fill-in values by name (`htpm build --fill name=value`), over the config's own."""
    path = Path(path)
    tree, dirs = _load_tree(path, chain=(), shown=str(path))
    primary = primary_locale(tree)
    if locale is not None and locale != primary:
        tree = _apply_translation(tree, locale, path)
    data = unwrap(tree)
    sources = source_map(tree)
    try:
        config = CampaignConfig.model_validate(data)
    except ValidationError as exc:
        problems = _problems(exc, sources, path)
        raise ConfigError([str(p) for p in problems], problems) from None
    campaign = _with_values(
        Campaign(config=config, path=path, config_dirs=tuple(dirs), sources=sources, primary_locale=primary),
        fill or {},
    )
    try:
        campaign.weeks  # noqa: B018 - derive dates now so a misfit is a config error
    except WeekMisfit as exc:
        problem = Problem(campaign.locate(("weeks", exc.index)), f"weeks.{exc.index}", exc.message)
        raise ConfigError([str(problem)], [problem]) from None
    return campaign


def _with_values(campaign: Campaign, fill: dict[str, str]) -> Campaign:
    """The campaign with `{year}`, `{organization}` ... filled in its text (htpm.values)."""
    config = campaign.config
    data = config.model_dump(mode="python")
    try:
        labels = campaign.labels
    except HtpmError:  # a mistyped label: htpm.checks reports it with the rest
        labels = {}

    def possessive(name: str) -> str:
        after_s = labels.get("values.possessive_after_s")
        pattern = after_s if after_s and name.endswith("s") else labels.get("values.possessive", "{name}")
        return pattern.replace("{name}", name)

    values = campaign_values(data, campaign.month_name, possessive)
    keep = {p.name for p in config.proclamation.placeholders} if config.proclamation else set()
    fills, blanks, problems = fill_in_values(data, campaign.locate, fill)
    # prose and posts go through htpm.prose, which shows an open fill-in highlighted; the
    # proclamation has blanks of its own (placeholders): there, as everywhere else, the blank text
    marked = {
        path
        for path, _text, kind in iter_copy(config)
        if kind in ("prose", "post") and path[0] != "proclamation"
    }
    filled, more, still_open = substitute(data, values, keep, campaign.locate, fills, blanks, marked)
    problems += more
    if problems:
        raise ConfigError([str(p) for p in problems], problems)
    if filled == data:
        return campaign
    open_at = tuple((name, campaign.locate(path)) for name, path in still_open)
    return dataclasses.replace(campaign, config=CampaignConfig.model_validate(filled), open_fill_ins=open_at)


def _load_tree(path: Path, chain: tuple[Path, ...], shown: str) -> tuple[Located, list[Path]]:
    tree = read_yaml(path, shown)
    if not isinstance(tree.value, dict):
        raise HtpmError("the top of a campaign config must be a mapping of keys", tree.loc)
    folder = path.resolve().parent
    _include_prose(tree, folder, shown)
    parent_ref = tree.value.pop("extends", None)
    if parent_ref is None:
        _strip_append_markers(tree)
        return tree, [folder]
    if not isinstance(parent_ref.value, str):
        raise HtpmError("extends: expected the path of a config", parent_ref.loc)
    parent_path = _resolve_parent(parent_ref, folder)
    resolved_chain = (*chain, path.resolve())
    if parent_path.resolve() in resolved_chain:
        names = " -> ".join(p.name for p in (*resolved_chain, parent_path))
        raise HtpmError(f"extends: cycle ({names})", parent_ref.loc)
    if len(resolved_chain) > MAX_EXTENDS:
        raise HtpmError(f"extends: more than {MAX_EXTENDS} levels", parent_ref.loc)
    if not parent_path.is_file():
        raise HtpmError(f"extends: {parent_ref.value} not found", parent_ref.loc)
    parent_shown = (
        str(parent_path)
        if parent_ref.value.startswith(BUNDLED_PREFIX)
        else os.path.normpath(Path(shown).parent / parent_ref.value)
    )
    parent_tree, parent_dirs = _load_tree(parent_path, resolved_chain, parent_shown)
    merged = merge(parent_tree, tree)
    return merged, [folder, *[d for d in parent_dirs if d != folder]]


def _resolve_parent(ref: Located, folder: Path) -> Path:
    name: str = ref.value
    if name.startswith(BUNDLED_PREFIX):
        try:
            return bundled_config(name[len(BUNDLED_PREFIX) :])
        except HtpmError as exc:
            raise HtpmError(f"extends: {exc.message}", ref.loc) from None
    try:
        return confined(folder, name, "extends")
    except HtpmError as exc:
        raise HtpmError(exc.message, ref.loc) from None


def merge(base: Located, overlay: Located) -> Located:
    """Overlay `overlay` on `base` by the documented rules (returns a new tree)."""
    if not (isinstance(base.value, dict) and isinstance(overlay.value, dict)):
        return _strip_append_markers(overlay)
    out = dict(base.value)
    for raw_key, value in overlay.value.items():
        if raw_key.endswith("+"):
            key = raw_key[:-1]
            if not isinstance(value.value, list):
                raise HtpmError(f"{raw_key}: appending needs a list", value.loc)
            existing = out.get(key)
            if existing is not None and not isinstance(existing.value, list):
                raise HtpmError(f"{raw_key}: the parent's {key} is not a list", value.loc)
            items = list(existing.value) if existing is not None else []
            out[key] = Located(items + [_strip_append_markers(v) for v in value.value], value.loc)
        elif value.value is None:
            out.pop(raw_key, None)
        elif raw_key in out:
            out[raw_key] = merge(out[raw_key], value)
        else:
            out[raw_key] = _strip_append_markers(value)
    return Located(out, overlay.loc)


def _strip_append_markers(tree: Located) -> Located:
    """In a config with no parent, `key+:` simply means `key:`."""
    if isinstance(tree.value, dict):
        fixed: dict[str, Located] = {}
        for k, v in tree.value.items():
            key = k[:-1] if k.endswith("+") else k
            if key in fixed:
                raise HtpmError(f"both {key} and {key}+ given", v.loc)
            fixed[key] = _strip_append_markers(v)
        tree.value = fixed
    elif isinstance(tree.value, list):
        tree.value = [_strip_append_markers(v) for v in tree.value]
    return tree


def _include_prose(tree: Located, folder: Path, shown: str) -> None:
    """Replace every `{file: x.md}` mapping with the file's text (confined to the config's folder)."""
    value = tree.value
    if isinstance(value, dict):
        if set(value) == {"file"} and isinstance(value["file"].value, str):
            ref = value["file"]
            try:
                target = confined(folder, ref.value, "file")
            except HtpmError:
                raise HtpmError(f"file: {ref.value} is outside the config's folder", ref.loc) from None
            if target.suffix.lower() not in (".md", ".markdown", ".txt"):
                raise HtpmError(f"file: {ref.value} is not a Markdown or text file", ref.loc)
            if not target.exists():
                raise HtpmError(f"file: {ref.value} not found", ref.loc)
            try:
                raw = read_limited(target, MAX_PROSE_BYTES)
            except FileTooLarge:
                raise HtpmError(f"file: {ref.value} is larger than 1 MB", ref.loc) from None
            except OSError as exc:
                raise HtpmError(f"file: {ref.value}: cannot read it ({exc.strerror})", ref.loc) from None
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise HtpmError(f"file: {ref.value} is not UTF-8 text", ref.loc) from None
            rel = target.relative_to(folder) if inside(target, folder) else target
            tree.value = text.strip("\n")
            tree.loc = Location(str(Path(shown).parent / rel), 1, 1)
            return
        for v in value.values():
            _include_prose(v, folder, shown)
    elif isinstance(value, list):
        for v in value:
            _include_prose(v, folder, shown)


def load_tree(path: Path) -> Located:
    """The config's merged YAML tree (overlays followed, prose files included), not validated:
    what `htpm translations` reads, with every value's place."""
    return _load_tree(path, chain=(), shown=str(path))[0]


def primary_locale(tree: Located) -> str:
    """The config's own language: its `locale:`, else the model's default."""
    value = tree.value.get("locale") if isinstance(tree.value, dict) else None
    if value is not None and isinstance(value.value, str):
        return value.value
    return str(CampaignConfig.model_fields["locale"].default)


def config_locales(tree: Located) -> list[str]:
    """Every locale a config lists: its own first, then the keys of `translations:`."""
    translations = tree.value.get("translations") if isinstance(tree.value, dict) else None
    others = [
        str(k) for k in (translations.value if translations and isinstance(translations.value, dict) else {})
    ]
    primary = primary_locale(tree)
    return [primary, *(k for k in others if k != primary)]


#: keys of a `translations.<locale>` block that are not content: what htpm keeps for translators
#: (the hash of the English each string was translated from, `htpm translations`)
TRANSLATION_META = ("source_hashes",)


def translation_overlay(tree: Located, locale: str, path: Path) -> Located:
    """The `translations.<locale>` block of a loaded tree, checked to be a mapping of content keys."""
    translations = tree.value.get("translations")
    if translations is None or not isinstance(translations.value, dict) or locale not in translations.value:
        listed = ", ".join(config_locales(tree))
        raise HtpmError(f"no translation for locale {locale} (the config's locales: {listed})", path)
    overlay = translations.value[locale]
    if not isinstance(overlay.value, dict):
        raise HtpmError(f"translations.{locale}: expected a mapping", overlay.loc)
    allowed = set(Content.model_fields)
    for key, value in overlay.value.items():
        if key.rstrip("+") not in allowed and key not in TRANSLATION_META:
            raise HtpmError(f"translations.{locale}.{key}: not translatable content", value.loc)
    return overlay


def _apply_translation(tree: Located, locale: str, path: Path) -> Located:
    overlay = translation_overlay(tree, locale, path)
    content = Located({k: v for k, v in overlay.value.items() if k not in TRANSLATION_META}, overlay.loc)
    merged = merge(tree, content)
    merged.value["locale"] = Located(locale, overlay.loc)
    merged.value.pop("translations", None)
    return merged


# -- errors -------------------------------------------------------------------------------------


def _problems(exc: ValidationError, sources: dict[tuple[Any, ...], Location], path: Path) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        where = nearest(sources, loc) or Location(str(path))
        problems.append(Problem(where, ".".join(str(p) for p in loc) or "(top)", _message(err, loc)))
    return sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.col))


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key" + did_you_mean(str(loc[-1]), _fields_at(loc[:-1]))
    if kind == "missing":
        return "required, but missing"
    if kind == "string_pattern_mismatch" and "https?://" in str(err.get("ctx", {}).get("pattern", "")):
        return f"expected an http://, https:// or mailto: address, got {_show(err.get('input'))}"
    if kind == "int_parsing":
        return f"expected a whole number, got {_show(err.get('input'))}"
    if kind == "string_type":
        return f"expected text, got {_show(err.get('input'))}; put it in quotes"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind.startswith(("int_", "bool_", "float_", "date_", "literal_")):
        msg = f"{msg} (got {_show(err.get('input'))})"
    return msg


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking `loc` from CampaignConfig."""
    model: Any = CampaignConfig
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            model = None if _is_model(model) else model
            continue
        model = _inner_model(field.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _inner_model(tp: Any) -> Any:
    if _is_model(tp):
        return tp
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (list, dict, typing.Union, types.UnionType):
        for arg in args:
            found = _inner_model(arg)
            if found is not None:
                return found
    if typing.get_origin(tp) is typing.Annotated:
        return _inner_model(args[0])
    return None


__all__ = ["load_campaign", "merge", "ConfigError"]
