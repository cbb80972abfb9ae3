"""The building blocks of the config schema: the base model, the copy marker and shared types.

`htpm.model` (what a campaign says) and `htpm.settings` (how it looks and goes out) are made of these.
"""

from __future__ import annotations

import re
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
Platform = Literal["x", "facebook", "instagram", "linkedin", "bluesky", "mastodon", "threads"]
PLATFORMS: tuple[Platform, ...] = typing.get_args(Platform)  # the one list of platforms htpm posts to
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# Copy: every field whose text is published says so, and how it reads, in its JSON Schema
# ("copy": kind); `htpm.copyfields` walks these markers and lint checks exactly what it finds.
# prose: sentences and Markdown; post: a social post; alt: alt text; title: headings, names, link
# texts and short labels; guideline: messaging guidance (it quotes the very words it warns against).
CopyKind = Literal["prose", "post", "alt", "title", "guideline"]
COPY_KINDS: tuple[CopyKind, ...] = ("prose", "post", "alt", "title", "guideline")


def Copy(kind: CopyKind, default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802 - reads like Field
    """A `Field` whose text is published copy of `kind`."""
    return Field(default, json_schema_extra={"copy": kind}, **kwargs)


Text = Annotated[str, Field(min_length=1)]
Prose = Annotated[str, Field(min_length=1, description="Markdown subset; or {file: x.md} in YAML")]
Url = Annotated[str, Field(pattern=r"^(https?://|mailto:)\S+$", description="http(s) or mailto URL")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)
