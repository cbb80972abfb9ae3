"""The pack follows the text's locale: es-US -> lint/es-US.yaml, else lint/es.yaml; translations are
linted in their own locale, what they leave to the primary language once, as the primary's; a locale
no pack serves is an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from htpm.cli import app
from htpm.config import load_campaign
from htpm.lint import check_rules, lint_campaign
from htpm.lint.rules import campaign_ruleset, pack_names, pack_path
from htpm.paths import templates_dir
from htpm.validation import validate_config

ROOT = Path(__file__).resolve().parents[2]
WATER = ROOT / "tests" / "data" / "water-safety" / "config.yaml"
runner = CliRunner()


def campaign(tmp_path: Path, body: str) -> Path:
    """The water-safety campaign (whose one finding is hotline-in-copy) extended by `body`."""
    (tmp_path / "base.yaml").write_text(WATER.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "config.yaml"
    path.write_text("extends: base.yaml\n" + body, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_locale_looks_for_itself_then_its_language(tmp_path: Path) -> None:
    assert pack_names("es-US") == ("es-US", "es")
    assert pack_names("es") == ("es",)
    shipped = (templates_dir(),)
    assert pack_path("es-US", shipped) == templates_dir() / "lint" / "es.yaml"
    assert pack_path("en-US", shipped) == templates_dir() / "lint" / "en.yaml"
    assert pack_path("pt-BR", shipped) is None
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "es.yaml").write_text("language: es\nrules: []\n", encoding="utf-8")
    assert pack_path("es-US", (tmp_path, *shipped)) == tmp_path / "lint" / "es.yaml"  # the campaign's first
    (tmp_path / "lint" / "es-US.yaml").write_text("language: es\nrules: []\n", encoding="utf-8")
    assert pack_path("es-US", (tmp_path, *shipped)) == tmp_path / "lint" / "es-US.yaml"  # then the locale
    assert pack_path("es-MX", (tmp_path, *shipped)) == tmp_path / "lint" / "es.yaml"


def test_a_translation_is_linted_with_its_locales_pack(tmp_path: Path) -> None:
    path = campaign(
        tmp_path,
        "goals: [To stand with every victim.]\n"
        "translations:\n"
        "  es-US:\n"
        "    introduction: Apoyamos a las víctimas y a las familias indigentes.\n",
    )
    findings = [(f.location.line, f.rule_id, f.match) for f in lint_campaign(load_campaign(path))]
    spanish = line_of(path, "Apoyamos")
    assert (line_of(path, "every victim"), "person-first-victim", "victim") in findings
    assert (spanish, "person-first-victim", "víctimas") in findings
    assert (spanish, "person-first-homeless", "indigentes") in findings
    # the English goal, which the translation leaves in English, is reported once, in English
    assert [f for f in findings if f[2] == "victim"] == [
        (line_of(path, "every victim"), "person-first-victim", "victim")
    ]
    assert campaign_ruleset(load_campaign(path, "es-US")).origin == str(templates_dir() / "lint" / "es.yaml")


def test_a_spanish_error_fails_validation_at_its_line(tmp_path: Path) -> None:
    path = campaign(tmp_path, "translations:\n  es-US:\n    goals: [Rescatar a las víctimas.]\n")
    problems = [str(p) for p in validate_config(path).problems if "lint" in p.message]
    col = path.read_text(encoding="utf-8").splitlines()[3].index("víctimas") + 1
    assert problems == [
        f"{path}:4:{col}: lint person-first-victim: 'víctimas' define a una persona por lo que le hicieron"
    ]


def test_a_locale_without_a_pack_is_an_error_a_campaign_pack_fixes(tmp_path: Path) -> None:
    path = campaign(tmp_path, "translations:\n  fr-FR:\n    goals: [Apprendre à nager.]\n")
    (error,) = [f for f in lint_campaign(load_campaign(path)) if f.rule_id == "rule-pack"]
    assert (error.severity, error.location.line) == ("error", 4)  # where the locale's content starts
    assert error.message == (
        "no lint rule pack for locale fr-FR (lint/fr-FR.yaml or lint/fr.yaml beside the config or in "
        "htpm's templates); write one (docs/lint.md#rule-packs) or build with --no-lint"
    )
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "fr.yaml").write_text("language: fr\nrules: []\n", encoding="utf-8")
    assert [f for f in lint_campaign(load_campaign(path)) if f.rule_id == "rule-pack"] == []


def test_a_translation_that_does_not_load_is_left_to_validate(tmp_path: Path) -> None:
    path = campaign(tmp_path, "translations:\n  es-US:\n    theme:\n      nmae: Nademos\n")
    notes = [f for f in lint_campaign(load_campaign(path)) if f.rule_id == "lint"]
    assert [(n.severity, n.message) for n in notes] == [
        ("info", "translations.es-US: not linted, it does not load")
    ]
    assert any("nmae" in str(p) for p in validate_config(path).problems)


def test_check_rules_runs_each_translations_pack(tmp_path: Path) -> None:
    path = campaign(tmp_path, "translations:\n  es-US:\n    goals: [Nadar.]\n")
    assert check_rules(path) == []
    broken = "lint:\n  rules:\n    - id: jargon\n      must_not_match: [utilize, utilizar]\n"
    path = campaign(tmp_path, broken + "translations:\n  es-US:\n    goals: [Nadar.]\n")
    assert check_rules(path) == [
        "jargon: must not match, did: 'utilize' ('utilize')",
        "es-US: jargon: must not match, did: 'utilizar' ('utilizar')",
    ]


def test_files_take_a_locale_or_a_language(tmp_path: Path) -> None:
    md = tmp_path / "post.md"
    md.write_text("Apoyamos a cada víctima.\n", encoding="utf-8")
    for language in ("es", "es-US", "es-MX"):
        result = runner.invoke(app, ["lint", "--language", language, str(md)])
        assert result.exit_code == 1, language
        assert result.stdout.startswith(f"{md}:1:17: error person-first-victim: 'víctima' define")
    assert runner.invoke(app, ["lint", str(md)]).exit_code == 0  # the English pack has no Spanish words
    done = subprocess.run(
        [sys.executable, "-m", "htpm", "lint", "--language", "pt-BR", str(md)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "--language: no rule pack for 'pt-BR' (templates/lint/pt-BR.yaml or templates/lint/pt.yaml)"
    )


SPANISH_INTRO = (
    "Mayo es el mes de la seguridad en el agua. Aprenda a nadar con su familia. Las clases son gratis "
    "en todas las piscinas del condado. Pregunte en la oficina del parque o llame a la línea."
)


def test_the_readability_target_of_an_ease_formula_is_a_rule_setting(tmp_path: Path) -> None:
    """INFLESZ warns below the rule's target; the English grade rule ignores `target`."""
    body = f"translations:\n  es-US:\n    introduction: {SPANISH_INTRO}\n"
    path = campaign(tmp_path, body)
    assert [f for f in lint_campaign(load_campaign(path)) if f.rule_id == "readability"] == []
    path = campaign(tmp_path, "lint:\n  rules:\n    - {id: readability, target: 101}\n" + body)
    (finding,) = [f for f in lint_campaign(load_campaign(path)) if f.rule_id == "readability"]
    assert finding.location.line == line_of(path, "Mayo es")
    assert finding.message.startswith("índice de legibilidad INFLESZ ")
    assert "el objetivo es 101 o más" in finding.message
