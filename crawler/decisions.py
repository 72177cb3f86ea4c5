"""Remembered decisions: a detail page judged not to be stored — not a report, junk (a soft 404,
a stub, a rate-limit answer), over ``DOWNLOAD_MAXSIZE`` or cut short — is recorded in table
``decisions`` of the corpus with its reason and the validators its answer gave (``ETag``,
``Last-Modified``), so a scheduled re-crawl does not fetch it again (crawler.incremental).

Middlewares and this extension's ``item_dropped`` handler report a decision with the ``decided``
signal; the extension writes it where ``NIANBAO_DECISIONS`` says: the crawl's corpus, or for a
worker of a distributed crawl the run's store (through Redis). ``scrapy parse`` and ``scrapy
shell`` crawl no site and record nothing.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.utils.misc import load_object

from pipelines.validate import InvalidReport, NonReport

#: Sent for a detail page that will not be stored: ``request``, ``reason``, ``detail``, ``headers`` (or None).
decided = object()

NOT_A_REPORT, JUNK, RATE_LIMIT, SIZE_CAP, TRUNCATED = "not a report", "junk", "rate limit", "size cap", "truncated"
# The page itself was never seen (the server was busy, the connection closed): asked again every
# run, conditionally only on the validators of that answer.
UNSEEN = (RATE_LIMIT, TRUNCATED)


def validators(headers) -> dict[str, str | None]:
    """The ``etag`` and ``last_modified`` an answer gave, for a conditional request later."""
    def header(name):
        value = headers.get(name) if headers is not None else None
        return value.decode("latin-1") if value else None
    return {"etag": header(b"ETag"), "last_modified": header(b"Last-Modified")}


def dropped_reason(exception) -> str | None:
    if isinstance(exception, NonReport):
        return NOT_A_REPORT
    if isinstance(exception, InvalidReport):
        return RATE_LIMIT if exception.rate_limited else JUNK
    return None


class DecisionRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        self.sink = load_object(crawler.settings.get("NIANBAO_DECISIONS")).from_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        recorder = cls(crawler)
        crawler.signals.connect(recorder.record, signal=decided)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        return recorder

    def item_dropped(self, item, response, exception, spider):
        reason = dropped_reason(exception)
        if reason and response is not None:
            self.remember(item.get("url") or response.url, reason, str(exception), response.headers)

    def record(self, request, reason, detail, headers=None):
        self.remember(request.url, reason, detail, headers)

    def remember(self, url, reason, detail, headers):
        spider = self.crawler.spider
        if not getattr(spider, "crawled_from_start", False):
            return
        self.sink.remember(url, spider.site.site_id, reason, detail[:500], **validators(headers))
