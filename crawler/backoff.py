"""Retry with backoff: a retried request waits longer each time before it is sent again."""

from __future__ import annotations

from twisted.internet.task import deferLater

from scrapy.utils.defer import maybe_deferred_to_future


def backoff_delay(retry_times: int, base: float, cap: float) -> float:
    """Seconds to wait before the ``retry_times``-th retry: base, 2×base, 4×base … up to ``cap``."""
    if retry_times <= 0 or base <= 0:
        return 0.0
    return min(cap, base * 2 ** (retry_times - 1))


class RetryBackoffMiddleware:
    """Downloader middleware: holds back requests that RetryMiddleware re-sent (5xx, timeouts).

    ``RETRY_BACKOFF_BASE`` seconds before the first retry, doubling up to ``RETRY_BACKOFF_MAX``.
    """

    def __init__(self, base: float, cap: float):
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("RETRY_BACKOFF_BASE"), crawler.settings.getfloat("RETRY_BACKOFF_MAX"))

    async def process_request(self, request):
        delay = backoff_delay(request.meta.get("retry_times", 0), self.base, self.cap)
        if delay:
            from twisted.internet import reactor  # the installed one; importing it earlier would install the default

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
