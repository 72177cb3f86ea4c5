"""TRS WCM: static listings ``index.html``, ``index_1.html`` … paged by ``createPageHTML``, or a search API.

``createPageHTML(N, cur, "index", "html")`` gives the page count ``N`` and the current page
``cur`` (0-based: page 0 is ``index.html``, page k ``index_k.html``; ``crawler.parsers.pagers``
reads the other argument orders and sites counting from 1). Reports are
``./YYYYMM/tYYYYMMDD_<id>.html`` in the column's folder, bodies in ``div.TRS_Editor``.

When later pages come from the site's search API rather than static files, the column page's
script names it (``'/igs/front/search/list.html?…&pageNumber='``), or the registry row does:
``options.search_api`` is the API URL with ``{page}`` where the page number goes,
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
from pipelines import stats as keys
from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

NAME = "trs"
SIGNS = (
    (3, "TRS pager createPageHTML", re.compile(r"createPageHTML\(\s*(?:['\"][\w-]+['\"]\s*,\s*)?\d")),
    (2, "TRS countPage", re.compile(r"var\s+countPage\s*=")),
    (2, "TRS article URL tYYYYMMDD_N", re.compile(r"/t\d{8}_\d+\.s?html?")),
    (2, "TRS body TRS_Editor", re.compile(r"TRS_(?:Editor|UEDITOR)")),
    (2, "TRS search API", re.compile(r"/igs/front/search/")),
)
BODY_SELECTORS = ("div.TRS_Editor", "div.TRS_UEDITOR")
DETAIL_RE = re.compile(r"/t\d{8}_\d+\.s?html?$")
SCRIPT_SEARCH_API_RE = re.compile(r"""['"]([^'"]*/igs/front/search/[^'"]*?pageNumber=)\d*[^'"]*['"]""")


def search_api_in(page) -> str | None:
    """The search-API URL template (``…pageNumber={page}``) a column page's script pages with."""
    match = SCRIPT_SEARCH_API_RE.search(text_of(page))
    return match.group(1) + "{page}" if match else None


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
        return static_pages(response, response.url, self.option("next_selector"), first=self.is_first_page(response), limit=self.listing_cap)

    def listing_requests(self, response):
        requests = super().listing_requests(response)
        if self.is_first_page(response):
            self.search_api = self.option("search_api") or search_api_in(response)
            if self.search_api:
                requests.append(self.search_request(self.search_api, int(self.option("search_first_page") or 2)))
        return requests

    # -- search API -------------------------------------------------------------------

    search_api: str | None = None

    def search_url(self, api: str, page: int) -> str:
        return urljoin(self.site.start_url, api.replace("{page}", str(page)))

    def search_request(self, api: str, page: int):
        return self.listing_request(self.search_url(api, page), callback=self.parse_search, cb_kwargs={"api": api, "page": page})

    def in_column(self, url):
        if self.search_api and url.startswith(self.search_url(self.search_api, 0).split("?")[0]):
            return True
        return super().in_column(url)

    def parse_search(self, response, api: str, page: int):
        """One search-API page: its reports, and from the first one every later page."""
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        self.search_api = api
        yield from self.follow_entries(search_entries(response, response.url), response.url)
        if page == int(self.option("search_first_page") or 2):
            count = search_page_count(response)
            yield from self.follow_listings(self.search_request(api, k) for k in range(page + 1, count + 1)[:self.listing_cap])
