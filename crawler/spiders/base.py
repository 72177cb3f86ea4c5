"""The base spider: listing pages -> detail pages -> report items.

A family spider says how to read its listings (``listing_entries`` and
``listing_pages``, or ``listing_requests`` when later pages need POST forms or an API);
everything else — the site row, politeness, the listing-page cap, staying in the column
and on the site's domain, building the item — lives here.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy

from crawler.items import ReportItem
from crawler.parsers.common import attachments, listing_prefix, site_domain
from crawler.registry import Site, load_sites
from pipelines import stats as keys


class ReportSpider(scrapy.Spider):
    """Base for the family spiders. Run one with a registry row or an ad hoc URL.

    ``scrapy crawl trs -a url=http://example.gov.cn/col/nb/index.html`` crawls that column;
    ``scrapy crawl trs -a site_id=bengbu`` takes the row from ``NIANBAO_SITES``.
    """

    name = None  # abstract: the family spiders name themselves
    records_runs = True  # its crawls are recorded in crawl_runs (crawler.extensions)

    def __init__(self, site: Site | None = None, url: str | None = None, site_id: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if site is None and url:
            site = Site.from_url(url, template=self.name)
        self.site = site
        self._site_id = site_id
        if site is not None:
            self.allowed_domains = [site_domain(site.host)]
        self.listing_pages_seen = 0
        self.listing_keys: set[tuple] = set()
        self.crawled_from_start = False

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.site is None:
            if not spider._site_id:
                raise ValueError(f"{cls.name}: give -a url=<listing url> or -a site_id=<registry id>")
            registry = crawler.settings.get("NIANBAO_SITES")
            rows = {site.site_id: site for site in load_sites(registry)}
            if spider._site_id not in rows:
                raise ValueError(f"site_id {spider._site_id!r} is not in {registry}")
            spider.site = rows[spider._site_id]
            spider.allowed_domains = [site_domain(spider.site.host)]
        return spider

    # -- family hooks ---------------------------------------------------------------

    def listing_entries(self, response) -> list[dict]:
        """Listing records ({url, title, date, ...}) on one listing page."""
        raise NotImplementedError

    def listing_pages(self, response) -> list[str]:
        """Other listing pages reachable from this one (absolute URLs)."""
        return []

    def listing_requests(self, response):
        """Requests for the other listing pages; by default GETs of ``listing_pages``."""
        return [self.listing_request(url) for url in self.listing_pages(response)]

    def accept_detail(self, url: str) -> bool:
        """Whether a listed link is one of this column's reports (default: same host)."""
        return urlsplit(url).hostname == self.site.host

    # -- crawl ------------------------------------------------------------------------

    @property
    def option(self):
        return self.site.options.get

    def listing_request(self, url: str, **kwargs) -> scrapy.Request:
        """A listing-page request (``meta["nianbao"] = "listing"``): never skipped by incremental crawls."""
        meta = {"nianbao": "listing", **kwargs.pop("meta", {})}
        kwargs.setdefault("callback", self.parse)
        return scrapy.Request(url, meta=meta, **self.routed(kwargs))

    def detail_request(self, entry: dict) -> scrapy.Request:
        return scrapy.Request(entry["url"], meta={"nianbao": "detail"},
                              **self.routed({"callback": self.parse_report, "cb_kwargs": {"listing": entry}}))

    #: Set when another spider runs this one (the ``auto`` spider): a method of that spider,
    #: called as ``router(response, family_callback=<name>, **cb_kwargs)``. Scrapy's disk
    #: queues (JOBDIR) store callbacks by name, so they must be methods of the running spider.
    router = None

    def routed(self, kwargs: dict) -> dict:
        if self.router is None:
            return kwargs
        callback = kwargs["callback"]
        return {**kwargs, "callback": self.router, "cb_kwargs": {"family_callback": callback.__name__, **kwargs.get("cb_kwargs", {})}}

    async def start(self):
        self.crawled_from_start = True  # scrapy parse replaces start and scrapy shell skips it: no crawl of the site
        for request in self.first_requests():
            yield request

    def first_requests(self):
        """What a crawl of the site begins with."""
        yield self.listing_request(self.site.start_url)

    def in_column(self, url: str) -> bool:
        """Pagination stays under the listing's own folder (or the registry's ``listing_prefix``)."""
        prefix = self.option("listing_prefix") or listing_prefix(self.site.start_url)
        return url.startswith(prefix)

    def allow_listing_page(self) -> bool:
        cap = self.settings.getint("NIANBAO_MAX_LISTING_PAGES")
        if self.listing_pages_seen >= cap:
            self.crawler.stats.inc_value(keys.LISTING_PAGES_CAPPED)
            return False
        self.listing_pages_seen += 1
        return True

    def follow_listings(self, requests):
        """The listing requests that are new, in the column and under the per-site cap."""
        for request in requests:
            key = (request.method, request.url, request.body)
            if key in self.listing_keys or not self.in_column(request.url):
                continue
            self.listing_keys.add(key)
            if not self.allow_listing_page():
                return
            yield request

    def follow_entries(self, entries: list[dict], page_url: str):
        if not entries:
            self.logger.warning("no report links on listing page %s", page_url)
        for entry in entries:
            if self.accept_detail(entry["url"]):
                yield self.detail_request(entry)

    def parse(self, response):
        """Listing page: one request per report page, then the other listing pages."""
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        self.listing_keys.add((response.request.method, response.request.url, response.request.body))
        requests = list(self.listing_requests(response))
        yield from self.follow_entries(self.listing_entries(response), response.url)
        yield from self.follow_listings(requests)

    def parse_report(self, response, listing: dict | None = None):
        """Detail page: the raw material of one report; the pipelines do the rest."""
        site = self.site
        yield ReportItem(
            url=response.url,
            site_id=site.site_id,
            province=site.province,
            city=site.city,
            county=site.county,
            html=response.text,
            listing=listing or {},
            site=site.as_dict(),
            template=self.name,
            attachments=attachments(response, response.url),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )


def compile_option(spider: ReportSpider, name: str, default: re.Pattern) -> re.Pattern:
    """A regular expression from the registry row's options, else the family default."""
    pattern = spider.option(name)
    return re.compile(pattern) if pattern else default


class MainListSpider(ReportSpider):
    """A family whose reports are the links of the listing page's main list.

    ``parser`` is the family's parser module (``listing_entries`` and ``DETAIL_RE``); the
    registry row's ``detail_pattern`` and ``list_selector`` override its defaults.
    """

    name = None  # not a spider of its own
    parser = None

    def listing_entries(self, response):
        detail_re = compile_option(self, "detail_pattern", self.parser.DETAIL_RE)
        return self.parser.listing_entries(response, response.url, detail_re, self.option("list_selector"))
