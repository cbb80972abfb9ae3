"""The config's settings: how the kit looks and goes out (branding, posting schedule, graphics, lint),
as opposed to what it says (`htpm.model.Content`). Unknown keys forbidden, frozen, like every model.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from htpm.fields import HEX_COLOUR, Copy, Model, Platform, Weekday


class Palette(Model):
    primary: str = Field(description="Main brand colour, #RRGGBB")
    secondary: str = Field(description="Second colour, #RRGGBB")
    accent: str = Field(description="Highlight colour, #RRGGBB")
    dark: str = Field("#1A1A1A", description="Dark text/background colour, #RRGGBB")
    light: str = Field("#FFFFFF", description="Light text/background colour, #RRGGBB")

    @field_validator("*")
    @classmethod
    def _hex(cls, v: str) -> str:
        if not HEX_COLOUR.match(v):
            raise ValueError(f"{v!r} is not a colour (expected #RRGGBB)")
        return v.upper()


class Fonts(Model):
    heading: str = Field("NotoSans-Bold.ttf", description="Heading font file under brand_assets/fonts")
    body: str = Field("NotoSans-Regular.ttf", description="Body font file under brand_assets/fonts")
    docx_heading: str | None = Field(None, description="Font family name for Word headings")
    docx_body: str | None = Field(None, description="Font family name for Word body text")


class Branding(Model):
    palette: Palette = Field(description="Brand colours")
    fonts: Fonts = Field(default_factory=Fonts, description="Fonts")
    logo: str | None = Field(None, description="Logo file (PNG or JPEG) beside the config or in brand_assets")
    logo_alt: str | None = Copy("alt", None, description="Alt text for the logo")
    photo: str | None = Field(None, description="Background photo for graphics (PNG or JPEG)")
    document_colours: Literal["auto", "palette", "base"] = Field(
        "auto",
        description="Colour of the toolkit's title, headings, rules and table headers: 'palette' "
        "(branding.palette.primary, or its dark where primary is too light for text), 'base' (as "
        "the base document has them), 'auto' (palette on htpm's own base.docx, base on a designer's)",
    )


class Schedule(Model):
    timezone: str = Field("America/New_York", description="IANA time zone of posting times")
    times: dict[Weekday, list[str]] = Field(
        default_factory=lambda: {d: ["10:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        description="Posting times (HH:MM, 24 h) per weekday",
    )
    include_in_calendar: bool = Field(False, description="Add each scheduled post to calendar.ics")

    @field_validator("times")
    @classmethod
    def _times(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for day, times in v.items():
            for t in times:
                if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t):
                    raise ValueError(f"{day}: {t!r} is not a time (expected HH:MM, 24 h)")
            if len(set(times)) != len(times):
                raise ValueError(f"{day}: a posting time is given twice")
        return v


class Social(Model):
    platforms: list[Platform] = Field(
        default_factory=lambda: list[Platform](["x", "facebook", "instagram", "linkedin"]),
        description="Platforms to write posts for",
    )
    schedule: Schedule = Field(default_factory=Schedule, description="When posts go out")
    image_base_url: str | None = Field(None, description="Where graphics will be hosted (Buffer's Image URL)")


class Graphics(Model):
    sizes: list[str] = Field(
        default_factory=lambda: ["instagram_square", "instagram_portrait", "x", "facebook"],
        description="Sizes to render (see templates/graphics)",
    )
    layouts: list[str] = Field(
        default_factory=lambda: ["week", "theme", "hotline", "meeting", "meeting-theme", "banner"],
        description="Layout files to render (meeting backgrounds and banners have their own sizes)",
    )


class LintSettings(Model):
    allow: list[str] = Field(default_factory=list, description="Phrases never reported")
    disable: list[str] = Field(default_factory=list, description="Rule ids switched off")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Severity per rule id"
    )
    rules: list[dict[str, object]] = Field(
        default_factory=list, description="Extra rules, same form as templates/lint/<lang>.yaml"
    )
    readability_grade: float = Field(12.0, description="Flesch-Kincaid grade above which to warn")
