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

``NIANBAO_CLEAN_WORKERS`` is 0 or 1 for the chain in the crawl process itself (``scrapy shell``,
a debugger, a one-core machine).
"""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.defer import maybe_deferred_to_future

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
        pool = shared_pool(self.workers, preload=(__name__,))
        cleaned = pool.run(clean_page, item, *self.options)
        engine = self.crawler.engine
        if pool.backlog >= self.backlog and not engine.paused:
            engine.pause()
            pool.when_drained(self.resume)
        try:
            return await maybe_deferred_to_future(cleaned)
        except WorkerDied as error:
            raise CleaningWorkerDied(f"{item['url']}: {error}; the page is lost") from None

    def resume(self) -> None:
        engine = self.crawler.engine
        engine.unpause()
        if engine._slot is not None:  # the next requests now, not at the engine's next heartbeat (5 s)
            engine._slot.nextcall.schedule()
