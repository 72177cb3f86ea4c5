"""One writing process per corpus: an exclusive ``flock`` on ``<corpus>.lock``, taken where the
corpus is opened for writing (``store.write.Corpus``) and keyed by the corpus's real path, so a
symlink or another spelling of the path finds the same lock. The kernel drops the lock when its
process dies, however it dies, so a killed crawl never leaves a stale lock behind.

Within one process the lock is shared: ``nianbao crawl`` opens one corpus for all its sites.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class CorpusBusy(RuntimeError):
    """Another live process is writing this corpus."""


def exclusive(path: str | Path) -> int | None:
    """An open descriptor of ``path`` holding an exclusive lock (the file made if need be, this
    process's id written in it), or None when another process holds it."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def holder(path: str | Path) -> str:
    """The process id written in a lock file, for messages."""
    try:
        return Path(path).read_text().strip() or "unknown"
    except OSError:
        return "unknown"


class WriterLock:
    held: dict[str, list] = {}  # real lock path -> [file descriptor, holders in this process]

    def __init__(self, corpus: str | Path):
        self.path = os.path.realpath(corpus) + ".lock"
        entry = self.held.get(self.path)
        if entry is None:
            entry = self.held[self.path] = [self.acquire(corpus), 0]
        entry[1] += 1
        self.released = False

    def acquire(self, corpus) -> int:
        fd = exclusive(self.path)
        if fd is None:
            raise CorpusBusy(f"{corpus} is being written by another crawl (process {holder(self.path)}); "
                             "run one crawl per corpus at a time, or crawl its sites together in one nianbao crawl")
        return fd

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        entry = self.held[self.path]
        entry[1] -= 1
        if entry[1] == 0:
            del self.held[self.path]
            os.close(entry[0])
