"""Per-site job folders, so that a crawl stopped half-way is finished by the same command.

Each site crawls with its own Scrapy ``JOBDIR`` (``<db folder>/jobs/<db name>/<site_id>/``)
holding Scrapy's request queue and a small state file naming the run it belongs to. After a
clean stop (Ctrl-C once, SIGTERM) Scrapy saved its queue and the next start carries on from it.
After a SIGKILL or a power cut the queue on disk is stale, so it is discarded: the corpus is
then the checkpoint — the listings are read again and detail pages already stored are skipped
(crawler.incremental), and report rows are keyed by URL, so nothing is lost or stored twice.
The folder is removed when the site's crawl ends any other way.

A live crawl holds an exclusive lock on ``<site_id>.lock`` beside the folder (``store.lock``),
so a second crawl of the site is refused while it runs and a dead one never blocks the next.
The folders follow the corpus's real path: a symlink to the corpus finds the same jobs, and
``x.db`` and ``x.sqlite`` in one folder have their own.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from store.lock import exclusive, holder

STATE_FILE = "nianbao-run.json"


class JobBusy(RuntimeError):
    """Another live process is crawling this site into this corpus."""


def jobs_root(db_path: str | Path, base: str | None = None) -> Path:
    """Where the job folders of a corpus live (``base`` when the user set ``JOBDIR``)."""
    real = Path(os.path.realpath(db_path))
    return Path(os.path.realpath(base)) if base else real.parent / "jobs" / real.name


def lock_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".lock")


def claim(folder: Path) -> int:
    """Lock the site's job for this process (the lock's descriptor); JobBusy when a live process holds it."""
    fd = exclusive(lock_path(folder))
    if fd is None:
        raise JobBusy(f"{folder} is in use by process {holder(lock_path(folder))}")
    return fd


@dataclass
class SiteJob:
    folder: Path
    run_id: str
    resumed: bool
    lock: int

    def write_state(self, state: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / STATE_FILE).write_text(json.dumps({"run_id": self.run_id, "state": state, "pid": os.getpid()}))

    def finish(self, finish_reason: str) -> None:
        """Keep Scrapy's saved queue after a clean stop (``shutdown``); otherwise the job is done."""
        if finish_reason == "shutdown":
            self.write_state("paused")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
        os.close(self.lock)


def clear(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def saved_state(folder: Path) -> dict | None:
    state_path = folder / STATE_FILE
    return json.loads(state_path.read_text()) if state_path.exists() else None


def begin(folder: Path, run_id: str, lock: int | None = None) -> SiteJob:
    """Start or resume the site's job in ``folder``; ``run_id`` names a fresh run. ``lock``: the
    job already claimed by this process (``claim``)."""
    lock = claim(folder) if lock is None else lock
    state = saved_state(folder)
    if state is None:
        clear(folder)
        job = SiteJob(folder, run_id, resumed=False, lock=lock)
    elif state["state"] == "running":
        clear(folder)  # its process died (it held the lock): Scrapy's queue was never saved
        job = SiteJob(folder, state["run_id"], resumed=True, lock=lock)
    else:
        job = SiteJob(folder, state["run_id"], resumed=True, lock=lock)
    job.write_state("running")
    return job
