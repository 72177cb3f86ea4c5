"""OCR of page images with RapidOCR (PaddleOCR's Chinese models on ONNX Runtime).

The models ship inside the ``rapidocr-onnxruntime`` wheel, so nothing is downloaded at run time.
The engine is loaded once per process, on the first scanned page.
"""

from __future__ import annotations

import threading

from .layout import Piece

# Pages are rendered at this multiple of 72 dpi before OCR (2 ≈ 144 dpi: small print stays legible).
RENDER_SCALE = 2.0
MIN_SCORE = 0.5

_engine = None
_lock = threading.Lock()


def engine():
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR()
    return _engine


def image_pieces(image) -> list[Piece]:
    """Text boxes found in a page image (a PIL image or an array), in the image's pixel units."""
    import numpy

    with _lock:
        found, _elapsed = engine()(numpy.asarray(image.convert("RGB")) if hasattr(image, "convert") else image)
    pieces = []
    for box, text, score in found or ():
        if float(score) < MIN_SCORE:
            continue
        xs, ys = [point[0] for point in box], [point[1] for point in box]
        pieces.append(Piece(text, min(xs), min(ys), max(xs), max(ys)))
    return pieces


def page_pieces(page) -> list[Piece]:
    """Text boxes of a PDF page (pypdfium2) read by OCR, in PDF points."""
    image = page.render(scale=RENDER_SCALE).to_pil()
    return [Piece(p.text, p.left / RENDER_SCALE, p.top / RENDER_SCALE, p.right / RENDER_SCALE, p.bottom / RENDER_SCALE)
            for p in image_pieces(image)]
