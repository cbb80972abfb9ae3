"""`htpm build` output: the blank proclamation (proclamation/proclamation.docx and .md, and .pdf
with --pdf). Filling it in is `htpm proclamation fill` (htpm.proclamation)."""

from __future__ import annotations

from htpm.artifacts import Artifact, BuildContext
from htpm.campaign import Campaign
from htpm.checks import problem_at
from htpm.docx.package import external_parts
from htpm.errors import HtpmError
from htpm.problems import Problem, problems_of
from htpm.proclamation.blank import blank_markdown, blank_values
from htpm.proclamation.compiled import compile_proclamation
from htpm.proclamation.text import clause_texts, field_names, parse_clause

FOLDER = "proclamation"


def check(campaign: Campaign) -> list[Problem]:
    """Every clause's placeholders and markers, all at once."""
    proclamation = campaign.config.proclamation
    if proclamation is None:
        return []
    known = {p.name: p for p in proclamation.placeholders}
    problems = []
    try:
        external_parts(campaign.find_template("proclamation/proclamation.docx"), "the proclamation template")
    except HtpmError as exc:
        problems.extend(problems_of(exc))
    for path, text in clause_texts(proclamation):
        try:
            parse_clause(text, known)
        except HtpmError as exc:
            problems.append(problem_at(campaign, path, exc.message))
    return problems


def generate(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
    proclamation = campaign.config.proclamation
    if proclamation is None:
        return []
    compiled = compile_proclamation(campaign, mark=True)
    for name in field_names(proclamation):
        if name not in compiled.used:
            ctx.warn(
                f"proclamation.placeholders: {name} is declared but the proclamation never shows it",
                kind="proclamation",
            )
    docx = compiled.fill(blank_values(campaign))
    artifacts = [
        Artifact(f"{FOLDER}/proclamation.docx", docx),
        Artifact(f"{FOLDER}/proclamation.md", blank_markdown(campaign).encode("utf-8")),
    ]
    ctx.want_pdf(f"{FOLDER}/proclamation.docx")
    return artifacts
