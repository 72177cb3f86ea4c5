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

from crawler.parsers.common import text_of
from crawler.spiders.api import ApiListSpider, ListApi

NAME = "epoint"
SIGNS = ((4, "Epoint EWB-FRONT REST list", re.compile(r"/EWB-FRONT/rest/")),)
BODY_SELECTORS = ()

ENDPOINT_RE = re.compile(r"""['"]([^'"]*/EWB-FRONT/rest/[^'"]+)['"]""")
PARAMS_RE = re.compile(r"\{[^{}]*\bcategoryNum\b[^{}]*\}")
DEFAULT_PAGE_SIZE = 10


def list_api(page, url: str) -> ListApi | None:
    """The list the column page's script posts for: endpoint and parameters."""
    text = text_of(page)
    endpoint, params = ENDPOINT_RE.search(text), PARAMS_RE.search(text)
    if not endpoint or not params:
        return None
    try:
        values = json.loads(params.group(0))
    except json.JSONDecodeError:
        return None
    return ListApi(urljoin(url, endpoint.group(1)), url, int(values.get("pageSize") or DEFAULT_PAGE_SIZE), values)


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    found = list_api(page, url)
    return f"Epoint list API, category {found.params.get('categoryNum')}" if found else None


class Spider(ApiListSpider):
    name = NAME
    column_evidence = staticmethod(column_evidence)
    first_page = 0  # pageIndex counts from 0

    def find_api(self, response):
        return list_api(response, response.url)

    def page_request(self, api, page):
        body = json.dumps({"params": {**api.params, "pageIndex": page}}, ensure_ascii=False)
        return self.listing_request(api.endpoint, method="POST", body=body, callback=self.parse_api,
                                    headers={"Content-Type": "application/json;charset=UTF-8", "Referer": api.page_url},
                                    cb_kwargs={"api": api, "page": page})
