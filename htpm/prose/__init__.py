"""Prose: the config's Markdown subset, parsed once into a small tree, rendered per output.

Every prose value of a config (an introduction, a newsletter body, an endnote) is parsed by
`parse` (markdown-it tokens into `htpm.prose.tree`), and each output renders the same tree:

- `htpm.prose.docx`: python-docx runs and list paragraphs (the toolkit);
- `to_html` / `to_html_inline`: HTML for email and the web;
- `to_text`: wrapped plain text (links as `text (url)`, notes as `[n]`); `plain`: one line;
- `to_markdown`: normalised Markdown (parsing it again gives the same tree).

The subset (docs/prose.md): paragraphs, `*em*`/`_em_`, `**strong**`/`__strong__`,
`[text](url)` with http, https or mailto targets, bare URLs and bare domains as links (one rule,
`htpm.social.urls`), bullet and numbered lists (nested, any start), `[^id]` endnote references,
hard line breaks, backslash escapes. Inline code is shown as plain words in every output.
`check_prose(text)` lists what is outside the subset as `ProseIssue(line, column, message)`
(0-based, inside the text); the renderers never emit such syntax, nor an unsafe link, nor
control characters. `parse_plain` is for text that is not Markdown (posts): only its bare
URLs and domains become links.

    from htpm.prose import parse, check_prose, to_html
    issues = check_prose(text)          # [] when the text is inside the subset
    html = to_html(parse(text), Notes.of(endnotes).numbering(where))
"""

from __future__ import annotations

from htpm.prose.check import ProseIssue, check_prose, require_valid_prose
from htpm.prose.html import NoteHtml, escape, inline_html, to_html, to_html_inline
from htpm.prose.markdown import to_markdown
from htpm.prose.notes import NoteNumber, Notes, first_use
from htpm.prose.parse import clean, parse, parse_clause_tree, parse_inline, parse_plain
from htpm.prose.text import plain, to_text
from htpm.prose.tree import (
    Block,
    BulletList,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    ListItem,
    NoteRef,
    OrderedList,
    Paragraph,
    Placeholder,
    Prose,
    Strong,
    Text,
    inline_text,
    is_safe_target,
    links,
    note_ids,
)

__all__ = [
    "Block",
    "BulletList",
    "Emphasis",
    "Inline",
    "LineBreak",
    "Link",
    "ListItem",
    "NoteHtml",
    "NoteNumber",
    "NoteRef",
    "Notes",
    "OrderedList",
    "Paragraph",
    "Placeholder",
    "Prose",
    "ProseIssue",
    "Strong",
    "Text",
    "check_prose",
    "clean",
    "escape",
    "first_use",
    "inline_html",
    "inline_text",
    "is_safe_target",
    "links",
    "note_ids",
    "parse",
    "parse_clause_tree",
    "parse_inline",
    "parse_plain",
    "plain",
    "require_valid_prose",
    "to_html",
    "to_html_inline",
    "to_markdown",
    "to_text",
]
