"""ODT (text) and ODS (spreadsheet) files written with odfpy."""

from __future__ import annotations

import io

from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P, SoftPageBreak

from maillage.interop.officedoc import document as doc
from maillage.interop.officedoc.document import cell_text


def _cell(value: str | int | float | None, style: Style | None = None) -> TableCell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=cell_text(value), stylename=style) if style else P(text=cell_text(value)))
    return cell


def _table(name: str, header: list[str], rows: list[list[str | int | float | None]], bold: Style) -> Table:
    table = Table(name=name[:31] or "Tableau")
    table.addElement(TableColumn(numbercolumnsrepeated=max(len(header), 1)))
    head = TableRow()
    for title in header:
        head.addElement(_cell(title, bold))
    table.addElement(head)
    for row in rows:
        line = TableRow()
        for value in row:
            line.addElement(_cell(value))
        table.addElement(line)
    return table


def ods_write(sheets: list[doc.Sheet]) -> bytes:
    spreadsheet = OpenDocumentSpreadsheet()
    bold = Style(name="Entete", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    spreadsheet.automaticstyles.addElement(bold)
    wide = Style(name="Large", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="4cm"))
    spreadsheet.automaticstyles.addElement(wide)
    for sheet in sheets:
        spreadsheet.spreadsheet.addElement(_table(sheet.name, sheet.header, sheet.rows, bold))
    buffer = io.BytesIO()
    spreadsheet.write(buffer)
    return buffer.getvalue()


def _heading_styles(text: OpenDocumentText) -> dict[int, Style]:
    styles = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt")):
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
        text.styles.addElement(style)
        styles[level] = style
    return styles


def odt_write(document: doc.Document) -> bytes:
    text = OpenDocumentText()
    headings = _heading_styles(text)
    bold = Style(name="Gras", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Italique", family="paragraph")
    italic.addElement(TextProperties(fontstyle="italic"))
    breaking = Style(name="Saut", family="paragraph")
    breaking.addElement(ParagraphProperties(breakbefore="page"))
    for style in (bold, italic, breaking):
        text.automaticstyles.addElement(style)
    body = text.text
    body.addElement(H(outlinelevel=1, stylename=headings[1], text=document.title))
    if document.subtitle:
        body.addElement(P(stylename=italic, text=document.subtitle))
    tables = 0
    for block in document.blocks:
        if isinstance(block, doc.Heading):
            level = min(max(block.level, 1), 3)
            body.addElement(H(outlinelevel=level, stylename=headings[level], text=block.text))
        elif isinstance(block, doc.Paragraph):
            for line in block.text.split("\n") or [""]:
                body.addElement(P(stylename=italic, text=line) if block.emphasis else P(text=line))
        elif isinstance(block, doc.Bullets):
            items = List()
            for item in block.items:
                entry = ListItem()
                entry.addElement(P(text=item))
                items.addElement(entry)
            body.addElement(items)
        elif isinstance(block, doc.Table):
            tables += 1
            body.addElement(P(stylename=bold, text=block.caption))
            body.addElement(_table(f"Tableau{tables}", block.header, block.rows, bold))
        elif isinstance(block, doc.PageBreak):
            body.addElement(SoftPageBreak())
            body.addElement(P(stylename=breaking, text=""))
    buffer = io.BytesIO()
    text.write(buffer)
    return buffer.getvalue()
