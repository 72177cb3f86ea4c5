"""Placed text back into the corpus's text: lines with their position on the page become
paragraphs and table rows; running headers, footers and page numbers go.

PDF text layers, OCR boxes and OFD text objects all come as pieces of text with a box. A line is
the pieces on one baseline; pieces far apart on a line are table cells (joined with
`` | `` as in ``pipelines.tables``). A line that reaches the right margin continues on the next
line, so the two are one paragraph, unless the next one is indented, a heading or a table row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipelines.tables import row_line

# A gap wider than this many character heights between two pieces of a line separates cells.
CELL_GAP = 1.6
# A line ending this close (in character heights) to the right margin is full: its paragraph goes on.
FULL_LINE_SLACK = 2.0
INDENT = 1.5
PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[部章节]|\d+[.、．]\D)")
DIGITS_RE = re.compile(r"\d+")


@dataclass
class Piece:
    """Text in a box; y grows downwards (top < bottom)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)
    ruled = False  # a row of a ruled table (``grid.TableRow``)

    @property
    def left(self) -> float:
        return self.pieces[0].left

    @property
    def right(self) -> float:
        return self.pieces[-1].right

    @property
    def height(self) -> float:
        return sorted(piece.height for piece in self.pieces)[len(self.pieces) // 2]

    def cells(self) -> list[str]:
        """The line's text, cut where the gap between two pieces is wide."""
        cells = [self.pieces[0].text]
        for before, piece in zip(self.pieces, self.pieces[1:]):
            gap = piece.left - before.right
            if gap > CELL_GAP * self.height:
                cells.append(piece.text)
            else:
                joiner = " " if gap > 0.2 * self.height and before.text[-1:].isascii() and piece.text[:1].isascii() else ""
                cells[-1] += joiner + piece.text
        return [cell.strip() for cell in cells if cell.strip()]

    @property
    def text(self) -> str:
        return row_line(self.cells())


def lines_of(pieces: list[Piece]) -> list[Line]:
    """Pieces grouped into lines (same vertical middle, within half a character), top to bottom."""
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (p.middle, p.left)):
        if not piece.text.strip():
            continue
        line = lines[-1] if lines else None
        if line is not None and abs(piece.middle - sum(p.middle for p in line.pieces) / len(line.pieces)) <= 0.5 * line.height:
            line.pieces.append(piece)
        else:
            lines.append(Line([piece]))
    for line in lines:
        line.pieces.sort(key=lambda p: p.left)
    return lines


def running_key(line: Line) -> str:
    return DIGITS_RE.sub("#", line.text.replace(" ", ""))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Without page numbers and the headers or footers repeated at the top or bottom of most pages."""
    edges = Counter()
    for lines in pages:
        for line in {id(line): line for line in lines[:2] + lines[-2:]}.values():
            edges[running_key(line)] += 1
    repeated = {key for key, count in edges.items() if len(pages) >= 3 and count >= 0.6 * len(pages)}
    kept = []
    for lines in pages:
        edge_ids = {id(line) for line in lines[:2] + lines[-2:]}
        kept.append([line for line in lines
                     if not (id(line) in edge_ids and (PAGE_NUMBER_RE.match(line.text.replace(" ", "")) or running_key(line) in repeated))])
    return kept


def right_margin(lines: list[Line]) -> float:
    """Where the text's full lines end: the right edge most prose lines reach (tables may be wider)."""
    prose = sorted(line.right for line in lines if len(line.pieces) == 1) or sorted(line.right for line in lines)
    return prose[int(0.9 * (len(prose) - 1))]


def paragraphs(pages: list[list[Line]]) -> str:
    """The text of the pages: one paragraph or table row per line."""
    pages = drop_running_lines(pages)
    every = [line for lines in pages for line in lines]
    if not every:
        return ""
    margin_left = min(line.left for line in every)
    margin_right = right_margin(every)
    out: list[str] = []
    open_paragraph = False
    for line in every:
        cells = line.cells()
        if not cells:
            continue
        text = row_line(cells)
        table_row = len(cells) > 1 or line.ruled
        starts_new = (table_row or not open_paragraph or line.left - margin_left > INDENT * line.height
                      or HEADING_RE.match(text))
        if starts_new:
            out.append(text)
        else:
            out[-1] += text
        open_paragraph = not table_row and margin_right - line.right <= FULL_LINE_SLACK * line.height
    return "\n".join(out)
