"""Exit status and run report of `nianbao crawl`: cron and CI must notice a site that failed."""

import json
import sqlite3
import subprocess
import sys

import pytest

from crawler.backoff import backoff_delay
from crawler.demo import trs
from crawler.demo.server import Response, StaticSite
from crawler.demo.waf import WafSite
from crawler.jobs import JobBusy, begin
from crawler.registry import Site
from tests.test_trs_crawl import AGENCIES, PORTAL

UNREACHABLE = Site(site_id="gone", template="trs", start_url="http://127.0.0.1:9/xxgk/index.html")


def build():
    return trs.build_site(PORTAL, AGENCIES, [2022, 2023], notices=1, per_page=4)


def runs(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return {row["site_id"]: dict(row) for row in con.execute("select * from crawl_runs")}


def row(site_id, base):
    return Site(site_id=site_id, template="trs", start_url=base + "/xxgk/xxgknb/index.html")


def test_all_sites_read_exit_zero(mock_site, crawl):
    site, entries = build()
    with mock_site(site) as base:
        result, db = crawl([row("good", base)])
    assert result.returncode == 0, result.stderr[-3000:]
    assert runs(db)["good"]["status"] == "ok", (runs(db), result.stderr[-3000:])
    assert "0 site(s) failed" in result.stdout


@pytest.mark.parametrize("bad", ["unreachable", "blocked"])
def test_one_site_failing_entirely_exits_one(mock_site, crawl, bad):
    site, entries = build()
    waf = WafSite("yundi")
    with mock_site(site) as base, mock_site(waf) as waf_base:
        broken = UNREACHABLE if bad == "unreachable" else row("gone", waf_base)
        result, db = crawl([row("good", base), broken], "-s", "RETRY_TIMES=0")
    assert result.returncode == 1
    outcome = runs(db)
    assert outcome["good"]["status"] == "ok" and outcome["good"]["new"] == len(entries), (outcome, result.stderr[-3000:])
    assert outcome["gone"]["status"] == ("failed" if bad == "unreachable" else "blocked")
    assert "1 site(s) failed" in result.stdout


def test_unknown_site_is_a_usage_error(crawl):
    result, _ = crawl([UNREACHABLE], "--site", "nowhere")
    assert result.returncode == 2
    assert "nowhere" in result.stderr


class FlakySite(StaticSite):
    """Answers 503 to the first ``failures`` requests for each path in ``flaky``."""

    def __init__(self, pages, flaky: dict[str, int]):
        super().__init__(pages)
        self.flaky = dict(flaky)

    def handle(self, request):
        if self.flaky.get(request.path, 0) > 0:
            self.flaky[request.path] -= 1
            return Response(503, b"<html><body>Service Unavailable</body></html>", {"Content-Type": "text/html"})
        return super().handle(request)


def test_server_errors_are_retried_and_lasting_ones_counted_as_failed(mock_site, crawl):
    site, entries = build()
    recovers, stays_down = entries[0].path, entries[1].path
    flaky = FlakySite(site.pages, {recovers: 2, stays_down: 99})
    with mock_site(flaky) as base:
        result, db = crawl([row("flaky", base)], "-s", "RETRY_TIMES=2", "-s", "RETRY_BACKOFF_BASE=0.05")
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = runs(db)["flaky"]
    assert (outcome["new"], outcome["failed"], outcome["status"]) == (len(entries) - 1, 1, "partial")
    assert [r.path for r in flaky.requests].count(recovers) == 3
    assert [r.path for r in flaky.requests].count(stays_down) == 3


def test_backoff_doubles_up_to_the_cap():
    assert [backoff_delay(n, 5, 30) for n in range(6)] == [0, 5, 10, 20, 30, 30]
    assert backoff_delay(3, 0, 30) == 0


HOLD_LOCK = "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, str(os.getpid()).encode()); print('locked', flush=True); time.sleep(30)"


def holding(lock_file):
    """Another process holding the lock ``lock_file`` until killed."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock_file)], stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "locked"
    return other


def test_a_site_crawled_by_a_live_process_is_refused(tmp_path):
    folder = tmp_path / "site"
    other = holding(tmp_path / "site.lock")
    try:
        with pytest.raises(JobBusy):
            begin(folder, "r2")
    finally:
        other.kill()
        other.wait(timeout=10)
    job = begin(folder, "r2")
    assert (job.run_id, job.resumed) == ("r2", False)


def test_a_stale_state_whose_pid_is_alive_again_does_not_block(tmp_path):
    """A killed crawl's state says ``running`` with its pid; that pid may now be another live process."""
    folder = tmp_path / "site"
    folder.mkdir()
    unrelated = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (folder / "nianbao-run.json").write_text(json.dumps({"run_id": "r1", "state": "running", "pid": unrelated.pid}))
        job = begin(folder, "r2")
    finally:
        unrelated.kill()
        unrelated.wait(timeout=10)
    assert (job.run_id, job.resumed) == ("r1", True)


def test_crawl_overlapping_a_live_one_cannot_start(mock_site, crawl, tmp_path):
    site, entries = build()
    other = holding(tmp_path / "jobs" / "corpus.db" / "busy.lock")
    try:
        with mock_site(site) as base:
            result, db = crawl([row("free", base), row("busy", base)])
    finally:
        other.kill()
        other.wait(timeout=10)
    assert result.returncode == 2
    assert f"in use by process {other.pid}" in result.stderr
    assert not site.requests and not (tmp_path / "jobs" / "corpus.db" / "free").exists()


def test_a_sites_error_count_holds_only_its_own_errors():
    """Every crawler of a ``nianbao crawl`` sees every log record; only its own spider's (or a record
    about no spider) count in its ``log_count/ERROR``, so one failing site leaves the others ``ok``."""
    import logging

    from crawler.extensions import SiteLogCounterHandler

    class Stats(dict):
        def inc_value(self, key):
            self[key] = self.get(key, 0) + 1

    class Crawler:
        def __init__(self):
            self.spider, self.stats = object(), Stats()

    good, gone = Crawler(), Crawler()
    handlers = [SiteLogCounterHandler(crawler) for crawler in (good, gone)]
    for extra in ({"spider": gone.spider}, {"spider": gone.spider}, {}):
        record = logging.LogRecord("scrapy", logging.ERROR, __file__, 1, "Error downloading", None, None)
        record.__dict__.update(extra)
        for handler in handlers:
            handler.handle(record)
    assert good.stats == {"log_count/ERROR": 1} and gone.stats == {"log_count/ERROR": 3}
