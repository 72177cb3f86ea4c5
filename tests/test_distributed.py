"""One crawl on several processes through a real Redis: three workers and one store, a worker and
the store killed with SIGKILL mid-crawl and started again, Redis restarted mid-run; every time the
corpus ends exactly as a single-process ``nianbao crawl`` leaves it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from crawler.demo import chrome, generic, mirror, trs
from crawler.demo.redis_server import RedisServer, free_port
from crawler.demo.server import MockSite, serve
from crawler.distributed.lease import Leases
from crawler.distributed.run import RunKeys
from crawler.distributed.transport import decode
from crawler.registry import Site, write_sites
from pipelines.record import REPORT_FIELDS
from store.read import stored_count
from tests.conftest import FAST, PROJECT, run_nianbao
from tests.test_dedupe_crawl import AGENCIES, BUREAU, MIRROR, PORTAL, YEARS

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="Debian's redis-server is not installed (.ci/run installs it)")

DETAIL_DELAY = 0.25  # seconds per detail page, so a process can be killed in the middle of the run
BAIHE = chrome.Portal(name="白河县人民政府", domain="www.baihe.gov.cn", id_code="6107000010", province_short="陕",
                      icp="陕ICP备05000010号-1", police="陕公网安备 61070002000010号", address="白河县城关镇10号", phone="0915-1234567")
COMPARED = ["id", "dup_of", *(name for name in REPORT_FIELDS if name != "fetched_at")]
WORKER = ["-s", "NIANBAO_LEASE_SECONDS=2", "-s", "NIANBAO_WORKER_SITES=1", "-s", "CONCURRENT_REQUESTS=2"]


@pytest.fixture
def redis_server(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    with RedisServer(folder) as server:
        yield server


class Slowed(MockSite):
    """A mock site whose report pages take DETAIL_DELAY to answer."""

    def __init__(self, site: MockSite, entries):
        super().__init__()
        self.site = site
        self.slow = {entry.path for entry in entries}

    def handle(self, request):
        if request.path in self.slow:
            time.sleep(DETAIL_DELAY)
        return self.site.handle(request)


@contextmanager
def served_sites():
    """Four mock sites (a portal, a Traditional mirror of it, a bureau republishing its reports, a
    site whose column is found from its root): yields their registry rows and the mock sites."""
    portal, portal_entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1, per_page=4)
    bureau, bureau_entries = trs.build_site(BUREAU, ["临江市财政局"], YEARS, notices=0, column_path="/zwgk/ndbg/")
    copies_site, copies = mirror.build_mirror(MIRROR, portal_entries)
    county, county_entries = generic.build_site(BAIHE, ["白河县人民政府"], YEARS, notices=1)
    builds = [("linjiang", PORTAL, "city", "trs", portal, portal_entries, "/xxgk/xxgknb/index.html"),
              ("mirror", MIRROR, "mirror", "trs", copies_site, copies, "/zfxxgk/nb/index.html"),
              ("czj", BUREAU, "department", "trs", bureau, bureau_entries, "/zwgk/ndbg/index.html"),
              ("baihe", BAIHE, "county", "auto", county, county_entries, "/")]
    with ExitStack() as stack:
        rows, mocks = [], []
        for site_id, portal_of, level, template, site, entries, start in builds:
            slowed = Slowed(site, entries)
            base = stack.enter_context(serve(slowed))
            rows.append(Site(site_id=site_id, name=portal_of.name, level=level, template=template, start_url=base + start))
            mocks.append(slowed)
        yield rows, mocks


def corpus(db) -> dict:
    con = sqlite3.connect(db)
    try:
        return {"reports": con.execute(f"select {', '.join(COMPARED)} from reports order by url").fetchall(),
                "sources": con.execute("select report_id, url, site_id from report_sources order by report_id, url").fetchall(),
                "attachments": con.execute("select report_id, url, outcome, text from attachments order by report_id, url").fetchall()}
    finally:
        con.close()


def crawl_runs(db) -> dict[str, tuple]:
    """site_id -> (run_id, its coverage audit, resumed, its status). A site taken over (resumed)
    reads its listings again but skips the pages stored before: its reports are split between
    stored and skipped, and the HTTP errors of their attachments (its status) are not met again."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("select site_id, run_id, listing_pages, rows, report_like, followed, suspects, "
                           "new + updated + unchanged + skipped, resumed, status, http_errors from crawl_runs").fetchall()
    finally:
        con.close()
    return {row[0]: (row[1], row[2:8], row[8], row[9:]) for row in rows}


def nianbao(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=PROJECT, start_new_session=True)


def worker(server, run, registry, *settings: str) -> subprocess.Popen:
    return nianbao("worker", "--redis", server.url, "--run", run, "--sites", str(registry), *FAST, *WORKER, *settings)


def store(server, run, db, *settings: str) -> subprocess.Popen:
    return nianbao("store", "--redis", server.url, "--run", run, "--db", str(db), *settings)


def finish(process: subprocess.Popen, timeout: int = 180) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return out, err


def wait_until(condition, what: str, processes=(), timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not condition():
        for process in processes:
            assert process.poll() is None, f"ended before {what}: {process.communicate()[1][-3000:]}"
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        time.sleep(0.05)


def single_process_corpus(rows, tmp_path) -> dict:
    registry = tmp_path / "single.csv"
    write_sites(registry, rows)
    # No telnet consoles, as in a worker: with other crawls on the machine their ports run out, which logs an error.
    result = run_nianbao("crawl", "--sites", str(registry), "--db", str(tmp_path / "single.db"), *FAST, "-s", "TELNETCONSOLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    return corpus(tmp_path / "single.db")


def lease_holders(server, run, rows) -> dict[str, int]:
    """site_id -> pid of the worker holding its lease."""
    client, keys = server.client(), RunKeys(run)
    holders = {row.site_id: client.get(keys.lease(row.site_id)) for row in rows}
    return {site_id: int(owner.decode().split(":")[1]) for site_id, owner in holders.items() if owner}


def test_killed_worker_and_store_restarted_end_with_the_corpus_of_one_process(redis_server, tmp_path):
    with served_sites() as (rows, mocks):
        expected = single_process_corpus(rows, tmp_path)
        for mock in mocks:
            mock.requests.clear()
        registry, db = tmp_path / "sites.csv", tmp_path / "corpus.db"
        write_sites(registry, rows)
        writer = store(redis_server, "nightly", db)
        workers = [worker(redis_server, "nightly", registry) for _ in range(3)]
        wait_until(lambda: stored_count(db) >= 4, "4 reports stored", [writer, *workers])
        held = lease_holders(redis_server, "nightly", rows)
        victim = next(process for process in workers if process.pid in held.values())
        os.kill(writer.pid, signal.SIGKILL)
        os.kill(victim.pid, signal.SIGKILL)
        for process in (writer, victim):
            process.communicate(timeout=30)
        killed_at = stored_count(db)
        assert killed_at < len(expected["reports"]), "killed in the middle of the run"

        writer = store(redis_server, "nightly", db)
        workers = [process for process in workers if process is not victim] + [worker(redis_server, "nightly", registry)]
        for process in workers:
            finish(process)
        out, _ = finish(writer)
    assert corpus(db) == expected
    assert any(row[1] for row in expected["reports"]), "the sites share duplicate groups"
    runs, single = crawl_runs(db), crawl_runs(tmp_path / "single.db")
    assert {site: audit for site, (_, audit, _, _) in runs.items()} == {site: audit for site, (_, audit, _, _) in single.items()}
    assert {site: status for site, (_, _, resumed, status) in runs.items() if not resumed} == \
        {site: status for site, (_, _, resumed, status) in single.items() if not runs[site][2]}
    assert any(resumed for _, _, resumed, _ in runs.values()), "the killed worker's site was taken over"
    assert len({run_id for run_id, _, _, _ in runs.values()}) == 1, "one run"
    assert f"{len(rows)} site(s), " in out
    client, keys = redis_server.client(), RunKeys("nightly")
    assert client.llen(keys.items) == client.llen(keys.storing) == 0


def test_redis_restarted_mid_run_lets_the_run_finish(redis_server, tmp_path):
    with served_sites() as (rows, _mocks):
        expected = single_process_corpus(rows, tmp_path)
        registry, db = tmp_path / "sites.csv", tmp_path / "corpus.db"
        write_sites(registry, rows)
        processes = [store(redis_server, "nightly", db), worker(redis_server, "nightly", registry), worker(redis_server, "nightly", registry)]
        wait_until(lambda: stored_count(db) >= 3, "3 reports stored", processes)
        redis_server.stop()
        assert stored_count(db) < len(expected["reports"]), "restarted in the middle of the run"
        time.sleep(1)
        redis_server.start()
        for process in processes:
            finish(process)
    assert corpus(db) == expected


def test_a_second_run_fetches_no_stored_report_again(redis_server, tmp_path):
    with served_sites() as (rows, mocks):
        registry, db = tmp_path / "sites.csv", tmp_path / "corpus.db"
        write_sites(registry, rows[:2])
        for run in ("monday", "tuesday"):
            for mock in mocks:
                mock.requests.clear()
            time.sleep(1)  # crawl_runs names a run by the second it started
            for process in [store(redis_server, run, db), worker(redis_server, run, registry)]:
                finish(process)
        con = sqlite3.connect(db)
        reports = {url for (url,) in con.execute("select url from reports")}
        second = con.execute("select sum(new), sum(skipped) from crawl_runs group by run_id order by run_id").fetchall()[-1]
    fetched_again = {mock.base_url + request.path for mock in mocks for request in mock.requests} & reports
    assert reports and not fetched_again, "the second run fetched stored report pages"
    assert second == (0, len(reports))


def test_pages_judged_not_reports_are_remembered_by_the_store_and_not_fetched_again(redis_server, tmp_path):
    with served_sites() as (rows, mocks):
        registry, db = tmp_path / "sites.csv", tmp_path / "corpus.db"
        write_sites(registry, rows[:1])
        fetched = {}
        for run in ("monday", "tuesday"):
            for mock in mocks:
                mock.requests.clear()
            time.sleep(1)  # crawl_runs names a run by the second it started
            for process in [store(redis_server, run, db), worker(redis_server, run, registry, "-s", "NIANBAO_SKIP_NON_REPORTS=True")]:
                finish(process)
            fetched[run] = {mocks[0].base_url + request.path for request in mocks[0].requests}
        con = sqlite3.connect(db)
        judged = {url for (url, reason) in con.execute("select url, reason from decisions") if reason == "not a report"}
        kinds = {kind for (kind,) in con.execute("select kind from reports")}
    assert judged and judged <= fetched["monday"], "the notices were not remembered in the corpus"
    assert "other" not in kinds
    assert not judged & fetched["tuesday"], "the second run fetched pages judged not reports again"


def test_unreachable_redis_is_one_line(tmp_path):
    url = f"redis://127.0.0.1:{free_port()}/0"
    for command in (["worker", "--redis", url, "--run", "x", "--sites", str(write_registry(tmp_path))],
                    ["store", "--redis", url, "--run", "x", "--db", str(tmp_path / "corpus.db")]):
        result = run_nianbao(*command)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: Redis at {url} cannot be reached: "), result.stderr
    assert not (tmp_path / "corpus.db").exists(), "nothing created"


def write_registry(tmp_path) -> Path:
    registry = tmp_path / "sites.csv"
    write_sites(registry, [Site(site_id="one", template="trs", start_url="http://127.0.0.1:9/xxgk/")])
    return registry


def crawled_without_a_store(redis_server, tmp_path):
    """Two sites crawled by a worker into run ``nightly``, no store running yet: the run's Redis
    client and keys, the corpus path and the single-process corpus it should end as."""
    with served_sites() as (rows, _mocks):
        rows = rows[:2]
        expected = single_process_corpus(rows, tmp_path)
        registry, db = tmp_path / "sites.csv", tmp_path / "corpus.db"
        write_sites(registry, rows)
        client, keys = redis_server.client(), RunKeys("nightly")
        client.set(keys.mirror_ready, 1)  # as a store publishing an empty corpus would; it is started later
        finish(worker(redis_server, "nightly", registry))
    return client, keys, db, expected


def test_the_store_writes_what_a_killed_store_left_and_an_item_sent_twice_once(redis_server, tmp_path):
    """A store killed after taking a message (it is on ``storing``) and an item sent twice (a site
    taken over): the next store writes the first, counts the second once, and the corpus is a
    single process's."""
    client, keys, db, expected = crawled_without_a_store(redis_server, tmp_path)
    taken = client.lmove(keys.items, keys.storing, "LEFT", "RIGHT")
    assert decode(taken)["kind"] == "item"
    second = client.lindex(keys.items, 0)
    client.linsert(keys.items, "AFTER", second, second)
    finish(store(redis_server, "nightly", db))
    assert corpus(db) == expected
    new = "select site_id, new, updated, unchanged from crawl_runs order by site_id"
    assert sqlite3.connect(db).execute(new).fetchall() == sqlite3.connect(tmp_path / "single.db").execute(new).fetchall()


def test_a_store_killed_with_a_batch_open_writes_the_batch_again(redis_server, tmp_path):
    """The store removes messages from ``storing`` only once their batch is committed: killed
    before that, the next store finds the whole batch there."""
    client, keys, db, expected = crawled_without_a_store(redis_server, tmp_path)
    messages = client.lrange(keys.items, 0, -1)
    items = [raw for raw in messages if decode(raw)["kind"] == "item"]
    client.delete(keys.items)
    client.rpush(keys.items, *items)  # the sites' reports held back: a site's report commits the batch
    writer = store(redis_server, "nightly", db, "-s", "NIANBAO_STORE_BATCH=1000", "-s", "NIANBAO_STORE_COMMIT_SECONDS=600")
    wait_until(lambda: client.llen(keys.storing) == len(items), "every item taken", [writer])
    os.kill(writer.pid, signal.SIGKILL)
    writer.communicate(timeout=30)
    assert stored_count(db) == 0, "killed before its batch was committed"
    client.rpush(keys.items, *[raw for raw in messages if raw not in items])
    finish(store(redis_server, "nightly", db))
    assert corpus(db) == expected


def test_a_site_is_held_by_one_worker_at_a_time(redis_server):
    keys = RunKeys("nightly")
    first, second = (Leases(redis_server.client(), keys, owner, seconds=0.3) for owner in ("first", "second"))
    assert first.take("linjiang") and not second.take("linjiang")
    assert first.renew("linjiang") and not second.renew("linjiang")
    time.sleep(0.4)  # the first worker stopped renewing (killed): its lease lapses
    assert second.take("linjiang")
    assert not first.renew("linjiang"), "a lease taken over is not the first worker's any more"
    first.release("linjiang")
    assert first.holder("linjiang") == "second"
    time.sleep(0.4)
    assert second.renew("linjiang"), "a lease that lapsed with nobody taking it is taken again by its holder"


def test_a_worker_stopped_with_sigterm_gives_its_sites_back(redis_server, tmp_path):
    with served_sites() as (rows, _mocks):
        registry = tmp_path / "sites.csv"
        write_sites(registry, rows[:1])
        client, keys = redis_server.client(), RunKeys("nightly")
        client.set(keys.mirror_ready, 1)  # as a store publishing an empty corpus would
        leaving = worker(redis_server, "nightly", registry)
        wait_until(lambda: lease_holders(redis_server, "nightly", rows[:1]), "the site taken", [leaving])
        wait_until(lambda: client.llen(keys.items) >= 1, "an item sent", [leaving])
        leaving.send_signal(signal.SIGTERM)
        _out, err = leaving.communicate(timeout=60)
    assert leaving.returncode == 0, err[-3000:]
    assert "linjiang: interrupted (shutdown); another worker crawls it" in err, err[-3000:]
    assert not lease_holders(redis_server, "nightly", rows[:1]), "the lease is given back at once"
    assert not client.sismember(keys.crawled, "linjiang")
