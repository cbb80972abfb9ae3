"""The `link-target-unknown` rule: link texts whose address nobody has given yet.

A call to action whose target was lost ("Subscribe to OTIP Connect", a StoryCorps guide, a
resource's title) is shown in the documents as a fill-in, highlighted, never as silent plain
text; this rule names each one and its line so someone finds the address. Two ways a config says
"the address is not known": a link field (`organization.newsletter`, a feature's `links`, an
account, a resource) without `url`, and `[text](#)` in prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel

from htpm.lint.engine import Finding
from htpm.lint.extract import Text
from htpm.model import Account, Link, Resource

if TYPE_CHECKING:
    from htpm.campaign import Campaign

RULE_ID = "link-target-unknown"
_UNKNOWN = re.compile(r"\[([^\[\]]+)\]\(#\)")
_SKIP = {"lint", "labels", "translations", "branding", "graphics", "social", "fill", "fill_ins"}
_Path = tuple[str | int, ...]


def unknown_links(campaign: Campaign, texts: list[Text]) -> list[Finding]:
    """A warning for each link text without an address, at its line (prose: at the text itself)."""
    found = [_finding(campaign.locate(path), text) for path, text in _link_fields(campaign.config, ())]
    for text in texts:
        for match in _UNKNOWN.finditer(text.text):
            found.append(_finding(text.locate(match.start(1)), match.group(1)))
    return found


def _finding(location, text: str) -> Finding:  # noqa: ANN001 - htpm.errors.Location
    return Finding(
        location,
        "warning",
        RULE_ID,
        f"link {text!r} has no address; it is shown as a fill-in",
        "give its address once a public source states it: url, or [text](https://...) in prose",
        text,
    )


def _link_fields(value: object, path: _Path) -> Iterator[tuple[_Path, str]]:
    if isinstance(value, Link | Resource | Account) and value.url is None:
        shown = (
            value.handle
            if isinstance(value, Account)
            else value.title
            if isinstance(value, Resource)
            else value.text
        )
        yield ((*path, "title") if isinstance(value, Resource) else path), shown
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if not (path == () and name in _SKIP):
                yield from _link_fields(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _link_fields(item, (*path, index))
