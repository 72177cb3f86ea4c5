"""Incremental crawling: listing pages are always read, stored detail pages are not fetched again.

A detail request (``meta["nianbao"] == "detail"``) whose URL is already in ``reports`` is
dropped before it is scheduled, unless ``NIANBAO_REFRESH`` is on or the listing shows a date
newer than the stored one; such a re-check is sent as a conditional request
(``If-Modified-Since`` the stored fetch time), and a ``304 Not Modified`` answer counts as
unchanged without touching the stored row.

A detail page judged before not to be stored (``decisions``, crawler.decisions) is treated the
same, its re-check conditional on its answer's ``ETag``/``Last-Modified`` (else the decision's
time); a page never seen (a rate-limit answer, a body cut short) is asked again every run,
conditionally only on the validators that answer gave. A 304 keeps the decision.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import format_datetime

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, ResponseDataLossError

from crawler.audit import detail_known
from crawler.bounds import lost_cause
from crawler.decisions import TRUNCATED, UNSEEN, decided
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


def conditional_headers(decision: dict) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` for re-asking a remembered page: its answer's
    validators; without them a page judged on its content is asked about since the decision, a
    page never seen unconditionally."""
    headers = {}
    if decision["etag"]:
        headers["If-None-Match"] = decision["etag"]
    if decision["last_modified"]:
        headers["If-Modified-Since"] = decision["last_modified"]
    elif not headers and decision["reason"] not in UNSEEN:
        headers["If-Modified-Since"] = if_modified_since(decision["decided_at"])
    return headers


def conditional(request, headers: dict[str, str], **meta):
    return request.replace(headers={**request.headers.to_unicode_dict(), **headers}, meta={**request.meta, **meta})


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
        listing = ListingRecord.coerce(request.cb_kwargs.get("listing"))
        if stored is None:
            decision = self.stored.decision(request.url)
            return request if decision is None else self.remembered(request, listing, decision)
        published, fetched_at = stored
        if listing_is_newer(listing, published, fetched_at):
            self.stats.inc_value(keys.DETAILS_RECHECKED)
            return conditional(request, {"If-Modified-Since": if_modified_since(fetched_at)})
        self.stats.inc_value(keys.DETAILS_SKIPPED)
        self.signals.send_catch_log(signal=detail_known, url=request.url)
        return None

    def remembered(self, request, listing: ListingRecord | None, decision: dict):
        """The request for a page judged before (conditional), or None when the decision stands unasked."""
        if decision["reason"] in UNSEEN or listing_is_newer(listing, None, decision["decided_at"]):
            self.stats.inc_value(keys.DETAILS_RECHECKED)
            return conditional(request, conditional_headers(decision), nianbao_decision=decision["reason"])
        self.stats.inc_value(keys.remembered(decision["reason"]))
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

    def __init__(self, stats, signals):
        self.stats = stats
        self.signals = signals

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.signals)

    def process_response(self, request, response):
        if not is_detail(request):
            return response
        if response.status == 304:
            reason = request.meta.get("nianbao_decision")
            self.stats.inc_value(keys.remembered(reason) if reason else keys.DETAILS_NOT_MODIFIED)
            raise IgnoreRequest(f"not modified: {request.url}")
        if response.status >= 400:
            self.stats.inc_value(keys.DETAILS_FAILED)
            logger.warning("detail page failed: %s (HTTP %d)", request.url, response.status)
        return response

    def process_exception(self, request, exception):
        if is_detail(request) and not isinstance(exception, IgnoreRequest) and lost_cause(exception) is None:
            self.stats.inc_value(keys.DETAILS_FAILED)
            logger.warning("detail page failed: %s (%s)", request.url, exception.__class__.__name__)
            if isinstance(exception, ResponseDataLossError):
                self.signals.send_catch_log(signal=decided, request=request, reason=TRUNCATED, detail="the body was cut short")
