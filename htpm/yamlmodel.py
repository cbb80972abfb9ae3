"""Validate a YAML file's Located tree with a pydantic model; every error at its value's line.

Used for the data files next to configs (graphics layouts, lint packs): the same one-line
`file:line:col: dotted.key: message` form as a campaign config's errors."""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from htpm.errors import ConfigError, Location
from htpm.problems import Problem
from htpm.suggest import did_you_mean
from htpm.yamlsafe import Located, source_map, unwrap

M = TypeVar("M", bound=BaseModel)
SourcePath = tuple[str | int, ...]


def validate_tree(model: type[M], tree: Located) -> tuple[M, dict[SourcePath, Location]]:
    """The model of `tree` and its source map; a ConfigError with every mistake as a Problem at
    its value's line, sorted by line (its `location` is the first one's)."""
    sources = source_map(tree)
    try:
        return model.model_validate(unwrap(tree)), sources
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            path = value_path(err["loc"], model)
            where = nearest(sources, path) or tree.loc
            problems.append(Problem(where, ".".join(map(str, path)) or "(top)", message(err, model, path)))
        problems.sort(key=lambda p: (p.location.line, p.location.col))
        error = ConfigError([str(p) for p in problems], problems)
        error.location = problems[0].location
        raise error from None


def value_path(loc: tuple[Any, ...], model: Any = None) -> SourcePath:
    """pydantic's error location without the union tags it inserts (member model names,
    discriminator values, `function-after[...]`), found by walking the model along `loc`."""
    kept: list[str | int] = []
    tp = model
    for part in loc:
        if isinstance(part, str) and part.startswith("function-"):
            continue
        members = _models(tp)
        if isinstance(part, str) and len(members) > 1:
            chosen = [m for m in members if part in (m.__name__, m.__name__.lower())]
            if chosen:
                tp = chosen[0]  # a union tag: the member it names
                continue
        kept.append(part)
        if len(members) == 1 and isinstance(part, str) and part in members[0].model_fields:
            tp = members[0].model_fields[part].annotation
    return tuple(kept)


def nearest(sources: dict[SourcePath, Location], path: tuple[Any, ...]) -> Location | None:
    """Where the value at `path` was written, or its nearest ancestor."""
    for cut in range(len(path), -1, -1):
        found = sources.get(tuple(path[:cut]))
        if found is not None:
            return found
    return None


def message(err: Any, model: type[BaseModel] | None = None, path: SourcePath = ("",)) -> str:
    """One pydantic error in the words a campaign config's errors use."""
    kind = err["type"]
    got = _show(err.get("input"))
    if kind == "extra_forbidden":
        known = _fields_at(model, tuple(err["loc"])[:-1]) if model else []
        return "unknown key" + did_you_mean(str(path[-1]), known) if known else "unknown key"
    if kind == "missing":
        return "required, but missing"
    if kind == "string_type":
        return f"expected text, got {got}; put it in quotes"
    if kind == "int_parsing" or kind == "int_type":
        return f"expected a whole number, got {got}"
    msg = str(err["msg"]).removeprefix("Value error, ")
    if kind.startswith(("int_", "bool_", "float_", "literal_", "list_", "dict_", "tuple_", "too_")):
        msg = f"{msg} (got {got})"
    return msg


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by walking pydantic's raw `loc` (union tags included)."""
    tp = model
    for part in loc:
        members = _models(tp)
        chosen = [m for m in members if str(part) in (m.__name__, m.__name__.lower())]
        if len(members) > 1 and chosen:
            tp = chosen[0]
        elif len(members) == 1 and str(part) in members[0].model_fields:
            tp = members[0].model_fields[str(part)].annotation
    members = _models(tp)
    return list(members[0].model_fields) if len(members) == 1 else []


def _models(tp: Any) -> list[type[BaseModel]]:
    """The models inside an annotation (through lists, dicts, unions, Annotated)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        found += [m for m in _models(arg) if m not in found]
    return found


__all__ = ["message", "nearest", "validate_tree", "value_path"]
