"""Golden files: compare text with a stored copy; `pytest --update-golden` rewrites the copy."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            raise AssertionError(f"golden file {path} was missing; written now, check it and rerun")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"differs from golden {path.name} (run pytest --update-golden if intended)"
