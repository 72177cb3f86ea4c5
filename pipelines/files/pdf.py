"""PDF: the text layer read by PDFium (pypdfium2), pages without one read by OCR.

PDFium cuts each line of text into segments where the gap between characters is wide; those
segments are the pieces ``layout`` turns into paragraphs and table rows.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from . import ocr
from .layout import Piece, lines_of, paragraphs
from .outcome import Extraction, Refused

# A page with fewer characters than this in its text layer is a scan.
MIN_PAGE_CHARS = 20


def page_pieces(page) -> list[Piece]:
    textpage = page.get_textpage()
    height = page.get_height()
    pieces = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            pieces.append(Piece(text, left, height - top, right, height - bottom))
    textpage.close()
    return pieces


def open_document(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise Refused("encrypted", "the PDF is encrypted") from error
        raise Refused("corrupt", f"PDFium cannot read it ({error})") from error


def extract(data: bytes, max_pages: int = 200, use_ocr: bool = True) -> Extraction:
    document = open_document(data)
    try:
        count = len(document)
        pages, scanned = [], 0
        for number in range(min(count, max_pages)):
            page = document[number]
            pieces = page_pieces(page)
            if sum(len(piece.text) for piece in pieces) < MIN_PAGE_CHARS and use_ocr:
                scanned += 1
                pieces = ocr.page_pieces(page)
            pages.append(lines_of(pieces))
            page.close()
    finally:
        document.close()
    return Extraction(format="pdf", text=paragraphs(pages), pages=count, ocr_pages=scanned,
                      truncated=count > max_pages)
