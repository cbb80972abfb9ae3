"""Where htpm's own data lives (templates, brand assets, bundled campaigns) and confined lookups."""

from __future__ import annotations

from pathlib import Path

from htpm.errors import HtpmError

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding templates/, brand_assets/ and campaign_configs/.

    A source checkout (editable install) uses the repository itself; a wheel carries copies in
    htpm/_data.
    """
    checkout = _PACKAGE.parent
    if (checkout / "templates").is_dir() and (checkout / "campaign_configs").is_dir():
        return checkout
    return _PACKAGE / "_data"


def templates_dir() -> Path:
    return data_dir() / "templates"


def brand_assets_dir() -> Path:
    return data_dir() / "brand_assets"


def bundled_config(name: str = "2023") -> Path:
    return data_dir() / "campaign_configs" / f"{name}.yaml"


def inside(path: Path, root: Path) -> bool:
    """True when `path` (resolved, symlinks followed) lies within `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def confined(root: Path, relative: str, what: str) -> Path:
    """Resolve `relative` under `root`, refusing absolute paths and anything that escapes it."""
    if not relative or "\x00" in relative:
        raise HtpmError(f"{what}: empty or invalid path {relative!r}")
    candidate = Path(relative)
    if candidate.is_absolute():
        raise HtpmError(f"{what}: absolute paths are not allowed ({relative})")
    full = root / candidate
    if not inside(full, root):
        raise HtpmError(f"{what}: {relative} is outside {root}")
    return full
