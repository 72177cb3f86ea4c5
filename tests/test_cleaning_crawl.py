"""End to end: the demo sites (every CMS family, reports in PDF and DOCX attachments) crawled with
the cleaning chain in two worker processes give the corpus the chain in the crawl process gives;
a cleaning worker killed during a crawl costs at most the page it held."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from crawler.demo import trs
from crawler.demo.sites import LINJIANG, running_demo_sites
from crawler.registry import Site, write_sites
from tests.conftest import FAST, PROJECT, run_nianbao


def corpus(db) -> dict:
    """Every stored report, with its attachments and statistics, by URL; times and row ids left out."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    url_of = {row["id"]: row["url"] for row in connection.execute("select id, url from reports")}

    def rows(sql):
        return [{key: row[key] for key in row.keys() if key not in ("id", "report_id") and not key.endswith("_at")}
                for row in connection.execute(sql)]

    reports = {row["url"]: row for row in rows("select * from reports")}
    for table, order in (("attachments", "rowid"), ("report_stats", "report_id, position"), ("report_sources", "rowid")):
        for row, report_id in zip(rows(f"select * from {table} order by {order}"),
                                  [r[0] for r in connection.execute(f"select report_id from {table} order by {order}")]):
            reports[url_of[report_id]].setdefault(table, []).append(row)
    return reports


def test_the_worker_pool_cleans_as_the_crawl_process_does(tmp_path):
    with running_demo_sites(port=None) as rows:
        write_sites(tmp_path / "sites.csv", rows)
        corpora = {}
        for workers in ("2", "0"):
            db = tmp_path / f"workers-{workers}.db"
            result = run_nianbao("crawl", "--sites", str(tmp_path / "sites.csv"), "--db", str(db), *FAST,
                                 "-s", f"NIANBAO_CLEAN_WORKERS={workers}")
            assert result.returncode == 0, result.stderr[-3000:]
            corpora[workers] = corpus(db)
    in_workers, in_process = corpora["2"], corpora["0"]
    assert len(in_process) >= 60
    assert sum(1 for report in in_process.values() if report["text_source"] != "html") >= 2  # text from attachment files
    assert sorted(in_workers) == sorted(in_process)
    for url, report in in_process.items():
        assert in_workers[url] == report, url


def workers_of(pid: int) -> list[int]:
    """The cleaning workers under a crawl process: the children of its forkserver."""
    def children(parent):
        found = []
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                found += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
        return found

    return [worker for child in children(pid) if "forkserver" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace")
            for worker in children(child)]


def heavy_site():
    """A TRS column of 8 reports whose pages carry a 1 MB menu each, so that cleaning one takes a while."""
    site, entries = trs.build_site(LINJIANG, ["临江市人民政府", "临江市财政局"], [2019, 2020, 2021, 2022], notices=0, per_page=20)
    menu = "<ul class='menu'>" + "<li><a href='/xxgk/'>政府信息公开</a></li>" * 20000 + "</ul>"
    for entry in entries:
        body, content_type = site.pages[entry.path]
        site.pages[entry.path] = (body.replace(b"</body>", menu.encode() + b"</body>"), content_type)
    return site, entries


def test_a_killed_cleaning_worker_loses_at_most_its_page_and_the_crawl_goes_on(tmp_path, mock_site):
    site, entries = heavy_site()
    with mock_site(site) as base:
        row = Site(site_id="linjiang-heavy", province="安徽省", city="临江市", template="trs", start_url=base + "/xxgk/xxgknb/index.html")
        write_sites(tmp_path / "sites.csv", [row])
        db = tmp_path / "corpus.db"
        command = [sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(tmp_path / "sites.csv"), "--db", str(db), *FAST,
                   "-s", "NIANBAO_CLEAN_WORKERS=2", "-s", "NIANBAO_ATTACHMENTS=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
        crawl = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
        killed = None
        deadline = time.monotonic() + 120
        while killed is None and crawl.poll() is None and time.monotonic() < deadline:
            served = {request.path for request in site.requests} & {entry.path for entry in entries}
            workers = workers_of(crawl.pid)
            if len(served) >= 3 and workers:
                killed = workers[0]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        _out, stderr = crawl.communicate(timeout=300)
    assert killed is not None, "the crawl ended before a worker could be killed"
    assert crawl.returncode == 0, stderr[-3000:]
    stored = len(corpus(db))
    lost = stderr.count("CleaningWorkerDied: ")  # Scrapy's log is on stderr with FAST's LOG_LEVEL
    assert lost <= 1 and stored == len(entries) - lost, (stored, lost)
    assert f"errors {lost}" in stderr.splitlines()[-1] or f"errors {lost}" in stderr, stderr[-2000:]
