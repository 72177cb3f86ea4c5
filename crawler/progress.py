"""One progress line per site while ``nianbao crawl`` or ``nianbao demo`` runs: a live table
redrawn in place on a terminal, plain lines (at most one per site every few seconds, and its
last) when the output is a file or a pipe."""

from __future__ import annotations

import time
from typing import TextIO

from scrapy import signals

from crawler.registry import Site
from crawler.run import SiteResult

# (heading, SiteResult attribute) of the figures a progress line shows.
FIGURES = (("listing", "listing_pages"), ("followed", "followed"), ("new", "new"), ("updated", "updated"),
           ("unchanged", "unchanged"), ("skipped", "skipped"), ("failed", "failed"), ("errors", "errors"))
LIVE_REDRAW_SECONDS = 0.5


def progress_line(result: SiteResult, state: str) -> str:
    """``demo-linjiang  trs  crawling  listing 3 · followed 14 · new 12 …``."""
    figures = " · ".join(f"{heading} {getattr(result, name)}" for heading, name in FIGURES)
    return f"{result.site_id:<24} {result.template:<8} {state:<9} {figures}"


class SiteProgress:
    """Watches the crawlers of one process and writes their progress lines to ``stream``.

    ``live``: redraw one line per site in place (ANSI cursor movement), for a terminal.
    ``every``: in plain mode, the least number of seconds between two lines of one site.
    """

    def __init__(self, stream: TextIO, live: bool, every: float):
        self.stream = stream
        self.live = live
        self.every = every
        self.lines: dict[str, str] = {}  # site_id -> its latest line, in the order the sites were watched
        self.written_at: dict[str, float] = {}  # plain mode: site_id -> when its last line was written
        self.redrawn_at: float | None = None  # live mode
        self.drawn = 0  # lines of the live table on the screen
        self.watchers = []  # the signal receivers (Scrapy holds them by weak reference)

    def watch(self, site: Site, template: str, crawler) -> None:
        watcher = _Watcher(self, site, template, crawler)
        self.watchers.append(watcher)
        for signal in (signals.response_received, signals.item_scraped, signals.item_dropped):
            crawler.signals.connect(watcher.changed, signal=signal)
        crawler.signals.connect(watcher.closed, signal=signals.spider_closed)
        self.lines[site.site_id] = progress_line(SiteResult.from_stats(site, template, {}), "waiting")

    def update(self, site_id: str, line: str, final: bool = False) -> None:
        if line == self.lines.get(site_id) and not final:
            return
        self.lines[site_id] = line
        now = time.monotonic()
        if self.live:
            if final or self.redrawn_at is None or now - self.redrawn_at >= LIVE_REDRAW_SECONDS:
                self.redrawn_at = now
                self.redraw()
        elif final or site_id not in self.written_at or now - self.written_at[site_id] >= self.every:
            self.written_at[site_id] = now
            self.stream.write(line + "\n")
            self.stream.flush()

    def redraw(self) -> None:
        up = f"\x1b[{self.drawn}F" if self.drawn else ""
        self.stream.write(up + "".join(f"\x1b[2K{line}\n" for line in self.lines.values()))
        self.stream.flush()
        self.drawn = len(self.lines)


class _Watcher:
    """One site's crawler, as seen by ``SiteProgress``."""

    def __init__(self, progress: SiteProgress, site: Site, template: str, crawler):
        self.progress, self.site, self.template, self.crawler = progress, site, template, crawler

    def result(self, reason: str | None = None) -> SiteResult:
        stats = dict(self.crawler.stats.get_stats())
        if reason:
            stats["finish_reason"] = reason
        return SiteResult.from_stats(self.site, self.template, stats)

    def changed(self):
        self.progress.update(self.site.site_id, progress_line(self.result(), "crawling"))

    def closed(self, reason):
        result = self.result(reason)
        self.progress.update(self.site.site_id, progress_line(result, f"done: {result.status}"), final=True)
