"""PDF: the text layer read by PDFium (pypdfium2), pages without one read by OCR.

PDFium cuts each line of text into segments where the gap between characters is wide; those
segments are the pieces ``layout`` turns into paragraphs and table rows.
"""

from __future__ import annotations

import ctypes
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr
from .grid import Rule, placed_lines, rule
from .layout import Piece, paragraphs
from .outcome import Extraction, Refused

# A page with fewer characters than this in its text layer is a scan.
MIN_PAGE_CHARS = 20
# PDFium is not thread-safe: every use of it in the process holds this lock.
PDFIUM_LOCK = threading.RLock()


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


def path_points(path, matrix, height: float) -> list[tuple[int, float, float]]:
    """(segment type, x, y from the top) of each point of a path object, in page space."""
    a, b, c, d, e, f = matrix
    points = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(path.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append((pdfium_c.FPDFPathSegment_GetType(segment), px, height - py))
    return points


def page_rules(page) -> list[Rule]:
    """The straight lines drawn on the page, and thin filled rectangles (Word's cell borders)."""
    height = page.get_height()
    rules = []
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        left, bottom, right, top = path.get_bounds()
        if min(right - left, top - bottom) <= 2.5 and max(right - left, top - bottom) >= 6:
            rules.append(rule(left, height - top, right, height - bottom))
            continue
        points = path_points(path, path.get_matrix().get(), height)
        for (_, x0, y0), (kind, x1, y1) in zip(points, points[1:]):
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                rules.append(rule(x0, y0, x1, y1))
    return rules


def open_document(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise Refused("encrypted", "the PDF is encrypted") from error
        raise Refused("corrupt", f"PDFium cannot read it ({error})") from error


def extract(data: bytes, max_pages: int = 200, use_ocr: bool = True) -> Extraction:
    with PDFIUM_LOCK:
        return read_document(data, max_pages, use_ocr)


def read_document(data: bytes, max_pages: int, use_ocr: bool) -> Extraction:
    document = open_document(data)
    try:
        count = len(document)
        pages, scanned = [], 0
        for number in range(min(count, max_pages)):
            page = document[number]
            pieces, rules = page_pieces(page), page_rules(page)
            if sum(len(piece.text) for piece in pieces) < MIN_PAGE_CHARS and use_ocr:
                scanned += 1
                pieces, rules = ocr.page_reading(page)
            pages.append(placed_lines(rules, pieces))
            page.close()
    finally:
        document.close()
    return Extraction(format="pdf", text=paragraphs(pages), pages=count, ocr_pages=scanned,
                      detail=f"only the first {max_pages} of {count} pages read" if count > max_pages else None)
