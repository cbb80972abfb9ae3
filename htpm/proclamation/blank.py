"""The blank proclamation: the Word file with every placeholder highlighted, and its Markdown twin."""

from __future__ import annotations

import re

from htpm.campaign import Campaign
from htpm.proclamation.compiled import compile_proclamation, signer_fields
from htpm.proclamation.text import Piece, clause_texts, parse_all, proclamation_of

__all__ = ["blank_docx", "blank_markdown", "blank_values"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def blank_values(campaign: Campaign) -> dict[str, str]:
    """Each field's blank text ('[Organization]'), the values the blank is 'filled' with."""
    return {p.name: p.blank for p in proclamation_of(campaign).placeholders}


def blank_docx(campaign: Campaign) -> bytes:
    """proclamation.docx: the template rendered with the blanks, highlighted, ready to fill in Word."""
    return compile_proclamation(campaign, mark=True).fill(blank_values(campaign))


def blank_markdown(campaign: Campaign) -> str:
    """proclamation.md: the same text, placeholders in bold, then the table of fields."""
    proclamation = proclamation_of(campaign)
    parsed = parse_all(campaign)
    paths = [path for path, _text in clause_texts(proclamation)]
    label = campaign.label
    out = [f"# {_md(parsed[paths[0]])}", ""]
    signer = signer_fields(proclamation)
    blanks = blank_values(campaign)
    for path in paths[1:]:
        if path[1] != "signature_lines":
            out += [_md(parsed[path]), ""]
        elif not signer:
            out += [f"{_md(parsed[path])}: ______________________________", ""]
    if signer:  # as in the .docx: the signer's name and title under the signature, then the date
        for name in signer:
            out += [f"**{_escape(blanks[name])}**", ""]
        out += [f"{_escape(label('proclamation.date'))}: ______________________________", ""]
    if proclamation.placeholders:
        out += [f"## {label('proclamation.fields_heading')}", "", label("proclamation.how_to_fill"), ""]
        head = ["field", "what", "blank", "required", "max_length", "default"]
        out.append("| " + " | ".join(label(f"proclamation.{h}") for h in head) + " |")
        out.append("|" + "---|" * len(head))
        yes, no = label("proclamation.answer_yes"), label("proclamation.answer_no")
        for p in proclamation.placeholders:
            cells = [f"`{p.name}`", _escape(p.label), _escape(p.blank), yes if p.required else no]
            cells += [str(p.max_length), _escape(p.default or "")]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md(pieces: list[Piece]) -> str:
    """Markdown for clause pieces: bold where bold, every placeholder bold; adjacent bold merged."""
    spans: list[tuple[str, bool]] = []
    for piece in pieces:
        bold = piece.bold or piece.field is not None
        text = _escape(piece.text)
        if spans and spans[-1][1] == bold:
            spans[-1] = (spans[-1][0] + text, bold)
        else:
            spans.append((text, bold))
    out = []
    for text, bold in spans:
        if bold and text.strip():
            lead, core, trail = _split_space(text)
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(text)
    return "".join(out)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]
