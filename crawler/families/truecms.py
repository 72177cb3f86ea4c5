"""truecms: the column page is a shell whose list comes from a JSONP API,
``/messageController/getMessage.do?callback=…&columnId=C&pageNo=N&pageSize=P`` → ``cb({"data":
{"list": [{url, title, publishTime}], "pages": K}})``. The API answers only with the column page
as ``Referer``.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode, urljoin

from crawler.parsers.common import text_of
from crawler.spiders.base import ReportSpider
from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

NAME = "truecms"
SIGNS = ((4, "truecms getMessage.do list API", re.compile(r"messageController/getMessage\.do")),)
BODY_SELECTORS = ()

API_RE = re.compile(r"""['"]([^'"]*messageController/getMessage\.do)['"]""")
COLUMN_ID_RE = re.compile(r"""\bcolumnId["']?\s*[:=]\s*["']?(\d+)""")
PAGE_SIZE_RE = re.compile(r"""\bpageSize["']?\s*[:=]\s*["']?(\d+)""")
JSONP_RE = re.compile(r"^[^(]*\((.*)\)\s*;?\s*$", re.S)
URL_KEYS, TITLE_KEYS, DATE_KEYS = ("url", "link", "href", "path"), ("title", "name"), ("publishTime", "pubDate", "date", "time")
DEFAULT_PAGE_SIZE = 15


def list_api(page, url: str) -> tuple[str, str, int] | None:
    """(API URL, column id, page size) named by the column page's script."""
    text = text_of(page)
    api, column = API_RE.search(text), COLUMN_ID_RE.search(text)
    if not api or not column:
        return None
    size = PAGE_SIZE_RE.search(text)
    return urljoin(url, api.group(1)), column.group(1), int(size.group(1)) if size else DEFAULT_PAGE_SIZE


def api_url(api: str, column: str, page: int, size: int) -> str:
    return f"{api}?" + urlencode({"callback": "jsonpCallback", "columnId": column, "pageNo": page, "pageSize": size})


def answer(page) -> dict:
    text = text_of(page).strip()
    wrapped = JSONP_RE.match(text)
    return json.loads(wrapped.group(1) if wrapped and not text.startswith("{") else text)


def _first(item: dict, keys) -> str | None:
    return next((item[key] for key in keys if item.get(key)), None)


def _rows(data) -> list[dict]:
    """The answer's list of articles, wherever it sits (``data.list``, ``data.records``, ``rows`` …)."""
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data) and any(_first(item, URL_KEYS) for item in data):
        return data
    if isinstance(data, dict):
        for value in data.values():
            found = _rows(value)
            if found:
                return found
    return []


def listing_entries(data: dict, base_url: str) -> list[ListingRecord]:
    return [ListingRecord(url=urljoin(base_url, _first(item, URL_KEYS)), title=_first(item, TITLE_KEYS),
                          date=iso_date(_first(item, DATE_KEYS)), published=_first(item, DATE_KEYS))
            for item in _rows(data) if _first(item, URL_KEYS)]


def page_count(data: dict, size: int) -> int:
    inner = data.get("data") if isinstance(data.get("data"), dict) else data
    for key in ("pages", "totalPage", "totalPages", "pageCount"):
        if str(inner.get(key) or "").isdigit():
            return int(inner[key])
    total = next((inner[key] for key in ("total", "totalCount", "count") if str(inner.get(key) or "").isdigit()), 0)
    return max(1, math.ceil(int(total) / size))


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    found = list_api(page, url)
    return f"truecms list API, column {found[1]}" if found else None


class Spider(ReportSpider):
    name = NAME
    column_evidence = staticmethod(column_evidence)

    def parse(self, response):
        """The column page: the first page of its list from the API."""
        self.crawler.stats.inc_value("nianbao/listing_pages")
        found = list_api(response, response.url)
        if not found:
            self.logger.error("%s: no getMessage.do list API on the page", response.url)
            return
        api, column, size = found
        self.api = api
        yield from self.follow_listings([self.api_request(api, column, 1, size, response.url)])

    def in_column(self, url):
        return url.startswith(getattr(self, "api", "\0")) or super().in_column(url)

    def api_request(self, api, column, page, size, referer):
        return self.listing_request(api_url(api, column, page, size), callback=self.parse_api, headers={"Referer": referer},
                                    cb_kwargs={"api": api, "column": column, "page": page, "size": size, "referer": referer})

    def parse_api(self, response, api, column, page, size, referer):
        self.crawler.stats.inc_value("nianbao/listing_pages")
        self.api = api
        data = answer(response)
        yield from self.follow_entries(listing_entries(data, referer), response.url)
        if page == 1:
            pages = page_count(data, size)
            yield from self.follow_listings(self.api_request(api, column, k, size, referer) for k in range(2, pages + 1))
