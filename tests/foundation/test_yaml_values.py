"""YAML 1.1 surprises do not happen: text stays text as written."""

from __future__ import annotations

from pathlib import Path

from htpm.yamlsafe import read_yaml, unwrap


def test_yaml_11_surprises_stay_text(tmp_path: Path) -> None:
    p = tmp_path / "v.yaml"
    p.write_text(
        "a: NO\nb: 01234\nc: 1:30\nd: 2025-03-14\ne: 12\nf: true\ng: !!str 12\nh: ~\ni: on\nj: 1.5\n"
    )
    assert unwrap(read_yaml(p)) == {
        "a": "NO",
        "b": "01234",
        "c": "1:30",
        "d": "2025-03-14",
        "e": 12,
        "f": True,
        "g": "12",
        "h": None,
        "i": "on",
        "j": 1.5,
    }


def test_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "v.yaml"
    p.write_bytes("\ufeffa: café\n".encode())
    assert unwrap(read_yaml(p)) == {"a": "café"}
