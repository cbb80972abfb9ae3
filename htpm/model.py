"""The campaign config schema: one source of truth for validation, docs and the JSON Schema.

Every model forbids unknown keys and is frozen. Prose fields hold a small Markdown subset
(paragraphs, `**bold**`, `*italic*`, `[text](url)` links, `[^id]` endnote references); in YAML a
prose field may instead be `{file: name.md}`, a Markdown file beside the config (resolved by
`config.py` before validation, so the models only ever see strings).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from htpm.fields import Copy, Model, Platform, Prose, Text, Url
from htpm.hashtag import is_hashtag
from htpm.settings import Branding, Graphics, LintSettings, Social

#: the kit's own files a toolkit paragraph may link to (htpm.kitlinks)
KitFile = Literal["meeting_backgrounds", "presentation", "slides_template", "graphics", "banners"]


class Link(Model):
    text: Text = Copy("title", description="Descriptive link text (never 'click here')")
    url: Url | None = Field(
        None, description="Link target: http, https or mailto only; omit when unknown (shown as plain text)"
    )
    description: str | None = Copy("prose", None, description="What the reader finds there")


class Account(Model):
    platform: str = Field(description="Platform id (x, facebook, instagram, linkedin, ...)")
    label: Text = Copy("title", description="Platform name as shown to readers, e.g. 'Twitter'")
    handle: Text = Copy("title", description="Account handle or page name as shown, e.g. '@CountyParks'")
    url: Url | None = Field(None, description="Profile address")


class Organization(Model):
    name: Text = Copy("title", description="Issuing organization, e.g. 'Lakeside County Parks'")
    short_name: str | None = Copy("title", None, description="Abbreviation used in running text")
    possessive: str | None = Copy(
        "title",
        None,
        description="The name in the possessive, for {organization_possessive} in text "
        "(default: from the language's labels, values.possessive)",
    )
    office: str | None = Copy("title", None, description="The office that runs the campaign")
    website: Url | None = Field(None, description="The organization's campaign web page")
    website_label: str | None = Copy("title", None, description="Link text for the website")
    newsletter: Link | None = Field(None, description="Newsletter sign-up link")
    newsletter_intro: Prose | None = Copy("prose", None, description="Text before the newsletter link")
    accounts: list[Account] = Field(default_factory=list, description="Social media accounts to follow")
    accounts_intro: Prose | None = Copy("prose", None, description="Text before the list of accounts")
    email: str | None = Field(None, description="Contact address")


class Observance(Model):
    name: Text = Copy("title", description="Full name, e.g. 'National Water Safety Month'")
    short_name: str | None = Copy("title", None, description="Shorter name used in running text")
    month: int = Field(ge=1, le=12, description="Month of the observance (1-12)")
    year: int = Field(ge=1900, le=2200, description="Year of this campaign")
    designation: str | None = Copy("prose", None, description="Who designates it, in a sentence fragment")


class Theme(Model):
    name: Text = Copy("title", description="Theme, e.g. 'Partner to Prevent'")
    tagline: str | None = Copy("prose", None, description="One-line tagline for covers and graphics")
    description: Prose | None = Copy("prose", None, description="A paragraph on the theme")
    call_to_action: str | None = Copy("prose", None, description="Short call to action for graphics")


class Audience(Model):
    name: Text = Copy("title", description="Who, e.g. 'Federal Agencies'")
    description: Prose = Copy("prose", description="How this audience can use the toolkit")


class Hashtags(Model):
    primary: str = Field(description="The campaign hashtag, on every post")
    secondary: list[str] = Field(default_factory=list, description="Further hashtags partners may use")
    max_per_post: int = Field(2, ge=1, le=30, description="The most hashtags one post may carry")
    guidance: Prose | None = Copy("prose", None, description="Text introducing the hashtags")

    @field_validator("primary")
    @classmethod
    def _primary_is_tag(cls, v: str) -> str:
        if not is_hashtag(v):
            raise ValueError(f"{v!r} is not a hashtag (expected '#' and letters/digits, at least one letter)")
        return v

    @field_validator("secondary")
    @classmethod
    def _secondary_are_tags(cls, v: list[str]) -> list[str]:
        for tag in v:
            if not is_hashtag(tag):
                raise ValueError(
                    f"{tag!r} is not a hashtag (expected '#' and letters/digits, at least one letter)"
                )
        return v


class Hotline(Model):
    name: Text = Copy("title", description="e.g. 'Pool Safety Line'")
    heading: str | None = Copy("title", None, description="Heading of the hotline box")
    phone: str | None = Field(None, description="Phone number as dialled")
    text: str | None = Field(None, description="Text line number, with keyword if any")
    chat_url: Url | None = Field(None, description="Live chat address")
    tty: str | None = Field(None, description="TTY number")
    website: Url | None = Field(None, description="Website")
    languages: str | None = Copy("title", None, description="Languages help is available in")
    hours: str | None = Copy("title", None, description="When it answers, e.g. '24/7'")
    confidentiality: Prose | None = Copy("prose", None, description="The confidentiality statement")
    description: Prose | None = Copy("prose", None, description="What the hotline does (paragraphs)")


class Post(Model):
    text: Text = Copy("post", description="Post text as published (plain text; URLs kept whole)")
    topic: str | None = Copy(
        "title", None, description="Sub-heading the post sits under (a resource or training)"
    )
    variants: dict[Platform, Text] = Copy(
        "post", default_factory=dict, description="Shorter or adapted text for a platform"
    )
    platforms: list[Platform] | None = Field(None, description="Only these platforms (default: all)")
    image_alt: str | None = Copy(
        "alt", None, description="Alt text for the image posted with it (default: the graphic's own)"
    )
    image: str | None = Field(
        None,
        description="Image posted with it instead of its week's graphic: a graphics path "
        "(graphics/x/theme.png) or an image file beside the config or in brand_assets",
    )


MAX_WEEK_DAYS = 31  # a focus week's longest span, first to last day


class PostSection(Model):
    title: Text = Copy("title", description="Section heading, e.g. 'Training Opportunities'")
    posts: list[Post] = Field(min_length=1, description="Sample posts in this section")


class Week(Model):
    title: Text = Copy("title", description="Week title, e.g. 'Social Service Providers'")
    audience: str | None = Copy("title", None, description="Who the week speaks to")
    introduction: Prose | None = Copy("prose", None, description="Text under the week heading")
    start: dt.date | None = Field(None, description="Override the derived first day")
    end: dt.date | None = Field(None, description="Override the derived last day (inclusive)")
    sections: list[PostSection] = Field(default_factory=list, description="Sample posts, by section")

    @model_validator(mode="after")
    def _ordered(self) -> Week:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        if self.start and self.end and (self.end - self.start).days >= MAX_WEEK_DAYS:
            # every day of a week is a row of posting slots: 1900-2200 would be 158 million
            raise ValueError(f"a focus week spans at most {MAX_WEEK_DAYS} days")
        return self


class AwarenessDay(Model):
    name: Text = Copy("title", description="e.g. 'Life Jacket Day'")
    day: int = Field(ge=1, le=31, description="Day of the month")
    month: int | None = Field(None, ge=1, le=12, description="Month (default: the observance month)")
    description: str | None = Copy("prose", None, description="One line on the day")


class Feature(Model):
    title: Text = Copy("title", description="Heading")
    subtitle: str | None = Copy("prose", None, description="Sub-heading")
    body: Prose | None = Copy("prose", None, description="Text")
    links_intro: str | None = Copy("prose", None, description="Text before the links")
    links: list[Link] = Field(default_factory=list, description="Links, shown as a list")
    kit: list[KitFile] = Field(
        default_factory=list,
        description="Files of this kit to link to (meeting_backgrounds, presentation, slides_template, "
        "graphics, banners): relative to the kit folder, or under social.image_base_url",
    )


class Events(Model):
    calendar: Prose | None = Copy("prose", None, description="Where to find the calendar of events")
    days: list[AwarenessDay] = Field(default_factory=list, description="Awareness days in the month")
    features: list[Feature] = Field(default_factory=list, description="Activities, e.g. an oral history")


class Placeholder(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Field name (the CSV column)")
    label: Text = Copy("title", description="What to fill in, for people")
    blank: Text = Copy("title", description="What the blank shows, e.g. '[State/Organization]'")
    required: bool = Field(True, description="A filled proclamation must have it")
    max_length: int = Field(120, ge=1, le=2000, description="Longest value the layout takes")
    default: str | None = Copy("title", None, description="Value used when none is given")


class Proclamation(Model):
    title: Text = Copy("title", description="Heading of the proclamation")
    whereas: list[Text] = Copy(
        "prose", min_length=1, description="Whereas clauses; {name} marks a placeholder"
    )
    resolution: Text = Copy("prose", description="The 'Now, therefore' paragraph; {name} marks a placeholder")
    signature_lines: list[Text] = Copy("title", default_factory=list, description="Lines under the text")
    placeholders: list[Placeholder] = Field(default_factory=list, description="Fields to fill in")


class GuidelineItem(Model):
    text: Text = Copy("guideline", description="The guideline")
    items: list[Text] = Copy("guideline", default_factory=list, description="Sub-points")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, v: object) -> object:
        return {"text": v} if isinstance(v, str) else v


class GuidelineList(Model):
    intro: str | None = Copy("guideline", None, description="Lead-in, e.g. 'Messaging should:'")
    items: list[GuidelineItem] = Field(min_length=1, description="The points")


class Guideline(Model):
    title: Text = Copy("title", description="e.g. 'Messaging', 'Images', 'Statistics'")
    kind: Literal["messaging", "images", "statistics", "other"] = Field(
        "other", description="What the guideline governs"
    )
    lists: list[GuidelineList] = Field(min_length=1, description="One or more lists of points")


class Guidelines(Model):
    title: Text = Copy("title", description="Heading of the best-practice section")
    subtitle: str | None = Copy("title", None, description="Sub-heading")
    sections: list[Guideline] = Field(min_length=1, description="Messaging, images, statistics ...")


class CopyBlock(Model):
    title: str | None = Copy("title", None, description="Heading in the toolkit")
    subject: str | None = Copy("prose", None, description="Email subject line (newsletter only)")
    preheader: str | None = Copy("prose", None, description="Email preview text (newsletter only)")
    body: Prose = Copy("prose", description="The copy partners paste")
    image: str | None = Field(None, description="Image file (brand_assets or beside the config)")
    image_alt: str | None = Copy("alt", None, description="Alt text for the image")


class DigitalEngagement(Model):
    newsletter: CopyBlock = Field(description="Sample newsletter content")
    website: CopyBlock = Field(description="Sample website content")
    image_base_url: str | None = Field(
        None,
        description="The https:// address where copy/images/ will be hosted; the newsletter and website "
        "copy show their images from there (without it the newsletter leaves them out)",
    )
    blocks: list[Feature] = Field(
        default_factory=list, description="Further items: meeting backgrounds, slides"
    )
    social_blocks: list[Feature] = Field(
        default_factory=list,
        description="Items under Social Media, before its sample content: e.g. sample graphics",
    )
    social_intro: Prose | None = Copy("prose", None, description="Text introducing the sample social content")


class Resource(Model):
    type: Text = Copy("title", description="Type label shown in bold, e.g. 'Fact Sheet'")
    title: Text = Copy("title", description="Title (the link text)")
    url: Url | None = Field(None, description="Where it lives (http, https or mailto)")
    description: str | None = Copy("prose", None, description="One or two sentences")
    date: str | None = Copy("title", None, description="Publication date as written by the source")


class ResourceCategory(Model):
    name: Text = Copy("title", description="Category heading")
    description: Prose | None = Copy("prose", None, description="Text under the heading")
    resources: list[Resource] = Field(min_length=1, description="Resources in this category")


class FillIn(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Written in text as {name}")
    prompt: Text = Copy("title", description="What to fill in, for the person completing the kit")
    blank: Text = Copy("title", description="What the open blank shows, e.g. '[link to proclamation]'")
    value: str | None = Copy(
        "post", None, description="The value; unset, the fill-in stays open (a highlighted blank)"
    )


class Endnote(Model):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$", description="Referenced in prose as [^id]")
    text: Prose = Copy("prose", description="The note")


class Content(Model):
    """Everything that is said in one language."""

    observance: Observance = Field(description="The observance and its year")
    organization: Organization = Field(description="Who issues the toolkit")
    theme: Theme = Field(description="This year's theme")
    introduction: Prose = Copy("prose", description="Introduction of the toolkit")
    introduction_title: str | None = Copy("title", None, description="Title above the introduction")
    goals: list[Text] = Copy("prose", min_length=1, description="Campaign goals")
    audiences_intro: str | None = Copy("prose", None, description="Lead-in before the audiences")
    audiences: list[Audience] = Field(min_length=1, description="Who should use this toolkit")
    hashtags: Hashtags = Field(description="Hashtags and their limit")
    hotline: Hotline | None = Field(None, description="The hotline promoted in every campaign")
    guidelines: Guidelines | None = Field(None, description="Messaging, image and statistics guidance")
    events: Events = Field(default_factory=Events, description="Events and awareness days")
    proclamation: Proclamation | None = Field(None, description="The sample proclamation")
    digital: DigitalEngagement = Field(description="Newsletter, website and other digital copy")
    weeks_intro: Prose | None = Copy("prose", None, description="Text before the focus weeks")
    weeks: list[Week] = Field(min_length=1, description="Focus weeks, in order")
    resources: list[ResourceCategory] = Field(default_factory=list, description="Resources by category")
    endnotes: list[Endnote] = Field(default_factory=list, description="Notes referenced as [^id]")
    fill_ins: list[FillIn] = Field(
        default_factory=list,
        description="Blanks for whoever adopts the kit, written {name} in text: open, a highlighted "
        "blank kept out of upload files; given a value (`fill:`, or `htpm build --fill`), the value",
    )
    fill: dict[str, str] = Copy(
        "post", default_factory=dict, description="Values for fill-ins by name (an overlay fills in here)"
    )
    labels: dict[str, str] = Copy(
        "title", default_factory=dict, description="Override headings and fixed words (see templates/labels)"
    )


class CampaignConfig(Content):
    """The whole config file (after `extends:` is merged)."""

    locale: str = Field("en-US", pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$", description="BCP 47 language tag")
    branding: Branding = Field(description="Colours, fonts, logo")
    social: Social = Field(default_factory=Social, description="Platforms and posting schedule")
    graphics: Graphics = Field(default_factory=Graphics, description="Which graphics to render")
    lint: LintSettings = Field(default_factory=LintSettings, description="Messaging lint settings")
    translations: dict[str, dict[str, object]] = Field(
        default_factory=dict,
        description="Per locale (e.g. es-US): content keys overriding this config in that language, "
        "built into DIR/<locale>/ (source_hashes: kept by `htpm translations import`)",
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, v: str) -> str:
        return known_locale(v)

    @field_validator("translations")
    @classmethod
    def _known_locales(cls, v: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
        for tag in v:
            known_locale(tag)
        return v


def known_locale(tag: str) -> str:
    """`tag` when Babel has its dates and numbers; a ValueError naming it otherwise (`zz`)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"unknown locale {tag!r} (no dates or numbers for it; e.g. en-US, es-US)") from None
    return tag
