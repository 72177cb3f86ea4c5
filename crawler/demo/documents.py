"""A synthetic report (``reports.Report``) as the files sites attach: a text PDF with running
header and page numbers, a scanned PDF (page images, no text layer), DOCX, and through
LibreOffice the legacy DOC and WPS; OFD (GB/T 33190) written directly.

Used by the demo sites, the tests and ``bench/attachments.py``.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
import threading
import zipfile
from html import escape
from pathlib import Path

from .reports import Report, cells
from .table_grid import place

CID_FONT = "STSong-Light"  # one of the PDF reader's predefined CJK fonts: nothing embedded, no font file needed


def pdf_bytes(report: Report, header: str | None = None, column_order: bool | None = None, repeat_header: bool = False) -> bytes:
    """A text PDF: paragraphs with a first-line indent, ruled tables with merged cells (cut at page
    breaks, ``crawler.demo.pdf_table``), a running header and ``- N -`` page numbers. Unless told,
    a report's own draw decides whether its tables' text is written column by column (the text
    read back is the same), so a corpus has both; ``repeat_header`` prints a cut table's header
    rows again on the next page (the gold text has them once)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from .pdf_table import GridTable

    column_order = random.Random(report.title).random() < 0.3 if column_order is None else column_order

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    body = ParagraphStyle("body", fontName=CID_FONT, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=1, firstLineIndent=0, spaceAfter=12)
    cell = ParagraphStyle("cell", fontName=CID_FONT, fontSize=8, leading=10, wordWrap="CJK")
    header = header or report.agency

    def chrome(canvas, document):
        canvas.saveState()
        canvas.setFont(CID_FONT, 9)
        canvas.drawString(document.leftMargin, A4[1] - 40, header)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")
        canvas.restoreState()

    flow = [Paragraph(escape(report.title), title)]
    for kind, content in report.blocks:
        if kind == "table":
            flow.append(GridTable.of(content, 455, cell, column_order, repeat_header))
        else:
            flow.append(Paragraph(escape(content), heading if kind == "h" else body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=70, rightMargin=70, topMargin=60, bottomMargin=60,
                      title=report.title).build(flow, onFirstPage=chrome, onLaterPages=chrome)
    return out.getvalue()


def scanned_pdf_bytes(report: Report, dpi: int = 110, max_pages: int | None = None) -> bytes:
    """The text PDF printed and scanned: page images only, no text layer."""
    import pypdfium2 as pdfium

    from pipelines.files.pdf import PDFIUM_LOCK

    text_pdf = pdf_bytes(report)
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(text_pdf)
        images = [document[number].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                  for number in range(min(len(document), max_pages or len(document)))]
        document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def docx_bytes(report: Report) -> bytes:
    """A Word document: the title, headings, paragraphs and tables with merged cells (``crawler.demo.table_grid``)."""
    import docx

    document = docx.Document()
    document.add_heading(report.title, level=1)
    for kind, content in report.blocks:
        if kind == "table":
            placed, height, width = place(content)
            table = document.add_table(rows=height, cols=width)
            table.style = "Table Grid"
            for cell in placed:
                box = table.cell(cell.row, cell.column)
                if cell.rowspan > 1 or cell.colspan > 1:
                    box = box.merge(table.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1))
                box.text = cell.text
        elif kind == "h":
            document.add_heading(content, level=2)
        else:
            document.add_paragraph(content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def libreoffice_convert(data: bytes, source_suffix: str, target: str) -> bytes:
    """``data`` converted by LibreOffice (``soffice --convert-to target``)."""
    return libreoffice_convert_all([data], source_suffix, target)[0]


def libreoffice_convert_all(documents: list[bytes], source_suffix: str, target: str) -> list[bytes]:
    """Each of ``documents`` converted by LibreOffice, in one run of ``soffice`` (its start-up is most of the time)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as folder:
        sources = [Path(folder) / f"report{number}.{source_suffix}" for number in range(len(documents))]
        for source, data in zip(sources, documents):
            source.write_bytes(data)
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(Path(folder) / "out"), *map(str, sources)],
                       check=True, capture_output=True, timeout=180 + 20 * len(documents))
        converted = {path.stem: path.read_bytes() for path in (Path(folder) / "out").iterdir()}
        return [converted[source.stem] for source in sources]


def office_pdfs(reports: list[Report]) -> list[bytes]:
    """The reports as PDFs the way most sites make them: their DOCX, merged cells and all, printed by LibreOffice."""
    return libreoffice_convert_all([docx_bytes(report) for report in reports], "docx", "pdf")


def doc_bytes(report: Report) -> bytes:
    """A legacy Word 97–2003 ``.doc``, written by LibreOffice from the DOCX."""
    return libreoffice_convert(docx_bytes(report), "docx", "doc:MS Word 97")


def wps_bytes(report: Report) -> bytes:
    """A Kingsoft WPS ``.wps`` as the sites serve it: WPS writes the Word 97 binary format under its own suffix."""
    return doc_bytes(report)


def ofd_bytes(report: Report) -> bytes:
    """An OFD document (GB/T 33190): one page per 30 lines, each line a ``TextObject``, table cells side by side."""
    lines = [(report.title,)]
    for kind, content in report.blocks:
        if kind == "table":
            content = table_texts(content)
            lines += [tuple(row) for row in content]
        else:
            lines += [(content[k:k + 36],) for k in range(0, len(content), 36)]
    pages = [lines[k:k + 30] for k in range(0, len(lines), 30)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
                                    'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                                    '</ofd:DocBody></ofd:OFD>')
        page_list = "".join(f'<ofd:Page ID="{n + 10}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        archive.writestr("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
                                               f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
        for number, page in enumerate(pages):
            objects = []
            for row, cells in enumerate(page):
                x = 20.0
                for cell in cells:
                    objects.append(f'<ofd:TextObject ID="{number * 1000 + len(objects)}" Boundary="{x:.1f} {20 + row * 8:.1f} '
                                   f'{len(cell) * 4.2:.1f} 6" Font="1" Size="4.2"><ofd:TextCode X="0" Y="5">{escape(cell)}</ofd:TextCode>'
                                   "</ofd:TextObject>")
                    x += max(len(cell) * 4.2, 20) + 12 if len(cells) > 1 else 0
            archive.writestr(f"Doc_0/Pages/Page_{number}/Content.xml",
                             '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
                             f'<ofd:Layer ID="{number + 1}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return out.getvalue()


RENDERERS = {"pdf": pdf_bytes, "scan": scanned_pdf_bytes, "docx": docx_bytes, "doc": doc_bytes, "wps": wps_bytes, "ofd": ofd_bytes}
SUFFIXES = {"pdf": "pdf", "scan": "pdf", "docx": "docx", "doc": "doc", "wps": "wps", "ofd": "ofd"}
CONTENT_TYPES = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "doc": "application/msword", "wps": "application/vnd.ms-works", "ofd": "application/ofd"}

_rendered: dict[tuple, bytes] = {}
_render_lock = threading.Lock()  # the mock servers answer from several threads; reportlab keeps global state


def render(report: Report, file_format: str) -> bytes:
    """``report`` as a file of ``file_format`` (a ``RENDERERS`` key); the same report is rendered once per process."""
    key = (file_format, report.title, repr(report.blocks))
    with _render_lock:
        if key not in _rendered:
            if len(_rendered) >= 512:
                _rendered.clear()
            _rendered[key] = RENDERERS[file_format](report)
        return _rendered[key]


def table_texts(rows) -> list[list[str]]:
    """A table's rows as the texts of the cells starting in them (``crawler.demo.reports.cells``)."""
    return [[cell.text for cell in cells(row)] for row in rows]
