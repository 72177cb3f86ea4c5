"""Hostile sites, crawled as ``nianbao crawl`` runs them: each group of sites is one crawl process,
the groups run in parallel, and each process's wall time and peak RSS are measured (``os.wait4``).

Bounds asserted (generous margins on a busy 2-core machine): a crawl meeting gzip bombs, a 50 MiB
page and an endless body peaks at no more than the benign crawl's RSS plus 120 MiB — unbounded,
the 256 MiB bomb alone would add more — and every group ends within a minute or two. Nothing
junk is stored; ``crawl_runs`` and the summary say what was lost and why.
"""

from __future__ import annotations


import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from crawler.demo.server import StaticSite, serve
from crawler.demo.waf import WafSite
from crawler.registry import Site, write_sites
from tests.conftest import FAST
from crawler.demo.hostile import COLUMN, MIB, Behaviour, HostileSite, gzip_bomb, high_water, huge_page, serve_hostile

BOUNDS = ["-s", "DOWNLOAD_TIMEOUT=8", "-s", "RETRY_TIMES=1", "-s", "RETRY_BACKOFF_BASE=0.1", "-s", "RETRY_BACKOFF_MAX=0.2",
          "-s", "NIANBAO_MAX_LISTING_PAGES=8", "-s", "NIANBAO_MAX_DETAIL_PAGES=40"]
BOMB = 256 * MIB
RSS_MARGIN = 120 * MIB
WALL_LIMIT = 150


@dataclass
class Crawl:
    returncode: int
    stdout: str
    stderr: str
    wall: float
    peak_rss: int  # bytes
    db: str

    def runs(self) -> dict[str, dict]:
        con = sqlite3.connect(self.db)
        con.row_factory = sqlite3.Row
        return {row["site_id"]: dict(row) for row in con.execute("select * from crawl_runs")}

    def decisions(self, site_id: str) -> dict[str, str]:
        """Path -> reason of the detail pages remembered as not to be stored."""
        con = sqlite3.connect(self.db)
        return {url.split("/", 3)[3]: reason for url, reason in con.execute("select url, reason from decisions where site_id = ?", [site_id])}

    def stored(self, site_id: str) -> list[tuple[str, str]]:
        con = sqlite3.connect(self.db)
        return con.execute("select url, text from reports where site_id = ?", [site_id]).fetchall()


def row(site_id: str, base: str, template: str = "trs") -> Site:
    return Site(site_id=site_id, name="临江市人民政府", province="安徽省", city="临江市", level="city", template=template,
                start_url=base + COLUMN + "index.html")


def start_crawl(folder, sites: list[Site]):
    folder.mkdir()
    write_sites(folder / "sites.csv", sites)
    command = [sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(folder / "sites.csv"), "--db", str(folder / "corpus.db"), *FAST, *BOUNDS]
    return subprocess.Popen(command, stdout=open(folder / "out", "w"), stderr=open(folder / "err", "w"))


def run_all(commands: dict[str, tuple]) -> dict[str, Crawl]:
    """Run the crawls at once; sample each one's peak RSS until it exits, and time it."""
    started = time.monotonic()
    processes = {name: start_crawl(folder, sites) for name, (folder, sites) in commands.items()}
    peaks, walls = dict.fromkeys(processes, 0), {}
    while len(walls) < len(processes):
        for name, process in processes.items():
            if name in walls:
                continue
            peaks[name] = max(peaks[name], high_water(process.pid))
            if process.poll() is not None:
                walls[name] = time.monotonic() - started
        time.sleep(0.05)
    return {name: Crawl(process.returncode, (commands[name][0] / "out").read_text(), (commands[name][0] / "err").read_text(),
                        walls[name], peaks[name], str(commands[name][0] / "corpus.db")) for name, process in processes.items()}


def memory_sites():
    bombed = HostileSite.column()
    bombed.tricks[bombed.report_paths()[0]] = Behaviour("gzip-bomb", body=gzip_bomb(BOMB))
    bombed.tricks[COLUMN + "index_1.html"] = Behaviour("gzip-bomb", body=gzip_bomb(BOMB))
    huge = HostileSite.column()
    huge.tricks[huge.report_paths()[0]] = Behaviour("huge", body=huge_page(50 * MIB))
    huge.tricks[huge.report_paths()[1]] = Behaviour("endless")
    return {"bombed": bombed, "huge": huge}


def paging_sites():
    pager = HostileSite.column()
    pager.advertise_pages(5_000_000)
    pages_text = HostileSite.column()
    pages_text.advertise_pages(1_000_000, as_text=True)
    many = HostileSite.column()
    many.list_many(2000)
    return {"pager": pager, "pages-text": pages_text, "many-links": many}


def junk_sites():
    junk = HostileSite.column()
    paths = junk.report_paths()
    for path, kind in zip(paths, ("rate-limit", "soft-404", "truncated", "slowloris", "500-once")):
        junk.tricks[path] = Behaviour(kind)
    return {"junk": junk}


def benign_site():
    return {"benign": HostileSite.column()}


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """Every group crawled at once, each in its own process: the bombs and huge pages; the page-count
    and link floods with the junk, WAF and wrong-charset sites; a benign column for comparison."""
    groups = {"memory": memory_sites(), "paging": {**paging_sites(), **junk_sites()}, "benign": benign_site()}
    with ExitStack() as stack:
        rows = {name: [] for name in groups}
        for name, sites in groups.items():
            for site_id, site in sites.items():
                base = stack.enter_context(serve_hostile(site))
                rows[name].append(row(site_id, base, "ucap" if site_id == "pages-text" else "trs"))
        waf = WafSite("ruishu", StaticSite(HostileSite.column().pages), allow=3)
        rows["paging"].append(row("waf", stack.enter_context(serve(waf))))
        gbk = HostileSite.column()
        path = gbk.report_paths()[0]
        gbk.pages[path] = (gbk.pages[path][0].decode().encode("gb18030"), "text/html; charset=utf-8")
        rows["paging"].append(row("wrong-charset", stack.enter_context(serve_hostile(gbk))))
        root = tmp_path_factory.mktemp("hostile")
        results = run_all({name: (root / name, group_rows) for name, group_rows in rows.items()})
    return results, groups, gbk


def test_every_crawl_ends_in_bounded_time(crawls):
    results, _, _ = crawls
    for name, crawl in results.items():
        assert crawl.wall < WALL_LIMIT, (name, crawl.wall)
        assert crawl.returncode == 0, (name, crawl.stderr[-3000:])


def test_bombs_and_huge_pages_cost_bounded_memory_and_are_reported(crawls):
    results, groups, _ = crawls
    memory, benign = results["memory"], results["benign"]
    assert memory.peak_rss < benign.peak_rss + RSS_MARGIN, (memory.peak_rss / MIB, benign.peak_rss / MIB)
    runs = memory.runs()
    for site_id, lost in (("bombed", 2), ("huge", 2)):
        assert runs[site_id]["size_capped"] == lost, (site_id, runs[site_id])
        assert runs[site_id]["status"] == "partial"
        assert f"{site_id}: pages lost: {lost} size cap" in memory.stdout
    for site_id in ("bombed", "huge"):
        stored = memory.stored(site_id)
        assert stored and all(len(text) < 100_000 for _url, text in stored)
        assert not {url.split(":", 2)[2].split("/", 1)[1] for url, _ in stored} & {p.lstrip("/") for p in groups["memory"][site_id].tricks}
    site = groups["memory"]["huge"]
    assert memory.decisions("huge") == {path.lstrip("/"): "size cap" for path in site.report_paths()[:2]}
    assert memory.decisions("bombed") == {groups["memory"]["bombed"].report_paths()[0].lstrip("/"): "size cap"}  # not the listing page


def test_advertised_page_counts_and_link_floods_stop_at_the_caps(crawls):
    results, groups, _ = crawls
    paging = results["paging"]
    runs = paging.runs()
    for site_id in ("pager", "pages-text"):
        assert runs[site_id]["listing_capped"] >= 1 and runs[site_id]["status"] == "partial", runs[site_id]
        listing_requests = [p for p in groups["paging"][site_id].requests if p.startswith(COLUMN + "index")]
        assert len(listing_requests) <= 1 + 8, listing_requests  # the start page and the capped ones
    many = runs["many-links"]
    assert many["followed"] == 40 and many["detail_capped"] > 0 and many["status"] == "partial", many
    assert "many-links: pages lost:" in paging.stdout and "detail cap" in paging.stdout
    assert paging.peak_rss < results["benign"].peak_rss + RSS_MARGIN


def test_junk_pages_are_not_stored_and_losses_are_named(crawls):
    results, groups, gbk = crawls
    junk = results["paging"]
    runs = junk.runs()
    site = groups["paging"]["junk"]
    stored = {url.split("/", 3)[3] for url, _ in junk.stored("junk")}
    tricks = {path.lstrip("/"): trick.kind for path, trick in site.tricks.items()}
    for path, kind in tricks.items():
        assert (path in stored) == (kind == "500-once"), (kind, stored)
    assert all(path.lstrip("/") in stored for path in site.report_paths() if path not in site.tricks)
    run = runs["junk"]
    assert run["invalid"] == 2 and run["timed_out"] == 1 and run["status"] == "partial", run
    assert run["failed"] >= 1  # the truncated body
    remembered = {path: reason for path, reason in junk.decisions("junk").items()}
    assert remembered == {path: {"rate-limit": "rate limit", "soft-404": "junk", "truncated": "truncated"}[kind]
                          for path, kind in tricks.items() if kind in ("rate-limit", "soft-404", "truncated")}, remembered
    assert runs["waf"]["status"] == "blocked"
    charset = dict(junk.stored("wrong-charset"))
    assert len(charset) == len(gbk.entries) and all("临江市" in text for text in charset.values())


def test_errors_are_counted_per_site(crawls):
    results, _, _ = crawls
    runs = results["paging"].runs()
    assert runs["wrong-charset"]["errors"] == 0 and runs["wrong-charset"]["status"] == "ok", runs["wrong-charset"]
    assert results["benign"].runs()["benign"]["status"] == "ok"

