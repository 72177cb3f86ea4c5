"""End to end: Hanweb mock sites (POST, GET-only and old JavaScript proxies) crawled into SQLite."""

import sqlite3

import pytest

from crawler.demo import chrome, hanweb
from crawler.registry import Site

PORTAL = chrome.Portal(name="云溪市人民政府", domain="www.yunxi.gov.cn", id_code="3307000005", province_short="浙",
                       icp="浙ICP备05000005号-1", police="浙公网安备 33070002000005号", address="云溪市府前路1号", phone="0579-1234567")
AGENCIES = ["云溪市人民政府", "云溪市人民政府办公室"]
DEPARTMENTS = ["云溪市教育局", "云溪市民政局"]
YEARS = [2021, 2022, 2023, 2024]


def stored(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return {row["url"]: dict(row) for row in con.execute("select * from reports")}


@pytest.mark.parametrize("proxy", ["post", "get", "js"])
def test_every_record_of_every_unit_lands_once(mock_site, crawl, proxy):
    site, entries = hanweb.build_site(PORTAL, AGENCIES, DEPARTMENTS, YEARS, notices=3, proxy=proxy)
    with mock_site(site) as base:
        row = Site(site_id="yunxi", province="浙江省", city="云溪市", template="hanweb", start_url=base + site.column_path)
        result, db = crawl([row])
    assert result.returncode == 0, result.stderr[-3000:]
    reports = stored(db)
    assert sorted(reports) == sorted(base + e.path for e in entries)
    for entry in entries:
        report = reports[base + entry.path]
        assert (report["title"], report["kind"], report["year"]) == (entry.title, entry.kind, entry.report.year)
        assert entry.report.blocks[-1][1] in report["text"]
    assert {e.kind for e in entries} == {"annual", "other"}
    assert not [r for r in site.requests if r.path == hanweb.OTHER_COLUMN_ARTICLE], "left the column"
    article_fetches = [r.path for r in site.requests if r.path.startswith("/art/")]
    assert len(article_fetches) == len(set(article_fetches)) == len(entries)
    proxy_calls = [r for r in site.requests if r.path == site.proxy_url]
    if proxy == "post":
        assert {r.method for r in proxy_calls} == {"POST"}
        assert all(r.form()["columnid"] and r.form()["unitid"] for r in proxy_calls)
    else:
        assert [r for r in proxy_calls if r.method == "GET" and r.arg("page")]


def test_skip_setting_drops_non_reports(mock_site, crawl):
    site, entries = hanweb.build_site(PORTAL, AGENCIES, DEPARTMENTS, YEARS, notices=3)
    with mock_site(site) as base:
        row = Site(site_id="yunxi", template="hanweb", start_url=base + site.column_path)
        result, db = crawl([row], "-s", "NIANBAO_SKIP_NON_REPORTS=True")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(stored(db)) == sorted(base + e.path for e in entries if e.kind != "other")
