"""Shared fixtures: mock sites on 127.0.0.1 and crawls run as a user runs them."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo import chrome, trs
from crawler.demo.server import serve
from crawler.demo.sites import LINJIANG, demo_builds
from crawler.registry import Site, write_sites

TESTS = Path(__file__).parent
SEEDS = TESTS / "data" / "seeds"
FIXTURES = TESTS / "fixtures"
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]


PROJECT = TESTS.parent
SITES = len(demo_builds())  # the demo sites, one port each


def free_port_block(count: int = SITES) -> int:
    """The first of ``count`` consecutive ports free on 127.0.0.1."""
    for _ in range(100):
        first = random.randrange(20000, 60000)
        sockets = []
        try:
            for port in range(first, first + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise AssertionError("no block of free ports")


@pytest.fixture(scope="session")
def served_demo():
    """``nianbao demo --serve`` on free ports; yields the first port."""
    port = free_port_block()
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    try:
        for _ in range(1 + SITES):  # the heading, then one line per site once all are served
            process.stdout.readline()
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def mock_site():
    """``with mock_site(site) as base_url``: serve a mock site for part of a test."""
    return serve


def run_nianbao(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the ``nianbao`` console script in a fresh process, as a user would."""
    command = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def crawl(tmp_path):
    """Crawl registry rows into a fresh corpus; returns (process result, db path)."""

    def run(sites, *extra: str):
        registry = tmp_path / "sites.csv"
        db = tmp_path / "corpus.db"
        write_sites(registry, sites)
        result = run_nianbao("crawl", "--sites", str(registry), "--db", str(db), *FAST, *extra)
        return result, db

    return run


@dataclass
class CrawledCorpus:
    """A corpus crawled from mock TRS sites, with what each site published."""

    db: Path
    entries: dict  # report URL -> crawler.demo.trs.Entry
    provinces: dict  # report URL -> province of the site that published it


CORPUS_SITES = (
    # site_id, province, city, portal, agencies, years
    ("linjiang-demo", "安徽省", "临江市", LINJIANG, ["临江市人民政府", "临江市财政局"], [2021, 2022, 2023]),
    ("qingchuan-demo", "四川省", "青川市", chrome.Portal(name="青川市人民政府", domain="www.qingchuan.gov.cn", id_code="5108000003", province_short="川",
                                                  icp="蜀ICP备05000003号-2", police="川公网安备 51080002000003号", address="青川市人民路8号", phone="0839-7654321"),
     ["青川市教育局", "青川市卫生健康委员会"], [2022, 2023]),
)


@pytest.fixture(scope="session")
def crawled_corpus(tmp_path_factory) -> CrawledCorpus:
    """Two mock sites in two provinces crawled once per test session with ``nianbao crawl``."""
    folder = tmp_path_factory.mktemp("corpus")
    entries, provinces, rows = {}, {}, []
    with ExitStack() as stack:
        for site_id, province, city, portal, agencies, years in CORPUS_SITES:
            site, published = trs.build_site(portal, agencies, years, notices=1, per_page=4)
            base = stack.enter_context(serve(site))
            rows.append(Site(site_id=site_id, name=portal.name, province=province, city=city, level="city", template="trs",
                             start_url=base + "/xxgk/xxgknb/index.html"))
            for entry in published:
                entries[base + entry.path] = entry
                provinces[base + entry.path] = province
        write_sites(folder / "sites.csv", rows)
        result = run_nianbao("crawl", "--sites", str(folder / "sites.csv"), "--db", str(folder / "corpus.db"), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return CrawledCorpus(folder / "corpus.db", entries, provinces)
