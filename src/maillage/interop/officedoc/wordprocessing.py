"""DOCX files written with python-docx (headings in Word's own styles, tables with a header row,
the page number in the footer)."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from maillage.interop.officedoc import document as doc
from maillage.interop.officedoc.document import cell_text


def _page_number_footer(section) -> None:  # type: ignore[no-untyped-def]
    paragraph = section.footer.paragraphs[0]
    paragraph.text = "Page "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def docx_write(document: doc.Document) -> bytes:
    out = new_docx()
    out.core_properties.title = document.title
    _page_number_footer(out.sections[0])
    out.add_heading(document.title, level=0)
    if document.subtitle:
        out.add_paragraph(document.subtitle).runs[0].italic = True
    for block in document.blocks:
        if isinstance(block, doc.Heading):
            out.add_heading(block.text, level=min(max(block.level, 1), 3))
        elif isinstance(block, doc.Paragraph):
            paragraph = out.add_paragraph(block.text)
            if block.emphasis and paragraph.runs:
                paragraph.runs[0].italic = True
        elif isinstance(block, doc.Bullets):
            for item in block.items:
                out.add_paragraph(item, style="List Bullet")
        elif isinstance(block, doc.Table):
            out.add_paragraph(block.caption).runs[0].bold = True
            table = out.add_table(rows=1, cols=max(len(block.header), 1))
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, block.header, strict=False):
                cell.text = title
                cell.paragraphs[0].runs[0].bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = cell_text(value)
        elif isinstance(block, doc.PageBreak):
            out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
