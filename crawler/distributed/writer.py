"""``nianbao store``: the one process that writes the corpus of a distributed run.

It takes the workers' messages one at a time with BLMOVE onto the run's ``storing`` list, writes
them into the corpus's open batch (``NIANBAO_STORE_BATCH``, ``NIANBAO_STORE_COMMIT_SECONDS``, as in
one process) and removes them from there only after the batch committed; a store killed at any
point finds the messages of its open batch there on restart and writes them again, which changes
nothing (a report is keyed by its URL, and its duplicate group is placed as stored). A site's
report arrives after its items: the store then adds what storing them did (new, updated,
unchanged) and writes the site's ``crawl_runs`` row. Each item's outcome is kept in Redis by URL, first write wins, so an item
written twice (after a restart) or sent twice (a site taken over) still counts once.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import fields

import click

from crawler.extensions import run_row
from crawler.registry import Site
from crawler.run import SiteResult
from pipelines import stats as keys_of_stats
from store.write import Corpus

from .run import RunKeys, current_run
from .transport import DECISION, ITEM, SITE, decision_entry, decode, mirror_entry

MIRROR_BATCH = 5000
WAIT_SECONDS = 1


class Writer:
    def __init__(self, client, keys: RunKeys, corpus: Corpus, echo=click.echo):
        self.client = client
        self.keys = keys
        self.corpus = corpus
        self.echo = echo
        self.items = 0
        self.writing_seconds = 0.0  # spent writing items (their transaction and the mirror): the store's capacity
        self.written = 0  # messages at the head of ``storing`` written into the corpus's open batch

    def publish_mirror(self) -> int:
        """Publish the URL and dates of every stored report, and the decisions on pages not stored,
        for the workers' incremental skips; the number of reports."""
        count = 0
        for batch in self.corpus.stored_dates(MIRROR_BATCH):
            self.client.hset(self.keys.stored_reports, mapping={url: mirror_entry(published, fetched_at) for url, published, fetched_at in batch})
            count += len(batch)
        for batch in self.corpus.decisions(MIRROR_BATCH):
            self.client.hset(self.keys.decisions, mapping={row["url"]: decision_entry(row) for row in batch})
        self.client.set(self.keys.mirror_ready, 1)
        return count

    def serve(self) -> list[SiteResult]:
        """Write messages until every site of the run is recorded; the run's site results."""
        while True:
            raw = self.client.lindex(self.keys.storing, self.written) or self.client.blmove(
                self.keys.items, self.keys.storing, self.wait_seconds(), "LEFT", "RIGHT")
            if raw is None:
                self.commit_if_due()
                if self.finished():
                    self.commit()
                    return self.results()
                continue
            self.write(decode(raw))
            self.written += 1
            if not self.corpus.pending:  # committed: the batch was full or due, or a site was recorded
                self.release()

    def wait_seconds(self) -> float:
        """How long to wait for a message: with a batch open, no longer than it may stay uncommitted."""
        return min(WAIT_SECONDS, self.corpus.batch_seconds) if self.written else WAIT_SECONDS

    def commit(self) -> None:
        started = time.perf_counter()
        self.corpus.commit()
        self.writing_seconds += time.perf_counter() - started
        self.release()

    def commit_if_due(self) -> None:
        if self.corpus.commit_due():
            self.commit()

    def release(self) -> None:
        """Take the committed messages off ``storing``."""
        if self.written:
            self.client.ltrim(self.keys.storing, self.written, -1)
            self.written = 0

    def write(self, message: dict) -> None:
        if message["kind"] == ITEM:
            started = time.perf_counter()
            item = message["item"]
            stored = self.corpus.store(item)
            self.client.hset(self.keys.stored_reports, item["url"], mirror_entry(item.get("published"), item["fetched_at"]))
            self.client.hdel(self.keys.decisions, item["url"])
            self.client.hsetnx(self.keys.outcomes(message["site_id"], message["attempt"]), item["url"], stored.outcome)
            self.items += 1
            self.writing_seconds += time.perf_counter() - started
        elif message["kind"] == DECISION:
            fields_of = {name: message[name] for name in ("url", "site_id", "reason", "detail", "etag", "last_modified")}
            self.client.hset(self.keys.decisions, message["url"], decision_entry(self.corpus.remember(**fields_of)))
        elif message["kind"] == SITE:
            self.record(message)

    def record(self, message: dict) -> None:
        """The site's crawl_runs row: the worker's stats and what storing its items did."""
        run = current_run(self.client, self.keys)
        outcomes = Counter(value.decode() for value in self.client.hvals(self.keys.outcomes(message["site_id"], message["attempt"])))
        stats = {**message["stats"], keys_of_stats.REPORTS_STORED: sum(outcomes.values()),
                 **{keys_of_stats.reports_outcome(outcome): count for outcome, count in outcomes.items()}}
        site = Site(**message["site"])
        self.corpus.save_sites([site])
        self.corpus.save_runs([run_row(site, message["template"], stats, run.started, message["attempt"] > 1)])
        self.corpus.checkpoint()
        self.client.sadd(self.keys.recorded, message["site_id"])
        self.echo(f"{message['site_id']}: recorded ({outcomes.total()} report(s) stored)", err=True)

    def finished(self) -> bool:
        run = current_run(self.client, self.keys)
        if run is None:
            return False
        recorded = {member.decode() for member in self.client.smembers(self.keys.recorded)}
        return run.site_ids <= recorded and not self.client.llen(self.keys.items)

    def results(self) -> list[SiteResult]:
        run = current_run(self.client, self.keys)
        names = [f.name for f in fields(SiteResult)]
        return [SiteResult(**row) for row in self.corpus.runs(run.started, names) if row["site_id"] in run.site_ids]

