# ruff: noqa: E501 - one case a line reads best
"""What may be read: configs, overlays, prose, labels, limits, lint packs that are not what they
seem (links out, devices, pipes, folders, bombs) and names that try to be paths."""

from __future__ import annotations

from tests.hostile.harness import BASE_CONFIG, Case, Fifo, Folder, Link, edit

V = ("validate", "config.yaml")
INTRO = BASE_CONFIG[BASE_CONFIG.index("introduction: |") : BASE_CONFIG.index("goals:")]
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("bcdefgh", "cdefghi", strict=True)
)


def intro(ref: str) -> str:
    return edit(INTRO, f"introduction: {{file: {ref}}}\n")


def extends(ref: str) -> str:
    return f'extends: "{ref}"\norganization:\n  name: Elsewhere\n'


def not_regular(name: str) -> str:
    return rf"{name}: cannot read: not a regular file"


CASES: list[Case] = [
    # the config itself
    Case(
        "config-dev-zero",
        ("validate", "zero.yaml"),
        1,
        not_regular("zero.yaml"),
        {"zero.yaml": Link("/dev/zero")},
    ),
    Case("config-fifo", ("validate", "pipe.yaml"), 1, not_regular("pipe.yaml"), {"pipe.yaml": Fifo()}),
    Case("config-folder", ("validate", "dir.yaml"), 1, not_regular("dir.yaml"), {"dir.yaml": Folder()}),
    Case(
        "config-dev-zero-build",
        ("build", "zero.yaml", "-o", "out"),
        1,
        not_regular("zero.yaml"),
        {"zero.yaml": Link("/dev/zero")},
    ),
    Case("config-fifo-lint", ("lint", "pipe.yaml"), 1, not_regular("pipe.yaml"), {"pipe.yaml": Fifo()}),
    Case(
        "config-too-large",
        ("validate", "big.yaml"),
        1,
        r"big.yaml: file is larger than 2 MB",
        {"big.yaml": "# x\n" * 1_400_000},
    ),
    Case("config-missing", ("validate", "nope.yaml"), 1, r"nope.yaml: file not found"),
    Case(
        "config-link-to-canary",
        ("validate", "c.yaml"),
        1,
        r"c.yaml:1:\d+: secret: unknown key",
        {"c.yaml": Link("../canary.yaml")},
    ),
    Case(
        "config-binary",
        V,
        1,
        r"config.yaml:1: not UTF-8 text",
        config=None,
        files={"config.yaml": b"\x89PNG\r\n\x1a\n\x00\x00"},
    ),
    Case(
        "config-alias-bomb",
        V,
        1,
        r"config.yaml:2:\d+: aliases \(\*name\) are not allowed",
        config=ALIAS_BOMB,
        isolate=True,
    ),
    Case(
        "config-deep-nesting",
        V,
        1,
        r"nesting deeper than 64 levels",
        config="a: " + "[" * 5000 + "]" * 5000 + "\n",
    ),
    Case(
        "config-deep-mapping",
        V,
        1,
        r"nesting deeper than 64 levels",
        config="".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200 + "v: 1\n",
    ),
    Case(
        "config-python-tag",
        V,
        1,
        r"config.yaml:1:\d+: .*tag",
        config="observance: !!python/object/apply:os.system ['echo hi']\n",
    ),
    Case(
        "config-merge-key",
        V,
        1,
        r"config.yaml:3:\d+: .*merge",
        config="base: &b {x: 1}\nother:\n  <<: {x: 2}\n",
    ),
    Case(
        "config-billion-keys",
        V,
        1,
        r"config.yaml:\d+:\d+: more than 50,000 values in one file",
        config="".join(f"k{i}: {i}\n" for i in range(100_000)),
        isolate=True,
    ),
    Case(
        "config-long-line",
        V,
        1,
        r"config.yaml: file is larger than 2 MB",
        config="x" * 3_000_000 + ": 1\n",
        isolate=True,
    ),
    # extends: a name is a name, a parent is a file beside the config
    Case(
        "extends-htpm-absolute",
        V,
        1,
        r"htpm:/etc/passwd is not a bundled campaign",
        config=extends("htpm:/etc/passwd"),
    ),
    Case(
        "extends-htpm-dotdot",
        V,
        1,
        r"htpm:\.\./\.\./\.\. is not a bundled campaign",
        config=extends("htpm:../../.."),
    ),
    Case(
        "extends-htpm-traversal", V, 1, r"is not a bundled campaign", config=extends("htpm:2023/../../canary")
    ),
    Case("extends-htpm-nul", V, 1, r"is not a bundled campaign|invalid", config=extends("htpm:2023\\0")),
    Case("extends-absolute", V, 1, r"extends.*(absolute|outside)", config=extends("/etc/hostname")),
    Case("extends-parent-folder", V, 1, r"extends.*outside", config=extends("../canary.yaml")),
    Case(
        "extends-link-out",
        V,
        1,
        r"extends.*outside",
        {"p.yaml": Link("../canary.yaml")},
        config=extends("p.yaml"),
    ),
    Case(
        "extends-dev-zero",
        V,
        1,
        r"(not a regular file|outside)",
        {"p.yaml": Link("/dev/zero")},
        config=extends("p.yaml"),
    ),
    Case(
        "extends-fifo",
        V,
        1,
        r"config.yaml:1:10: extends: p.yaml not found",
        {"p.yaml": Fifo()},
        config=extends("p.yaml"),
    ),
    Case("extends-itself", V, 1, r"extends.*(itself|loop|cycle|twice)", config=extends("config.yaml")),
    Case(
        "extends-loop",
        V,
        1,
        r"extends.*(loop|cycle|twice)",
        {"b.yaml": extends("config.yaml")},
        config=extends("b.yaml"),
    ),
    Case(
        "extends-too-deep",
        V,
        1,
        r"extends.*(deep|more than|levels)",
        {f"p{i}.yaml": extends(f"p{i + 1}.yaml") for i in range(12)} | {"p12.yaml": BASE_CONFIG},
        config=extends("p0.yaml"),
    ),
    Case(
        "extends-folder",
        V,
        1,
        r"(not a regular file|extends)",
        {"p.yaml": Folder()},
        config=extends("p.yaml"),
    ),
    # {file: ...} prose
    Case("prose-absolute", V, 1, r"file: /etc/hostname.*(absolute|outside)", config=intro("/etc/hostname")),
    Case(
        "prose-dotdot",
        V,
        1,
        r"file: \.\./canary.md is outside the config's folder",
        config=intro("../canary.md"),
    ),
    Case(
        "prose-link-out",
        V,
        1,
        r"file: notes.md is outside the config's folder",
        {"notes.md": Link("../canary.md")},
        config=intro("notes.md"),
    ),
    Case(
        "prose-link-proc",
        V,
        1,
        r"outside the config's folder",
        {"notes.md": Link("/proc/self/environ")},
        config=intro("notes.md"),
    ),
    Case(
        "prose-dev-zero-inside",
        V,
        1,
        r"outside the config's folder|not a regular file",
        {"z.md": Link("/dev/zero")},
        config=intro("z.md"),
    ),
    Case(
        "prose-fifo",
        V,
        1,
        r"file: intro.md: cannot read it \(not a regular file",
        {"intro.md": Fifo()},
        config=intro("intro.md"),
    ),
    Case(
        "prose-folder",
        V,
        1,
        r"file: sub is not a Markdown or text file",
        {"sub": Folder()},
        config=intro("sub"),
    ),
    Case(
        "prose-too-large",
        V,
        1,
        r"file: big.md.*(larger|1 MB)",
        {"big.md": "word " * 220_000},
        config=intro("big.md"),
    ),
    Case(
        "prose-not-utf8", V, 1, r"file: l1.md.*UTF-8", {"l1.md": b"Caf\xe9 au lait\n"}, config=intro("l1.md")
    ),
    Case(
        "prose-missing",
        V,
        1,
        r"file: gone.md.*(not found|does not exist|cannot read)",
        config=intro("gone.md"),
    ),
    Case(
        "prose-nul-in-name",
        V,
        1,
        r"file: a\\x00b.md is outside the config's folder",
        config=intro('"a\\0b.md"'),
    ),
    Case("prose-home", V, 1, r"file: ~/.bashrc is not a Markdown or text file", config=intro("~/.bashrc")),
    # labels, limits and lint packs beside a config
    Case(
        "labels-alias-bomb",
        V,
        1,
        r"labels/en/social.yaml:2:\d+: aliases",
        {"labels/en/social.yaml": ALIAS_BOMB},
        isolate=True,
    ),
    Case(
        "labels-syntax", V, 1, r"labels/en/copy.yaml:2:1: YAML syntax", {"labels/en/copy.yaml": "x: [1, 2\n"}
    ),
    Case(
        "labels-dev-zero",
        V,
        1,
        r"labels/en/copy.yaml.*(not a regular file|outside)",
        {"labels/en/copy.yaml": Link("/dev/zero")},
    ),
    Case(
        "labels-fifo",
        V,
        1,
        r"labels/en/copy.yaml: cannot read: not a regular file",
        {"labels/en/copy.yaml": Fifo()},
    ),
    Case(
        "labels-link-out",
        V,
        1,
        r"labels/en/copy.yaml: labels file: a link to a file outside its folder",
        {"labels/en/copy.yaml": Link("../../../canary.yaml")},
    ),
    Case("labels-list", V, 1, r"labels/en/copy.yaml", {"labels/en/copy.yaml": "- a\n- b\n"}),
    Case(
        "labels-python-tag",
        V,
        1,
        r"labels/en/copy.yaml:1:\d+: .*tag",
        {"labels/en/copy.yaml": "x: !!python/name:os.system\n"},
    ),
    Case("limits-syntax", V, 1, r"social/limits.yaml:2:1: YAML syntax", {"social/limits.yaml": "x: [1, 2\n"}),
    Case(
        "limits-shape",
        V,
        1,
        r"social/limits.yaml:1:\d+: limits file needs a `platforms:` mapping",
        {"social/limits.yaml": "platforms: 3\n"},
    ),
    Case(
        "limits-alias-bomb",
        V,
        1,
        r"social/limits.yaml:2:\d+: aliases",
        {"social/limits.yaml": ALIAS_BOMB},
        isolate=True,
    ),
    Case("limits-fifo", V, 0, r"config.yaml: ok", {"social/limits.yaml": Fifo()}),
    Case(
        "lint-pack-syntax",
        ("lint", "config.yaml"),
        1,
        r"lint/en.yaml:2:1: YAML syntax",
        {"lint/en.yaml": "rules: [\n"},
    ),
    Case(
        "lint-pack-dev-zero",
        ("lint", "config.yaml"),
        0,
        r"lint: 0 errors",
        {"lint/en.yaml": Link("/dev/zero")},
    ),
    Case(
        "lint-file-dev-zero",
        ("lint", "z.md"),
        1,
        r"z.md: cannot read: not a regular file",
        {"z.md": Link("/dev/zero")},
    ),
    Case("lint-file-fifo", ("lint", "p.md"), 1, r"p.md: cannot read: not a regular file", {"p.md": Fifo()}),
    Case(
        "lint-file-too-large",
        ("lint", "big.md"),
        1,
        r"big.md: cannot read: larger than 1 MB",
        {"big.md": "word " * 220_000},
    ),
    Case(
        "lint-pack-link-out",
        ("lint", "config.yaml"),
        0,
        r"lint: 0 errors",
        {"lint/en.yaml": Link("../../canary.yaml")},
    ),
    Case("lint-file-binary", ("lint", "b.md"), 1, r"b.md: not UTF-8 text", {"b.md": b"\xff\xfe\x00\x00"}),
]
