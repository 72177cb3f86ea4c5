"""Records each site's crawl in table ``crawl_runs`` of the corpus (and its registry row in
``sites``), whoever started it: ``nianbao crawl``, ``scrapy crawl`` or a Scrapyd deployment.
``scrapy parse``, ``scrapy shell`` and ``nianbao sniff`` do not crawl a site and leave no record."""

from __future__ import annotations

import logging
from dataclasses import asdict

from scrapy import signals
from scrapy.extensions.logcount import LogCount
from scrapy.utils.log import LogCounterHandler

from crawler.run import SiteResult, utc_now
from store.pipeline import corpus_of


def run_row(site, template: str, stats: dict, run_id: str, resumed: bool) -> dict:
    """The ``crawl_runs`` row of one site's crawl, from its crawler's stats."""
    result = SiteResult.from_stats(site, template, stats)
    return {"run_id": run_id, "started_at": run_id, "finished_at": utc_now(), "status": result.status,
            "resumed": int(resumed), **asdict(result)}


class RunRecorder:
    """``NIANBAO_RUN_ID`` names the run (``nianbao crawl`` gives a resumed site the id of the run it
    finishes, with ``NIANBAO_RUN_RESUMED``); without it the run is named by the time the spider opened."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.opened_at = None

    @classmethod
    def from_crawler(cls, crawler):
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider):
        self.opened_at = utc_now()

    def spider_closed(self, spider, reason):
        if not (getattr(spider, "records_runs", False) and spider.crawled_from_start):
            return
        site = spider.site
        settings = self.crawler.settings
        row = run_row(site, spider.name, {**self.crawler.stats.get_stats(), "finish_reason": reason},
                      settings.get("NIANBAO_RUN_ID") or self.opened_at, settings.getbool("NIANBAO_RUN_RESUMED"))
        corpus = corpus_of(self.crawler)  # the pipeline's corpus: one write connection per process
        corpus.save_sites([site])
        corpus.save_runs([row])
        # Other connections may be read-only ones, which never move the write-ahead log into the
        # database file, so do it here: the .db file alone is then the corpus.
        corpus.checkpoint()


class SiteLogCounterHandler(LogCounterHandler):
    """Counts a log record for this crawler only when it is about this crawler's spider (or about
    no spider): Scrapy's own handler counts every crawler's errors in every crawler of the process,
    so one unreachable site made the others of a ``nianbao crawl`` look ``partial``."""

    def emit(self, record: logging.LogRecord) -> None:
        spider = getattr(record, "spider", None)
        if spider is None or spider is self.crawler.spider:
            super().emit(record)


class SiteLogCount(LogCount):
    """``log_count/<LEVEL>`` stats per site; replaces ``scrapy.extensions.logcount.LogCount``."""

    def spider_opened(self, spider):
        self.handler = SiteLogCounterHandler(self.crawler, level=self.crawler.settings.get("LOG_LEVEL"))
        logging.root.addHandler(self.handler)
