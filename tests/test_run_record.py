"""Crawls started with plain ``scrapy crawl`` (as Scrapyd does) are recorded in ``crawl_runs`` too;
debugging commands that do not crawl the site leave no record."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.demo import trs
from crawler.demo.sites import LINJIANG

from .conftest import FAST

PROJECT = Path(__file__).resolve().parents[1]


def scrapy(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "scrapy", *args, *FAST], capture_output=True, text=True, timeout=300, cwd=PROJECT)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    con = sqlite3.connect(db)
    if not con.execute("select 1 from sqlite_master where name = 'crawl_runs'").fetchone():
        return []
    return con.execute("select site_id, template, status, listing_pages, stored, finish_reason from crawl_runs").fetchall()


def test_scrapy_crawl_records_its_run_and_scrapy_parse_does_not(mock_site, tmp_path):
    site, entries = trs.build_site(LINJIANG, ["临江市人民政府", "临江市财政局"], [2022, 2023], notices=1, per_page=3)
    db = tmp_path / "corpus.db"
    with mock_site(site) as base:
        listing = base + "/xxgk/xxgknb/index.html"
        scrapy("parse", "--spider", "trs", "-a", f"url={listing}", "-c", "parse_report", "-s", f"NIANBAO_DB={db}", base + entries[0].path)
        assert runs(db) == []
        scrapy("crawl", "trs", "-a", f"url={listing}", "-s", f"NIANBAO_DB={db}")
    [(site_id, template, status, listing_pages, stored, reason)] = runs(db)
    assert (template, status, listing_pages, stored, reason) == ("trs", "ok", 2, len(entries), "finished")
    assert sqlite3.connect(db).execute("select site_id from sites").fetchall() == [(site_id,)]


def corpus_rows(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    return [tuple(row) for table in ("reports", "report_sources", "dedupe_signatures")
            for row in con.execute(f"select * from {table} order by 1")]


def test_scrapy_parse_with_pipelines_cleans_but_never_stores(mock_site, tmp_path):
    """The README's debugging step, on pages already stored under their registry site: an ad hoc
    ``-a url=`` must not take over their rows, their groups or their sources."""
    site, entries = trs.build_site(LINJIANG, ["临江市人民政府", "临江市财政局"], [2022, 2023], notices=1, per_page=3)
    db = tmp_path / "corpus.db"
    with mock_site(site) as base:
        listing = base + "/xxgk/xxgknb/index.html"
        scrapy("crawl", "trs", "-a", f"url={listing}", "-a", "site_id=ignored", "-s", f"NIANBAO_DB={db}")
        before = corpus_rows(db)
        for entry in entries[:2]:
            result = scrapy("parse", "--spider", "ucap", "-a", f"url={base}/elsewhere/index.html", "-c", "parse_report", "--pipelines",
                            "-s", f"NIANBAO_DB={db}", base + entry.path)
            assert entry.title in result.stdout, "the cleaned item is shown"
    assert corpus_rows(db) == before
