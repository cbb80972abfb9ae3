"""Write templates/proclamation/proclamation.docx, the designer-owned proclamation layout.

The file is an ordinary Word document with docxtpl tags (Jinja syntax): a designer may restyle it
in Word (fonts, colours, the letterhead, the border, the named paragraph styles) without code, as
long as the tags stay. This script only makes the first version; run from the repository root:

    python scripts/make_proclamation_template.py

The output is deterministic (fixed zip timestamps and document dates), so re-running it changes
nothing in git. The tags and their meaning are listed in docs/proclamation.md.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "templates" / "proclamation" / "proclamation.docx"

SERIF = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
INK = RGBColor(0x1B, 0x2A, 0x4A)  # deep navy
GREY = RGBColor(0x80, 0x80, 0x80)
FIXED = dt.datetime(2000, 1, 1)


def border(element, side: str, val: str = "single", size: int = 8, color: str = "1B2A4A", space: int = 4):
    """Add one border (w:top, w:bottom, ...) to a pPr/tcPr border container."""
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", val), ("sz", str(size)), ("space", str(space)), ("color", color)):
        edge.set(qn(f"w:{key}"), value)
    element.append(edge)


def paragraph_style(doc, name: str, size: float, **kw) -> object:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = SERIF
    font.size = Pt(size)
    font.bold = kw.get("bold", False)
    font.italic = kw.get("italic", False)
    font.small_caps = kw.get("small_caps", False)
    font.color.rgb = kw.get("color", RGBColor(0, 0, 0))
    fmt = style.paragraph_format
    fmt.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.LEFT)
    fmt.space_before = Pt(kw.get("before", 0))
    fmt.space_after = Pt(kw.get("after", 0))
    fmt.line_spacing = kw.get("line", 1.0)
    if "indent" in kw:
        fmt.left_indent = kw["indent"]
    fmt.keep_together = True
    return style


def signature_table(doc) -> None:  # type: ignore[no-untyped-def]
    """The signer's block beside the date: two borderless cells, each a rule with words under it;
    the row never splits, and the resolution before it keeps with it."""
    table = doc.add_table(rows=1, cols=3)
    table.autofit = False
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    date, gap, sign = row.cells
    for column, width in zip(table.columns, (Inches(2.4), Inches(0.8), Inches(3.6)), strict=True):
        column.width = width
        column.cells[0].width = width
    date.paragraphs[0].style = doc.styles["Date Rule"]
    date.add_paragraph("{{ labels.date }}", style="Date Line")
    gap.paragraphs[0].style = doc.styles["Date Line"]
    sign.paragraphs[0].style = doc.styles["Signer Rule"]
    sign.add_paragraph("{%p for line in signer %}", style="Signer")
    sign.add_paragraph("{{ line }}", style="Signer")
    sign.add_paragraph("{%p endfor %}", style="Signer")


def make() -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), SERIF)

    # One US Letter page: the margins, sizes and spacing below are what the page-count test
    # (tests/proclamation/test_proclamation_page.py) measures with LibreOffice, with every
    # placeholder at its longest; change them and that test says whether it still fits.
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(0.85)
    section.top_margin, section.bottom_margin = Inches(0.5), Inches(0.5)
    section.header_distance = section.footer_distance = Inches(0.3)
    page_borders = OxmlElement("w:pgBorders")
    page_borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        border(page_borders, side, "double", 12, space=20)
    section._sectPr.append(page_borders)

    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph_style(doc, "Seal Area", 8, italic=True, color=GREY, align=center)
    seal_box = paragraph_style(doc, "Seal Box", 8, italic=True, color=GREY, align=center, indent=Inches(0.14))
    seal_box.paragraph_format.right_indent = Inches(0.14)
    paragraph_style(doc, "Proclamation Heading", 22, bold=True, color=INK, after=1)
    paragraph_style(doc, "Letterhead", 11, small_caps=True, color=INK)
    rule = paragraph_style(doc, "Letterhead Rule", 3, after=8)
    paragraph_style(doc, "Proclamation Title", 14, bold=True, color=INK, align=center, after=8)
    # The body: 9.5 pt on exact 11.5 pt lines, so the page holds the same number of lines
    # whatever font Word or LibreOffice substitutes for Times New Roman.
    body = {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "line": Pt(11.5)}
    paragraph_style(doc, "Whereas", 9.5, after=3.5, **body)
    resolution = paragraph_style(doc, "Resolution", 9.5, before=1, after=0, **body)
    resolution.paragraph_format.keep_with_next = True  # never a signature block alone on a page
    signature = paragraph_style(doc, "Signature Rule", 10, before=22, indent=Inches(3.6))
    signature.paragraph_format.keep_with_next = True
    date_rule = paragraph_style(doc, "Date Rule", 10, before=22)
    paragraph_style(doc, "Signer Rule", 10, before=22).paragraph_format.keep_with_next = True
    date_rule.paragraph_format.keep_with_next = True
    signer = paragraph_style(doc, "Signer", 10, color=INK, before=1)
    signer.paragraph_format.keep_with_next = True
    line = paragraph_style(doc, "Signature Line", 10, color=INK, indent=Inches(3.6))
    line.paragraph_format.keep_with_next = True
    paragraph_style(doc, "Date Line", 10, color=INK, before=1)
    heading_rpr = doc.styles["Proclamation Heading"].element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "60")  # letter-spacing 3 pt
    heading_rpr.append(spacing)
    caps = OxmlElement("w:caps")
    heading_rpr.insert(0, caps)
    rule_ppr = rule.element.get_or_add_pPr()
    rule_borders = OxmlElement("w:pBdr")
    border(rule_borders, "bottom", "thickThinSmallGap", 18)
    rule_ppr.insert(0, rule_borders)
    for name in ("Signature Rule", "Date Rule", "Signer Rule"):
        sig_ppr = doc.styles[name].element.get_or_add_pPr()
        sig_borders = OxmlElement("w:pBdr")
        border(sig_borders, "bottom", "single", 6, space=1)
        sig_ppr.insert(0, sig_borders)
    # The seal box of the blank: a dashed frame drawn by the paragraph's own borders, so it is
    # there only when the paragraph is (the blank without a logo).
    box_ppr = seal_box.element.get_or_add_pPr()
    box_borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border(box_borders, side, "dashed", 6, color="808080", space=26 if side in ("top", "bottom") else 4)
    box_ppr.insert(0, box_borders)

    # Letterhead: the seal (or logo) on the left, the heading and the observance on the right.
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    row = table.rows[0]
    row.height, row.height_rule = Inches(0.9), WD_ROW_HEIGHT_RULE.EXACTLY
    seal, heading = row.cells
    for column, width in zip(table.columns, (Inches(1.3), Inches(5.5)), strict=True):
        column.width = width  # the grid LibreOffice reads
        column.cells[0].width = width  # the cell width Word reads
    seal.vertical_alignment = heading.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # exactly one paragraph stays in the cell: the logo, the blank's seal box, or nothing
    seal.paragraphs[0].style = doc.styles["Seal Area"]
    seal.paragraphs[0].add_run("{%p if logo %}")
    seal.add_paragraph("{{ logo }}", style="Seal Area")
    seal.add_paragraph("{%p elif seal_box %}", style="Seal Area")
    seal.add_paragraph("{{ labels.seal_area }}", style="Seal Box")
    seal.add_paragraph("{%p else %}", style="Seal Area")
    seal.add_paragraph("", style="Seal Area")
    seal.add_paragraph("{%p endif %}", style="Seal Area")
    margin = OxmlElement("w:tcMar")
    left = OxmlElement("w:left")
    left.set(qn("w:w"), "300")
    left.set(qn("w:type"), "dxa")
    margin.append(left)
    heading._tc.get_or_add_tcPr().append(margin)
    heading.paragraphs[0].style = doc.styles["Proclamation Heading"]
    heading.paragraphs[0].add_run("{{ labels.heading }}")
    heading.add_paragraph("{{ observance }} {{ year }}", style="Letterhead")

    doc.add_paragraph("", style="Letterhead Rule")
    doc.add_paragraph("{{ title }}", style="Proclamation Title")
    doc.add_paragraph("{%p for clause in whereas %}", style="Whereas")
    doc.add_paragraph("{{ clause }}", style="Whereas")
    doc.add_paragraph("{%p endfor %}", style="Whereas")
    doc.add_paragraph("{{ resolution }}", style="Resolution")
    # The signature block: with signer fields, a rule to sign on, the signer's name and title
    # under it, and a rule for the date; otherwise a rule and a caption per signature line.
    doc.add_paragraph("{%p if signer %}", style="Signature Line")
    signature_table(doc)
    doc.add_paragraph("{%p else %}", style="Signature Line")
    doc.add_paragraph("{%p for line in signature_lines %}", style="Signature Line")
    doc.add_paragraph("", style="Signature Rule")  # the line to sign on (one paragraph per line)
    doc.add_paragraph("{{ line }}", style="Signature Line")
    doc.add_paragraph("{%p endfor %}", style="Signature Line")
    doc.add_paragraph("{%p endif %}", style="Signature Line")

    props = doc.core_properties
    props.title = "Proclamation template"
    props.author = props.last_modified_by = "htpm"
    props.comments = "docxtpl tags: see docs/proclamation.md"
    props.created = props.modified = FIXED
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every timestamp fixed, so the file is byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(make())
    print(f"wrote {TARGET.relative_to(ROOT)}")
