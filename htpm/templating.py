"""Jinja templates as untrusted input: immutable sandbox, StrictUndefined, a confined search path.

Templates come from designers and other organizations. They are found on the campaign's search
path only (FileSystemLoader refuses `..` and absolute names), rendered in the immutable sandbox
(no attribute tricks, no mutation of the context), and a misspelt variable is an error naming the
template's file and line. Only plain data (str, int, dicts, lists, dates) goes into a context.
Config strings and CSV cells are never used as template source.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from htpm.errors import HtpmError, shown_path
from htpm.paths import inside

HTML_SUFFIXES = (".html", ".htm", ".html.j2", ".htm.j2", ".xml.j2")
MAX_SEQUENCE = 1_000_000  # the longest string or list `*` may build
MAX_POWER_BITS = 64_000  # the largest integer `**` may build


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that also refuses symlinks leading out of the search path."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        if not any(inside(Path(filename), Path(base)) for base in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with `*` and `**` bounded (the sandbox does not bound output size).

    Intercepting the operators also stops Jinja folding `2**200000` at compile time."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right > 0
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError("the result of ** would be too large")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
                    raise SecurityError("the result of * would be too large")
        return super().call_binop(context, operator, left, right)


def make_env(search_path: Sequence[Path]) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment over `search_path`; autoescape for HTML templates only."""
    env = _BoundedSandbox(
        loader=_ConfinedLoader([str(p) for p in search_path], followlinks=False),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name) and name.endswith(HTML_SUFFIXES),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return env


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render template `name` with `context`; every failure becomes a one-line HtpmError."""
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        raise HtpmError(f"template {exc.name} not found on the search path") from None
    except jinja2.TemplateSyntaxError as exc:
        raise HtpmError(f"template syntax: {exc.message}", _where(exc.filename or name, exc.lineno)) from None
    except SecurityError as exc:
        raise HtpmError(f"template {name} tried something unsafe: {exc}", name) from None
    except jinja2.UndefinedError as exc:
        raise HtpmError(f"template: {exc.message}", _where(*_template_frame(name))) from None
    except jinja2.TemplateError as exc:
        raise HtpmError(f"template {name}: {exc}", name) from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise HtpmError(f"template {name} failed: {type(exc).__name__}: {exc}", name) from None


def sandbox(autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """A bounded, immutable sandbox with StrictUndefined and no loader, for template engines that
    bring their own source (docxtpl's Word templates, a layout's text boxes)."""
    return _BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=autoescape)


def render_string(source: str, context: dict[str, Any], origin: str) -> str:
    """Render a small template string owned by a designer (a layout's text box), sandboxed.

    `origin` names where the string came from for error messages. Never pass user data here.
    """
    env = sandbox(autoescape=False)
    try:
        return env.from_string(source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise HtpmError(f"template syntax: {exc.message}", origin) from None
    except SecurityError as exc:
        raise HtpmError(f"template tried something unsafe: {exc}", origin) from None
    except jinja2.TemplateError as exc:
        raise HtpmError(f"template: {exc}", origin) from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
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
