"""Lonsun 龙讯 集约化 platform (Anhui, parts of Jiangxi and Qinghai).

A column is ``/public/column/{org}?type=4&catId={cat}&action=list&pageIndex=N``; the page count
sits in an inline ``pageCount:K,``. Reports are ``/public/{org}/{id}.html``, with the metadata
table ``table.table_suoyin`` (索引号, 发布机构, 成文日期, 文号 …) above the body.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from crawler.parsers.common import text_of, with_query
from crawler.spiders.base import ReportSpider

NAME = "lonsun"
SIGNS = (
    (3, "Lonsun column /public/column/", re.compile(r"/public/column/\d+")),
    (2, "Lonsun pageIndex paging", re.compile(r"[?&]pageIndex=\d+|pageCount\s*:\s*\d+")),
    (2, "Lonsun table.table_suoyin", re.compile(r"table_suoyin")),
    (1, "Lonsun article URL /public/ORG/ID.html", re.compile(r"/public/\d+/\d+\.html")),
    (1, "Lonsun body j-fontContent", re.compile(r"j-fontContent")),
)
BODY_SELECTORS = ("div.wzcon", "div.j-fontContent")
DETAIL_RE = re.compile(r"/public/\d+/\d+\.html$")
PAGE_COUNT_RE = re.compile(r"pageCount\s*:\s*['\"]?(\d+)")


def page_count(page) -> int | None:
    match = PAGE_COUNT_RE.search(text_of(page))
    return int(match.group(1)) if match else None


def current_page(url: str) -> int:
    """The page a column URL shows (no ``pageIndex`` is page 1)."""
    values = parse_qs(urlsplit(url).query).get("pageIndex")
    return int(values[0]) if values and values[0].isdigit() else 1


def listing_pages(page, url: str, limit: int | None = None) -> list[str]:
    """The column's later pages, ``pageIndex=2`` … ``pageIndex=pageCount`` (a crawl starts on page
    1), at most ``limit`` of them whatever ``pageCount`` says."""
    count = page_count(page) or 0
    return [with_query(url, pageIndex=k) for k in range(2, count + 1)[:limit] if k != current_page(url)]


class Spider(ReportSpider):
    name = NAME
    detail_shape = DETAIL_RE

    def listing_pages(self, response):
        return listing_pages(response, response.url, self.listing_cap)
