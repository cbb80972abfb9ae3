"""Platform limits as data: `social/limits.yaml` on the template search path (a campaign folder
may override it). Every figure is checked here so a typo in the file is a clear error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from htpm.errors import HtpmError
from htpm.social.counting import METHODS, count

LIMITS_TEMPLATE = "social/limits.yaml"


@dataclass(frozen=True)
class PlatformLimit:
    """How one platform counts a post and what it allows."""

    platform: str
    name: str
    limit: int
    method: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    hashtag_limit: int | None = None

    def length(self, text: str) -> int:
        return count(text, self.method, self.params)


def load_limits(path: Path) -> dict[str, PlatformLimit]:
    """Read and check a limits file; every platform needs a limit and a counting method."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise HtpmError(f"limits file is not valid YAML: {exc}", path) from None
    platforms = data.get("platforms") if isinstance(data, dict) else None
    if not isinstance(platforms, dict) or not platforms:
        raise HtpmError("limits file needs a `platforms:` mapping", path)
    return {key: _platform(str(key), entry, path) for key, entry in platforms.items()}


def _platform(key: str, entry: Any, path: Path) -> PlatformLimit:
    def fail(message: str) -> HtpmError:
        return HtpmError(f"platforms.{key}: {message}", path)

    if not isinstance(entry, dict):
        raise fail("must be a mapping")
    limit = _figure(entry.get("limit"))
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise fail("limit.value must be a positive whole number")
    counting = entry.get("counting")
    if not isinstance(counting, dict) or counting.get("method") not in METHODS:
        raise fail(f"counting.method must be one of {', '.join(METHODS)}")
    params = counting.get("params") or {}
    if not isinstance(params, dict):
        raise fail("counting.params must be a mapping")
    hashtags = _figure(entry.get("hashtags"))
    if hashtags is not None and (not isinstance(hashtags, int) or isinstance(hashtags, bool) or hashtags < 0):
        raise fail("hashtags.value must be a whole number or null")
    for figure in ("limit", "counting", "hashtags"):
        if isinstance(entry.get(figure), dict) and "checked" not in entry[figure]:
            raise fail(f"{figure}: say when the figure was checked (`checked: YYYY-MM-DD`)")
    platform = PlatformLimit(key, str(entry.get("name") or key), limit, counting["method"], params, hashtags)
    try:
        platform.length("probe https://example.org #tag")
    except (KeyError, TypeError, ValueError) as exc:
        raise fail(f"counting.params incomplete for {counting['method']}: {exc}") from None
    return platform


def _figure(entry: Any) -> Any:
    """A figure is `{value: ..., source: ..., checked: ...}`; a bare value is accepted too."""
    return entry.get("value") if isinstance(entry, dict) else entry
