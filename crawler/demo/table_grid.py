"""A table's rows of cells (``crawler.demo.reports.cells``: text, rowspan, colspan) placed on
the grid a word processor keeps: each cell at its row and column, covering its spans, as the
DOCX and PDF renderers draw merged cells."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Placed:
    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    key: tuple | None = None  # the (table, row, column) a value cell holds


def place(rows) -> tuple[list[Placed], int, int]:
    """The placed cells, the number of rows and of columns. A cell goes to the first column its row
    leaves free (cells spanning down from above take theirs); a row ending short of the table's
    width has its last cell spanning the free columns to the edge, as editors draw it."""
    from .reports import cells

    taken: set[tuple[int, int]] = set()
    placed: list[Placed] = []
    for r, row in enumerate(rows):
        column = 0
        for cell in cells(row):
            while (r, column) in taken:
                column += 1
            placed.append(Placed(cell.text, r, column, cell.rowspan, cell.colspan, getattr(cell, "key", None)))
            taken |= {(r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            column += cell.colspan
    width = max(cell.column + cell.colspan for cell in placed)
    height = max(cell.row + cell.rowspan for cell in placed)
    for r in range(len(rows)):
        last = max((cell for cell in placed if cell.row == r), key=lambda cell: cell.column, default=None)
        if last is None:
            continue
        while last.column + last.colspan < width and all((r + dr, last.column + last.colspan) not in taken for dr in range(last.rowspan)):
            taken |= {(r + dr, last.column + last.colspan) for dr in range(last.rowspan)}
            last.colspan += 1
    return placed, height, width


def header_rows(placed: list[Placed], height: int) -> int:
    """How many rows head a table whose every row below them holds numbers (0 when rows without
    numbers also come later, as section 二's block headings): the rows an editor repeats on a new page."""
    numbered = {row for cell in placed if cell.key for row in range(cell.row, cell.row + cell.rowspan)}
    first = min(numbered, default=height)
    return first if first and all(row in numbered for row in range(first, height)) else 0
