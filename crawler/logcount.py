"""Errors counted per site: Scrapy's ``log_count/ERROR`` counts every crawler's errors in the
process (all sites run in one), so a site's summary would show its neighbours' failures.
This extension counts only the error records that name the site's own spider."""

from __future__ import annotations

import logging

from scrapy import signals

SITE_ERRORS = "nianbao/errors"


class SpiderErrorHandler(logging.Handler):
    def __init__(self, spider, stats):
        super().__init__(level=logging.ERROR)
        self.spider, self.stats = spider, stats

    def emit(self, record):
        if getattr(record, "spider", None) is self.spider:
            self.stats.inc_value(SITE_ERRORS)


class SiteErrorCounter:
    def __init__(self, crawler):
        self.crawler = crawler
        self.handler = None

    @classmethod
    def from_crawler(cls, crawler):
        counter = cls(crawler)
        crawler.signals.connect(counter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(counter.spider_closed, signal=signals.spider_closed)
        return counter

    def spider_opened(self, spider):
        self.crawler.stats.set_value(SITE_ERRORS, 0)
        self.handler = SpiderErrorHandler(spider, self.crawler.stats)
        logging.getLogger().addHandler(self.handler)

    def spider_closed(self, spider):
        if self.handler is not None:
            logging.getLogger().removeHandler(self.handler)
