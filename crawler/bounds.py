"""Bounds on what a hostile site can cost, and the pages they cost the crawl.

``DOWNLOAD_MAXSIZE`` stops a body as it arrives (Scrapy's download handler) and while it is
decompressed (``BoundedDecompression``: a small gzip bomb never expands past the bound), so one
site's page costs at most about that much memory. Pages lost to the bound or to timeouts that
outlast the retries are counted per site (``pipelines.stats``: ``nianbao/lost/…``), so the run
report never calls such a site ``ok``; so are redirects Scrapy refuses to follow (to another host,
to ``file:`` or ``data:``), which it would otherwise drop without a word.
"""

from __future__ import annotations

import logging

from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from w3lib.url import safe_url_string
from twisted.internet.error import TimeoutError as ConnectTimeout
from twisted.internet.error import TCPTimedOutError

from crawler.decisions import SIZE_CAP, decided
from pipelines import stats as keys

logger = logging.getLogger(__name__)

TIMEOUTS = (DownloadTimeoutError, ConnectTimeout, TCPTimedOutError, TimeoutError)
LOSS_KEYS = {"size cap": keys.PAGES_OVER_SIZE, "timeout": keys.PAGES_TIMED_OUT}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


def lost_cause(exception: BaseException) -> str | None:
    """``size cap`` or ``timeout`` when a bound cost the page, else None."""
    if isinstance(exception, DownloadCancelledError):
        return "size cap"
    if isinstance(exception, TIMEOUTS):
        return "timeout"
    return None


class BoundedDecompression(HttpCompressionMiddleware):
    """Scrapy's decompression (which stops at DOWNLOAD_MAXSIZE), counting the pages it refuses."""

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        middleware.signals = crawler.signals
        return middleware

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            if request.meta.get("nianbao") == "attachment":
                raise IgnoreRequest(f"decompressed body larger than download max size: {request.url}") from None
            self.stats.inc_value(keys.PAGES_OVER_SIZE)
            logger.warning("page lost to DOWNLOAD_MAXSIZE: %s (decompressed body too large)", request.url)
            if request.meta.get("nianbao") == "detail":
                self.signals.send_catch_log(signal=decided, request=request, reason=SIZE_CAP,
                                            detail="decompressed body larger than DOWNLOAD_MAXSIZE", headers=response.headers)
            raise


class LostPagesMiddleware:
    """Below the retries: counts the final failures that are a bound's doing (size, time); the
    detail pages among them are not counted again as ``failed`` (crawler.incremental)."""

    def __init__(self, stats, signals):
        self.stats = stats
        self.signals = signals

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.signals)

    def process_exception(self, request, exception):
        cause = lost_cause(exception)
        if cause and request.meta.get("nianbao") != "attachment":  # files have their own outcomes (crawler.attachments)
            self.stats.inc_value(LOSS_KEYS[cause])
            logger.warning("page lost to the %s: %s (%s)", cause, request.url, exception.__class__.__name__)
            if cause == "size cap" and request.meta.get("nianbao") == "detail":
                self.signals.send_catch_log(signal=decided, request=request, reason=SIZE_CAP, detail=str(exception))


def refused_redirect(request, response, allowed_domains) -> str | None:
    """Where ``response`` redirects ``request`` when Scrapy will not follow it (RedirectMiddleware
    keeps to http and https, OffsiteMiddleware to the spider's domains), else None."""
    if response.status not in REDIRECT_STATUSES or b"Location" not in response.headers or request.meta.get("dont_redirect"):
        return None
    location = safe_url_string(response.headers[b"Location"])
    if location.startswith("//"):
        location = urlsplit(request.url).scheme + ":" + location
    target = urljoin(request.url, location)
    if urlsplit(target).scheme not in ("http", "https"):
        return target
    if request.dont_filter or request.meta.get("allow_offsite") or not allowed_domains:
        return None
    host = (urlsplit(target).hostname or "").lower()
    return None if any(host == domain or host.endswith("." + domain) for domain in allowed_domains) else target


class RefusedRedirectsMiddleware:
    """Above RedirectMiddleware (600): a page whose redirect would be refused is dropped here and
    counted as lost (``redirect refused``), with the target in the log."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if request.meta.get("nianbao") == "attachment":  # files have their own outcomes (crawler.attachments)
            return response
        target = refused_redirect(request, response, getattr(self.crawler.spider, "allowed_domains", None))
        if target is None:
            return response
        self.crawler.stats.inc_value(keys.PAGES_REDIRECT_REFUSED)
        logger.warning("page lost to a refused redirect: %s redirects to %s", request.url, target[:200])
        raise IgnoreRequest(f"redirect refused: {request.url} -> {target[:200]}")
