"""The base spider: start page -> (the column, found if need be) -> listing pages -> detail pages -> items.

A family spider says how to read its listings (``listing_records`` and ``listing_pages``, or
``listing_requests`` when later pages need POST forms or an API); everything else lives here:

- the start URL is the column when it lists reports, else the page the column is found from
  (``crawler.discovery``: links named 年报 / 信息公开年报 …, best first, a few hops deep);
- the site's folder (the start URL's, or ``options.site_root``): a department site at ``http://host/fgw/`` is searched
  for its own column before the host's;
- every listing page's report-like links are followed even when the family's parser left them
  out (the safety net), and the coverage audit (``crawler.audit``) counts what was listed,
  followed and stored;
- politeness, the listing-page cap, staying in the column and on the site's domain, the item.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import CloseSpider

from crawler import discovery
from crawler.audit import CoverageAudit
from crawler.items import ReportItem
from crawler.parsers.common import ATTACHMENT_RE, attachments, folder_of, page_key, reads_like_report, site_domain
from crawler.parsers.lists import list_frames, listing_records, main_list, report_links
from crawler.registry import Site, load_sites
from pipelines import stats as keys
from pipelines.listing import ListingRecord
from store.lock import CorpusBusy
from store.pipeline import corpus_of

MAX_HOPS = 3  # root -> 政府信息公开 -> 法定主动公开内容 -> column


class ReportSpider(scrapy.Spider):
    """Base for the family spiders. Run one with a registry row or an ad hoc URL.

    ``scrapy crawl trs -a url=http://example.gov.cn/col/nb/index.html`` crawls that column;
    ``scrapy crawl trs -a site_id=bengbu`` takes the row from ``NIANBAO_SITES``. The URL may
    also be the site's root (or a department's folder): the column is found from there.
    """

    name = None  # abstract: the family spiders name themselves
    records_runs = True  # its crawls are recorded in crawl_runs (crawler.extensions)

    def __init__(self, site: Site | None = None, url: str | None = None, site_id: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if site is None and url:
            site = Site.from_url(url, template=self.name)
        self._site_id = site_id
        self.listing_pages_seen = 0
        self.details_asked: set[str] = set()  # detail URLs asked for, bounded by NIANBAO_MAX_DETAIL_PAGES
        self.listing_keys: set[tuple] = set()
        self.crawled_from_start = False
        self.column_url: str | None = None
        self.frontier: list[tuple] = []  # discovery: (candidate, hop) best first
        self.visited: set[str] = set()
        self.frame_folders: set[str] = set()
        self.fallback_column: str | None = None  # the list crawled when discovery finds no better column
        self.reserve: set[str] | None = None  # the report URLs of a portal box kept in reserve
        self.audit = CoverageAudit()
        self.site = None
        if site is not None:
            self.use_site(site)

    def use_site(self, site: Site) -> None:
        self.site = site
        self.allowed_domains = [site_domain(site.host)]
        self.root = self.option("site_root") or folder_of(site.start_url)

    #: Why the spider has no site to crawl (no ``-a url`` or ``-a site_id``, an unknown site_id):
    #: ``start`` logs it and closes the spider, so ``scrapy crawl`` ends with that one line.
    no_site: str | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.site is None:
            registry = crawler.settings.get("NIANBAO_SITES")
            rows = {site.site_id: site for site in load_sites(registry)} if spider._site_id else {}
            if not spider._site_id:
                spider.no_site = f"{cls.name}: give -a url=<listing url> or -a site_id=<registry id>"
            elif spider._site_id not in rows:
                spider.no_site = f"site_id {spider._site_id!r} is not in {registry}"
            else:
                spider.use_site(rows[spider._site_id])
        spider.audit.connect(crawler, spider)
        return spider

    # -- family hooks ---------------------------------------------------------------

    detail_shape: re.Pattern | None = None  # the family's detail-page URL shape (a hint to the list finder)

    @property
    def detail_re(self) -> re.Pattern | None:
        return detail_pattern(self.site.options, self.detail_shape)

    def listing_records(self, response) -> list[ListingRecord]:
        """The rows of one listing page (default: its list, found by structure)."""
        return listing_records(response, response.url, self.detail_re, self.option("list_selector"))

    def listing_pages(self, response) -> list[str]:
        """Other listing pages reachable from this one (absolute URLs)."""
        return []

    def listing_requests(self, response):
        """Requests for the other listing pages; by default GETs of ``listing_pages``."""
        return [self.listing_request(url) for url in self.listing_pages(response)]

    def accept_detail(self, url: str) -> bool:
        """Whether a listed link is one of this column's reports (default: on the site's host)."""
        return urlsplit(url).hostname == self.site.host

    #: ``(page, url, named_column, options) -> str | None``: why a page is the annual-report column
    #: (its list holds reports; ``named_column`` when a link named it so), or None.
    column_evidence = staticmethod(discovery.column_evidence)

    def page_evidence(self, response, named_column: bool) -> str | None:
        return self.column_evidence(response, asked_url(response), named_column, self.site.options)

    def sniffed_evidence(self, response, named_column: bool):
        """(the family the page shows, why the page is that family's column or None)."""
        from crawler import sniff  # sniffing weighs every family's signs; the families import this module
        from crawler.families import FAMILIES

        sniffed = sniff.fingerprint(response, response.request.url)
        spider = FAMILIES[sniffed.family].Spider
        return sniffed, spider.column_evidence(response, asked_url(response), named_column, self.site.options)

    # -- requests ---------------------------------------------------------------------

    @property
    def option(self):
        return self.site.options.get

    def listing_request(self, url: str, **kwargs) -> scrapy.Request:
        """A listing-page request (``meta["nianbao"] = "listing"``): never skipped by incremental crawls."""
        meta = {"nianbao": "listing", **kwargs.pop("meta", {})}
        kwargs.setdefault("callback", self.parse)
        return scrapy.Request(url, meta=meta, **self.routed(kwargs))

    def detail_request(self, record: ListingRecord) -> scrapy.Request:
        return scrapy.Request(record.url, meta={"nianbao": "detail"},
                              **self.routed({"callback": self.parse_report, "cb_kwargs": {"listing": record}}))

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
        if self.site is None:
            self.logger.error(self.no_site)
            raise CloseSpider("no site")
        self.crawled_from_start = True  # scrapy parse replaces start and scrapy shell skips it: no crawl of the site
        if self.records_runs and self.stores_here():
            self.open_corpus()
        for request in self.first_requests():
            yield request

    def stores_here(self) -> bool:
        """Whether this crawl writes the corpus itself (a worker of a distributed crawl sends its
        items to the run's store instead)."""
        return self.settings.getdict("ITEM_PIPELINES").get("store.pipeline.CorpusPipeline") is not None

    def open_corpus(self) -> None:
        """Open the corpus before the first request, so that a ``scrapy crawl`` (a Scrapyd job) into a
        corpus another process is writing stops at once instead of fetching pages it cannot store."""
        try:
            corpus_of(self.crawler)
        except CorpusBusy as exc:
            self.logger.error("%s", exc)
            self.crawled_from_start = False  # nothing crawled, nothing to record
            raise CloseSpider("corpus busy") from None

    start_failure: str | None = None  # why the start page could not be fetched

    def first_requests(self):
        """What a crawl of the site begins with: its start page, the column or a page to find it from."""
        yield self.listing_request(self.site.start_url, callback=self.parse_start, errback=self.start_failed)

    def start_failed(self, failure):
        response = getattr(failure.value, "response", None)
        self.start_failure = f"HTTP {response.status}" if response is not None else failure.value.__class__.__name__
        self.logger.error("%s: the start page %s could not be fetched (%s)", self.site.site_id, self.site.start_url, self.start_failure)

    # -- the column -------------------------------------------------------------------

    def parse_start(self, response):
        """The start page: the column when it lists reports, else where discovery begins."""
        yield from self.discover(response, hop=0, named_column=False)

    def discover(self, response, hop: int, named_column: bool):
        """A page on the way to the column: the column itself, or more candidates to try, best first.

        A page named like the column (by the link to it, its title, heading or breadcrumb) whose
        list holds a report is the column. A page that lists reports without naming itself so (a
        portal's box of the latest reports) is kept in reserve while the site's other candidates
        are tried: a column found then is taken when its list shares a report with the box (or
        lists none in its page, as API-fed lists do); one sharing none is another body's.
        """
        if self.column_url:
            return
        self.visited.add(response.url)
        candidates = [c for c in discovery.candidates(response, response.url, self.root, self.own_names)
                      if c.url.split("#")[0] not in self.visited]
        named_column = named_column or discovery.names_itself_column(response)
        evidence = self.page_evidence(response, named_column)
        if evidence:
            rows = {record.url for record in self.listing_records(response)}
            if self.reserve is not None and rows and not rows & self.reserve:
                self.logger.info("%s lists none of the reports of %s: another body's column", response.url, self.fallback_column)
            elif named_column or not [c for c in candidates if discovery.in_site(c.url, self.root)]:
                yield from self.column_found(response, evidence)
                return
            else:
                self.logger.info("%s lists reports and links a column: trying that first", response.url)
                self.fallback_column, self.reserve = response.url, rows
        elif hop == 0:
            self.logger.info("%s lists no reports: looking for the annual-report column from it", response.url)
            if main_list(response, response.url, self.detail_re) is not None or list_frames(response, response.url):
                self.fallback_column = response.url
        if hop < MAX_HOPS:
            for candidate in candidates:
                heapq.heappush(self.frontier, (candidate, hop + 1))
        yield from self.next_candidate()

    @property
    def own_names(self) -> tuple[str, ...]:
        return tuple(name for name in (self.site.name, self.site.county, self.site.city) if name)

    def next_candidate(self):
        limit = self.settings.getint("NIANBAO_DISCOVERY_PAGES")
        while self.frontier and len(self.visited) < limit:
            candidate, hop = heapq.heappop(self.frontier)
            page = candidate.url.split("#")[0]
            if page in self.visited:
                continue
            self.visited.add(page)
            self.logger.debug("discovery: trying %s (%s, %r, score %d)", candidate.url, candidate.kind, candidate.text, candidate.score)
            yield self.listing_request(candidate.url, callback=self.discover, dont_filter=True,
                                       cb_kwargs={"hop": hop, "named_column": candidate.kind == "column"},
                                       errback=self.discovery_failed)
            return
        if self.fallback_column and not self.column_url:
            # No (other) column anywhere near: the list kept in reserve is the best there is.
            self.logger.info("no other annual-report column found: crawling the list of %s", self.fallback_column)
            yield self.listing_request(self.fallback_column, callback=self.parse_fallback, dont_filter=True)
            self.fallback_column = None

    def parse_fallback(self, response):
        yield from self.column_found(response, "the best list found")

    def discovery_failed(self, failure):
        yield from self.next_candidate()

    def column_found(self, response, evidence: str):
        """The column: crawl it (its URL as the request asked for it, fragment and all)."""
        self.column_url = response.request.url
        self.crawler.stats.set_value(keys.COLUMN_URL, self.column_url)
        self.logger.info("annual-report column %s (%s)", self.column_url, evidence)
        if self.column_url != self.site.start_url:
            self.site = replace(self.site, start_url=self.column_url)
        yield from self.parse(response)

    # -- handing a column to another family ---------------------------------------------

    family_spider = None  # the spider of the family this one handed its column to

    def hand_over(self, response, family: str):
        """Crawl the column with ``family``'s spider, from the page already fetched.

        Its requests come back through ``in_family`` (its ``router``), so every callback is a
        method of the running spider; a resumed crawl (JOBDIR) rebuilds it from the spider state.
        """
        column = (response.request.url, family, self.root)
        if hasattr(self, "state"):
            self.state["column"] = column
        self.family_spider = self.make_family(*column)
        return self.family_spider.parse(response)

    def make_family(self, column_url: str, family: str, root: str | None = None) -> "ReportSpider":
        from crawler.families import FAMILIES  # the families' modules import this one

        column = replace(self.site, start_url=column_url, template=family)
        spider = FAMILIES[family].Spider.from_crawler(self.crawler, site=column)
        spider.root = root or self.root
        spider.audit = self.audit
        spider.router = self.in_family
        return spider

    def in_family(self, response, family_callback: str, **kwargs):
        if self.family_spider is None:
            self.family_spider = self.make_family(*self.state["column"])
        return getattr(self.family_spider, family_callback)(response, **kwargs)

    # -- listings ---------------------------------------------------------------------

    def is_first_page(self, response) -> bool:
        """Whether this is the column's own page (its pager counts from here)."""
        return response.url == self.site.start_url.split("#", 1)[0]

    def frame_request(self, url: str) -> scrapy.Request:
        """A list framed in a listing page: a listing page too, and its folder part of the column."""
        self.frame_folders.add(folder_of(url))
        return self.listing_request(url)

    @property
    def column_folder(self) -> str:
        """Where the column's listing pages live: its folder, or the registry's ``listing_prefix``."""
        return self.option("listing_prefix") or folder_of(self.site.start_url)

    def in_column(self, url: str) -> bool:
        """Pagination stays under the column's folder (or that of a list it frames)."""
        return url.startswith(self.column_folder) or any(url.startswith(folder) for folder in self.frame_folders)

    @property
    def listing_cap(self) -> int:
        """How far an advertised page count is read: one page past NIANBAO_MAX_LISTING_PAGES, so
        that the cap sees (and records) that it bit."""
        return self.settings.getint("NIANBAO_MAX_LISTING_PAGES") + 1

    def allow_listing_page(self) -> bool:
        if self.listing_pages_seen >= self.settings.getint("NIANBAO_MAX_LISTING_PAGES"):
            self.crawler.stats.inc_value(keys.LISTING_PAGES_CAPPED)
            return False
        self.listing_pages_seen += 1
        return True

    def follow_listings(self, requests):
        """The listing requests that are new, in the column and under the per-site cap."""
        for request in requests:
            key = (request.method, page_key(request.url), request.body)
            if key in self.listing_keys or not self.in_column(request.url):
                continue
            self.listing_keys.add(key)
            if not self.allow_listing_page():
                return
            yield request

    def follow_entries(self, records: list[ListingRecord], page_url: str, page=None):
        """Detail requests for a listing's rows, and for its other report-like links (the safety net)."""
        extra = [record for record in report_links(page, page_url) if record.url not in {r.url for r in records}] if page is not None else []
        if not records and not extra:
            self.logger.warning("no report links on listing page %s", page_url)
        self.audit.listed(records, extra)
        for record in records:
            if self.followable(record, report_like=reads_like_report(record.title)):
                yield self.detail_request(record)
        for record in extra:
            if self.followable(record, report_like=True) and discovery.in_site(record.url, self.root):
                self.crawler.stats.inc_value(keys.SAFETY_NET_FOLLOWED)
                yield self.detail_request(record)

    def followable(self, record: ListingRecord, report_like: bool) -> bool:
        if ATTACHMENT_RE.search(record.url):
            reason = "attachment"
        elif not self.accept_detail(record.url):
            reason = "outside the site"
        elif record.url not in self.details_asked and len(self.details_asked) >= self.settings.getint("NIANBAO_MAX_DETAIL_PAGES"):
            self.crawler.stats.inc_value(keys.DETAILS_CAPPED)
            reason = "past NIANBAO_MAX_DETAIL_PAGES"
        else:
            self.details_asked.add(record.url)
            self.audit.followed(record.url)
            return True
        if report_like:
            self.audit.not_followed(record, reason)
        return False

    def parse(self, response):
        """Listing page: one request per report page, then the other listing pages.

        @demo listing
        @returns requests 1
        """
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        self.listing_keys.add((response.request.method, page_key(response.request.url), response.request.body))
        requests = list(self.listing_requests(response))
        requests += [self.listing_request(url) for url in discovery.subcolumn_links(response, response.url, self.column_folder)]
        requests += [self.frame_request(url) for url in list_frames(response, response.url)]
        yield from self.follow_entries(self.listing_records(response), response.url, response)
        yield from self.follow_listings(requests)

    def parse_report(self, response, listing: ListingRecord | None = None):
        """Detail page: the raw material of one report; the pipelines do the rest.

        @demo report
        @returns items 1 1
        @scrapes url site_id html template containers fetched_at
        @cleans title year kind agency published text
        """
        site = self.site
        yield ReportItem(
            url=response.url,
            site_id=site.site_id,
            province=site.province,
            city=site.city,
            county=site.county,
            html=response.text,
            listing=ListingRecord.coerce(listing) or ListingRecord(url=response.url),
            site=site.as_dict(),
            template=self.name,
            attachments=attachments(response, response.url),
            containers=self.body_selectors(),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )

    def body_selectors(self) -> tuple[str, ...]:
        from crawler.families import body_selectors  # the families' modules import this one

        return body_selectors(self.name)

    def closed(self, reason):
        if not self.crawled_from_start:  # no site, or scrapy parse / shell / check: nothing to audit
            return
        self.audit.finish(self.site.site_id)
        if self.visited and self.column_url is None and not self.start_failure:
            self.logger.error("%s: no annual-report column found within %d hops of %s", self.site.site_id, MAX_HOPS, self.site.start_url)


def asked_url(response) -> str:
    """The page's URL with the fragment the request gave it (gkmlpt's catId), unless it was redirected."""
    asked = response.request.url
    return asked if asked.split("#", 1)[0] == response.url else response.url


def detail_pattern(options: dict | None, default: re.Pattern | None) -> re.Pattern | None:
    """The registry row's ``detail_pattern`` (a regular expression), else the family's detail shape."""
    pattern = (options or {}).get("detail_pattern")
    return re.compile(pattern) if pattern else default
