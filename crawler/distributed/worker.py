"""A worker: takes free sites of the run (a lease each), crawls each with its own Scrapy crawler
whose request queue and duplicate filter are scrapy-redis's, per site, and sends its items and
its report to the store. It renews its leases while it crawls, takes over the sites whose
holder's lease expired, and stops when every site of the run has been crawled.

A site taken over is crawled again from its start page, its queue and fingerprints cleared: the
callbacks depend on what the spider learnt on the way (the column found, the family handed to,
the coverage audit), which a queue alone does not carry. The pages already stored are skipped
(the store's mirror), so nothing the dead worker had popped is lost, and what it sent twice is
stored once (reports are keyed by URL). A single-process crawl does the same after a SIGKILL
(``crawler.jobs``).
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field

import click
from scrapy.crawler import CrawlerRunner
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.log import configure_logging
from scrapy.utils.reactor import install_reactor
from twisted.python.failure import Failure

from crawler.registry import Site

from .lease import Leases, worker_name
from .run import Run, RunKeys, connection_params
from .transport import SITE, encode

logger = logging.getLogger(__name__)

# A site's crawl that ended this way was interrupted (Ctrl-C, SIGTERM, its lease lost): another worker crawls it.
INTERRUPTED = "shutdown"


def worker_settings(settings: Settings, url: str, run_name: str) -> Settings:
    """The crawl settings of a worker: scrapy-redis schedules, items go to Redis, the mirror answers."""
    pipelines = {**settings.getdict("ITEM_PIPELINES"), "store.pipeline.CorpusPipeline": None,
                 "crawler.distributed.transport.RedisItemPipeline": 500}
    extensions = {**settings.getdict("EXTENSIONS"), "crawler.extensions.RunRecorder": None}  # the store records the runs
    overrides = {
        "SCHEDULER": "crawler.distributed.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        # A crawl that lost its lease must not flush the queue of the worker that took the site over:
        # the holder clears a site's keys when it takes the site and when its crawl ends.
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": url,
        "REDIS_PARAMS": connection_params(),
        "ITEM_PIPELINES": pipelines,
        "EXTENSIONS": extensions,
        "NIANBAO_STORED_REPORTS": "crawler.distributed.transport.RedisStoredReports",
        "NIANBAO_DECISIONS": "crawler.distributed.transport.RedisDecisions",
        "TELNETCONSOLE_ENABLED": False,  # one console per site crawled would run out of ports (6023-6073)
        "NIANBAO_REDIS_URL": url,
        "NIANBAO_REDIS_RUN": run_name,
    }
    settings = settings.copy()
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def wait_for_mirror(client, keys: RunKeys, echo=click.echo, seconds: float = 1.0) -> None:
    """Before it crawls a page, a worker waits for the store to publish what the corpus holds."""
    said = False
    while not client.exists(keys.mirror_ready):
        if not said:
            echo(f"waiting for `nianbao store --run {keys.name}` to publish what the corpus holds", err=True)
            said = True
        time.sleep(seconds)


def scrapy_redis_key(key: str) -> str:
    """scrapy-redis formats its keys with ``%(spider)s``: a literal ``%`` must be doubled."""
    return key.replace("%", "%%")


@dataclass
class Held:
    site: Site
    attempt: int
    crawler: object
    lost: bool = False


@dataclass
class Worker:
    client: object
    keys: RunKeys
    run: Run
    settings: Settings
    echo: object = click.echo
    owner: str = field(default_factory=worker_name)
    held: dict = field(default_factory=dict)  # site_id -> Held
    crawled: list = field(default_factory=list)  # site ids this worker finished
    stopping: bool = False

    def __post_init__(self):
        self.leases = Leases(self.client, self.keys, self.owner, self.settings.getfloat("NIANBAO_LEASE_SECONDS"))
        self.most_sites = self.settings.getint("NIANBAO_WORKER_SITES")

    def start(self) -> list[str]:
        """Crawl until every site of the run is crawled (or the worker is stopped); the site ids it crawled.

        Runs Scrapy in its own reactor (a ``CrawlerRunner``): the sites come and go while it runs.
        Ctrl-C or SIGTERM stops the crawls cleanly (reason ``shutdown``) and gives their sites back.
        """
        install_reactor(self.settings["TWISTED_REACTOR"], self.settings["ASYNCIO_EVENT_LOOP"])
        from twisted.internet import reactor, task

        configure_logging(self.settings)
        self.process = CrawlerRunner(self.settings)
        self.reactor = reactor
        interval = min(1.0, self.settings.getfloat("NIANBAO_LEASE_SECONDS") / 4)  # renewals well within a lease's term
        reactor.callWhenRunning(lambda: task.LoopingCall(self.tick).start(interval).addErrback(self.failed))
        reactor.addSystemEventTrigger("before", "shutdown", self.shutdown)
        reactor.run()
        return self.crawled

    def shutdown(self):
        """Ctrl-C, SIGTERM, or every site crawled: take no more sites, stop the crawls, give their sites back."""
        self.stopping = True
        return self.process.stop().addBoth(lambda _: self.give_back())

    def give_back(self) -> None:
        for held in list(self.held.values()):
            self.interrupted(held, INTERRUPTED)

    def interrupted(self, held: Held, why: str) -> None:
        self.held.pop(held.site.site_id, None)
        self.leases.release(held.site.site_id)
        self.echo(f"{held.site.site_id}: interrupted ({why}); another worker crawls it", err=True)

    def failed(self, failure):
        logger.error("worker loop failed: %s", failure.getTraceback())
        self.stop()

    def stop(self):
        if not self.stopping:
            self.stopping = True
            self.reactor.stop()

    def tick(self) -> None:
        """Renew the leases held, then take free sites up to NIANBAO_WORKER_SITES; stop when all are crawled."""
        for held in list(self.held.values()):
            if not held.lost and not self.leases.renew(held.site.site_id):
                held.lost = True
                self.echo(f"{held.site.site_id}: lease lost to {self.leases.holder(held.site.site_id)}: stopping its crawl", err=True)
                deferred_from_coro(held.crawler.stop_async())
        if self.stopping:
            return
        done = {member.decode() for member in self.client.smembers(self.keys.crawled)}
        remaining = [site for site in self.run.sites if site.site_id not in done and site.site_id not in self.held]
        if not remaining and not self.held:
            self.stop()
            return
        random.shuffle(remaining)  # workers starting together try different sites first
        for site in remaining:
            if len(self.held) >= self.most_sites:
                break
            if self.leases.take(site.site_id):
                self.begin(site)

    def begin(self, site: Site) -> None:
        attempt = self.client.hincrby(self.keys.attempts, site.site_id, 1)
        self.clear_frontier(site.site_id)  # what an earlier holder queued is found again from the start page
        crawler = self.process.create_crawler(site.template)
        for name, value in {"SCHEDULER_QUEUE_KEY": scrapy_redis_key(self.keys.requests(site.site_id)),
                            "SCHEDULER_DUPEFILTER_KEY": scrapy_redis_key(self.keys.dupefilter(site.site_id)),
                            "NIANBAO_RUN_ID": self.run.started, "NIANBAO_RUN_RESUMED": attempt > 1,
                            "NIANBAO_ATTEMPT": attempt}.items():
            crawler.settings.set(name, value, priority="cmdline")
        self.held[site.site_id] = held = Held(site, attempt, crawler)
        self.echo(f"{site.site_id}: crawling (attempt {attempt})", err=True)
        self.process.crawl(crawler, site=site).addBoth(lambda outcome: self.ended(held, outcome))

    def clear_frontier(self, site_id: str) -> None:
        self.client.delete(self.keys.requests(site_id), self.keys.dupefilter(site_id))

    def ended(self, held: Held, outcome) -> None:
        site_id = held.site.site_id
        if self.held.pop(site_id, None) is None:  # given back already (shutdown)
            return
        self.reactor.callLater(0, self.tick)  # take the next site (or stop) now, not at the next tick
        if isinstance(outcome, Failure):
            logger.error("%s: the crawl failed: %s", site_id, outcome.getTraceback())
        stats = held.crawler.stats.get_stats()
        reason = str(stats.get("finish_reason", "not started"))
        if held.lost or reason == INTERRUPTED or not self.leases.renew(site_id):
            self.interrupted(held, "lease lost" if held.lost else reason)
            return
        spider = held.crawler.spider  # its site is the column it found (as RunRecorder records it)
        site, template = (spider.site or held.site, spider.name) if spider is not None else (held.site, held.site.template)
        self.client.rpush(self.keys.items, encode(SITE, site_id=site_id, attempt=held.attempt, site=site.as_dict(),
                                                  template=template, stats=stats))
        self.client.sadd(self.keys.crawled, site_id)
        self.clear_frontier(site_id)
        self.leases.release(site_id)
        self.crawled.append(site_id)
        self.echo(f"{site_id}: crawled ({reason})", err=True)
