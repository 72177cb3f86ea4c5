"""Tables as text, the one format of the corpus.

One table row per line, in document order; the row's cells joined by `` | ``. A cell's text is
its whitespace squashed to single spaces, so a header cell split by ``<br>`` or ``</p><p>``
reads ``申请人 情况``. Empty cells before a row's first text are left out (corner and label
padding); an empty cell after it keeps its place as an empty cell (``规章 | 3 | | 12``, a
trailing one as a closing ``|``), so a blank in a statistics table is not mistaken for its
neighbour (blank is not 0). A cell spanning columns or rows (colspan, rowspan) appears once, in
the row where it starts. A row without text gives no line.

Layout tables (a single column, or tables holding other tables) are not data: they are unwrapped
so their content reads as ordinary paragraphs.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from .vocab import CELL_SEPARATOR

BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"})
SPACE_RE = re.compile(r"[\s\u3000\xa0]+")


def row_line(cells) -> str:
    """One table row as a line of text: empty cells after the first text keep their place, written
    ``|`` with one space around it so that squashing whitespace cannot merge two of them."""
    cells = list(cells)
    while cells and not cells[0]:
        cells.pop(0)
    if not any(cells):
        return ""
    line = cells[0]
    for cell in cells[1:]:
        line += CELL_SEPARATOR.rstrip() + (" " + cell if cell else "")
    return line


def cell_text(cell) -> str:
    """The text of a ``<td>``/``<th>``, block boundaries and ``<br>`` read as one space."""
    if not len(cell):
        return SPACE_RE.sub(" ", cell.text or "").strip()
    parts = []

    def walk(element):
        if not isinstance(element.tag, str):
            parts.append(element.tail or "")
            return
        block = element.tag.lower() in BLOCK_TAGS
        if block:
            parts.append(" ")
        parts.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            parts.append(" ")
        parts.append(element.tail or "")

    parts.append(cell.text or "")
    for child in cell:
        walk(child)
    return SPACE_RE.sub(" ", "".join(parts)).strip()


def own_rows(table):
    """The ``<tr>`` of ``table`` itself, not of tables nested in it."""
    return [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]


def own_cells(row):
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]


def table_lines(table) -> list[str]:
    lines = [row_line(cell_text(cell) for cell in own_cells(row)) for row in own_rows(table)]
    return [line for line in lines if line]


def is_layout_table(table) -> bool:
    if next(table.iterdescendants("table"), None) is not None:
        return True
    return all(len(own_cells(row)) <= 1 for row in own_rows(table))


def unwrap_layout_table(table) -> None:
    """Replace a layout table by its cells' content, one ``<div>`` per cell."""
    block = lxml_html.Element("div")
    for row in own_rows(table):
        for cell in own_cells(row):
            cell.tag = "div"
            cell.attrib.clear()
            block.append(cell)
    block.tail = table.tail
    table.getparent().replace(table, block)


def flatten_tables(root) -> None:
    """Turn every data table under ``root`` into one ``<p>`` per row, in place."""
    for table in list(root.iter("table")):
        if not _attached(table, root):
            continue
        if is_layout_table(table):
            unwrap_layout_table(table)
            continue
        block = lxml_html.Element("div")
        for line in table_lines(table):
            paragraph = lxml_html.Element("p")
            paragraph.text = line
            block.append(paragraph)
        block.tail = table.tail
        table.getparent().replace(table, block)


def _attached(element, root) -> bool:
    """Still in the tree: tables nested in an already flattened table are gone."""
    return element is root or any(ancestor is root for ancestor in element.iterancestors())
