"""The statistics tables of a 2019-and-later report as numbers: a pure parser with two entries.

- ``from_html(html_or_element)`` reads the page's ``<table>`` elements, every cell of a row in
  order, blank ones included, so every number keeps its column;
- ``from_text(text)`` reads the corpus's table-as-rows text (``pipelines.tables``: one row per
  line, cells joined by `` | ``, a blank cell kept as an empty cell), and also text whose cells
  come one per line (PDF) or whose table is split at a page break (a repeated header, a page
  number between the rows).

Both turn the input into a stream of rows — the label cells (text) of a row, then its value
cells — and read the stream against the vocabulary (``pipelines.stats_vocab``): section 二's
rows by name, section 三's rows by their path (a group label such as （三）不予公开 spans its
sub-rows), section 四's 15 numbers in table order. A cell's value is an ``int`` (amounts a
``float`` in 万元), ``None`` when the cell is blank or a dash: blank is not 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from . import stats_vocab as vocab
from .tables import cell_text, is_layout_table, own_cells, own_rows

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
VALUE_RE = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?)(万元|元|件|个|项|次|条|人次)?$")
BLANK_RE = re.compile(r"^(?:|[-—–―/\\]+|无)$")
PAGE_NUMBER_RE = re.compile(r"^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
HEADER_WORDS = frozenset((*vocab.APPLICANT_COLUMNS, "法人或其他组织", "申请人情况"))
XML_DECLARATION_RE = re.compile(r"<\?xml[^>]*>", re.I)
# A section heading's core → the table that follows it (none after 五 and 六).
SECTION_TABLES = {vocab.core(name): {"二": vocab.ACTIVE, "三": vocab.REQUESTS, "四": vocab.APPEALS}.get(heading[0])
                  for heading, variants in vocab.SECTION_HEADINGS.items() for name in (heading, *variants)}
ACTIVE_BLOCK_RE = re.compile(r"^第二十条第[一二三四五六七八九十\d]+项$")


@dataclass
class Row:
    labels: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


@dataclass
class Cell:
    table: str
    row: str
    column: str
    value: int | float | None
    raw: str


@dataclass
class Stats:
    """The numbers found: ``cells`` in table order, the rows whose cells could not all be placed."""

    format: str
    cells: list[Cell] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)

    def values(self) -> dict[tuple[str, str, str], int | float | None]:
        return {(cell.table, cell.row, cell.column): cell.value for cell in self.cells}


def fold(text: str) -> str:
    return text.translate(FULL_WIDTH).strip()


@lru_cache(maxsize=4096)
def is_value(cell: str) -> bool:
    squashed = re.sub(r"\s+", "", fold(cell))
    return bool(VALUE_RE.match(squashed) or BLANK_RE.match(squashed))


@lru_cache(maxsize=4096)
def number(raw: str, amount: bool) -> int | float | None:
    squashed = re.sub(r"\s+", "", fold(raw))
    match = VALUE_RE.match(squashed)
    if not match:
        return None
    digits, unit = match.group(1).replace(",", ""), match.group(2)
    if amount:
        value = float(digits)
        return round(value / 10000, 6) if unit == "元" else value
    return float(digits) if "." in digits else int(digits)


def rows_of(lines) -> list[Row]:
    """Rows from lines of cells: a line of labels then values is a row; a line of values only
    continues the row above (cells one per line); labels after a row without values add to it."""
    rows: list[Row] = []
    for cells in lines:
        cells = [cell.strip() for cell in cells]
        while cells and not cells[0]:
            cells.pop(0)
        if not cells or (len(cells) == 1 and PAGE_NUMBER_RE.match(fold(cells[0]))):
            continue
        split = max((i + 1 for i, cell in enumerate(cells) if not is_value(cell)), default=0)
        labels, values = [cell for cell in cells[:split] if cell], cells[split:]
        if labels and (not rows or rows[-1].values):
            rows.append(Row(labels, values))
        elif labels:
            rows[-1].labels += labels
            rows[-1].values += values
        elif rows:
            rows[-1].values += values
    return rows


def text_lines(text: str):
    for line in text.splitlines():
        yield line.split("|") if "|" in line else [line]


def html_lines(root):
    """Each data table's rows, every cell in order, blank ones included; a spanning cell once, in
    the row where it starts (a sub-row is read under the group label above it, as in text)."""
    for table in root.iter("table"):
        if not is_layout_table(table):
            for row in own_rows(table):
                yield [cell_text(cell) for cell in own_cells(row)]


def from_html(source) -> Stats:
    """The statistics of a page or fragment (an HTML string or an lxml element)."""
    if isinstance(source, str):
        # A plain lxml tree: lxml.html's element classes cost a Python call per element.
        source = etree.fromstring(XML_DECLARATION_RE.sub("", source) or "<html/>", etree.HTMLParser())
    return read(rows_of(html_lines(source))) if source is not None else Stats("2021")


def from_text(text: str) -> Stats:
    """The statistics of a report's text (the corpus's table-as-rows format, or extracted PDF text)."""
    return read(rows_of(text_lines(text)))


def detect_format(rows: list[Row]) -> str:
    """``2019`` when a column or block only the trial format has appears, or when （六）其他处理
    holds numbers itself instead of in sub-rows; else ``2021``."""
    for row in rows:
        cores = [vocab.core(label) for label in row.labels]
        if any(marker in label for marker in vocab.TRIAL_MARKERS for label in cores):
            return "2019"
        if row.values and cores and vocab.matches(cores[-1], vocab.OTHER_HANDLING):
            return "2019"
    return "2021"


class Reader:
    """Reads the row stream against the vocabulary of one format."""

    def __init__(self, fmt: str):
        self.stats = Stats(fmt)
        self.table: str | None = None
        self.group: str | None = None
        self.seen: set[tuple[str, str]] = set()
        self.appeal_values: list[str] = []
        self.cut: tuple[str, str, list[str]] | None = None  # (table, label core, values) of a row whose label matched nothing
        self.active_names = vocab.ACTIVE_ROWS[fmt]
        self.leafless = (vocab.OTHER_HANDLING,) if fmt == "2019" else ()

    def section(self, label_core: str) -> None:
        if label_core in SECTION_TABLES:
            self.table, self.group = SECTION_TABLES[label_core], None

    def active_key(self, cores: list[str]) -> str | None:
        for label_core in reversed(cores):
            for name in self.active_names:
                if vocab.matches(label_core, name):
                    return name
        return None

    def request_key(self, cores: list[str]) -> str | None:
        key = None
        for label_core in cores:
            if vocab.matches(label_core, vocab.RESULTS):
                self.group, key = None, None
                continue
            top = next((name for name in (vocab.RECEIVED, vocab.CARRIED_IN, vocab.CARRIED_OUT) if vocab.matches(label_core, name)), None)
            if top:
                self.group, key = None, top
                continue
            group = next((name for name in vocab.RESULT_GROUPS if vocab.matches(label_core, name)), None)
            if group:
                self.group = group
                key = vocab.result_key(group) if not vocab.RESULT_GROUPS[group] or group in self.leafless else None
                continue
            if self.group and self.group not in self.leafless:
                leaf = next((name for name in vocab.RESULT_GROUPS[self.group] if vocab.matches(label_core, name)), None)
                if leaf:
                    key = vocab.result_key(self.group, leaf)
        return key

    def place(self, table: str, row: str, columns: tuple[str, ...], values: list[str]) -> None:
        if (table, row) in self.seen:
            return
        self.seen.add((table, row))
        while len(values) > len(columns) and not values[0]:
            values = values[1:]  # blank label cells padding the label, not blank numbers
        while len(values) > len(columns) and not values[-1]:
            values = values[:-1]  # blank cells padding a short row to the table's width
        if len(values) != len(columns):
            self.stats.uncertain.append(f"{table}/{row}")
        for column, raw in zip(columns, values):
            self.stats.cells.append(Cell(table, row, column, number(raw, column in vocab.AMOUNT_COLUMNS), fold(raw)))

    def feed(self, row: Row) -> None:
        # A header cell (自然人 … 总计 without numbering) is no row label: （七）总计 is numbered.
        squashed = [re.sub(r"\s+", "", label) for label in row.labels]
        cores = [vocab.core(label) for label in squashed if label not in HEADER_WORDS]
        if self.cut and cores and self.carry_on(cores[0]):
            cores = cores[1:]  # the rest are the labels of the rows below
            if not cores and not any(row.values):
                return
        if vocab.APPLICANT_COLUMNS[0] in squashed:
            self.table = vocab.REQUESTS
        for label_core in cores:
            self.section(label_core)
            if ACTIVE_BLOCK_RE.match(label_core) or label_core == "信息内容":
                self.table = vocab.ACTIVE
            elif vocab.matches(label_core, vocab.RECEIVED) or vocab.matches(label_core, vocab.RESULTS):
                self.table = vocab.REQUESTS
            elif label_core == vocab.REVIEW:
                self.table = vocab.APPEALS
        if self.table == vocab.APPEALS:
            if not row.labels or any(row.values):  # a header's blank cells are no numbers
                self.appeal_values += row.values
            return
        if not row.values:
            if self.table == vocab.REQUESTS:
                self.request_key(cores)
            return
        if self.table == vocab.REQUESTS or any(vocab.matches(c, vocab.RECEIVED) for c in cores):
            table, key = vocab.REQUESTS, self.request_key(cores)
            if key:
                self.place(vocab.REQUESTS, key, vocab.APPLICANT_COLUMNS, row.values)
        elif self.table == vocab.ACTIVE:
            table, key = vocab.ACTIVE, self.active_key(cores)
            if key:
                self.place(vocab.ACTIVE, key, self.active_names[key], row.values)
        else:
            return
        if any(row.values):
            self.cut = None if key or not squashed else (table, vocab.core(squashed[-1]), row.values)

    def carry_on(self, label_core: str) -> bool:
        """A label going on below the numbers of its row (a row broken by a page, its label wrapped
        onto the next one): the row whose label matched nothing gets its numbers under the whole label."""
        table, head, values = self.cut
        whole = [head + label_core]
        key = self.request_key(whole) if table == vocab.REQUESTS else self.active_key(whole)
        if key:
            self.cut = None
            self.place(table, key, vocab.APPLICANT_COLUMNS if table == vocab.REQUESTS else self.active_names[key], values)
        return key is not None

    def finish(self) -> Stats:
        if self.appeal_values:
            values = self.appeal_values
            if len(values) != len(vocab.APPEAL_CELLS):
                self.stats.uncertain.append(vocab.APPEALS)
            for (row, column), raw in zip(vocab.APPEAL_CELLS, values):
                self.stats.cells.append(Cell(vocab.APPEALS, row, column, number(raw, False), fold(raw)))
        return self.stats


def read(rows: list[Row]) -> Stats:
    reader = Reader(detect_format(rows))
    for row in rows:
        reader.feed(row)
    return reader.finish()
