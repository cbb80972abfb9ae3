"""Read YAML from other organizations: no code, no surprises, every value with its line.

PyYAML's safe loader still keeps the last of two duplicate keys, expands alias bombs, overflows the
stack on deep nesting and follows YAML 1.1 (``NO`` is False, ``01234`` is 668, ``1:30`` is 90). So we
compose the node tree (which carries line numbers) and build values ourselves:

- plain scalars resolve by the YAML 1.2 core rules only: ``null``/``~``/empty, ``true``/``false``,
  decimal integers without leading zeros, decimal floats; everything else stays text as written;
- duplicate keys, aliases, explicit tags and nesting deeper than ``MAX_DEPTH`` are errors.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from htpm.errors import HtpmError, Location
from htpm.paths import MAX_CONFIG_BYTES, FileTooLarge, read_limited

MAX_DEPTH = 64
MAX_BYTES = MAX_CONFIG_BYTES
MAX_NODES = 50_000  # values (keys, items, scalars) in one file; the 2023 campaign has under 1,000
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


@dataclass
class Located:
    """A YAML value with where it was written. `value` is a dict[str, Located], list[Located] or scalar."""

    value: Any
    loc: Location


class _Refusals:
    """Composing that refuses aliases before they are expanded (alias bombs never start), too many
    values and deep nesting."""

    check_event: Any  # from the parser it is mixed with (PyYAML's or libyaml's)
    peek_event: Any

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _LoadError("aliases (*name) are not allowed; repeat the value", event.start_mark)
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_NODES:  # 200,000 keys take a minute to read in pure Python
            raise _LoadError(f"more than {MAX_NODES:,} values in one file", self.peek_event().start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _LoadError(f"nesting deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc,no-any-return]
        finally:
            self._depth -= 1


class _NoAliasComposer(_Refusals, yaml.SafeLoader):
    """The pure-Python loader: its messages are the ones users see."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class _FastComposer(_Refusals, Composer, Resolver, CParser):  # type: ignore[misc]
        """libyaml's parser under the same composer: seven times faster on a 10,000-post config.
        Its messages differ from PyYAML's, so a file it refuses is read again by the Python loader."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)


def _compose(text: str) -> Node | None:
    if yaml.__with_libyaml__:
        fast = _FastComposer(text)
        try:
            return fast.get_single_node()  # type: ignore[no-any-return]
        except yaml.YAMLError:
            pass  # read again below, for PyYAML's message and place
        finally:
            fast.dispose()
    loader = _NoAliasComposer(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


class _LoadError(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def read_yaml(path: Path, shown: str | None = None) -> Located:
    """Parse one YAML file into a Located tree; every problem is an HtpmError with file:line:col."""
    name = shown or str(path)
    try:
        raw = read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        raise HtpmError("file not found", name) from None
    except FileTooLarge:
        raise HtpmError(f"file is larger than {MAX_BYTES // 1_000_000} MB", name) from None
    except OSError as exc:
        raise HtpmError(f"cannot read: {exc.strerror}", name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise HtpmError("not UTF-8 text (binary bytes?)", Location(name, line)) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise HtpmError("not UTF-8 text (binary bytes?)", Location(name, line)) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise HtpmError("file is empty", name)
    if len(text) > _CACHED_CHARS:
        return _parse(name, text)
    return _copy(_parsed(name, text))  # callers may change the tree (extends: merges)


_CACHED_CHARS = 400_000  # the same labels, layouts and limits are read by every generator


@functools.lru_cache(maxsize=96)
def _parsed(name: str, text: str) -> Located:
    """A file's tree by its name and exact text: read again unchanged, it is not parsed again."""
    return _parse(name, text)


def _copy(tree: Located) -> Located:
    """A tree whose dicts and lists are new (Locations and scalars are never changed in place)."""
    value = tree.value
    if isinstance(value, dict):
        return Located({k: _copy(v) for k, v in value.items()}, tree.loc)
    if isinstance(value, list):
        return Located([_copy(v) for v in value], tree.loc)
    return Located(value, tree.loc)


def _parse(name: str, text: str) -> Located:
    try:
        node = _compose(text)
    except _LoadError as exc:
        raise HtpmError(exc.message, _loc(name, exc.mark)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "'\\t'" in problem or "tab" in problem:
            problem = "tab character: indent with spaces"
        raise HtpmError(f"YAML syntax: {problem}", _loc(name, mark)) from None
    except yaml.YAMLError as exc:
        raise HtpmError(f"YAML: {exc}", name) from None
    except RecursionError:
        raise HtpmError(f"nesting deeper than {MAX_DEPTH} levels", name) from None
    if node is None:
        raise HtpmError("file is empty", name)
    return _build(node, name, text.splitlines())


def _loc(name: str, mark: Any) -> Location:
    return Location(name, mark.line + 1, mark.column + 1) if mark is not None else Location(name)


_HASHTAG_COMMENT = re.compile(r"^\s+(#\w+)")


def _build(node: Node, name: str, lines: list[str]) -> Located:
    loc = _loc(name, node.start_mark)
    tag = node.tag
    if tag not in _STANDARD_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise HtpmError(f"tag {shown} is not allowed (plain values only)", loc)
    if isinstance(node, MappingNode):
        out: dict[str, Located] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise HtpmError("merge keys (<<) are not allowed", _loc(name, key_node.start_mark))
            if not isinstance(key_node, ScalarNode):
                raise HtpmError("keys must be plain text", _loc(name, key_node.start_mark))
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in out:
                raise HtpmError(
                    f"duplicate key {key!r} (first on line {first_line[key]}, again on line {line})",
                    _loc(name, key_node.start_mark),
                )
            first_line[key] = line
            out[key] = _build(value_node, name, lines)
        return Located(out, loc)
    if isinstance(node, SequenceNode):
        return Located([_build(item, name, lines) for item in node.value], loc)
    assert isinstance(node, ScalarNode)
    if not node.style:
        _refuse_hashtag_comment(node, name, lines)
    return Located(_scalar(node), loc)


def _refuse_hashtag_comment(node: ScalarNode, name: str, lines: list[str]) -> None:
    """`text: Learn more #Partner2Prevent` silently loses the hashtag: ` #` starts a YAML comment."""
    end = node.end_mark
    if end.line >= len(lines):
        return
    match = _HASHTAG_COMMENT.match(lines[end.line][end.column :])
    if match:
        raise HtpmError(
            f"{match.group(1)} is read as a YAML comment and dropped; quote the whole text "
            "(or, for a comment, put a space after #)",
            _loc(name, end),
        )


def _scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.style is not None and node.style != "":
        return text  # quoted or block scalar: always text
    if node.tag == "tag:yaml.org,2002:str":
        return text  # plain text, or an explicit !!str
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def unwrap(tree: Located) -> Any:
    """Plain Python values from a Located tree."""
    value = tree.value
    if isinstance(value, dict):
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def source_map(tree: Located, prefix: tuple[str | int, ...] = ()) -> dict[tuple[str | int, ...], Location]:
    """Every path in the tree mapped to where its value was written."""
    out = {prefix: tree.loc}
    value = tree.value
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(source_map(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(source_map(v, (*prefix, i)))
    return out
