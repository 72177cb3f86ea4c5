"""Lonsun 龙讯 集约化 platform listings (Anhui, parts of Jiangxi and Qinghai).

A column is ``/public/column/{org}?type=4&catId={cat}&action=list&pageIndex=N``; the page
count sits in an inline ``pageCount:K,``. Reports are ``/public/{org}/{id}.html``, with the
metadata table ``table.table_suoyin`` (索引号, 发布机构, 成文日期, 文号 …) above the body.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from .common import main_list_entries, text_of, with_query

DETAIL_RE = re.compile(r"/public/\d+/\d+\.html$")
PAGE_COUNT_RE = re.compile(r"pageCount\s*:\s*['\"]?(\d+)")


def page_count(page) -> int | None:
    match = PAGE_COUNT_RE.search(text_of(page))
    return int(match.group(1)) if match else None


def current_page(url: str) -> int:
    """The page a column URL shows (no ``pageIndex`` is page 1)."""
    values = parse_qs(urlsplit(url).query).get("pageIndex")
    return int(values[0]) if values and values[0].isdigit() else 1


def page_url(url: str) -> str:
    """The column URL with its page number spelled out, as the pager links it."""
    return with_query(url, pageIndex=current_page(url))


def listing_pages(page, url: str) -> list[str]:
    """The column's other pages, ``pageIndex=1`` … ``pageIndex=pageCount``."""
    count = page_count(page) or 0
    return [with_query(url, pageIndex=k) for k in range(1, count + 1) if k != current_page(url)]


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE, list_selector: str | None = None) -> list[dict]:
    return main_list_entries(page, url, detail_re, list_selector)
