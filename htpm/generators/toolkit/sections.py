"""The body of the toolkit, section by section, all of it from the campaign config.

Heading levels: 1 for the parts (Introduction, Stay Connected, ..., each focus week, Resources,
Endnotes), 2 for their sections, 3 and 4 below; never a skipped level. Fixed words come from
templates/labels/<lang>/toolkit.yaml.
"""

from __future__ import annotations

import datetime as dt
import re

from docx.shared import Pt
from docx.text.paragraph import Paragraph

from htpm.campaign import Campaign
from htpm.docx.text import to_roman
from htpm.docx.writer import DocWriter, SourcePath
from htpm.errors import HtpmError
from htpm.kitlinks import kit_links
from htpm.labels import fill
from htpm.model import Feature, Link
from htpm.proclamation.text import parse_clause
from htpm.prose import links, parse, parse_plain, plain
from htpm.prose.parse import autolink
from htpm.prose.tree import UNKNOWN_TARGET, Text, inline_text
from htpm.prose.tree import Link as ProseLink


def _words(text: str) -> set[str]:
    """The longer words of `text` (four letters or more), folded: what a line of the hotline box
    says, to compare with its description."""
    return {w for w in re.findall(r"[^\W_]{4,}", text.casefold())}


class Body:
    def __init__(self, campaign: Campaign, writer: DocWriter) -> None:
        self.campaign = campaign
        self.cfg = campaign.config
        self.w = writer

    def label(self, key: str, **values: object) -> str:
        return fill(self.campaign.label(f"toolkit.{key}"), **values)

    @property
    def observance(self) -> str:
        return self.cfg.observance.short_name or self.cfg.observance.name

    def write(self) -> None:
        self.introduction()
        self.stay_connected()
        self.guidelines()
        self.events()
        self.digital()
        self.focus_weeks()
        self.resources()
        self.endnotes()

    # -- small pieces -------------------------------------------------------------------------
    def bullets(self, items: list[str], src: SourcePath, style: str = "List Bullet") -> None:
        for index, item in enumerate(items):
            self.w.inline(self.w.paragraph(style), item, (*src, index))

    def link_line(self, link: Link, src: SourcePath, style: str | None = "List Bullet") -> None:
        """A link (plain text when its address is unknown), then ' – description'."""
        p = self.w.paragraph(style)
        self.w.link_or_blank(p, link.text, link.url, src)
        if link.description:
            p.add_run(" – ")
            self.w.inline(p, link.description, (*src, "description"))

    def label_value(self, label: str, value: str, src: SourcePath, style: str | None = None) -> None:
        p = self.w.paragraph(style)
        p.add_run(label).bold = True
        p.add_run(" ")
        self.w.inline(p, value, src)

    def feature(self, feature: Feature, src: SourcePath, level: int) -> None:
        self.w.heading(level, feature.title, (*src, "title"))
        if feature.subtitle:
            self.w.inline(self.w.paragraph("Lead"), feature.subtitle, (*src, "subtitle"))
        if feature.body:
            self.w.prose(feature.body, (*src, "body"))
        for text, href in kit_links(self.campaign, feature.kit):  # the kit's own files (htpm.kitlinks)
            self.w.kit_link(self.w.paragraph("List Bullet"), text, href)
        if feature.links_intro:
            self.w.inline(self.w.paragraph(), feature.links_intro, (*src, "links_intro"))
        for index, link in enumerate(feature.links):
            self.link_line(link, (*src, "links", index))

    def image(self, name: str | None, alt: str | None, src: SourcePath, fallback_alt: str) -> None:
        if not name:
            return
        try:
            path = self.campaign.asset(name)
        except HtpmError as exc:
            self.w.warn(f"{self.campaign.locate(src)}: image not included: {exc.message}")
            return
        if not alt:
            self.w.warn(f"{self.campaign.locate(src)}: image {name} has no alt text; used {fallback_alt!r}")
        self.w.image(path, self.w.clean(alt or fallback_alt, src), 6.0)

    # -- sections -----------------------------------------------------------------------------
    def introduction(self) -> None:
        cfg = self.cfg
        # the one part that always starts a page: the body begins after the contents
        self.w.heading(1, self.label("introduction")).paragraph_format.page_break_before = True
        if cfg.introduction_title:
            self.w.text(cfg.introduction_title, ("introduction_title",), "Lead")
        self.w.prose(cfg.introduction, ("introduction",))
        self.w.heading(2, self.label("goals"))
        self.bullets(list(cfg.goals), ("goals",))
        self.w.heading(2, self.label("who_should_use"))
        if cfg.audiences_intro:
            self.w.inline(self.w.paragraph(), cfg.audiences_intro, ("audiences_intro",))
        for index, audience in enumerate(cfg.audiences):
            name = self.w.clean(audience.name, ("audiences", index, "name"))
            self.w.prose(audience.description, ("audiences", index, "description"), lead=name)

    def stay_connected(self) -> None:
        org = self.cfg.organization
        if not (org.newsletter or org.newsletter_intro or org.accounts):
            return
        self.w.heading(1, self.label("stay_connected"))
        if org.newsletter or org.newsletter_intro:
            self.w.heading(2, self.label("newsletter"))
            intro = org.newsletter_intro or ""
            link = org.newsletter
            named = link is not None and link.text in intro and link.text in plain(parse(intro))
            if intro:  # the link's words in the intro become the link (or its fill-in)
                if named and link is not None:
                    target = link.url or UNKNOWN_TARGET
                    intro = intro.replace(link.text, f"[{link.text}]({target})", 1)
                self.w.prose(intro, ("organization", "newsletter_intro"))
            if link and not named:
                self.link_line(link, ("organization", "newsletter"), style=None)
        if org.accounts:
            self.w.heading(2, self.label("social_media"))
            if org.accounts_intro:
                self.w.prose(org.accounts_intro, ("organization", "accounts_intro"))
            for index, account in enumerate(org.accounts):
                src = ("organization", "accounts", index)
                p = self.w.paragraph("List Bullet")
                p.add_run(self.w.clean(f"{account.label}: ", (*src, "label")))
                self.w.link_or_blank(p, account.handle, account.url, src, text_key="handle")

    def guidelines(self) -> None:
        guide = self.cfg.guidelines
        if guide is None:
            return
        self.w.heading(1, guide.title, ("guidelines", "title"))
        level = 2
        if guide.subtitle:
            self.w.heading(2, guide.subtitle, ("guidelines", "subtitle"))
            level = 3
        for s_index, section in enumerate(guide.sections):
            src = ("guidelines", "sections", s_index)
            self.w.heading(level, section.title, (*src, "title"))
            for l_index, group in enumerate(section.lists):
                lsrc = (*src, "lists", l_index)
                if group.intro:
                    self.w.inline(self.w.paragraph(), group.intro, (*lsrc, "intro"))
                for i_index, item in enumerate(group.items):
                    isrc = (*lsrc, "items", i_index)
                    self.w.inline(self.w.paragraph("List Bullet"), item.text, (*isrc, "text"))
                    self.bullets(list(item.items), (*isrc, "items"), style="List Bullet 2")

    def events(self) -> None:
        ev, cfg = self.cfg.events, self.cfg
        if not (ev.calendar or ev.days or ev.features or cfg.hotline or cfg.proclamation):
            return
        self.w.heading(1, self.label("events"))
        if ev.calendar:
            self.w.heading(2, self.label("event_calendar"))
            self.w.prose(ev.calendar, ("events", "calendar"))
        if ev.days:
            self.awareness_days()
        for index, feature in enumerate(ev.features):
            self.feature(feature, ("events", "features", index), 2)
        if cfg.hotline:
            self.hotline()
        if cfg.proclamation:
            self.proclamation()

    def awareness_days(self) -> None:
        rows = []
        described = any(day.description for day in self.cfg.events.days)
        for index, day in enumerate(self.cfg.events.days):
            try:
                date = dt.date(self.campaign.year, day.month or self.campaign.month, day.day)
            except ValueError:
                where = self.campaign.locate(("events", "days", index, "day"))
                raise HtpmError(
                    f"events.days.{index}: there is no day {day.day} in that month", where
                ) from None
            row = [self.campaign.day_and_month(date), day.name]
            rows.append([*row, day.description or ""] if described else row)
        header = [self.label("date"), self.label("observance_day")]
        self.w.heading(2, self.label("awareness_days"))
        if described:
            self.w.table([*header, self.label("description")], rows, (1.5, 2.5, 2.5))
        else:
            self.w.table(header, rows, (1.6, 4.9))

    def hotline(self) -> None:
        line = self.cfg.hotline
        assert line is not None
        src = ("hotline",)
        self.w.heading(2, line.heading or self.label("hotline_heading", name=line.name), (*src, "heading"))
        self.w.text(line.name, (*src, "name"), "Callout", bold=True)
        for label, value, key in (
            (self.label("call"), line.phone, "phone"),
            (self.label("text"), line.text, "text"),
        ):
            if value:
                self.label_value(label, value, (*src, key), "Callout")
        if line.chat_url:
            self.w.link(
                self.w.paragraph("Callout"), self.label("live_chat"), line.chat_url, (*src, "chat_url")
            )
        told = _words(plain(parse(line.description or "")))  # the box does not repeat the text below
        for label, value, key in (
            (self.label("tty"), line.tty, "tty"),
            (self.label("hours"), line.hours, "hours"),
            (self.label("languages"), line.languages, "languages"),
        ):
            if value and (key == "tty" or not _words(value) <= told):
                self.label_value(label, value, (*src, key), "Callout")
        described = links(parse(line.description or ""))
        if line.website and line.website.rstrip("/") not in {u.rstrip("/") for u in described}:
            p = self.w.paragraph("Callout")
            p.add_run(self.label("website")).bold = True
            p.add_run(" ")
            shown = re.sub(r"^https?://(www\.)?|/$", "", line.website)
            self.w.link(p, shown, line.website, (*src, "website"))
        if line.description:
            below = self.w.prose(line.description, (*src, "description"))
            below[0].paragraph_format.space_before = Pt(12)  # clear of the box's border
        if line.confidentiality:
            self.w.prose(line.confidentiality, (*src, "confidentiality"))

    def proclamation(self) -> None:
        proc = self.cfg.proclamation
        assert proc is not None
        known = {p.name: p for p in proc.placeholders}
        self.w.heading(2, self.label("sample_proclamation"))
        note = self.w.paragraph()
        note.add_run(self.label("fill_in_note")).italic = True
        self.w.text(proc.title, ("proclamation", "title"), "Proclamation Title")
        clauses = [(text, ("proclamation", "whereas", i)) for i, text in enumerate(proc.whereas)]
        for text, src in [*clauses, (proc.resolution, ("proclamation", "resolution"))]:
            p = self.w.paragraph("Proclamation Text")
            try:
                pieces = parse_clause(self.w.clean(text, src), known, f"{'.'.join(map(str, src))}: ")
            except HtpmError as exc:
                raise HtpmError(exc.message, self.campaign.locate(src)) from None
            for piece in pieces:  # a placeholder shows its blank, in bold; addresses are links
                bold = piece.bold or piece.field is not None
                for node in autolink(piece.text) if piece.field is None else [Text(piece.text)]:
                    if isinstance(node, ProseLink):
                        self.w.link(p, inline_text(node.children), node.target, src, bold=bold)
                    else:
                        p.add_run(inline_text((node,))).bold = bold or None
        p.paragraph_format.keep_with_next = True  # the resolution stays with the signature lines
        for index, line in enumerate(proc.signature_lines):
            self.w.text(line, ("proclamation", "signature_lines", index), "Signature Line")

    def digital(self) -> None:
        dig = self.cfg.digital
        self.w.heading(1, self.label("digital"))
        for key, default in (("newsletter", "sample_newsletter"), ("website", "sample_website")):
            block = getattr(dig, key)
            src = ("digital", key)
            self.w.heading(2, block.title or self.label(default), (*src, "title"))
            if block.subject:
                self.label_value(self.label("subject_line"), block.subject, (*src, "subject"))
            if block.preheader:
                self.label_value(self.label("preview_text"), block.preheader, (*src, "preheader"))
            self.w.prose(block.body, (*src, "body"))
            self.image(block.image, block.image_alt, (*src, "image"), block.title or self.label(default))
        for index, feature in enumerate(dig.blocks):
            self.feature(feature, ("digital", "blocks", index), 2)
        self.hashtags()

    def hashtags(self) -> None:
        tags, dig = self.cfg.hashtags, self.cfg.digital
        self.w.heading(2, self.label("social_media"))
        for index, feature in enumerate(dig.social_blocks):
            self.feature(feature, ("digital", "social_blocks", index), 3)
        self.w.heading(3, self.label("sample_content"))
        if dig.social_intro:
            self.w.prose(dig.social_intro, ("digital", "social_intro"))
        if tags.guidance:
            self.w.prose(tags.guidance, ("hashtags", "guidance"))
        else:
            self.w.paragraph().add_run(self.label("hashtag_limit", count=tags.max_per_post))
        self.w.heading(4, self.label("primary_hashtag"))
        self.w.text(tags.primary, ("hashtags", "primary"), bold=True)
        if tags.secondary:
            self.w.heading(4, self.label("secondary_hashtags"))
            for index, tag in enumerate(tags.secondary):
                self.w.text(tag, ("hashtags", "secondary", index), "List Bullet")

    def focus_weeks(self) -> None:
        cfg = self.cfg
        self.w.heading(1, self.label("focus_weeks", observance=self.observance))
        if cfg.weeks_intro:
            self.w.prose(cfg.weeks_intro, ("weeks_intro",))
        rows = [
            [
                f"{self.label('week')} {info.number}",
                self.campaign.date_range(info.start, info.end),
                info.week.title,
            ]
            for info in self.campaign.weeks
        ]
        self.w.table([self.label("week"), self.label("dates"), self.label("focus")], rows, (1.0, 2.2, 3.3))
        for info in self.campaign.weeks:
            week, src = info.week, ("weeks", info.number - 1)
            title = self.label("week_heading", number=info.number, title=week.title)
            self.w.heading(1, title, (*src, "title"))
            self.label_value(f"{self.label('dates')}:", self.campaign.date_range(info.start, info.end), src)
            if week.audience:
                self.label_value(f"{self.label('audience')}:", week.audience, (*src, "audience"))
            if week.introduction:
                self.w.prose(week.introduction, (*src, "introduction"))
            if week.sections:
                self.w.heading(2, self.label("sample_posts"))
            for s_index, section in enumerate(week.sections):
                ssrc = (*src, "sections", s_index)
                self.w.heading(3, section.title, (*ssrc, "title"))
                topic = None
                for p_index, post in enumerate(section.posts):
                    psrc = (*ssrc, "posts", p_index)
                    if post.topic and post.topic != topic:
                        self.w.heading(4, post.topic, (*psrc, "topic"))
                    topic = post.topic
                    p = self.w.paragraph("List Bullet")
                    post_text = self.w.clean(post.text, (*psrc, "text"))
                    self.w.inlines(p, parse_plain(post_text), (*psrc, "text"))

    def resources(self) -> None:
        if not self.cfg.resources:
            return
        self.w.heading(1, self.label("resources"))
        for c_index, category in enumerate(self.cfg.resources):
            src = ("resources", c_index)
            self.w.heading(2, category.name, (*src, "name"))
            if category.description:
                self.w.prose(category.description, (*src, "description"))
            for r_index, res in enumerate(category.resources):
                rsrc = (*src, "resources", r_index)
                p = self.w.paragraph("List Bullet")
                p.add_run(self.w.clean(f"{res.type}:", (*rsrc, "type"))).bold = True
                p.add_run(" ")
                self.w.link_or_blank(p, res.title, res.url, rsrc, text_key="title")
                if res.date:
                    p.add_run(self.w.clean(f" ({res.date})", (*rsrc, "date")))
                if res.description:
                    p.add_run().add_break()
                    run = p.add_run(self.w.clean(res.description, (*rsrc, "description")))
                    run.style = self.w.doc.styles["Resource Description"]

    def endnotes(self) -> None:
        notes = self.cfg.endnotes
        if not notes:
            return
        self.w.heading(1, self.label("endnotes"))
        numbers = self.w.notes.numbers
        for note in notes:  # unreferenced notes still print, after the referenced ones
            self.w.notes.number(note.id)
        by_number = sorted(notes, key=lambda n: numbers[n.id])
        for note in by_number:
            index = next(i for i, n in enumerate(notes) if n.id == note.id)
            src = ("endnotes", index, "text")
            number = numbers[note.id]

            def mark(p: Paragraph, number: int = number) -> None:
                p.add_run(f"{to_roman(number)}.\t")
                self.w.bookmark(p, f"endnote_{number}")

            self.w.prose(note.text, src, style="Note Text", first=mark)
