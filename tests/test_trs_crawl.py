"""End to end: a TRS mock site with 3 listing pages crawled into SQLite."""

import sqlite3

from crawler.demo import chrome, trs
from crawler.registry import Site

PORTAL = chrome.Portal(name="青川市人民政府", domain="www.qingchuan.gov.cn", id_code="5108000003", province_short="川",
                       icp="蜀ICP备05000003号-2", police="川公网安备 51080002000003号", address="青川市人民路8号", phone="0839-7654321")
AGENCIES = ["青川市人民政府办公室", "青川市教育局", "青川市卫生健康委员会"]


def build():
    return trs.build_site(PORTAL, AGENCIES, [2022, 2023, 2024], notices=2, per_page=4, column_path="/zwgk/xxgknb/")


def rows(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return {row["url"]: dict(row) for row in con.execute("select * from reports")}


def test_every_report_lands_once_with_its_fields(mock_site, crawl):
    site, entries = build()
    with mock_site(site) as base:
        row = Site(site_id="qingchuan", name=PORTAL.name, province="四川省", city="青川市", level="city", template="trs",
                   start_url=base + "/zwgk/xxgknb/index.html")
        result, db = crawl([row])
    assert result.returncode == 0, result.stderr[-3000:]
    listing_requests = [r.path for r in site.requests if "/index" in r.path]
    assert sorted(listing_requests) == ["/zwgk/xxgknb/index.html", "/zwgk/xxgknb/index_1.html", "/zwgk/xxgknb/index_2.html"]
    assert not [r for r in site.requests if r.path.startswith("/xxgk/tzgg/")], "left the column"
    stored = rows(db)
    assert len(stored) == len(entries) == 11
    for entry in entries:
        report = stored[base + entry.path]
        assert report["site_id"] == "qingchuan"
        assert report["title"] == entry.title
        assert report["year"] == entry.report.year
        assert report["kind"] == entry.kind
        assert report["published"] == entry.published
        assert report["agency"] == entry.agency
        assert (report["province"], report["city"], report["county"]) == ("四川省", "青川市", None)
        assert report["original_script"] == "simplified"
        assert report["content_hash"] and report["fetched_at"]
        assert entry.report.blocks[-1][1] in report["text"]
        assert "扫一扫" not in report["text"] and "ICP备" not in report["text"]
    assert "summary" in result.stdout and "qingchuan" in result.stdout


def test_recrawl_updates_rows_instead_of_duplicating(mock_site, crawl):
    """A second crawl that fetches every page again (--refresh) stores each report in place: one
    row and one source per URL. (The same on the store alone: tests/test_store.py.)"""
    site, entries = build()
    with mock_site(site) as base:
        row = Site(site_id="qingchuan", template="trs", start_url=base + "/zwgk/xxgknb/index.html")
        crawl([row])
        result, db = crawl([row], "--refresh")
    assert result.returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("select count(*), count(distinct url), count(distinct id) from reports").fetchone() == (11, 11, 11)
    assert con.execute("select count(*) from report_sources").fetchone() == (11,)
    assert con.execute("select stored, unchanged from crawl_runs order by finished_at desc limit 1").fetchone() == (11, 11)


def test_unreachable_site_fails_with_nonzero_exit(crawl):
    row = Site(site_id="gone", template="trs", start_url="http://127.0.0.1:9/xxgk/index.html")
    result, _ = crawl([row], "-s", "RETRY_TIMES=0")
    assert result.returncode == 1
    assert "gone" in result.stdout and "failed" in result.stdout


def test_crawl_records_sites_and_run_outcome(mock_site, crawl):
    site, entries = build()
    with mock_site(site) as base:
        row = Site(site_id="qingchuan", province="四川省", template="trs", start_url=base + "/zwgk/xxgknb/index.html")
        result, db = crawl([row])
    con = sqlite3.connect(db)
    assert con.execute("select site_id, province, template from sites").fetchall() == [("qingchuan", "四川省", "trs")]
    assert con.execute("select site_id, status, listing_pages, stored from crawl_runs").fetchall() == [("qingchuan", "ok", 3, 11)]
