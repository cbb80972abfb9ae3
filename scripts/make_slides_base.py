"""Create templates/slides/base.pptx, the designer-owned master of the presentation deck.

The slides generator relies only on what this file holds: a 16:9 slide master whose theme colours
it sets from the campaign's palette (dk1 = dark, lt1 = light, dk2 = primary, lt2 = light,
accent1 = primary, accent2 = secondary, accent3 = accent) and whose theme fonts it sets from
`branding.fonts.docx_heading` / `docx_body` when given; and these layouts, found by name:

- "Title Slide": title, subtitle and a picture placeholder for the logo;
- "Title and Content": title and body (the month, its goals, each focus week, the hotline);
- "Two Content": title and two bodies (how to take part);
- "Section Header": title and body on the primary colour (the closing call to action), with a
  picture placeholder for the logo;
- "Title Only" and "Blank", for presenters' own slides.

Every colour is a theme colour, so a designer restyles the deck by editing the theme and the
layouts in PowerPoint or LibreOffice Impress (keep the layout names and their placeholders, in
this order: the order is the reading order). Run from the repository root:

    python scripts/make_slides_base.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htpm.docx.package import normalise_zip  # noqa: E402

OUT = ROOT / "templates" / "slides" / "base.pptx"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
FONT = "Noto Sans"
KEEP = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank")

# neutral stand-ins; the generator replaces them with the campaign's palette
SCHEME = {
    "dk1": "1A1A1A",
    "lt1": "FFFFFF",
    "dk2": "1F3864",
    "lt2": "F2F2F2",
    "accent1": "1F3864",
    "accent2": "2E75B6",
    "accent3": "FFBE2E",
    "accent4": "404040",
    "accent5": "7F7F7F",
    "accent6": "A5A5A5",
    "hlink": "0B5394",
    "folHlink": "5B2C83",
}

Box = tuple[float, float, float, float]  # inches: left, top, width, height


def place(shape, box: Box) -> None:  # noqa: ANN001 - a python-pptx shape
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)


def add_rect(shapes, box: Box, colour: MSO_THEME_COLOR) -> None:  # noqa: ANN001
    """A filled rectangle without outline on a master or layout: python-pptx draws shapes only on
    slides, so it is drawn on a scratch slide and its element moved (the shape tree is the same)."""
    scratch = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    rect = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
    rect.fill.solid()
    rect.fill.fore_color.theme_color = colour
    rect.line.fill.background()
    rect.shadow.inherit = False
    element = rect._element
    c_nv_pr = element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
    c_nv_pr.set("name", "Decoration")
    tree = shapes._spTree
    c_nv_pr.set("id", str(max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1))
    style = element.find(qn("p:style"))
    if style is not None:  # the default style draws a shadow-less outline in accent colours
        element.remove(style)
    # before the placeholders (drawn under them, and before them in the reading order), after
    # the decoration added before it (drawn over it)
    shapes_before = [
        i
        for i, child in enumerate(tree)
        if child.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}[@name='Decoration']") is not None
    ]
    tree.insert(shapes_before[-1] + 1 if shapes_before else 2, element)


def text_style(shape, size: int, colour: MSO_THEME_COLOR, bold: bool = False) -> None:  # noqa: ANN001
    """The placeholder's level-1 text: size, theme colour, weight, left aligned."""
    frame = shape.text_frame
    body = frame._txBody
    lst = body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
    lvl.set("algn", "l")
    rpr = etree.SubElement(lvl, qn("a:defRPr"))
    rpr.set("sz", str(size * 100))
    rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set(
        "val", {"TEXT_1": "tx1", "BACKGROUND_1": "bg1"}[colour.name]
    )
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.word_wrap = True
    body_pr = body.find(qn("a:bodyPr"))
    for old in body_pr.findall(qn("a:normAutofit")):
        body_pr.remove(old)
    etree.SubElement(body_pr, qn("a:normAutofit"))  # PowerPoint and Impress shrink text that overflows


def theme(prs: Presentation) -> None:
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", "htpm")
    for name, value in SCHEME.items():
        slot = scheme.find(f"{a}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{a}srgbClr").set("val", value)
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", "htpm")
    for kind in ("majorFont", "minorFont"):
        fonts.find(f"{a}{kind}/{a}latin").set("typeface", FONT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def master(prs: Presentation) -> None:
    m = prs.slide_master
    boxes = {
        "Title Placeholder 1": (0.6, 0.5, 12.13, 1.0),
        "Text Placeholder 2": (0.6, 1.75, 12.13, 4.85),
        "Date Placeholder 3": (0.6, 6.9, 3.0, 0.4),
        "Footer Placeholder 4": (3.9, 6.9, 5.5, 0.4),
        "Slide Number Placeholder 5": (10.73, 6.9, 2.0, 0.4),
    }
    for shape in m.placeholders:
        place(shape, boxes[shape.name])
    title = m.placeholders[0]
    rpr = m.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    rpr.set("sz", "3600")
    rpr.set("b", "1")
    for fill in rpr.findall(qn("a:solidFill")):
        rpr.remove(fill)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", "tx2")
    rpr.insert(0, fill)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    lvl1 = m.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    lvl1.set("algn", "l")
    body = m.element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    for level, size in zip(range(1, 4), (24, 20, 18), strict=True):
        lvl = body.find(qn(f"a:lvl{level}pPr"))
        lvl.find(qn("a:defRPr")).set("sz", str(size * 100))
        spacing = lvl.find(qn("a:spcBef"))
        if spacing is not None:
            spacing.find(qn("a:spcPct")).set("val", "40000")
    add_rect(m.shapes, (0, 0, 13.333, 0.18), MSO_THEME_COLOR.ACCENT_1)
    add_rect(m.shapes, (0.6, 1.55, 1.2, 0.07), MSO_THEME_COLOR.ACCENT_3)


def layouts(prs: Presentation) -> None:
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if layout.name not in KEEP:
            layouts.remove(layout)
    for layout in layouts:
        for shape in layout.placeholders:
            idx = shape.placeholder_format.idx
            if idx == 10:
                place(shape, (0.6, 6.9, 3.0, 0.4))
            elif idx == 11:
                place(shape, (3.9, 6.9, 5.5, 0.4))
            elif idx == 12:
                place(shape, (10.73, 6.9, 2.0, 0.4))
        by_idx = {s.placeholder_format.idx: s for s in layout.placeholders}
        if layout.name == "Title and Content":
            place(by_idx[0], (0.6, 0.5, 12.13, 1.0))
            place(by_idx[1], (0.6, 1.85, 12.13, 4.85))
        elif layout.name == "Two Content":
            place(by_idx[0], (0.6, 0.5, 12.13, 1.0))
            place(by_idx[1], (0.6, 1.85, 5.9, 4.85))
            place(by_idx[2], (6.83, 1.85, 5.9, 4.85))
            plain_lists(by_idx[1])
            plain_lists(by_idx[2])
        elif layout.name == "Title Only":
            place(by_idx[0], (0.6, 0.5, 12.13, 1.0))
        elif layout.name == "Title Slide":
            title_slide(layout, by_idx)
        elif layout.name == "Section Header":
            section_header(layout, by_idx)


def logo_placeholder(layout, box: Box) -> None:  # noqa: ANN001
    """A picture placeholder for the logo (the generator fits the logo inside it, uncropped)."""
    template = Presentation().slide_layouts[8]  # Picture with Caption holds a picture placeholder
    source = next(s for s in template.placeholders if s.placeholder_format.type == 18)
    element = parse_xml(etree.tostring(source._element))  # python-pptx's element classes
    element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}").set("idx", "13")
    c_nv_pr = element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
    c_nv_pr.set("name", "Logo Placeholder")
    c_nv_pr.set("id", str(max(int(e.get("id")) for e in layout.element.iter(qn("p:cNvPr"))) + 1))
    layout.shapes._spTree.append(element)
    shape = next(s for s in layout.placeholders if s.placeholder_format.idx == 13)
    place(shape, box)
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.text = "Logo"


def own_background(layout) -> None:  # noqa: ANN001
    """The layout draws its own decoration: the master's bar and rule are not shown on it."""
    layout.element.set("showMasterSp", "0")


def plain_lists(shape) -> None:  # noqa: ANN001
    """The placeholder takes the master's text sizes (the default template sets its own)."""
    lst = shape.text_frame._txBody.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)


def title_slide(layout, by_idx) -> None:  # noqa: ANN001
    own_background(layout)
    layout.background.fill.solid()
    layout.background.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
    add_rect(layout.shapes, (0, 0, 13.333, 5.1), MSO_THEME_COLOR.ACCENT_1)
    add_rect(layout.shapes, (0.8, 3.25, 1.4, 0.09), MSO_THEME_COLOR.ACCENT_3)
    place(by_idx[0], (0.8, 0.7, 11.7, 2.4))
    text_style(by_idx[0], 44, MSO_THEME_COLOR.BACKGROUND_1, bold=True)
    by_idx[0].text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    place(by_idx[1], (0.8, 3.5, 11.7, 1.4))
    text_style(by_idx[1], 24, MSO_THEME_COLOR.BACKGROUND_1)
    logo_placeholder(layout, (0.8, 5.55, 4.5, 1.1))


def section_header(layout, by_idx) -> None:  # noqa: ANN001
    own_background(layout)
    layout.background.fill.solid()
    layout.background.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    add_rect(layout.shapes, (0, 5.45, 13.333, 2.05), MSO_THEME_COLOR.BACKGROUND_1)
    add_rect(layout.shapes, (0.8, 2.55, 1.4, 0.09), MSO_THEME_COLOR.ACCENT_3)
    # title first, body second: the reading order
    title, body = by_idx[0]._element, by_idx[1]._element
    tree = title.getparent()
    tree.remove(title)
    tree.insert(list(tree).index(body), title)
    place(by_idx[0], (0.8, 0.7, 11.7, 1.75))
    text_style(by_idx[0], 40, MSO_THEME_COLOR.BACKGROUND_1, bold=True)
    by_idx[0].text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    place(by_idx[1], (0.8, 2.8, 11.7, 2.5))
    text_style(by_idx[1], 24, MSO_THEME_COLOR.BACKGROUND_1)
    bullets_off(by_idx[1])
    logo_placeholder(layout, (0.8, 5.85, 4.5, 1.1))


def bullets_off(shape) -> None:  # noqa: ANN001
    lvl = shape.text_frame._txBody.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    lvl.set("marL", "0")
    lvl.set("indent", "0")
    etree.SubElement(lvl, qn("a:buNone"))
    lvl.insert(0, lvl[-1])


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    theme(prs)
    master(prs)
    layouts(prs)
    props = prs.core_properties
    props.title = "htpm presentation master"
    props.author = "htpm"
    props.last_modified_by = "htpm"
    props.revision = 1
    props.language = "en-US"
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.created = props.modified = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(normalise_zip(buffer.getvalue()))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
