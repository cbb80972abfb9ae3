"""What bounds a template's time and memory (Jinja's sandbox bounds neither).

A template from another organization may loop `range(100000)` inside `range(100000)`, ask for
`lipsum(n=10**7)`, `'x'|center(1500000000)` or `'%2000000000s'|format(x)`, or double a string
thirty times with `~`. Every operator and filter that can make a value much larger than its
inputs is checked before it runs (a result over MAX_SEQUENCE characters or items is refused), the
output of one render is capped at MAX_OUTPUT characters, and one render stops after
RENDER_SECONDS. Each refusal is a SecurityError, which the renderers turn into one line naming
the template.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SecurityError
from jinja2.utils import generate_lorem_ipsum

MAX_SEQUENCE = 1_000_000  # the longest string or list one operation may build
MAX_POWER_BITS = 64_000  # the largest integer `**` or `*` may build
MAX_OUTPUT = 10_000_000  # characters one render may produce
MAX_RANGE = 10_000  # items of `range()`
MAX_INDENT = 100  # `indent` width, `expandtabs` tab size
MAX_LIPSUM = 100  # paragraphs of `lipsum()`, and words in one
RENDER_SECONDS = 5.0  # one render of one template
# A page listing more than 5,000 items of data (posts on platforms) may be longer and slower, by
# so much per item: the bounds are for what a template makes of its data, and a campaign of
# 10,000 posts (40,000 on four platforms) is not an attack
PER_ITEM_OUTPUT = 2_000  # characters
PER_ITEM_SECONDS = 0.001

# a %-format directive (`%-20.3f`, `%(name)s`) and a str.format field's spec (`{0:>20}`)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_FORMAT_SPEC = re.compile(r"\{[^{}]*?:([^{}]*)(\{)?")


class TemplateTooSlow(SecurityError):
    """One render ran past RENDER_SECONDS."""


def too_large(what: str) -> SecurityError:
    return SecurityError(f"the result of {what} would be too large")


def check_size(length: int, what: str) -> None:
    if length > MAX_SEQUENCE:
        raise too_large(what)


def check_percent_format(text: str) -> None:
    """Refuse a %-format whose width or precision is huge or taken from the arguments (`*`)."""
    for width, precision in _PERCENT.findall(text):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_SEQUENCE):
                raise too_large("a % format with that width")


def check_brace_format(text: str) -> None:
    """Refuse a str.format field with a huge width or one taken from the arguments (`{:{w}}`)."""
    for spec, nested in _FORMAT_SPEC.findall(text):
        if nested or any(int(n) > MAX_SEQUENCE for n in re.findall(r"\d+", spec)):
            raise too_large("a format with that width")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """`*`, `**`, `+` and `%` whose result would be too large."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and abs(left) > 1 and right > 0:
        if right * abs(left).bit_length() > MAX_POWER_BITS:
            raise too_large("**")
    elif operator == "*":
        if ints and left.bit_length() + right.bit_length() > MAX_POWER_BITS:
            raise too_large("*")
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and not isinstance(n, bool):
                check_size(len(seq) * n, "*")
    elif operator == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            check_size(len(left) + len(right), "+")
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left)


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A str method that can build a string far larger than itself (`center`, `replace`, ...)."""
    obj = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format in a function of its own
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("center", "ljust", "rjust", "zfill") and isinstance(first, int):
        check_size(first, name)
    elif name == "expandtabs" and isinstance(first, int) and first > MAX_INDENT:
        raise too_large("expandtabs")
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name == "join" and args:
        _check_join(owner, args[0])
    elif name in ("format", "format_map"):
        check_brace_format(owner)


def _check_replace(text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if old == "" else text.count(old)
        check_size(len(text) + count * max(len(new) - len(old), 0), "replace")


def _check_join(separator: str, items: Any) -> None:
    if isinstance(items, (list, tuple, range, str)):
        sizes = sum(len(i) for i in items if isinstance(i, str)) if not isinstance(items, range) else 0
        check_size(sizes + max(len(items) - 1, 0) * len(separator), "join")


# -- filters and globals ------------------------------------------------------------------------


def _center(value: Any, width: int = 80) -> str:
    if isinstance(width, int):
        check_size(width, "center")
    return jinja_filters.do_center(value, width)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    check_percent_format(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


def _indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    size = width if isinstance(width, int) else len(str(width))
    if size > MAX_INDENT:
        raise too_large("indent")
    return jinja_filters.do_indent(value, width, first, blank)


def _wordwrap(environment: Any, value: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    wrap = kwargs.get("wrapstring") or (args[1] if len(args) > 1 else None) or environment.newline_sequence
    text = str(value)
    if isinstance(width, int) and width > 0:
        check_size(len(text) + (len(text) // width + 1) * len(str(wrap)), "wordwrap")
    return jinja_filters.do_wordwrap(environment, value, width, *args, **kwargs)


_wordwrap.jinja_pass_arg = jinja_filters.do_wordwrap.jinja_pass_arg  # type: ignore[attr-defined]


def _replace(eval_ctx: Any, value: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(value), str(old), str(new))
    return jinja_filters.do_replace(eval_ctx, value, old, new, count)


_replace.jinja_pass_arg = jinja_filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]


def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    check_size(sum(len(str(i)) for i in items) + max(len(items) - 1, 0) * len(str(d)), "join")
    return jinja_filters.sync_do_join(eval_ctx, items, d, attribute)


_join.jinja_pass_arg = jinja_filters.sync_do_join.jinja_pass_arg  # type: ignore[attr-defined]


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() is limited to {MAX_RANGE} items")
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if n > MAX_LIPSUM or max > MAX_LIPSUM or min > max:
        raise SecurityError(f"lipsum() is limited to {MAX_LIPSUM} paragraphs of {MAX_LIPSUM} words")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _center,
    "format": _format,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace,
    "join": _join,
}
BOUNDED_GLOBALS: dict[str, Callable[..., Any]] = {"range": _range, "lipsum": _lipsum}


def bounded_concat(pieces: tuple[Any, ...], autoescape: bool) -> str:
    """The `~` operator, refusing a result over MAX_SEQUENCE (doubling a string thirty times)."""
    joined = markup_join(pieces) if autoescape else str_join(pieces)
    check_size(len(joined), "~")
    return joined


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator with `~` compiled to `bounded_concat` (it has no sandbox hook)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            escape = "context.eval_ctx.autoescape"
        else:
            escape = "True" if frame.eval_ctx.autoescape else "False"
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {escape})")


def output_limit(items: int = 0) -> int:
    """The characters one render may produce, given `items` items of data to list."""
    return max(MAX_OUTPUT, PER_ITEM_OUTPUT * items)


def render_seconds(items: int = 0) -> float:
    return max(RENDER_SECONDS, PER_ITEM_SECONDS * items)


def capped_output(chunks: Iterator[str], limit: int = MAX_OUTPUT) -> str:
    """A render's pieces joined, stopping once they pass `limit` characters."""
    out: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise SecurityError(f"the output would be larger than {limit / 1_000_000:g} million characters")
        out.append(chunk)
    return "".join(out)


@contextlib.contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise TemplateTooSlow inside the block once it has run `seconds` (a timer signal, so only
    on the main thread; elsewhere the size caps still hold). A budget already running is kept."""
    seconds = RENDER_SECONDS if seconds is None else seconds
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise TemplateTooSlow(f"it ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
