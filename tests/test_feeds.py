"""Plain ``scrapy crawl``: its feeds carry the fields of ``nianbao export`` (the raw page only when
asked for), and a spider run without a site says so in one line."""

import csv
import json
import subprocess
import sys

import pytest

from crawler.demo import trs
from crawler.demo.server import serve
from crawler.demo.sites import LINJIANG
from store.read import EXPORT_COLUMNS
from tests.conftest import FAST, run_nianbao
from tests.conftest import PROJECT


def scrapy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args, *FAST], capture_output=True, text=True, timeout=300, cwd=PROJECT)


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def feed_site():
    site, entries = trs.build_site(LINJIANG, ["临江市人民政府", "临江市财政局"], [2022, 2023], notices=1, per_page=3)
    with serve(site) as base:
        yield base + "/xxgk/xxgknb/index.html", [base + entry.path for entry in entries]


def test_a_feed_holds_the_rows_nianbao_export_writes_and_the_raw_page_only_when_asked_for(feed_site, tmp_path):
    listing, urls = feed_site
    db, feed, raw, export = tmp_path / "corpus.db", tmp_path / "feed.jsonl", tmp_path / "raw.csv", tmp_path / "export.jsonl"
    feeds = {str(feed): {"format": "jsonlines"}, str(raw): {"format": "csv", "fields": ["url", "title", "html"]}}
    result = scrapy("crawl", "trs", "-a", f"url={listing}", "-s", f"NIANBAO_DB={db}", "-s", "FEEDS=" + json.dumps(feeds))
    assert result.returncode == 0, result.stderr[-3000:]
    assert run_nianbao("export", "--format", "jsonl", "--out", str(export), "--db", str(db), "--include-duplicates").returncode == 0
    fed = {row["url"]: row for row in read_jsonl(feed)}
    exported = {row["url"]: row for row in read_jsonl(export)}
    assert set(fed) == set(exported) == set(urls)
    for url, row in fed.items():
        assert list(row) == list(EXPORT_COLUMNS)
        assert {name: value for name, value in row.items() if name != "removed"} == {
            name: value for name, value in exported[url].items() if name != "removed"}
    rows = list(csv.DictReader(raw.open(encoding="utf-8")))
    assert len(rows) == len(urls) and all(list(row) == ["url", "title", "html"] and "<html" in row["html"][:300].lower() for row in rows)


def test_a_spider_without_a_site_says_so_in_one_line(tmp_path):
    result = scrapy("crawl", "trs", "-s", f"NIANBAO_DB={tmp_path / 'c.db'}")
    assert "Traceback" not in result.stderr and "Task exception" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "give -a url=<listing url> or -a site_id=<registry id>" in errors[0], result.stderr
