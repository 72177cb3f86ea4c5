"""Ruled tables on a placed page: the drawn rules give the cells, so text wrapped inside a cell
stays one cell and a merged cell appears once, in the row where it starts (as ``pipelines.tables``
writes HTML tables).

Rules come from a PDF's line paths or from the dark runs of a scanned page's image. Rules that
touch form a table; the distinct positions of its horizontal and vertical rules cut it into a
grid, and two neighbouring grid cells are one cell when no rule separates them. An empty cell
stays in its row (``row_line`` decides how blanks are written: a blank is not a 0).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .layout import Line, Piece, lines_of

TOLERANCE = 2.5
MIN_RULE = 6.0


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= TOLERANCE and abs(self.x1 - self.x0) >= MIN_RULE

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= TOLERANCE and abs(self.y1 - self.y0) >= MIN_RULE


def rule(x0: float, y0: float, x1: float, y1: float) -> Rule:
    return Rule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


class TableRow(Line):
    """A row of a ruled table: its cells are given, not guessed from gaps."""

    ruled = True

    def __init__(self, cells: list[str], top: float, left: float, right: float, height: float):
        super().__init__([Piece(" ".join(cells), left, top, right, top + height)])
        self.given = cells

    def cells(self) -> list[str]:
        return self.given


class Sets:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def crosses(h: Rule, v: Rule) -> bool:
    return h.x0 - TOLERANCE <= v.x0 <= h.x1 + TOLERANCE and v.y0 - TOLERANCE <= h.y0 <= v.y1 + TOLERANCE


def positions(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= TOLERANCE:
            continue
        merged.append(value)
    return merged


def cell_text(pieces: list[Piece]) -> str:
    text = ""
    for line in lines_of(pieces):
        part = "".join(line.cells())
        text += (" " if text[-1:].isascii() and part[:1].isascii() and text else "") + part
    return text.strip()


def grid_rows(hs: list[Rule], vs: list[Rule], pieces: list[Piece]) -> tuple[list[TableRow], list[Piece]]:
    ys, xs = positions([h.y0 for h in hs]), positions([v.x0 for v in vs])
    if len(ys) < 2 or len(xs) < 2:
        return [], pieces
    rows, columns = len(ys) - 1, len(xs) - 1
    cells = Sets(rows * columns)

    def ruled_vertically(x: float, y: float) -> bool:
        return any(abs(v.x0 - x) <= TOLERANCE and v.y0 - TOLERANCE <= y <= v.y1 + TOLERANCE for v in vs)

    def ruled_horizontally(y: float, x: float) -> bool:
        return any(abs(h.y0 - y) <= TOLERANCE and h.x0 - TOLERANCE <= x <= h.x1 + TOLERANCE for h in hs)

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(columns):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < columns and not ruled_vertically(xs[c + 1], middle_y):
                cells.join(r * columns + c, r * columns + c + 1)
            if r + 1 < rows and not ruled_horizontally(ys[r + 1], middle_x):
                cells.join(r * columns + c, (r + 1) * columns + c)
    held: dict[int, list[Piece]] = {}
    outside = []
    for piece in pieces:
        x, y = (piece.left + piece.right) / 2, piece.middle
        if xs[0] < x < xs[-1] and ys[0] < y < ys[-1]:
            held.setdefault(cells.find((bisect_right(ys, y) - 1) * columns + bisect_right(xs, x) - 1), []).append(piece)
        else:
            outside.append(piece)
    starts: dict[int, tuple[int, int]] = {}
    for index in range(rows * columns):
        group = cells.find(index)
        starts[group] = min(starts.get(group, divmod(index, columns)), divmod(index, columns))
    table = []
    for r in range(rows):
        row = [cell_text(held.get(group, [])) for group, start in sorted(starts.items(), key=lambda item: item[1][1])
               if start[0] == r]
        if any(row):
            table.append(TableRow(row, ys[r], xs[0], xs[-1], min(ys[r + 1] - ys[r], 12.0)))
    return table, outside


def ruled_tables(rules: list[Rule], pieces: list[Piece]) -> tuple[list[TableRow], list[Piece]]:
    """The rows of every ruled table, and the pieces outside the tables."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if r.vertical]
    if len(hs) < 2 or len(vs) < 2:
        return [], pieces
    sets = Sets(len(hs) + len(vs))
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if crosses(h, v):
                sets.join(i, len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(sets.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(sets.find(len(hs) + j), ([], []))[1].append(v)
    rows: list[TableRow] = []
    for group_hs, group_vs in groups.values():
        if len(group_hs) >= 2 and len(group_vs) >= 2:
            found, pieces = grid_rows(group_hs, group_vs, pieces)
            rows += found
    return rows, pieces


def placed_lines(rules: list[Rule], pieces: list[Piece]) -> list[Line]:
    """The page's lines, ruled tables' rows among them, top to bottom."""
    rows, rest = ruled_tables(rules, pieces)
    return sorted(lines_of(rest) + rows, key=lambda line: line.pieces[0].top)
