"""Platform limits as data: `social/limits.yaml` on the template search path (a campaign folder
may override it). Every figure is checked here so a typo in the file is a clear error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.errors import HtpmError
from htpm.model import PLATFORMS
from htpm.social.counting import METHODS, count
from htpm.suggest import did_you_mean
from htpm.yamlsafe import Located, read_yaml, unwrap

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
    """Read and check a limits file; every platform needs a limit and a counting method. Every
    mistake is an HtpmError at the line of the value that is wrong."""
    tree = read_yaml(path)
    platforms = tree.value.get("platforms") if isinstance(tree.value, dict) else None
    if platforms is None or not isinstance(platforms.value, dict) or not platforms.value:
        raise HtpmError("limits file needs a `platforms:` mapping", (platforms or tree).loc)
    for key, entry in platforms.value.items():
        if key not in PLATFORMS:
            raise HtpmError(f"platforms.{key}: unknown platform{did_you_mean(key, PLATFORMS)}", entry.loc)
    return {key: _platform(key, entry) for key, entry in platforms.value.items()}


def _platform(key: str, entry: Located) -> PlatformLimit:
    def fail(message: str, *path: str) -> HtpmError:
        node = entry
        for part in path:  # the deepest value given on the way
            if not isinstance(node.value, dict) or part not in node.value:
                break
            node = node.value[part]
        return HtpmError(f"platforms.{key}: {message}", node.loc)

    if not isinstance(entry.value, dict):
        raise fail("must be a mapping")
    data = unwrap(entry)
    name = data.get("name", key)
    if not isinstance(name, str):
        raise fail(f"name: expected text, got {name!r}; put it in quotes", "name")
    limit = _figure(data.get("limit"))
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise fail("limit.value must be a positive whole number", "limit", "value")
    counting = data.get("counting")
    if not isinstance(counting, dict) or counting.get("method") not in METHODS:
        raise fail(f"counting.method must be one of {', '.join(METHODS)}", "counting", "method")
    params = counting.get("params") or {}
    if not isinstance(params, dict):
        raise fail("counting.params must be a mapping", "counting", "params")
    hashtags = _figure(data.get("hashtags"))
    if hashtags is not None and (not isinstance(hashtags, int) or isinstance(hashtags, bool) or hashtags < 0):
        raise fail("hashtags.value must be a whole number or null", "hashtags", "value")
    for figure in ("limit", "counting", "hashtags"):
        if isinstance(data.get(figure), dict) and "checked" not in data[figure]:
            raise fail(f"{figure}: say when the figure was checked (`checked: YYYY-MM-DD`)", figure)
    platform = PlatformLimit(key, name or key, limit, counting["method"], params, hashtags)
    try:
        platform.length("probe https://example.org #tag")
    except (KeyError, TypeError, ValueError) as exc:
        raise fail(
            f"counting.params incomplete for {counting['method']}: {exc}", "counting", "params"
        ) from None
    return platform


def _figure(entry: Any) -> Any:
    """A figure is `{value: ..., source: ..., checked: ...}`; a bare value is accepted too."""
    return entry.get("value") if isinstance(entry, dict) else entry
