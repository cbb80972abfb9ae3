# ruff: noqa: E501 - one case a line reads best
"""What templates can do: a campaign's override of `social/posts.md.j2` or `copy/website.md.j2`,
a layout's text, the proclamation's Word template. Sandboxed, bounded in size and time, confined
to the search path."""

from __future__ import annotations

from tests.hostile.harness import Case, Fifo, Link

POSTS = ("build", "config.yaml", "-o", "out", "--only", "social", "--no-lint")
SITE = ("build", "config.yaml", "-o", "out", "--only", "copy", "--no-lint")
UNSAFE = r"template social/posts.md.j2 tried something unsafe"


def posts(source: str) -> dict[str, str | Link | Fifo]:
    return {"social/posts.md.j2": source}


def unsafe(name: str, source: str, why: str, isolate: bool = False) -> Case:
    return Case(f"template-{name}", POSTS, 1, rf"{UNSAFE}: {why}", posts(source), isolate=isolate)


CASES: list[Case] = [
    # reading: only the search path, only regular files
    Case(
        "template-include-dotdot",
        POSTS,
        1,
        r"template \.\./canary.txt not found",
        posts("{% include '../canary.txt' %}"),
    ),
    Case(
        "template-include-absolute",
        POSTS,
        1,
        r"template /etc/hostname not found",
        posts("{% include '/etc/hostname' %}"),
    ),
    Case(
        "template-include-link-out",
        POSTS,
        1,
        r"template social/leak.txt: a link to a file outside its folder",
        posts("{% include 'social/leak.txt' %}") | {"social/leak.txt": Link("../../canary.txt")},
    ),
    Case(
        "template-include-dev-zero",
        POSTS,
        1,
        r"template z.txt: a link to a file outside its folder",
        posts("{% include 'z.txt' %}") | {"z.txt": Link("/dev/zero")},
    ),
    Case(
        "template-include-fifo",
        POSTS,
        1,
        r"template p.txt: cannot read it \(not a regular file",
        posts("{% include 'p.txt' %}") | {"p.txt": Fifo()},
    ),
    Case(
        "template-include-big",
        POSTS,
        1,
        r"template big.txt: cannot read it \(larger than 1 MB",
        posts("{% include 'big.txt' %}") | {"big.txt": "x" * 1_100_000},
    ),
    Case(
        "template-itself-dev-zero",
        POSTS,
        1,
        r"social/posts.md.j2: template social/posts.md.j2: a link to a file outside its folder",
        {"social/posts.md.j2": Link("/dev/zero")},
    ),
    Case(
        "template-itself-link-out",
        POSTS,
        1,
        r"social/posts.md.j2: template social/posts.md.j2: a link to a file outside its folder",
        {"social/posts.md.j2": Link("../../canary.txt")},
    ),
    Case(
        "template-extends-env",
        POSTS,
        1,
        r"template \.env not found",
        posts("{% extends '.env' %}") | {".env": "SECRET=" + "x"},
    ),
    Case(
        "template-include-git-config",
        POSTS,
        1,
        r"template \.git/config not found",
        posts("{% include '.git/config' %}") | {".git/config": "[remote]\n"},
    ),
    Case(
        "template-import-os",
        POSTS,
        1,
        r"template os not found",
        posts("{% import 'os' as os %}{{ os.system('id') }}"),
    ),
    # the sandbox's attribute checks
    unsafe("class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "access to attribute '__class__'"),
    unsafe("globals", "{{ lipsum.__globals__ }}", "access to attribute '__globals__'"),
    unsafe("cycler-init", "{{ cycler.__init__.__globals__.os }}", "access to attribute '__init__'"),
    unsafe("joiner-func", "{{ joiner.__init__.__globals__ }}", "access to attribute '__init__'"),
    unsafe("namespace-init", "{{ namespace.__init__ }}", "access to attribute '__init__'"),
    unsafe(
        "self-context",
        "{{ self._TemplateReference__context }}",
        "access to attribute '_TemplateReference__context'",
    ),
    unsafe("format-attribute", "{{ '{0.__class__}'.format(1) }}", "access to attribute '__class__'"),
    unsafe("dict-mutation", "{% set d = {} %}{{ d.update({'a': 1}) }}", "access to attribute 'update'"),
    unsafe("list-append", "{% set l = [] %}{{ l.append(1) }}", "access to attribute 'append'"),
    unsafe("weeks-mutation", "{{ weeks.pop() }}", "access to attribute 'pop'"),
    # size: every operation that grows a value is bounded
    unsafe("range-huge", "{% for i in range(10**9) %}{% endfor %}", "range\\(\\) is limited to 10000 items"),
    unsafe(
        "range-nested",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range\\(\\) is limited",
    ),
    unsafe("lipsum-huge", "{{ lipsum(n=10**7) }}", "lipsum\\(\\) is limited"),
    unsafe("lipsum-words", "{{ lipsum(n=5, max=10**7) }}", "lipsum\\(\\) is limited"),
    unsafe("center-huge", "{{ 'x'|center(1500000000) }}", "the result of center would be too large"),
    Case(
        "template-center-float",
        POSTS,
        1,
        r"posts.md.j2 failed: TypeError: 'float' object cannot be interpreted as an integer",
        posts("{{ 'x'|center(1.5e9) }}"),
    ),
    unsafe("format-width", "{{ '%2000000000s'|format('a') }}", "the result of a % format with that width"),
    unsafe("format-star", "{{ '%*s'|format(2000000000, 'a') }}", "the result of a % format with that width"),
    unsafe("percent-width", "{{ '%2000000000d' % 1 }}", "the result of a % format with that width"),
    unsafe(
        "str-format-width", "{{ '{:>2000000000}'.format('a') }}", "the result of a format with that width"
    ),
    unsafe(
        "str-format-nested",
        "{{ '{:{w}}'.format('a', w=2000000000) }}",
        "the result of a format with that width",
    ),
    unsafe("str-center", "{{ 'a'.center(2000000000) }}", "the result of center would be too large"),
    unsafe("str-ljust", "{{ 'a'.ljust(2000000000) }}", "the result of ljust would be too large"),
    unsafe("str-zfill", "{{ '1'.zfill(2000000000) }}", "the result of zfill would be too large"),
    unsafe(
        "str-expandtabs", "{{ 'a\tb'.expandtabs(2000000000) }}", "the result of expandtabs would be too large"
    ),
    unsafe(
        "str-replace", "{{ ('x' * 1000000).replace('x', 'xx') }}", "the result of replace would be too large"
    ),
    unsafe(
        "replace-filter",
        "{{ ('x' * 1000000)|replace('x', 'yy') }}",
        "the result of replace would be too large",
    ),
    unsafe(
        "replace-empty", "{{ ('x' * 600000)|replace('', 'ab') }}", "the result of replace would be too large"
    ),
    unsafe("join-filter", "{{ range(10000)|join('x' * 1000) }}", "the result of join would be too large"),
    unsafe("str-join", "{{ ('x' * 1000).join(['a'] * 10000) }}", "the result of join would be too large"),
    unsafe("indent-huge", "{{ 'a\nb'|indent(10**9) }}", "the result of indent would be too large"),
    unsafe("indent-string", "{{ 'a\nb'|indent('x' * 1000) }}", "the result of indent would be too large"),
    unsafe(
        "wordwrap-wrapstring",
        "{{ ('a ' * 100000)|wordwrap(1, wrapstring='x' * 1000) }}",
        "the result of wordwrap would be too large",
    ),
    unsafe("multiply-string", "{{ 'x' * 2000000 }}", "the result of \\* would be too large"),
    unsafe("multiply-list", "{{ [1] * 2000000 }}", "the result of \\* would be too large"),
    unsafe("power", "{{ 2 ** 200000 }}", "the result of \\*\\* would be too large"),
    unsafe(
        "power-chain",
        "{% set a = 10 ** 10000 %}{% set b = a * a %}{% set c = b * b %}{% set d = c * c %}{{ d }}",
        "the result of \\* would be too large",
    ),
    unsafe(
        "concat-doubling",
        "{% set a = 'x' * 1000000 %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a|length }}",
        "the result of ~ would be too large",
    ),
    unsafe("plus-doubling", "{% set a = 'x' * 600000 %}{{ a + a }}", "the result of \\+ would be too large"),
    unsafe(
        "output-cap",
        "{% for i in range(10000) %}{% for j in range(10) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
        "the output would be larger than 10 million characters",
    ),
    # time: one render is bounded
    unsafe(
        "loops-forever",
        "{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}{% endfor %}{% endfor %}{% endfor %}",
        "it ran longer than 5 s",
    ),
    Case(
        "template-recursion",
        POSTS,
        1,
        r"posts.md.j2 failed: RecursionError",
        posts("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
        isolate=True,
    ),
    # plain mistakes are one line at their line
    Case("template-syntax", POSTS, 1, r"social/posts.md.j2:2: template syntax", posts("ok\n{% for %}\n")),
    Case("template-undefined", POSTS, 1, r"template: 'nothing' is undefined", posts("{{ nothing.here }}")),
    Case(
        "template-type-error",
        POSTS,
        1,
        r"template social/posts.md.j2 failed: TypeError",
        posts("{{ 1 + 'a' }}"),
    ),
    Case("template-zero-division", POSTS, 1, r"posts.md.j2 failed: ZeroDivisionError", posts("{{ 1 // 0 }}")),
    Case(
        "template-not-utf8",
        POSTS,
        1,
        r"template social/posts.md.j2: cannot read it \(not UTF-8",
        {"social/posts.md.j2": b"\xff\xfe{{ x }}"},
    ),
    Case(
        "template-website-include",
        SITE,
        1,
        r"template \.\./canary.md not found",
        {"copy/website.md.j2": "{% include '../canary.md' %}"},
    ),
    Case(
        "template-website-loop",
        SITE,
        1,
        r"template copy/website.md.j2 tried something unsafe: range",
        {"copy/website.md.j2": "{% for i in range(10**6) %}{% endfor %}"},
    ),
]
