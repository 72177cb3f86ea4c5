"""Per-site job folders, so that a crawl stopped half-way is finished by the same command.

Each site crawls with its own Scrapy ``JOBDIR`` (``<db folder>/jobs/<db name>/<site_id>/``)
holding Scrapy's request queue and a small state file naming the run it belongs to. After a
clean stop (Ctrl-C once, SIGTERM) Scrapy saved its queue and the next start carries on from it.
After a SIGKILL or a power cut the queue on disk is stale, so it is discarded: the corpus is
then the checkpoint — the listings are read again and detail pages already stored are skipped
(crawler.incremental), and report rows are keyed by URL, so nothing is lost or stored twice.
The folder is removed when the site's crawl ends any other way.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "nianbao-run.json"


class JobBusy(RuntimeError):
    """Another live process is crawling this site into this corpus."""


def jobs_root(db_path: str | Path, base: str | None = None) -> Path:
    """Where the job folders of a corpus live (``base`` when the user set ``JOBDIR``)."""
    db_path = Path(db_path)
    return Path(base) if base else db_path.parent / "jobs" / db_path.stem


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class SiteJob:
    folder: Path
    run_id: str
    resumed: bool

    def write_state(self, state: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / STATE_FILE).write_text(json.dumps({"run_id": self.run_id, "state": state, "pid": os.getpid()}))

    def finish(self, finish_reason: str) -> None:
        """Keep Scrapy's saved queue after a clean stop (``shutdown``); otherwise the job is done."""
        if finish_reason == "shutdown":
            self.write_state("paused")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def clear(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def saved_state(folder: Path) -> dict | None:
    state_path = folder / STATE_FILE
    return json.loads(state_path.read_text()) if state_path.exists() else None


def ensure_free(folder: Path) -> None:
    """Raise JobBusy when a live process other than this one is crawling in ``folder``."""
    state = saved_state(folder)
    if state and state["state"] == "running" and state["pid"] != os.getpid() and process_alive(state["pid"]):
        raise JobBusy(f"{folder} is in use by process {state['pid']}")


def begin(folder: Path, run_id: str) -> SiteJob:
    """Start or resume the site's job in ``folder``; ``run_id`` names a fresh run."""
    ensure_free(folder)
    state = saved_state(folder)
    if state is None:
        clear(folder)
        job = SiteJob(folder, run_id, resumed=False)
    elif state["state"] == "running":
        clear(folder)  # killed: Scrapy's queue was never saved
        job = SiteJob(folder, state["run_id"], resumed=True)
    else:
        job = SiteJob(folder, state["run_id"], resumed=True)
    job.write_state("running")
    return job
