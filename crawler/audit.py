"""The coverage audit: per site, what its listings showed, what was followed and what was stored.

A miss should be visible to whoever runs the crawl. Every listing row is counted, and every
link on a listing page whose title reads like a report's (``reads_like_report``); a report-like
link that ends the crawl neither stored nor already in the corpus is a *suspect*: logged with
its URL and why (an attachment, outside the site, dropped by a pipeline stage, failed), and
counted in the run's ``suspects`` (``nianbao/suspects``) (crawl summary and ``crawl_runs``).
"""

from __future__ import annotations

import logging

from scrapy import signals

from crawler.parsers.common import reads_like_report
from pipelines import stats as keys
from pipelines.listing import ListingRecord

logger = logging.getLogger(__name__)

#: Sent by the incremental middleware for a detail page it does not fetch because it is stored.
detail_known = object()


class CoverageAudit:
    def __init__(self):
        self.crawler = None
        self.report_like: dict[str, str | None] = {}  # url -> title
        self.followed_urls: set[str] = set()
        self.stored: set[str] = set()
        self.reasons: dict[str, str] = {}

    def connect(self, crawler, spider) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.known, signal=detail_known)

    @property
    def stats(self):
        return self.crawler.stats if self.crawler is not None else None

    def listed(self, rows: list[ListingRecord], other_links: list[ListingRecord]) -> None:
        """A listing page's rows and its report-like links outside the list."""
        if self.stats is None:
            return
        self.stats.inc_value(keys.LISTING_ROWS, len(rows))
        for record in [*rows, *other_links]:
            if reads_like_report(record.title):
                self.report_like.setdefault(record.url, record.title)
        self.stats.set_value(keys.REPORT_LIKE_LINKS, len(self.report_like))

    def followed(self, url: str) -> None:
        if self.stats is not None and url not in self.followed_urls:
            self.followed_urls.add(url)
            self.stats.set_value(keys.DETAILS_FOLLOWED, len(self.followed_urls))

    def not_followed(self, record: ListingRecord, reason: str) -> None:
        self.reasons.setdefault(record.url, f"not followed: {reason}")

    def item_scraped(self, item, response, spider) -> None:
        self._stored(item)

    def item_dropped(self, item, response, exception, spider) -> None:
        listing = ListingRecord.coerce(item.get("listing"))
        for url in {item.get("url"), listing.url if listing else None} - {None}:
            self.reasons[url] = f"dropped: {exception}"

    def known(self, url: str) -> None:
        self.stored.add(url)

    def _stored(self, item) -> None:
        listing = ListingRecord.coerce(item.get("listing"))
        self.stored.update(url for url in (item.get("url"), listing.url if listing else None) if url)

    def suspects(self) -> list[tuple[str, str | None, str]]:
        """(url, title, why) of every report-like link neither stored nor already in the corpus."""
        found = []
        for url, title in self.report_like.items():
            if url in self.stored:
                continue
            reason = self.reasons.get(url) or ("followed, not stored" if url in self.followed_urls else "not followed")
            found.append((url, title, reason))
        return found

    def finish(self, site_id: str) -> None:
        """Log the suspects and count them (``nianbao/suspects``)."""
        if self.stats is None:
            return
        suspects = self.suspects()
        self.stats.set_value(keys.SUSPECTS, len(suspects))
        for url, title, reason in suspects:
            logger.warning("%s: report-like link not stored: %s %r (%s)", site_id, url, title, reason)
