"""What goes between the workers and the store through Redis.

Workers push three kinds of messages on the run's ``items`` list, in the order they happen: each
cleaned item (``RedisItemPipeline``, in place of ``store.pipeline.CorpusPipeline``), each decision
on a page not stored (``RedisDecisions``, in place of ``store.pipeline.CorpusDecisions``), and when
a site's crawl ends its report (the crawler's stats), so the store has stored every item of the
site before it records the site's run. Messages are pickled, as scrapy-redis pickles requests:
the Redis of a run is trusted by every process of it.

The store publishes the URL and dates of every stored report and the decisions on pages not stored
(``RedisStoredReports`` reads them), so a worker skips the detail pages already stored or judged,
as a single-process crawl does.
"""

from __future__ import annotations

import json
import pickle

import redis

from .run import RunKeys, connection_params

ITEM = "item"
DECISION = "decision"
SITE = "site"


def encode(kind: str, **fields) -> bytes:
    return pickle.dumps({"kind": kind, **fields}, protocol=pickle.HIGHEST_PROTOCOL)


def decode(raw: bytes) -> dict:
    return pickle.loads(raw)


def run_client(settings) -> tuple[redis.Redis, RunKeys]:
    """The run's Redis client and keys from a worker crawler's settings."""
    return redis.Redis.from_url(settings.get("NIANBAO_REDIS_URL"), **connection_params()), RunKeys(settings.get("NIANBAO_REDIS_RUN"))


class RedisItemPipeline:
    """Sends each item that passed the validate stage to the store; the item goes on through the
    worker's later stages (the kind tally) as it would after storage."""

    def __init__(self, crawler):
        self.client, self.keys = run_client(crawler.settings)
        self.attempt = crawler.settings.getint("NIANBAO_ATTEMPT")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        self.client.rpush(self.keys.items, encode(ITEM, site_id=item["site_id"], attempt=self.attempt, item=dict(item)))
        return item


class RedisDecisions:
    """Sends each decision on a page not stored to the store, which writes it in the corpus."""

    def __init__(self, crawler):
        self.client, self.keys = run_client(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def remember(self, url: str, site_id: str, reason: str, detail: str, etag: str | None, last_modified: str | None) -> None:
        self.client.rpush(self.keys.items, encode(DECISION, url=url, site_id=site_id, reason=reason, detail=detail,
                                                  etag=etag, last_modified=last_modified))


class RedisStoredReports:
    """``store.read.StoredReports`` for a worker: what the store says the corpus holds.

    Attachment readings are not mirrored (their texts would make Redis as large as the corpus):
    a stored page fetched again reads its files again.
    """

    def __init__(self, client: redis.Redis, keys: RunKeys):
        self.client = client
        self.keys = keys

    @classmethod
    def from_settings(cls, settings):
        return cls(*run_client(settings))

    def dates(self, url: str) -> tuple[str | None, str] | None:
        stored = self.client.hget(self.keys.stored_reports, url)
        return tuple(json.loads(stored)) if stored else None

    def decision(self, url: str) -> dict | None:
        decision = self.client.hget(self.keys.decisions, url)
        return json.loads(decision) if decision else None

    def attachment(self, url: str) -> None:
        return None

    def close(self):
        self.client.close()


def mirror_entry(published: str | None, fetched_at: str) -> str:
    return json.dumps([published, fetched_at])


DECISION_FIELDS = ("reason", "detail", "etag", "last_modified", "decided_at")


def decision_entry(row) -> str:
    """A decision as ``store.read.StoredReports.decision`` gives it, for the mirror."""
    return json.dumps({name: row[name] for name in DECISION_FIELDS}, ensure_ascii=False)
