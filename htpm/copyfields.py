"""The campaign's copy, found from the model: every field marked `Copy(kind, ...)` in
`htpm/model.py`, walked through nested models, lists and mappings.

Lint checks what this walker yields and nothing else, so a new published field is linted as soon
as it is marked (and `tests/foundation/test_copy_fields.py` fails while a published field is not)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from htpm.fields import COPY_KINDS, CopyKind

SourcePath = tuple[str | int, ...]


def copy_kind(field: Any) -> CopyKind | None:
    """The copy kind a model field is marked with, or None."""
    extra = field.json_schema_extra
    kind = extra.get("copy") if isinstance(extra, dict) else None
    if kind is not None and kind not in COPY_KINDS:
        raise ValueError(f"unknown copy kind {kind!r}")  # a bug in model.py, not the user's mistake
    return kind  # type: ignore[return-value]


def iter_copy(model: BaseModel, prefix: SourcePath = ()) -> Iterator[tuple[SourcePath, str, CopyKind]]:
    """(path, text, kind) for every string of every copy field, in the model's field order."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        kind = copy_kind(field)
        if kind is not None:
            yield from _strings(value, (*prefix, name), kind)
        else:
            yield from _nested(value, (*prefix, name))


def _strings(value: Any, path: SourcePath, kind: CopyKind) -> Iterator[tuple[SourcePath, str, CopyKind]]:
    if isinstance(value, str):
        yield path, value, kind
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i), kind)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key), kind)


def _nested(value: Any, path: SourcePath) -> Iterator[tuple[SourcePath, str, CopyKind]]:
    if isinstance(value, BaseModel):
        yield from iter_copy(value, path)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _nested(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nested(item, (*path, key))


__all__ = ["copy_kind", "iter_copy"]
