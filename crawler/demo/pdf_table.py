"""A ruled table drawn as word processors print it (a reportlab flowable): merged cells as one
box with their text centred in it, a table longer than the page cut between two rows even inside
a merged cell (the cell's rest is an empty box on the next page), the header rows repeated on the
next page when asked; ``column_order`` writes the cells' text into the PDF column by column, as
some producers do, so that only the text's positions give the rows back."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from reportlab.platypus import Flowable, Paragraph

from .table_grid import Placed, header_rows, place

PADDING = 2.0
MIN_ROW = 14.0


class GridTable(Flowable):
    def __init__(self, cells: list[Placed], widths: list[float], heights: list[float], style, column_order: bool = False,
                 repeat: list[Placed] | None = None, repeat_heights: list[float] | None = None):
        super().__init__()
        self.hAlign = "CENTER"  # between the page's margins, as the text
        self.cells, self.widths, self.heights, self.style = cells, widths, heights, style
        self.column_order, self.repeat, self.repeat_heights = column_order, repeat or [], repeat_heights or []

    @classmethod
    def of(cls, rows, width: float, style, column_order: bool = False, repeat_header: bool = False) -> GridTable:
        cells, height, columns = place(rows)
        widths = column_widths(cells, columns, width)
        heights = [MIN_ROW] * height
        for cell in sorted(cells, key=lambda cell: cell.rowspan):
            need = paragraph(cell, style).wrap(sum(widths[cell.column:cell.column + cell.colspan]) - 2 * PADDING, 10_000)[1]
            have = sum(heights[cell.row:cell.row + cell.rowspan])
            if need + 2 * PADDING > have:
                heights[cell.row + cell.rowspan - 1] += need + 2 * PADDING - have
        top = header_rows(cells, height) if repeat_header else 0
        header = [cell for cell in cells if cell.row < top]
        return cls(cells, widths, heights, style, column_order, header, heights[:top])

    def wrap(self, available_width, available_height):
        return sum(self.widths), sum(self.heights)

    def split(self, available_width, available_height):
        fitting, used = 0, 0.0
        for height in self.heights:
            if used + height > available_height:
                break
            used += height
            fitting += 1
        fitting = self.keeping_texts_whole(fitting)
        if fitting == len(self.heights) or fitting <= len(self.repeat_heights):
            return [] if fitting < len(self.heights) else [self]
        rest = self.part(fitting, len(self.heights))
        if self.repeat:
            rest = [replace(cell) for cell in self.repeat] + [replace(cell, row=cell.row + len(self.repeat_heights)) for cell in rest]
        return [GridTable(self.part(0, fitting), self.widths, self.heights[:fitting], self.style, self.column_order),
                GridTable(rest, self.widths, self.repeat_heights + self.heights[fitting:], self.style, self.column_order,
                          self.repeat, self.repeat_heights)]

    def keeping_texts_whole(self, fitting: int) -> int:
        """The rows to keep on this page so that a merged cell cut by the break holds its whole
        text in its part on this page (else the break comes before the cell)."""
        for cell in sorted(self.cells, key=lambda cell: -cell.row):
            if cell.text and cell.row < fitting < cell.row + cell.rowspan:
                width = sum(self.widths[cell.column:cell.column + cell.colspan]) - 2 * PADDING
                if paragraph(cell, self.style).wrap(width, 10_000)[1] + 2 * PADDING > sum(self.heights[cell.row:fitting]):
                    return self.keeping_texts_whole(cell.row)
        return fitting

    def part(self, start: int, stop: int) -> list[Placed]:
        """The cells of rows ``start`` to ``stop``; a cell begun above keeps its box, not its text."""
        kept = []
        for cell in self.cells:
            first, last = max(cell.row, start), min(cell.row + cell.rowspan, stop)
            if first < last:
                kept.append(replace(cell, text=cell.text if cell.row >= start else "", row=first - start, rowspan=last - first))
        return kept

    def draw(self):
        canvas = self.canv
        tops = [sum(self.heights) - sum(self.heights[:row]) for row in range(len(self.heights) + 1)]
        lefts = [sum(self.widths[:column]) for column in range(len(self.widths) + 1)]
        edges = set()
        order = sorted(self.cells, key=lambda cell: (cell.column, cell.row) if self.column_order else (cell.row, cell.column))
        for cell in order:
            x0, x1 = lefts[cell.column], lefts[cell.column + cell.colspan]
            y0, y1 = tops[cell.row + cell.rowspan], tops[cell.row]
            edges |= {(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)}
            if cell.text:
                text = paragraph(cell, self.style)
                _, height = text.wrap(x1 - x0 - 2 * PADDING, 10_000)
                text.drawOn(canvas, x0 + PADDING, y0 + (y1 - y0 - height) / 2)
        canvas.setLineWidth(0.5)
        canvas.lines(sorted(edges))


def paragraph(cell: Placed, style) -> Paragraph:
    return Paragraph(escape(cell.text), style)


def column_widths(cells: list[Placed], columns: int, width: float) -> list[float]:
    """Widths in proportion to the longest text a column holds alone (a label column is wider than a number's)."""
    weights = [2.0] * columns
    for cell in cells:
        if cell.colspan == 1 and cell.rowspan == 1:
            weights[cell.column] = max(weights[cell.column], min(len(cell.text), 9.0))
    return [width * weight / sum(weights) for weight in weights]
