"""Prose outside the toolkit page (a week's introduction) with its endnotes, linked both ways,
through the same `HtmlWriter` as the toolkit (so through the one prose HTML renderer)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from htpm.campaign import Campaign
from htpm.docx.text import to_roman
from htpm.docx.writer import Notes, SourcePath
from htpm.prose import escape
from htpm.site.toolkit import NOTE_BOOKMARK, HtmlWriter, Labels


class ProseBlock:
    """Render prose pieces of one page; `notes_html` lists the notes they referred to."""

    def __init__(
        self, campaign: Campaign, labels: Mapping[str, str], warn: Callable[[str], None] = lambda _m: None
    ) -> None:
        self.campaign = campaign
        self.heading = labels["notes"]
        notes = Notes(known={n.id: ("endnotes", i) for i, n in enumerate(campaign.config.endnotes)})
        self.writer = HtmlWriter(
            locate=campaign.locate,
            warn=warn,
            notes=notes,
            labels=Labels(labels["note"], labels["back_to_text"]),
        )

    def render(self, source: str, src: SourcePath) -> str:
        self.writer.blocks = []
        self.writer.prose(source, src)
        return self.writer.html()

    def notes_html(self, level: int) -> str:
        numbers = self.writer.notes.numbers
        if not numbers:
            return ""
        self.writer.blocks = []
        by_id = {n.id: (i, n) for i, n in enumerate(self.campaign.config.endnotes)}
        for note_id, number in sorted(numbers.items(), key=lambda item: item[1]):
            index, note = by_id[note_id]

            def mark(p: Any, number: int = number) -> None:
                p.add_run(f"{to_roman(number)}.\t")
                self.writer.bookmark(p, f"{NOTE_BOOKMARK}{number}")

            self.writer.prose(note.text, ("endnotes", index, "text"), style="Note Text", first=mark)
        body = self.writer.html()
        heading = f'<h{level} id="notes">{escape(self.heading)}</h{level}>'
        return f'<section class="notes" aria-labelledby="notes">\n{heading}\n{body}</section>\n'
