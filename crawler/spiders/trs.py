"""TRS WCM family: static listings paged by ``createPageHTML`` (0-based), ``countPage`` or a search API.

When later pages come from the site's search API rather than static files, the registry
row says so: ``options.search_api`` is the API URL with ``{page}`` where the page number
goes, ``options.search_first_page`` the first page the API serves (default 2: page 1 is
the static ``index.html``).
"""

from urllib.parse import urljoin

from crawler.parsers import trs
from pipelines import stats as keys

from .base import ReportSpider, compile_option


class TrsSpider(ReportSpider):
    name = "trs"

    def listing_entries(self, response):
        return trs.listing_entries(response, response.url, compile_option(self, "detail_pattern", trs.DETAIL_RE))

    def listing_pages(self, response):
        return trs.listing_pages(response, response.url)

    def listing_requests(self, response):
        requests = super().listing_requests(response)
        if self.option("search_api") and response.url == self.site.start_url:
            requests.append(self.search_request(int(self.option("search_first_page") or 2)))
        return requests

    def accept_detail(self, url):
        return self.in_column(url)

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
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        yield from self.follow_entries(trs.search_entries(response, response.url), response.url)
        if page == int(self.option("search_first_page") or 2):
            count = trs.search_page_count(response)
            yield from self.follow_listings(self.search_request(k) for k in range(page + 1, count + 1))
