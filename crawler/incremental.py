"""Incremental crawling: listing pages are always read, stored detail pages are not fetched again.

A detail request (``meta["nianbao"] == "detail"``) whose URL is already in ``reports`` is
dropped before it is scheduled, unless ``NIANBAO_REFRESH`` is on or the listing shows a date
newer than the stored one; such a re-check is sent as a conditional request
(``If-Modified-Since`` the stored fetch time), and a ``304 Not Modified`` answer counts as
unchanged without touching the stored row.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import format_datetime

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest

from crawler.audit import detail_known
from crawler.bounds import lost_cause
from pipelines import stats as keys
from pipelines.dates import iso_date
from pipelines.listing import ListingRecord
from store.read import stored_reports

logger = logging.getLogger(__name__)


def is_detail(request) -> bool:
    return isinstance(request, Request) and request.meta.get("nianbao") == "detail"


def listing_is_newer(listing: ListingRecord | None, published: str | None, fetched_at: str) -> bool:
    """Whether the listing dates the entry after what is stored (its publish date, else the fetch day)."""
    listed = iso_date(listing.date or listing.published) if listing else None
    return bool(listed) and listed > (published or fetched_at[:10])


def if_modified_since(fetched_at: str) -> str:
    return format_datetime(datetime.fromisoformat(fetched_at), usegmt=True)


class IncrementalMiddleware:
    """Spider middleware: skips detail requests for reports already stored.

    Stats: ``nianbao/details_skipped`` and ``nianbao/details_rechecked``.
    """

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.signals = crawler.signals
        self.refresh = crawler.settings.getbool("NIANBAO_REFRESH")
        self.stored = stored_reports(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_closed(self):
        self.stored.close()

    def incremental(self, request):
        """The request to send for ``request`` (maybe made conditional), or None to skip it."""
        if self.refresh or not is_detail(request):
            return request
        stored = self.stored.dates(request.url)
        if stored is None:
            return request
        published, fetched_at = stored
        if listing_is_newer(ListingRecord.coerce(request.cb_kwargs.get("listing")), published, fetched_at):
            self.stats.inc_value(keys.DETAILS_RECHECKED)
            return request.replace(headers={**request.headers.to_unicode_dict(), "If-Modified-Since": if_modified_since(fetched_at)})
        self.stats.inc_value(keys.DETAILS_SKIPPED)
        self.signals.send_catch_log(signal=detail_known, url=request.url)
        return None

    def process_spider_output(self, response, result):
        for output in result:
            output = self.incremental(output)
            if output is not None:
                yield output

    async def process_spider_output_async(self, response, result):
        async for output in result:
            output = self.incremental(output)
            if output is not None:
                yield output


class DetailOutcomeMiddleware:
    """Downloader middleware: counts detail pages that failed for good and ends 304 answers.

    Sits below RetryMiddleware (550), so it sees only final outcomes. Stats:
    ``nianbao/details_failed`` and ``nianbao/details_not_modified``.
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        if not is_detail(request):
            return response
        if response.status == 304:
            self.stats.inc_value(keys.DETAILS_NOT_MODIFIED)
            raise IgnoreRequest(f"not modified: {request.url}")
        if response.status >= 400:
            self.stats.inc_value(keys.DETAILS_FAILED)
            logger.warning("detail page failed: %s (HTTP %d)", request.url, response.status)
        return response

    def process_exception(self, request, exception):
        if is_detail(request) and not isinstance(exception, IgnoreRequest) and lost_cause(exception) is None:
            self.stats.inc_value(keys.DETAILS_FAILED)
            logger.warning("detail page failed: %s (%s)", request.url, exception.__class__.__name__)
