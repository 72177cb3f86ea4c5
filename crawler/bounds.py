"""Bounds on what a hostile site can cost, and the pages they cost the crawl.

``DOWNLOAD_MAXSIZE`` stops a body as it arrives (Scrapy's download handler) and while it is
decompressed (``BoundedDecompression``: a small gzip bomb never expands past the bound), so one
site's page costs at most about that much memory. Pages lost to the bound or to timeouts that
outlast the retries are counted per site (``pipelines.stats``: ``nianbao/lost/…``), so the run
report never calls such a site ``ok``.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from twisted.internet.error import TimeoutError as ConnectTimeout
from twisted.internet.error import TCPTimedOutError

from pipelines import stats as keys

logger = logging.getLogger(__name__)

TIMEOUTS = (DownloadTimeoutError, ConnectTimeout, TCPTimedOutError, TimeoutError)
LOSS_KEYS = {"size cap": keys.PAGES_OVER_SIZE, "timeout": keys.PAGES_TIMED_OUT}


def lost_cause(exception: BaseException) -> str | None:
    """``size cap`` or ``timeout`` when a bound cost the page, else None."""
    if isinstance(exception, DownloadCancelledError):
        return "size cap"
    if isinstance(exception, TIMEOUTS):
        return "timeout"
    return None


class BoundedDecompression(HttpCompressionMiddleware):
    """Scrapy's decompression (which stops at DOWNLOAD_MAXSIZE), counting the pages it refuses."""

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            if request.meta.get("nianbao") == "attachment":
                raise IgnoreRequest(f"decompressed body larger than download max size: {request.url}") from None
            self.stats.inc_value(keys.PAGES_OVER_SIZE)
            logger.warning("page lost to DOWNLOAD_MAXSIZE: %s (decompressed body too large)", request.url)
            raise


class LostPagesMiddleware:
    """Below the retries: counts the final failures that are a bound's doing (size, time); the
    detail pages among them are not counted again as ``failed`` (crawler.incremental)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_exception(self, request, exception):
        cause = lost_cause(exception)
        if cause and request.meta.get("nianbao") != "attachment":  # files have their own outcomes (crawler.attachments)
            self.stats.inc_value(LOSS_KEYS[cause])
            logger.warning("page lost to the %s: %s (%s)", cause, request.url, exception.__class__.__name__)
