"""A listing page's rows, found by their repeated structure whatever the markup.

A list is a parent element whose children of one tag and class (the rows) each hold a link
at the same place (``li > a``, ``li > div.title > a``, ``tr > td > span > a``, ``dd > a``, a
bare run of ``a``). Every such group on the page is a candidate; navigation menus, pagers and
"latest news" sidebars are candidates too, so each candidate is weighed by what its rows look
like — titles long enough to be documents, a date beside the link, titles that read like a
report, links in the column's folder or of the family's detail shape — and the heaviest one is
the page's list; a list holding more report titles than any other wins outright. Runs of lists
split over sibling blocks (five ``ul`` of four ``li``) are one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from urllib.parse import urljoin, urlsplit

from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

from .common import folder_of, reads_like_report, selector_of, squash

NOT_LINKS = ("javascript:", "mailto:", "tel:", "#", "about:")
MAX_ROW_DEPTH = 6  # how far above its link a row element may sit
MAX_LINKS_PER_ROW = 3  # more links of the same place and the "row" is itself a list
MIN_TITLE = 8  # characters: shorter link texts are menu entries and pager buttons
PAGER_TEXT_RE = re.compile(r"^(?:\d+|[<>«»‹›]+|首页|尾页|末页|上一?页|下一?页|前一?页|后一?页|上一頁|下一頁|第\d+页|更多|more|GO|跳转)$", re.I)


@dataclass
class Row:
    record: ListingRecord
    element: object  # the row's lxml element

    @property
    def title(self) -> str:
        return self.record.title or ""


@dataclass
class ListBlock:
    """One candidate list: its rows in page order and what they look like."""

    where: str  # XPath of the (first) parent element
    rows: list[Row] = field(default_factory=list)
    score: float = 0.0
    dated: int = 0
    report_like: int = 0
    shaped: int = 0  # rows whose link has the family's detail shape

    @property
    def records(self) -> list[ListingRecord]:
        return [row.record for row in self.rows]

    @property
    def is_listing(self) -> bool:
        """Enough evidence that these rows are documents and not a menu: a report-like title,
        or a date or the family's detail shape on half the rows."""
        half = len(self.rows) / 2
        return self.report_like > 0 or self.dated >= half or self.shaped >= half


def link_url(anchor, base_url: str) -> str | None:
    """The absolute http(s) URL of an anchor, fragment dropped; None for script and mail links."""
    href = (anchor.get("href") or "").strip()
    if not href or href.lower().startswith(NOT_LINKS):
        return None
    url = urljoin(base_url, href).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def link_title(anchor) -> str:
    """What a link says: its ``title`` (anchor texts are often cut with …), else its text, else an image's ``alt``."""
    return (squash(anchor.get("title")) or squash(" ".join(anchor.itertext()))
            or squash(" ".join(anchor.xpath(".//img/@alt | .//img/@title"))))


def _row_text(row, anchor) -> str:
    """The row's text; for a bare run of links, the text up to the next link (where its date stands)."""
    if row is not anchor:
        return squash(" ".join(row.itertext()))
    parts = [anchor.tail or ""]
    sibling = anchor.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):  # a comment between link and date
        parts.append(sibling.tail or "")
        sibling = sibling.getnext()
    if sibling is not None and sibling.tag != "a":
        parts += [*sibling.itertext(), sibling.tail or ""]
    return squash(" ".join(parts))


def _row_record(row, anchor, url: str) -> ListingRecord:
    title = link_title(anchor)
    rest = _row_text(row, anchor).replace(title, " ")
    return ListingRecord(url=url, title=title or None, date=iso_date(rest) if rest.strip() else None)


def _class(element) -> str:
    return " ".join(sorted((element.get("class") or "").split()))


def _candidates(root, base_url: str) -> dict[tuple, dict]:
    """(parent, row tag, row class, path from row to link) -> {row element: [(anchor, url)]}."""
    groups: dict[tuple, dict] = {}
    for anchor in root.iter("a"):
        url = link_url(anchor, base_url)
        if url is None:
            continue
        element, below = anchor, ()
        for _ in range(MAX_ROW_DEPTH):
            parent = element.getparent()
            if parent is None:
                break
            key = (parent, element.tag, _class(element), below)
            groups.setdefault(key, {}).setdefault(element, []).append((anchor, url))
            below = (element.tag,) + below
            element = parent
    return groups


def _weigh(block: ListBlock, page_url: str, detail_re: re.Pattern | None) -> None:
    folder = folder_of(page_url)
    score = 0.0
    for row in block.rows:
        record = row.record
        dated = record.date is not None
        report_like = reads_like_report(row.title)
        shaped = bool(detail_re and detail_re.search(record.url))
        block.dated += dated
        block.report_like += report_like
        block.shaped += shaped
        score += 1 + (len(row.title) >= MIN_TITLE) + dated + 2 * report_like + 2 * shaped + record.url.startswith(folder)
    if block.rows and median(len(row.title) for row in block.rows) < MIN_TITLE / 2:
        score /= 2
    block.score = score


def list_blocks(page, base_url: str, detail_re: re.Pattern | None = None) -> list[ListBlock]:
    """Every candidate list of the page, heaviest first."""
    root = selector_of(page).root
    if not hasattr(root, "iter"):  # a text-only document (JSON, plain text) holds no list
        return []
    tree = root.getroottree()
    merged: dict[tuple, ListBlock] = {}
    for (parent, tag, css, below), rows in _candidates(root, base_url).items():
        if max(len(links) for links in rows.values()) > MAX_LINKS_PER_ROW:
            continue
        grandparent = parent.getparent()
        key = (grandparent if grandparent is not None else parent, parent.tag, _class(parent), tag, css, below)
        block = merged.setdefault(key, ListBlock(where=tree.getpath(parent)))
        for row, links in rows.items():
            anchor, url = max(links, key=lambda link: len(link_title(link[0])))
            if url == base_url or PAGER_TEXT_RE.match(link_title(anchor)):
                continue
            block.rows.append(Row(_row_record(row, anchor, url), row))
    blocks = [block for block in merged.values() if len(block.rows) >= 2 or _single_report(block)]
    for block in blocks:
        _unique_rows(block)
        _weigh(block, base_url, detail_re)
    return sorted(blocks, key=rank, reverse=True)


def rank(block: ListBlock) -> tuple:
    """Lists mostly of reports first (a last page of two reports beats a sidebar of seven news
    items), then weight."""
    return block.report_like * 2 >= len(block.rows) > 0, block.score


def _single_report(block: ListBlock) -> bool:
    """A list down to one row (the last page of a column) still counts when that row is a report."""
    return len(block.rows) == 1 and reads_like_report(block.rows[0].title)


def _unique_rows(block: ListBlock) -> None:
    seen, rows = set(), []
    for row in block.rows:
        if row.record.url not in seen:
            seen.add(row.record.url)
            rows.append(row)
    block.rows = rows


def main_list(page, base_url: str, detail_re: re.Pattern | None = None, list_selector: str | None = None) -> ListBlock | None:
    """The page's list of documents: the heaviest candidate with the evidence of a listing.

    ``list_selector`` (CSS, from the registry row) restricts the search to that part of the page.
    """
    if list_selector:
        blocks = [block for part in selector_of(page).css(list_selector) for block in list_blocks(part, base_url, detail_re)]
        blocks.sort(key=rank, reverse=True)
    else:
        blocks = list_blocks(page, base_url, detail_re)
    for block in blocks:
        if block.is_listing:
            return block
    return None


def listing_records(page, base_url: str, detail_re: re.Pattern | None = None, list_selector: str | None = None) -> list[ListingRecord]:
    """Every row of the page's list (see ``main_list``); none when the page shows no list."""
    block = main_list(page, base_url, detail_re, list_selector)
    return block.records if block else []


def row_record(fragment, base_url: str, detail_re: re.Pattern | None = None) -> ListingRecord | None:
    """The record of one list row given on its own (a Hanweb ``<record>``, an API's HTML snippet):
    its link of the family's detail shape, else its longest-titled link; its date beside it."""
    root = selector_of(fragment).root
    links = [(anchor, url) for anchor in root.iter("a") if (url := link_url(anchor, base_url))]
    if not links:
        return None
    shaped = [link for link in links if detail_re and detail_re.search(link[1])]
    anchor, url = max(shaped or links, key=lambda link: len(link_title(link[0])))
    return _row_record(root, anchor, url)


def list_frames(page, base_url: str) -> list[str]:
    """Pages a listing shows in an ``<iframe>`` on the same host (static lists framed in a column page)."""
    root = selector_of(page).root
    if not hasattr(root, "iter"):
        return []
    host = urlsplit(base_url).netloc
    sources = [urljoin(base_url, (frame.get("src") or "").strip()) for frame in root.iter("iframe", "frame") if (frame.get("src") or "").strip()]
    return [src for src in dict.fromkeys(sources) if urlsplit(src).netloc == host and urlsplit(src).scheme in ("http", "https")]


def report_links(page, base_url: str) -> list[ListingRecord]:
    """Every link of the page whose title reads like a report's, wherever it stands (the safety net)."""
    root = selector_of(page).root
    if not hasattr(root, "iter"):
        return []
    found: dict[str, ListingRecord] = {}
    for anchor in root.iter("a"):
        url = link_url(anchor, base_url)
        title = link_title(anchor)
        if url and url != base_url and url not in found and reads_like_report(title):
            row = anchor.getparent()
            found[url] = _row_record(row if row is not None else anchor, anchor, url)
    return list(found.values())
