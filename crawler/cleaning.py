"""The cleaning chain of a crawl, off the reactor: a pool of ``NIANBAO_CLEAN_WORKERS`` processes.

``clean_page`` is the CPU work on one page, all of it in one worker: the body stage, the reading
of its downloaded files (``crawler.attachments.read_downloads``), the choice between the page's text
and a file's (``pipelines.attachment_text``), then the other cleaning stages
(``pipelines.CLEANING_STAGES``). The item goes to the worker pickled and comes back cleaned; the
downloads before and the validation, the corpus store (the only writer) and the tally after stay
in the crawl process. A page whose worker dies is lost alone, logged as an error.

Downloading outruns cleaning, and every page waiting for a worker holds its response and item in
memory: when ``NIANBAO_CLEAN_BACKLOG`` pages (of every crawler of the process together) wait, the
crawler that adds one pauses its engine (no new requests; those under way finish) until none waits.
The requests under way would still bring up to ``CONCURRENT_REQUESTS`` pages per crawler (over a
thousand with 40 sites in one process), so a detail page is downloaded only while the pages waiting
and the detail pages being downloaded, of every crawler together, are fewer than the backlog
(``CleaningAdmission``); the others wait in the downloader, unsent.

``NIANBAO_CLEAN_WORKERS`` is 0 or 1 for the chain in the crawl process itself (``scrapy shell``,
a debugger, a one-core machine).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from crawler.attachments import read_downloads
from crawler.pool import WorkerDied, shared_pool
from pipelines import attachment_text
from pipelines.chain import CLEANING_STAGES

BODY, *AFTER_BODY = CLEANING_STAGES  # a stub body may take its file's text before normalize


def clean_page(item, ocr: bool, keep_folder: str | None):
    item = BODY(item)
    item = attachment_text.process(read_downloads(item, ocr, keep_folder))
    for stage in AFTER_BODY:
        item = stage(item)
    return item


class CleaningWorkerDied(Exception):
    """The worker cleaning a page ended abruptly; the page is lost, the crawl goes on."""


class CleaningPipeline:
    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.workers = settings.getint("NIANBAO_CLEAN_WORKERS")
        self.backlog = settings.getint("NIANBAO_CLEAN_BACKLOG")
        keep_folder = Path(settings.get("NIANBAO_DB")).parent / "files" if settings.getbool("NIANBAO_KEEP_FILES") else None
        self.options = (settings.getbool("NIANBAO_OCR", True), keep_folder and str(keep_folder))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, item):
        if self.workers <= 1:
            return clean_page(item, *self.options)
        pool = cleaning_pool(self.workers)
        cleaned = pool.run(clean_page, item, *self.options)
        engine = self.crawler.engine
        if pool.backlog >= self.backlog and not engine.paused:
            engine.pause()
            pool.when_drained(self.resume)
        try:
            return await maybe_deferred_to_future(cleaned)
        except WorkerDied as error:
            raise CleaningWorkerDied(f"{item['url']}: {error}; the page is lost") from None
        finally:
            admission_of(pool, self.backlog).admit()

    def resume(self) -> None:
        engine = self.crawler.engine
        engine.unpause()
        if engine._slot is not None:  # the next requests now, not at the engine's next heartbeat (5 s)
            engine._slot.nextcall.schedule()


def cleaning_pool(workers: int):
    return shared_pool(workers, preload=(__name__,))


class DetailAdmission:
    """The detail downloads of every crawler of the process, admitted while the pages waiting for a
    cleaning worker and the detail pages being downloaded are fewer than ``backlog``; first come, first admitted."""

    def __init__(self, pool, backlog: int):
        self.pool, self.backlog = pool, backlog
        self.downloading: set = set()
        self.waiting: deque = deque()

    def has_room(self) -> bool:
        return self.pool.backlog + len(self.downloading) < self.backlog

    async def enter(self, request) -> None:
        if self.waiting or not self.has_room():
            admitted = Deferred()
            self.waiting.append((admitted, request))
            await maybe_deferred_to_future(admitted)
        else:
            self.downloading.add(request)

    def leave(self, request) -> None:
        if request in self.downloading:
            self.downloading.discard(request)
            self.admit()

    def admit(self) -> None:
        while self.waiting and self.has_room():
            admitted, request = self.waiting.popleft()
            self.downloading.add(request)
            admitted.callback(None)


_admissions: dict[tuple[int, int], DetailAdmission] = {}


def admission_of(pool, backlog: int) -> DetailAdmission:
    """The process's admission for ``pool`` and ``backlog`` (one for every crawler that shares them)."""
    key = (id(pool), backlog)
    if key not in _admissions:
        _admissions[key] = DetailAdmission(pool, backlog)
    return _admissions[key]


class CleaningAdmission:
    """Downloader middleware: a detail request waits, unsent, until its page has room in the cleaning
    backlog (``DetailAdmission``). Only with the cleaning pipeline in worker processes."""

    def __init__(self, crawler):
        settings = crawler.settings
        workers = settings.getint("NIANBAO_CLEAN_WORKERS")
        if workers <= 1 or settings.getdict("ITEM_PIPELINES").get("crawler.cleaning.CleaningPipeline") is None:
            raise NotConfigured
        self.workers, self.backlog = workers, settings.getint("NIANBAO_CLEAN_BACKLOG")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def admission(self) -> DetailAdmission:
        return admission_of(cleaning_pool(self.workers), self.backlog)

    async def process_request(self, request):
        if request.meta.get("nianbao") == "detail":
            await self.admission.enter(request)

    def process_response(self, request, response):
        self.admission.leave(request)
        return response

    def process_exception(self, request, exception):
        self.admission.leave(request)
