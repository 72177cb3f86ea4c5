"""Families whose column page is a shell and whose list an API fills (truecms, Epoint): the
family finds the API on the column page (``find_api``) and says how to ask for one page of it
(``page_request``); the answers are read by ``crawler.parsers.api_lists``."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.parsers import api_lists
from pipelines import stats as keys

from .base import ReportSpider


@dataclass(frozen=True)
class ListApi:
    """The API a column page's script loads its list from."""

    endpoint: str
    page_url: str  # the column page: base of the answer's links, and the Referer some APIs insist on
    page_size: int
    params: dict = field(default_factory=dict)


class ApiListSpider(ReportSpider):
    name = None  # not a spider of its own
    first_page = 1  # the number of the API's first page

    def find_api(self, response) -> ListApi | None:
        raise NotImplementedError

    def page_request(self, api: ListApi, page: int):
        raise NotImplementedError

    def parse(self, response):
        """The column page: the first page of its list from the API.

        @demo listing
        @returns requests 1 1
        """
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        api = self.find_api(response)
        if api is None:
            self.logger.error("%s: no %s list API on the page", response.url, self.name)
            return
        self.api_endpoint = api.endpoint
        yield from self.follow_listings([self.page_request(api, self.first_page)])

    def in_column(self, url):
        return url.startswith(getattr(self, "api_endpoint", "\0")) or super().in_column(url)

    def parse_api(self, response, api: ListApi, page: int):
        """One page of the API's answer: its articles, and from the first one every later page."""
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        self.api_endpoint = api.endpoint
        data = api_lists.answer(response)
        yield from self.follow_entries(api_lists.records(data, api.page_url), response.url)
        if page == self.first_page:
            pages = api_lists.page_count(data, api.page_size)
            yield from self.follow_listings(self.page_request(api, k) for k in range(page + 1, page + pages))
