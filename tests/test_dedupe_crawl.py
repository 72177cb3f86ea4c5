"""End to end: a city portal, a department's own site and a Traditional mirror publish the same
reports; the corpus holds one canonical report per group with every source URL."""

import sqlite3

from crawler.demo import chrome, mirror, trs
from crawler.registry import Site
from pipelines.storage import report_id

PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                       icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号", phone="0550-1234567")
BUREAU = chrome.Portal(name="临江市财政局", domain="czj.linjiang.gov.cn", id_code="3499000101", province_short="皖",
                       icp="皖ICP备09000001号-3", police="皖公网安备 34990002000101号", address="临江市财政大厦", phone="0550-2345678")
MIRROR = chrome.Portal(name="政務信息轉載網", domain="www.zwxx-mirror.com", id_code="", province_short="港",
                       icp="", police="", address="", phone="")
AGENCIES = ["临江市人民政府", "临江市财政局", "临江市教育局"]
YEARS = [2022, 2023]


def test_republished_reports_are_stored_once_with_all_their_sources(mock_site, crawl):
    portal, portal_entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1, per_page=4)
    bureau, bureau_entries = trs.build_site(BUREAU, ["临江市财政局"], YEARS, notices=0, column_path="/zwgk/ndbg/")
    copies_site, copies = mirror.build_mirror(MIRROR, portal_entries)
    with mock_site(portal) as portal_base, mock_site(copies_site) as mirror_base:
        first, db = crawl([
            Site(site_id="linjiang", name=PORTAL.name, level="city", template="trs", start_url=portal_base + "/xxgk/xxgknb/index.html"),
            Site(site_id="mirror", name=MIRROR.name, level="mirror", template="trs", start_url=mirror_base + "/zfxxgk/nb/index.html"),
        ])
        with mock_site(bureau) as bureau_base:
            second, _ = crawl([Site(site_id="czj", name=BUREAU.name, level="department", template="trs",
                                    start_url=bureau_base + "/zwgk/ndbg/index.html")])
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:] + second.stderr[-2000:]

    con = sqlite3.connect(db)
    reports = {url: (rid, dup_of) for url, rid, dup_of in con.execute("select url, id, dup_of from reports")}
    assert len(reports) == len(portal_entries) + len(bureau_entries) + len(copies)
    sources = {}
    for rid, url in con.execute("select report_id, url from report_sources"):
        sources.setdefault(rid, set()).add(url)

    for entry in portal_entries:
        urls = {portal_base + entry.path}
        if entry.kind == "annual":
            urls |= {mirror_base + c.path for c in copies if (c.agency, c.report.year) == (entry.agency, entry.report.year)}
            urls |= {bureau_base + b.path for b in bureau_entries if (b.agency, b.report.year) == (entry.agency, entry.report.year)}
        own = [url for url in urls if url.startswith(bureau_base)] or [portal_base + entry.path]
        canonical = report_id(own[0])
        assert sources[canonical] == urls, entry.title
        for url in urls:
            assert reports[url] == (report_id(url), None if url == own[0] else canonical)
    assert len(sources) == len(portal_entries)
    assert con.execute("select count(*) from dedupe_signatures").fetchone() == (len(reports),)
