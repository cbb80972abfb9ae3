"""Jinja templates as untrusted input: immutable sandbox, StrictUndefined, a confined search path.

Templates come from designers and other organizations. They are found on the campaign's search
path only (FileSystemLoader refuses `..` and absolute names), rendered in the immutable sandbox
(no attribute tricks, no mutation of the context), and a misspelt variable is an error naming the
template's file and line. Only plain data (str, int, dicts, lists, dates) goes into a context.
Config strings and CSV cells are never used as template source.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from htpm.errors import HtpmError, shown_path
from htpm.jinja_limits import (
    BOUNDED_FILTERS,
    BOUNDED_GLOBALS,
    BoundedCodeGenerator,
    bounded_concat,
    capped_output,
    check_binop,
    check_call,
    output_limit,
    render_seconds,
    time_budget,
)
from htpm.paths import inside, read_limited
from htpm.prose.markdown import escape_markup

HTML_SUFFIXES = (".html", ".htm", ".html.j2", ".htm.j2", ".xml.j2")
MD_SUFFIXES = (".md", ".md.j2")
MAX_TEMPLATE_BYTES = 1_000_000  # one template file


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads only regular files within the size limit, and refuses
    symlinks leading out of the search path."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)  # refuses `..`
        if any(piece.startswith(".") for piece in pieces):  # `.env`, `.git/config`: never a template
            raise jinja2.TemplateNotFound(template)
        for base in self.searchpath:
            candidate = Path(base, *pieces)
            if not candidate.exists():
                continue
            if not inside(candidate, Path(base)):
                raise HtpmError(f"template {template}: a link to a file outside its folder", candidate)
            try:
                source = read_limited(candidate, MAX_TEMPLATE_BYTES).decode(self.encoding)
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or "not UTF-8 text"
                raise HtpmError(f"template {template}: cannot read it ({reason})", candidate) from None
            return source, str(candidate), lambda: False
        raise jinja2.TemplateNotFound(template)


class _NoLoader(jinja2.BaseLoader):
    """For a template that is a string (a layout's text, a Word template): nothing to include."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        raise jinja2.TemplateNotFound(template, f"{template}: this template cannot include or extend others")


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with what can grow a value bounded (htpm.jinja_limits).

    Intercepting the operators also stops Jinja folding `2**200000` at compile time."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = BoundedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters.update(BOUNDED_FILTERS)
        self.globals.update(BOUNDED_GLOBALS)
        self.bounded_concat = bounded_concat

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


@jinja2.pass_context
def _finalize(context: Any, value: Any) -> Any:
    """Every `{{ value }}` of a Markdown template is escaped like HTML's: plain text cannot become
    raw HTML or a link there (already rendered Markdown comes as Markup and stays)."""
    if (
        isinstance(value, str)
        and not isinstance(value, Markup)
        and (context.name or "").endswith(MD_SUFFIXES)
    ):
        return escape_markup(value)
    return value


def make_env(search_path: Sequence[Path]) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment over `search_path`; autoescape for HTML templates, Markdown's own
    escaping for Markdown templates."""
    env = _BoundedSandbox(
        finalize=_finalize,
        loader=_ConfinedLoader([str(p) for p in search_path], followlinks=False),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name) and name.endswith(HTML_SUFFIXES),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_COMPILED,
    )
    return env


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory across environments (each generator makes its own): a
    template is compiled again only when its file's text changes (Jinja checks the source's hash).
    Every environment comes from `make_env`, so the same text always compiles the same way."""

    def __init__(self, limit: int = 512) -> None:
        self._code: dict[str, bytes] = {}
        self._limit = limit

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if len(self._code) >= self._limit:
            self._code.clear()
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def render(env: jinja2.Environment, name: str, context: dict[str, Any], items: int = 0) -> str:
    """Render template `name` with `context`; every failure becomes a one-line HtpmError. `items`,
    the number of posts (or the like) the context lists, widens the size and time bounds."""
    try:
        with time_budget(render_seconds(items)):
            template = env.get_template(name)
            return capped_output(template.generate(context), output_limit(items))
    except jinja2.TemplateNotFound as exc:
        raise HtpmError(f"template {exc.name} not found on the search path") from None
    except jinja2.TemplateSyntaxError as exc:
        raise HtpmError(f"template syntax: {exc.message}", _where(exc.filename or name, exc.lineno)) from None
    except SecurityError as exc:
        where = _where(*_template_frame(name))
        raise HtpmError(f"template {name} tried something unsafe: {exc}", where) from None
    except jinja2.UndefinedError as exc:
        raise HtpmError(f"template: {exc.message}", _where(*_template_frame(name))) from None
    except jinja2.TemplateError as exc:
        raise HtpmError(f"template {name}: {exc}", name) from None
    except (ValueError, ArithmeticError, LookupError, RecursionError, MemoryError, TypeError) as exc:
        raise HtpmError(f"template {name} failed: {type(exc).__name__}: {exc}", name) from None


def sandbox(autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """A bounded, immutable sandbox with StrictUndefined and no templates to include, for template
    engines that bring their own source (docxtpl's Word templates, a layout's text boxes). Render
    inside `time_budget()`."""
    return _BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=autoescape, loader=_NoLoader())


@functools.lru_cache(maxsize=1024)
def _string_template(source: str) -> jinja2.Template:
    """A layout's text box compiled once (every week and size renders the same few sources)."""
    return sandbox(autoescape=False).from_string(source)


def render_string(source: str, context: dict[str, Any], origin: str) -> str:
    """Render a small template string owned by a designer (a layout's text box), sandboxed.

    `origin` names where the string came from for error messages. Never pass user data here.
    """
    try:
        with time_budget():
            return capped_output(_string_template(source).generate(context))
    except jinja2.TemplateSyntaxError as exc:
        raise HtpmError(f"template syntax: {exc.message}", origin) from None
    except SecurityError as exc:
        raise HtpmError(f"template tried something unsafe: {exc}", origin) from None
    except jinja2.TemplateError as exc:
        raise HtpmError(f"template: {exc}", origin) from None
    except (ValueError, ArithmeticError, LookupError, RecursionError, MemoryError, TypeError) as exc:
        raise HtpmError(f"template failed: {type(exc).__name__}: {exc}", origin) from None


def _where(filename: str, line: int | None) -> str:
    shown = shown_path(filename)
    return f"{shown}:{line}" if line else shown


def _template_frame(default_name: str) -> tuple[str, int | None]:
    """The innermost template file and line of the exception being handled."""
    import sys

    tb = sys.exc_info()[2]
    found: tuple[str, int | None] = (default_name, None)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".j2", ".html", ".md", ".txt")) or "<template>" in code.co_filename:
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
