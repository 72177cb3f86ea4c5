"""Sniffing: each mock site's family named from its root (``nianbao sniff``), the column found
by discovery, and ``template=auto`` crawling the column it found."""

import sqlite3

import pytest

from crawler import sniff
from crawler.demo import chrome, generic, gkmlpt, hanweb, lonsun, trs, ucap
from crawler.registry import Site

from .conftest import FAST, run_nianbao

PORTAL = chrome.Portal(name="桐川市人民政府", domain="www.tongchuan.gov.cn", id_code="3418000007", province_short="皖",
                       icp="皖ICP备05000007号-1", police="皖公网安备 34180002000007号", address="桐川市府前街1号", phone="0563-1234567")
AGENCIES = ["桐川市人民政府", "桐川市统计局"]
YEARS = [2023, 2024]

BUILDS = {
    "hanweb": (lambda: hanweb.build_site(PORTAL, AGENCIES, ["桐川市民政局"], YEARS), lambda site: site.column_path),
    "trs": (lambda: trs.build_site(PORTAL, AGENCIES, YEARS), lambda site: "/xxgk/xxgknb/index.html"),
    "lonsun": (lambda: lonsun.build_site(PORTAL, AGENCIES, YEARS), lambda site: site.column_url),
    "gkmlpt": (lambda: gkmlpt.build_site(PORTAL, AGENCIES, YEARS), lambda site: site.ui_url),
    "ucap": (lambda: ucap.build_site(PORTAL, AGENCIES, YEARS), lambda site: "/zwgk/xxgknb/home.htm"),
    "generic": (lambda: generic.build_site(PORTAL, AGENCIES, YEARS), lambda site: "/zfxxgk/ndbg/list.html"),
}


@pytest.mark.parametrize("family", sorted(BUILDS))
def test_sniff_names_the_family_and_the_column_from_the_root(mock_site, family):
    build, column_path = BUILDS[family]
    site, _entries = build()
    with mock_site(site) as base:
        result = run_nianbao("sniff", base + "/", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"family:   {family}\n" in result.stdout
    assert f"listing:  {base}{column_path(site)}\n" in result.stdout
    assert "evidence: " in result.stdout


def test_sniff_of_a_column_url_sniffs_it_directly_and_leaves_the_corpus_alone(mock_site, tmp_path):
    site, _entries = lonsun.build_site(PORTAL, AGENCIES, YEARS)
    corpus = tmp_path / "corpus.db"
    with mock_site(site) as base:
        result = run_nianbao("sniff", base + site.column_url, *FAST, env={"NIANBAO_DB": str(corpus)})
    assert "family:   lonsun" in result.stdout
    paths = [r.path for r in site.requests if r.path != "/robots.txt"]
    assert paths[0] == "/public/column/6596611" and len(paths) == 3  # the column, then two of its reports
    assert not corpus.exists()


def test_sniff_without_a_column_says_so(mock_site):
    site, _entries = trs.build_site(PORTAL, AGENCIES, YEARS)
    site.add("/", "<html><head><title>桐川市人民政府</title></head><body><a href='/about.html'>走进桐川</a></body></html>".encode())
    with mock_site(site) as base:
        result = run_nianbao("sniff", base + "/", *FAST)
    assert result.returncode == 1
    assert f"no annual-report column found from {base}/" in result.stderr


def test_sniff_of_a_missing_page_says_it_could_not_be_fetched(mock_site):
    site, _entries = trs.build_site(PORTAL, AGENCIES, YEARS)
    site.pages.pop("/")
    with mock_site(site) as base:
        result = run_nianbao("sniff", base + "/", *FAST)
    assert result.returncode == 1
    assert f"the page could not be fetched (HTTP 404) from {base}/" in result.stderr


@pytest.mark.parametrize("family", ["hanweb", "gkmlpt", "generic"])
def test_auto_template_crawls_the_discovered_column(mock_site, crawl, family):
    site, entries = BUILDS[family][0]()
    with mock_site(site) as base:
        row = Site(site_id=f"tongchuan-{family}", template="auto", start_url=base + "/")
        result, db = crawl([row])
    assert result.returncode == 0, result.stderr[-3000:]
    con = sqlite3.connect(db)
    rows = dict(con.execute("select url, kind from reports").fetchall())
    assert rows == {base + e.path: e.kind for e in entries}


def test_fingerprint_weighs_the_signs():
    column = '<script>$("#1").jpage({totalRecord:9, proxyUrl:"/module/web/jpage/dataproxy.jsp"})</script>'
    assert sniff.fingerprint(column).family == "hanweb"
    assert sniff.fingerprint('<script>createPageHTML(3, 0, "index", "html");</script><a href="./202401/t20240110_1.html">x</a>').family == "trs"
    assert sniff.fingerprint('<script>createPageHTML(3, 0, "index", "html");</script>').family == "generic"  # a pager alone is copied
    assert sniff.fingerprint("<script>$.ajax({url: '/messageController/getMessage.do'})</script>").family == "truecms"
    result = sniff.fingerprint("<html><body><ul><li><a href='a.html'>x</a></li></ul></body></html>", "http://x.gov.cn/nb/")
    assert result.family == "generic" and result.evidence[0] == "no family shows enough signs"


def test_sniff_of_several_urls_in_one_process_names_each_and_an_unreachable_one(mock_site):
    site, _entries = trs.build_site(PORTAL, AGENCIES, YEARS)
    with mock_site(site) as base:
        result = run_nianbao("sniff", base + "/", "http://127.0.0.1:9/", *FAST, "-s", "RETRY_TIMES=0")
    assert result.returncode == 1
    first, second = result.stdout.split("url:")[1:]
    assert first.startswith(f"      {base}/\n") and "family:   trs" in first and "listing:  " in first
    assert second.startswith("      http://127.0.0.1:9/\n") and "family:" not in second
    assert "the page could not be fetched (DownloadConnectionRefusedError) from http://127.0.0.1:9/" in result.stderr
