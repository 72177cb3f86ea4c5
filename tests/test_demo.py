"""``nianbao demo``: fixed ports so a second run is incremental, ``--serve``, progress lines, the log file."""

from __future__ import annotations

import io
import random
import re
import socket
import subprocess
import sys
import urllib.request

import pytest

from crawler.progress import SiteProgress, progress_line
from crawler.registry import Site
from crawler.run import SiteResult
from pipelines import stats as keys
from tests.conftest import SITES, free_port_block, run_nianbao

def summary_rows(stdout: str) -> dict[str, dict[str, str]]:
    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("site "))
    headings = re.split(r" {1,}(?=\S)", header.replace("http err", "http_err"))
    return {line.split()[0]: dict(zip(headings, line.split())) for line in lines if line.startswith("demo-")}


def test_a_second_demo_run_stores_nothing_new_and_progress_replaces_the_log(tmp_path):
    port = free_port_block()
    db = tmp_path / "corpus.db"
    first = run_nianbao("demo", "--port", str(port), "--db", str(db))
    second = run_nianbao("demo", "--port", str(port), "--db", str(db), "-s", "LOG_LEVEL=INFO")
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:] + second.stderr[-2000:]
    before, after = summary_rows(first.stdout), summary_rows(second.stdout)
    assert len(before) == SITES and all(int(row["new"]) > 0 for row in before.values()), first.stdout
    assert all(row["new"] == "0" and int(row["skipped"]) == int(before[site]["new"]) for site, row in after.items()), second.stdout
    assert f"{SITES} site(s), 0 report(s) stored" in second.stdout
    assert "[scrapy" not in first.stderr and "] INFO:" not in first.stderr, first.stderr[-2000:]
    for run in (first, second):
        done = [line for line in run.stderr.splitlines() if " done: ok " in line]
        assert sorted(line.split()[0] for line in done) == sorted(before), run.stderr
    log = (tmp_path / "logs" / "corpus.log").read_text(encoding="utf-8")
    assert log.count("[scrapy.core.engine] INFO: Spider closed (finished)") == SITES
    # -s LOG_LEVEL=INFO: Scrapy's log on the console, as scrapy crawl shows it, and not in the file
    assert second.stderr.count("[scrapy.core.engine] INFO: Spider closed (finished)") == SITES


def test_a_taken_port_is_one_clear_message(tmp_path):
    port = free_port_block()
    taken = port + random.randrange(SITES)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", taken))
        squatter.listen()
        result = run_nianbao("demo", "--port", str(port), "--db", str(tmp_path / "c.db"))
    assert result.returncode == 2
    assert f"port {taken} on 127.0.0.1 is in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "c.db").exists()


def test_serve_serves_every_demo_site_without_crawling(tmp_path):
    port = free_port_block()
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--serve", "--port", str(port), "--db", str(tmp_path / "c.db")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "Ctrl-C" in process.stdout.readline()
        lines = [process.stdout.readline().split() for _ in range(SITES)]
        assert [int(url.split(":")[2].split("/")[0]) for _, _, url in lines] == list(range(port, port + SITES))
        for _site_id, _template, url in lines:
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert not (tmp_path / "c.db").exists()


def results(count: int, step: int) -> list[SiteResult]:
    site_ids = [f"site-{n}" for n in range(count)]
    return [SiteResult.from_stats(Site(site_id=s, start_url="http://x/"), "trs", {keys.LISTING_PAGES: step, keys.reports_outcome("new"): step * n})
            for n, s in enumerate(site_ids)]


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("sites", [1, 2, 5, 17])
def test_live_view_redraws_one_line_per_site_in_place(sites, monkeypatch):
    clock = iter(range(0, 10_000))
    monkeypatch.setattr("crawler.progress.time.monotonic", lambda: next(clock))
    screen = Terminal()
    progress = SiteProgress(screen, live=True, every=10)
    for result in results(sites, 0):
        progress.update(result.site_id, progress_line(result, "waiting"))
    screen.seek(0)
    screen.truncate()
    for step in range(1, 4):
        for result in results(sites, step):
            progress.update(result.site_id, progress_line(result, "crawling"), final=step == 3)
    frames = screen.getvalue().split(f"\x1b[{sites}F")
    assert frames[0] == "" and len(frames) == 1 + 3 * sites  # one redraw per change, each moving up over the whole table
    last = [line.removeprefix("\x1b[2K") for line in frames[-1].splitlines()]
    assert last == [progress_line(result, "crawling") for result in results(sites, 3)]


@pytest.mark.parametrize("every", [1, 5, 30])
def test_plain_lines_are_at_most_one_per_site_every_few_seconds_and_the_last(every, monkeypatch):
    now = [0.0]
    monkeypatch.setattr("crawler.progress.time.monotonic", lambda: now[0])
    out = io.StringIO()
    progress = SiteProgress(out, live=False, every=every)
    for second in range(60):
        now[0] = float(second)
        for result in results(3, second + 1):
            progress.update(result.site_id, progress_line(result, "crawling"))
    for result in results(3, 100):
        progress.update(result.site_id, progress_line(result, "done: ok"), final=True)
    lines = out.getvalue().splitlines()
    assert "\x1b" not in out.getvalue()
    for site in ("site-0", "site-1", "site-2"):
        own = [line for line in lines if line.startswith(site + " ")]
        assert len(own) == -(-60 // every) + 1 and "done: ok" in own[-1]
