"""Broken configs: each gives its exact one-line message (golden), exit 1 and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.cli import main
from htpm.paths import templates_dir
from htpm.validation import validate_config
from tests.conftest import WATER_SAFETY
from tests.foundation.golden import check_golden

SHIPPED = "htpm:templates/"
BASE = WATER_SAFETY.read_text(encoding="utf-8")


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def _with_external_image(template: str) -> bytes:
    """htpm's own Word file with one more relationship: an image read from the local disk."""
    import io
    import zipfile

    from htpm.paths import templates_dir

    source = templates_dir() / template
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="file:///etc/hostname" TargetMode="External"/>'
                    b"</Relationships>",
                )
            new.writestr(item, data)
    return out.getvalue()


# name -> files (config.yaml is the one loaded)
CASES: dict[str, dict[str, str | bytes]] = {
    "syntax-error": {"config.yaml": "observance: [1, 2\n"},
    "empty-file": {"config.yaml": "# only a comment\n"},
    "list-at-root": {"config.yaml": "- a\n- b\n"},
    "binary-bytes": {"config.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
    "not-utf8": {"config.yaml": b"observance:\n  name: Caf\xe9\n"},
    "tabs": {"config.yaml": "observance:\n\tname: x\n"},
    "alias-bomb": {"config.yaml": 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'},
    "deep-nesting": {"config.yaml": "a: " + "[" * 5000 + "]" * 5000 + "\n"},
    "python-tag": {"config.yaml": "observance: !!python/object/apply:os.system ['echo hi']\n"},
    "merge-key": {"config.yaml": "base: &b {x: 1}\nother:\n  <<: {x: 2}\n"},
    "duplicate-key": {"config.yaml": edit("  month: 5\n", "  month: 5\n  month: 6\n")},
    "misspelt-key": {"config.yaml": edit("  tagline:", "  tagilne:")},
    "missing-required": {"config.yaml": edit("theme:\n  name: Swim Smart Together\n", "theme:\n")},
    "month-out-of-range": {"config.yaml": edit("  month: 5\n", "  month: 13\n")},
    "number-for-text": {"config.yaml": edit("  phone: 555-0100", "  phone: 5550100")},
    "bool-for-int": {"config.yaml": edit("  max_per_post: 2", "  max_per_post: NO")},
    "bad-hashtag": {"config.yaml": edit('primary: "#SwimSmart"', 'primary: "Swim Smart"')},
    "bad-colour": {"config.yaml": edit('primary: "#00507A"', 'primary: "navy"')},
    "javascript-url": {
        "config.yaml": edit("url: https://parks.example.org/pools", "url: javascript:alert(1)")
    },
    "unknown-platform": {
        "config.yaml": edit("platforms: [x, facebook, instagram, bluesky]", "platforms: [x, myspace]")
    },
    "bad-time": {"config.yaml": edit('mon: ["09:30"]', 'mon: ["9am"]')},
    "week-end-before-start": {"config.yaml": edit("    end: 2025-06-04", "    end: 2025-05-01")},
    "weeks-do-not-fit": {
        "config.yaml": edit("  month: 5\n", "  month: 2\n")
        .replace("    start: 2025-05-29\n", "")
        .replace("    end: 2025-06-04\n", "")
    },
    "prose-file-escapes": {
        "config.yaml": edit("introduction: |", "introduction: {file: ../secret.md}\nx_: |")
    },
    "prose-file-missing": {"config.yaml": edit("introduction: |", "introduction: {file: intro.md}\nx_: |")},
    "extends-missing": {"config.yaml": "extends: national.yaml\nlocale: en-US\n"},
    "extends-absolute": {"config.yaml": "extends: /etc/passwd\n"},
    "extends-bundled-path": {"config.yaml": 'extends: "htpm:/etc/hosts"\n'},
    "extends-bundled-climb": {"config.yaml": 'extends: "htpm:../../../etc/x"\n'},
    "extends-cycle": {"config.yaml": "extends: b.yaml\n", "b.yaml": "extends: config.yaml\n"},
    "hashtag-read-as-comment": {
        "config.yaml": edit(
            '- text: "Borrow a life jacket for free at any county lake. #SwimSmart #WaterSafety"',
            "- text: Borrow a life jacket. #SwimSmart",
        )
    },
    "append-to-mapping": {"config.yaml": "extends: base.yaml\ntheme+: [x]\n", "base.yaml": BASE},
    # found by the checks after the model (htpm.checks, each generator's check, the dry run)
    "unknown-time-zone": {"config.yaml": edit("timezone: America/Chicago", "timezone: America/Chicgo")},
    "unknown-graphics-size": {"config.yaml": BASE + "graphics:\n  sizes: [instagram_sqare, x, tiktok]\n"},
    "unknown-layout": {"config.yaml": BASE + "graphics:\n  layouts: [week, poster]\n"},
    "palette-fails-contrast": {"config.yaml": edit('secondary: "#007C89"', 'secondary: "#F4F4F4"')},
    "awareness-day-not-a-date": {"config.yaml": edit("      day: 17\n", "      day: 31\n      month: 6\n")},
    "missing-endnote": {"config.yaml": edit("to find a class.[^1]", "to find a class.[^2]")},
    "logo-missing": {"config.yaml": edit("branding:\n", "branding:\n  logo: logo.png\n")},
    "logo-not-an-image": {
        "config.yaml": edit("branding:\n", "branding:\n  logo: logo.png\n"),
        "logo.png": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    },
    "logo-truncated": {
        "config.yaml": edit("branding:\n", "branding:\n  logo: logo.png\n"),
        "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02",
    },
    "newsletter-image-without-alt": {
        "config.yaml": edit(
            "    subject: May is Water Safety Month\n", "    subject: Hi\n    image: logos/hhs-wordmark.png\n"
        )
    },
    "copy-image-base-url-not-https": {
        "config.yaml": edit("digital:\n", "digital:\n  image_base_url: http://cdn.example.org/swim/\n")
    },
    "copy-image-base-url-with-query": {
        "config.yaml": edit("digital:\n", "digital:\n  image_base_url: https://cdn.example.org/swim/?v=2\n")
    },
    "template-override-syntax": {
        "config.yaml": BASE,
        "copy/newsletter.txt.j2": "{{ subject }}\n{% if %}\n",
    },
    "template-override-undefined": {
        "config.yaml": BASE,
        "copy/website.md.j2": "# {{ observance }}\n{{ no_such_thing }}\n",
    },
    "base-document-external-image": {
        "config.yaml": BASE,
        "toolkit/base.docx": _with_external_image("toolkit/base.docx"),
    },
    "proclamation-template-external-image": {
        "config.yaml": BASE,
        "proclamation/proclamation.docx": _with_external_image("proclamation/proclamation.docx"),
    },
    "base-document-broken": {"config.yaml": BASE, "toolkit/base.docx": b"PK\x03\x04 not really a zip"},
    "layout-override-unknown-key": {
        "config.yaml": BASE + "graphics:\n  layouts: [mine]\n",
        "graphics/mine.yaml": "title: Mine\nper: campaign\ndescriptoin: x\n",
    },
    "lint-rule-bad-pattern": {
        "config.yaml": BASE
        + "lint:\n  rules:\n    - {id: mine, kind: avoid, severity: warning, guideline: g, message: x,\n"
        + "       patterns: ['(unclosed']}\n"
    },
    "lint-rule-catastrophic-pattern": {
        "config.yaml": BASE
        + "lint:\n  rules:\n    - {id: mine, kind: avoid, severity: warning, guideline: g, message: x,\n"
        + "       patterns: ['(a+)+$']}\n"
    },
    "week-of-centuries": {"config.yaml": edit("    start: 2025-05-29", "    start: 1900-05-29")},
    "posting-time-twice": {"config.yaml": edit('      mon: ["09:30"]', '      mon: ["09:30", "09:30"]')},
    "locale-unknown": {"config.yaml": edit("locale: en-US", "locale: zz")},
    "lint-disable-unknown-rule": {"config.yaml": BASE + "lint:\n  disable: [no-such-rule]\n"},
    "proclamation-unknown-placeholder": {
        "config.yaml": edit("is committed to teaching", "({mayor}) is committed to teaching")
    },
    "week-title-too-long-for-graphics": {
        "config.yaml": edit("  - title: Life Jackets\n", "  - title: " + "Lifejacketsafety" * 12 + "\n")
    },
    "prose-outside-the-subset": {
        "config.yaml": edit(
            "  practise water safety.",
            "  practise water safety.\n  ## A heading\n"
            "  ![a pool](pool.png) and <b>raw</b> and [x](javascript:alert(1))",
        )
    },
    "prose-file-outside-the-subset": {
        "config.yaml": edit(
            "    body: |\n      May is Water Safety Month. Learn about free lessons on "
            "[the county pools page](https://parks.example.org/pools).\n",
            "    body: {file: web.md}\n",
        ),
        "web.md": "Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    },
    "unknown-campaign-value": {
        "config.yaml": edit("  tagline: Everyone learns", "  tagline: In {yaer} everyone learns")
    },
    "fill-for-an-undeclared-fill-in": {
        "config.yaml": BASE
        + "fill_ins:\n  - {name: pool_link, prompt: x, blank: '[pool]'}\nfill:\n  pool_lnk: x\n"
    },
    "fill-in-named-like-a-value": {
        "config.yaml": BASE + "fill_ins:\n  - {name: year, prompt: x, blank: '[year]'}\n"
    },
    "post-starts-like-a-formula": {
        "config.yaml": edit(
            '- text: "Name a water watcher', '- text: "@CountyParks asks you to name a water watcher'
        )
    },
    "post-image-missing": {
        "config.yaml": edit(
            '"Name a water watcher at every gathering by the water. #SwimSmart"',
            '"Name a water watcher at every gathering by the water. #SwimSmart"\n'
            "            image: watcher.png\n            image_alt: A lifeguard on a chair",
        )
    },
    "post-image-without-alt": {
        "config.yaml": edit(
            '"Name a water watcher at every gathering by the water. #SwimSmart"',
            '"Name a water watcher at every gathering by the water. #SwimSmart"\n'
            "            image: logos/hhs-wordmark.png",
        )
    },
    "post-graphic-not-rendered": {
        "config.yaml": edit(
            '"Name a water watcher at every gathering by the water. #SwimSmart"',
            '"Name a water watcher at every gathering by the water. #SwimSmart"\n'
            "            image: graphics/linkedin/theme.png",
        )
    },
    "translation-typo": {
        "config.yaml": BASE + "translations:\n  es-US:\n    theme:\n      nmae: Nadar seguros\n"
    },
    "translation-not-content": {"config.yaml": BASE + "translations:\n  es-US:\n    branding: {}\n"},
    "translation-without-lint-pack": {
        "config.yaml": BASE + "translations:\n  pt-BR:\n    goals: [Aprender a nadar.]\n"
    },
    # some labels files: one line per file missing whole, one per label missing from a file
    "translation-with-some-labels": {
        "config.yaml": BASE + "translations:\n  pt-BR:\n    goals: [Aprender a nadar.]\n",
        "labels/pt/copy.yaml": (templates_dir() / "labels" / "en" / "copy.yaml").read_text(encoding="utf-8"),
        "labels/pt/calendar.yaml": "post_summary: 'Post: semana {week}, {section} ({platforms})'\n",
    },
}


def _write(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def _message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str | bytes]) -> str:
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = validate_config(Path("config.yaml"))
    assert result.problems, "validate passed a broken config"
    return "\n".join(map(str, result.problems))


def test_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def test_every_broken_config_has_its_golden_message(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    lines = []
    for name, files in CASES.items():
        message = _message(tmp_path_factory.mktemp(name), monkeypatch, files)
        assert "Traceback" not in message
        first = message.split(":")[0]
        # the config, a file beside it, or htpm's own layout that the config's text does not fit
        assert first in ("config.yaml", "b.yaml", *CASES[name]) or message.startswith(SHIPPED), (
            name,
            message,
        )
        lines.append(f"{name}: {message}")
    check_golden("config_errors.txt", "\n".join(lines) + "\n", update_golden)


@pytest.mark.parametrize(
    "name", ["binary-bytes", "alias-bomb", "deep-nesting", "extends-cycle", "misspelt-key"]
)
def test_cli_exits_1_with_one_line_and_no_traceback(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, CASES[name])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["htpm", "validate", "config.yaml"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("config.yaml:") or err.startswith("b.yaml:")


def test_all_errors_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        edit("  month: 5\n", "  month: 13\n")
        .replace("  tagline:", "  tagilne:")
        .replace('primary: "#00507A"', 'primary: "navy"')
    )
    message = _message(tmp_path, monkeypatch, {"config.yaml": text})
    assert len(message.splitlines()) == 3
    assert "observance.month" in message and "theme.tagilne" in message and "palette.primary" in message
