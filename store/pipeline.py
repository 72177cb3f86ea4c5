"""The Scrapy item-pipeline stage of the corpus store (after validate, before the tally).

``nianbao crawl`` opens one ``Corpus`` for every site it crawls together and hands it to each
crawler (``crawler.nianbao_corpus``); a plain ``scrapy crawl`` or a Scrapyd job opens its own on
first use and closes it when its engine stops. The run recorder (``crawler.extensions``) writes
through the same corpus, so a process holds one write connection per corpus.

``scrapy parse --pipelines`` runs a callback on one page without crawling the site (the spider's
``crawled_from_start`` stays False): its items go through the cleaning stages and are shown,
never stored, so a debugging session cannot rewrite a stored report under an ad hoc site.
"""

from __future__ import annotations

import logging
from collections import Counter

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from pipelines import stats as keys

from .write import Corpus

logger = logging.getLogger(__name__)


def open_corpus(settings) -> Corpus:
    """The corpus ``NIANBAO_DB`` opened for a crawl: reports committed ``NIANBAO_STORE_BATCH`` at a
    time, or ``NIANBAO_STORE_COMMIT_SECONDS`` after the first of a batch."""
    return Corpus(settings.get("NIANBAO_DB"), batch=settings.getint("NIANBAO_STORE_BATCH"),
                  batch_seconds=settings.getfloat("NIANBAO_STORE_COMMIT_SECONDS"))


def corpus_of(crawler) -> Corpus:
    """The crawler's corpus (``NIANBAO_DB``): the one it was given, else one opened now."""
    corpus = getattr(crawler, "nianbao_corpus", None)
    if corpus is None:
        corpus = crawler.nianbao_corpus = open_corpus(crawler.settings)
        crawler.signals.connect(corpus.close, signal=signals.engine_stopped)
    return corpus


class CorpusDecisions:
    """Where ``crawler.decisions`` writes the decisions of a crawl that stores its own items: the
    crawler's corpus (``NIANBAO_DECISIONS``)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def remember(self, url: str, site_id: str, reason: str, detail: str, etag: str | None, last_modified: str | None) -> None:
        corpus_of(self.crawler).remember(url, site_id, reason, detail, etag, last_modified)


class CorpusPipeline:
    """Places each report in its duplicate group and stores it (``Corpus.store``); sets ``dup_of``,
    ``id`` and ``sources`` on the item (a feed's rows are then those of ``nianbao export``). Logs
    the site's progress every ``NIANBAO_PROGRESS_EVERY`` reports. The corpus is opened with the
    first report, and never by ``scrapy parse --pipelines``, which crawls no site."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.progress_every = crawler.settings.getint("NIANBAO_PROGRESS_EVERY")
        self.outcomes: Counter = Counter()
        self.site_id = None
        self.corpus = None
        self.said_not_stored = False
        self.committer = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        # A batch of reports is committed when it is due even when no further report comes to fill it.
        self.committer = create_looping_call(self.commit_if_due)
        self.committer.start(self.crawler.settings.getfloat("NIANBAO_STORE_COMMIT_SECONDS") / 2, now=False)

    def commit_if_due(self) -> None:
        if self.corpus is not None:
            self.corpus.commit_if_due()

    def close_spider(self):
        if self.committer is not None and self.committer.running:
            self.committer.stop()
        if self.corpus is not None:
            self.corpus.commit()
        if self.site_id:
            self.log_progress("done")

    def log_progress(self, state: str) -> None:
        counts = ", ".join(f"{self.outcomes[name]} {name}" for name in keys.STORE_OUTCOMES)
        logger.info("%s: %s, %d report(s) stored (%s)", self.site_id, state, sum(self.outcomes.values()), counts)

    def process_item(self, item):
        if self.corpus is None:
            if not getattr(getattr(self.crawler, "spider", None), "crawled_from_start", True):
                if not self.said_not_stored:
                    logger.info("not crawling the site (scrapy parse): items are cleaned, not stored")
                    self.said_not_stored = True
                return item
            self.corpus = corpus_of(self.crawler)
        stored = self.corpus.store(item)
        item["dup_of"] = stored.dup_of
        item["id"], item["sources"] = stored.report_id, stored.sources
        placement = stored.placement
        if placement.matched_by and placement.matched_by != "recrawl":
            self.stats.inc_value(keys.dedupe_match(placement.matched_by))
        if placement.replaced:
            self.stats.inc_value(keys.DEDUPE_CANONICAL_REPLACED)
        self.site_id = item.get("site_id")
        self.outcomes[stored.outcome] += 1
        self.stats.inc_value(keys.REPORTS_STORED)
        self.stats.inc_value(keys.reports_outcome(stored.outcome))
        if sum(self.outcomes.values()) % self.progress_every == 0:
            self.log_progress("crawling")
        return item
