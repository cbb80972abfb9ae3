"""Platform limits as data: `social/limits.yaml` on the template search path (a campaign folder
may override it). Every figure is checked here so a typo in the file is a clear error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htpm.errors import HtpmError
from htpm.fields import PLATFORMS
from htpm.social.counting import METHODS, count
from htpm.suggest import did_you_mean
from htpm.yamlsafe import Located, read_yaml, unwrap

LIMITS_TEMPLATE = "social/limits.yaml"
OVERFLOW = ("leave_out", "drop")


@dataclass(frozen=True)
class PlatformLimit:
    """How one platform counts a post and what it allows."""

    platform: str
    name: str
    limit: int
    method: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    hashtag_limit: int | None = None
    #: "leave_out": a post over the hashtag limit is left out; "drop": it loses the extra tags here
    hashtag_overflow: str = "leave_out"
    image_size: str | None = None  # the graphics size (templates/graphics/sizes.yaml) posted with it
    needs_media: bool = False  # schedulers reject a post without an image (Instagram)
    links_clickable: bool = True  # the platform makes links of addresses in the text at all
    bare_domains: bool = True  # it links `example.org` without `https://`
    facets: bool = False  # posts.json carries AT Protocol rich-text facets (Bluesky)

    @property
    def adds_scheme(self) -> bool:
        """Whether htpm writes `https://` before a bare domain here (linked only with it)."""
        return self.links_clickable and not self.bare_domains

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
    overflow = (
        data["hashtags"].get("over_limit", "leave_out")
        if isinstance(data.get("hashtags"), dict)
        else "leave_out"
    )
    if overflow not in OVERFLOW:
        raise fail(f"hashtags.over_limit must be one of {', '.join(OVERFLOW)}", "hashtags", "over_limit")
    image = data.get("image") or {}
    links = data.get("links") or {}
    for figure, value in (("image", image), ("links", links)):
        if not isinstance(value, dict):
            raise fail(f"{figure} must be a mapping", figure)
    size = image.get("size")
    if size is not None and not isinstance(size, str):
        raise fail("image.size must be the name of a graphics size", "image", "size")
    flags = {
        ("image", "needs_media"): False,
        ("links", "clickable"): True,
        ("links", "bare_domains"): True,
        ("links", "facets"): False,
    }
    values = {}
    for (figure, name_), default in flags.items():
        value = (image if figure == "image" else links).get(name_, default)
        if not isinstance(value, bool):
            raise fail(f"{figure}.{name_} must be true or false", figure, name_)
        values[name_] = value
    for figure in ("limit", "counting", "hashtags", "image", "links"):
        if isinstance(data.get(figure), dict) and "checked" not in data[figure]:
            raise fail(f"{figure}: say when the figure was checked (`checked: YYYY-MM-DD`)", figure)
    platform = PlatformLimit(
        key,
        name or key,
        limit,
        counting["method"],
        params,
        hashtags,
        hashtag_overflow=overflow,
        image_size=size,
        needs_media=values["needs_media"],
        links_clickable=values["clickable"],
        bare_domains=values["bare_domains"],
        facets=values["facets"],
    )
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


@dataclass(frozen=True)
class SchedulerLimits:
    """What one scheduler's bulk-upload form takes (`schedulers:` in the limits file)."""

    name: str
    rows_per_file: int | None = None
    spacing_minutes: int | None = None
    image_column: str | None = None


def load_schedulers(path: Path) -> dict[str, SchedulerLimits]:
    """The `schedulers:` part of a limits file (none: no limits checked)."""
    tree = read_yaml(path)
    section = tree.value.get("schedulers") if isinstance(tree.value, dict) else None
    if section is None:
        return {}
    if not isinstance(section.value, dict):
        raise HtpmError("schedulers: must be a mapping", section.loc)
    found = {}
    for key, entry in section.value.items():
        data = unwrap(entry) if isinstance(entry.value, dict) else None
        if data is None:
            raise HtpmError(f"schedulers.{key}: must be a mapping", entry.loc)
        values: dict[str, Any] = {}
        for figure, kind in (("rows_per_file", int), ("spacing_minutes", int), ("image_column", str)):
            value = _figure(data.get(figure))
            wrong = kind is int and (isinstance(value, bool) or (isinstance(value, int) and value < 1))
            if value is not None and (not isinstance(value, kind) or wrong):
                node = entry.value.get(figure, entry)
                what = "a positive whole number" if kind is int else "text"
                raise HtpmError(f"schedulers.{key}.{figure}: value must be {what}", node.loc)
            values[figure] = value
        found[key] = SchedulerLimits(key, **values)
    return found
