"""A distributed run's keys in Redis, the connection to it, and the run's site rows.

Every key of a run starts with ``nianbao:<run>:``, so runs never mix. The first process that
opens a run fixes its site rows and its start time (the ``run_id`` of its ``crawl_runs`` rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from crawler.registry import Site
from crawler.run import utc_now

# A command meeting a broken connection retries for about this long (a Redis restart) before it fails.
RETRIES = 60
RETRY_CAP_SECONDS = 0.5


class RedisUnreachable(RuntimeError):
    """Redis does not answer at the URL given; the message says where."""


def connection_params() -> dict:
    """redis-py client options: commands retry through a Redis restart instead of failing at once."""
    return {"retry": Retry(ExponentialBackoff(cap=RETRY_CAP_SECONDS, base=0.05), RETRIES),
            "retry_on_error": [redis.ConnectionError, redis.TimeoutError], "socket_timeout": 30, "socket_connect_timeout": 5}


def connect(url: str) -> redis.Redis:
    """A client of the Redis at ``url`` that answered a PING (RedisUnreachable otherwise, after one try)."""
    try:
        client = redis.Redis.from_url(url, **connection_params())
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnreachable(f"Redis at {url} cannot be reached: {exc}") from None
    return client


@dataclass(frozen=True)
class RunKeys:
    """The Redis keys of run ``name``."""

    name: str

    def key(self, *parts: str) -> str:
        return ":".join(("nianbao", self.name, *parts))

    @property
    def run(self) -> str:  # JSON: the run's start time (its crawl_runs run_id) and site rows
        return self.key("run")

    @property
    def crawled(self) -> str:  # set of site ids whose crawl ended and whose report was sent
        return self.key("crawled")

    @property
    def recorded(self) -> str:  # set of site ids whose crawl_runs row the store wrote
        return self.key("recorded")

    @property
    def attempts(self) -> str:  # hash site_id -> how many times a worker took it
        return self.key("attempts")

    @property
    def items(self) -> str:  # list: what the workers send the store, in order
        return self.key("items")

    @property
    def storing(self) -> str:  # list: the message the store is writing (back to items if it dies)
        return self.key("storing")

    @property
    def mirror_ready(self) -> str:  # set by the store once the mirror holds the corpus
        return self.key("mirror-ready")

    @property
    def stored_reports(self) -> str:  # hash url -> [published, fetched_at] of every stored report
        return self.key("stored", "reports")

    @property
    def decisions(self) -> str:  # hash url -> the decision on a page not stored (crawler.decisions)
        return self.key("stored", "decisions")

    @property
    def stored_files(self) -> str:  # hash url -> the last reading of an attachment
        return self.key("stored", "files")

    def lease(self, site_id: str) -> str:
        return self.key("lease", site_id)

    def outcomes(self, site_id: str, attempt: int) -> str:  # hash url -> store outcome of that attempt's items
        return self.key("outcomes", site_id, str(attempt))

    def requests(self, site_id: str) -> str:  # scrapy-redis: the site's request queue
        return self.key("requests", site_id)

    def dupefilter(self, site_id: str) -> str:  # scrapy-redis: the site's request fingerprints
        return self.key("dupefilter", site_id)


def open_run(client: redis.Redis, keys: RunKeys, sites: list[Site]) -> tuple[Run, bool]:
    """The run: started now with ``sites`` when no process started it yet, else as it was started.
    Returns (the run, whether ``sites`` differ from its rows)."""
    started = {"started": utc_now(), "sites": [site.as_dict() for site in sites]}
    client.set(keys.run, json.dumps(started, ensure_ascii=False), nx=True)
    run = current_run(client, keys)
    return run, {s.site_id for s in run.sites} != {s.site_id for s in sites}


@dataclass(frozen=True)
class Run:
    started: str  # the run_id of its crawl_runs rows
    sites: list[Site]

    @property
    def site_ids(self) -> set[str]:
        return {site.site_id for site in self.sites}


def current_run(client: redis.Redis, keys: RunKeys) -> Run | None:
    """The run as its first process started it; None before any worker opened it."""
    raw = client.get(keys.run)
    if raw is None:
        return None
    run = json.loads(raw)
    return Run(run["started"], [Site(**row) for row in run["sites"]])
