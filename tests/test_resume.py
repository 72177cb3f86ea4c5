"""A crawl stopped half-way (SIGKILL, or SIGTERM) and restarted with the same command ends
with exactly the reports of an uninterrupted crawl, fetching no stored page twice."""

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from crawler.demo import trs
from crawler.demo.server import StaticSite
from pipelines.record import REPORT_FIELDS
from crawler.registry import Site, write_sites
from store.read import stored_count
from tests.conftest import FAST, run_nianbao
from tests.test_trs_crawl import AGENCIES, PORTAL

DETAIL_DELAY = 0.4  # seconds per detail page, so the crawl can be stopped in the middle
COMPARED = [name for name in REPORT_FIELDS if name != "fetched_at"]


class SlowSite(StaticSite):
    def handle(self, request):
        if "/t20" in request.path:
            time.sleep(DETAIL_DELAY)
        return super().handle(request)


def reports(db):
    con = sqlite3.connect(db)
    rows = con.execute(f"select {', '.join(COMPARED)} from reports order by url").fetchall()
    con.close()
    return rows


def crawl_command(registry, db):
    return ["crawl", "--sites", str(registry), "--db", str(db), *FAST, "-s", "CONCURRENT_REQUESTS=1", "-s", "LOG_LEVEL=INFO"]


def stop_after(command, db, stored: int, signum) -> subprocess.Popen:
    """Start the crawl, wait until ``stored`` reports are in, then send ``signum``."""
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while stored_count(db) < stored:
        assert process.poll() is None, f"the crawl ended before it was stopped: {process.communicate()[1][-3000:]}"
        assert time.monotonic() < deadline, "the crawl stored nothing within 60 s"
        time.sleep(0.05)
    process.send_signal(signum)
    process.communicate(timeout=60)
    return process


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "terminated"])
def test_stopped_crawl_restarted_ends_like_an_uninterrupted_one(mock_site, tmp_path, signum):
    site, entries = trs.build_site(PORTAL, AGENCIES, [2021, 2022, 2023, 2024], notices=2, per_page=5)
    slow = SlowSite(site.pages)
    registry = tmp_path / "sites.csv"
    with mock_site(slow) as base:
        write_sites(registry, [Site(site_id="qingchuan", template="trs", start_url=base + "/xxgk/xxgknb/index.html")])
        reference = run_nianbao(*crawl_command(registry, tmp_path / "reference.db"))
        assert reference.returncode == 0, reference.stderr[-3000:]

        db = tmp_path / "corpus.db"
        stopped = stop_after(crawl_command(registry, db), db, 3, signum)
        before = {row[0] for row in reports(db)}
        assert 3 <= len(before) < len(entries), "stopped in the middle"
        state = json.loads((tmp_path / "jobs" / "corpus.db" / "qingchuan" / "nianbao-run.json").read_text())
        assert state["state"] == ("running" if signum == signal.SIGKILL else "paused")
        assert stopped.returncode == (-signal.SIGKILL if signum == signal.SIGKILL else 0), "killed, or shut down cleanly"

        slow.requests.clear()
        resumed = run_nianbao(*crawl_command(registry, db))
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert reports(db) == reports(tmp_path / "reference.db")
    assert len(reports(db)) == len(entries)
    fetched_again = {base + r.path for r in slow.requests} & before
    assert not fetched_again, "a stored detail page was fetched again"
    runs = sqlite3.connect(db).execute("select run_id, resumed, status from crawl_runs").fetchall()
    assert runs[-1] == (state["run_id"], 1, "ok")
    assert not (tmp_path / "jobs" / "corpus.db" / "qingchuan").exists(), "the finished job's folder is cleared"


class StallingSite(StaticSite):
    """Answers the first ``quick`` detail pages at once and holds the others until ``go`` is set."""

    def __init__(self, pages, quick: int):
        super().__init__(pages)
        self.quick = quick
        self.details = 0
        self.go = threading.Event()

    def handle(self, request):
        if "/t20" in request.path:
            self.details += 1
            if self.details > self.quick:
                self.go.wait(30)
        return super().handle(request)


def test_reports_are_committed_when_due_while_the_crawl_waits_for_pages(mock_site, tmp_path):
    """A batch not yet full is committed NIANBAO_STORE_COMMIT_SECONDS after its first report, even
    when no further report comes to fill it: readers and a killed crawl's restart see it."""
    site, entries = trs.build_site(PORTAL, AGENCIES, [2023, 2024], notices=0, per_page=10)
    stalling = StallingSite(site.pages, quick=2)
    registry = tmp_path / "sites.csv"
    db = tmp_path / "corpus.db"
    with mock_site(stalling) as base:
        write_sites(registry, [Site(site_id="qingchuan", template="trs", start_url=base + "/xxgk/xxgknb/index.html")])
        command = [*crawl_command(registry, db), "-s", "NIANBAO_STORE_COMMIT_SECONDS=0.3", "-s", "NIANBAO_STORE_BATCH=1000"]
        process = subprocess.Popen([sys.executable, "-m", "crawler.cli", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 20
            while stored_count(db) < 2 and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            committed_while_waiting = stored_count(db)
        finally:
            stalling.go.set()
            process.communicate(timeout=120)
    assert committed_while_waiting == 2, "the two reports stored before the wait were not committed during it"
    assert process.returncode == 0
    assert stored_count(db) == len(entries)
