"""DOCX (Office Open XML) with python-docx: paragraphs and tables in document order, tables
one row per line as ``pipelines.tables`` writes them (a merged cell once, where it starts)."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipelines.tables import row_line

from .archive import open_zip
from .outcome import Extraction, Refused


def table_lines(table: Table) -> list[str]:
    seen = set()  # the cell elements themselves: holding them keeps lxml from reusing their proxies' ids
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(" ".join(part.strip() for part in cell.text.split("\n") if part.strip()))
        line = row_line(cells)
        if line:
            lines.append(line)
    return lines


def extract(data: bytes) -> Extraction:
    open_zip(data).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors … on broken packages
        raise Refused("corrupt", f"python-docx cannot read it ({error.__class__.__name__}: {error})") from error
    lines = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = Paragraph(element, document).text.strip()
            if text:
                lines.append(text)
        elif element.tag == qn("w:tbl"):
            lines += table_lines(Table(element, document))
    return Extraction(format="docx", text="\n".join(lines))
