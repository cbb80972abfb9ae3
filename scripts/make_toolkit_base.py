"""Create templates/toolkit/base.docx, the designer-owned starting document of the toolkit.

The toolkit generator relies only on what this file holds: the styles it names (Title, Subtitle,
Heading 1-4, List Bullet 1-3, List Number 1-3, List Continue 1-3 (prose lists nest up to three
levels; each numbered list gets its own numbering instance of its style's list, so it restarts),
TOC Heading, toc 1-3 (Word's built-in TOC styles, shown as "TOC 1" ...), Hyperlink, Note
Reference, Note Text, Resource Description, Callout, Lead, Cover *, Proclamation *, Signature
Line, Toolkit Table), the page setup, the header and footer (with a PAGE field) and the cover
placeholders: paragraphs whose whole text is `{logo}`, `{organization}`, `{observance}`, `{year}`,
`{theme}` or `{tagline}` (and `{title}` in the header). After running this script once, designers
restyle base.docx in Word or LibreOffice (fonts, colours, spacing, the cover's layout) without
touching code; keep the style names and placeholders. Run from the repository root:

    python scripts/make_toolkit_base.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.docx.oxml import add_field  # noqa: E402
from htpm.docx.package import document_bytes  # noqa: E402

OUT = ROOT / "templates" / "toolkit" / "base.docx"
FONT = "Arial"  # Liberation Sans (metric-compatible) stands in where Arial is missing
INK = "1A1A1A"  # body text: 17:1 on white
MUTED = "404040"  # secondary text: 10:1 on white
BRAND = "1F3864"  # headings (the generator recolours them from branding.palette): 11.6:1
LINK = "0B5394"  # 7.6:1 on white
TINT = "EEF2F8"  # callout background; INK on it is 15:1

# name: (type, based on, pPr inner XML, rPr inner XML)
STYLES: dict[str, tuple[str, str | None, str, str]] = {
    # Normal carries no colour: the body colour is the document default, so a table style's
    # header row (white on the brand colour) is not overridden by it.
    "Normal": ("p", None, '<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>', ""),
    "Title": (
        "p",
        "Normal",
        '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="68"/><w:szCs w:val="68"/>',
    ),
    "Subtitle": (
        "p",
        "Normal",
        '<w:keepNext/><w:spacing w:before="120" w:after="120"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="36"/><w:szCs w:val="36"/>',
    ),
    "Cover Logo": ("p", "Normal", '<w:spacing w:before="0" w:after="2160"/>', ""),
    "Cover Organization": (
        "p",
        "Normal",
        f'<w:pBdr><w:top w:val="single" w:sz="36" w:space="12" w:color="{BRAND}"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="240"/>',
        f'<w:b/><w:caps/><w:color w:val="{MUTED}"/><w:spacing w:val="20"/><w:sz w:val="24"/>',
    ),
    "Cover Year": (
        "p",
        "Normal",
        '<w:spacing w:before="0" w:after="480"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="96"/><w:szCs w:val="96"/>',
    ),
    "Cover Tagline": ("p", "Normal", "", f'<w:i/><w:color w:val="{MUTED}"/><w:sz w:val="26"/>'),
    "Heading 1": (
        "p",
        "Normal",
        "<w:keepNext/><w:keepLines/>"  # no page break: a part starts a page only where it serves
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{BRAND}"/></w:pBdr>'
        '<w:spacing w:before="600" w:after="240"/><w:outlineLvl w:val="0"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="40"/><w:szCs w:val="40"/>',
    ),
    "Heading 2": (
        "p",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="30"/><w:szCs w:val="30"/>',
    ),
    "Heading 3": (
        "p",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="25"/><w:szCs w:val="25"/>',
    ),
    "Heading 4": (
        "p",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="3"/>',
        f'<w:b/><w:color w:val="{MUTED}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "Lead": (
        "p",
        "Normal",
        '<w:keepNext/><w:spacing w:after="200"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="26"/>',
    ),
    "List Bullet": ("p", "Normal", '<w:spacing w:after="80"/>', ""),
    "List Bullet 2": ("p", "Normal", '<w:spacing w:after="60"/>', ""),
    "List Bullet 3": ("p", "Normal", '<w:spacing w:after="60"/>', ""),
    "List Number": ("p", "Normal", '<w:spacing w:after="80"/>', ""),
    "List Number 2": ("p", "Normal", '<w:spacing w:after="60"/>', ""),
    "List Number 3": ("p", "Normal", '<w:spacing w:after="60"/>', ""),
    # a list item's second paragraph, aligned with the item's words
    "List Continue": ("p", "Normal", '<w:spacing w:after="80"/><w:ind w:left="360"/>', ""),
    "List Continue 2": ("p", "Normal", '<w:spacing w:after="60"/><w:ind w:left="720"/>', ""),
    "List Continue 3": ("p", "Normal", '<w:spacing w:after="60"/><w:ind w:left="1080"/>', ""),
    "TOC Heading": (
        "p",
        "Heading 1",
        '<w:pageBreakBefore/><w:pBdr/><w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>',
        f'<w:b/><w:color w:val="{BRAND}"/><w:sz w:val="40"/>',
    ),
    "toc 1": (
        "p",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
        '<w:spacing w:before="100" w:after="0" w:line="240" w:lineRule="auto"/>',
        "<w:b/>",
    ),
    "toc 2": (
        "p",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="360"/>',
        "",
    ),
    "toc 3": (
        "p",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="720"/>',
        "",
    ),
    "Callout": (  # a box kept on one page: consecutive Callout paragraphs share one border
        "p",
        "Normal",
        "<w:keepNext/><w:keepLines/>"
        f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="{TINT}"/>'
        f'<w:left w:val="single" w:sz="36" w:space="8" w:color="{BRAND}"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="6" w:color="{TINT}"/>'
        f'<w:right w:val="single" w:sz="4" w:space="8" w:color="{TINT}"/></w:pBdr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{TINT}"/>'
        '<w:spacing w:before="0" w:after="60"/><w:ind w:left="240" w:right="240"/>',
        "",
    ),
    "Proclamation Title": (
        "p",
        "Normal",
        '<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>',
        f'<w:b/><w:color w:val="{INK}"/><w:sz w:val="26"/>',
    ),
    "Proclamation Text": ("p", "Normal", '<w:spacing w:after="160"/><w:ind w:left="360" w:right="360"/>', ""),
    "Signature Line": (
        "p",
        "Normal",
        "<w:keepNext/><w:keepLines/>"
        f'<w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="{INK}"/></w:pBdr>'
        '<w:spacing w:before="720" w:after="0"/><w:ind w:left="360" w:right="4680"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="20"/>',
    ),
    "Note Text": (
        "p",
        "Normal",
        '<w:spacing w:after="120"/><w:ind w:left="360" w:hanging="360"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "Resource Description": (
        "c",
        None,
        "",
        f'<w:color w:val="{MUTED}"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "Hyperlink": ("c", None, "", f'<w:color w:val="{LINK}"/><w:u w:val="single"/>'),
    # raised 3 pt at 9 pt rather than superscript (about 6 pt): a mark that can be read and hit
    "Note Reference": (
        "c",
        None,
        "",
        f'<w:b/><w:color w:val="{LINK}"/><w:position w:val="6"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    "Header": (
        "p",
        "Normal",
        '<w:spacing w:after="0"/><w:jc w:val="right"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="18"/>',
    ),
    "Footer": (
        "p",
        "Normal",
        '<w:spacing w:after="0"/><w:jc w:val="center"/>',
        f'<w:color w:val="{MUTED}"/><w:sz w:val="18"/>',
    ),
}

TABLE_STYLE = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="ToolkitTable">
  <w:name w:val="Toolkit Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr><w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
    </w:tblBorders>
    <w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BRAND}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""

COVER = ("{logo}", "Cover Logo"), ("{organization}", "Cover Organization"), ("{observance}", "Title")
COVER += ("{year}", "Cover Year"), ("{theme}", "Subtitle"), ("{tagline}", "Cover Tagline")


def define(document: docx.document.Document, name: str, spec: tuple[str, str | None, str, str]) -> None:
    kind, based_on, ppr, rpr = spec
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style_type = WD_STYLE_TYPE.CHARACTER if kind == "c" else WD_STYLE_TYPE.PARAGRAPH
        style = styles.add_style(name, style_type)
        if name.startswith("toc "):
            style.element.styleId = "TOC" + name[4:]  # Word's id for its built-in TOC styles
    element = style.element
    keep_num = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")  # list styles keep their numbering
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    if based_on:
        style.base_style = styles[based_on]
    if kind == "p":
        new_ppr = parse_xml(f"<w:pPr {nsdecls('w')}>{ppr}</w:pPr>")
        if keep_num is not None:
            new_ppr.insert(0, keep_num)
        element.append(new_ppr)
    element.append(parse_xml(f"<w:rPr {nsdecls('w')}>{rpr}</w:rPr>"))
    style.hidden = False
    style.quick_style = kind == "p"
    style.unhide_when_used = False


BULLETS = {"List Bullet": "\u2022", "List Bullet 2": "\u2013", "List Bullet 3": "\u25aa"}  # •, –, ▪


def bullet_glyph(document: docx.document.Document, name: str, glyph: str) -> None:
    """Each bullet level its own glyph (the default template gives all three the same one)."""
    num_id = document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(int(num_id.get(qn("w:val")))).abstractNumId.val
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:lvlText")).set(qn("w:val"), glyph)
    rpr = level.find(qn("w:rPr"))
    if rpr is not None:
        level.remove(rpr)
    level.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr>'))


def make() -> bytes:
    document = docx.Document()
    styles_el = document.styles.element
    # One font everywhere: drop theme font references, set the document default.
    for fonts in styles_el.iter(qn("w:rFonts")):
        fonts.getparent().remove(fonts)
    rpr_default = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rpr_default.getparent().replace(
        rpr_default,
        parse_xml(
            f"<w:rPr {nsdecls('w')}>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            f'<w:color w:val="{INK}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
            '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="en-US"/></w:rPr>'
        ),
    )
    for name, spec in STYLES.items():
        define(document, name, spec)
    for name, glyph in BULLETS.items():
        bullet_glyph(document, name, glyph)
    styles_el.append(parse_xml(TABLE_STYLE))

    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin, section.bottom_margin = Inches(1), Inches(0.9)
    section.header_distance = section.footer_distance = Inches(0.45)
    section.different_first_page_header_footer = True  # the cover has no header or footer
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run("{title}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    add_field(footer, "PAGE", "2")

    for text, style in COVER:
        document.add_paragraph(text, style=style)
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.comments = "Toolkit", "", "", ""
    return document_bytes(document)


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(make())
    print(f"wrote {OUT.relative_to(ROOT)}")
