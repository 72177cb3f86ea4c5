"""TRS WCM: static listings ``index.html``, ``index_1.html`` … paged by ``createPageHTML``, or a search API.

``createPageHTML(N, cur, "index", "html")`` gives the page count ``N`` and the current page
``cur`` (0-based: page 0 is ``index.html``, page k ``index_k.html``; ``crawler.parsers.pagers``
reads the other argument orders and sites counting from 1). Reports are
``./YYYYMM/tYYYYMMDD_<id>.html`` in the column's folder, bodies in ``div.TRS_Editor``.

When later pages come from the site's search API rather than static files, the registry row
says so: ``options.search_api`` is the API URL with ``{page}`` where the page number goes,
``options.search_first_page`` the first page the API serves (default 2: page 1 is the static
``index.html``). The API answers JSON ``page.content[]`` with BT / DOCPUBURL / FBRQ / IDXID.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urljoin

from crawler.parsers.common import text_of
from crawler.parsers.pagers import static_pages
from crawler.spiders.base import ReportSpider
from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

NAME = "trs"
SIGNS = (
    (3, "TRS pager createPageHTML", re.compile(r"createPageHTML\(\s*(?:['\"][\w-]+['\"]\s*,\s*)?\d")),
    (2, "TRS countPage", re.compile(r"var\s+countPage\s*=")),
    (2, "TRS article URL tYYYYMMDD_N", re.compile(r"/t\d{8}_\d+\.s?html")),
    (2, "TRS body TRS_Editor", re.compile(r"TRS_(?:Editor|UEDITOR)")),
    (2, "TRS search API", re.compile(r"/igs/front/search/")),
)
BODY_SELECTORS = ("div.TRS_Editor", "div.TRS_UEDITOR")
DETAIL_RE = re.compile(r"/t\d{8}_\d+\.s?html?$")


def search_page(answer) -> dict:
    """The ``page`` object of a TRS search-API answer (``/igs/front/search/list.html``)."""
    data = json.loads(text_of(answer))
    return data.get("page") or data.get("data", {}).get("page") or {}


def search_page_count(answer) -> int:
    """Page count of a search-API answer: ``totalPages``, else total / page size."""
    page = search_page(answer)
    if page.get("totalPages"):
        return int(page["totalPages"])
    size = int(page.get("size") or len(page.get("content") or []) or 1)
    return math.ceil(int(page.get("totalElements") or 0) / size)


def search_entries(answer, url: str) -> list[ListingRecord]:
    """Listing records of a search-API answer: BT title, DOCPUBURL, FBRQ date, IDXID 索引号."""
    entries = []
    for doc in search_page(answer).get("content") or []:
        if not doc.get("DOCPUBURL"):
            continue
        entries.append(ListingRecord(url=urljoin(url, doc["DOCPUBURL"]), title=doc.get("BT"), date=iso_date(doc.get("FBRQ")),
                                     published=doc.get("FBRQ"), index_no=doc.get("IDXID")))
    return entries


class Spider(ReportSpider):
    name = NAME
    detail_shape = DETAIL_RE

    def listing_pages(self, response):
        return static_pages(response, response.url, self.option("next_selector"), first=self.is_first_page(response))

    def listing_requests(self, response):
        requests = super().listing_requests(response)
        if self.option("search_api") and response.url == self.site.start_url:
            requests.append(self.search_request(int(self.option("search_first_page") or 2)))
        return requests

    # -- search API -------------------------------------------------------------------

    def search_url(self, page: int) -> str:
        return urljoin(self.site.start_url, self.option("search_api").replace("{page}", str(page)))

    def search_request(self, page: int):
        return self.listing_request(self.search_url(page), callback=self.parse_search, cb_kwargs={"page": page})

    def in_column(self, url):
        if self.option("search_api") and url.startswith(self.search_url(0).split("?")[0]):
            return True
        return super().in_column(url)

    def parse_search(self, response, page: int):
        """One search-API page: its reports, and from the first one every later page."""
        self.crawler.stats.inc_value("nianbao/listing_pages")
        yield from self.follow_entries(search_entries(response, response.url), response.url)
        if page == int(self.option("search_first_page") or 2):
            count = search_page_count(response)
            yield from self.follow_listings(self.search_request(k) for k in range(page + 1, count + 1))
