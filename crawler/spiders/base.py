"""The base spider: listing pages -> detail pages -> report items.

A family spider says how to read its listings (``listing_entries`` and
``listing_pages``); everything else — the site row, politeness, the listing-page cap,
staying in the column, building the item — lives here.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy

from crawler.items import ReportItem
from crawler.parsers.common import attachments, listing_prefix
from crawler.registry import Site, load_sites


class ReportSpider(scrapy.Spider):
    """Base for the family spiders. Run one with a registry row or an ad hoc URL.

    ``scrapy crawl trs -a url=http://example.gov.cn/col/nb/index.html`` crawls that column;
    ``scrapy crawl trs -a site_id=bengbu`` takes the row from ``NIANBAO_SITES``.
    """

    name = "base"

    def __init__(self, site: Site | None = None, url: str | None = None, site_id: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if site is None and url:
            site = Site.from_url(url, template=self.name)
        self.site = site
        self._site_id = site_id
        if site is not None:
            self.allowed_domains = [site.host]
        self.listing_pages_seen = 0

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
            spider.allowed_domains = [spider.site.host]
        return spider

    # -- family hooks ---------------------------------------------------------------

    def listing_entries(self, response) -> list[dict]:
        """Listing records ({url, title, date, ...}) on one listing page."""
        raise NotImplementedError

    def listing_pages(self, response) -> list[str]:
        """Other listing pages reachable from this one (absolute URLs)."""
        return []

    def accept_detail(self, url: str) -> bool:
        """Whether a listed link is one of this column's reports (default: same host)."""
        return urlsplit(url).hostname == self.site.host

    # -- crawl ------------------------------------------------------------------------

    @property
    def option(self):
        return self.site.options.get

    def listing_request(self, url: str, **kwargs) -> scrapy.Request:
        meta = {"nianbao": "listing", **kwargs.pop("meta", {})}
        return scrapy.Request(url, callback=self.parse, meta=meta, **kwargs)

    def detail_request(self, entry: dict) -> scrapy.Request:
        return scrapy.Request(entry["url"], callback=self.parse_report, cb_kwargs={"listing": entry}, meta={"nianbao": "detail"})

    async def start(self):
        yield self.listing_request(self.site.start_url)

    def in_column(self, url: str) -> bool:
        """Pagination stays under the listing's own folder and on the site's host."""
        prefix = self.option("listing_prefix") or listing_prefix(self.site.start_url)
        return url.startswith(prefix)

    def allow_listing_page(self) -> bool:
        cap = self.settings.getint("NIANBAO_MAX_LISTING_PAGES")
        if self.listing_pages_seen >= cap:
            self.crawler.stats.inc_value("nianbao/listing_pages_capped")
            return False
        self.listing_pages_seen += 1
        return True

    def parse(self, response):
        """Listing page: one request per report page, then the other listing pages."""
        self.crawler.stats.inc_value("nianbao/listing_pages")
        entries = self.listing_entries(response)
        if not entries:
            self.logger.warning("no report links on listing page %s", response.url)
        for entry in entries:
            if not self.accept_detail(entry["url"]):
                continue
            yield self.detail_request(entry)
        for url in self.listing_pages(response):
            if self.in_column(url) and self.allow_listing_page():
                yield self.listing_request(url)

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
