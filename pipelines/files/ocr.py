"""OCR of page images with RapidOCR (PaddleOCR's Chinese models on ONNX Runtime).

The models ship inside the ``rapidocr-onnxruntime`` wheel, so nothing is downloaded at run time.
The engine is loaded once per process, on the first scanned page.
"""

from __future__ import annotations

import threading

from .grid import Rule, rule
from .layout import Piece

# Pages are rendered at this multiple of 72 dpi before OCR (2 ≈ 144 dpi: small print stays legible).
RENDER_SCALE = 2.0
MIN_SCORE = 0.5
# A run of dark pixels at least this long (in points) is a table rule, not a stroke of a character.
MIN_RULE_POINTS = 20
MAX_RULE_POINTS = 2.5  # a rule thicker than this is a filled area
DARK_LEVEL = 200  # grey level (0-255) below which a pixel may be part of a rule

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


def runs(dark, min_length: int) -> list[tuple[int, int, int]]:
    """(line, start, end) of every run of at least ``min_length`` dark pixels along the rows of ``dark``."""
    import numpy

    padded = numpy.pad(dark.astype(numpy.int8), ((0, 0), (1, 1)))
    changes = numpy.diff(padded, axis=1)
    starts, ends = numpy.nonzero(changes == 1), numpy.nonzero(changes == -1)
    return [(int(line), int(start), int(end)) for line, start, end in zip(starts[0], starts[1], ends[1]) if end - start >= min_length]


def long_runs_mask(dark, min_length: int):
    """The pixels of ``dark`` that lie on a run of at least ``min_length`` along its rows."""
    import numpy

    mask = numpy.zeros_like(dark)
    for line, start, end in runs(dark, min_length):
        mask[line, start:end] = True
    return mask


def thin(mask, max_thickness: int):
    """``mask`` without its thick parts (filled areas, shaded cells): runs down the columns longer than ``max_thickness`` go."""
    kept = mask.copy()
    for column, start, end in runs(mask.T, max_thickness + 1):
        kept[start:end, column] = False
    return kept


def image_rules(image, scale: float) -> list[Rule]:
    """Table rules of a page image: long, thin dark runs across and down, in points. Faint
    (anti-aliased or scanned grey) lines count: the threshold is light."""
    import numpy

    dark = numpy.asarray(image.convert("L")) < DARK_LEVEL
    length, thickness = int(MIN_RULE_POINTS * scale), max(2, int(MAX_RULE_POINTS * scale))
    across = thin(long_runs_mask(dark, length), thickness)
    down = thin(long_runs_mask(dark.T, length), thickness)
    rules = [rule(x0 / scale, y / scale, x1 / scale, y / scale) for y, x0, x1 in runs(across, length)]
    rules += [rule(x / scale, y0 / scale, x / scale, y1 / scale) for x, y0, y1 in runs(down, length)]
    return rules


def page_reading(page) -> tuple[list[Piece], list[Rule]]:
    """Text boxes and table rules of a PDF page (pypdfium2) read from its image, in PDF points."""
    image = page.render(scale=RENDER_SCALE, grayscale=True).to_pil()
    pieces = [Piece(p.text, p.left / RENDER_SCALE, p.top / RENDER_SCALE, p.right / RENDER_SCALE, p.bottom / RENDER_SCALE)
              for p in image_pieces(image)]
    return pieces, image_rules(image, RENDER_SCALE)
