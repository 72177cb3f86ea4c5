"""``template=auto``: find the annual-report column from a site root, sniff its family, crawl it.

``sniff`` only reports what it found (``nianbao sniff URL``); ``auto`` then hands the column
page to the family spider and crawls on with it, in the same crawl (same politeness, same
robots.txt, same stats). A start URL that is not a site root is taken as the column itself.
"""

from __future__ import annotations

from dataclasses import replace

from crawler import sniff
from crawler.registry import Site
from pipelines import stats as keys

from .base import ReportSpider
from .generic import GenericSpider
from .gkmlpt import GkmlptSpider
from .hanweb import HanwebSpider
from .lonsun import LonsunSpider
from .trs import TrsSpider
from .ucap import UcapSpider

FAMILY_SPIDERS = {cls.name: cls for cls in (HanwebSpider, TrsSpider, LonsunSpider, GkmlptSpider, UcapSpider, GenericSpider)}
MAX_HOPS = 3  # root -> 政府信息公开 -> (sub-portal) -> column
PORTAL_LINKS_PER_PAGE = 3


class SniffSpider(ReportSpider):
    """Discover the column and name its family; ``found`` holds (column URL, Sniff) afterwards."""

    name = "sniff"
    records_runs = False  # it only looks at the site

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.found: tuple[str, sniff.Sniff] | None = None

    def first_requests(self):
        if sniff.is_site_root(self.site.start_url):
            yield self.listing_request(self.site.start_url, callback=self.discover, cb_kwargs={"hop": 0})
        else:
            yield self.listing_request(self.site.start_url, callback=self.inspect_column)

    def discover(self, response, hop: int):
        """A portal page: the annual-report column if it links one, else the disclosure portal a hop deeper."""
        if self.found:
            return
        columns = sniff.column_links(response, response.url)
        if columns:
            self.logger.info("annual-report column link on %s: %s", response.url, columns[0])
            yield self.listing_request(columns[0], callback=self.inspect_column)
            return
        if hop + 1 >= MAX_HOPS:
            return
        for url in sniff.portal_links(response, response.url)[:PORTAL_LINKS_PER_PAGE]:
            yield self.listing_request(url, callback=self.discover, cb_kwargs={"hop": hop + 1})

    def inspect_column(self, response):
        if self.found:
            return
        result = sniff.fingerprint(response, response.url)
        self.found = (response.request.url, result)
        self.crawler.stats.set_value(keys.FAMILY, result.family)
        self.crawler.stats.set_value(keys.COLUMN_URL, response.request.url)
        self.logger.info("%s is a %s column (%s)", response.request.url, result.family, "; ".join(result.evidence))
        yield from self.column_found(response, result)

    def column_found(self, response, result: sniff.Sniff):
        return ()

    def closed(self, reason):
        if not self.found:
            self.logger.error("%s: no annual-report column found within %d hops of %s", self.site.site_id, MAX_HOPS, self.site.start_url)


class AutoSpider(SniffSpider):
    """The family spider of the sniffed column crawls it, starting from the page already fetched.

    The family spider's requests come back through ``in_family`` (its ``router``), so every
    callback is a method of this spider; a resumed crawl (JOBDIR) rebuilds the family spider
    from the spider state.
    """

    name = "auto"
    records_runs = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.family_spider: ReportSpider | None = None

    def column_found(self, response, result):
        if hasattr(self, "state"):
            self.state["column"] = (response.request.url, result.family)
        self.family_spider = self.make_family(response.request.url, result.family)
        return self.family_spider.parse(response)

    def make_family(self, column_url: str, family: str) -> ReportSpider:
        column: Site = replace(self.site, start_url=column_url, template=family)
        spider = FAMILY_SPIDERS[family].from_crawler(self.crawler, site=column)
        spider.router = self.in_family
        return spider

    def in_family(self, response, family_callback: str, **kwargs):
        if self.family_spider is None:
            self.family_spider = self.make_family(*self.state["column"])
        return getattr(self.family_spider, family_callback)(response, **kwargs)
