"""How static listings page: the pager scripts of TRS and Ucap, numbered file names, next links.

A column's first page is ``name.ext`` (``index.html``, ``home.htm``, ``list.shtml``) and page
``j`` is ``name_j.ext``. Pager scripts give the page count and the current page:
``createPageHTML(N, cur, "index", "html")`` (TRS, ``cur`` 0-based), ``createPageHTML('page_div',
N, cur, 'index', 'shtml', total)`` and other argument orders, ``var countPage = N``, ``共N页``.
Some sites count from 1 (``cur`` is 1 on the first page and ``list_2`` is the second page), so
the numbering is read off the first page: its ``cur`` is the index of the first page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import basename
from urllib.parse import parse_qsl, urljoin, urlsplit

from .common import selector_of, squash, text_of

SCRIPT_CALL_RE = re.compile(r"createPage(?:HTML)?\s*\(([^()]*)\)")
ARGUMENT_RE = re.compile(r"""\s*(?:'([^']*)'|"([^"]*)"|([^,]*?))\s*(?:,|$)""")
PAGE_EXT_RE = re.compile(r"^(?:s?html?|jsp|aspx?|php)$", re.I)
COUNT_PAGE_RE = re.compile(r"var\s+countPage\s*=\s*['\"]?(\d+)")
CURRENT_PAGE_RE = re.compile(r"var\s+currentPage\s*=\s*['\"]?(\d+)")
TOTAL_PAGES_RE = re.compile(r"共\s*(\d+)\s*页")
STATIC_EXT_RE = re.compile(r"^s?html?$", re.I)
PAGE_FILE_RE = re.compile(r"^([\w-]+?)(?:_(\d+))?\.(s?html?|jsp|aspx?|php)$", re.I)
PAGE_PARAMETER_RE = re.compile(r"page|^p$|^pn$|^start|^offset$|^cur", re.I)
NEXT_TEXTS = {"下一页", "下页", "后一页", "下一頁", ">", "›", "»", ">>", "next", "next page"}


@dataclass
class Pager:
    count: int
    current: int  # as the page's script says: the first page is 0 or 1
    name: str
    ext: str


def page_file(url: str) -> tuple[str, int | None, str] | None:
    """(name, number, ext) of a listing file: ``index_3.html`` -> ('index', 3, 'html'); ``list.shtml`` -> ('list', None, 'shtml')."""
    match = PAGE_FILE_RE.match(basename(urlsplit(url).path))
    if not match:
        return None
    name, number, ext = match.groups()
    return name, int(number) if number else None, ext


def _arguments(call: str) -> list[str | int]:
    values = []
    for single, double, bare in ARGUMENT_RE.findall(call):
        if single or double:
            values.append(single or double)
        elif bare.strip().isdigit():
            values.append(int(bare))
        elif bare.strip():
            values.append(bare.strip())
    return values


def folder_index(page, url: str) -> tuple[str, None, str] | None:
    """For a list served at its folder (``…/xxgknb/``): its index file, named as the page's links
    to the folder's index files name it (``index.shtml``), else ``index.html``."""
    if not urlsplit(url).path.endswith("/"):
        return None
    for href in selector_of(page).css("a::attr(href)").getall():
        link = urljoin(url, href.strip())
        found = page_file(link)
        if found and found[0] in ("index", "home", "list") and urljoin(link, ".") == url:
            return found[0], None, found[2]
    return "index", None, "html"


def script_pager(page, url: str) -> Pager | None:
    """The pager a listing page's script writes, whatever the order of its arguments."""
    html = text_of(page)
    here = page_file(url) or folder_index(page, url)
    for call in SCRIPT_CALL_RE.findall(html):
        values = _arguments(call)
        numbers = [value for value in values if isinstance(value, int)]
        strings = [value for value in values if isinstance(value, str)]
        extensions = [k for k, value in enumerate(strings) if PAGE_EXT_RE.match(value)]
        if len(numbers) < 2 or not extensions or extensions[0] == 0:
            continue
        k = extensions[0]
        return Pager(count=numbers[0], current=numbers[1], name=strings[k - 1], ext=strings[k])
    if not here or not STATIC_EXT_RE.match(here[2]) or urlsplit(url).query:
        return None  # a dynamic list's pages are its links, not file names to guess
    count = COUNT_PAGE_RE.search(html) or TOTAL_PAGES_RE.search(squash(" ".join(selector_of(page).css("body ::text").getall())))
    if not count:
        return None
    current = CURRENT_PAGE_RE.search(html)
    return Pager(count=int(count.group(1)), current=int(current.group(1)) if current else (here[1] or 0), name=here[0], ext=here[2])


def pager_pages(url: str, pager: Pager, next_number: int | None = None, first: bool = False, limit: int | None = None) -> list[str]:
    """The listing's pages after this one, as its pager numbers them; at most ``limit`` of them,
    whatever count the page advertises (``createPageHTML(5000000, …)``).

    On the first page (unnumbered, or the column's own start page such as ``list_1.shtml``)
    the number of its next link (``list_2`` or ``index_1``), else its ``cur``, says whether the
    pager counts from 0 or from 1. On a later page only the pages after it are named.
    """
    here = page_file(url)
    number = here[1] if here and here[0] == pager.name else None
    if number is None or first:
        current = next_number - 1 if next_number is not None and number is None else pager.current
        shift = (number - current) if number is not None else 0
        indices = range(current + 1, current + pager.count)
    else:
        shift = number - pager.current
        start = 1 if pager.current >= pager.count else 0
        indices = range(pager.current + 1, start + pager.count)
    return [urljoin(url, f"{pager.name}_{index + shift}.{pager.ext}") for index in indices[:limit]]


def _same_page_but_number(url: str, other: str) -> bool:
    """``list.jsp?page=2`` beside ``list.jsp?page=1``: one path, one page-number parameter changed."""
    a, b = urlsplit(url), urlsplit(other)
    if (a.netloc, a.path) != (b.netloc, b.path) or a.query == b.query:
        return False
    qa, qb = dict(parse_qsl(a.query)), dict(parse_qsl(b.query))
    changed = {key for key in qa.keys() | qb.keys() if qa.get(key) != qb.get(key)}
    if len(changed) != 1:
        return False
    key = next(iter(changed))
    return bool(PAGE_PARAMETER_RE.search(key)) and (qb.get(key) or "").isdigit()


def next_link(page, url: str) -> str | None:
    """The page's 下一页 (next) link, if it has one."""
    for anchor in selector_of(page).css("a[href]"):
        text = squash(" ".join(anchor.css("::text").getall())).lower() or squash(anchor.attrib.get("title")).lower()
        href = anchor.attrib["href"].strip()
        if text in NEXT_TEXTS and href and not href.startswith(("javascript", "#")):
            return urljoin(url, href)
    return None


def linked_pages(page, url: str, next_selector: str | None = None) -> list[str]:
    """Pages of the same listing linked from this one: next links (下一页, ›, ``next_selector``),
    numbered files of the same name (``list_3.shtml`` beside ``list_2.shtml``) and the same URL
    with another page number in its query."""
    sel = selector_of(page)
    here = page_file(url)
    found = []
    if next_selector:
        found += [urljoin(url, href.strip()) for href in sel.css(next_selector).xpath("descendant-or-self::a/@href").getall()]
    for anchor in sel.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.startswith(("javascript", "#", "mailto")):
            continue
        link = urljoin(url, href).split("#", 1)[0]
        text = squash(" ".join(anchor.css("::text").getall())).lower() or squash(anchor.attrib.get("title")).lower()
        other = page_file(link)
        same_file = bool(here and other and other[0] == here[0] and other[2] == here[2] and other[1] != here[1]
                         and urljoin(link, ".") == urljoin(url, ".") and urlsplit(link).query == urlsplit(url).query)
        if text in NEXT_TEXTS or same_file or _same_page_but_number(url, link):
            found.append(link)
    pages = []
    for link in found:
        if link != url and link not in pages:
            pages.append(link)
    return pages


def static_pages(page, url: str, next_selector: str | None = None, first: bool = False, limit: int | None = None) -> list[str]:
    """Every later page the listing names: its pager script's (at most ``limit``) and its links'.
    ``first``: this is the column's first page, even if its file is numbered (``list_1.shtml``)."""
    pager = script_pager(page, url)
    pages = []
    if pager:
        following = page_file(next_link(page, url) or "")
        next_number = following[1] if following and following[0] == pager.name else None
        pages = pager_pages(url, pager, next_number, first, limit)
    return pages + [link for link in linked_pages(page, url, next_selector) if link not in pages]
