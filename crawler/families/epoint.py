"""Epoint 新点 (EWB-FRONT): the column page is a shell whose list comes from a JSON POST,
``/EWB-FRONT/rest/…`` (``frontAppCustomAction/getPageInfoListNew`` and others) with body
``{"params": {siteGuid, categoryNum, pageIndex, pageSize, …}}`` (``pageIndex`` from 0), answered
``{"custom": {"infodata": [{infourl, title, infodate}], "count": N}}``. The parameters are the
object the page's script posts.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from crawler.parsers import api_lists
from crawler.parsers.common import text_of
from crawler.spiders.base import ReportSpider

NAME = "epoint"
SIGNS = ((4, "Epoint EWB-FRONT REST list", re.compile(r"/EWB-FRONT/rest/")),)
BODY_SELECTORS = ()

ENDPOINT_RE = re.compile(r"""['"]([^'"]*/EWB-FRONT/rest/[^'"]+)['"]""")
PARAMS_RE = re.compile(r"\{[^{}]*\bcategoryNum\b[^{}]*\}")
DEFAULT_PAGE_SIZE = 10


def list_api(page, url: str) -> tuple[str, dict] | None:
    """(endpoint, parameters) of the list the column page's script posts."""
    text = text_of(page)
    endpoint, params = ENDPOINT_RE.search(text), PARAMS_RE.search(text)
    if not endpoint or not params:
        return None
    try:
        values = json.loads(params.group(0))
    except json.JSONDecodeError:
        return None
    return urljoin(url, endpoint.group(1)), values


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    found = list_api(page, url)
    return f"Epoint list API, category {found[1].get('categoryNum')}" if found else None


class Spider(ReportSpider):
    name = NAME
    column_evidence = staticmethod(column_evidence)

    def parse(self, response):
        """The column page: the first page of its list from the API (``pageIndex`` 0)."""
        self.crawler.stats.inc_value("nianbao/listing_pages")
        found = list_api(response, response.url)
        if not found:
            self.logger.error("%s: no EWB-FRONT list API on the page", response.url)
            return
        endpoint, params = found
        self.endpoint = endpoint
        yield from self.follow_listings([self.api_request(endpoint, params, 0, response.url)])

    def in_column(self, url):
        return url == getattr(self, "endpoint", None) or super().in_column(url)

    def api_request(self, endpoint, params, index, page_url):
        body = json.dumps({"params": {**params, "pageIndex": index}}, ensure_ascii=False)
        return self.listing_request(endpoint, method="POST", body=body, callback=self.parse_api,
                                    headers={"Content-Type": "application/json;charset=UTF-8", "Referer": page_url},
                                    cb_kwargs={"endpoint": endpoint, "params": params, "index": index, "page_url": page_url})

    def parse_api(self, response, endpoint, params, index, page_url):
        self.crawler.stats.inc_value("nianbao/listing_pages")
        self.endpoint = endpoint
        data = api_lists.answer(response)
        yield from self.follow_entries(api_lists.records(data, page_url), response.url)
        if index == 0:
            pages = api_lists.page_count(data, int(params.get("pageSize") or DEFAULT_PAGE_SIZE))
            yield from self.follow_listings(self.api_request(endpoint, params, k, page_url) for k in range(1, pages))
