"""truecms: the column page is a shell whose list comes from a JSONP API,
``/messageController/getMessage.do?callback=…&columnId=C&pageNo=N&pageSize=P`` → ``cb({"data":
{"list": [{url, title, publishTime}], "pages": K}})``. The API answers only with the column page
as ``Referer``.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin

from crawler.parsers.common import text_of
from crawler.spiders.api import ApiListSpider, ListApi

NAME = "truecms"
SIGNS = ((4, "truecms getMessage.do list API", re.compile(r"messageController/getMessage\.do")),)
BODY_SELECTORS = ()

API_RE = re.compile(r"""['"]([^'"]*messageController/getMessage\.do)['"]""")
COLUMN_ID_RE = re.compile(r"""\bcolumnId["']?\s*[:=]\s*["']?(\d+)""")
PAGE_SIZE_RE = re.compile(r"""\bpageSize["']?\s*[:=]\s*["']?(\d+)""")
DEFAULT_PAGE_SIZE = 15


def list_api(page, url: str) -> ListApi | None:
    """The list API the column page's script names: endpoint, column id, page size."""
    text = text_of(page)
    api, column = API_RE.search(text), COLUMN_ID_RE.search(text)
    if not api or not column:
        return None
    size = PAGE_SIZE_RE.search(text)
    return ListApi(urljoin(url, api.group(1)), url, int(size.group(1)) if size else DEFAULT_PAGE_SIZE, {"columnId": column.group(1)})


def api_url(api: ListApi, page: int) -> str:
    return f"{api.endpoint}?" + urlencode({"callback": "jsonpCallback", **api.params, "pageNo": page, "pageSize": api.page_size})


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    found = list_api(page, url)
    return f"truecms list API, column {found.params['columnId']}" if found else None


class Spider(ApiListSpider):
    name = NAME
    column_evidence = staticmethod(column_evidence)

    def find_api(self, response):
        return list_api(response, response.url)

    def page_request(self, api, page):
        return self.listing_request(api_url(api, page), callback=self.parse_api, headers={"Referer": api.page_url},
                                    cb_kwargs={"api": api, "page": page})
