"""The config reference (Markdown) and JSON Schema, generated from the models (never written twice)."""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from htpm.copyfields import copy_kind
from htpm.model import CampaignConfig


def json_schema() -> str:
    schema = CampaignConfig.model_json_schema()
    schema["properties"]["extends"] = {
        "type": "string",
        "description": "Parent config to overlay: a path beside this file, or htpm:NAME for a bundled one",
    }
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def config_reference() -> str:
    """Markdown tables, one per model, in the order a reader meets them."""
    lines = [
        "# Campaign config reference",
        "",
        "Generated from `htpm/model.py` by `htpm schema --format markdown`; do not edit by hand.",
        "Unknown keys are errors. `extends:` (a parent config) may stand at the top of any config.",
        "The copy column marks published text and how lint reads it: `prose`, `post` and `alt` are",
        "checked by default; `title` (headings, names) and `guideline` only by rules that ask for them.",
        "",
    ]
    seen: set[type[BaseModel]] = set()
    queue: list[tuple[str, type[BaseModel]]] = [("(top level)", CampaignConfig)]
    while queue:
        where, model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        lines += [
            f"## {model.__name__}",
            "",
            f"Used at: `{where}`",
            "",
            "| key | type | default | copy | description |",
        ]
        lines.append("|---|---|---|---|---|")
        for name, field in model.model_fields.items():
            default, kind = _default(field), copy_kind(field) or ""
            lines.append(
                f"| `{name}` | {_type(field.annotation)} | {default} | {kind} | {field.description or ''} |"
            )
            for inner in _models(field.annotation):
                queue.append((name if where == "(top level)" else f"{where}.{name}", inner))
        lines.append("")
    return "\n".join(lines)


def _default(field: Any) -> str:
    if field.is_required():
        return "required"
    value = field.default_factory() if field.default_factory is not None else field.default
    if value is PydanticUndefined:
        return ""
    if isinstance(value, BaseModel):
        return "(see below)"
    return f"`{json.dumps(value, default=str)}`" if value not in (None, [], {}) else "none"


def _type(tp: Any) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return f"map of {_type(args[0])} to {_type(args[1])}"
    if origin is typing.Literal:
        return " / ".join(f"`{a}`" for a in args)
    if isinstance(tp, type):
        return {"str": "text", "int": "integer", "float": "number", "bool": "true/false", "date": "date"}.get(
            tp.__name__, tp.__name__
        )
    return str(tp)


def _models(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        out += _models(arg)
    return out
