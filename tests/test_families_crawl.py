"""End to end: the Lonsun, gkmlpt, Ucap and generic mock sites crawled completely into SQLite."""

import sqlite3

import pytest

from crawler.demo import chrome, generic, gkmlpt, lonsun, ucap
from crawler.registry import Site

PORTAL = chrome.Portal(name="松原市人民政府", domain="www.songyuan.gov.cn", id_code="3415000006", province_short="皖",
                       icp="皖ICP备05000006号-1", police="皖公网安备 34150002000006号", address="松原市梅山路1号", phone="0564-1234567")
AGENCIES = ["松原市人民政府", "松原市财政局", "松原市交通运输局"]
YEARS = [2022, 2023, 2024]


def stored(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return {row["url"]: dict(row) for row in con.execute("select * from reports")}


def assert_complete(site, entries, base, db, template):
    reports = stored(db)
    assert sorted(reports) == sorted(base + e.path for e in entries)
    for entry in entries:
        report = reports[base + entry.path]
        assert (report["title"], report["kind"], report["year"]) == (entry.title, entry.kind, entry.report.year), template
        assert report["published"] == entry.published
        assert entry.report.blocks[-1][1] in report["text"]
        assert "扫一扫" not in report["text"] and "ICP备" not in report["text"]
    fetched = [r.path for r in site.requests if r.path in {e.path for e in entries}]
    assert len(fetched) == len(set(fetched)) == len(entries), "a report fetched twice"
    return reports


def crawl_family(mock_site, crawl, site, entries, template, start_path, *extra):
    with mock_site(site) as base:
        row = Site(site_id=f"songyuan-{template}", province="安徽省", city="松原市", template=template, start_url=base + start_path)
        result, db = crawl([row], *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return base, db, result


def test_lonsun_walks_page_index_up_to_page_count(mock_site, crawl):
    site, entries = lonsun.build_site(PORTAL, AGENCIES, YEARS)
    base, db, _ = crawl_family(mock_site, crawl, site, entries, "lonsun", site.column_url)
    reports = assert_complete(site, entries, base, db, "lonsun")
    listing = sorted(int(r.arg("pageIndex") or 1) for r in site.requests if r.path.startswith("/public/column/"))
    assert listing == [1, 2, 3]
    assert not [r for r in site.requests if r.path == lonsun.SIDEBAR_ARTICLE.format(org=site.org) or r.arg("catId") == "7190001"]
    assert all(reports[base + e.path]["index_no"] == e.index_no for e in entries)


def test_gkmlpt_reads_every_api_page(mock_site, crawl):
    site, entries = gkmlpt.build_site(PORTAL, AGENCIES, YEARS)
    base, db, _ = crawl_family(mock_site, crawl, site, entries, "gkmlpt", site.ui_url)
    reports = assert_complete(site, entries, base, db, "gkmlpt")
    pages = sorted(int(r.arg("page")) for r in site.requests if r.path.startswith("/gkmlpt/api/"))
    assert pages == list(range(1, site.pages + 1)) and site.pages >= 3
    assert all(reports[base + e.path]["index_no"] == e.index_no and reports[base + e.path]["agency"] == e.agency for e in entries)


def test_ucap_static_home_pages_and_a_page_in_the_wrong_charset(mock_site, crawl):
    site, entries = ucap.build_site(PORTAL, AGENCIES, YEARS)
    base, db, _ = crawl_family(mock_site, crawl, site, entries, "ucap", "/zwgk/xxgknb/home.htm")
    assert_complete(site, entries, base, db, "ucap")
    listing = sorted(r.path for r in site.requests if "/home" in r.path)
    assert listing == ["/zwgk/xxgknb/home.htm", "/zwgk/xxgknb/home_1.htm", "/zwgk/xxgknb/home_2.htm"]
    assert not [r for r in site.requests if r.path.startswith("/zwgk/tzgg/")]


def test_generic_follows_next_page_links_on_a_gbk_site(mock_site, crawl):
    site, entries = generic.build_site(PORTAL, AGENCIES, YEARS)
    base, db, _ = crawl_family(mock_site, crawl, site, entries, "generic", "/zfxxgk/ndbg/list.html")
    assert_complete(site, entries, base, db, "generic")
    assert not [r for r in site.requests if r.path.startswith("/zfxxgk/gzdt/")]


def test_listing_cap_stops_a_walk(mock_site, crawl):
    site, entries = generic.build_site(PORTAL, AGENCIES, YEARS)
    base, db, _ = crawl_family(mock_site, crawl, site, entries, "generic", "/zfxxgk/ndbg/list.html", "-s", "NIANBAO_MAX_LISTING_PAGES=1")
    listing = {r.path for r in site.requests if "/list" in r.path}
    assert listing == {"/zfxxgk/ndbg/list.html", "/zfxxgk/ndbg/list_2.html"}
    assert len(stored(db)) == 8
