"""Site leases: a site is crawled by one worker at a time, so its download delay holds as in one
process however many workers there are. A lease is a Redis key with a time to live, renewed by
its holder while it crawls; a worker that dies stops renewing, and another takes the site over
when the key expires."""

from __future__ import annotations

import os
import socket
import uuid

import redis

from .run import RunKeys

# Renew a lease this worker holds, or take it again when it lapsed and nobody took it (the worker
# was busy past its term: nobody else crawled the site meanwhile); never one another worker holds.
RENEW = """
local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not holder then redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2]) return 1 end
return 0
"""
# Release only a lease this worker still holds.
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def worker_name() -> str:
    """Names a worker in the leases it holds: host, process id and a random part (pids repeat)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Leases:
    def __init__(self, client: redis.Redis, keys: RunKeys, owner: str, seconds: float):
        self.client = client
        self.keys = keys
        self.owner = owner
        self.milliseconds = int(seconds * 1000)
        self._renew = client.register_script(RENEW)
        self._release = client.register_script(RELEASE)

    def take(self, site_id: str) -> bool:
        return bool(self.client.set(self.keys.lease(site_id), self.owner, nx=True, px=self.milliseconds))

    def renew(self, site_id: str) -> bool:
        """Whether this worker still holds the site (its lease then runs for another full term)."""
        return bool(self._renew(keys=[self.keys.lease(site_id)], args=[self.owner, self.milliseconds]))

    def release(self, site_id: str) -> None:
        self._release(keys=[self.keys.lease(site_id)], args=[self.owner])

    def holder(self, site_id: str) -> str | None:
        owner = self.client.get(self.keys.lease(site_id))
        return owner.decode() if owner else None
