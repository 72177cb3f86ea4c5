"""Listings of sites no family fits: the main list of links, paged by 下一页 / ``index_N`` / ``list_N``.

The registry row's ``options`` can name the parts outright: ``list_selector`` (CSS of the
list), ``next_selector`` (CSS of the next-page link), ``detail_pattern`` (regular expression).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .common import main_list_entries, selector_of, squash

LISTING_PAGE_RE = re.compile(r"/(?:index|list|home)(?:[_-]\d+)?\.s?html?$|column-index-\d+\.shtml$")
DETAIL_RE = re.compile(r"^(?!.*(?:/(?:index|list|home)(?:[_-]\d+)?\.s?html?|column-index-\d+\.shtml)$).*\.(?:s?html?|jhtml)$")
NEXT_TEXTS = {"下一页", "下页", "后一页", "下一頁", ">", "›", "»", "next"}


def listing_pages(page, url: str, next_selector: str | None = None) -> list[str]:
    """The next page (下一页 link or ``next_selector``) and numbered list pages linked from this one."""
    sel = selector_of(page)
    found = []
    if next_selector:
        found += sel.css(next_selector).xpath("descendant-or-self::a/@href").getall()
    for anchor in sel.css("a[href]"):
        href = anchor.attrib["href"].strip()
        text = squash(" ".join(anchor.css("::text").getall())).lower()
        if href.startswith("javascript") or href == "#":
            continue
        if text in NEXT_TEXTS or LISTING_PAGE_RE.search(urljoin(url, href)):
            found.append(href)
    pages = []
    for href in found:
        absolute = urljoin(url, href.strip())
        if absolute not in pages and absolute != url:
            pages.append(absolute)
    return pages


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE, list_selector: str | None = None) -> list[dict]:
    return main_list_entries(page, url, detail_re, list_selector)
