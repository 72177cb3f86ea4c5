"""truecms: the column page is a shell whose list comes from a JSONP API,
``/messageController/getMessage.do?callback=…&columnId=C&pageNo=N&pageSize=P`` → ``cb({"data":
{"list": [{url, title, publishTime}], "pages": K}})``. The API answers only with the column page
as ``Referer``.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from crawler.parsers import api_lists
from crawler.parsers.common import text_of
from crawler.spiders.base import ReportSpider

NAME = "truecms"
SIGNS = ((4, "truecms getMessage.do list API", re.compile(r"messageController/getMessage\.do")),)
BODY_SELECTORS = ()

API_RE = re.compile(r"""['"]([^'"]*messageController/getMessage\.do)['"]""")
COLUMN_ID_RE = re.compile(r"""\bcolumnId["']?\s*[:=]\s*["']?(\d+)""")
PAGE_SIZE_RE = re.compile(r"""\bpageSize["']?\s*[:=]\s*["']?(\d+)""")
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
        data = api_lists.answer(response)
        yield from self.follow_entries(api_lists.records(data, referer), response.url)
        if page == 1:
            pages = api_lists.page_count(data, size)
            yield from self.follow_listings(self.api_request(api, column, k, size, referer) for k in range(2, pages + 1))
